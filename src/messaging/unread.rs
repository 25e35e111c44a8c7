//! The number of conversations with unread messages, shown in every page's header: one
//! count over the person's participant rows (indexed by `user_id`).
use sea_orm::{ConnectionTrait, DbErr};

use crate::db::statement;

/// Conversations where `user_id` has something unread.
pub async fn count<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    is_coordinator: bool,
) -> Result<u64, DbErr> {
    let sql = format!(
        "SELECT COUNT(*) AS n FROM conversation_participants p \
         JOIN conversations c ON c.id = p.conversation_id \
         WHERE {} AND c.last_message_id IS NOT NULL \
         AND c.last_message_id > COALESCE(p.last_read_message_id, 0)",
        super::access::LIVE_ROW_SQL
    );
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(statement(
            backend,
            &sql,
            [user_id.into(), is_coordinator.into()],
        ))
        .await?;
    let n: i64 = match row {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    Ok(n.max(0) as u64)
}
