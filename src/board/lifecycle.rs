//! A request's life: draft → published (or held for review first) → filled, closed or
//! expired at its deadline (the `expire_board_requests` job), and back to published
//! when its organisation reopens or extends it. Closing keeps the answers: a request
//! with answers is never deleted (the database refuses), only drafts are.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access;
use super::model::Status;
use super::post::managed;
use super::service::{self, transition};
use super::views::request_path;
use crate::accounts::session::CurrentUser;
use crate::entities::{board_answer, board_request, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, flash};
use crate::worker::Job;

/// Whether `poster`'s next request waits for a coordinator (their first ones do, when
/// the settings ask for it).
async fn held_for_review(state: &AppState, poster: Option<i64>) -> AppResult<bool> {
    let first = u64::from(state.settings.board.review_first_requests);
    let Some(poster) = poster else {
        return Ok(false);
    };
    if first == 0 {
        return Ok(false);
    }
    let published = board_request::Entity::find()
        .filter(board_request::Column::PostedBy.eq(poster))
        .filter(board_request::Column::PublishedAt.is_not_null())
        .count(&state.db)
        .await?;
    Ok(published < first)
}

/// `POST /courtage/demandes/{id}/publier`
pub async fn publish(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let request = managed(&state, &me, id).await?;
    if request.deadline < state.clock.now().date_naive() {
        flash(&session, "error", "board-deadline-past").await?;
        return Ok(Redirect::to(&request_path(id)).into_response());
    }
    let held = held_for_review(&state, request.posted_by).await?;
    let to = if held {
        Status::Review
    } else {
        Status::Published
    };
    let moved = transition(&state.db, id, &[Status::Draft], to, state.clock.now()).await?;
    let key = match (moved, held) {
        (false, _) => "board-already-moved",
        (true, true) => "board-held-for-review",
        (true, false) => "board-published",
    };
    flash(&session, if moved { "success" } else { "info" }, key).await?;
    Ok(Redirect::to(&request_path(id)).into_response())
}

/// How a request ends.
#[derive(Debug, Deserialize)]
pub struct CloseForm {
    /// `filled` or `closed`.
    #[serde(default)]
    outcome: String,
}

