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
sources-field-delay-hint = Between 500 and 60,000 ms; the hub's own minimum (1,000 ms unless its settings say otherwise) and the site's robots.txt Crawl-delay apply when longer.
sources-field-connections = Simultaneous connections to the same site
sources-field-connections-hint = Between 1 and 4.
sources-field-max-pages = Maximum pages per collection
sources-field-max-depth = Maximum pagination depth
sources-save = Save the source
sources-delete-heading = Delete the source
sources-delete-intro = The records collected from this source will be deleted with it; projects no other source lists will be archived (taken out of public lists, never erased).
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
preview-list-page = Page read:
preview-fetch-failed = Could not be read:
preview-start-list = List page
preview-start-sitemap = Sitemap
preview-start-feed = Feed
preview-start-api = First page of the API
preview-start-file = CSV file
preview-found-list = { $count ->
    [0] No link to a record found on this page.
    [one] 1 link to a record found on this page.
   *[other] { $count } links to records found on this page.
}
preview-found-sitemap = { $count ->
    [0] No address of the sitemap matches the pattern.
    [one] 1 address of the sitemap matches the pattern.
   *[other] { $count } addresses of the sitemap match the pattern (the first 20 below).
}
preview-found-feed = { $count ->
    [0] No entry in the feed.
    [one] 1 entry in the feed.
   *[other] { $count } entries in the feed.
}
preview-found-api = { $count ->
    [0] No item at this place of the answer.
    [one] 1 item on this page of the API.
   *[other] { $count } items on this page of the API.
}
preview-found-file = { $count ->
    [0] No readable row in the file.
    [one] 1 readable row in the file.
   *[other] { $count } readable rows in the file.
}
preview-csv-separator = Separator: { $text }
preview-csv-columns = Columns of the file: { $text }
preview-item = Item { $n }
preview-row = Row { $n } of the file
preview-no-jsonld = No schema.org JSON-LD object on this page.
preview-empty-value = Empty.
preview-empty-path = Empty: the path “{ $text }” leads to no value in this item.
preview-empty-cell = Empty: the cell of column “{ $text }” is empty.
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
source-field-kind = Kind of source
source-field-kind-hint = Each kind has its settings below; only those of the chosen kind are read when saving.
source-entry-urls = Entry URLs
source-entry-urls-hint = One URL per line. Without list rules, they are the project pages themselves.
source-list-legend = List pages (optional)
source-list-hint = To start from a page listing projects: the links found lead to the project pages.
source-item-css = CSS selector of the links to project pages
source-item-attr = Link attribute
source-attr-hint = Usually href; empty means href.
source-next-by = Next page
source-next-by-none = None (a single list page)
source-next-by-link = Follow the "next page" link
source-next-by-query_param = Number in a query parameter (?page=N)
source-next-by-path_pattern = Number in the path (/page/N/)
source-next-css = CSS selector of the "next page" link
source-next-attr = Attribute of the "next page" link
source-next-param = Parameter name
source-next-pattern = Path pattern
source-next-pattern-hint = With {"{"}n{"}"} in place of the number, e.g. /page/{"{"}n{"}"}/
source-next-start = First number
source-rules-legend = Reading the fields of each project page
source-rules-hint = One row per field; rows left empty are ignored.
source-rules-names-hint = Field names are the source's own; the standard names offered (title, summary, commune…) are recognised with no further setup.
source-rule-row = Row
source-rule-field = Field
source-rule-css = CSS selector
source-rule-attr = Attribute
source-rule-type = Type
source-rule-list = List
source-rule-split = Separator
source-rule-strip-prefix = Label to remove
source-rule-regex = Regular expression
source-rule-date-format = Date format
source-type-text = Text
source-type-rich_text = Formatted text
source-type-list = List
source-type-date = Date
source-type-url = Web address
source-type-email = Email address
source-type-number = Number
source-list-mode-auto = First match
source-list-mode-all = Every match
source-list-mode-split = Split on the separator
source-date-format-auto = —
source-date-format-dmy_slash = 12/03/2019
source-date-format-fr_long = 12 mars 2019
source-date-format-iso = 2019-03-12 (ISO)
source-more-rows = Add rows
source-feed-url = Feed URL
source-feed-rules-legend = Also read each entry's page (optional)
source-feed-rules-hint = The feed already gives title, summary, date and link; these rules also read the page each entry links to.
source-json-url = API URL
source-json-items-path = Path of the list of items
source-json-items-path-hint = Dotted path, e.g. data.items; empty when the document is the list itself.
source-json-id-path = Path of each item's id (optional)
source-fields-legend = Fields
source-json-path = Path in the item
source-json-fields-hint = One field per row, with its dotted path in the item (address.city, tags).
source-json-pagination = Pagination
source-json-page-by = Next pages
source-json-page-by-none = None
source-json-page-by-page_param = Number in a query parameter (?page=N)
source-json-page-by-next_link = Next page's URL given in the document
source-json-next-path = Path of the next page's URL
source-csv-url = CSV file URL
source-csv-url-hint = Read again at each collection. Leave empty to attach the file below.
source-csv-file = CSV file
source-csv-file-hint = { $max } MB at most; replaces the file already attached.
source-csv-current = Attached file:
source-csv-separator = Separator
source-csv-separator-auto = Detected automatically
source-csv-separator-comma = Comma ( , )
source-csv-separator-semicolon = Semicolon ( ; )
source-csv-separator-tab = Tab
source-csv-separator-bar = Vertical bar ( | )
source-csv-encoding = Encoding
source-csv-encoding-auto = Detected automatically
source-csv-encoding-utf-8 = UTF-8
source-csv-encoding-windows-1252 = Windows-1252 (older Excel files)
source-csv-id-column = Column of each row's id (optional)
source-csv-column = Column (header)
source-csv-columns-hint = One field per row, with its column's header.
source-jsonld-hint = The pages' schema.org objects (Project, Event, Organization…) are read without rules.
source-sitemap-url = Sitemap URL
source-sitemap-url-pattern = URLs to read (regular expression, optional)
source-sitemap-url-pattern-hint = Only the sitemap's URLs matching it are read, e.g. /projets/[^/]+/$
source-json-mode-summary = Advanced: edit as JSON (import format)
source-mode-legend = Configuration saved
source-mode-form = The form above
source-mode-json = This JSON, in the import-file format
source-url-missing = Enter the URL.
source-value-missing = This field is needed here.
source-selector-missing = Enter a CSS selector.
source-selector-invalid = This CSS selector is not valid:
source-regex-invalid = This regular expression is not valid:
source-split-missing = Enter the separator.
source-field-name-missing = Enter the field's name.
source-field-name-twice = Another row already reads this field.
source-pattern-without-n = The pattern must contain {"{"}n{"}"}.
source-item-link-missing = Enter the selector of the links to project pages to follow list pages.
source-rules-none = Fill in at least one row.
source-csv-no-file = Enter the CSV file's URL or attach the file.
source-csv-url-and-file = Enter a URL or attach a file, not both.
source-csv-too-large = This file is too large (20 MB at most).
source-file-again = The file chosen was not saved: choose it again before saving.
runs-errors-count = { $count ->
    [one] 1 error.
   *[other] { $count } errors (the first { $shown } below).
}
runs-errors-download = Download every error (CSV)
runs-errors-col-url = Address
runs-errors-col-message = Error
sources-col-last-run = Latest collection
sources-never-run = Never collected
source-file-kept = The file “{ $name }” chosen above is kept: it will be saved with the source, no need to choose it again.

