## Qualité des données : remplissage des champs, localisation, doublons, étiquettes.

quality-title = Qualité des données
space-tab-quality = Qualité
coord-nav-quality = Qualité
source-quality-link = Qualité des données de cette source
quality-heading-partner = Qualité des données de vos sources
quality-heading-source = Qualité des données : { $name }
quality-heading-overall = Qualité des données de tous les projets
quality-intro = Ces chiffres portent sur les projets actifs référencés, tels que la consolidation les a construits à partir des fiches collectées.
quality-stat-projects = { $count ->
    [one] projet
   *[other] projets
}
quality-stat-suspects = { $count ->
    [one] doublon présumé à examiner
   *[other] doublons présumés à examiner
}
quality-stat-untitled = { $count ->
    [one] fiche collectée sans titre, donc sans projet
   *[other] fiches collectées sans titre, donc sans projet
}
quality-stat-tags = { $count ->
    [one] étiquette de partenaire distincte
   *[other] étiquettes de partenaires distinctes
}
quality-sources-heading = Par source
quality-col-source = Source
quality-col-projects = Projets
quality-col-with-commune = Localisés dans une commune
quality-col-suspects = Doublons présumés
quality-col-untitled = Fiches sans titre
quality-fields-heading = Remplissage des champs
quality-col-field = Champ
quality-col-filled = Renseigné
quality-col-share = Part
quality-count-of = { $count } sur { $total }
quality-no-projects = Aucun projet actif pour l'instant.
quality-field-title = Titre
quality-field-summary = Résumé
quality-field-description = Description
quality-field-holder = Porteur
quality-field-structure = Type de structure
quality-field-address = Adresse
quality-field-postcode = Code postal
quality-field-commune = Commune
quality-field-coordinates = Coordonnées géographiques
quality-field-website = Site web
quality-field-email = Adresse de contact
quality-field-image = Image
quality-field-start_year = Année de lancement
quality-field-themes = Thématiques
quality-field-publics = Publics
quality-geo-heading = Localisation
quality-geo-with-commune = { $percent } % des projets sont localisés au moins dans une commune.
quality-col-precision = Précision
quality-precision-address = À l'adresse
quality-precision-commune = À la commune
quality-precision-department = Au département
quality-precision-none = Non localisé
quality-tags-heading = Étiquettes des partenaires
quality-tags-intro = { $count ->
    [one] Les fiches portent une étiquette propre au partenaire (thématiques, publics, catégories), telle que collectée.
   *[other] Les fiches portent { $count } étiquettes propres aux partenaires (thématiques, publics, catégories), telles que collectées ; les plus fréquentes :
}
quality-col-tag = Étiquette
quality-col-listings = Fiches
quality-stat-unmapped-tags = { $count ->
    [one] étiquette du partenaire à rattacher au thésaurus
   *[other] étiquettes du partenaire à rattacher au thésaurus
}
