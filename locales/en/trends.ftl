nav-trends = Trends
trends-title = Trends
trends-intro = What the hub's active projects tell: their themes, their territories and how they change. Every chart has its data table and its CSV file.
trends-errors-summary = Some settings are not valid (see the messages next to the fields); the parts that depend on them are not shown.
trends-scope-legend = Scope
trends-field-region = Region
trends-field-department = Department
trends-field-theme = Theme
trends-all-regions = All regions
trends-all-departments = All departments
trends-all-themes = All themes
trends-apply = Update
trends-scope-count = { $count ->
    [one] { $count } active project in this scope
   *[other] { $count } active projects in this scope
}
trends-section-themes = By theme
trends-section-territories = By territory
trends-section-time = Over time
trends-section-emerging = Emerging themes
trends-section-comparison = Compare territories
trends-time-intro = First seen is the date the hub found the project at a partner's (a partner joining the collective brings all its projects at once); the start year is the one the project's own page gives.

trends-themes-title = Projects by theme
trends-subthemes-title = Projects by sub-theme
trends-regions-title = Projects by region
trends-departments-title = Projects by department
trends-communes-title = Projects by commune
trends-months-title = New projects by month first seen
trends-start-years-title = Projects by start year
trends-emerging-title = Change of each theme between the two periods
trends-comparison-title = Theme profiles of the compared territories

trends-col-theme = Theme
trends-col-subtheme = Sub-theme
trends-col-parent = Parent theme
trends-col-projects = Projects
trends-col-share = Share of projects (%)
trends-col-region = Region
trends-col-department = Department
trends-col-commune = Commune
trends-col-month = Month
trends-col-new-projects = New projects
trends-col-start-year = Start year
trends-col-current = Current period
trends-col-previous = Previous period
trends-col-growth = Change (%)
trends-col-area-projects = { $area } — projects
trends-col-area-share = { $area } — share (%)
trends-csv-code = Code

trends-axis-projects = Number of projects
trends-axis-share = Share of the territory's projects (%)
trends-axis-growth = Change from the previous period to the current one (%)
trends-axis-month = Month first seen (UTC)
trends-axis-new = New projects
trends-axis-start-year = Start year

trends-desc-bars = Horizontal bar chart of { $count } items. Highest value: { $top }, { $value }.
trends-desc-grouped = Grouped bar chart of { $count } themes, one bar per territory: { $series }.
trends-desc-line = Line of { $count } points, from { $first } to { $last }. Maximum: { $max } ({ $at }).

trends-unplaced = Not placed
trends-note-omitted-subthemes = { $count ->
    [one] { $count } sub-theme without projects is not shown.
   *[other] { $count } sub-themes without projects are not shown.
}
trends-note-omitted-departments = { $count ->
    [one] { $count } department without projects is not shown.
   *[other] { $count } departments without projects are not shown.
}
trends-note-no-start-year = { $count ->
    [one] { $count } project without a known start year is not shown.
   *[other] { $count } projects without a known start year are not shown.
}
trends-note-implausible-years = { $count ->
    [one] { $count } project whose start year is before { $min } or after { $max } is not shown.
   *[other] { $count } projects whose start year is before { $min } or after { $max } are not shown.
}
trends-no-data = No project to show in this scope.
trends-data-table = Data table
trends-csv = Download the data (CSV)

trends-field-period = Period compared
trends-period-option = Last { $months } months
trends-field-level = Level
trends-level-theme = Themes
trends-level-subtheme = Sub-themes
trends-field-min = Minimum projects per period
trends-emerging-how = How it is calculated
trends-emerging-explain-windows = The projects first seen on the hub in the last { $months } months (from { $current_from } to { $now }) are compared with those first seen in the { $months } months before (from { $previous_from } to { $current_from }).
trends-emerging-explain-growth = For each theme, the change is (current count − previous count) ÷ previous count × 100. A project counts once per theme, even when it carries several of its sub-themes; themes are ranked from the strongest rise to the strongest fall.
trends-emerging-explain-minimum = Only themes with at least { $min } projects in each of the two periods are ranked, so that tiny numbers (going from 1 to 3 projects is +200%) do not dominate.
trends-emerging-explain-overall = For comparison, all the projects of the scope changed by { $growth } ({ $current } against { $previous }): a theme really emerges when it grows faster than the whole.
trends-emerging-explain-overall-none = No project of the scope was first seen in the previous period ({ $current } in the current one): the overall change cannot be calculated.
trends-emerging-none = { $min ->
    [one] No theme has at least { $min } project in each of the two periods.
   *[other] No theme has at least { $min } projects in each of the two periods.
}
trends-too-few-title = Themes below the minimum, not ranked
trends-too-few-intro = These themes have projects in at least one of the two periods, but fewer than { $min } in one of them.

trends-compare-field = Territory { $n }
trends-compare-none = —
trends-compare-regions = Regions
trends-compare-departments = Departments
trends-compare-apply = Compare
trends-compare-hint = Choose 2 to 4 regions or departments to compare their theme profiles.
trends-compare-example = For example, compare the regions with the most projects
trends-compare-explain = The share of a theme in a territory is the number of its projects carrying that theme divided by its total number of projects (of the chosen theme, if the scope has one). As a project can carry several themes, a territory's shares often add up to more than 100%.
trends-compare-total = { $area }: { $count ->
    [one] { $count } project
   *[other] { $count } projects
}

trends-error-region = This region does not exist.
trends-error-department = This department does not exist.
trends-error-department-outside-region = This department is not in the chosen region.
trends-error-theme = This theme does not exist.
trends-error-period = Choose a period of 3, 6, 12 or 24 months.
trends-error-level = Choose "Themes" or "Sub-themes".
trends-error-min = The minimum must be a whole number from 1 to 100,000.
trends-error-compare-unknown = One of the chosen territories does not exist.
trends-error-compare-twice = The same territory is chosen twice.
trends-error-compare-too-few = Choose at least two territories to compare.
trends-error-compare-too-many = Choose at most four territories.

trends-month-1 = Jan
trends-month-2 = Feb
trends-month-3 = Mar
trends-month-4 = Apr
trends-month-5 = May
trends-month-6 = Jun
trends-month-7 = Jul
trends-month-8 = Aug
trends-month-9 = Sep
trends-month-10 = Oct
trends-month-11 = Nov
trends-month-12 = Dec
trends-index-building = The search index these figures are read from is being built: they will be complete in a few moments.
