# Problems met while crawling a source (crawl reports, configuration tests).
crawl-error-blocked = address refused: { $detail }
crawl-error-robots = the site's robots.txt does not allow this page to be read
crawl-error-unreachable = the site cannot be reached (its robots.txt did not answer); it will be tried again
crawl-error-too-large = the page is larger than { $limit } bytes
crawl-error-too-many-redirects = more than { $max } redirects
crawl-error-redirect-loop = the redirects loop back to { $url }
crawl-error-http = the server answered { $status } ({ $reason })
crawl-error-http-bare = the server answered { $status }
crawl-error-timeout = the server took too long to answer
crawl-error-network = network error: { $detail }
crawl-error-rate-limited = the site asks us to slow down
crawl-error-rate-limited-after = the site asks us to slow down (retry after { $secs } s)
crawl-error-invalid-url = invalid address: { $detail }
crawl-error-not-json = the answer is not valid JSON: { $detail }
crawl-error-items-path-nowhere = the items path “{ $path }” leads nowhere in the answer
crawl-error-items-path-not-list = the items path “{ $path }” leads to { $found ->
    [number] a number
    [text] a text
    [object] an object
    [boolean] a boolean
   *[null] a null value
} instead of a list
crawl-error-item-without-id = an item without id at “{ $path }” was skipped
crawl-error-feed-entry-without-link = a feed entry without link nor id was skipped: { $title }
crawl-error-not-a-feed = the document is not a readable RSS or Atom feed: { $detail }
crawl-error-feed-broken = the feed breaks off: { $detail }
crawl-error-no-jsonld = no schema.org JSON-LD object on the page
crawl-error-encoding-unknown = unknown character encoding “{ $label }”
crawl-error-separator = the separator “{ $separator }” is not a single-byte character
crawl-error-csv-header = the header line cannot be read: { $detail }
crawl-error-csv-empty = the file is empty or has no header line
crawl-error-csv-row = row { $line } cannot be read: { $detail }
crawl-error-csv-columns = columns not in the file: { $missing }; its columns are: { $columns }
crawl-error-row-without-id = line { $line } skipped: no value in the id column
crawl-error-row-duplicate = line { $line } skipped: another row already has the identity “{ $identity }”
crawl-error-record-missing = the page is unchanged but its record was not found; it will be read again next time
crawl-error-no-file = the source has neither a file address nor an uploaded file
crawl-error-config = the source's configuration is invalid: { $detail }
crawl-error-rules = invalid reading rules: { $detail }
crawl-error-url-pattern = invalid URL pattern: { $detail }
crawl-error-unexpected = unexpected error: { $detail }
