## Messagerie : conversations, relais par courriel, boîtes partagées, modération,
## revendication des projets, préférences de notification et jetons d'API.

## En-tête et navigation

nav-messages = Messages
nav-messages-unread = conversations non lues
space-tab-messages = Messages
space-tab-claims = Porteurs
coord-nav-messages = Messages
coord-nav-moderation = Modération
coord-nav-claims = Porteurs de projets
contact-signed-in = Vous êtes connecté·e : écrivez plutôt depuis votre messagerie, la réponse y arrivera.

## Boîte de réception

messaging-inbox = Messagerie
messaging-folders = Dossiers
messaging-folder-current = Conversations
messaging-folder-archived = Archives
messaging-write-coordination = Écrire aux coordinateurs
messaging-blocked-people = Personnes bloquées
messaging-export = Exporter mes conversations (JSON)
messaging-unread = Non lu
messaging-held-badge = En attente de vérification
messaging-muted-badge = Sourdine
messaging-archived-badge = Archivée
messaging-with = Avec
messaging-for = pour { $inbox }
messaging-about = À propos de
messaging-none = Aucune conversation pour l'instant. Écrivez au porteur d'un projet depuis sa page, à un partenaire depuis sa fiche, ou aux coordinateurs.
messaging-none-archived = Aucune conversation archivée.

## Conversation

messaging-participants = Participants :
messaging-messages = Messages de la conversation
messaging-via-mail = par courriel
messaging-removed = Ce message a été retiré par la modération.
messaging-held-note = Ce message attend la vérification des coordinateurs : vos premiers messages contenant des liens sont relus avant d'être transmis.
messaging-message-actions = Signaler ou bloquer
messaging-report-reason = Pourquoi signalez-vous ce message ? (facultatif)
messaging-report = Signaler aux coordinateurs
messaging-block = Bloquer { $name }
messaging-reply = Répondre
messaging-reply-as = Répondre au nom de { $inbox }
messaging-body = Votre message
messaging-body-hint = Texte simple ; la mise en forme Markdown (gras, listes, liens) est acceptée. 10 000 caractères au plus.
messaging-send = Envoyer
messaging-settings = Réglages de la conversation
messaging-archive = Archiver
messaging-unarchive = Remettre dans la boîte
messaging-mute = Mettre en sourdine
messaging-unmute = Réactiver les courriels
messaging-mute-hint = En sourdine, vous ne recevez plus de courriel pour cette conversation ; les messages restent ici. Un nouveau message sort une conversation des archives.
messaging-deleted-user = Compte supprimé
messaging-holder = Porteur·se du projet
messaging-coordination = Coordination du collectif

## Messages de retour

messaging-sent = Votre message est envoyé.
messaging-held = Votre message est envoyé aux coordinateurs pour vérification : comme votre compte est récent et que le message contient un lien, il sera transmis une fois relu.
messaging-archived = Conversation archivée.
messaging-unarchived = La conversation est de retour dans votre boîte.
messaging-muted = Conversation en sourdine : plus de courriel à son sujet.
messaging-unmuted = Vous recevrez de nouveau les courriels de cette conversation.
messaging-blocked = Cette personne ne souhaite pas recevoir vos messages. Votre message n'a pas été envoyé.
messaging-blocked-done = Cette personne est bloquée : ses messages vous seront refusés. Vous pouvez la débloquer depuis « Personnes bloquées ».
messaging-block-unknown = Cette personne ne peut pas être bloquée ici.
messaging-unblocked = Cette personne n'est plus bloquée.
messaging-reported = Merci : le message est transmis aux coordinateurs, qui le liront avec son contexte.
messaging-report-unknown = Ce message ne peut pas être signalé.
messaging-poll-invalid = Paramètre « apres » invalide.
messaging-verification-sent = Un nouveau lien de vérification vient de vous être envoyé.

## Nouvelle conversation

