//! Every partner with its status; coordinators suspend, reactivate or record departures.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::client::ClientIp;
use crate::accounts::session::Coordinator;
use crate::entities::partner;
use crate::error::{AppError, AppResult};
use crate::partners::model::Status;
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

#[derive(Serialize)]
struct PartnerRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    status: String,
    admitted_at: Option<DateTime<Utc>>,
    status_changed_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct PartnersView {
    partners: Vec<PartnerRow>,
}

/// `GET /coordination/partenaires`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
) -> AppResult<Response> {
    let partners = partner::Entity::find()
        .order_by_asc(partner::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| PartnerRow {
            id: p.id,
            slug: p.slug,
            name: p.name,
            kind: p.kind,
            status: p.status,
            admitted_at: p.admitted_at,
            status_changed_at: p.status_changed_at,
        })
        .collect();
    page.render("coordination/partners.html", &PartnersView { partners })
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

/// Which status changes coordinators make by hand (admission goes through applications).
fn allowed_transition(from: Status, to: Status) -> bool {
    matches!(
        (from, to),
        (Status::Active, Status::Suspended)
            | (Status::Suspended, Status::Active)
            | (Status::Active, Status::Left)
            | (Status::Suspended, Status::Left)
    )
}

/// `POST /coordination/partenaires/{id}/statut`
pub async fn change_status(
    State(state): State<AppState>,
    session: Session,
    ClientIp(ip): ClientIp,
    Coordinator(coordinator): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> AppResult<Response> {
    let found = partner::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))?;
    let to =
        Status::parse(&form.status).ok_or_else(|| AppError::invalid("status", "choice-invalid"))?;
    let from = Status::parse(&found.status).unwrap_or(Status::Left);
    if !allowed_transition(from, to) {
        flash(&session, "error", "partner-status-transition").await?;
        return Ok(Redirect::to("/coordination/partenaires").into_response());
    }
    let now = Utc::now();
    let mut row: partner::ActiveModel = found.into();
    row.status = Set(to.as_str().into());
    row.status_changed_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(&state.db).await?;
    audit::record(
        &state.db,
        AuditEntry {
            actor: Some(coordinator.id),
            action: "partner_status_changed",
            target_kind: "partner",
            target_id: Some(id),
            details: serde_json::json!({"from": from.as_str(), "to": to.as_str()}),
            ip: Some(&ip),
        },
    )
    .await?;
    flash(&session, "success", "partner-status-changed").await?;
    Ok(Redirect::to("/coordination/partenaires").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicants_are_not_admitted_by_hand() {
        assert!(!allowed_transition(Status::Applicant, Status::Active));
        assert!(allowed_transition(Status::Active, Status::Suspended));
        assert!(!allowed_transition(Status::Left, Status::Active));
    }
}
