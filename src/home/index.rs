//! `/`: what the hub holds, the latest projects and the themes.
use axum::extract::State;
use axum::response::Response;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use crate::entities::{partner, project};
use crate::error::AppResult;
use crate::projects::service::{self, ProjectCard};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::trends::figures::{self, Counter, Place, ProjectSet, ThemeLevel};
use crate::web::Page;

#[derive(Serialize)]
struct ThemeTile {
    code: String,
    label: String,
    count: i64,
}

#[derive(Serialize)]
struct HomeView {
    project_count: u64,
    partner_count: u64,
    region_count: i64,
    latest: Vec<ProjectCard>,
    themes: Vec<ThemeTile>,
}

pub async fn show(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    let lang = page.lang();
    let partner_count = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .count(&state.db)
        .await?;
    // Counted from the search index, as the trends page counts them.
    let counter = Counter::open(&state.db, &state.search).await?;
    let everything = ProjectSet::all();
    let project_count = u64::try_from(figures::total(&counter, &everything)?).unwrap_or(0);
    let region_count = figures::by_place(&counter, &everything, Place::Region)?
        .into_iter()
        .filter(|(code, _)| code.is_some())
        .count() as i64;
    let latest_rows = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .order_by_desc(project::Column::Id)
        .limit(6)
        .all(&state.db)
        .await?;
    let latest = service::cards(&state.db, lang, latest_rows).await?;
    let counts = figures::by_theme(&counter, &everything, ThemeLevel::Theme)?;
    let themes = Terms::load(&state.db)
        .await?
        .roots("theme", lang)
        .into_iter()
        .map(|t| ThemeTile {
            count: counts.get(&t.code).copied().unwrap_or(0),
            code: t.code,
            label: t.label,
        })
        .collect();
    page.render(
        "home.html",
        &HomeView {
            project_count,
            partner_count,
            region_count,
            latest,
            themes,
        },
    )
}
