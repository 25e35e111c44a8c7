//! `/partenaires` and `/partenaires/{slug}`.
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Router, routing::get};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use crate::entities::{partner, project, project_attribution};
use crate::error::{AppError, AppResult};
use crate::projects::service::{self, ListFilter, ProjectCard};
use crate::state::AppState;
use crate::web::Page;
use crate::web::pagination::{Pagination, parse_page};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/partenaires", get(directory))
        .route("/partenaires/{slug}", get(show))
}

#[derive(Serialize)]
struct PartnerSummary {
    slug: String,
    name: String,
    kind: String,
    scale: String,
    website: Option<String>,
    description: String,
    project_count: i64,
    has_logo: bool,
}

fn summary(p: partner::Model, counts: &HashMap<i64, i64>) -> PartnerSummary {
    PartnerSummary {
        project_count: counts.get(&p.id).copied().unwrap_or(0),
        has_logo: p.logo_file_id.is_some(),
        slug: p.slug,
        name: p.name,
        kind: p.kind,
        scale: p.scale,
        website: p.website,
        description: p.description,
    }
}

/// Number of active projects each partner lists.
async fn project_counts(state: &AppState) -> AppResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = project_attribution::Entity::find()
        .select_only()
        .column(project_attribution::Column::PartnerId)
        .column_as(project_attribution::Column::ProjectId.count(), "n")
        .inner_join(project::Entity)
        .filter(project::Column::Status.eq("active"))
        .group_by(project_attribution::Column::PartnerId)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(rows.into_iter().collect())
}

#[derive(Serialize)]
struct DirectoryView {
    partners: Vec<PartnerSummary>,
}

async fn directory(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    let counts = project_counts(&state).await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| summary(p, &counts))
        .collect();
    page.render("partners/directory.html", &DirectoryView { partners })
}

#[derive(Deserialize)]
struct ShowQuery {
    page: Option<String>,
}

#[derive(Serialize)]
struct ShowView {
    partner: PartnerSummary,
    cards: Vec<ProjectCard>,
    pagination: Pagination,
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(slug): Path<String>,
    Query(query): Query<ShowQuery>,
) -> AppResult<Response> {
    let number = parse_page(query.page.as_deref())?;
    let found = partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug.clone()))
        .filter(partner::Column::Status.eq("active"))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))?;
    let filter = ListFilter {
        partner_id: Some(found.id),
        ..Default::default()
    };
    let listed = service::list(&state.db, page.lang(), &filter, number, 24).await?;
    let mut counts = HashMap::new();
    counts.insert(found.id, listed.total as i64);
    let pagination = Pagination::new(
        number,
        24,
        listed.total,
        &format!("/partenaires/{slug}"),
        &[],
    );
    page.render(
        "partners/show.html",
        &ShowView {
            partner: summary(found, &counts),
            cards: listed.cards,
            pagination,
        },
    )
}
