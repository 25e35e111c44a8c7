## Brokerage board: requests (calls for expertise, job offers, missions…), answers,
## expertise profiles and saved searches.

nav-board = Brokerage
board-title = Brokerage board
board-lead = Calls for expertise, job offers, volunteer missions, skills sponsorship, partnership searches and calls for projects from partners and project holders.
board-new = Post a request
board-mine = My requests
board-my-answers = My answers
board-search-label = Search the board
board-search-words = Words
board-search-placeholder = impact evaluation, lawyer, Lille…
board-search-submit = Search
board-apply = Apply
board-total = { $count ->
    [0] No request
    [one] 1 request
   *[other] { $count } requests
}
board-none = No request matches this search.
board-include-ended = Include filled, closed and expired requests
board-feed = Atom feed of this search
board-sort-relevance = relevance
board-sort-newest = newest
board-sort-closing = closing soonest
board-facet-kind = Kind of request
board-facet-theme = Theme
board-facet-region = Region
board-facet-department = Department
board-facet-contract = Contract
board-facet-reach = Reach
board-facet-status = Status
board-deadline-on = Answers until { $date }
board-deadline = Deadline
board-published-on = Published on
board-contract = Contract
board-pay = Pay
board-workload = Workload
board-dates = Dates
board-projects = Projects concerned
board-facts = At a glance
board-choose = — choose —

board-kind-expertise = Call for expertise
board-kind-job = Job offer
board-kind-volunteer = Volunteer mission
board-kind-sponsorship = Skills sponsorship
board-kind-partnership = Partnership search
board-kind-call = Call for projects

board-status-draft = Draft
board-status-review = Awaiting review
board-status-published = Open
board-status-filled = Filled
board-status-closed = Closed
board-status-expired = Expired
board-status-unpublished = Taken down

board-contract-cdi = Permanent (CDI)
board-contract-cdd = Fixed-term (CDD)
board-contract-alternance = Work-study
board-contract-stage = Internship
board-contract-service_civique = Civic service
board-contract-freelance = Freelance

board-per-hour = per hour
board-per-day = per day
board-per-month = per month
board-per-year = per year

board-reach-commune = A commune
board-reach-department = A department
board-reach-region = A region
board-reach-france = All of France
board-reach-remote = Remote

board-answer-mode-carrefour = On Carrefour (message and documents)
board-answer-mode-link = Through an external link
board-answer-mode-email = By email

## Request form

board-form-title-new = Post a request
board-form-title-edit = Edit the request
board-field-kind = Kind of request
board-field-on-behalf = On behalf of
board-field-on-behalf-hint = A partner you are a member of, or a project you hold.
board-on-behalf-project = Project “{ $project }”
board-field-title = Title
board-field-description = Description
board-field-description-hint = The need, the context, what you expect. Markdown accepted.
board-field-projects = Projects concerned
board-field-projects-hint = Numbers or addresses of the projects' pages, separated by commas (projects you hold or the partner lists).
board-field-territory = Territory
board-field-commune = Commune
board-field-commune-hint = Name (with its department if needed: “Saint-Denis (93)”), postcode or INSEE code.
board-field-department = Department
board-field-region = Region
board-field-themes = Themes
board-field-publics = Target publics
board-field-job = For a job offer
board-field-contract = Contract type
board-field-contract-hint = Required for a job offer.
board-field-pay-min = Minimum pay (€)
board-field-pay-max = Maximum pay (€)
board-field-pay-period = Pay period
board-field-workload = Workload
board-field-workload-hint = For instance “3 days”, “full time”, “2 h a week”.
board-field-starts-on = Start
board-field-ends-on = End
board-field-deadline = Answers deadline
board-field-deadline-hint = The request closes by itself the day after this date.
board-field-answer-mode = How to answer
board-field-answer-url = Link to answer
board-field-answer-email = Address to answer
board-honeypot-label = Leave this field empty
board-save-draft = Save the draft
board-save = Save

