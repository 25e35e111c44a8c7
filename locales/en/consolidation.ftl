## Duplicates across partners, provenance and project history.

similarity-score = { $score }% alike
similarity-title = title { $value }%
similarity-text = text { $value }%
similarity-contact-same = same contact details
similarity-contact-other = other contact details
similarity-place-same = same commune
similarity-place-other = another commune
similarity-place-near = same department

duplicates-title = Suspected duplicates
duplicates-heading = Suspected duplicates to review
duplicates-intro = These listings look like a project already listed, but not enough to be merged automatically. Say whether they are the same project: your decision is kept through future collections.
duplicates-col-listing = Listing
duplicates-col-project = Similar project
duplicates-col-why = Why
duplicates-col-decision = Decision
duplicates-same = Same project
duplicates-different = Different projects
duplicates-none = No suspected duplicate awaits review.
duplicate-merged = The two listings are now one project.
duplicate-rejected = Noted: these projects will stay apart.
duplicate-decision-unknown = Choose “Same project” or “Different projects”.
duplicate-split-done = The listing is now a project of its own; it will not be merged with the other again.
duplicate-split-alone = This project has a single listing: there is nothing to split.
duplicate-split-manual = This listing does not come from a collected source and cannot be split.
error-not-found-listing = This listing does not exist or is no longer online.
error-not-found-duplicate = This suspected duplicate does not exist or was already decided.
error-forbidden-duplicate-decide = Only editors of the partners listing this project and the coordination team can split its listings.

listing-joined-auto = Merged automatically:
listing-joined-by-person = Merged by a person:
listing-split = Split this listing

project-history = History
history-cause-created = created
history-cause-updated = updated
history-cause-merged = listings merged
history-cause-split = a listing split off
history-cause-archived = archived (no partner lists it any more)
history-cause-revived = listed again
history-field-title = title
history-field-summary = summary
history-field-description = description
history-field-holder_name = holder
history-field-address = address
history-field-postcode = postcode
history-field-commune_insee = commune
history-field-geo_precision = location precision
history-field-website = website
history-field-contact_email = contact address
history-field-image_url = image
history-field-start_year = start year
history-field-status = status
history-field-merged_into = merged into another project
coord-nav-duplicates = Duplicates
space-tab-duplicates = Duplicates
