//! `/p/{partner}`: the home of a partner space for its members.
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::policy::{ActingPartner, Action};
use super::profile::SpaceHeader;
use crate::entities::{membership, partner_application};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Page;

#[derive(Serialize)]
struct ApplicationSummary {
    status: String,
    decision_message: Option<String>,
    created_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct DashboardView {
    space: SpaceHeader,
    kind: String,
    scale: String,
    website: Option<String>,
    description: String,
    admitted_at: Option<DateTime<Utc>>,
    member_count: u64,
    application: Option<ApplicationSummary>,
    /// Tags waiting for an editor (shown to those who see the tags page).
    queued_tags: u64,
}

/// `GET /p/{partner}`
pub async fn dashboard(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
) -> AppResult<Response> {
    acting.require(Action::ViewSpace)?;
    let member_count = membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(acting.partner.id))
        .count(&state.db)
        .await?;
    let application = partner_application::Entity::find()
        .filter(partner_application::Column::PartnerId.eq(acting.partner.id))
        .order_by_desc(partner_application::Column::Id)
        .one(&state.db)
        .await?
        .map(|a| ApplicationSummary {
            status: a.status,
            decision_message: a.decision_message,
            created_at: a.created_at,
            decided_at: a.decided_at,
        });
    let queued_tags = if acting.can(Action::ViewTags) {
        crate::taxonomy::tags::queued_count(&state.db, acting.partner.id).await?
    } else {
        0
    };
    let p = &acting.partner;
    let view = DashboardView {
        space: SpaceHeader::of(&acting),
        kind: p.kind.clone(),
        scale: p.scale.clone(),
        website: p.website.clone(),
        description: p.description.clone(),
        admitted_at: p.admitted_at,
        member_count,
        application,
        queued_tags,
    };
    page.render("partners/space/dashboard.html", &view)
}
