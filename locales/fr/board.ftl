## Courtage : demandes (appels à expertise, offres d'emploi, missions…), réponses,
## profils d'expertise et recherches enregistrées.

nav-board = Courtage
board-title = Courtage
board-lead = Appels à expertise, offres d'emploi, missions de bénévolat, mécénat de compétences, recherches de partenaires et appels à projets des partenaires et des porteurs de projets.
board-new = Publier une demande
board-mine = Mes demandes
board-my-answers = Mes réponses
board-search-label = Rechercher dans le courtage
board-search-words = Mots recherchés
board-search-placeholder = évaluation d'impact, juriste, Lille…
board-search-submit = Rechercher
board-apply = Appliquer
board-total = { $count ->
    [0] Aucune demande
    [one] 1 demande
   *[other] { $count } demandes
}
board-none = Aucune demande ne correspond à cette recherche.
board-include-ended = Inclure les demandes pourvues, closes ou expirées
board-feed = Flux Atom de cette recherche
board-sort-relevance = pertinence
board-sort-newest = plus récentes
board-sort-closing = clôture la plus proche
board-facet-kind = Type de demande
board-facet-theme = Thème
board-facet-region = Région
board-facet-department = Département
board-facet-contract = Contrat
board-facet-reach = Portée
board-facet-status = État
board-deadline-on = Réponses jusqu'au { $date }
board-deadline = Date limite
board-published-on = Publiée le
board-contract = Contrat
board-pay = Rémunération
board-workload = Charge de travail
board-dates = Dates
board-projects = Projets concernés
board-facts = En bref
board-choose = — choisir —

board-kind-expertise = Appel à expertise
board-kind-job = Offre d'emploi
board-kind-volunteer = Mission de bénévolat
board-kind-sponsorship = Mécénat de compétences
board-kind-partnership = Recherche de partenaire
board-kind-call = Appel à projets

board-status-draft = Brouillon
board-status-review = En attente de validation
board-status-published = Ouverte
board-status-filled = Pourvue
board-status-closed = Close
board-status-expired = Expirée
board-status-unpublished = Retirée

board-contract-cdi = CDI
board-contract-cdd = CDD
board-contract-alternance = Alternance
board-contract-stage = Stage
board-contract-service_civique = Service civique
board-contract-freelance = Indépendant·e

board-per-hour = de l'heure
board-per-day = par jour
board-per-month = par mois
board-per-year = par an

board-reach-commune = Une commune
board-reach-department = Un département
board-reach-region = Une région
board-reach-france = France entière
board-reach-remote = À distance

board-answer-mode-carrefour = Sur Carrefour (message et documents)
board-answer-mode-link = Par un lien externe
board-answer-mode-email = Par courriel

## Formulaire de demande

board-form-title-new = Publier une demande
board-form-title-edit = Modifier la demande
board-field-kind = Type de demande
board-field-on-behalf = Au nom de
board-field-on-behalf-hint = Un partenaire dont vous êtes membre, ou un projet dont vous êtes porteur·se.
board-on-behalf-project = Projet « { $project } »
board-field-title = Titre
board-field-description = Description
board-field-description-hint = Le besoin, le contexte, ce que vous attendez. Markdown accepté.
board-field-projects = Projets concernés
board-field-projects-hint = Numéros ou adresses des pages des projets, séparés par des virgules (projets que vous portez ou que le partenaire référence).
board-field-territory = Territoire
board-field-commune = Commune
board-field-commune-hint = Nom (avec le département si besoin : « Saint-Denis (93) »), code postal ou code INSEE.
board-field-department = Département
board-field-region = Région
board-field-themes = Thèmes
board-field-publics = Publics visés
board-field-job = Pour une offre d'emploi
board-field-contract = Type de contrat
board-field-contract-hint = Obligatoire pour une offre d'emploi.
board-field-pay-min = Rémunération minimale (€)
board-field-pay-max = Rémunération maximale (€)
board-field-pay-period = Période de la rémunération
board-field-workload = Charge de travail
board-field-workload-hint = Par exemple « 3 jours », « temps plein », « 2 h par semaine ».
board-field-starts-on = Début
board-field-ends-on = Fin
board-field-deadline = Date limite des réponses
board-field-deadline-hint = La demande se clôt d'elle-même le lendemain de cette date.
board-field-answer-mode = Comment répondre
board-field-answer-url = Lien pour répondre
board-field-answer-email = Adresse pour répondre
board-honeypot-label = Ne pas remplir ce champ
board-save-draft = Enregistrer le brouillon
board-save = Enregistrer

