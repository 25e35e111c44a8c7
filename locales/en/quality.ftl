## Data quality: field fill rates, location, duplicates, tags.

quality-title = Data quality
space-tab-quality = Quality
coord-nav-quality = Quality
source-quality-link = Data quality of this source
quality-heading-partner = Data quality of your sources
quality-heading-source = Data quality: { $name }
quality-heading-overall = Data quality of every project
quality-intro = These figures are about the active listed projects, as consolidation built them from the collected listings.
quality-stat-projects = { $count ->
    [one] project
   *[other] projects
}
quality-stat-suspects = { $count ->
    [one] suspected duplicate to review
   *[other] suspected duplicates to review
}
quality-stat-untitled = { $count ->
    [one] collected listing without a title, hence without a project
   *[other] collected listings without a title, hence without a project
}
quality-stat-tags = { $count ->
    [one] distinct partner tag
   *[other] distinct partner tags
}
quality-sources-heading = By source
quality-col-source = Source
quality-col-projects = Projects
quality-col-with-commune = Placed in a commune
quality-col-suspects = Suspected duplicates
quality-col-untitled = Untitled listings
quality-fields-heading = Field fill rates
quality-col-field = Field
quality-col-filled = Filled
quality-col-share = Share
quality-count-of = { $count } of { $total }
quality-no-projects = No active project yet.
quality-field-title = Title
quality-field-summary = Summary
quality-field-description = Description
quality-field-holder = Holder
quality-field-structure = Structure type
quality-field-address = Address
quality-field-postcode = Postcode
quality-field-commune = Commune
quality-field-coordinates = Coordinates
quality-field-website = Website
quality-field-email = Contact email
quality-field-image = Image
quality-field-start_year = Start year
quality-field-themes = Themes
quality-field-publics = Publics
quality-geo-heading = Location
quality-geo-with-commune = { $percent }% of projects are placed at least in a commune.
quality-col-precision = Precision
quality-precision-address = At the address
quality-precision-commune = At the commune
quality-precision-department = At the department
quality-precision-none = Not placed
quality-tags-heading = Partners' tags
quality-tags-intro = { $count ->
    [one] Listings carry one partner tag (themes, publics, categories), as collected.
   *[other] Listings carry { $count } partner tags (themes, publics, categories), as collected; the most used:
}
quality-col-tag = Tag
quality-col-listings = Listings
quality-stat-unmapped-tags = { $count ->
    [one] partner tag to map onto the thesaurus
   *[other] partner tags to map onto the thesaurus
}