board-kind-required = Choose a kind of request.
board-on-behalf-required = Choose on whose behalf you post.
board-projects-invalid = Give numbers or addresses of project pages.
board-projects-too-many = Twenty projects at most.
board-project-not-yours = One of these projects is neither held by you nor listed by this partner.
board-territory-required = Choose a territory.
board-commune-unknown = This commune is unknown.
board-commune-ambiguous = Several communes have this name: add the department, e.g. “Saint-Denis (93)”.
board-department-unknown = Choose a department.
board-region-unknown = Choose a region.
board-themes-required = Choose at least one theme.
board-term-unknown = This term is not in the thesaurus.
board-contract-required = Give the contract type of a job offer.
board-contract-unknown = This contract type is unknown.
board-pay-invalid = Give an amount in euros, without decimals.
board-pay-inverted = The maximum pay is below the minimum.
board-pay-period-required = Give the pay period.
board-date-invalid = This date is invalid.
board-dates-inverted = The end is before the start.
board-deadline-past = The deadline has already passed.
board-deadline-too-far = The deadline is more than a year away.
board-answer-mode-required = Choose how to answer.
board-answer-url-invalid = Give a full web address (https://…).
board-honeypot = This form could not be sent.
board-limit-requests = You created many requests today: try again tomorrow.
board-verify-first = First confirm your email address (link sent by email).
board-no-right-to-post = To post a request you must be a member of a partner or hold a claimed project.

## Lifecycle

board-manage = Manage the request
board-edit = Edit
board-publish = Publish
board-delete-draft = Delete the draft
board-close-as = Close as
board-close = Close
board-extend = Extend until
board-reopen = Reopen until
board-save-deadline = Save the date
board-unpublish = Take off the board
board-unpublish-reason = Reason (optional)
board-unpublished-reason = Request taken down: { $reason }
board-approve = Approve and publish
board-draft-saved = Draft saved. Read it again, then publish it.
board-saved = Request saved.
board-published = Request published.
board-held-for-review = Request sent: the coordinators read it before it is published.
board-closed = Request closed. Its answers stay available.
board-reopened = Deadline saved: the request is open.
board-unpublished = Request taken off the board.
board-draft-deleted = Draft deleted.
board-already-moved = Someone already changed this request's status.
board-outcome-required = Choose “filled” or “closed”.
board-not-reopenable = This request cannot be reopened.
board-only-drafts-deleted = Only drafts without answers can be deleted.
board-not-yours = This request belongs to another organisation.

## Answers

board-how-to-answer = Answer
board-not-open-draft = Draft: the request is not published yet.
board-not-open-review = The coordinators are reading this request before it is published.
board-not-open-published = This request is open.
board-not-open-filled = This request is filled: it takes no more answers.
board-not-open-closed = This request is closed: it takes no more answers.
board-not-open-expired = The deadline has passed: the request takes no more answers.
board-not-open-unpublished = This request was taken off the board.
board-answer-external = Answer on the organisation's site
board-answer-by-mail = Answer by email:
board-own-request = This is a request of your organisation.
board-you-answered = You answered on { $date }
board-sign-in-to-answer = Sign in to answer
board-answer-body = Your message
board-answer-body-hint = Introduce yourself and say what you offer. Markdown accepted.
board-answer-documents = Documents (optional)
board-answer-documents-hint = PDF, ODT or DOCX, 5 MB each, { $count } at most.
board-answer-privacy = Only the members of the posting organisation will read your answer.
board-answer-send = Send my answer
board-answer-sent = Answer sent.
board-answer-held = Answer sent: as it contains links and your account is new, a coordinator reads it before passing it on.
board-already-answered = You already answered this request.
board-limit-answers = You sent many answers today: try again tomorrow.
board-not-open = This request takes no answers on Carrefour.
board-files-too-many = Three documents at most.
board-file-too-large = A document is larger than 5 MB.
board-files-too-large = The upload is too large: three documents of 5 MB at most.
board-file-wrong-type = A document is neither a PDF, an ODT nor a DOCX (its content decides, not its name).
board-answers-title = Answers received
board-answers-count = { $count ->
    [0] No answer
    [one] 1 answer
   *[other] { $count } answers
}
board-new-answers = { $count ->
    [one] 1 new
   *[other] { $count } new
}
board-no-answers = No answer yet.
board-answer-sent-on = Sent on { $date }
board-answer-status = Status
board-answer-note = Private note (seen by your organisation only)
board-answer-notify = Tell the person about the new status by email
board-answer-status-new = New
board-answer-status-shortlisted = Shortlisted
board-answer-status-declined = Declined
board-answer-status-accepted = Accepted
board-answer-status-required = Choose a status.
board-answer-updated = Answer updated.
board-answer-held-badge = Awaiting review
board-respondent-gone = Deleted account
board-no-own-answers = You have not answered any request yet.
board-no-own-requests = Your organisation has not posted any request yet.

## Moderation

board-moderation = Board moderation
board-moderation-review = Requests to review
board-moderation-held = Answers held (links from a new account)
board-moderation-none = Nothing waiting.
board-release = Pass on
board-reject = Reject
board-decision-required = Choose to pass on or reject.
board-moderation-done = Decision saved.

## Errors

error-not-found-board-request = This request does not exist.
error-not-found-board-answer = This answer does not exist.
error-forbidden-board-not-yours = This request belongs to another organisation.

## Mail

mail-board-status-subject = Your answer to “{ $title }”
mail-board-status-new = { $organisation } put your answer to “{ $title }” back among the new ones.
mail-board-status-shortlisted = Good news: { $organisation } shortlisted your answer to “{ $title }”.
mail-board-status-declined = { $organisation } did not retain your answer to “{ $title }”. Thank you for your offer.
mail-board-status-accepted = { $organisation } accepted your answer to “{ $title }” and will get back to you.

## API

board-sort-unknown = Unknown sort: relevance, newest or closing.
board-page-invalid = The page is a number from 1.
board-per-page-invalid = Between 1 and 100 results per page.

## Project and territory pages

board-open-requests = { $count ->
    [one] Open request
   *[other] Open requests ({ $count })
}
board-open-requests-all = See the { $count } open requests on the board
board-post-for-project = Post a request for this project

## Expertise profiles
board-tabs = Requests and profiles
board-tab-requests = Requests
board-tab-profiles = Expertise profiles
board-profile = Expertise profile
board-profiles-title = Expertise profiles
board-profiles-lead = People and partners offer their help: evaluation, law, digital, fundraising… Each profile says what they can do, where, when and on which terms.
board-profiles-search-label = Search expertise profiles
board-profiles-total = { $count ->
    [0] No profile
    [one] 1 profile
   *[other] { $count } profiles
}
board-profiles-none = No profile matches this search.
board-profile-new = Offer my expertise
board-my-profiles = My profiles
board-my-profiles-none = You have no expertise profile yet.
board-profile-hidden = Hidden
board-profile-facet-theme = Theme
board-profile-facet-region = Region
board-profile-facet-kind = Answers requests
board-profile-facet-terms = Terms
board-profile-terms-pro_bono = Pro bono
board-profile-terms-paid = Paid
board-profile-terms-both = Pro bono or paid
board-profile-form-title-new = Offer my expertise
board-profile-form-title-edit = Edit the profile
board-profile-field-title = What you offer
board-profile-field-title-hint = For instance: "Social impact evaluation for associations".
board-profile-field-description = Presentation
board-profile-field-on-behalf = Offered by
board-profile-myself = Myself
board-profile-field-kinds = Requests you answer
board-profile-field-territory = Where you work
board-profile-field-availability = Availability
board-profile-field-availability-hint = For instance: "two days a month from January".
board-profile-field-terms = Terms
board-profile-field-visible = Publish this profile on the board
board-profile-save = Save the profile
board-profile-saved = Profile saved.
board-profile-deleted = Profile deleted.
board-profile-delete = Delete the profile
board-profile-not-yours = This profile is not yours.
board-profile-partner-not-yours = Choose a partner you belong to.
board-profile-kinds-required = Tick at least one kind of request.
board-profile-terms-required = Say whether your help is pro bono, paid, or both.
board-limit-profiles = You created many profiles today; try again tomorrow.
board-profile-matches = Matching requests
board-profile-no-match = No open request matches this profile yet.
board-request-matches = Matching expertise profiles
board-match-because = matches: { $reasons }
error-not-found-board-profile = This profile does not exist.
error-forbidden-board-profile-not-yours = This profile belongs to someone else.

## Reports
board-report-request = Report this request
board-report-answer = Report this answer
board-report-title-request = Report a request
board-report-title-answer = Report an answer
board-report-answer-lead = Answer from { $respondent } to “{ $title }”
board-report-explain = The coordinators read every report and decide whether to remove the content. Say what is wrong.
board-report-reason = Reason for the report
board-report-reason-hint = Between 10 and 1,000 characters: fraud, misleading, discriminatory, off-topic…
board-report-reason-required = Give the reason for the report.
board-report-reason-too-short = The reason is too short: at least 10 characters.
board-report-reason-too-long = The reason is too long: at most 1,000 characters.
board-report-send = Send the report
board-report-cancel = Cancel
board-report-sent = Thank you: your report was sent to the coordinators.
board-report-already = You already reported this; the coordinators are looking into it.
board-moderation-reports = Reports
board-report-target-request = Request
board-report-target-answer = Answer
board-report-by = reported by { $name } on { $date }
board-report-settled-request = This request is already off the board.
board-report-settled-answer = This answer is already hidden.
board-report-note = Message to the organisation (optional; the report's reason otherwise)
board-report-act-request = Take the request off
board-report-act-answer = Hide the answer
board-report-dismiss = Dismiss
board-report-note-mail = Reason
board-answer-hidden-badge = Hidden by the coordinators
mail-board-report-subject = Report on the board: “{ $title }”
mail-board-report-request = The request “{ $title }” was reported.
mail-board-report-answer = An answer to the request “{ $title }” was reported.
mail-board-moderated-subject-request = Your request “{ $title }” was taken off the board
mail-board-moderated-subject-answer = An answer to “{ $title }” was hidden
mail-board-moderated-request = After a report, the coordinators took your request “{ $title }” off the board. The answers you received stay available.
mail-board-moderated-answer = After a report, the coordinators hid the answer from { $respondent } to your request “{ $title }”.
notification-kind-board_report = Report on the board
notification-kind-board_report-help = For coordinators: a request or an answer on the board was reported.
notification-kind-board_moderated = Moderation of your requests
notification-kind-board_moderated-help = One of your requests was taken off, or an answer hidden, after a report.

# Saved searches (alerts)
board-alerts = My alerts
board-alerts-lead = Get new requests matching your saved searches by email (up to { $max } alerts).
board-alerts-none = You have no alert yet. Search the board, then save the search at the bottom of the page.
board-alert-title = Hear about new requests
board-alert-explain = Save this search: every new request matching it will be emailed to you.
board-alert-sign-in = Sign in to save this search and get new requests by email.
board-alert-sign-in-link = Sign in
board-alert-label = Alert name
board-alert-label-hint = For instance “Impact evaluation in Hauts-de-France”.
board-alert-frequency = Frequency
board-alert-frequency-immediate = As soon as a request appears
board-alert-frequency-daily = Daily digest
board-alert-frequency-weekly = Weekly digest
board-alert-frequency-unknown = Choose a frequency from the list.
board-alert-too-many = You have reached the most alerts one may keep: delete one before making another.
board-alert-save = Save the alert
board-alert-saved = Alert saved: new requests will be emailed to you.
board-alert-updated = Alert frequency changed.
board-alert-deleted = Alert deleted.
board-alert-change = Change
board-alert-delete = Delete the alert
board-alert-created = created on { $date }
board-alert-last-sent = last sent on { $date }
board-unsubscribe-title = Unsubscribe from an alert
board-unsubscribe-confirm = Stop receiving the alert “{ $label }”?
board-unsubscribe-button = Unsubscribe
board-unsubscribe-done = Done: you will no longer receive the alert “{ $label }”.
board-unsubscribe-unknown = This alert no longer exists: you will get no more email for it.
mail-board-alert-subject = { $count ->
    [one] One new request: { $label }
   *[other] { $count } new requests: { $label }
}
mail-board-alert-intro = { $count ->
    [one] One new request matches your alert “{ $label }”:
   *[other] { $count } new requests match your alert “{ $label }”:
}
mail-board-alert-deadline = Answers until { $date }
mail-board-alert-more = { $count ->
    [one] … and one more request.
   *[other] … and { $count } more requests.
}
mail-board-alert-search = See the search:
mail-board-alert-why = You receive this email because you saved the alert “{ $label }” on Carrefour's brokerage board.
mail-board-alert-manage = Manage your alerts:
mail-board-alert-unsubscribe = Unsubscribe in one click:

## The board on a map
board-map-title = Board map
board-map-show = Show on the map
board-map-list = Show the list
board-map-label = Map of the search's requests
board-map-cluster-list = list these requests
board-map-status = { $located ->
    [0] No request placed in this view
    [one] 1 request placed in this view
   *[other] { $located } requests placed in this view
} (of { $total } found; remote and France-wide requests have no place).
board-area-chosen = Requests placed in the area chosen on the map.
board-area-clear = Remove the area
board-area-ignored = The area is left out.
board-page-beyond = This page is beyond the search's results.
board-page-first = Back to the first page
