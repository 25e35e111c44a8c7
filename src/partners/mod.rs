//! Partner organisations, the tenants of the hub: public directory and pages.
pub mod routes;

pub use routes::router;
