//! Project pages: the list and the detail page of each consolidated project; claiming
//! by holders and their corrections.
pub mod claim;
pub mod holder;
pub mod routes;
pub mod service;

pub use routes::router;