## Mapping a source's fields onto the project record.
mapping-link = Field mapping onto the project record
mapping-title = Field mapping
mapping-intro = Say which field of this source feeds which field of the project record. Fields already named like a project field (title, summary, commune…) are taken as they are, unless a rule targets that field. Test on the collected records before saving: saving reads every record of the source again.
mapping-observed-heading = Collected fields
mapping-observed-intro = From the source's { $count } most recent records.
mapping-no-records = No record collected yet: run a collection to see the source's fields.
mapping-col-source-field = Source field
mapping-col-filled = Filled
mapping-col-sample = Example
mapping-standard = project field
mapping-rules-heading = Rules
mapping-col-to = Project field
mapping-col-from = Source field
mapping-col-transform = Transform
mapping-col-separator = Separator
mapping-col-strip-label = Label to remove
mapping-col-default = Default value
mapping-transform-as_is = as it is
mapping-transform-first = first item
mapping-transform-join = items joined
mapping-transform-split = text split into a list
mapping-rules-hint = “items joined” and “text split” use the separator (“,” by default). The default value is used when the source has nothing for that field; a rule without a source field gives every record the same value.
mapping-save = Save the rules
mapping-preview = Test on collected records
mapping-preview-heading = Preview on collected records
mapping-preview-no-title = no title: this record would not become a project
mapping-saved = The rules are saved; the source's records will be read again.
mapping-error-target = Choose a project field.
mapping-error-empty = Give a source field or a default value.
mapping-error-separator = Give a separator for this transform.
mapping-error-transform = Unknown transform.
