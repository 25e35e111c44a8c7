//! People's decisions on duplicates: `/projets/{id}/separer` (split a listing out of a
//! project), `/p/{partner}/doublons` (a partner's suspected pairs) and
//! `/coordination/doublons` (every suspected pair); data quality of a partner
//! (`/p/{partner}/qualite`), one of its sources (`/p/{partner}/sources/{id}/qualite`)
//! and the whole hub (`/coordination/qualite`).
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::quality::{self, Report, Scope};
use super::review::{self, Suspect};
use crate::accounts::session::{Coordinator, CurrentUser};
use crate::entities::{membership, project};
use crate::error::{AppError, AppResult};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projets/{id}/separer", post(split))
        .route("/p/{partner}/doublons", get(partner_list))
        .route("/p/{partner}/doublons/{link}", post(partner_decide))
        .route("/coordination/doublons", get(coordination_list))
        .route("/coordination/doublons/{link}", post(coordination_decide))
        .route("/p/{partner}/qualite", get(partner_quality))
        .route("/p/{partner}/sources/{id}/qualite", get(source_quality))
        .route("/coordination/qualite", get(coordination_quality))
}

#[derive(Deserialize)]
pub struct SplitForm {
    attribution_id: i64,
}

/// Whether `user` may decide on duplicates of a project listed by `partner_ids`
/// ([`review::may_decide`]).
async fn may_decide(
    state: &AppState,
    user: &crate::entities::user::Model,
    partner_ids: &[i64],
) -> AppResult<bool> {
    let memberships = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id))
        .filter(membership::Column::PartnerId.is_in(partner_ids.iter().copied()))
        .all(&state.db)
        .await?;
    Ok(review::may_decide(
        user.is_coordinator,
        memberships.iter().map(|m| m.role.as_str()),
    ))
}

/// `POST /projets/{id}/separer`
async fn split(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<SplitForm>,
) -> AppResult<Response> {
    let project = project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("project"))?;
    let partner_ids = review::partners_of(&state.db, id).await?;
    if !may_decide(&state, &user, &partner_ids).await? {
        return Err(AppError::forbidden("duplicate-decide"));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    let belongs = crate::entities::project_attribution::Entity::find_by_id(form.attribution_id)
        .one(&txn)
        .await?
        .is_some_and(|a| a.project_id == id);
    if !belongs {
        return Err(AppError::not_found("listing"));
    }
    match review::split(&txn, form.attribution_id, user.id).await {
        Ok(new_id) => {
            txn.commit().await?;
            flash(&session, "success", "duplicate-split-done").await?;
            Ok(Redirect::to(&format!("/projets/{new_id}")).into_response())
        }
        Err(AppError::Invalid(errors)) => {
            drop(txn);
            let key = errors
                .into_values()
                .flatten()
                .next()
                .unwrap_or_else(|| "duplicate-split-alone".into());
            flash(&session, "error", &key).await?;
            Ok(
                Redirect::to(&crate::projects::service::project_path(id, &project.slug))
                    .into_response(),
            )
        }
        Err(other) => Err(other),
    }
}

#[derive(Serialize)]
struct PartnerListView {
    space: SpaceHeader,
    suspects: Vec<Suspect>,
    can_decide: bool,
    action_base: String,
}

/// `GET /p/{partner}/doublons`
async fn partner_list(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
) -> AppResult<Response> {
    acting.require(Action::ViewSources)?;
    let suspects = review::suspects(&state.db, Some(acting.partner.id)).await?;
    page.render(
        "consolidation/suspects.html",
        &PartnerListView {
            can_decide: acting.can(Action::ManageSources),
            action_base: format!("/p/{}/doublons", acting.partner.slug),
            space: SpaceHeader::of(&acting),
            suspects,
        },
    )
}

#[derive(Deserialize)]
pub struct DecisionForm {
    decision: String,
}

