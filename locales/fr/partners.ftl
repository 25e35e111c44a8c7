## Partenaires : candidature, espaces partenaires, membres et invitations.
## Les clés partner-kind-* et partner-scale-* sont dans main.ftl.

## Statuts et rôles

partner-status-applicant = Candidat
partner-status-active = Actif
partner-status-suspended = Suspendu
partner-status-left = A quitté le collectif
member-role-admin = Administrateur
member-role-editor = Éditeur
member-role-voter = Votant
member-role-member = Membre
member-role-help-admin = gère le profil, les membres et les invitations du partenaire, et peut voter en son nom.
member-role-help-editor = contribue aux contenus du partenaire et peut proposer des amendements à la charte.
member-role-help-voter = dépose le bulletin du partenaire lors des votes du collectif.
member-role-help-member = consulte l'espace du partenaire.
application-status-pending = En attente de décision
application-status-accepted = Acceptée
application-status-declined = Refusée

## Champs du profil (candidature et espace partenaire)

profile-name = Nom de l'organisation
profile-kind = Type d'organisation
profile-scale = Échelle d'action
profile-website = Site web
profile-website-hint = Adresse complète, commençant par https:// (facultatif).
profile-description = Présentation
profile-description-hint = Quelques lignes sur votre organisation, ses missions et ses territoires d'action (facultatif).
profile-save = Enregistrer le profil

## Candidature : /rejoindre

join-title = Rejoindre le collectif
join-intro = Votre organisation accompagne, finance ou repère des projets d'innovation sociale ? Proposez-lui de rejoindre le collectif : chaque partenaire partage ses projets et dispose d'une voix dans les décisions.
join-account-needed = Pour déposer une candidature, vous avez besoin d'un compte Carrefour. Connectez-vous, ou créez un compte puis revenez sur cette page.
join-sign-in = Se connecter
join-sign-up = Créer un compte
join-how = Votre candidature est examinée par l'équipe de coordination du collectif. En attendant sa décision, vous administrez déjà l'espace de votre organisation et pouvez y inviter vos collègues.
join-organisation = Votre organisation
join-application = Votre candidature
join-slug = Adresse de l'espace
join-slug-hint = Utilisée dans l'adresse de l'espace (/p/…) : lettres minuscules sans accents, chiffres et tirets. Laissez vide pour la déduire du nom.
join-message = Message à l'équipe de coordination
join-message-hint = Présentez votre organisation et ce que vous souhaitez apporter au collectif (10 caractères au moins).
join-submit = Envoyer la candidature

## Espace partenaire : en-tête

space-label = Espace partenaire
space-your-role = Votre rôle : { $role }
space-role-coordination = Vous consultez cet espace en tant que membre de la coordination.
space-tabs-label = Sections de l'espace partenaire
space-tab-dashboard = Tableau de bord
space-tab-profile = Profil
space-tab-members = Membres
space-suspended-note = Ce partenaire est suspendu par la coordination : il n'apparaît plus dans l'annuaire et son espace ne peut plus être modifié. Écrivez aux coordinateurs pour en savoir plus.
space-left-note = Ce partenaire a quitté le collectif. Son espace est conservé pour mémoire et ne peut plus être modifié.

## Espace partenaire : tableau de bord

space-application-heading = Candidature au collectif
space-application-submitted = déposée le { $date }
space-application-decided = décision le { $date }
space-application-pending = Votre candidature est en cours d'examen par l'équipe de coordination. Vous recevrez un e-mail dès qu'une décision sera prise.
space-application-pending-coordination = Cette candidature attend une décision de l'équipe de coordination.
space-application-declined = Votre candidature n'a pas été retenue.
space-application-accepted = Votre organisation fait partie du collectif.
space-application-decision-message = Message de la coordination :
space-facts-heading = Fiche de l'organisation
space-none = Non renseigné
space-admitted-at = Membre du collectif depuis le
space-member-count = { $count ->
    [one] { $count } membre
   *[other] { $count } membres
}
space-see-members = voir la liste
space-no-description = Aucune présentation pour l'instant.
space-edit-profile = Modifier le profil
space-public-page = Voir la page publique
space-leave-heading = Quitter ce partenaire
space-leave-text = Vous ne ferez plus partie de l'espace de { $partner }. Pour y revenir, un administrateur devra vous inviter à nouveau. Le dernier administrateur ne peut pas partir : il doit d'abord confier ce rôle à quelqu'un d'autre.
space-leave-confirm = Je confirme vouloir quitter { $partner }
space-leave-submit = Quitter { $partner }

## Espace partenaire : profil et logo

space-profile-heading = Profil public
space-profile-intro = Ces informations apparaissent dans l'annuaire des partenaires et sur votre page publique.
logo-heading = Logo
logo-alt = Logo de { $partner }
logo-none = Aucun logo pour l'instant.
logo-not-public = Le logo sera visible publiquement une fois votre partenaire actif dans le collectif.
logo-file = Fichier image
logo-replace = Remplacer par un autre fichier
logo-hint = Format PNG, JPEG ou WebP, { $kb } Ko au maximum.
logo-upload = Envoyer le logo
logo-remove = Retirer le logo

## Espace partenaire : membres et invitations

members-heading = Membres de l'espace
members-col-name = Nom
members-col-email = Adresse e-mail
members-col-role = Rôle
members-col-since = Depuis le
members-col-actions = Actions
members-you = (vous)
members-role-of = Rôle de { $name }
members-change-role = Changer le rôle
members-remove = Retirer
members-remove-label = Retirer { $name } de l'espace
members-roles-help = Que permet chaque rôle ?
invite-heading = Inviter une personne
invite-intro = La personne invitée recevra un e-mail avec un lien valable 14 jours. Si elle n'a pas encore de compte, elle pourra en créer un depuis ce lien.
invite-email = Adresse e-mail
invite-role = Rôle
invite-submit = Envoyer l'invitation
invitations-heading = Invitations en attente
invitations-none = Aucune invitation en attente.
invitations-col-expires = Expire le
invitation-revoke = Annuler
invitation-revoke-label = Annuler l'invitation de { $email }

