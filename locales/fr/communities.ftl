## Communautés d'action locale : espaces, membres, événements, discussions.

nav-communities = Communautés
community-title = Communautés
community-lead = Des espaces pour agir ensemble sur un territoire ou un thème : les porteurs de projets, les équipes des partenaires, les élu·es et les habitant·es s'y retrouvent, discutent et se rencontrent.
community-propose = Proposer une communauté
community-moderation = Communautés à valider
community-moderation-none = Aucune proposition n'attend de décision.
community-search-label = Rechercher une communauté
community-search-words = Mots recherchés
community-search-placeholder = alimentation, inclusion numérique, Lille…
community-search-submit = Rechercher
community-any = Toutes
community-choose = Choisir…
community-total = { $count ->
    [0] Aucune communauté
    [one] 1 communauté
   *[other] { $count } communautés
}
community-none = Aucune communauté ne correspond à cette recherche.
community-members-count = { $count ->
    [0] aucun membre
    [one] 1 membre
   *[other] { $count } membres
}
community-listed = { $count ->
    [one] Une communauté agit ici
   *[other] { $count } communautés agissent ici
}
community-listed-all = Toutes les communautés de ce territoire
community-scope-france = France entière
community-scope-region = Une région
community-scope-department = Un département
community-scope-commune = Une commune
community-visibility-public = Contenu public
community-visibility-members = Contenu réservé aux membres
community-rule-open = Ouverte à tous
community-rule-request = Sur demande
community-rule-invitation = Sur invitation
community-status-proposed = En attente de validation
community-status-active = Active
community-status-declined = Refusée
community-status-proposed-notice = Cette communauté attend la validation de la coordination du collectif ; seules vous et la coordination la voyez.
community-status-declined-notice = La coordination n'a pas retenu cette proposition.
community-role-host = Animation
community-role-member = Membre

community-form-title-new = Proposer une communauté
community-form-title-edit = Modifier la communauté
community-needs-approval = La coordination du collectif valide chaque nouvelle communauté avant qu'elle ne soit visible.
community-field-name = Nom
community-field-description = Description
community-field-description-hint = Ce que la communauté veut faire, pour qui. Markdown accepté.
community-field-scope = Territoire
community-field-commune = Commune
community-field-commune-hint = Nom, code postal ou code INSEE, par exemple « Redon » ou « Saint-Denis (93) ».
community-field-department = Département
community-field-region = Région
community-field-theme = Thème
community-field-themes = Thèmes
community-field-themes-hint = Jusqu'à 5 thèmes ; une communauté nationale en choisit au moins un.
community-field-visibility = Visibilité
community-field-rule = Adhésion
community-submit-new = Proposer la communauté
community-save = Enregistrer
community-verify-first = Confirmez d'abord votre adresse électronique pour proposer ou rejoindre une communauté.
community-limit-proposals = Vous avez proposé beaucoup de communautés aujourd'hui ; réessayez demain.
community-scope-invalid = Choisissez le territoire de la communauté.
community-scope-required = Une communauté nationale choisit au moins un thème.
community-theme-unknown = Ce thème n'existe pas.
community-themes-too-many = Choisissez au plus 5 thèmes.
community-visibility-required = Choisissez qui voit le contenu de la communauté.
community-rule-required = Choisissez comment on devient membre.
community-created = La communauté est créée.
community-proposed = Votre proposition est envoyée à la coordination du collectif.
community-saved = La communauté est enregistrée.
community-proposed-by = Proposée par { $name }
community-decision-reason = Motif (facultatif)
community-approve = Valider
community-decline = Refuser
community-approved = La communauté est validée.
community-declined = La proposition est refusée.
community-decision-invalid = Choisissez de valider ou de refuser.

