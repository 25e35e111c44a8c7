//! The shared thesaurus: themes (two levels), target publics and structure types.
pub mod map_tags;
pub mod matching;
pub mod seed;
pub mod store;
pub mod tags;

pub use store::{Term, Terms};

/// The vocabularies of the thesaurus (`taxonomy_terms.vocabulary`), in the order pages
/// show them.
pub const VOCABULARIES: [&str; 3] = ["theme", "public", "structure"];
