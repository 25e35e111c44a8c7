//! Governance of the collective, one partner one vote: the charter and its versions,
//! proposals (charter amendments, roadmap decisions, admissions, general decisions)
//! from draft to result, ballots (open or secret), tallies, the hash-chained log, the
//! roadmap, and the scheduled work and mail around votes.
pub mod api;
pub mod ballots;
pub mod charter;
pub mod close;
pub mod coordinate;
pub mod demo;
pub mod diff;
pub mod draft;
pub mod journal;
pub mod log;
pub mod model;
pub mod notify;
pub mod pages;
pub mod policy;
pub mod proposals;
pub mod roadmap;
pub mod routes;
pub mod schedule;
pub mod tally;
pub mod versions;
pub mod vote;