start-new = Nouvelle conversation
start-title-project = Contacter le porteur du projet
start-title-partner = Écrire à { $partner }
start-title-coordination = Écrire aux coordinateurs du collectif
start-subject = Objet
start-privacy = Votre adresse électronique n'est jamais montrée : les réponses vous arrivent dans votre messagerie Carrefour, avec une notification par courriel.
start-reach-holders = Votre message arrivera dans la messagerie Carrefour de : { $names }.
start-reach-relay = Ce projet n'a pas encore de porteur inscrit sur Carrefour : votre message lui est transmis par courriel à l'adresse de contact connue, sans montrer la vôtre. Sa réponse arrivera ici.
start-reach-partners = Aucune adresse de contact n'est connue pour ce projet : votre message ira aux partenaires qui l'ont repéré ({ $names }).
start-reach-coordination = Votre message arrivera dans la boîte partagée des coordinateurs ({ $names }).
messaging-verify-first = Confirmez d'abord votre adresse électronique avec le lien que nous vous avons envoyé : seules les personnes dont l'adresse est vérifiée peuvent écrire.
messaging-verification-resend = Renvoyer le lien de vérification
messaging-holders-declined = Les porteurs de ce projet ne souhaitent pas être contactés par Carrefour. Vous pouvez écrire aux partenaires qui l'ont repéré.
messaging-nobody = Personne ne peut être joint pour l'instant.
messaging-own-project = Vous êtes porteur·se de ce projet : vous ne pouvez pas vous écrire à vous-même.
messaging-own-inbox = Vous recevez déjà les messages de cette boîte : écrivez depuis votre messagerie.
messaging-limit-day = Vous avez commencé beaucoup de conversations aujourd'hui. Pour éviter les envois en masse, réessayez demain ; votre texte est conservé ci-dessous.
messaging-limit-recipient = Vous avez déjà écrit plusieurs fois à ce destinataire cette semaine. Attendez sa réponse ou poursuivez la conversation existante ; votre texte est conservé ci-dessous.

## Liens de relais

relay-label = Conversation relayée par Carrefour
relay-intro = Ce lien ouvre cette conversation seulement, sans compte et sans connexion. Il reste valable jusqu'au { $date } ; chaque nouveau message vous en envoie un nouveau.
relay-options = Vos choix
relay-claim = Revendiquer ce projet
relay-claim-why = créez un compte (ou connectez-vous) : les messages arriveront dans votre messagerie et vous pourrez corriger la fiche du projet.
relay-stop = Ne plus recevoir cette conversation
relay-no-account = Carrefour ne communique votre adresse à personne. Si ce message ne vous concerne pas, ignorez-le ou cessez de le recevoir.
relay-invalid-title = Lien inutilisable
relay-invalid-help = Si vous attendiez une conversation ici, utilisez le lien du dernier courriel reçu, ou répondez directement à ce courriel.
relay-claim-confirm = Vous êtes connecté·e en tant que { $name }. Ce lien a été envoyé à l'adresse de contact du projet : en confirmant, vous devenez porteur·se du projet sur Carrefour et ses conversations arrivent dans votre messagerie.
relay-back = Revenir à la conversation
messaging-relay-stopped = C'est noté : vous ne recevrez plus de message de cette conversation et son lien ne fonctionne plus.
messaging-relay-blocked = L'expéditeur est bloqué : ses messages ne vous seront plus transmis.
messaging-link-unknown = Ce lien n'existe pas. Vérifiez qu'il est complet.
messaging-link-expired = Ce lien a expiré.
messaging-link-revoked = Ce lien a été désactivé (la conversation a été arrêtée ou le projet a été revendiqué : connectez-vous pour la retrouver).
messaging-link-used = Ce lien a déjà servi.

## Boîtes partagées (partenaires et coordination)

