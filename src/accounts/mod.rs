//! People and their sessions.
pub mod session_store;
