//! The worker loop and the table of job kinds it knows how to run.
use std::time::Duration as StdDuration;

use chrono::Duration;
use tokio_util::sync::CancellationToken;

use super::queue::{self, Claimed, Job};
use crate::mail::SendMail;
use crate::state::AppState;

/// Runs one claimed job by kind.
async fn dispatch(state: &AppState, job: &Claimed) -> anyhow::Result<()> {
    async fn run<J: Job>(state: &AppState, payload: &str) -> anyhow::Result<()> {
        let job: J = serde_json::from_str(payload)?;
        job.run(state).await
    }
    match job.kind.as_str() {
        SendMail::KIND => run::<SendMail>(state, &job.payload).await,
        super::scheduler::PurgeExpiredSessions::KIND => {
            run::<super::scheduler::PurgeExpiredSessions>(state, &job.payload).await
        }
        crate::crawler::run::CrawlSource::KIND => {
            run::<crate::crawler::run::CrawlSource>(state, &job.payload).await
        }
        crate::consolidation::service::ConsolidateSource::KIND => {
            run::<crate::consolidation::service::ConsolidateSource>(state, &job.payload).await
        }
        crate::taxonomy::tags::RefreshTaggedProjects::KIND => {
            run::<crate::taxonomy::tags::RefreshTaggedProjects>(state, &job.payload).await
        }
        crate::governance::schedule::GovernanceTick::KIND => {
            run::<crate::governance::schedule::GovernanceTick>(state, &job.payload).await
        }
        crate::messaging::notify::NotifyParticipant::KIND => {
            run::<crate::messaging::notify::NotifyParticipant>(state, &job.payload).await
        }
        crate::messaging::notify::MessagingUpkeep::KIND => {
            run::<crate::messaging::notify::MessagingUpkeep>(state, &job.payload).await
        }
        crate::board::lifecycle::ExpireRequests::KIND => {
            run::<crate::board::lifecycle::ExpireRequests>(state, &job.payload).await
        }
        crate::board::alerts::SendBoardAlerts::KIND => {
            run::<crate::board::alerts::SendBoardAlerts>(state, &job.payload).await
        }
        crate::communities::reminders::SendEventReminders::KIND => {
            run::<crate::communities::reminders::SendEventReminders>(state, &job.payload).await
        }
        crate::communities::retention::PurgeRemovedContent::KIND => {
            run::<crate::communities::retention::PurgeRemovedContent>(state, &job.payload).await
        }
        crate::communities::digest::SendCommunityDigests::KIND => {
            run::<crate::communities::digest::SendCommunityDigests>(state, &job.payload).await
        }
        other => anyhow::bail!("unknown job kind {other}"),
    }
}

/// A name unique to this worker process, recorded on the jobs it holds.
pub fn worker_id() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "local".into());
    format!(
        "{host}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Claims and runs jobs until `shutdown` is cancelled; a job in progress is finished first.
pub async fn run(state: AppState, shutdown: CancellationToken) {
    let id = worker_id();
    let lease = Duration::seconds(state.settings.worker.lease_seconds);
    let idle = StdDuration::from_millis(state.settings.worker.poll_interval_ms);
    tracing::info!(worker = %id, "job worker started");
    while !shutdown.is_cancelled() {
        match queue::claim(&state.db, &id, lease).await {
            Ok(Some(job)) => execute(&state, &id, job).await,
            Ok(None) => {
                tokio::select! {
                    _ = state.jobs_queued.notified() => {}
                    _ = tokio::time::sleep(idle) => {}
                    _ = shutdown.cancelled() => {}
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot claim jobs; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(StdDuration::from_secs(2)) => {}
                    _ = shutdown.cancelled() => {}
                }
            }
        }
    }
    tracing::info!(worker = %id, "job worker stopped");
}

async fn execute(state: &AppState, worker: &str, job: Claimed) {
    let span = tracing::info_span!("job", id = job.id, kind = %job.kind, attempt = job.attempts);
    let _enter = span.enter();
    let outcome = dispatch(state, &job).await;
    let recorded = match &outcome {
        Ok(()) => {
            tracing::info!("job done");
            queue::complete(&state.db, &job, worker).await
        }
        Err(err) => {
            tracing::warn!(error = %format!("{err:#}"), "job failed");
            queue::fail(&state.db, &job, worker, &format!("{err:#}")).await
        }
    };
    if let Err(err) = recorded {
        // The lease will expire and another attempt will happen; nothing is lost.
        tracing::error!(error = %err, "cannot record job outcome");
    }
}