inbox-title = Messages reçus
inbox-title-coordination = Messages aux coordinateurs
inbox-intro = Toutes les conversations adressées à cette boîte. Confiez-en une à un membre : il la lira et y répondra aussi. Marquez-la traitée quand c'est fini ; un nouveau message la rouvre.
inbox-open = À traiter
inbox-done = Traitées
inbox-col-subject = Objet
inbox-col-from = De
inbox-col-assigned = Confiée à
inbox-col-last = Dernier message
inbox-none-open = Rien à traiter.
inbox-none-done = Aucune conversation traitée.
inbox-panel-label = Boîte partagée { $inbox }
inbox-status-open = À traiter
inbox-status-done = Traitée
inbox-assigned-to = Confiée à { $name }
inbox-unassigned = Non attribuée
inbox-assign-to = Confier à
inbox-nobody = Personne
inbox-assign = Attribuer
inbox-mark-done = Marquer comme traitée
inbox-reopen = Rouvrir
inbox-assigned = Attribution enregistrée.
inbox-done-flash = Conversation marquée comme traitée.
inbox-reopened = Conversation rouverte.
inbox-assignee-unknown = Cette personne ne peut pas recevoir cette conversation.

## Modération

moderation-title = Modération
moderation-intro = Les messages retenus (premiers messages avec des liens de comptes récents) et les messages signalés, avec leur contexte. Publiez, retirez, ou écartez un signalement.
moderation-empty = Rien à modérer.
moderation-held = Retenu
moderation-reported = Signalé
moderation-context = Messages précédents
moderation-author-account = Compte de l'auteur
moderation-reports = Signalements
moderation-reported-by = Signalé par { $name }
moderation-dismiss = Écarter
moderation-publish = Publier
moderation-keep = Garder le message
moderation-remove = Retirer le message
moderation-revoke-relay = Désactiver les liens de relais
moderation-published = Message publié.
moderation-removed = Message retiré.
moderation-dismissed = Signalement écarté.
moderation-relay-revoked = Les liens de relais de cette conversation sont désactivés.
moderation-decision-unknown = Décision inconnue.

## Blocages

blocks-intro = Les personnes que vous avez bloquées ne peuvent plus vous écrire ni écrire dans vos conversations.
blocks-none = Vous n'avez bloqué personne.
blocks-since = depuis le { $date }
blocks-unblock = Débloquer { $name }

## Fiche projet : contact et porteurs

project-claimed = Porteur inscrit
project-contact-heading = Contacter
project-contact-holders = Porteurs sur Carrefour : { $names }.
project-contact-corrected = La présentation a été corrigée par ses porteurs ; la fiche d'origine des partenaires reste consultable chez eux.
project-contact-edit = Modifier la fiche (porteur)
project-contact-declined = Les porteurs ne souhaitent pas être contactés par Carrefour.
project-contact-holder = Contacter le porteur
project-contact-relay = Transmis par courriel, votre adresse reste privée.
project-contact-partners = Aucune adresse connue : le message ira aux partenaires qui l'ont repéré.
project-contact-partner = Écrire à { $partner }
project-contact-claim = Vous portez ce projet ? Revendiquez-le.
project-contact-also-holder = Vous portez aussi ce projet ?
partner-contact-write = Écrire à ce partenaire

## Revendication

