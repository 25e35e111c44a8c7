site-name = Carrefour
site-tagline = The social-innovation projects that the collective's partners spot all over France, gathered in one place.
skip-to-content = Skip to content
nav-label = Main navigation
nav-home = Home
nav-projects = Projects
nav-map = Map
nav-partners = Partners
nav-charter = Charter
nav-contact = Contact
lang-switch = Français
footer-about = Carrefour is the digital commons of a collective of networks, foundations, local authorities and associations committed to social innovation.
footer-data-licence = Data published under the
licence-data = Open Licence 2.0
footer-code-licence = Source code licensed under
breadcrumb-label = Breadcrumb

count-projects = { $count ->
    [one] { $count } project
   *[other] { $count } projects
}
count-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

home-title = Home
home-heading = Social innovation, visible, recognised and connected
home-stat-projects = { $count ->
    [one] project
   *[other] projects
}
home-stat-partners = { $count ->
    [one] partner
   *[other] partners
}
home-stat-regions = { $count ->
    [one] region
   *[other] regions
}
home-browse = Browse projects
home-latest = Latest projects
home-empty = No projects yet: the partners' sources have not been collected.
home-themes = Explore by theme

projects-title = Projects
projects-filter-label = Filter projects
projects-filter-theme = Theme
projects-filter-region = Region
projects-filter-all = All
projects-filter-apply = Filter
projects-count = { $count ->
    [0] No projects
    [one] { $count } project
   *[other] { $count } projects
}
projects-range = showing { $first } to { $last }
projects-none = No project matches these criteria.
projects-reset = See all projects
project-place = Place
project-themes = Themes
project-publics = Target publics
project-listed-by = Listed by
project-archived = No partner lists this project any more; its page is kept for the record.
project-description = About
project-facts = Key facts
project-holder = Holder organisation
project-structure = Structure type
project-start = Start date
project-website = Website
project-original-page = original page

pager-label = Pages
pager-prev = Previous
pager-next = Next
pager-position = Page { $page } of { $pages }

partners-title = Partners of the collective
partners-intro = Each partner shares the projects it supports, funds or spots. All weigh the same in decisions: one partner, one vote.
partners-none = No active partner yet.
partner-website = Website
partner-projects = { $count ->
    [0] No shared projects
    [one] { $count } shared project
   *[other] { $count } shared projects
}
partner-kind-network = Network
partner-kind-foundation = Foundation
partner-kind-local_authority = Local authority
partner-kind-association = Association
partner-kind-public_body = Public body
partner-kind-company = Company
partner-kind-research = Research
partner-scale-local = Local
partner-scale-regional = Regional
partner-scale-national = National

charter-title = Charter of the collective
charter-version = Version { $version }, adopted on { $date }
charter-rules = Voting rules in force
charter-rule-quorum = Quorum (share of active partners that vote)
charter-rule-majority = Simple majority (share of "for" among for + against)
charter-rule-qualified = Qualified majority (charter amendments, admissions)
charter-rule-deliberation = Deliberation before the vote
charter-rule-voting = Voting period

contact-title = Write to the coordinators
contact-intro = A question about the collective, a membership request, an error to report? The coordination team will answer.
contact-name = Your name
contact-email = Your email address
contact-subject = Subject
contact-message = Message
contact-send = Send
contact-sent = Your message has been sent to the coordinators.
form-has-errors = The form has errors: please correct the fields shown.

field-required = This field is required.
field-too-short = This text is too short.
field-too-long = This text is too long.
email-invalid = This email address is not valid.
email-too-long = This email address is too long.
form-too-large = The form sent is too large.
form-malformed = The form sent is incomplete or malformed.
page-invalid = The page number must be a positive integer.
filter-unknown-theme = This theme does not exist.

error-back-home = Back to the home page
error-not-found = Page not found
error-not-found-message = The requested resource does not exist.
error-not-found-page = This page does not exist or has moved.
error-not-found-project = This project does not exist.
error-not-found-partner = This partner does not exist or is not active.
error-method-not-allowed = Action not possible
error-method-not-allowed-message = This address does not accept this kind of request.
error-unauthorized = Sign-in required
error-unauthorized-message = Sign in to access this page.
error-forbidden = Access denied
error-forbidden-message = You do not have the rights needed.
error-forbidden-csrf = The form has expired or did not come from this site. Reload the page and try again.
error-invalid = Invalid data
error-invalid-message = Some of the information sent is not valid.
error-conflict = Conflict
error-conflict-message = This action conflicts with the current state of the data.
error-too-many-requests = Too many requests
error-too-many-requests-message = Too many attempts in a short time. Try again in a few minutes.
error-unavailable = Service temporarily unavailable
error-unavailable-message = The service is temporarily unavailable. Try again in a moment.
error-internal = Internal error
error-internal-message = An unexpected error occurred. The technical team has been told.

mail-contact-subject = [Carrefour] Contact: { $subject }
mail-contact-intro = { $name } ({ $email }) wrote to the coordinators through the contact form:
mail-contact-footer = Sent from
