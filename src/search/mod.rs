//! Search over projects. The index (tantivy) is derived from the database: writers note
//! changed projects in a change log (`changes`), and each node's indexer applies it.
pub mod analysis;
pub mod changes;
pub mod document;
pub mod index;
pub mod schema;
