//! Search over projects. The index (tantivy) is derived from the database: writers note
//! changed projects in a change log (`changes`), and each node's indexer applies it.
pub mod analysis;
pub mod bench;
pub mod bench_bare;
pub mod catalog;
pub mod changes;
pub mod collect;
pub mod document;
pub mod engine;
pub mod geo;
pub mod index;
pub mod indexer;
pub mod page_cache;
pub mod params;
pub mod query;
pub mod results;
pub mod routes;
pub mod schema;
pub mod search_page;
pub mod similar;
pub mod suggest;
pub mod tally;

pub use engine::{Hit, Outcome, Request, Sort};
pub use index::SearchIndex;
pub use query::{Criteria, Facet, YearRange};
