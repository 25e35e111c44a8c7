//! Deterministic demo content for the embedded hub.
pub mod accounts;
pub mod communes;
pub mod generate;
pub mod seed;
