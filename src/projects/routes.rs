//! `/projets` and `/projets/{id}-{slug}`.
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use super::service::{self, ListFilter, ProjectCard, ProjectDetail};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::taxonomy::{Term, Terms};
use crate::web::Page;
use crate::web::pagination::Pagination;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projets", get(list))
        .route("/projets/{id_slug}", get(show))
        .merge(super::claim::router())
        .merge(super::holder::router())
}

/// Query of the project list; every field optional so that bad values get a clear message.
#[derive(Debug, Deserialize)]
struct ListQuery {
    page: Option<String>,
    region: Option<String>,
    theme: Option<String>,
}

#[derive(Serialize)]
struct ListView {
    cards: Vec<ProjectCard>,
    total: u64,
    pagination: Pagination,
    themes: Vec<Term>,
    regions: Vec<(String, String)>,
    selected_theme: Option<String>,
    selected_region: Option<String>,
}

const PER_PAGE: u64 = 24;

async fn list(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let number = crate::web::pagination::parse_page(query.page.as_deref())?;
    let lang = page.lang();
    let blank = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let filter = ListFilter {
        region: blank(query.region),
        theme: blank(query.theme),
        partner_id: None,
    };
    let terms = Terms::load(&state.db).await?;
    if let Some(theme) = &filter.theme
        && terms.get(theme, lang).is_none()
    {
        return Err(AppError::invalid("theme", "filter-unknown-theme"));
    }
    let result = service::list(&state.db, lang, &filter, number, PER_PAGE).await?;
    let pagination = Pagination::new(
        number,
        PER_PAGE,
        result.total,
        "/projets",
        &[
            ("region", filter.region.as_deref()),
            ("theme", filter.theme.as_deref()),
        ],
    );
    if number > 1 && result.cards.is_empty() {
        return Err(AppError::not_found("page"));
    }
    let regions = crate::territories::region_names(&state.db).await?;
    page.render(
        "projects/list.html",
        &ListView {
            cards: result.cards,
            total: result.total,
            pagination,
            themes: terms.roots("theme", lang),
            regions,
            selected_theme: filter.theme,
            selected_region: filter.region,
        },
    )
}

#[derive(Serialize)]
struct ShowView {
    project: ProjectDetail,
    /// The visitor may split listings out of this project.
    can_split: bool,
    /// Its holders and how to reach them.
    holder: super::claim::HolderPanel,
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
    page.render(
        "projects/show.html",
        &ShowView {
            project,
            can_split,
            holder,
        },
    )
}
