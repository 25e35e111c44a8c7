//! `/projets` and `/projets/{id}-{slug}`.
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use sea_orm::EntityTrait;
use serde::Serialize;

use super::service::{self, ProjectCard, ProjectDetail};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projets", get(list))
        .route("/projets/{id_slug}", get(show))
        .route("/projets/{id}/apercu", get(preview))
        .merge(super::claim::router())
        .merge(super::holder::router())
}

/// `/projets` was the first project list: its filters are the search page's parameters.
async fn list(RawQuery(query): RawQuery) -> Redirect {
    match query.filter(|q| !q.is_empty()) {
        Some(query) => Redirect::permanent(&format!("/recherche?{query}")),
        None => Redirect::permanent("/recherche"),
    }
}

#[derive(Serialize)]
struct ShowView {
    project: ProjectDetail,
    similar: Vec<ProjectCard>,
    map: Option<MapView>,
    /// The visitor may split listings out of this project.
    can_split: bool,
    /// Its holders and how to reach them.
    holder: super::claim::HolderPanel,
    /// The board's open requests that serve it.
    open_requests: crate::board::lists::OpenRequests,
    /// The communities whose scope covers it.
    communities: crate::communities::lists::Communities,
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(id_slug): Path<String>,
) -> AppResult<Response> {
    let (id_text, slug) = id_slug.split_once('-').unwrap_or((id_slug.as_str(), ""));
    let id: i64 = id_text
        .parse()
        .map_err(|_| AppError::not_found("project"))?;
    let mut project = service::detail(&state.db, page.lang(), id)
        .await?
        .ok_or_else(|| AppError::not_found("project"))?;
    if let Some(into) = project.merged_into {
        // Folded into another project: its address leads there.
        return Ok(Redirect::permanent(&format!("/projets/{into}")).into_response());
    }
    if slug != project.slug {
        // Old or missing slugs lead to the canonical address.
        return Ok(Redirect::permanent(&service::project_path(id, &project.slug)).into_response());
    }
    let can_split = page.layout.user.as_ref().is_some_and(|user| {
        let listed = |slug: &str| project.listings.iter().any(|l| l.partner_slug == slug);
        let roles = user.partners.iter().filter(|m| listed(&m.slug));
        crate::consolidation::review::may_decide(
            user.is_coordinator,
            roles.map(|m| m.role.as_str()),
        )
    });
    let corrected = super::holder::apply(&state.db, &mut project).await?;
    let row = crate::entities::project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("project"))?;
    let viewer = page.layout.user.as_ref().map(|u| u.id);
    let holder = super::claim::panel(&state.db, &row, viewer, corrected).await?;
    let similar = crate::search::similar::cards(page.state(), page.lang(), &project).await?;
    let settings = &page.state().settings.map;
    let map = project
        .latitude
        .zip(project.longitude)
        .map(|(latitude, longitude)| MapView {
            latitude,
            longitude,
            zoom: match project.geo_precision.as_deref() {
                Some("department") => 9,
                Some("commune") => 12,
                _ => 15,
            },
            precision: project.geo_precision.clone(),
            tiles: settings.tile_url.clone(),
            attribution: settings.attribution.clone(),
        });
    page.render(
        "projects/show.html",
        &ShowView {
            project,
            can_split,
            similar,
            map,
            holder,
            open_requests: crate::board::lists::for_project(&state.db, page.lang(), id).await?,
            communities: crate::communities::lists::for_project(&state.db, page.lang(), id).await?,
        },
    )
}

/// The small map of a project page.
#[derive(Serialize)]
struct MapView {
    latitude: f64,
    longitude: f64,
    zoom: u8,
    precision: Option<String>,
    tiles: String,
    attribution: String,
}

/// `GET /projets/{id}/apercu`: a project's card, as the map's popups show it.
async fn preview(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::not_found("project"))?;
    let row = crate::entities::project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|p| p.merged_into.is_none())
        .ok_or_else(|| AppError::not_found("project"))?;
    let card = service::cards(&state.db, page.lang(), vec![row])
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("project"))?;
    page.render("projects/_preview.html", &card)
}
