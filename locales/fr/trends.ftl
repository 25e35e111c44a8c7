nav-trends = Tendances
trends-title = Tendances
trends-intro = Ce que disent les projets actifs du hub : leurs thèmes, leurs territoires et leur évolution. Chaque graphique a son tableau de données et son fichier CSV.
trends-errors-summary = Certains réglages ne sont pas valides (voir les messages près des champs) ; les parties qui en dépendent ne sont pas affichées.
trends-scope-legend = Périmètre
trends-field-region = Région
trends-field-department = Département
trends-field-theme = Thème
trends-all-regions = Toutes les régions
trends-all-departments = Tous les départements
trends-all-themes = Tous les thèmes
trends-apply = Mettre à jour
trends-scope-count = { $count ->
    [one] { $count } projet actif dans ce périmètre
   *[other] { $count } projets actifs dans ce périmètre
}
trends-section-themes = Par thème
trends-section-territories = Par territoire
trends-section-time = Dans le temps
trends-section-emerging = Thèmes émergents
trends-section-comparison = Comparer des territoires
trends-time-intro = La première apparition est la date à laquelle le hub a trouvé le projet chez un partenaire (un partenaire qui rejoint le collectif fait apparaître d'un coup tous ses projets) ; l'année de lancement est celle que donne la fiche du projet.

trends-themes-title = Projets par thème
trends-subthemes-title = Projets par sous-thème
trends-regions-title = Projets par région
trends-departments-title = Projets par département
trends-communes-title = Projets par commune
trends-months-title = Nouveaux projets par mois de première apparition
trends-start-years-title = Projets par année de lancement
trends-emerging-title = Évolution des thèmes entre les deux périodes
trends-comparison-title = Profil thématique des territoires comparés

trends-col-theme = Thème
trends-col-subtheme = Sous-thème
trends-col-parent = Thème parent
trends-col-projects = Projets
trends-col-share = Part des projets (%)
trends-col-region = Région
trends-col-department = Département
trends-col-commune = Commune
trends-col-month = Mois
trends-col-new-projects = Nouveaux projets
trends-col-start-year = Année de lancement
trends-col-current = Période actuelle
trends-col-previous = Période précédente
trends-col-growth = Évolution (%)
trends-col-area-projects = { $area } — projets
trends-col-area-share = { $area } — part (%)
trends-csv-code = Code

trends-axis-projects = Nombre de projets
trends-axis-share = Part des projets du territoire (%)
trends-axis-growth = Évolution de la période précédente à la période actuelle (%)
trends-axis-month = Mois de première apparition (UTC)
trends-axis-new = Nouveaux projets
trends-axis-start-year = Année de lancement

trends-desc-bars = Diagramme en barres horizontales de { $count } éléments. Valeur la plus élevée : { $top }, { $value }.
trends-desc-grouped = Diagramme en barres groupées de { $count } thèmes, une barre par territoire : { $series }.
trends-desc-line = Courbe de { $count } points, de { $first } à { $last }. Maximum : { $max } ({ $at }).

trends-unplaced = Non localisé
trends-note-omitted-subthemes = { $count ->
    [one] { $count } sous-thème sans projet n'est pas représenté.
   *[other] { $count } sous-thèmes sans projet ne sont pas représentés.
}
trends-note-omitted-departments = { $count ->
    [one] { $count } département sans projet n'est pas représenté.
   *[other] { $count } départements sans projet ne sont pas représentés.
}
trends-note-no-start-year = { $count ->
    [one] { $count } projet sans année de lancement connue n'est pas représenté.
   *[other] { $count } projets sans année de lancement connue ne sont pas représentés.
}
trends-note-implausible-years = { $count ->
    [one] { $count } projet dont l'année de lancement est avant { $min } ou après { $max } n'est pas représenté.
   *[other] { $count } projets dont l'année de lancement est avant { $min } ou après { $max } ne sont pas représentés.
}
trends-no-data = Aucun projet à représenter dans ce périmètre.
trends-data-table = Tableau des données
trends-csv = Télécharger les données (CSV)

trends-field-period = Période comparée
trends-period-option = { $months } derniers mois
trends-field-level = Niveau
trends-level-theme = Thèmes
trends-level-subtheme = Sous-thèmes
trends-field-min = Minimum de projets par période
trends-emerging-how = Comment c'est calculé
trends-emerging-explain-windows = On compare les projets apparus pour la première fois sur le hub pendant les { $months } derniers mois (du { $current_from } au { $now }) à ceux apparus pendant les { $months } mois précédents (du { $previous_from } au { $current_from }).
trends-emerging-explain-growth = Pour chaque thème, l'évolution vaut (nombre actuel − nombre précédent) ÷ nombre précédent × 100. Un projet compte une fois par thème, même s'il en porte plusieurs sous-thèmes ; les thèmes sont classés de la plus forte hausse à la plus forte baisse.
trends-emerging-explain-minimum = Seuls les thèmes qui comptent au moins { $min } projets dans chacune des deux périodes sont classés, pour que de très petits nombres (passer de 1 à 3 projets fait +200 %) ne dominent pas.
trends-emerging-explain-overall = Pour comparaison, l'ensemble des projets du périmètre évolue de { $growth } ({ $current } contre { $previous }) : un thème émerge vraiment s'il progresse plus vite que l'ensemble.
trends-emerging-explain-overall-none = Aucun projet du périmètre n'est apparu pendant la période précédente ({ $current } pendant la période actuelle) : l'évolution d'ensemble ne peut pas être calculée.
trends-emerging-none = { $min ->
    [one] Aucun thème ne compte au moins { $min } projet dans chacune des deux périodes.
   *[other] Aucun thème ne compte au moins { $min } projets dans chacune des deux périodes.
}
trends-too-few-title = Thèmes sous le minimum, non classés
trends-too-few-intro = Ces thèmes ont des projets dans au moins une des deux périodes, mais moins de { $min } dans l'une d'elles.

trends-compare-field = Territoire { $n }
trends-compare-none = —
trends-compare-regions = Régions
trends-compare-departments = Départements
trends-compare-apply = Comparer
trends-compare-hint = Choisissez de 2 à 4 régions ou départements pour comparer leurs profils thématiques.
trends-compare-example = Par exemple, comparer les régions qui ont le plus de projets
trends-compare-explain = La part d'un thème dans un territoire est le nombre de ses projets qui portent ce thème, divisé par son nombre total de projets (du thème choisi dans le périmètre, le cas échéant). Un projet pouvant porter plusieurs thèmes, les parts d'un territoire dépassent souvent 100 % au total.
trends-compare-total = { $area } : { $count ->
    [one] { $count } projet
   *[other] { $count } projets
}

trends-error-region = Cette région n'existe pas.
trends-error-department = Ce département n'existe pas.
trends-error-department-outside-region = Ce département n'est pas dans la région choisie.
trends-error-theme = Ce thème n'existe pas.
trends-error-period = Choisissez une période de 3, 6, 12 ou 24 mois.
trends-error-level = Choisissez « Thèmes » ou « Sous-thèmes ».
trends-error-min = Le minimum doit être un nombre entier de 1 à 100 000.
trends-error-compare-unknown = Un des territoires choisis n'existe pas.
trends-error-compare-twice = Le même territoire est choisi deux fois.
trends-error-compare-too-few = Choisissez au moins deux territoires à comparer.
trends-error-compare-too-many = Choisissez au plus quatre territoires.

trends-month-1 = janv.
trends-month-2 = févr.
trends-month-3 = mars
trends-month-4 = avr.
trends-month-5 = mai
trends-month-6 = juin
trends-month-7 = juil.
trends-month-8 = août
trends-month-9 = sept.
trends-month-10 = oct.
trends-month-11 = nov.
trends-month-12 = déc.
trends-index-building = L'index de recherche, d'où ces chiffres sont tirés, est en cours de construction : ils seront complets dans quelques instants.
