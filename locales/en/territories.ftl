nav-territories = Territories
territories-title = Territories
territories-intro = { $count ->
    [one] { $count } active project, by region and department.
   *[other] { $count } active projects, by region and department.
}
territories-unplaced = { $count ->
    [one] { $count } project is in no region.
   *[other] { $count } projects are in no region.
}
territories-see-trends = See the trends: themes, changes over time, comparisons between territories
territories-departments-of = Departments of { $region }
territories-projects = { $count ->
    [one] { $count } project
   *[other] { $count } projects
}
territories-kind-region = Region
territories-kind-department = Department
territories-kind-commune = Commune
territories-code = code { $code }
territories-insee = INSEE code { $code }
territories-trends-of = Trends: { $name }
territories-latest = Latest projects
territories-projects-heading = Projects
territories-no-projects = No active project is listed here yet.
territories-all-projects = { $count ->
    [one] See the project of { $name }
   *[other] See all { $count } projects of { $name }
}
territories-themes = Main themes
territories-no-themes = No themes.
territories-partners = Partners active here
territories-no-partners = No partner lists a project here.
territories-departments = Departments
territories-communes = Communes with projects
territories-no-communes = No commune has a project yet.
territories-unplaced-department = { $count ->
    [one] { $count } project of the region is in no department.
   *[other] { $count } projects of the region are in no department.
}
territories-unplaced-commune = { $count ->
    [one] { $count } project of the department is in no commune.
   *[other] { $count } projects of the department are in no commune.
}
error-not-found-territory = This territory does not exist: check the code of the region, department or commune.
territories-map = Map of the projects
territories-map-label = Map of the projects: { $name }
territories-map-open = Open the map of the projects of { $name }, with the search filters
