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
            .map_err(|e| anyhow::anyhow!("{e}"))
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}

/// Enqueues periodic jobs every `period` until shutdown.
pub async fn run(state: AppState, shutdown: CancellationToken, period: StdDuration) {
    loop {
        if let Err(err) = queue::enqueue(&state, &PurgeExpiredSessions).await {
            tracing::warn!(error = %err, "scheduler could not enqueue");
        }
        tokio::select! {
            _ = tokio::time::sleep(period) => {}
            _ = shutdown.cancelled() => return,
        }
    }
}
