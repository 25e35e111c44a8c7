search-title = Search projects
search-map-title = Map of projects
search-form-label = Project search
search-words = Words searched
search-placeholder = A word, a place, a theme… (e.g. food bank, "repair café")
search-submit = Search
search-help = Every word is searched; "in quotes" for an exact phrase, -word to leave it out.
search-errors-intro = Part of the search could not be used:
search-index-building = The search index is being built: results will be complete in a few moments.
search-facets-label = Refine the search
search-facet-theme = Theme
search-facet-public = Public
search-facet-structure = Structure type
search-facet-partner = Partner
search-facet-region = Region
search-facet-department = Department
search-facet-year = Start year
search-count-label = { $count ->
    [one] { $count } project
   *[other] { $count } projects
}
search-show-all = Show all ({ $count })
search-years-chart = Projects by start year
search-year-from = From
search-year-to = to
search-years-from = since { $year }
search-years-to = until { $year }
search-status = Archived projects
search-include-archived = Include projects no partner lists any more
search-apply = Apply filters
search-total = { $count ->
    [0] No project
    [one] { $count } project
   *[other] { $count } projects
}
search-range = — { $first } to { $last }
search-sort = Sort by
search-sort-relevance = Relevance
search-sort-newest = Newest
search-sort-name = Name (A → Z)
search-sort-distance = Distance
search-show-map = Show on the map
search-show-list = Show the list
search-chips-label = Chosen criteria
search-remove = remove
search-clear = Clear all
search-chip-words = Words: "{ $words }"
search-chip-near = Within { $km } km of { $place }
search-chip-bbox = Map area
search-chip-archived = Archived included
search-commune = Commune
search-archived-badge = archived
search-distance = { $km } km away
search-since = since { $year }
search-none = No project matches this search.
search-widen = To widen it:
search-widen-remove = remove "{ $what }"
search-widen-words = Check the spelling, try a more general word or a synonym, or remove the quotes.
search-everything = See every project
search-exports = Download these results
search-exports-help = Every project of this search, under the Licence Ouverte 2.0; each row credits the partners that list the project.
search-api-link = The same search in the API (JSON)
search-api-docs = API documentation
search-suggestions = Suggestions
search-suggest-projects = Projects
search-suggest-communes = Communes
search-suggest-themes = Themes
search-suggest-around = Around { $place }
search-map-label = Map of the search's projects
search-map-cluster-list = see the list of these projects
search-map-zoom-in = Zoom in
search-map-search-here = Search this area
search-map-noscript = The map needs JavaScript.
search-map-status = { $located ->
    [0] No located project in this view
    [one] 1 located project in this view
   *[other] { $located } located projects in this view
} (of { $total } found).
search-error-year = "{ $value }" is not a year (between 1800 and 2100).
search-error-years-inverted = The start year is after the end year ({ $value }).
search-error-bbox = "{ $value }" is not an area: four numbers are expected, west,south,east,north.
search-error-radius = "{ $value }" is not a valid radius (a number of kilometres, up to 1000).
search-error-sort = "{ $value }" is not a known order (relevance, newest, name, distance).
search-error-page = "{ $value }" is not a page number.
search-error-per-page = "{ $value }" results per page: between 1 and 100.
search-error-unknown = "{ $value }" does not exist for the criterion { $param }.
search-error-near = "{ $value }" is neither a commune's INSEE code nor "latitude,longitude" coordinates.
search-error-distance-needs-place = Sorting by distance needs a place (the near parameter).
project-map-label = Where the project is
project-map-precision-commune = Approximate position: the centre of the commune.
project-map-precision-department = Approximate position: the department's main town.
project-similar = Similar projects
api-docs-title = Open data API
api-docs-intro = The full OpenAPI 3 document:
api-docs-parameters = Parameters
api-docs-responses = Responses
api-docs-required = required
error-not-found-commune = This commune does not exist.
search-invalid-year = A year between 1800 and 2100 is expected.
search-invalid-years-inverted = The start year is after the end year.
search-invalid-bbox = Four numbers are expected: west,south,east,north (latitudes between -90 and 90, south before north).
search-invalid-radius = A number of kilometres above 0 and up to 1000 is expected.
search-invalid-sort = Possible values: relevance, newest, name, distance.
search-invalid-page = A page number from 1 on is expected.
search-invalid-per-page = Between 1 and 100 results per page.
search-invalid-unknown = This value does not exist (see /api/v1/taxonomy, /api/v1/partners, /api/v1/territories).
search-invalid-near = A commune's INSEE code or "latitude,longitude" is expected.
search-invalid-distance-needs-place = Sorting by distance needs a place (the near parameter).
search-invalid-zoom = The zoom level goes from 0 to 20.
