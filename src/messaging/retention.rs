//! The retention period: conversations without any message for `messaging.retention_days`
//! are deleted with everything they hold (messages, reports, links).
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entities::conversation;
use crate::state::AppState;

/// Deletes the conversations past the retention period; returns how many.
pub async fn purge(state: &AppState) -> anyhow::Result<u64> {
    let days = i64::from(state.settings.messaging.retention_days);
    let cutoff = state.clock.now() - Duration::days(days);
    let done = conversation::Entity::delete_many()
        .filter(conversation::Column::LastActivityAt.lt(cutoff))
        .exec(&state.db)
        .await?;
    if done.rows_affected > 0 {
        tracing::info!(
            conversations = done.rows_affected,
            days,
            "conversations past the retention period deleted"
        );
    }
    Ok(done.rows_affected)
}
