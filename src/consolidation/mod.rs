//! Consolidation: raw records become projects credited to the partners that list them.
pub mod mapping;
pub mod service;
