//! Lists of one's own: the requests of the organisations a person belongs to
//! (`/courtage/mes-demandes`), and the coordinators' queue (`/courtage/moderation`):
//! requests waiting for review and answers held for their links.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access;
use super::model::Status;
use super::views::{self, RequestCard, request_path, show_date};
use crate::accounts::session::CurrentUser;
use crate::entities::{board_answer, board_request};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{CsrfForm, Page, flash};

/// `GET /courtage/mes-demandes`
pub async fn requests(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let rights = access::posting_rights(&state.db, &me).await?;
    let partners: Vec<i64> = rights.partners.iter().map(|p| p.id).collect();
    let projects: Vec<i64> = rights.projects.iter().map(|p| p.id).collect();
    let rows = board_request::Entity::find()
        .filter(
            Condition::any()
                .add(board_request::Column::PartnerId.is_in(partners))
                .add(board_request::Column::HolderProjectId.is_in(projects)),
        )
        .order_by_desc(board_request::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let terms = Terms::load(&state.db).await?;
    let cards = views::cards(&state.db, &rows, &terms, page.lang()).await?;
    page.render(
        "board/mine.html",
        &serde_json::json!({ "requests": cards, "can_post": !rights.is_empty() }),
    )
}

#[derive(Serialize)]
struct HeldAnswer {
    id: i64,
    respondent: String,
    body: String,
    request_title: String,
    request_url: String,
    sent: String,
}

#[derive(Serialize)]
struct ModerationView {
    review: Vec<RequestCard>,
    held: Vec<HeldAnswer>,
    reports: Vec<super::report::ReportRow>,
}

fn coordinator(me: &crate::entities::user::Model) -> AppResult<()> {
    if me.is_coordinator {
        Ok(())
    } else {
        Err(AppError::forbidden("coordinators-only"))
    }
}

/// `GET /courtage/moderation`
pub async fn moderation(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    coordinator(&me)?;
    let lang = page.lang();
    let review = board_request::Entity::find()
        .filter(board_request::Column::Status.eq(Status::Review.as_str()))
        .order_by_asc(board_request::Column::UpdatedAt)
        .all(&state.db)
        .await?;
    let terms = Terms::load(&state.db).await?;
    let review = views::cards(&state.db, &review, &terms, lang).await?;
    let answers = board_answer::Entity::find()
        .filter(board_answer::Column::Held.eq(true))
        .order_by_asc(board_answer::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut held = Vec::with_capacity(answers.len());
    for a in answers {
        let request = super::service::find(&state.db, a.request_id).await?;
        held.push(HeldAnswer {
            id: a.id,
            respondent: a.respondent_name,
            body: a.body,
            request_title: request.title,
            request_url: request_path(request.id),
            sent: show_date(a.created_at.date_naive(), lang),
        });
    }
    let reports = super::report::open_reports(&state, lang).await?;
    page.render(
        "board/moderation.html",
        &ModerationView {
            review,
            held,
            reports,
        },
    )
}

/// A decision on a held answer.
#[derive(Debug, Deserialize)]
pub struct HeldDecision {
    /// `release` or `reject`.
    #[serde(default)]
    decision: String,
}

/// `POST /courtage/moderation/reponses/{id}`: releases a held answer to its request's
/// organisation, or rejects it (deleted with its documents).
pub async fn decide_answer(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<HeldDecision>,
) -> AppResult<Response> {
    coordinator(&me)?;
    let held = board_answer::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|a| a.held)
        .ok_or_else(|| AppError::not_found("board-answer"))?;
    match form.decision.as_str() {
        "release" => {
            board_answer::Entity::update_many()
                .col_expr(board_answer::Column::Held, Expr::value(false))
                .filter(board_answer::Column::Id.eq(held.id))
                .exec(&state.db)
                .await?;
        }
        "reject" => {
            board_answer::Entity::delete_by_id(held.id)
                .exec(&state.db)
                .await?;
        }
        _ => return Err(AppError::invalid("decision", "board-decision-required")),
    }
    flash(&session, "success", "board-moderation-done").await?;
    Ok(Redirect::to("/courtage/moderation").into_response())
}