## Invitation : /invitation/…

invitation-title = Rejoindre { $partner }
invitation-intro = { $partner } vous invite à rejoindre son espace sur Carrefour, avec le rôle « { $role } ».
invitation-sent-to = Cette invitation a été envoyée à { $email }.
invitation-signed-in-as = Compte connecté : { $email }.
invitation-other-address = L'invitation a été envoyée à une autre adresse que celle de votre compte : si vous l'acceptez, c'est votre compte actuel qui rejoindra le partenaire.
invitation-accept = Accepter l'invitation
invitation-sign-in-text = Un compte Carrefour existe déjà pour { $email }. Connectez-vous avec ce compte pour accepter l'invitation.
invitation-sign-in = Se connecter pour accepter
invitation-create-text = Créez votre compte pour rejoindre l'espace. Votre adresse e-mail est confirmée par cette invitation : vous n'aurez pas d'autre lien à ouvrir.
invitation-email = Adresse e-mail
invitation-display-name = Votre nom
invitation-password = Mot de passe
invitation-password-hint = Au moins 10 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
invitation-password-confirm = Confirmez le mot de passe
invitation-create-submit = Créer mon compte et rejoindre { $partner }

## Messages des formulaires et des redirections

choice-invalid = Choisissez l'une des valeurs proposées.
url-invalid = Indiquez une adresse web complète, commençant par http:// ou https://.
slug-invalid = L'adresse doit contenir de 2 à 60 caractères : lettres minuscules sans accents, chiffres et tirets, sans tiret au début ni à la fin.
slug-taken = Cette adresse est déjà prise. Choisissez-en une autre.
role-unknown = Ce rôle n'existe pas.
already-member = Cette personne fait déjà partie de l'espace.
last-admin = Impossible : l'espace doit garder au moins un administrateur. Confiez d'abord ce rôle à quelqu'un d'autre.
partner-profile-saved = Le profil est enregistré.
logo-saved = Le logo est enregistré.
logo-removed = Le logo a été retiré.
logo-missing = Choisissez un fichier image à envoyer.
logo-too-large = Ce fichier est trop volumineux : le logo ne doit pas dépasser 1 Mo.
logo-wrong-type = Ce fichier n'est pas une image PNG, JPEG ou WebP.
invitation-sent = L'invitation a été envoyée.
invitation-revoked = L'invitation a été annulée.
invitation-accepted = Bienvenue ! Vous faites maintenant partie de l'espace.
member-role-changed = Le rôle a été modifié.
member-removed = La personne a été retirée de l'espace.
member-left = Vous avez quitté l'espace du partenaire.
application-sent = Votre candidature a été envoyée à l'équipe de coordination. Vous recevrez un e-mail dès qu'une décision sera prise.
error-forbidden-partner-role = Votre rôle dans ce partenaire ne permet pas cette action.

## E-mails

mail-partners-hello = Bonjour,
mail-partners-greeting = Bonjour { $name },
mail-partners-link-fallback = Si le lien ne fonctionne pas, copiez cette adresse dans votre navigateur :
mail-partners-signature = Carrefour, le commun numérique du collectif —
mail-invitation-subject = [Carrefour] { $inviter } vous invite à rejoindre { $partner }
mail-invitation-intro = { $inviter } vous invite à rejoindre l'espace de { $partner } sur Carrefour, le commun numérique du collectif, avec le rôle « { $role } ».
mail-invitation-action-text = Pour accepter l'invitation, ouvrez ce lien (valable 14 jours, il ne sert qu'une fois) :
mail-invitation-action = Accepter l'invitation
mail-invitation-outro = Si vous ne vous attendiez pas à cette invitation, ignorez ce message : rien ne se passera sans votre accord.
mail-application-received-subject = [Carrefour] Nouvelle candidature : { $partner }
mail-application-received-intro = { $applicant } ({ $email }) propose que { $partner } rejoigne le collectif.
mail-application-received-message = Message de la candidature :
mail-application-received-action = Pour examiner la candidature et décider :
mail-application-received-button = Examiner la candidature
mail-application-accepted-subject = [Carrefour] { $partner } rejoint le collectif
mail-application-declined-subject = [Carrefour] Votre candidature pour { $partner }
mail-application-accepted-intro = Bonne nouvelle : l'équipe de coordination a accepté la candidature de { $partner }. Votre organisation fait désormais partie du collectif et apparaît dans l'annuaire des partenaires.
mail-application-declined-intro = L'équipe de coordination n'a pas retenu la candidature de { $partner }.
mail-application-decision-message = Message de la coordination :
mail-application-accepted-action = Votre espace partenaire vous attend :
mail-application-declined-action = Vous pouvez retrouver cette décision dans votre espace :

partner-status-declined = Candidature refusée
space-declined-note = La candidature de cette organisation n'a pas été retenue. Vous pouvez quitter cet espace, ou déposer une nouvelle candidature depuis « Rejoindre le collectif » avec la même adresse d'espace.
partner-name-taken = Une organisation de ce nom existe déjà dans le collectif. Choisissez une autre adresse d'espace ci-dessous si c'est une autre organisation.
partner-name-no-slug = Ce nom ne permet pas de former une adresse d'espace : indiquez-en une ci-dessous.
