//! Deterministic demo content for the embedded hub: partners whose sources are feeds
//! the hub serves to itself, collected and consolidated on first start.
pub mod accounts;
pub mod board;
pub mod communes;
pub mod feeds;
pub mod generate;
pub mod messaging;
pub mod pipeline;
pub mod seed;
