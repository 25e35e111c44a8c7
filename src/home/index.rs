//! `/`: what the hub holds, the latest projects and the themes.
use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use crate::db::statement;
use crate::entities::{partner, project};
use crate::error::AppResult;
use crate::projects::service::{self, ProjectCard};
use crate::state::AppState;
use crate::taxonomy::Terms;
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

async fn theme_counts(state: &AppState) -> AppResult<HashMap<String, i64>> {
    let backend = state.db.get_database_backend();
    let sql = "SELECT COALESCE(t.parent_code, t.code) AS code, COUNT(DISTINCT pt.project_id) AS n \
               FROM project_terms pt JOIN taxonomy_terms t ON t.code = pt.term_code \
               JOIN projects p ON p.id = pt.project_id \
               WHERE t.vocabulary = 'theme' AND p.status = 'active' \
               GROUP BY COALESCE(t.parent_code, t.code)";
    let rows = state.db.query_all_raw(statement(backend, sql, [])).await?;
    let mut counts = HashMap::new();
    for row in rows {
        counts.insert(
            row.try_get::<String>("", "code")?,
            row.try_get::<i64>("", "n")?,
        );
    }
    Ok(counts)
}

pub async fn show(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    let lang = page.lang();
    let project_count = service::count_active(&state.db).await?;
    let partner_count = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .count(&state.db)
        .await?;
    let region_count = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .select_only()
        .column(project::Column::RegionCode)
        .distinct()
        .into_tuple::<Option<String>>()
        .all(&state.db)
        .await?
        .into_iter()
        .flatten()
        .count() as i64;
    let latest_rows = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .order_by_desc(project::Column::Id)
        .limit(6)
        .all(&state.db)
        .await?;
    let latest = service::cards(&state.db, lang, latest_rows).await?;
    let counts = theme_counts(&state).await?;
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
