//! The collective's roadmap: items proposed by partners' admins and editors (or
//! coordinators), ranked by majority-judgment votes, moved along by coordinators
//! (in progress, done); each item keeps its history.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::Kind;
use super::pages::when;
use super::policy::{Actor, reason};
use crate::entities::{partner, proposal, roadmap_event, roadmap_item};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Page, flash};

/// Roadmap statuses, in the order items move through them.
pub const STATUSES: [&str; 4] = ["proposed", "prioritised", "in_progress", "done"];

#[derive(Serialize)]
struct EventView {
    at: String,
    status: String,
    rank: Option<i32>,
    proposal_id: Option<i64>,
    by: Option<String>,
}

#[derive(Serialize)]
struct ItemView {
    id: i64,
    title: String,
    description_html: String,
    status: String,
    rank: Option<i32>,
    partner: Option<String>,
    history: Vec<EventView>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    partner: String,
}

#[derive(Serialize)]
struct Decision {
    id: i64,
    title: String,
    status: String,
}

#[derive(Serialize)]
struct PartnerChoice {
    slug: String,
    name: String,
}

#[derive(Serialize)]
struct RoadmapView {
    ranked: Vec<ItemView>,
    others: Vec<ItemView>,
    decisions: Vec<Decision>,
    can_add: bool,
    partners: Vec<PartnerChoice>,
    is_coordinator: bool,
    statuses: [&'static str; 4],
    form: ItemForm,
    errors: FieldErrors,
    can_propose_vote: Option<String>,
}

async fn render(
    state: &AppState,
    page: &Page,
    actor: Option<&Actor>,
    form: ItemForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let items = roadmap_item::Entity::find()
        .order_by_asc(roadmap_item::Column::Rank)
        .order_by_asc(roadmap_item::Column::Id)
        .all(&state.db)
        .await?;
    let events = roadmap_event::Entity::find()
        .order_by_asc(roadmap_event::Column::Id)
        .all(&state.db)
        .await?;
    let people: std::collections::HashMap<i64, String> = crate::entities::user::Entity::find()
        .filter(
            crate::entities::user::Column::Id
                .is_in(events.iter().filter_map(|e| e.user_id).collect::<Vec<_>>()),
        )
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let partners: std::collections::HashMap<i64, String> = partner::Entity::find()
        .filter(
            partner::Column::Id.is_in(
                items
                    .iter()
                    .filter_map(|i| i.partner_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let view_of = |i: &roadmap_item::Model| ItemView {
        id: i.id,
        title: i.title.clone(),
        description_html: crate::web::markdown::to_safe_html(&i.description),
        status: i.status.clone(),
        rank: i.rank,
        partner: i.partner_id.and_then(|id| partners.get(&id).cloned()),
        history: events
            .iter()
            .filter(|e| e.item_id == i.id)
            .map(|e| EventView {
                at: when(Some(e.at)),
                status: e.status.clone(),
                rank: e.rank,
                proposal_id: e.proposal_id,
                by: e.user_id.and_then(|id| people.get(&id).cloned()),
            })
            .collect(),
    };
    let (ranked, others): (Vec<_>, Vec<_>) = items.iter().partition(|i| i.rank.is_some());
    let decisions = proposal::Entity::find()
        .filter(proposal::Column::Kind.eq(Kind::RoadmapDecision.as_str()))
        .filter(proposal::Column::Status.ne("draft"))
        .order_by_desc(proposal::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| Decision {
            id: p.id,
            title: p.title,
            status: p.status,
        })
        .collect();
    let drafting: Vec<PartnerChoice> = actor
        .map(|a| {
            a.drafting_partners()
                .into_iter()
                .map(|p| PartnerChoice {
                    slug: p.slug.clone(),
                    name: p.name.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let is_coordinator = actor.is_some_and(Actor::is_coordinator);
    let view = RoadmapView {
        ranked: ranked.into_iter().map(view_of).collect(),
        others: others.into_iter().map(view_of).collect(),
        decisions,
        can_add: is_coordinator || !drafting.is_empty(),
        can_propose_vote: drafting.first().map(|p| p.slug.clone()),
        partners: drafting,
        is_coordinator,
        statuses: STATUSES,
        form,
        errors,
    };
    page.render_with_status(status, "governance/roadmap.html", &view)
}

/// `GET /gouvernance/feuille-de-route`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    actor: Option<Actor>,
) -> AppResult<Response> {
    render(
        &state,
        &page,
        actor.as_ref(),
        ItemForm::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /gouvernance/feuille-de-route`: a new item, proposed.
pub async fn add(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    actor: Actor,
    CsrfForm(form): CsrfForm<ItemForm>,
) -> AppResult<Response> {
    let partner_id = match form.partner.as_str() {
        "" if actor.is_coordinator() => None,
        slug => Some(
            actor
                .drafting_partners()
                .into_iter()
                .find(|p| p.slug == slug)
                .map(|p| p.id)
                .ok_or_else(|| AppError::forbidden(reason::CANNOT_DRAFT))?,
        ),
    };
    let mut errors = FieldErrors::new();
    let title = check_length(&mut errors, "title", &form.title, 3, 200);
    let description = check_length(&mut errors, "description", &form.description, 0, 10_000);
    if !errors.is_empty() {
        return render(
            &state,
            &page,
            Some(&actor),
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let id = roadmap_item::Entity::insert(roadmap_item::ActiveModel {
        title: Set(title),
        description: Set(description),
        status: Set("proposed".into()),
        rank: Set(None),
        partner_id: Set(partner_id),
        created_by: Set(Some(actor.user.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    roadmap_event::Entity::insert(roadmap_event::ActiveModel {
        item_id: Set(id),
        status: Set("proposed".into()),
        rank: Set(None),
        proposal_id: Set(None),
        user_id: Set(Some(actor.user.id)),
        at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    flash(&session, "success", "roadmap-item-added").await?;
    Ok(Redirect::to("/gouvernance/feuille-de-route").into_response())
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
}

/// `POST /gouvernance/feuille-de-route/{id}/statut` (coordinators).
pub async fn change_status(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> AppResult<Response> {
    actor.require_coordinator()?;
    let id: i64 = id.parse().map_err(|_| AppError::not_found("page"))?;
    let item = roadmap_item::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("page"))?;
    if !STATUSES.contains(&form.status.as_str()) {
        return Err(AppError::invalid("status", "roadmap-status-invalid"));
    }
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let mut row: roadmap_item::ActiveModel = item.clone().into();
    row.status = Set(form.status.clone());
    row.updated_at = Set(now);
    sea_orm::ActiveModelTrait::update(row, &txn).await?;
    roadmap_event::Entity::insert(roadmap_event::ActiveModel {
        item_id: Set(id),
        status: Set(form.status),
        rank: Set(item.rank),
        proposal_id: Set(None),
        user_id: Set(Some(actor.user.id)),
        at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    flash(&session, "success", "roadmap-status-changed").await?;
    Ok(Redirect::to(&format!("/gouvernance/feuille-de-route#item-{id}")).into_response())
}