claim-title = Revendiquer ce projet
claim-intro = Devenez porteur·se de « { $project } » sur Carrefour : les messages arriveront dans votre messagerie, vous pourrez corriger sa présentation et choisir d'être contacté·e ou non.
claim-by-mail = Par l'adresse de contact du projet
claim-by-mail-intro = Nous envoyons un lien à l'adresse de contact connue ({ $email }). Ouvrez-le en étant connecté·e avec ce compte : la revendication est validée aussitôt.
claim-by-mail-submit = Recevoir le lien
claim-by-request = Par une demande aux partenaires
claim-by-request-intro = Expliquez votre lien avec le projet ; un partenaire qui l'a repéré ({ $partners }) validera votre demande.
claim-message = Votre demande
claim-message-hint = Votre rôle dans le projet et comment le vérifier (10 caractères au moins).
claim-request-submit = Envoyer la demande
claim-mine-pending = Votre demande est en attente de la décision d'un partenaire.
claim-mine-approved = Vous êtes porteur·se de ce projet.
claim-mine-rejected = Votre demande a été refusée.
claim-mine-revoked = Votre revendication a été retirée.
claim-reason = Motif : { $reason }
claim-confirm-intro = Vous êtes connecté·e en tant que { $name }. Confirmez pour devenir porteur·se du projet.
claim-confirm-submit = Confirmer la revendication
claim-other-account = Ce lien a été demandé depuis un autre compte. Connectez-vous avec le compte qui a fait la demande.
claim-approved = C'est fait : vous êtes porteur·se du projet. Ses conversations arrivent désormais dans votre messagerie.
claim-link-sent = Un lien vient d'être envoyé à l'adresse de contact du projet. Il est valable 48 heures.
claim-requested = Votre demande est transmise aux partenaires qui ont repéré le projet.
claim-already = Vous avez déjà une revendication en cours ou validée pour ce projet.
claim-no-address = Aucune adresse de contact n'est connue pour ce projet : faites une demande aux partenaires.
claim-no-partner = Aucun partenaire actif ne repère ce projet : écrivez aux coordinateurs.
claim-limit = Trop de liens demandés aujourd'hui ; réessayez demain.
claim-method-email = Lien à l'adresse de contact
claim-method-relay = Réponse à un message relayé
claim-method-request = Demande validée par un partenaire
claims-title = Porteurs de projets
claims-pending = Demandes à examiner
claims-approved = Porteurs validés
claims-by = Demandé par { $name } ({ $email })
claims-reason = Motif
claims-reason-hint = Obligatoire pour refuser ; communiqué à la personne.
claims-approve = Valider
claims-reject = Refuser
claims-none-pending = Aucune demande en attente.
claims-none-approved = Aucun porteur inscrit pour l'instant.
claims-col-project = Projet
claims-col-holder = Porteur
claims-col-how = Validé par
claims-col-revoke = Retirer
claims-revoke-reason = Motif du retrait
claims-revoke = Retirer
claim-approved-by-partner = La demande est validée ; la personne est prévenue.
claim-rejected = La demande est refusée ; la personne est prévenue avec votre motif.
claim-revoked = La revendication est retirée ; la personne est prévenue avec votre motif.
claim-decision-unknown = Décision inconnue.
claim-already-decided = Cette demande a déjà été traitée.

## Porteurs : corrections

holder-title = Corriger la fiche du projet
holder-intro = Ce que vous écrivez ici remplace sur Carrefour la présentation des partenaires, qui reste inchangée chez eux. Laissez un champ vide pour revenir à leur version.
holder-summary = Résumé
holder-summary-hint = Une ou deux phrases (500 caractères au plus).
holder-description = Présentation
holder-description-hint = Markdown accepté (10 000 caractères au plus).
holder-website = Site web
holder-website-hint = Adresse complète commençant par https:// (facultatif).
holder-contactable = Accepter les messages des visiteurs
holder-contactable-hint = Décoché, le bouton « Contacter le porteur » disparaît ; les partenaires restent joignables.
holder-save = Enregistrer
holder-saved = La fiche est mise à jour.
holder-give-up = Ne plus être porteur·se
holder-give-up-intro = Vous ne recevrez plus les messages adressés aux porteurs de ce projet.
holder-give-up-submit = Renoncer
holder-given-up = Vous n'êtes plus porteur·se de ce projet.

## Préférences de notification

notifications-title = Notifications
notifications-intro = Pour chaque sorte de notification, choisissez de recevoir un courriel tout de suite, un résumé quotidien, ou rien (tout reste visible sur le site). Les courriels d'une même conversation sont regroupés : un au plus par quart d'heure, aucun pendant que vous la lisez.
notifications-none = Aucune notification n'est proposée pour l'instant.
notifications-save = Enregistrer mes préférences
notifications-saved = Vos préférences sont enregistrées.
notification-delivery-immediate = Tout de suite
notification-delivery-daily = Résumé quotidien
notification-delivery-never = Jamais
notification-no-digest = Pas de résumé quotidien pour cette notification : choisissez « tout de suite » ou « jamais ».
notification-choice-required = Choisissez une option.
notification-kind-message_received = Nouveau message dans mes conversations
notification-kind-message_received-help = Quand quelqu'un répond dans une conversation que vous avez commencée ou qui concerne un projet que vous portez.
notification-kind-inbox_message = Nouveau message dans une boîte partagée
notification-kind-inbox_message-help = Pour les boîtes que vous traitez : celle de votre partenaire (administrateurs et éditeurs, ou conversation qui vous est confiée) ou celle des coordinateurs.
notification-kind-claim_request = Demande de revendication d'un projet
notification-kind-claim_request-help = Quand quelqu'un demande à porter un projet repéré par votre partenaire (administrateurs et éditeurs).
notification-kind-moderation = Message à modérer
notification-kind-moderation-help = Pour les coordinateurs : un message retenu ou signalé attend une décision.

