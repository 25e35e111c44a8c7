//! Consolidation: raw records become projects credited to the partners that list them;
//! the same initiative listed by several partners becomes one project.
pub mod dedup;
pub mod field_mapping;
pub mod mapping;
pub mod merge;
pub mod quality;
pub mod review;
pub mod routes;
pub mod service;
pub mod similarity;
