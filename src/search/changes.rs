//! The search index's change log (`search_changes`). Whatever changes what a project
//! shows — its values, its terms, its status — notes the project here, in the same
//! transaction as the change; each node's indexer reads the log in sequence order and
//! indexes the project as the database has it then, so applying an entry twice is
//! harmless.
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entities::search_change;

/// Notes that `project_ids` must be indexed again.
pub async fn note<C: ConnectionTrait>(conn: &C, project_ids: &[i64]) -> Result<(), DbErr> {
    if project_ids.is_empty() {
        return Ok(());
    }
    let at = Utc::now();
    let rows = project_ids
        .iter()
        .map(|&project_id| search_change::ActiveModel {
            project_id: Set(project_id),
            at: Set(at),
            ..Default::default()
        });
    search_change::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Up to `limit` entries after sequence `after`, oldest first.
pub async fn after<C: ConnectionTrait>(
    conn: &C,
    after: i64,
    limit: u64,
) -> anyhow::Result<Vec<search_change::Model>> {
    Ok(search_change::Entity::find()
        .filter(search_change::Column::Seq.gt(after))
        .order_by_asc(search_change::Column::Seq)
        .limit(limit)
        .all(conn)
        .await?)
}

/// The last sequence written (0 for an empty log).
pub async fn last<C: ConnectionTrait>(conn: &C) -> anyhow::Result<i64> {
    let last: Option<i64> = search_change::Entity::find()
        .select_only()
        .column(search_change::Column::Seq)
        .order_by_desc(search_change::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(conn)
        .await?;
    Ok(last.unwrap_or(0))
}
