//! Project pages: the list and the detail page of each consolidated project.
pub mod routes;
pub mod service;

pub use routes::router;
