//! Governance of the collective: the charter and, later, proposals and ballots.
pub mod charter;
pub mod routes;
