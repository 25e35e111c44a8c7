//! The shared thesaurus: themes (two levels), target publics and structure types.
pub mod seed;
pub mod store;

pub use store::{Term, Terms};
