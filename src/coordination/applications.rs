//! Applications to join the collective, and the coordinators' overview page.
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::accounts::client::ClientIp;
use crate::accounts::session::Coordinator;
use crate::entities::{partner, partner_application, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::partners::admission::{self, Decision};
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Page, flash};

#[derive(Serialize)]
struct OverviewView {
    pending_applications: u64,
    active_partners: u64,
    suspended_partners: u64,
    users: u64,
}

/// `GET /coordination`
pub async fn overview(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
) -> AppResult<Response> {
    let count_partners = |status: &'static str| {
        partner::Entity::find()
            .filter(partner::Column::Status.eq(status))
            .count(&state.db)
    };
    let view = OverviewView {
        pending_applications: partner_application::Entity::find()
            .filter(partner_application::Column::Status.eq("pending"))
            .count(&state.db)
            .await?,
        active_partners: count_partners("active").await?,
        suspended_partners: count_partners("suspended").await?,
        users: user::Entity::find()
            .filter(user::Column::DeletedAt.is_null())
            .count(&state.db)
            .await?,
    };
    page.render("coordination/overview.html", &view)
}

#[derive(Serialize)]
struct ApplicationRow {
    id: i64,
    status: String,
    message: String,
    decision_message: Option<String>,
    created_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
    partner_name: String,
    partner_slug: String,
    partner_kind: String,
    partner_scale: String,
    partner_website: Option<String>,
    partner_description: String,
    applicant_name: Option<String>,
    applicant_email: Option<String>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    message: String,
}

#[derive(Serialize)]
struct ApplicationsView {
    show: String,
    applications: Vec<ApplicationRow>,
    /// The application whose form had errors, with what was typed.
    failed: Option<i64>,
    form: DecisionForm,
    errors: FieldErrors,
}

#[derive(Deserialize)]
pub struct ListQuery {
    voir: Option<String>,
}

async fn rows(state: &AppState, pending_only: bool) -> AppResult<Vec<ApplicationRow>> {
    let mut query = partner_application::Entity::find();
    if pending_only {
        query = query.filter(partner_application::Column::Status.eq("pending"));
    }
    let applications = query
        .order_by_desc(partner_application::Column::Id)
        .all(&state.db)
        .await?;
    let mut rows = Vec::with_capacity(applications.len());
    for a in applications {
        let Some(p) = partner::Entity::find_by_id(a.partner_id)
            .one(&state.db)
            .await?
        else {
            continue;
        };
        let applicant = match a.applicant_user_id {
            Some(id) => user::Entity::find_by_id(id).one(&state.db).await?,
            None => None,
        };
        rows.push(ApplicationRow {
            id: a.id,
            status: a.status,
            message: a.message,
            decision_message: a.decision_message,
            created_at: a.created_at,
            decided_at: a.decided_at,
            partner_name: p.name,
            partner_slug: p.slug,
            partner_kind: p.kind,
            partner_scale: p.scale,
            partner_website: p.website,
            partner_description: p.description,
            applicant_name: applicant.as_ref().map(|u| u.display_name.clone()),
            applicant_email: applicant.map(|u| u.email),
        });
    }
    Ok(rows)
}

/// `GET /coordination/candidatures[?voir=toutes]`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let show = match query.voir.as_deref() {
        Some("toutes") => "all",
        _ => "pending",
    };
    let view = ApplicationsView {
        show: show.into(),
        applications: rows(&state, show == "pending").await?,
        failed: None,
        form: DecisionForm::default(),
        errors: FieldErrors::new(),
    };
    page.render("coordination/applications.html", &view)
}

/// `POST /coordination/candidatures/{id}/decision`: `decision` = accept | decline;
/// declining needs a message for the applicant.
pub async fn decide(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    ClientIp(ip): ClientIp,
    Coordinator(coordinator): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    if partner_application::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .is_none()
    {
        return Err(AppError::not_found("page"));
    }
    let mut errors = FieldErrors::new();
    let decision = match form.decision.as_str() {
        "accept" => Some(Decision::Accept),
        "decline" => Some(Decision::Decline),
        _ => {
            errors.insert("decision".into(), vec!["choice-invalid".into()]);
            None
        }
    };
    // Where the charter in force leaves admissions to the partners' vote.
    if decision == Some(Decision::Accept)
        && crate::governance::versions::current(&state.db)
            .await?
            .charter
            .rules
            .admission_by_vote
    {
        errors.insert("decision".into(), vec!["admission-by-vote-required".into()]);
    }
    let min = if decision == Some(Decision::Decline) {
        10
    } else {
        0
    };
    let message = check_length(&mut errors, "message", &form.message, min, 3000);
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        let view = ApplicationsView {
            show: "pending".into(),
            applications: rows(&state, true).await?,
            failed: Some(id),
            form,
            errors,
        };
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "coordination/applications.html",
            &view,
        );
    };
    let decided =
        admission::decide(&state, id, decision, &message, coordinator.id, Some(&ip)).await?;
    let key = match (decided, decision) {
        (false, _) => "application-already-decided",
        (true, Decision::Accept) => "application-accepted",
        (true, Decision::Decline) => "application-declined",
    };
    flash(&session, if decided { "success" } else { "info" }, key).await?;
    Ok(Redirect::to("/coordination/candidatures").into_response())
}