community-membership = Participer
community-sign-in-to-join = Connectez-vous pour rejoindre cette communauté
community-you-host = Vous animez cette communauté.
community-you-member = Vous êtes membre de cette communauté.
community-you-are-invited = Vous êtes invité·e à rejoindre cette communauté.
community-join = Rejoindre
community-ask-to-join = Demander à rejoindre
community-accept-invitation = Accepter l'invitation
community-decline-invitation = Décliner l'invitation
community-invitation-only = Cette communauté accueille ses membres sur invitation de son équipe d'animation.
community-leave = Quitter la communauté
community-withdraw = Retirer ma demande
community-field-what = Ce que vous faites
community-field-affiliation = Au titre de
community-affiliation-none = À titre personnel
community-affiliation-project = Projet « { $project } »
community-affiliation-invalid = Choisissez un de vos partenaires ou de vos projets.
community-profile-save = Enregistrer ma présentation
community-profile-saved = Votre présentation est enregistrée.
community-joined = Bienvenue dans la communauté.
community-request-sent = Votre demande est envoyée à l'équipe d'animation.
community-request-waiting = Votre demande attend la réponse de l'équipe d'animation.
community-already-member = Vous êtes déjà membre.
community-left = Vous avez quitté la communauté.
community-last-host = Une communauté garde au moins une personne à son animation : confiez-la d'abord à un autre membre.
community-hosting = Animation
community-edit = Modifier la communauté
community-requests = Demandes d'adhésion
community-requests-none = Aucune demande en attente.
community-invitations = Invitations envoyées
community-accept = Accepter
community-refuse = Refuser
community-withdraw-invitation = Retirer l'invitation
community-invite-email = Inviter (adresse de son compte)
community-invite = Inviter
community-invite-unknown = Aucun compte n'utilise cette adresse : la personne doit d'abord créer son compte.
community-invite-already = Cette personne est déjà membre ou invitée.
community-invited = L'invitation est envoyée.
community-request-accepted = La personne est maintenant membre.
community-member-removed = La personne ne fait plus partie de la communauté.
community-role-saved = Le rôle est enregistré.
community-role-invalid = Rôle inconnu.
community-members = Membres
community-make-host = Confier l'animation
community-make-member = Retirer de l'animation
community-remove = Retirer
community-members-only-notice = Les membres, les discussions et les événements de cette communauté sont réservés à ses membres.

error-not-found-community = Cette communauté n'existe pas.
error-not-found-community-member = Ce membre n'existe pas.
error-forbidden-community-members-only = Ce contenu est réservé aux membres de la communauté.
error-forbidden-community-hosts-only = Cette action est réservée à l'équipe d'animation.
error-forbidden-community-not-active = Cette communauté n'est pas encore ouverte.
error-forbidden-community-invitation-only = Cette communauté accueille ses membres sur invitation.
error-forbidden-community-verify-first = Confirmez d'abord votre adresse électronique.

mail-community-decided-subject = { $approved ->
    [yes] Votre communauté « { $community } » est ouverte
   *[no] Votre proposition de communauté « { $community } »
}
mail-community-approved = La coordination du collectif a validé la communauté « { $community } » : elle est maintenant visible de tous.
mail-community-declined = La coordination du collectif n'a pas retenu la communauté « { $community } ».
mail-community-reason = Motif : { $reason }
mail-community-invitation-subject = Invitation à rejoindre « { $community } »
mail-community-invitation = { $host } vous invite à rejoindre la communauté « { $community } » sur Carrefour. Acceptez l'invitation sur sa page :