/// Carries out a decision on a suspected pair; `partner_id` limits it to the pairs that
/// partner lists.
async fn decide(
    state: &AppState,
    session: &Session,
    link_id: i64,
    partner_id: Option<i64>,
    decision: &str,
    user_id: i64,
) -> AppResult<()> {
    let suspects = review::suspects(&state.db, partner_id).await?;
    if !suspects.iter().any(|s| s.link_id == link_id) {
        return Err(AppError::not_found("duplicate"));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    match decision {
        "same" => {
            review::merge(&txn, link_id, user_id).await?;
        }
        "different" => review::reject(&txn, link_id, user_id).await?,
        _ => return Err(AppError::invalid("decision", "duplicate-decision-unknown")),
    }
    txn.commit().await?;
    let key = if decision == "same" {
        "duplicate-merged"
    } else {
        "duplicate-rejected"
    };
    flash(session, "success", key).await?;
    Ok(())
}

/// `POST /p/{partner}/doublons/{link}`
async fn partner_decide(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    Path((_, link)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    decide(
        &state,
        &session,
        link,
        Some(acting.partner.id),
        &form.decision,
        acting.user.id,
    )
    .await?;
    Ok(Redirect::to(&format!("/p/{}/doublons", acting.partner.slug)).into_response())
}

#[derive(Serialize)]
struct CoordinationListView {
    suspects: Vec<Suspect>,
    can_decide: bool,
    action_base: &'static str,
}

/// `GET /coordination/doublons`
async fn coordination_list(
    State(state): State<AppState>,
    page: Page,
    _coordinator: Coordinator,
) -> AppResult<Response> {
    let suspects = review::suspects(&state.db, None).await?;
    page.render(
        "consolidation/suspects.html",
        &CoordinationListView {
            suspects,
            can_decide: true,
            action_base: "/coordination/doublons",
        },
    )
}

/// `POST /coordination/doublons/{link}`
async fn coordination_decide(
    State(state): State<AppState>,
    session: Session,
    Coordinator(user): Coordinator,
    Path(link): Path<i64>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    decide(&state, &session, link, None, &form.decision, user.id).await?;
    Ok(Redirect::to("/coordination/doublons").into_response())
}

/// One source in a partner's quality overview.
#[derive(Serialize)]
struct SourceQuality {
    id: i64,
    name: String,
    projects: i64,
    with_commune: quality::Share,
    awaiting_review: i64,
    untitled: i64,
}

#[derive(Serialize)]
struct SourceName {
    id: i64,
    name: String,
}

#[derive(Serialize)]
struct QualityView {
    space: Option<SpaceHeader>,
    /// The source the report is about, when it is about one.
    source: Option<SourceName>,
    report: Report,
    /// The partner's sources, on the partner's overview.
    sources: Vec<SourceQuality>,
    /// Where the suspected duplicates can be decided.
    duplicates_url: String,
}

/// `GET /p/{partner}/qualite`
async fn partner_quality(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
) -> AppResult<Response> {
    acting.require(Action::ViewSources)?;
    let report = Report::of(&state.db, Scope::Partner(acting.partner.id)).await?;
    let mut sources = Vec::new();
    for found in crate::sources::service::list(&state.db, acting.partner.id).await? {
        let scope = Scope::Source(found.id);
        let coverage = quality::coverage(&state.db, scope).await?;
        sources.push(SourceQuality {
            id: found.id,
            name: found.name,
            projects: coverage.projects,
            with_commune: coverage.with_commune().clone(),
            awaiting_review: quality::awaiting_review(&state.db, scope).await?,
            untitled: quality::untitled(&state.db, scope).await?,
        });
    }
    page.render(
        "consolidation/quality.html",
        &QualityView {
            duplicates_url: format!("/p/{}/doublons", acting.partner.slug),
            space: Some(SpaceHeader::of(&acting)),
            source: None,
            report,
            sources,
        },
    )
}

/// `GET /p/{partner}/sources/{id}/qualite`
async fn source_quality(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    acting.require(Action::ViewSources)?;
    let found = crate::sources::service::find(&state.db, acting.partner.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("source"))?;
    let report = Report::of(&state.db, Scope::Source(found.id)).await?;
    page.render(
        "consolidation/quality.html",
        &QualityView {
            duplicates_url: format!("/p/{}/doublons", acting.partner.slug),
            space: Some(SpaceHeader::of(&acting)),
            source: Some(SourceName {
                id: found.id,
                name: found.name,
            }),
            report,
            sources: Vec::new(),
        },
    )
}

/// `GET /coordination/qualite`
async fn coordination_quality(
    State(state): State<AppState>,
    page: Page,
    _coordinator: Coordinator,
) -> AppResult<Response> {
    let report = Report::of(&state.db, Scope::Overall).await?;
    page.render(
        "consolidation/quality.html",
        &QualityView {
            space: None,
            source: None,
            report,
            sources: Vec::new(),
            duplicates_url: "/coordination/doublons".into(),
        },
    )
}
