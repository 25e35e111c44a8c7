//! `GET /api/v1/projects` (the search page's parameters, JSON), `GET
//! /api/v1/projects/{id}` and `GET /api/v1/projects/map` (what the map draws).
use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::items::{self, ProjectItem};
use crate::entities::project;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::search::catalog::Catalog;
use crate::search::collect::{Cluster, MapLayer, Point};
use crate::search::geo::MapWindow;
use crate::search::params::{ParamError, SearchState};
use crate::search::results::{self, facet_views, year_counts};
use crate::state::AppState;
use crate::web::Lang;
use sea_orm::EntityTrait;

/// A value of a criterion and how many matching projects have it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCount {
    /// Passed back as the criterion's parameter, filters exactly these projects.
    pub value: String,
    pub label: String,
    pub count: u64,
}

/// How many matching projects started in a year.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearCount {
    pub year: i32,
    pub count: u64,
}

/// A page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectPage {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    /// Counts per criterion, keyed by the criterion's parameter (`theme`, `public`,
    /// `structure`, `partner`, `region`, `department`); a criterion's own choice is
    /// left out of its counts.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Start years of the matching projects (the year range left out).
    pub start_years: Vec<YearCount>,
    pub items: Vec<ProjectItem>,
}

/// Turns parameter errors into the API's one error answer (422, each parameter with
/// its messages). The answer names the parameter, so its messages are the short forms
/// (`search-invalid-…`) that do not repeat the value.
pub fn invalid(errors: &[ParamError]) -> AppError {
    let mut fields = FieldErrors::new();
    for e in errors {
        fields
            .entry(e.param.clone())
            .or_default()
            .push(e.key.replace("search-error-", "search-invalid-"));
    }
    AppError::Invalid(fields)
}

/// Parses and checks a search's parameters; any problem refuses the request.
pub async fn parse(
    state: &AppState,
    query: Option<&str>,
) -> AppResult<(SearchState, crate::search::Request, Catalog)> {
    let (search, mut errors) = SearchState::from_query(query.unwrap_or_default());
    let catalog = Catalog::load(&state.db).await?;
    let (request, unknown) = search.resolve(&catalog);
    errors.extend(unknown);
    if !errors.is_empty() {
        return Err(invalid(&errors));
    }
    Ok((search, request, catalog))
}

