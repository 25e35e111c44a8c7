search-title = Rechercher des projets
search-map-title = Carte des projets
search-form-label = Recherche de projets
search-words = Mots recherchés
search-placeholder = Un mot, un lieu, un thème… (ex. épicerie solidaire, « repair café »)
search-submit = Rechercher
search-help = Tous les mots sont cherchés ; « entre guillemets » pour une expression exacte, -mot pour l'exclure.
search-errors-intro = Une partie de la recherche n'a pas pu être prise en compte :
search-index-building = L'index de recherche est en cours de construction : les résultats seront complets dans quelques instants.
search-facets-label = Affiner la recherche
search-facet-theme = Thème
search-facet-public = Public
search-facet-structure = Type de structure
search-facet-partner = Partenaire
search-facet-region = Région
search-facet-department = Département
search-facet-year = Année de démarrage
search-count-label = { $count ->
    [one] { $count } projet
   *[other] { $count } projets
}
search-show-all = Tout afficher ({ $count })
search-years-chart = Projets par année de démarrage
search-year-from = De
search-year-to = à
search-years-from = depuis { $year }
search-years-to = jusqu'à { $year }
search-status = Projets archivés
search-include-archived = Inclure les projets qu'aucun partenaire ne recense plus
search-apply = Appliquer les filtres
search-total = { $count ->
    [0] Aucun projet
    [one] { $count } projet
   *[other] { $count } projets
}
search-range = — { $first } à { $last }
search-sort = Trier par
search-sort-relevance = Pertinence
search-sort-newest = Les plus récents
search-sort-name = Nom (A → Z)
search-sort-distance = Distance
search-show-map = Voir sur la carte
search-show-list = Voir la liste
search-chips-label = Critères choisis
search-remove = retirer
search-clear = Tout effacer
search-chip-words = Mots : « { $words } »
search-chip-near = À moins de { $km } km de { $place }
search-chip-bbox = Zone de la carte
search-chip-archived = Archivés inclus
search-commune = Commune
search-archived-badge = archivé
search-distance = à { $km } km
search-since = depuis { $year }
search-none = Aucun projet ne correspond à cette recherche.
search-widen = Pour élargir :
search-widen-remove = retirer « { $what } »
search-widen-words = Vérifiez l'orthographe, essayez un mot plus général ou un synonyme, ou retirez les guillemets.
search-everything = Voir tous les projets
search-exports = Télécharger ces résultats
search-exports-help = Tous les projets de cette recherche, sous Licence Ouverte 2.0 ; chaque ligne crédite les partenaires qui recensent le projet.
search-api-link = La même recherche dans l'API (JSON)
search-api-docs = documentation de l'API
search-suggestions = Suggestions
search-suggest-projects = Projets
search-suggest-communes = Communes
search-suggest-themes = Thèmes
search-suggest-around = Autour de { $place }
search-map-label = Carte des projets de la recherche
search-map-cluster-list = voir la liste de ces projets
search-map-zoom-in = Zoomer
search-map-search-here = Chercher dans cette zone
search-map-noscript = La carte a besoin de JavaScript.
search-map-status = { $located ->
    [0] Aucun projet localisé dans cette vue
    [one] 1 projet localisé dans cette vue
   *[other] { $located } projets localisés dans cette vue
} (sur { $total } trouvés).
search-error-year = « { $value } » n'est pas une année (entre 1800 et 2100).
search-error-years-inverted = L'année de début est après l'année de fin ({ $value }).
search-error-bbox = « { $value } » n'est pas une zone : quatre nombres sont attendus, ouest,sud,est,nord.
search-error-radius = « { $value } » n'est pas un rayon valable (un nombre de kilomètres, jusqu'à 1000).
search-error-sort = « { $value } » n'est pas un ordre connu (relevance, newest, name, distance).
search-error-page = « { $value } » n'est pas un numéro de page.
search-error-per-page = « { $value } » résultats par page : entre 1 et 100.
search-error-unknown = « { $value } » n'existe pas pour le critère { $param }.
search-error-near = « { $value } » n'est ni un code INSEE de commune ni des coordonnées « latitude,longitude ».
search-error-distance-needs-place = Le tri par distance demande un lieu (paramètre near).
project-map-label = Localisation du projet
project-map-precision-commune = Position approximative : le centre de la commune.
project-map-precision-department = Position approximative : le chef-lieu du département.
project-similar = Projets similaires
api-docs-title = API des données ouvertes
api-docs-intro = Le document OpenAPI 3 complet :
api-docs-parameters = Paramètres
api-docs-responses = Réponses
api-docs-required = obligatoire
error-not-found-commune = Cette commune n'existe pas.
search-invalid-year = Une année entre 1800 et 2100 est attendue.
search-invalid-years-inverted = L'année de début est après l'année de fin.
search-invalid-bbox = Quatre nombres sont attendus : ouest,sud,est,nord (latitudes entre -90 et 90, le sud avant le nord).
search-invalid-radius = Un nombre de kilomètres supérieur à 0 et jusqu'à 1000 est attendu.
search-invalid-sort = Valeurs possibles : relevance, newest, name, distance.
search-invalid-page = Un numéro de page à partir de 1 est attendu.
search-invalid-per-page = Entre 1 et 100 résultats par page.
search-invalid-unknown = Cette valeur n'existe pas (voir /api/v1/taxonomy, /api/v1/partners, /api/v1/territories).
search-invalid-near = Un code INSEE de commune ou « latitude,longitude » est attendu.
search-invalid-distance-needs-place = Le tri par distance demande un lieu (paramètre near).
search-invalid-zoom = Le niveau de zoom va de 0 à 20.
