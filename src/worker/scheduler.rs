//! Periodic work. The scheduler only enqueues (with a unique key, so several nodes
//! never queue the same work twice); the worker runs.
use std::time::Duration as StdDuration;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use tower_sessions::session_store::ExpiredDeletion;

use super::queue::{self, Job};
use crate::accounts::session_store::DbSessionStore;
use crate::state::AppState;

/// Deletes sessions past their expiry.
#[derive(Debug, Serialize, Deserialize)]
pub struct PurgeExpiredSessions;

impl Job for PurgeExpiredSessions {
    const KIND: &'static str = "purge_expired_sessions";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        DbSessionStore::new(state.db.clone())
            .delete_expired()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        // CSV files chosen in forms that were never saved.
        crate::sources::uploads::purge_pending(&state.db).await?;
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}

/// Queues a crawl of every enabled source of an active partner that is due and not
/// running; the job's unique key keeps one pending crawl per source.
pub async fn enqueue_due_crawls(state: &AppState) -> anyhow::Result<usize> {
    use sea_orm::{ColumnTrait, QueryFilter};

    use crate::entities::source;
    let due = crate::sources::service::crawlable(&state.db)
        .await?
        .filter(source::Column::NextRunAt.lte(chrono::Utc::now()))
        .filter(source::Column::RunningRunId.is_null())
        .all(&state.db)
        .await?;
    for s in &due {
        let job = crate::crawler::run::CrawlSource {
            source_id: s.id,
            trigger: "schedule".into(),
        };
        queue::enqueue(state, &job).await?;
    }
    Ok(due.len())
}

/// Enqueues periodic jobs every `period` until shutdown.
pub async fn run(state: AppState, shutdown: CancellationToken, period: StdDuration) {
    loop {
        if let Err(err) = queue::enqueue(&state, &PurgeExpiredSessions).await {
            tracing::warn!(error = %err, "scheduler could not enqueue");
        }
        if let Err(err) = queue::enqueue(&state, &crate::governance::schedule::GovernanceTick).await
        {
            tracing::warn!(error = %err, "scheduler could not queue governance work");
        }
        if let Err(err) = queue::enqueue(&state, &crate::messaging::notify::MessagingUpkeep).await {
            tracing::warn!(error = %err, "scheduler could not queue messaging upkeep");
        }
        if let Err(err) = queue::enqueue(&state, &crate::board::lifecycle::ExpireRequests).await {
            tracing::warn!(error = %err, "scheduler could not queue board expiry");
        }
        if let Err(err) = queue::enqueue(&state, &crate::board::alerts::SendBoardAlerts).await {
            tracing::warn!(error = %err, "scheduler could not queue board alerts");
        }
        if let Err(err) =
            queue::enqueue(&state, &crate::communities::reminders::SendEventReminders).await
        {
            tracing::warn!(error = %err, "scheduler could not queue event reminders");
        }
        if let Err(err) =
            queue::enqueue(&state, &crate::communities::retention::PurgeRemovedContent).await
        {
            tracing::warn!(error = %err, "scheduler could not queue the community purge");
        }
        if let Err(err) =
            queue::enqueue(&state, &crate::communities::digest::SendCommunityDigests).await
        {
            tracing::warn!(error = %err, "scheduler could not queue community digests");
        }
        if let Err(err) = enqueue_due_crawls(&state).await {
            tracing::warn!(error = %err, "scheduler could not queue due crawls");
        }
        tokio::select! {
            _ = tokio::time::sleep(period) => {}
            _ = shutdown.cancelled() => return,
        }
    }
}