## Événements
community-events = Événements à venir
community-events-none = Aucun événement à venir.
community-events-past = Événements passés
community-event-new = Proposer un événement
community-calendar = S'abonner à l'agenda de la communauté
community-calendar-private = (adresse personnelle : ne la partagez pas)
community-hub-agenda = Agenda public des communautés
community-event-form-title-new = Nouvel événement
community-event-form-title-edit = Modifier l'événement
community-event-field-title = Titre
community-event-field-description = Description
community-event-field-starts = Début
community-event-field-ends = Fin
community-event-field-zone = Fuseau horaire
community-event-field-zone-hint = Europe/Paris par défaut ; par exemple America/Cayenne ou Indian/Reunion outre-mer.
community-event-field-recurrence = Répétition
community-event-repeat-none = Une seule fois
community-event-repeat-weekly = Chaque semaine, le même jour
community-event-repeat-monthly = Chaque mois, le même jour de la même semaine (par exemple le 1er mardi)
community-event-field-until = Jusqu'au (facultatif)
community-event-field-place = Lieu
community-event-place-commune = Dans une commune
community-event-place-online = En ligne
community-event-field-address = Adresse (facultatif)
community-event-field-online = Lien de la réunion en ligne
community-event-field-online-hint = Montré seulement aux personnes inscrites.
community-event-field-capacity = Nombre de places (facultatif)
community-event-field-capacity-hint = Au-delà, les personnes s'inscrivent sur une liste d'attente.
community-event-time-invalid = Indiquez une date et une heure, par exemple 2026-03-19T10:00.
community-event-time-gap = Cette heure n'existe pas ce jour-là dans ce fuseau (passage à l'heure d'été).
community-event-end-before-start = La fin doit venir après le début.
community-event-too-long = Un événement dure au plus 14 jours.
community-event-in-past = Ce moment est déjà passé.
community-event-zone-unknown = Fuseau horaire inconnu (nom IANA, par exemple Europe/Paris).
community-event-recurrence-invalid = Répétition inconnue.
community-event-until-before-start = La fin de la répétition doit venir après le premier événement.
community-event-date-invalid = Indiquez une date, par exemple 2026-06-30.
community-event-place-required = Choisissez une commune ou une réunion en ligne.
community-event-url-invalid = Indiquez une adresse web qui commence par https://.
community-event-capacity-invalid = Indiquez un nombre de places entre 1 et 100 000.
community-event-capacity-below = Plus de personnes sont déjà inscrites : la capacité ne peut pas descendre sous ce nombre.
community-event-answer-invalid = Réponse inconnue.
community-event-created = L'événement est créé.
community-event-saved = L'événement est enregistré.
community-event-cancelled = L'événement est annulé.
community-event-cancelled-badge = Annulé
community-event-recurrence-weekly = chaque semaine
community-event-recurrence-monthly = chaque mois
community-event-repeats = régulier
community-event-online = En ligne
community-event-when = Quand
community-event-next = Prochaine fois
community-event-where = Où
community-event-seats = Participation
community-event-going-of = { $going } inscrit·es sur { $capacity } places
community-event-going = { $count ->
    [0] Personne n'est encore inscrit
    [one] 1 inscrit·e
   *[other] { $count } inscrit·es
}
community-event-waiting-count = { $count } en liste d'attente
community-event-link-after-registration = le lien est donné aux personnes inscrites
community-event-ics = Ajouter à mon agenda (.ics)
community-event-your-answer = Votre réponse
community-event-answer-going = Vous participez
community-event-answer-waiting = Liste d'attente
community-event-answer-maybe = Peut-être
community-event-answer-not_going = Ne participe pas
community-event-answer = Réponse
community-event-participant = Personne
community-event-rank = n° { $rank }
community-event-say-going = Je participe
community-event-say-maybe = Peut-être
community-event-say-not-going = Je ne participe pas
community-event-sign-in = Connectez-vous pour vous inscrire
community-event-organise = Organisation
community-event-edit = Modifier l'événement
community-event-export = Exporter les participants (CSV)
community-event-cancel = Annuler l'événement
community-event-flash-going = Vous êtes inscrit·e.
community-event-flash-waiting = L'événement est complet : vous êtes sur la liste d'attente et serez prévenu·e par courriel si une place se libère.
community-event-flash-maybe = Réponse enregistrée : peut-être.
community-event-flash-not-going = Réponse enregistrée : vous ne participez pas.
error-not-found-community-event = Cet événement n'existe pas.
error-not-found-community-calendar = Cet agenda n'existe pas.
error-forbidden-community-event-organisers-only = Cette action est réservée aux organisateurs de l'événement.
mail-community-promoted-subject = Une place s'est libérée : { $title }
mail-community-promoted = Une place s'est libérée pour « { $title } » ({ $community }, { $when }) : vous passez de la liste d'attente aux participants.
mail-community-reminder-subject = Demain : { $title }
mail-community-reminder = Rappel : « { $title } » ({ $community }) a lieu le { $when }.

## Discussions
community-discussions = Discussions
community-topics-none = Aucune discussion pour l'instant.
community-topic-new = Ouvrir une discussion
community-topic-field-title = Sujet
community-topic-field-body = Message
community-topic-field-body-hint = Markdown accepté ; « @Nom » d'un membre le prévient ; « > » cite.
community-topic-publish = Publier
community-topic-replies = { $count ->
    [0] aucune réponse
    [one] 1 réponse
   *[other] { $count } réponses
}
community-topic-pinned = Épinglée
community-topic-locked = Verrouillée
community-topic-pin = Épingler
community-topic-unpin = Désépingler
community-topic-lock = Verrouiller
community-topic-unlock = Déverrouiller
community-topic-saved = La discussion est mise à jour.
community-topic-locked-notice = Cette discussion est verrouillée : seule l'équipe d'animation peut y répondre.
community-reply-field = Votre réponse
community-reply-send = Répondre
community-post-remove = Retirer
community-post-removed = Le message est retiré.
community-post-removed-notice = Message retiré.
community-post-report = Signaler
community-post-reported = Merci : l'équipe d'animation et la coordination sont prévenues.
community-report-reason = Motif
community-reports = Messages signalés
community-reports-none = Aucun signalement en attente.
community-report-removed = déjà retiré
community-report-close = Clore le signalement
community-report-closed = Le signalement est clos.
error-not-found-community-topic = Cette discussion n'existe pas.
error-not-found-community-post = Ce message n'existe pas.
error-not-found-community-report = Ce signalement n'existe pas ou est déjà clos.
error-forbidden-community-topic-locked = Cette discussion est verrouillée.
notification-kind-community_mention = Mention dans une communauté
notification-kind-community_mention-help = Un membre vous cite (« @votre nom ») dans une discussion.
notification-kind-community_report = Message signalé dans une communauté
notification-kind-community_report-help = Pour l'animation et la coordination : un message a été signalé.
mail-community-mention-subject = { $author } vous cite dans « { $topic } »
mail-community-mention = { $author } vous cite dans la discussion « { $topic } » de la communauté « { $community } » :
mail-community-report-subject = Message signalé dans « { $community } »
mail-community-report = Un message de la discussion « { $topic } » (communauté « { $community } ») a été signalé.

