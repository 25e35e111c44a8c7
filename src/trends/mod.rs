//! `/tendances`: what the projects of the hub are about, where, and how that changes —
//! counts by theme and territory, evolution over time, emerging themes and comparisons
//! between territories, each drawn as an SVG chart with its data table and CSV file.
pub mod build;
pub mod chart;
pub mod emerging;
pub mod figure;
pub mod figures;
pub mod params;
pub mod routes;

pub use routes::router;
