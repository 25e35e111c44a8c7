//! Collecting records from partners' sources: polite fetching, extraction, crawl runs.
pub mod api;
pub mod batch;
pub mod dates;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod jsonld;
pub mod problem;
pub mod records;
pub mod run;
pub mod sitemap;
pub mod store;
pub mod tabular;
pub mod watch;
