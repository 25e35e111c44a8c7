//! Durable background jobs: a queue in the database, a worker loop that claims jobs with a
//! lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), retries with backoff and keeps the last
//! error, and a scheduler that only enqueues periodic work.
pub mod queue;
pub mod runner;
pub mod scheduler;

pub use queue::{Job, enqueue};
