//! Blocking: a person refuses another's messages. A blocked person can no longer start a
//! conversation with the blocker (as a project's holder) nor write in a conversation the
//! blocker takes part in; they are told so, politely. Holders reached by mail block by
//! their address, from their relay page.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use tower_sessions::Session;

use crate::accounts::session::CurrentUser;
use crate::entities::{user, user_block};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Page, flash};

/// Who blocks.
#[derive(Debug, Clone)]
pub enum Blocker {
    User(i64),
    /// A holder reached by mail, by their (lower-cased) address.
    Email(String),
}

/// Records that `blocker` refuses messages from `blocked_user_id` (again: no change).
pub async fn block<C: ConnectionTrait>(
    conn: &C,
    blocker: Blocker,
    blocked_user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (user_id, email, columns) = match blocker {
        Blocker::User(id) => (
            Some(id),
            None,
            [
                user_block::Column::BlockerUserId,
                user_block::Column::BlockedUserId,
            ],
        ),
        Blocker::Email(email) => (
            None,
            Some(email.to_lowercase()),
            [
                user_block::Column::BlockerEmail,
                user_block::Column::BlockedUserId,
            ],
        ),
    };
    user_block::Entity::insert(user_block::ActiveModel {
        blocker_user_id: Set(user_id),
        blocker_email: Set(email),
        blocked_user_id: Set(blocked_user_id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(OnConflict::columns(columns).do_nothing().to_owned())
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// True when one of `users` or of the mail `addresses` blocked `author`.
pub async fn blocked_by_any<C: ConnectionTrait>(
    conn: &C,
    author: i64,
    users: &[i64],
    addresses: &[String],
) -> Result<bool, DbErr> {
    if users.is_empty() && addresses.is_empty() {
        return Ok(false);
    }
    let lowered: Vec<String> = addresses.iter().map(|a| a.to_lowercase()).collect();
    let found = user_block::Entity::find()
        .filter(user_block::Column::BlockedUserId.eq(author))
        .filter(
            Condition::any()
                .add(user_block::Column::BlockerUserId.is_in(users.to_vec()))
                .add(user_block::Column::BlockerEmail.is_in(lowered)),
        )
        .one(conn)
        .await?;
    Ok(found.is_some())
}

#[derive(Serialize)]
struct BlockedView {
    user_id: i64,
    display_name: String,
    since: DateTime<Utc>,
}

#[derive(Serialize)]
struct BlocksView {
    blocked: Vec<BlockedView>,
}

/// `GET /messages/bloques`: the people one blocked, to unblock them.
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let rows = user_block::Entity::find()
        .filter(user_block::Column::BlockerUserId.eq(me.id))
        .order_by_desc(user_block::Column::Id)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.blocked_user_id).collect();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&state.db)
        .await?;
    let blocked = rows
        .into_iter()
        .filter_map(|r| {
            let u = users.iter().find(|u| u.id == r.blocked_user_id)?;
            Some(BlockedView {
                user_id: u.id,
                display_name: super::people::user_name(u, page.lang()),
                since: r.created_at,
            })
        })
        .collect();
    page.render("messaging/blocks.html", &BlocksView { blocked })
}

/// `POST /messages/bloques/{user}/retirer`
pub async fn unblock(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(blocked): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let done = user_block::Entity::delete_many()
        .filter(user_block::Column::BlockerUserId.eq(me.id))
        .filter(user_block::Column::BlockedUserId.eq(blocked))
        .exec(&state.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::not_found("page"));
    }
    flash(&session, "success", "messaging-unblocked").await?;
    Ok(Redirect::to("/messages/bloques").into_response())
}