/// Searches projects.
#[utoipa::path(
    get,
    path = "/api/v1/projects",
    tag = "projects",
    params(SearchParams),
    responses(
        (status = 200, description = "A page of projects with facet counts", body = ProjectPage),
        (status = 422, description = "A parameter is invalid (each one named with its message)", body = super::openapi::ApiError),
        (status = 429, description = "Too many requests from this address", body = super::openapi::ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    // The same for everyone: kept per node while the index does not change.
    let key = format!(
        "api|{}|{}",
        lang.code(),
        query.as_deref().unwrap_or_default()
    );
    let version = if state.search_pages.enabled() {
        let version = crate::search::search_page::content_version(&state)?;
        if let Some(body) = state.search_pages.get(&key, &version) {
            return Ok(json_bytes(body));
        }
        Some(version)
    } else {
        None
    };
    let page = search_page(&state, lang, query.as_deref()).await?;
    match version {
        Some(version) => {
            let body = axum::body::Bytes::from(
                serde_json::to_vec(&page).map_err(|e| AppError::Internal(e.into()))?,
            );
            state.search_pages.put(key, version, body.clone());
            Ok(json_bytes(body))
        }
        None => Ok(Json(page).into_response()),
    }
}

fn json_bytes(body: axum::body::Bytes) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// A page of the search API's answer.
async fn search_page(state: &AppState, lang: Lang, query: Option<&str>) -> AppResult<ProjectPage> {
    let (search, request, catalog) = parse(state, query).await?;
    let per_page = request.limit;
    let (outcome, _) = results::execute(state, request).await?;
    let ids: Vec<i64> = outcome.hits.iter().map(|h| h.id).collect();
    let mut items = items::load(
        &state.db,
        &catalog.terms,
        lang,
        &state.settings.server.public_url,
        &ids,
        false,
    )
    .await?;
    for item in &mut items {
        item.distance_km = outcome
            .hits
            .iter()
            .find(|h| h.id == item.id)
            .and_then(|h| h.distance_km)
            .map(|d| (d * 10.0).round() / 10.0);
    }
    let facets = facet_views(&catalog, lang, &search, &outcome)
        .into_iter()
        .map(|view| {
            (
                view.param.to_owned(),
                view.values
                    .into_iter()
                    .filter(|v| v.count > 0)
                    .map(|v| FacetCount {
                        value: v.value,
                        label: v.label,
                        count: v.count,
                    })
                    .collect(),
            )
        })
        .collect();
    let start_years = year_counts(&outcome)
        .into_iter()
        .map(|(year, count)| YearCount { year, count })
        .collect();
    Ok(ProjectPage {
        total: outcome.total,
        page: search.page,
        per_page,
        facets,
        start_years,
        items,
    })
}

/// One project, with its description.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}",
    tag = "projects",
    params(("id" = i64, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project", body = ProjectItem),
        (status = 301, description = "The project was merged into another; `Location` gives it"),
        (status = 404, description = "No such project", body = super::openapi::ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id: i64 = id.parse().map_err(|_| AppError::not_found("project"))?;
    let row = project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("project"))?;
    if let Some(into) = row.merged_into {
        return Ok(Redirect::permanent(&format!("/api/v1/projects/{into}")).into_response());
    }
    let terms = crate::taxonomy::Terms::load(&state.db).await?;
    let item = items::load(
        &state.db,
        &terms,
        lang,
        &state.settings.server.public_url,
        &[id],
        true,
    )
    .await?
    .pop()
    .ok_or_else(|| AppError::not_found("project"))?;
    Ok(Json(item).into_response())
}

/// What the map draws for a view.
#[derive(Debug, Serialize, ToSchema)]
pub struct MapAnswer {
    /// Matching projects with a position in the view.
    pub located: u64,
    /// Matching projects in all.
    pub total: usize,
    /// `[south, west, north, east]` around the located projects.
    pub extent: Option<[f64; 4]>,
    /// Every project when few enough…
    #[schema(value_type = Vec<Object>)]
    pub points: Vec<Point>,
    /// …else grid cells.
    #[schema(value_type = Vec<Object>)]
    pub clusters: Vec<Cluster>,
    /// What the map shows, in the request's language.
    pub message: String,
}

/// Points beyond which the map gets grid cells.
const MAP_POINTS: usize = 1000;

/// The map of a search: points, or clusters computed on the server.
#[utoipa::path(
    get,
    path = "/api/v1/projects/map",
    tag = "projects",
    params(
        SearchParams,
        ("view" = Option<String>, Query, description = "The map's view, `west,south,east,north`"),
        ("zoom" = Option<u8>, Query, description = "The map's zoom level (0–20), which sets the grid"),
    ),
    responses(
        (status = 200, description = "Points or clusters", body = MapAnswer),
        (status = 422, description = "A parameter is invalid", body = super::openapi::ApiError),
    )
)]
pub async fn map(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Json<MapAnswer>> {
    let (_, request, _) = parse(&state, query.as_deref()).await?;
    let window = MapWindow::parse(query.as_deref())?;
    let mut criteria = request.criteria;
    let total_criteria = criteria.clone();
    criteria.bbox = window.within(criteria.bbox);
    let cell_degrees = window.cell_degrees();
    let search = state.search.clone();
    let (layer, total): (MapLayer, usize) = tokio::task::spawn_blocking(move || {
        let generation = search.current()?;
        let total = generation.count(&total_criteria)?;
        Ok::<_, anyhow::Error>((generation.map(&criteria, cell_degrees, MAP_POINTS)?, total))
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    let message = lang.t_args(
        "search-map-status",
        &[
            ("located", (layer.located as i64).into()),
            ("total", (total as i64).into()),
        ],
    );
    Ok(Json(MapAnswer {
        located: layer.located,
        total,
        extent: layer.extent,
        points: layer.points,
        clusters: layer.clusters,
        message,
    }))
}

/// The search parameters shared by the search page, the API and the exports.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the query string for the OpenAPI document only"
)]
pub struct SearchParams {
    /// Words: all required; `"…"` for a phrase, `-word` to leave out.
    q: Option<String>,
    /// Theme code (repeatable; values of one criterion combine with OR).
    theme: Option<Vec<String>>,
    /// Target public code (repeatable).
    public: Option<Vec<String>>,
    /// Structure type code (repeatable).
    structure: Option<Vec<String>>,
    /// Partner slug (repeatable): projects it lists.
    partner: Option<Vec<String>>,
    /// Region code (repeatable).
    region: Option<Vec<String>>,
    /// Department code (repeatable).
    department: Option<Vec<String>>,
    /// A commune's INSEE code.
    commune: Option<String>,
    /// Started this year or later.
    year_from: Option<i32>,
    /// Started this year or earlier.
    year_to: Option<i32>,
    /// `west,south,east,north`.
    bbox: Option<String>,
    /// A commune's INSEE code or `lat,lon`: projects around it.
    near: Option<String>,
    /// Radius around `near` (default 20, at most 1000).
    radius_km: Option<f64>,
    /// `relevance` (default with words), `newest` (default without), `name`, `distance`
    /// (needs `near`).
    sort: Option<String>,
    /// `1`: archived projects too.
    archived: Option<String>,
    /// From 1.
    page: Option<usize>,
    /// 1–100 (default 20).
    per_page: Option<usize>,
}
