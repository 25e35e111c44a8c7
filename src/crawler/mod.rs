//! Collecting records from partners' sources: polite fetching, extraction, crawl runs.
