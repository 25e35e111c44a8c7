//! Sources: where each partner's projects live and the rules that read them.
pub mod config;
pub mod preview;
pub mod routes;
pub mod service;
pub mod uploads;
