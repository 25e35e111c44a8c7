nav-territories = Territoires
territories-title = Territoires
territories-intro = { $count ->
    [one] { $count } projet actif, par région et par département.
   *[other] { $count } projets actifs, par région et par département.
}
territories-unplaced = { $count ->
    [one] { $count } projet n'est rattaché à aucune région.
   *[other] { $count } projets ne sont rattachés à aucune région.
}
territories-see-trends = Voir les tendances : thèmes, évolutions, comparaisons entre territoires
territories-departments-of = Départements de { $region }
territories-projects = { $count ->
    [one] { $count } projet
   *[other] { $count } projets
}
territories-kind-region = Région
territories-kind-department = Département
territories-kind-commune = Commune
territories-code = code { $code }
territories-insee = code INSEE { $code }
territories-trends-of = Tendances : { $name }
territories-latest = Projets les plus récents
territories-projects-heading = Projets
territories-no-projects = Aucun projet actif n'est encore répertorié ici.
territories-all-projects = { $count ->
    [one] Voir le projet de { $name }
   *[other] Voir les { $count } projets de { $name }
}
territories-themes = Thèmes principaux
territories-no-themes = Aucun thème.
territories-partners = Partenaires actifs ici
territories-no-partners = Aucun partenaire ne répertorie de projet ici.
territories-departments = Départements
territories-communes = Communes ayant des projets
territories-no-communes = Aucune commune n'a encore de projet.
territories-unplaced-department = { $count ->
    [one] { $count } projet de la région n'est rattaché à aucun département.
   *[other] { $count } projets de la région ne sont rattachés à aucun département.
}
territories-unplaced-commune = { $count ->
    [one] { $count } projet du département n'est rattaché à aucune commune.
   *[other] { $count } projets du département ne sont rattachés à aucune commune.
}
error-not-found-territory = Ce territoire n'existe pas : vérifiez le code de la région, du département ou de la commune.
territories-map = Carte des projets
territories-map-label = Carte des projets : { $name }
territories-map-open = Ouvrir la carte des projets de { $name }, avec les filtres de recherche