/// `POST /courtage/demandes/{id}/cloturer`
pub async fn close(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> AppResult<Response> {
    managed(&state, &me, id).await?;
    let to = match Status::parse(&form.outcome) {
        Some(s @ (Status::Filled | Status::Closed)) => s,
        _ => return Err(AppError::invalid("outcome", "board-outcome-required")),
    };
    let moved = transition(&state.db, id, &[Status::Published], to, state.clock.now()).await?;
    let key = if moved {
        "board-closed"
    } else {
        "board-already-moved"
    };
    flash(&session, "success", key).await?;
    Ok(Redirect::to(&request_path(id)).into_response())
}

/// A new deadline.
#[derive(Debug, Deserialize, Serialize)]
pub struct ReopenForm {
    #[serde(default)]
    deadline: String,
}

/// `POST /courtage/demandes/{id}/rouvrir`: reopens an ended request, or extends an
/// open one, until a new deadline.
pub async fn reopen(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReopenForm>,
) -> AppResult<Response> {
    let request = managed(&state, &me, id).await?;
    let today = state.clock.now().date_naive();
    let deadline = match NaiveDate::parse_from_str(form.deadline.trim(), "%Y-%m-%d") {
        Ok(d) if d < today => return Err(AppError::invalid("deadline", "board-deadline-past")),
        Ok(d) if (d - today).num_days() > super::form::MAX_DEADLINE_DAYS => {
            return Err(AppError::invalid("deadline", "board-deadline-too-far"));
        }
        Ok(d) => d,
        Err(_) => return Err(AppError::invalid("deadline", "board-date-invalid")),
    };
    let status = Status::parse(&request.status);
    if !status.is_some_and(|s| s.is_ended() || s == Status::Published) {
        return Err(AppError::Conflict("board-not-reopenable".into()));
    }
    board_request::Entity::update_many()
        .col_expr(
            board_request::Column::Deadline,
            sea_orm::sea_query::Expr::value(deadline),
        )
        .col_expr(
            board_request::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(board_request::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    let ended = [Status::Filled, Status::Closed, Status::Expired];
    transition(&state.db, id, &ended, Status::Published, state.clock.now()).await?;
    flash(&session, "success", "board-reopened").await?;
    Ok(Redirect::to(&request_path(id)).into_response())
}

/// `POST /courtage/demandes/{id}/supprimer`: drafts only (a published request keeps
/// its answers; it is closed instead).
pub async fn delete_draft(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let request = managed(&state, &me, id).await?;
    let answers = board_answer::Entity::find()
        .filter(board_answer::Column::RequestId.eq(id))
        .count(&state.db)
        .await?;
    if request.status != Status::Draft.as_str() || answers > 0 {
        return Err(AppError::Conflict("board-only-drafts-deleted".into()));
    }
    board_request::Entity::delete_many()
        .filter(board_request::Column::Id.eq(id))
        .filter(board_request::Column::Status.eq(Status::Draft.as_str()))
        .exec(&state.db)
        .await?;
    flash(&session, "success", "board-draft-deleted").await?;
    Ok(Redirect::to("/courtage/mes-demandes").into_response())
}

/// Why a request is taken off the board.
#[derive(Debug, Deserialize)]
pub struct UnpublishForm {
    #[serde(default)]
    reason: String,
}

/// `POST /courtage/demandes/{id}/retirer`: its organisation or a coordinator takes a
/// request off the board (answers kept, the organisation still sees it).
pub async fn unpublish(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<UnpublishForm>,
) -> AppResult<Response> {
    let request = service::find(&state.db, id).await?;
    if !access::may_unpublish(&state.db, &request, &me).await? {
        return Err(not_visible_or_forbidden(&request));
    }
    take_off(&state, id, &me, &form.reason).await?;
    flash(&session, "success", "board-unpublished").await?;
    let back = if me.is_coordinator && !access::manages(&state.db, &request, &me).await? {
        "/courtage/moderation".to_owned()
    } else {
        request_path(id)
    };
    Ok(Redirect::to(&back).into_response())
}

/// `POST /courtage/demandes/{id}/valider`: a coordinator publishes a request held for
/// review.
pub async fn approve(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    if !me.is_coordinator {
        return Err(AppError::forbidden("coordinators-only"));
    }
    service::find(&state.db, id).await?;
    let moved = transition(
        &state.db,
        id,
        &[Status::Review],
        Status::Published,
        state.clock.now(),
    )
    .await?;
    flash(
        &session,
        "success",
        if moved {
            "board-published"
        } else {
            "board-already-moved"
        },
    )
    .await?;
    Ok(Redirect::to("/courtage/moderation").into_response())
}

/// Takes request `id` off the board on `by`'s decision, keeping why; false when it was
/// not on the board (a draft, or already off).
pub async fn take_off(
    state: &AppState,
    id: i64,
    by: &user::Model,
    reason: &str,
) -> AppResult<bool> {
    let from = [
        Status::Review,
        Status::Published,
        Status::Filled,
        Status::Closed,
        Status::Expired,
    ];
    let moved = transition(&state.db, id, &from, Status::Unpublished, state.clock.now()).await?;
    if moved {
        record_moderation(state, id, by, reason.trim()).await?;
    }
    Ok(moved)
}

async fn record_moderation(
    state: &AppState,
    id: i64,
    by: &user::Model,
    reason: &str,
) -> AppResult<()> {
    board_request::Entity::update_many()
        .col_expr(
            board_request::Column::ModeratedBy,
            sea_orm::sea_query::Expr::value(by.id),
        )
        .col_expr(
            board_request::Column::ModerationReason,
            sea_orm::sea_query::Expr::value(
                Some(reason.chars().take(500).collect::<String>()).filter(|r| !r.is_empty()),
            ),
        )
        .filter(board_request::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// 403 on a public request, 404 on one only its organisation sees.
pub fn not_visible_or_forbidden(request: &board_request::Model) -> AppError {
    if Status::parse(&request.status).is_some_and(Status::is_public) {
        AppError::forbidden("board-not-yours")
    } else {
        AppError::not_found("board-request")
    }
}

/// Closes the published requests whose deadline has passed (the day after it, by the
/// hub's clock). Run by the scheduler; several workers close each request once.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExpireRequests;

impl Job for ExpireRequests {
    const KIND: &'static str = "expire_board_requests";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let expired = expire(state).await?;
        if expired > 0 {
            tracing::info!(expired, "board requests past their deadline closed");
        }
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}

/// Expires every published request whose deadline is before today; returns how many.
pub async fn expire(state: &AppState) -> anyhow::Result<u64> {
    let now = state.clock.now();
    let result = board_request::Entity::update_many()
        .col_expr(
            board_request::Column::Status,
            sea_orm::sea_query::Expr::value(Status::Expired.as_str()),
        )
        .col_expr(
            board_request::Column::ClosedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            board_request::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(board_request::Column::Status.eq(Status::Published.as_str()))
        .filter(board_request::Column::Deadline.lt(now.date_naive()))
        .exec(&state.db)
        .await?;
    Ok(result.rows_affected)
}