board-kind-required = Choisissez un type de demande.
board-on-behalf-required = Choisissez au nom de qui vous publiez.
board-projects-invalid = Indiquez des numéros ou des adresses de pages de projets.
board-projects-too-many = Vingt projets au plus.
board-project-not-yours = Un de ces projets n'est ni porté par vous ni référencé par ce partenaire.
board-territory-required = Choisissez un territoire.
board-commune-unknown = Cette commune est inconnue.
board-commune-ambiguous = Plusieurs communes portent ce nom : précisez le département, par exemple « Saint-Denis (93) ».
board-department-unknown = Choisissez un département.
board-region-unknown = Choisissez une région.
board-themes-required = Choisissez au moins un thème.
board-term-unknown = Ce terme n'existe pas dans le thésaurus.
board-contract-required = Indiquez le type de contrat d'une offre d'emploi.
board-contract-unknown = Ce type de contrat est inconnu.
board-pay-invalid = Indiquez un montant en euros, sans décimales.
board-pay-inverted = La rémunération maximale est inférieure à la minimale.
board-pay-period-required = Indiquez la période de la rémunération.
board-date-invalid = Cette date est invalide.
board-dates-inverted = La fin précède le début.
board-deadline-past = La date limite est déjà passée.
board-deadline-too-far = La date limite est à plus d'un an.
board-answer-mode-required = Choisissez comment répondre.
board-answer-url-invalid = Indiquez une adresse web complète (https://…).
board-honeypot = Ce formulaire n'a pas pu être envoyé.
board-limit-requests = Vous avez créé beaucoup de demandes aujourd'hui : réessayez demain.
board-verify-first = Confirmez d'abord votre adresse électronique (lien reçu par courriel).
board-no-right-to-post = Pour publier une demande, il faut être membre d'un partenaire ou porteur·se d'un projet revendiqué.

## Cycle de vie

board-manage = Gérer la demande
board-edit = Modifier
board-publish = Publier
board-delete-draft = Supprimer le brouillon
board-close-as = Clore comme
board-close = Clore
board-extend = Prolonger jusqu'au
board-reopen = Rouvrir jusqu'au
board-save-deadline = Enregistrer la date
board-unpublish = Retirer du courtage
board-unpublish-reason = Motif (facultatif)
board-unpublished-reason = Demande retirée : { $reason }
board-approve = Valider et publier
board-draft-saved = Brouillon enregistré. Relisez-le puis publiez-le.
board-saved = Demande enregistrée.
board-published = Demande publiée.
board-held-for-review = Demande envoyée : les coordinateurs la relisent avant publication.
board-closed = Demande close. Les réponses restent consultables.
board-reopened = Date limite enregistrée : la demande est ouverte.
board-unpublished = Demande retirée du courtage.
board-draft-deleted = Brouillon supprimé.
board-already-moved = Quelqu'un a déjà changé l'état de cette demande.
board-outcome-required = Choisissez « pourvue » ou « close ».
board-not-reopenable = Cette demande ne peut pas être rouverte.
board-only-drafts-deleted = Seuls les brouillons sans réponse peuvent être supprimés.
board-not-yours = Cette demande appartient à une autre organisation.

## Réponses

board-how-to-answer = Répondre
board-not-open-draft = Brouillon : la demande n'est pas encore publiée.
board-not-open-review = Les coordinateurs relisent cette demande avant publication.
board-not-open-published = Cette demande est ouverte.
board-not-open-filled = Cette demande est pourvue : elle ne reçoit plus de réponses.
board-not-open-closed = Cette demande est close : elle ne reçoit plus de réponses.
board-not-open-expired = La date limite est passée : la demande ne reçoit plus de réponses.
board-not-open-unpublished = Cette demande a été retirée du courtage.
board-answer-external = Répondre sur le site de l'organisation
board-answer-by-mail = Répondre par courriel :
board-own-request = C'est une demande de votre organisation.
board-you-answered = Vous avez répondu le { $date }
board-sign-in-to-answer = Se connecter pour répondre
board-answer-body = Votre message
board-answer-body-hint = Présentez-vous et dites ce que vous proposez. Markdown accepté.
board-answer-documents = Documents (facultatif)
board-answer-documents-hint = PDF, ODT ou DOCX, 5 Mo chacun, { $count } au plus.
board-answer-privacy = Seuls les membres de l'organisation qui publie la demande liront votre réponse.
board-answer-send = Envoyer ma réponse
board-answer-sent = Réponse envoyée.
board-answer-held = Réponse envoyée : comme elle contient des liens et que votre compte est récent, un coordinateur la relit avant de la transmettre.
board-already-answered = Vous avez déjà répondu à cette demande.
board-limit-answers = Vous avez envoyé beaucoup de réponses aujourd'hui : réessayez demain.
board-not-open = Cette demande ne reçoit pas de réponses sur Carrefour.
board-files-too-many = Trois documents au plus.
board-file-too-large = Un document dépasse 5 Mo.
board-files-too-large = L'envoi est trop volumineux : trois documents de 5 Mo au plus.
board-file-wrong-type = Un document n'est ni un PDF, ni un ODT, ni un DOCX (son contenu en fait foi, pas son nom).
board-answers-title = Réponses reçues
board-answers-count = { $count ->
    [0] Aucune réponse
    [one] 1 réponse
   *[other] { $count } réponses
}
board-new-answers = { $count ->
    [one] 1 nouvelle
   *[other] { $count } nouvelles
}
board-no-answers = Aucune réponse pour l'instant.
board-answer-sent-on = Envoyée le { $date }
board-answer-status = État
board-answer-note = Note privée (visible de votre organisation seulement)
board-answer-notify = Prévenir la personne du nouvel état par courriel
board-answer-status-new = Nouvelle
board-answer-status-shortlisted = Présélectionnée
board-answer-status-declined = Déclinée
board-answer-status-accepted = Acceptée
board-answer-status-required = Choisissez un état.
board-answer-updated = Réponse mise à jour.
board-answer-held-badge = En attente de relecture
board-respondent-gone = Compte supprimé
board-no-own-answers = Vous n'avez encore répondu à aucune demande.
board-no-own-requests = Votre organisation n'a encore publié aucune demande.

## Modération

board-moderation = Modération du courtage
board-moderation-review = Demandes à valider
board-moderation-held = Réponses retenues (liens d'un compte récent)
board-moderation-none = Rien en attente.
board-release = Transmettre
board-reject = Rejeter
board-decision-required = Choisissez de transmettre ou de rejeter.
board-moderation-done = Décision enregistrée.

## Erreurs

error-not-found-board-request = Cette demande n'existe pas.
error-not-found-board-answer = Cette réponse n'existe pas.
error-forbidden-board-not-yours = Cette demande appartient à une autre organisation.

## Courriels

mail-board-status-subject = Votre réponse à « { $title } »
mail-board-status-new = { $organisation } a remis votre réponse à « { $title } » parmi les nouvelles.
mail-board-status-shortlisted = Bonne nouvelle : { $organisation } a présélectionné votre réponse à « { $title } ».
mail-board-status-declined = { $organisation } n'a pas retenu votre réponse à « { $title } ». Merci de votre proposition.
mail-board-status-accepted = { $organisation } a accepté votre réponse à « { $title } » et va revenir vers vous.

## API

board-sort-unknown = Tri inconnu : relevance, newest ou closing.
board-page-invalid = La page est un nombre à partir de 1.
board-per-page-invalid = Entre 1 et 100 résultats par page.

## Pages des projets et des territoires

board-open-requests = { $count ->
    [one] Demande ouverte
   *[other] Demandes ouvertes ({ $count })
}
board-open-requests-all = Voir les { $count } demandes ouvertes dans le courtage
board-post-for-project = Publier une demande pour ce projet

## Profils d'expertise
board-tabs = Demandes et profils
board-tab-requests = Demandes
board-tab-profiles = Profils d'expertise
board-profile = Profil d'expertise
board-profiles-title = Profils d'expertise
board-profiles-lead = Des personnes et des partenaires proposent leur aide : évaluation, droit, numérique, financement… Chaque profil dit ce qu'il sait faire, où, quand, et à quelles conditions.
board-profiles-search-label = Rechercher un profil d'expertise
board-profiles-total = { $count ->
    [0] Aucun profil
    [one] 1 profil
   *[other] { $count } profils
}
board-profiles-none = Aucun profil ne correspond à cette recherche.
board-profile-new = Proposer mon expertise
board-my-profiles = Mes profils
board-my-profiles-none = Vous n'avez pas encore de profil d'expertise.
board-profile-hidden = Masqué
board-profile-facet-theme = Thème
board-profile-facet-region = Région
board-profile-facet-kind = Répond aux demandes
board-profile-facet-terms = Conditions
board-profile-terms-pro_bono = Bénévole (pro bono)
board-profile-terms-paid = Rémunéré
board-profile-terms-both = Bénévole ou rémunéré
board-profile-form-title-new = Proposer mon expertise
board-profile-form-title-edit = Modifier le profil
board-profile-field-title = Ce que vous proposez
board-profile-field-title-hint = Par exemple : « Évaluation d'impact social pour les associations ».
board-profile-field-description = Présentation
board-profile-field-on-behalf = Proposé par
board-profile-myself = Moi-même
board-profile-field-kinds = Demandes auxquelles vous répondez
board-profile-field-territory = Où vous intervenez
board-profile-field-availability = Disponibilité
board-profile-field-availability-hint = Par exemple : « deux jours par mois à partir de janvier ».
board-profile-field-terms = Conditions
board-profile-field-visible = Publier ce profil sur le courtage
board-profile-save = Enregistrer le profil
board-profile-saved = Profil enregistré.
board-profile-deleted = Profil supprimé.
board-profile-delete = Supprimer le profil
board-profile-not-yours = Ce profil ne vous appartient pas.
board-profile-partner-not-yours = Choisissez un partenaire dont vous êtes membre.
board-profile-kinds-required = Cochez au moins un type de demande.
board-profile-terms-required = Dites si votre aide est bénévole, rémunérée, ou les deux.
board-limit-profiles = Vous avez créé beaucoup de profils aujourd'hui ; réessayez demain.
board-profile-matches = Demandes qui correspondent
board-profile-no-match = Aucune demande ouverte ne correspond à ce profil pour l'instant.
board-request-matches = Profils d'expertise qui correspondent
board-match-because = correspond : { $reasons }
error-not-found-board-profile = Ce profil n'existe pas.
error-forbidden-board-profile-not-yours = Ce profil appartient à quelqu'un d'autre.

## Signalements
board-report-request = Signaler cette demande
board-report-answer = Signaler cette réponse
board-report-title-request = Signaler une demande
board-report-title-answer = Signaler une réponse
board-report-answer-lead = Réponse de { $respondent } à « { $title } »
board-report-explain = La coordination lit chaque signalement et décide de retirer le contenu ou non. Dites ce qui pose problème.
board-report-reason = Motif du signalement
board-report-reason-hint = Entre 10 et 1 000 caractères : fraude, contenu trompeur, discriminatoire, hors sujet…
board-report-reason-required = Indiquez le motif du signalement.
board-report-reason-too-short = Le motif est trop court : 10 caractères au moins.
board-report-reason-too-long = Le motif est trop long : 1 000 caractères au plus.
board-report-send = Envoyer le signalement
board-report-cancel = Annuler
board-report-sent = Merci : votre signalement a été transmis à la coordination.
board-report-already = Vous avez déjà signalé ce contenu ; la coordination l'examine.
board-moderation-reports = Signalements
board-report-target-request = Demande
board-report-target-answer = Réponse
board-report-by = signalé par { $name } le { $date }
board-report-settled-request = Cette demande est déjà retirée du courtage.
board-report-settled-answer = Cette réponse est déjà masquée.
board-report-note = Message à l'organisation (facultatif ; à défaut, le motif du signalement)
board-report-act-request = Retirer la demande
board-report-act-answer = Masquer la réponse
board-report-dismiss = Classer sans suite
board-report-note-mail = Motif
board-answer-hidden-badge = Masquée par la coordination
mail-board-report-subject = Signalement sur le courtage : « { $title } »
mail-board-report-request = La demande « { $title } » a été signalée.
mail-board-report-answer = Une réponse à la demande « { $title } » a été signalée.
mail-board-moderated-subject-request = Votre demande « { $title } » a été retirée du courtage
mail-board-moderated-subject-answer = Une réponse à « { $title } » a été masquée
mail-board-moderated-request = Après un signalement, la coordination a retiré votre demande « { $title } » du courtage. Les réponses reçues restent consultables.
mail-board-moderated-answer = Après un signalement, la coordination a masqué la réponse de { $respondent } à votre demande « { $title } ».
notification-kind-board_report = Signalement sur le courtage
notification-kind-board_report-help = Pour la coordination : une demande ou une réponse du courtage a été signalée.
notification-kind-board_moderated = Décision de modération sur vos demandes
notification-kind-board_moderated-help = Une de vos demandes a été retirée, ou une réponse masquée, après un signalement.

# Saved searches (alertes)
board-alerts = Mes alertes
board-alerts-lead = Recevez par courriel les nouvelles demandes qui correspondent à vos recherches enregistrées (jusqu'à { $max } alertes).
board-alerts-none = Vous n'avez pas encore d'alerte. Faites une recherche dans le courtage, puis enregistrez-la en bas de la page.
board-alert-title = Être prévenu des nouvelles demandes
board-alert-explain = Enregistrez cette recherche : chaque nouvelle demande qui y correspond vous sera envoyée par courriel.
board-alert-sign-in = Connectez-vous pour enregistrer cette recherche et recevoir les nouvelles demandes par courriel.
board-alert-sign-in-link = Se connecter
board-alert-label = Nom de l'alerte
board-alert-label-hint = Par exemple « Évaluation d'impact en Hauts-de-France ».
board-alert-frequency = Fréquence
board-alert-frequency-immediate = Dès qu'une demande paraît
board-alert-frequency-daily = Résumé quotidien
board-alert-frequency-weekly = Résumé hebdomadaire
board-alert-frequency-unknown = Choisissez une fréquence de la liste.
board-alert-too-many = Vous avez atteint le nombre maximal d'alertes : supprimez-en une avant d'en créer une autre.
board-alert-save = Enregistrer l'alerte
board-alert-saved = Alerte enregistrée : vous recevrez les nouvelles demandes par courriel.
board-alert-updated = Fréquence de l'alerte modifiée.
board-alert-deleted = Alerte supprimée.
board-alert-change = Modifier
board-alert-delete = Supprimer l'alerte
board-alert-created = créée le { $date }
board-alert-last-sent = dernier envoi le { $date }
board-unsubscribe-title = Se désabonner d'une alerte
board-unsubscribe-confirm = Ne plus recevoir l'alerte « { $label } » ?
board-unsubscribe-button = Me désabonner
board-unsubscribe-done = C'est fait : vous ne recevrez plus l'alerte « { $label } ».
board-unsubscribe-unknown = Cette alerte n'existe plus : vous ne recevrez plus de courriel pour elle.
mail-board-alert-subject = { $count ->
    [one] Une nouvelle demande : { $label }
   *[other] { $count } nouvelles demandes : { $label }
}
mail-board-alert-intro = { $count ->
    [one] Une nouvelle demande correspond à votre alerte « { $label } » :
   *[other] { $count } nouvelles demandes correspondent à votre alerte « { $label } » :
}
mail-board-alert-deadline = Réponses jusqu'au { $date }
mail-board-alert-more = { $count ->
    [one] … et une autre demande.
   *[other] … et { $count } autres demandes.
}
mail-board-alert-search = Voir la recherche :
mail-board-alert-why = Vous recevez ce courriel parce que vous avez enregistré l'alerte « { $label } » sur le courtage de Carrefour.
mail-board-alert-manage = Gérer vos alertes :
mail-board-alert-unsubscribe = Se désabonner en un clic :

## The board on a map
board-map-title = Carte du courtage
board-map-show = Voir sur la carte
board-map-list = Voir la liste
board-map-label = Carte des demandes de la recherche
board-map-cluster-list = voir la liste de ces demandes
board-map-status = { $located ->
    [0] Aucune demande située dans cette vue
    [one] 1 demande située dans cette vue
   *[other] { $located } demandes situées dans cette vue
} ({ $total ->
    [one] sur 1 trouvée
   *[other] sur { $total } trouvées
} ; les demandes à distance ou pour toute la France n'ont pas de lieu).
board-area-chosen = Demandes situées dans la zone choisie sur la carte.
board-area-clear = Retirer la zone
board-area-ignored = La zone est ignorée.
board-page-beyond = Cette page est au-delà des résultats de la recherche.
board-page-first = Revenir à la première page
