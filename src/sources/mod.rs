//! Sources: where each partner's projects live and the rules that read them.
pub mod config;
pub mod form;
pub mod mapping_page;
pub mod preview;
pub mod routes;
pub mod service;
pub mod transfer;
pub mod uploads;
