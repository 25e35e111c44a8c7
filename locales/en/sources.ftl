space-tab-sources = Sources
sources-heading = Project sources
sources-intro = Tell where your projects live (website, RSS/Atom feed, JSON API, CSV file, pages with JSON-LD, sitemap). Carrefour then collects them by itself, at the pace you choose, politely.
sources-new = New source
sources-none = No source yet.
sources-col-name = Name
sources-col-kind = Kind
sources-col-schedule = Frequency
sources-col-state = State
sources-every-hours = { $count ->
    [one] every hour
   *[other] every { $count } hours
}
sources-paused = Paused
sources-active = Active
sources-warning = The site may have changed
source-kind-html = Web pages
source-kind-feed = RSS / Atom feed
source-kind-json = JSON API
source-kind-csv = CSV file
source-kind-jsonld = JSON-LD pages
source-kind-sitemap = Sitemap
sources-field-name = Source name
sources-field-config = Configuration
sources-field-config-hint = In the import-file format described in docs/sources.md (JSON), for example {"{"}"kind": "feed", "url": "https://…/feed"{"}"}.
sources-field-enabled = Collect this source automatically
sources-field-interval = Interval between collections (hours)
sources-field-interval-hint = Between 1 and 720 hours.
sources-field-delay = Minimum delay between two pages of the same site (milliseconds)
sources-field-delay-hint = Between 500 and 60,000 ms; the site's robots.txt Crawl-delay applies when longer.
sources-field-connections = Simultaneous connections to the same site
sources-field-connections-hint = Between 1 and 4.
sources-field-max-pages = Maximum pages per collection
sources-field-max-depth = Maximum pagination depth
sources-save = Save the source
sources-delete-heading = Delete the source
sources-delete-intro = The records collected from this source will be deleted with it.
sources-delete-confirm = I confirm deleting this source
sources-delete = Delete
source-saved = The source is saved.
source-deleted = The source is deleted.
source-delete-unconfirmed = Tick the confirmation box to delete the source.
source-name-taken = You already have a source with this name.
source-config-invalid = The configuration is not valid:
source-config-no-url = The configuration must give at least one starting address.
source-config-bad-url = This is not a web address (http or https):
number-invalid = Enter a whole number.
number-out-of-range = This number is outside the limits given.
error-not-found-source = This source does not exist.
source-config-bad-rule = A reading rule is not valid:
runs-heading = Collections
runs-crawl-now = Collect now
runs-next = Next collection planned: { $at } UTC
runs-none = No collection yet.
runs-col-when = When
runs-col-status = Result
runs-col-pages = Pages
runs-col-items = Records
runs-trigger-schedule = scheduled
runs-trigger-manual = requested
runs-trigger-cli = from the command line
runs-duration = { $secs } s
runs-status-queued = Waiting
runs-status-running = Running
runs-status-succeeded = Succeeded
runs-status-partial = Partial (some pages could not be read)
runs-status-failed = Failed
runs-pages = { $fetched } read, { $unchanged } unchanged, { $failed } failed
runs-items = { $new } new, { $changed } changed, { $unchanged } unchanged, { $gone } gone
runs-fill-heading = Fields filled in the latest collection
runs-errors-heading = Pages that could not be read in the latest collection
source-crawl-queued = The collection is requested; it starts in a moment.
source-crawl-already = A collection of this source is already waiting or running.
mail-source-warning-subject = [Carrefour] The source “{ $source }” may have changed
mail-source-warning-intro = The latest collection of { $partner }'s source “{ $source }” found far fewer records or filled fields than the previous one. The site may have been redesigned: the reading rules probably need a look.
mail-source-warning-action = See the collection report and the configuration:
sources-preview = Test the configuration
preview-heading = Configuration test
preview-intro = Nothing was saved: this is what the configuration reads on the site right now.
preview-unsupported = Testing is not available for this kind of source yet.
preview-list-heading = List page
preview-list-page = Page read:
preview-fetch-failed = Could not be read:
preview-items-found = { $count ->
    [0] No link to a record found on this page.
    [one] 1 link to a record found on this page.
   *[other] { $count } links to records found on this page.
}
preview-next-page = Next page:
preview-no-next-page = No next page found.
preview-details-heading = { $count ->
    [one] First record
   *[other] First { $count } records
}
preview-no-details = No record to read.
preview-col-field = Field
preview-col-value = Value read
preview-empty-nothing-matched = Empty: the selector matched nothing on the page.
preview-empty-attribute-missing = { $count ->
    [one] Empty: the selector matched 1 element, but it has no “{ $attr }” attribute.
   *[other] Empty: the selector matched { $count } elements, but the first has no “{ $attr }” attribute.
}
preview-empty-regex = Empty: the regular expression does not match the text “{ $text }”.
preview-empty-date = Empty: the date “{ $text }” cannot be read with the given format.
preview-empty-url = Empty: “{ $text }” is not a web address (http or https).
preview-empty-email = Empty: “{ $text }” is not an email address.
preview-empty-number = Empty: “{ $text }” is not a number.
preview-empty-blank = Empty: the matched element has no text.
sources-warning-lead = The site may have changed: the latest collection found far less than the previous ones —