## Jetons d'API

tokens-title = Jetons d'accès à l'API
tokens-intro = Un jeton permet à un programme de lire vos conversations en votre nom ({ $url }), avec l'en-tête « Authorization: Bearer … ». Il ne sert qu'à l'API, ne permet pas de se connecter et peut être retiré à tout moment.
tokens-created = Voici votre nouveau jeton. Copiez-le maintenant : il ne sera plus jamais affiché.
tokens-list = Vos jetons
tokens-none = Aucun jeton.
tokens-col-name = Nom
tokens-col-start = Début
tokens-col-created = Créé le
tokens-col-used = Dernier usage
tokens-col-expires = Expire
tokens-col-revoke = Retirer
tokens-never-used = Jamais
tokens-expired = Expiré
tokens-no-expiry = Jamais
tokens-revoke = Retirer
tokens-revoke-label = Retirer le jeton { $name }
tokens-new = Nouveau jeton
tokens-name = Nom du jeton
tokens-name-hint = Pour le reconnaître : le programme ou la machine qui l'utilise.
tokens-validity = Validité
tokens-validity-30 = 30 jours
tokens-validity-90 = 90 jours
tokens-validity-365 = Un an
tokens-validity-never = Sans expiration
tokens-create = Créer le jeton
token-revoked = Le jeton est retiré : il ne fonctionne plus.
token-too-many = Vous avez déjà 20 jetons : retirez-en un avant d'en créer un autre.
token-validity-unknown = Choisissez une durée proposée.
api-number-invalid = Nombre invalide.
api-folder-invalid = Dossier inconnu : current, archived ou all.
account-delete-messages = Vos messages restent visibles pour vos correspondants, signés « Compte supprimé ». Avant de partir, vous pouvez télécharger vos conversations :

## Erreurs propres à la messagerie

error-not-found-conversation = Cette conversation n'existe pas, ou vous n'y participez pas.
error-not-found-conversation-message = Ce message n'existe pas.
error-not-found-report = Ce signalement n'existe pas ou a déjà été traité.
error-not-found-claim = Cette revendication n'existe pas.
error-forbidden-holders-only = Seuls les porteurs du projet peuvent faire cela.
error-forbidden-claim-other-account = Ce lien a été demandé depuis un autre compte.

## Courriels

