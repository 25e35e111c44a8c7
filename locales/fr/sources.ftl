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
sources-field-delay-hint = Entre 500 et 60 000 ms ; le minimum du hub (1 000 ms sauf réglage contraire) et le Crawl-delay du robots.txt du site s'appliquent s'ils sont plus longs.
sources-field-connections = Connexions simultanées au même site
sources-field-connections-hint = Entre 1 et 4.
sources-field-max-pages = Nombre maximal de pages par collecte
sources-field-max-depth = Profondeur maximale de pagination
sources-save = Enregistrer la source
sources-delete-heading = Supprimer la source
sources-delete-intro = Les fiches collectées depuis cette source seront supprimées avec elle ; les projets qu'aucune autre source ne présente seront archivés (retirés des listes publiques, jamais effacés).
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
preview-list-page = Page lue :
preview-fetch-failed = Lecture impossible :
preview-start-list = Page de liste
preview-start-sitemap = Plan du site (sitemap)
preview-start-feed = Flux
preview-start-api = Première page de l'API
preview-start-file = Fichier CSV
preview-found-list = { $count ->
    [0] Aucun lien vers une fiche trouvé sur cette page.
    [one] 1 lien vers une fiche trouvé sur cette page.
   *[other] { $count } liens vers des fiches trouvés sur cette page.
}
preview-found-sitemap = { $count ->
    [0] Aucune adresse du plan ne correspond au motif.
    [one] 1 adresse du plan correspond au motif.
   *[other] { $count } adresses du plan correspondent au motif (les 20 premières ci-dessous).
}
preview-found-feed = { $count ->
    [0] Aucune entrée dans le flux.
    [one] 1 entrée dans le flux.
   *[other] { $count } entrées dans le flux.
}
preview-found-api = { $count ->
    [0] Aucun élément à cet endroit de la réponse.
    [one] 1 élément sur cette page de l'API.
   *[other] { $count } éléments sur cette page de l'API.
}
preview-found-file = { $count ->
    [0] Aucune ligne lisible dans le fichier.
    [one] 1 ligne lisible dans le fichier.
   *[other] { $count } lignes lisibles dans le fichier.
}
preview-csv-separator = Séparateur : { $text }
preview-csv-columns = Colonnes du fichier : { $text }
preview-item = Élément { $n }
preview-row = Ligne { $n } du fichier
preview-no-jsonld = Aucun objet schema.org JSON-LD sur cette page.
preview-empty-value = Vide.
preview-empty-path = Vide : le chemin « { $text } » ne mène à aucune valeur dans cet élément.
preview-empty-cell = Vide : la cellule de la colonne « { $text } » est vide.
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
source-field-kind = Type de source
source-field-kind-hint = Chaque type a ses réglages ci-dessous ; seuls ceux du type choisi sont lus à l'enregistrement.
source-entry-urls = Adresses de départ
source-entry-urls-hint = Une adresse par ligne. Sans règles de liste, ce sont les pages des fiches elles-mêmes.
source-list-legend = Pages de liste (facultatif)
source-list-hint = Pour partir d'une page qui liste les projets : les liens trouvés mènent aux fiches.
source-item-css = Sélecteur CSS des liens vers les fiches
source-item-attr = Attribut du lien
source-attr-hint = href en général ; vide pour href.
source-next-by = Page suivante
source-next-by-none = Aucune (une seule page de liste)
source-next-by-link = Suivre le lien « page suivante »
source-next-by-query_param = Numéro dans un paramètre d'adresse (?page=N)
source-next-by-path_pattern = Numéro dans le chemin (/page/N/)
source-next-css = Sélecteur CSS du lien « page suivante »
source-next-attr = Attribut du lien « page suivante »
source-next-param = Nom du paramètre
source-next-pattern = Motif du chemin
source-next-pattern-hint = Avec {"{"}n{"}"} à la place du numéro, par exemple /page/{"{"}n{"}"}/
source-next-start = Premier numéro
source-rules-legend = Lecture des champs sur chaque fiche
source-rules-hint = Une ligne par champ ; les lignes laissées vides sont ignorées.
source-rules-names-hint = Le nom de champ est celui de la source ; les noms standard proposés (title, summary, commune…) sont reconnus sans autre réglage.
source-rule-row = Ligne
source-rule-field = Champ
source-rule-css = Sélecteur CSS
source-rule-attr = Attribut
source-rule-type = Type
source-rule-list = Liste
source-rule-split = Séparateur
source-rule-strip-prefix = Libellé à retirer
source-rule-regex = Expression régulière
source-rule-date-format = Format de date
source-type-text = Texte
source-type-rich_text = Texte mis en forme
source-type-list = Liste
source-type-date = Date
source-type-url = Adresse web
source-type-email = Adresse électronique
source-type-number = Nombre
source-list-mode-auto = Premier élément trouvé
source-list-mode-all = Chaque élément trouvé
source-list-mode-split = Découper sur le séparateur
source-date-format-auto = —
source-date-format-dmy_slash = 12/03/2019
source-date-format-fr_long = 12 mars 2019
source-date-format-iso = 2019-03-12 (ISO)
source-more-rows = Ajouter des lignes
source-feed-url = Adresse du flux
source-feed-rules-legend = Lire aussi la page de chaque entrée (facultatif)
source-feed-rules-hint = Le flux donne déjà title, summary, date et link ; ces règles lisent en plus la page liée à chaque entrée.
source-json-url = Adresse de l'API
source-json-items-path = Chemin de la liste des éléments
source-json-items-path-hint = Chemin pointé, par exemple data.items ; vide si le document est lui-même la liste.
source-json-id-path = Chemin de l'identifiant de chaque élément (facultatif)
source-fields-legend = Champs
source-json-path = Chemin dans l'élément
source-json-fields-hint = Un champ par ligne, avec son chemin pointé dans l'élément (address.city, tags).
source-json-pagination = Pagination
source-json-page-by = Pages suivantes
source-json-page-by-none = Aucune
source-json-page-by-page_param = Numéro dans un paramètre d'adresse (?page=N)
source-json-page-by-next_link = Adresse de la page suivante indiquée dans le document
source-json-next-path = Chemin de l'adresse de la page suivante
source-csv-url = Adresse du fichier CSV
source-csv-url-hint = Relue à chaque collecte. Laissez vide pour joindre le fichier ci-dessous.
source-csv-file = Fichier CSV
source-csv-file-hint = { $max } Mo au plus ; remplace le fichier déjà joint.
source-csv-current = Fichier joint :
source-csv-separator = Séparateur
source-csv-separator-auto = Détecté automatiquement
source-csv-separator-comma = Virgule ( , )
source-csv-separator-semicolon = Point-virgule ( ; )
source-csv-separator-tab = Tabulation
source-csv-separator-bar = Barre verticale ( | )
source-csv-encoding = Encodage
source-csv-encoding-auto = Détecté automatiquement
source-csv-encoding-utf-8 = UTF-8
source-csv-encoding-windows-1252 = Windows-1252 (anciens fichiers Excel)
source-csv-id-column = Colonne de l'identifiant de chaque ligne (facultatif)
source-csv-column = Colonne (en-tête)
source-csv-columns-hint = Un champ par ligne, avec l'en-tête de sa colonne.
source-jsonld-hint = Les objets schema.org des pages (Project, Event, Organization…) sont lus sans règles.
source-sitemap-url = Adresse du sitemap
source-sitemap-url-pattern = Adresses à lire (expression régulière, facultatif)
source-sitemap-url-pattern-hint = Seules les adresses du sitemap qui y correspondent sont lues, par exemple /projets/[^/]+/$
source-json-mode-summary = Avancé : modifier en JSON (format d'import)
source-mode-legend = Configuration enregistrée
source-mode-form = Celle du formulaire ci-dessus
source-mode-json = Ce JSON, au format des fichiers d'import
source-url-missing = Indiquez l'adresse.
source-value-missing = Ce champ est nécessaire ici.
source-selector-missing = Indiquez un sélecteur CSS.
source-selector-invalid = Ce sélecteur CSS n'est pas valide :
source-regex-invalid = Cette expression régulière n'est pas valide :
source-split-missing = Indiquez le séparateur.
source-field-name-missing = Indiquez le nom du champ.
source-field-name-twice = Ce champ est déjà lu par une autre ligne.
source-pattern-without-n = Le motif doit contenir {"{"}n{"}"}.
source-item-link-missing = Indiquez le sélecteur des liens vers les fiches pour suivre les pages de liste.
source-rules-none = Remplissez au moins une ligne.
source-csv-no-file = Indiquez l'adresse du fichier CSV ou joignez le fichier.
source-csv-url-and-file = Indiquez une adresse ou joignez un fichier, pas les deux.
source-csv-too-large = Ce fichier est trop volumineux (20 Mo au plus).
source-file-again = Le fichier choisi n'a pas été enregistré : choisissez-le de nouveau avant d'enregistrer.
runs-errors-count = { $count ->
    [one] 1 erreur.
   *[other] { $count } erreurs ({ $shown } premières ci-dessous).
}
runs-errors-download = Télécharger toutes les erreurs (CSV)
runs-errors-col-url = Adresse
runs-errors-col-message = Erreur
sources-col-last-run = Dernière collecte
sources-never-run = Jamais collectée
source-file-kept = Le fichier « { $name } » choisi plus haut est gardé : il sera enregistré avec la source, inutile de le choisir à nouveau.

## Correspondance des champs d'une source avec la fiche projet.
mapping-link = Correspondance des champs avec la fiche projet
mapping-title = Correspondance des champs
mapping-intro = Indiquez quel champ de cette source alimente quel champ de la fiche projet. Les champs qui portent déjà le nom d'un champ de la fiche (title, summary, commune…) sont repris tels quels, sauf si une règle vise ce champ. Testez sur les fiches collectées avant d'enregistrer : l'enregistrement relit toutes les fiches de la source.
mapping-observed-heading = Champs collectés
mapping-observed-intro = D'après les { $count } fiches les plus récentes de la source.
mapping-no-records = Aucune fiche collectée pour l'instant : lancez une collecte pour voir les champs de la source.
mapping-col-source-field = Champ de la source
mapping-col-filled = Rempli
mapping-col-sample = Exemple
mapping-standard = champ de la fiche projet
mapping-rules-heading = Règles
mapping-col-to = Champ de la fiche projet
mapping-col-from = Champ de la source
mapping-col-transform = Transformation
mapping-col-separator = Séparateur
mapping-col-strip-label = Libellé à retirer
mapping-col-default = Valeur par défaut
mapping-transform-as_is = telle quelle
mapping-transform-first = premier élément
mapping-transform-join = éléments réunis
mapping-transform-split = texte découpé en liste
mapping-rules-hint = « éléments réunis » et « texte découpé » utilisent le séparateur (« , » par défaut). La valeur par défaut sert quand la source n'a rien pour ce champ ; une règle sans champ de la source donne la même valeur à toutes les fiches.
mapping-save = Enregistrer les règles
mapping-preview = Tester sur les fiches collectées
mapping-preview-heading = Aperçu sur les fiches collectées
mapping-preview-no-title = pas de titre : cette fiche ne deviendrait pas un projet
mapping-saved = Les règles sont enregistrées ; les fiches de la source vont être relues.
mapping-error-target = Choisissez un champ de la fiche projet.
mapping-error-empty = Indiquez un champ de la source ou une valeur par défaut.
mapping-error-separator = Indiquez un séparateur pour cette transformation.
mapping-error-transform = Transformation inconnue.
