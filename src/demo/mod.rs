//! Deterministic demo content for the embedded hub.
pub mod communes;
pub mod generate;
pub mod seed;
