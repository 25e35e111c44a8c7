//! What messaging keeps and drops when an account goes: the person's messages stay for
//! the other side, signed "deleted account"; their blocks, claims, mailed secrets, API
//! keys and inbox assignments go, and they are told of nothing any more.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::{
    conversation, conversation_inbox, conversation_participant, messaging_token, personal_token,
    project_claim, user_block,
};

/// Detaches `user_id` from messaging (before their account is anonymised or deleted).
pub async fn detach<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<(), DbErr> {
    let now = Utc::now();
    user_block::Entity::delete_many()
        .filter(
            Condition::any()
                .add(user_block::Column::BlockerUserId.eq(user_id))
                .add(user_block::Column::BlockedUserId.eq(user_id)),
        )
        .exec(conn)
        .await?;
    personal_token::Entity::delete_many()
        .filter(personal_token::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    let rows: Vec<i64> = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    messaging_token::Entity::delete_many()
        .filter(
            Condition::any()
                .add(messaging_token::Column::UserId.eq(user_id))
                .add(messaging_token::Column::ParticipantId.is_in(rows)),
        )
        .exec(conn)
        .await?;
    conversation_participant::Entity::update_many()
        .col_expr(conversation_participant::Column::LeftAt, Expr::value(now))
        .col_expr(
            conversation_participant::Column::NotifyPending,
            Expr::value(false),
        )
        .col_expr(
            conversation_participant::Column::DigestPending,
            Expr::value(false),
        )
        .filter(conversation_participant::Column::UserId.eq(user_id))
        .filter(conversation_participant::Column::LeftAt.is_null())
        .exec(conn)
        .await?;
    conversation_inbox::Entity::update_many()
        .col_expr(
            conversation_inbox::Column::AssignedUserId,
            Expr::value(Option::<i64>::None),
        )
        .filter(conversation_inbox::Column::AssignedUserId.eq(user_id))
        .exec(conn)
        .await?;
    project_claim::Entity::update_many()
        .col_expr(project_claim::Column::Status, Expr::value("revoked"))
        .col_expr(
            project_claim::Column::Reason,
            Expr::value("account deleted"),
        )
        .col_expr(project_claim::Column::UpdatedAt, Expr::value(now))
        .filter(project_claim::Column::UserId.eq(user_id))
        .filter(project_claim::Column::Status.is_in(["pending", "approved"]))
        .exec(conn)
        .await?;
    Ok(())
}

/// Deletes the conversations started by the accounts `ids` (demo accounts leaving with
/// demo mode: their conversations were demo content too).
pub async fn delete_started_by<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<u64, DbErr> {
    let done = conversation::Entity::delete_many()
        .filter(conversation::Column::StartedBy.is_in(ids.to_vec()))
        .exec(conn)
        .await?;
    Ok(done.rows_affected)
}