## API
community-api-time-invalid = Indiquez une date (2026-03-01) ou un instant RFC 3339.
community-api-window-inverted = La fin de la période doit venir après son début.
community-api-window-too-long = La période dure au plus 366 jours.
community-api-too-many = Trop d'occurrences dans cette période : raccourcissez-la.

## Collections
community-collections = Collections de projets
community-collections-none = Aucune collection pour l'instant.
community-collection-new = Créer une collection
community-collection-field-title = Titre
community-collection-field-description = Présentation (facultatif)
community-collection-field-project = Projet
community-collection-field-project-hint = Son numéro ou l'adresse de sa fiche, par exemple https://…/projets/42-jardin.
community-collection-field-note = Note (facultatif)
community-collection-add = Ajouter à la collection
community-collection-added = Le projet est ajouté.
community-collection-already = Ce projet est déjà dans la collection.
community-collection-removed = Le projet est retiré de la collection.
community-collection-empty = Aucun projet pour l'instant.
community-collection-export = Exporter la collection (CSV)
community-collection-project-unknown = Aucun projet ne correspond : indiquez un numéro ou l'adresse d'une fiche.
error-not-found-community-collection = Cette collection n'existe pas.

## Map
community-map-label = Carte des communautés de cette recherche
community-collection-map-label = Carte des projets de la collection
community-collection-unplaced = { $count ->
    [one] 1 projet de la collection n'a pas de lieu connu et n'est pas sur la carte.
   *[other] { $count } projets de la collection n'ont pas de lieu connu et ne sont pas sur la carte.
}
community-activity-title = Ce qui se passe dans le périmètre
community-activity-project = Nouveau projet
community-activity-request = Demande au courtage
community-activity-decision = Décision du collectif
community-activity-empty = Rien de neuf dans le périmètre pour l'instant.
community-search-title = Rechercher dans la communauté
community-inner-search-label = Rechercher dans les discussions et les événements de la communauté
community-inner-search-placeholder = Mots des discussions ou des événements
community-inner-search-submit = Rechercher
community-search-total = { $count ->
    [0] Aucun résultat
    [one] 1 résultat
   *[other] { $count } résultats
}
community-search-none = Aucun message ni événement ne contient tous ces mots.
community-search-message = Message
community-search-event = Événement
community-search-too-long = La recherche est trop longue : 200 caractères au plus.
community-search-no-words = Ces mots sont trop courants pour être cherchés ; essayez des mots plus précis.
community-post-edit = Modifier
community-post-edit-hint = La version précédente est gardée : les hôtes de la communauté peuvent la lire.
community-post-save = Enregistrer le message
community-post-edited = Le message est modifié.
community-post-edited-mark = modifié
community-post-history = historique
community-post-version-current = Version actuelle
error-forbidden-community-post-author-only = Seule l'autrice ou l'auteur d'un message peut le modifier.
community-post-quote = Citer
community-cancel = Annuler
community-reaction-thanks = Merci
community-reaction-agree = D'accord
community-reaction-bravo = Bravo
community-reaction-idea = Bonne idée
community-reaction-question = Question
community-reaction-unknown = Cette réaction n'existe pas.
community-digest-start = Recevoir chaque semaine le résumé de la communauté par mail
community-digest-stop = Ne plus recevoir le résumé
community-digest-is-on = Vous recevez chaque semaine le résumé de la communauté.
community-digest-on = Vous recevrez chaque semaine le résumé de la communauté.
community-digest-off = Vous ne recevrez plus le résumé de la communauté.
mail-community-digest-subject = La semaine de « { $community } »
mail-community-digest-intro = Voici ce qui s'est passé cette semaine dans la communauté « { $community } ».
mail-community-digest-topics = Discussions :
mail-community-digest-new-messages = { $count ->
    [one] 1 nouveau message
   *[other] { $count } nouveaux messages
}
mail-community-digest-events = Événements des deux semaines à venir :
mail-community-digest-joined = { $count ->
    [one] 1 nouvelle personne a rejoint la communauté.
   *[other] { $count } nouvelles personnes ont rejoint la communauté.
}
mail-community-digest-activity = Dans le périmètre de la communauté :
mail-community-digest-stop = Pour ne plus recevoir ce résumé, rendez-vous sur la page de la communauté :