mail-hello = Bonjour { $name },
mail-reply-above = -- Répondez au-dessus de cette ligne / Reply above this line --
mail-message-subject = [Carrefour] Nouveau message : { $subject }
mail-message-intro = Vous avez un nouveau message dans la conversation « { $subject } ».
mail-message-intro-inbox = Nouveau message pour { $inbox } dans la conversation « { $subject } ».
mail-message-project = À propos du projet « { $project } ».
mail-message-read = Lire et répondre sur Carrefour :
mail-message-reply-hint = Vous pouvez aussi répondre directement à ce courriel : votre réponse sera ajoutée à la conversation (sans le texte cité).
mail-message-why = Vous recevez ce courriel parce que vous participez à cette conversation. Au plus un courriel par quart d'heure et par conversation.
mail-message-preferences = Choisir vos notifications :
mail-relay-subject = [Carrefour] Message au sujet de votre projet « { $project } » : { $subject }
mail-relay-hello = Bonjour,
mail-relay-intro = Une personne vous écrit par Carrefour, le site du collectif de partenaires de l'innovation sociale, au sujet du projet « { $project } ».
mail-relay-why = Vous recevez ce message parce que ce projet est repéré avec cette adresse de contact par :
mail-relay-private = Carrefour ne montre votre adresse à personne, pas même à l'expéditeur. Son adresse à lui reste aussi privée.
mail-relay-conversation = Conversation « { $subject } » :
mail-relay-answer = Lire et répondre sur le web, sans compte (lien valable jusqu'au { $date }, il n'ouvre que cette conversation) :
mail-relay-reply-hint = Vous pouvez aussi répondre directement à ce courriel.
mail-relay-claim = Vous portez ce projet ? Revendiquez-le pour recevoir les messages dans votre messagerie et corriger sa fiche :
mail-relay-stop = Pour ne plus recevoir cette conversation ou bloquer l'expéditeur, ouvrez le premier lien ci-dessus.
mail-relay-signature = Carrefour —
mail-relay-project-page = La fiche du projet :
mail-digest-subject = [Carrefour] Votre résumé du jour ({ $count ->
    [one] 1 élément
   *[other] { $count } éléments
})
mail-digest-others = Autres notifications
mail-digest-intro = Voici ce qui vous attend depuis votre dernier résumé.
mail-digest-why = Vous recevez ce résumé quotidien parce que vous l'avez choisi pour ces notifications.
mail-moderation-subject = [Carrefour] Un message attend la modération
mail-moderation-intro = Un message retenu ou signalé attend votre décision dans la file de modération :
mail-moderation-why = Vous recevez ce courriel en tant que coordinateur·rice (au plus un par quart d'heure).
mail-bounce-subject = [Carrefour] Réponse non distribuée : { $subject }
mail-bounce-intro = Votre réponse par courriel n'a pas pu être ajoutée à une conversation Carrefour :
mail-bounce-web = Vous pouvez écrire votre réponse sur le site :
mail-bounce-nothing-sent = Aucun message n'a été transmis.
mail-bounce-signature = Carrefour —
mail-in-bounce-no-address = l'adresse de réponse utilisée n'est pas une adresse de conversation de Carrefour.
mail-in-bounce-unknown = cette adresse de réponse n'existe pas (elle est peut-être incomplète).
mail-in-bounce-expired = cette adresse de réponse a expiré. Répondez depuis le site, ou au courriel le plus récent de la conversation.
mail-in-bounce-revoked = cette adresse de réponse a été désactivée.
mail-in-bounce-empty = votre courriel ne contenait pas de texte en dehors du message cité.
mail-in-bounce-refused = votre message ne peut pas être transmis dans cette conversation.
mail-claim-confirm-subject = [Carrefour] Confirmez que vous portez le projet « { $project } »
mail-claim-confirm-intro = { $name } demande, sur Carrefour, à être reconnu·e comme porteur·se du projet « { $project } », dont cette adresse est le contact connu.
mail-claim-confirm-action = Si c'est vous, ouvrez ce lien en étant connecté·e avec votre compte Carrefour (valable 48 heures) :
mail-claim-confirm-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : rien ne se passera.
mail-claim-request-subject = [Carrefour] Demande de revendication du projet « { $project } »
mail-claim-request-intro = { $claimant } demande à être reconnu·e comme porteur·se du projet « { $project } », que votre partenaire repère :
mail-claim-request-action = Valider ou refuser la demande :
mail-claim-request-why = Vous recevez ce courriel en tant qu'administrateur·rice ou éditeur·rice du partenaire.
mail-claim-decided-subject-approved = [Carrefour] Vous êtes porteur·se du projet « { $project } »
mail-claim-decided-subject-rejected = [Carrefour] Votre demande pour le projet « { $project } » est refusée
mail-claim-decided-subject-revoked = [Carrefour] Votre revendication du projet « { $project } » est retirée
mail-claim-decided-approved = { $by } a validé votre demande : vous êtes porteur·se du projet « { $project } » sur Carrefour.
mail-claim-decided-rejected = { $by } a refusé votre demande pour le projet « { $project } ».
mail-claim-decided-revoked = { $by } a retiré votre revendication du projet « { $project } ».
mail-assigned-subject = [Carrefour] Conversation confiée : { $subject }
mail-assigned-intro = { $by } vous a confié la conversation « { $subject } » de { $inbox } :
