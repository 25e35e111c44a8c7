//! The retention period of removed content: topics and messages that hosts or their
//! authors removed stay readable by the coordinators (with their reports) for
//! `communities.removed_retention_days`, then are deleted with their reports. Queued by
//! the scheduler at every tick.
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};

use crate::entities::{community_post, community_report, community_topic};
use crate::state::AppState;
use crate::worker::Job;

const REMOVED: &str = "removed";

/// Deletes the removed topics and messages past the retention period; returns how many
/// messages went (a removed topic takes all of its messages).
pub async fn purge(state: &AppState) -> anyhow::Result<u64> {
    let days = i64::from(state.settings.communities.removed_retention_days);
    let cutoff = state.clock.now() - Duration::days(days);
    let topics: Vec<i64> = community_topic::Entity::find()
        .select_only()
        .column(community_topic::Column::Id)
        .filter(community_topic::Column::Status.eq(REMOVED))
        .filter(community_topic::Column::RemovedAt.lt(cutoff))
        .into_tuple()
        .all(&state.db)
        .await?;
    let posts: Vec<i64> = community_post::Entity::find()
        .select_only()
        .column(community_post::Column::Id)
        .filter(
            sea_orm::Condition::any()
                .add(community_post::Column::TopicId.is_in(topics.clone()))
                .add(
                    sea_orm::Condition::all()
                        .add(community_post::Column::Status.eq(REMOVED))
                        .add(community_post::Column::RemovedAt.lt(cutoff)),
                ),
        )
        .into_tuple()
        .all(&state.db)
        .await?;
    let txn = crate::db::begin_write(&state.db).await?;
    for chunk in posts.chunks(500) {
        community_report::Entity::delete_many()
            .filter(community_report::Column::PostId.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
        community_post::Entity::delete_many()
            .filter(community_post::Column::Id.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
    }
    for chunk in topics.chunks(500) {
        community_topic::Entity::delete_many()
            .filter(community_topic::Column::Id.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    if !posts.is_empty() || !topics.is_empty() {
        tracing::info!(
            messages = posts.len(),
            topics = topics.len(),
            days,
            "removed community content past the retention period deleted"
        );
    }
    Ok(posts.len() as u64)
}

/// The scheduler's job running [`purge`].
#[derive(Debug, Serialize, Deserialize)]
pub struct PurgeRemovedContent;

impl Job for PurgeRemovedContent {
    const KIND: &'static str = "community_purge_removed";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        purge(state).await?;
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}
