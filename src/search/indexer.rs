//! The node's indexer: a task that applies the change log to the node's index, every
//! `search.poll_interval_ms` or at once while there is more to apply.
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::state::AppState;

/// Projects indexed in one step beyond which the next step starts without waiting.
const BUSY_STEP: usize = 500;

/// Runs until `shutdown`.
pub async fn run(state: AppState, shutdown: CancellationToken) {
    let interval = Duration::from_millis(state.settings.search.poll_interval_ms.max(10));
    let mut failing = false;
    loop {
        let busy = match state.search.step(&state.db).await {
            Ok(indexed) => {
                if failing {
                    tracing::info!("search index: indexing again");
                    failing = false;
                }
                if indexed > 0 {
                    tracing::debug!(projects = indexed, "search index: projects indexed");
                }
                indexed >= BUSY_STEP
            }
            Err(err) => {
                // Logged once per outage, not at every poll.
                if !failing {
                    tracing::error!(error = ?err, "search index: indexing failed; retrying");
                    failing = true;
                }
                false
            }
        };
        if busy {
            if shutdown.is_cancelled() {
                break;
            }
            continue;
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(interval) => {}
        }
    }
}
