space-tab-sources = Sources
sources-heading = Sources de projets
sources-intro = Indiquez où vivent vos projets (site web, flux RSS/Atom, API JSON, fichier CSV, pages avec JSON-LD, sitemap). Carrefour les collecte ensuite tout seul, au rythme choisi, poliment.
sources-new = Nouvelle source
sources-none = Aucune source pour l'instant.
sources-col-name = Nom
sources-col-kind = Type
sources-col-schedule = Fréquence
sources-col-state = État
sources-every-hours = { $count ->
    [one] toutes les heures
   *[other] toutes les { $count } heures
}
sources-paused = En pause
sources-active = Active
sources-warning = Le site a peut-être changé
source-kind-html = Pages web
source-kind-feed = Flux RSS / Atom
source-kind-json = API JSON
source-kind-csv = Fichier CSV
source-kind-jsonld = Pages JSON-LD
source-kind-sitemap = Sitemap
sources-field-name = Nom de la source
sources-field-config = Configuration
sources-field-config-hint = Au format des fichiers d'import décrit dans docs/sources.md (JSON), par exemple {"{"}"kind": "feed", "url": "https://…/feed"{"}"}.
sources-field-enabled = Collecter cette source automatiquement
sources-field-interval = Intervalle entre deux collectes (heures)
sources-field-interval-hint = Entre 1 et 720 heures.
sources-field-delay = Délai minimal entre deux pages du même site (millisecondes)
sources-field-delay-hint = Entre 500 et 60 000 ms ; le Crawl-delay du robots.txt du site est respecté s'il est plus long.
sources-field-connections = Connexions simultanées au même site
sources-field-connections-hint = Entre 1 et 4.
sources-field-max-pages = Nombre maximal de pages par collecte
sources-field-max-depth = Profondeur maximale de pagination
sources-save = Enregistrer la source
sources-delete-heading = Supprimer la source
sources-delete-intro = Les fiches collectées depuis cette source seront supprimées avec elle.
sources-delete-confirm = Je confirme la suppression de cette source
sources-delete = Supprimer
source-saved = La source est enregistrée.
source-deleted = La source est supprimée.
source-delete-unconfirmed = Cochez la case de confirmation pour supprimer la source.
source-name-taken = Vous avez déjà une source de ce nom.
source-config-invalid = La configuration n'est pas valide :
source-config-no-url = La configuration doit indiquer au moins une adresse de départ.
source-config-bad-url = Cette adresse n'est pas une adresse web (http ou https) :
number-invalid = Saisissez un nombre entier.
number-out-of-range = Ce nombre est en dehors des limites indiquées.
error-not-found-source = Cette source n'existe pas.
source-config-bad-rule = Une règle de lecture n'est pas valide :
runs-heading = Collectes
runs-crawl-now = Collecter maintenant
runs-next = Prochaine collecte prévue : { $at } UTC
runs-none = Aucune collecte pour l'instant.
runs-col-when = Quand
runs-col-status = Résultat
runs-col-pages = Pages
runs-col-items = Fiches
runs-trigger-schedule = planifiée
runs-trigger-manual = demandée
runs-trigger-cli = en ligne de commande
runs-duration = { $secs } s
runs-status-queued = En attente
runs-status-running = En cours
runs-status-succeeded = Réussie
runs-status-partial = Partielle (des pages n'ont pas pu être lues)
runs-status-failed = Échouée
runs-pages = { $fetched } lues, { $unchanged } inchangées, { $failed } en échec
runs-items = { $new } nouvelles, { $changed } modifiées, { $unchanged } inchangées, { $gone } disparues
runs-fill-heading = Champs remplis lors de la dernière collecte
runs-errors-heading = Pages illisibles lors de la dernière collecte
source-crawl-queued = La collecte est demandée ; elle commence dans quelques instants.
source-crawl-already = Une collecte de cette source est déjà en attente ou en cours.
mail-source-warning-subject = [Carrefour] La source « { $source } » a peut-être changé
mail-source-warning-intro = La dernière collecte de la source « { $source } » de { $partner } a trouvé nettement moins de fiches ou de champs remplis que la précédente. Le site a peut-être été refait : les règles de lecture sont sans doute à revoir.
mail-source-warning-action = Voir le rapport de collecte et la configuration :
sources-preview = Tester la configuration
preview-heading = Essai de la configuration
preview-intro = Rien n'a été enregistré : voici ce que la configuration lit sur le site en ce moment.
preview-unsupported = L'essai n'est pas encore disponible pour ce type de source.
preview-list-heading = Page de liste
preview-list-page = Page lue :
preview-fetch-failed = Lecture impossible :
preview-items-found = { $count ->
    [0] Aucun lien vers une fiche trouvé sur cette page.
    [one] 1 lien vers une fiche trouvé sur cette page.
   *[other] { $count } liens vers des fiches trouvés sur cette page.
}
preview-next-page = Page suivante :
preview-no-next-page = Aucune page suivante trouvée.
preview-details-heading = { $count ->
    [one] Première fiche
   *[other] { $count } premières fiches
}
preview-no-details = Aucune fiche à lire.
preview-col-field = Champ
preview-col-value = Valeur lue
preview-empty-nothing-matched = Vide : le sélecteur ne trouve aucun élément sur la page.
preview-empty-attribute-missing = { $count ->
    [one] Vide : le sélecteur trouve 1 élément, mais il n'a pas d'attribut « { $attr } ».
   *[other] Vide : le sélecteur trouve { $count } éléments, mais le premier n'a pas d'attribut « { $attr } ».
}
preview-empty-regex = Vide : l'expression régulière ne correspond pas au texte « { $text } ».
preview-empty-date = Vide : la date « { $text } » n'est pas lisible avec le format indiqué.
preview-empty-url = Vide : « { $text } » n'est pas une adresse web (http ou https).
preview-empty-email = Vide : « { $text } » n'est pas une adresse électronique.
preview-empty-number = Vide : « { $text } » n'est pas un nombre.
preview-empty-blank = Vide : l'élément trouvé ne contient aucun texte.
sources-warning-lead = Le site a peut-être changé : la dernière collecte a trouvé nettement moins que les précédentes —
