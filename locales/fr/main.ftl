site-name = Carrefour
site-tagline = Les projets d'innovation sociale que les partenaires du collectif repèrent partout en France, réunis en un seul endroit.
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-home = Accueil
nav-projects = Projets
nav-map = Carte
nav-partners = Partenaires
nav-charter = Charte
nav-contact = Contact
lang-switch = English
footer-about = Carrefour est le commun numérique d'un collectif de réseaux, fondations, collectivités et associations engagés pour l'innovation sociale.
footer-data-licence = Données publiées sous
licence-data = Licence Ouverte 2.0
footer-code-licence = Code source sous licence
breadcrumb-label = Fil d'Ariane

count-projects = { $count ->
    [one] { $count } projet
   *[other] { $count } projets
}
count-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

home-title = Accueil
home-heading = L'innovation sociale, visible, reconnue et reliée
home-stat-projects = { $count ->
    [one] projet
   *[other] projets
}
home-stat-partners = { $count ->
    [one] partenaire
   *[other] partenaires
}
home-stat-regions = { $count ->
    [one] région
   *[other] régions
}
home-browse = Parcourir les projets
home-latest = Derniers projets repérés
home-empty = Aucun projet pour l'instant : les sources des partenaires n'ont pas encore été collectées.
home-themes = Explorer par thème

projects-title = Projets
projects-filter-label = Filtrer les projets
projects-filter-theme = Thème
projects-filter-region = Région
projects-filter-all = Tous
projects-filter-apply = Filtrer
projects-count = { $count ->
    [0] Aucun projet
    [one] { $count } projet
   *[other] { $count } projets
}
projects-range = affichés : { $first } à { $last }
projects-none = Aucun projet ne correspond à ces critères.
projects-reset = Voir tous les projets
project-place = Lieu
project-themes = Thèmes
project-publics = Publics cibles
project-listed-by = Repéré par
project-archived = Ce projet n'est plus répertorié par aucun partenaire ; sa fiche est conservée pour mémoire.
project-description = Présentation
project-facts = Fiche d'identité
project-holder = Structure porteuse
project-structure = Type de structure
project-start = Date de lancement
project-website = Site web
project-original-page = fiche d'origine

pager-label = Pages
pager-prev = Précédente
pager-next = Suivante
pager-position = Page { $page } sur { $pages }

partners-title = Partenaires du collectif
partners-intro = Chaque partenaire partage les projets qu'il accompagne, finance ou repère. Tous pèsent le même poids dans les décisions : un partenaire, une voix.
partners-none = Aucun partenaire actif pour l'instant.
partner-website = Site web
partner-projects = { $count ->
    [0] Aucun projet partagé
    [one] { $count } projet partagé
   *[other] { $count } projets partagés
}
partner-kind-network = Réseau
partner-kind-foundation = Fondation
partner-kind-local_authority = Collectivité territoriale
partner-kind-association = Association
partner-kind-public_body = Organisme public
partner-kind-company = Entreprise
partner-kind-research = Recherche
partner-scale-local = Local
partner-scale-regional = Régional
partner-scale-national = National

charter-title = Charte du collectif
charter-version = Version { $version }, adoptée le { $date }
charter-rules = Règles de vote en vigueur
charter-rule-quorum = Quorum (part des partenaires actifs qui votent)
charter-rule-majority = Majorité simple (part de « pour » parmi pour + contre)
charter-rule-qualified = Majorité qualifiée (modification de la charte, admission)
charter-rule-deliberation = Délibération avant le vote
charter-rule-voting = Durée du vote

contact-title = Écrire aux coordinateurs
contact-intro = Une question sur le collectif, une demande d'adhésion, une erreur à signaler ? L'équipe de coordination vous répond.
contact-name = Votre nom
contact-email = Votre adresse e-mail
contact-subject = Objet
contact-message = Message
contact-send = Envoyer
contact-sent = Votre message a bien été envoyé aux coordinateurs.
form-has-errors = Le formulaire contient des erreurs : corrigez les champs signalés.

field-required = Ce champ est obligatoire.
field-too-short = Ce texte est trop court.
field-too-long = Ce texte est trop long.
email-invalid = Cette adresse e-mail n'est pas valide.
email-too-long = Cette adresse e-mail est trop longue.
form-too-large = Le formulaire envoyé est trop volumineux.
form-malformed = Le formulaire envoyé est incomplet ou mal formé.
page-invalid = Le numéro de page doit être un entier positif.
filter-unknown-theme = Ce thème n'existe pas.

error-back-home = Retour à l'accueil
error-not-found = Page introuvable
error-not-found-message = La ressource demandée n'existe pas.
error-not-found-page = Cette page n'existe pas ou a été déplacée.
error-not-found-project = Ce projet n'existe pas.
error-not-found-partner = Ce partenaire n'existe pas ou n'est pas actif.
error-method-not-allowed = Action impossible
error-method-not-allowed-message = Cette adresse n'accepte pas ce type de requête.
error-unauthorized = Connexion requise
error-unauthorized-message = Connectez-vous pour accéder à cette page.
error-forbidden = Accès refusé
error-forbidden-message = Vous n'avez pas les droits nécessaires.
error-forbidden-csrf = Le formulaire a expiré ou ne provient pas de ce site. Rechargez la page et recommencez.
error-invalid = Données invalides
error-invalid-message = Certaines informations envoyées ne sont pas valides.
error-conflict = Conflit
error-conflict-message = Cette action entre en conflit avec l'état actuel des données.
error-too-many-requests = Trop de requêtes
error-too-many-requests-message = Trop de tentatives en peu de temps. Réessayez dans quelques minutes.
error-unavailable = Service momentanément indisponible
error-unavailable-message = Le service est momentanément indisponible. Réessayez dans quelques instants.
error-internal = Erreur interne
error-internal-message = Une erreur inattendue s'est produite. L'équipe technique en a été informée.

mail-contact-subject = [Carrefour] Contact : { $subject }
mail-contact-intro = { $name } ({ $email }) a écrit aux coordinateurs via le formulaire de contact :
mail-contact-footer = Message envoyé depuis
