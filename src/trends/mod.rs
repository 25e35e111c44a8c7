//! Aggregate counts of the active projects (by theme, place and time) and the SVG charts
//! that draw them.
pub mod chart;
pub mod figures;
