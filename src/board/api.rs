//! Open data of the board: `GET /api/v1/offers` (the board's search parameters, strictly
//! checked) and `GET /api/v1/offers/{id}`, both in the OpenAPI document. Only public
//! requests (published, filled, closed, expired) are served.
use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::index::{FACETS, Sort};
use super::model::{Contract, Kind, Reach, Status};
use super::search::{Params, label, run};
use super::views::{self, place_label, request_path};
use crate::entities::board_request;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::opendata::items::Coded;
use crate::opendata::projects::FacetCount;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::Lang;

/// Where a request is meant for.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferTerritory {
    /// `commune`, `department`, `region`, `france` or `remote`.
    pub reach: String,
    pub commune: Option<String>,
    pub department: Option<String>,
    pub region: Option<String>,
    /// In words, in the request's language.
    pub label: String,
}

/// A request of the brokerage board.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferItem {
    pub id: i64,
    /// `expertise`, `job`, `volunteer`, `sponsorship`, `partnership` or `call`.
    pub kind: String,
    pub title: String,
    pub organisation: String,
    /// Ids of the projects it serves (`/api/v1/projects/{id}`).
    pub projects: Vec<i64>,
    pub territory: OfferTerritory,
    pub themes: Vec<Coded>,
    /// Last day of answers (ISO date).
    pub deadline: String,
    /// `published`, `filled`, `closed` or `expired`.
    pub status: String,
    /// For job offers: `cdi`, `cdd`, `alternance`, `stage`, `service_civique`, `freelance`.
    pub contract: Option<String>,
    pub url: String,
}

/// A page of requests with the counts of each criterion.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferPage {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<OfferItem>,
    /// By criterion (`kind`, `theme`, `region`, `department`, `contract`, `reach`): each
    /// value with its count; a criterion's counts leave out its own choice.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// The query string of `/api/v1/offers`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the query string for the OpenAPI document only"
)]
pub struct OfferParams {
    /// Words: all required; `"…"` for a phrase, `-word` to leave out.
    q: Option<String>,
    /// Kind (repeatable): `expertise`, `job`, `volunteer`, `sponsorship`, `partnership`, `call`.
    kind: Option<Vec<String>>,
    /// Theme code (repeatable; a theme finds its sub-themes).
    theme: Option<Vec<String>>,
    /// Region code (repeatable).
    region: Option<Vec<String>>,
    /// Department code (repeatable).
    department: Option<Vec<String>>,
    /// Contract of job offers (repeatable).
    contract: Option<Vec<String>>,
    /// Reach (repeatable): `commune`, `department`, `region`, `france`, `remote`.
    reach: Option<Vec<String>>,
    /// `1`: filled, closed and expired requests too.
    ended: Option<String>,
    /// Only requests placed in this box: `west,south,east,north`.
    bbox: Option<String>,
    /// `relevance` (default), `newest`, `closing` (nearest deadline first).
    sort: Option<String>,
    /// From 1.
    page: Option<usize>,
    /// 1–100 (20 by default).
    per_page: Option<usize>,
}

/// Checks the search parameters strictly (each unreadable one named); returns the page
/// size (`per_page`, 20 when empty).
pub(super) fn check(params: &Params, per_page: &str, terms: &Terms) -> Result<usize, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut bad = |field: &str, key: &str| {
        errors.entry(field.into()).or_default().push(key.into());
    };
    let index = crate::geo::communes::index();
    for value in &params.kind {
        if Kind::parse(value).is_none() {
            bad("kind", "board-kind-required");
        }
    }
    for value in &params.contract {
        if Contract::parse(value).is_none() {
            bad("contract", "board-contract-unknown");
        }
    }
    for value in &params.reach {
        if Reach::parse(value).is_none() {
            bad("reach", "board-territory-required");
        }
    }
    for value in &params.theme {
        if terms.row(value).is_none_or(|t| t.vocabulary != "theme") {
            bad("theme", "board-term-unknown");
        }
    }
    for value in &params.region {
        if views::region_name(Some(value)).is_none() {
            bad("region", "board-region-unknown");
        }
    }
    for value in &params.department {
        if index.department(value).is_none_or(|d| d.code != value) {
            bad("department", "board-department-unknown");
        }
    }
    if !params.sort.is_empty() && Sort::parse(&params.sort).is_none() {
        bad("sort", "board-sort-unknown");
    }
    if !params.bbox.trim().is_empty() && params.area().is_none() {
        bad("bbox", "search-invalid-bbox");
    }
    if !params.page.is_empty() && params.page.parse::<usize>().map_or(true, |p| p == 0) {
        bad("page", "board-page-invalid");
    }
    let per_page = if per_page.is_empty() {
        super::search::PER_PAGE
    } else {
        match per_page.parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                bad("per_page", "board-per-page-invalid");
                0
            }
        }
    };
    if errors.is_empty() {
        Ok(per_page)
    } else {
        Err(errors)
    }
}

async fn items(
    state: &AppState,
    rows: &[board_request::Model],
    terms: &Terms,
    lang: Lang,
) -> AppResult<Vec<OfferItem>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut codes = views::terms_of(&state.db, &ids).await?;
    let mut projects = views::projects_of(&state.db, &ids).await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    Ok(rows
        .iter()
        .map(|r| OfferItem {
            id: r.id,
            kind: r.kind.clone(),
            title: r.title.clone(),
            organisation: r.organisation.clone(),
            projects: projects
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.id)
                .collect(),
            territory: OfferTerritory {
                reach: r.territory.clone(),
                commune: r.commune_insee.clone(),
                department: r.department_code.clone(),
                region: r.region_code.clone(),
                label: place_label(r, lang),
            },
            themes: codes
                .remove(&r.id)
                .unwrap_or_default()
                .iter()
                .filter_map(|c| terms.get(c, lang))
                .filter(|t| t.vocabulary == "theme")
                .map(|t| Coded {
                    code: t.code,
                    label: t.label,
                })
                .collect(),
            deadline: r.deadline.to_string(),
            status: r.status.clone(),
            contract: r.contract.clone(),
            url: format!("{base}{}", request_path(r.id)),
        })
        .collect())
}

/// Requests of the board matching the search parameters.
#[utoipa::path(
    get,
    path = "/api/v1/offers",
    operation_id = "list_offers",
    tag = "board",
    params(OfferParams),
    responses(
        (status = 200, description = "A page of requests with counts", body = OfferPage),
        (status = 422, description = "A parameter is invalid (each one named with its message)", body = crate::opendata::openapi::ApiError),
        (status = 429, description = "Too many requests from this address", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> AppResult<Json<OfferPage>> {
    let params = Params::from_query(raw.as_deref());
    let per_page: Vec<(String, String)> =
        serde_html_form::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default();
    let per_page = per_page
        .into_iter()
        .find(|(k, _)| k == "per_page")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let terms = Terms::load(&state.db).await?;
    let per_page = check(&params, &per_page, &terms).map_err(AppError::Invalid)?;
    let found = run(&state, &params.query(per_page)).await?;
    let rows = board_request::Entity::find()
        .filter(board_request::Column::Id.is_in(found.ids.clone()))
        .all(&state.db)
        .await?;
    let mut by_id: HashMap<i64, board_request::Model> =
        rows.into_iter().map(|r| (r.id, r)).collect();
    let ordered: Vec<board_request::Model> =
        found.ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let mut facets = BTreeMap::new();
    for name in FACETS {
        let mut counts: Vec<FacetCount> = found
            .counts
            .get(name)
            .into_iter()
            .flatten()
            .map(|(value, count)| FacetCount {
                label: label(name, value, &terms, lang),
                value: value.clone(),
                count: *count,
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        facets.insert(name.to_owned(), counts);
    }
    Ok(Json(OfferPage {
        total: found.total,
        page: params.page_number(),
        per_page,
        items: items(&state, &ordered, &terms, lang).await?,
        facets,
    }))
}

/// One request of the board.
#[utoipa::path(
    get,
    path = "/api/v1/offers/{id}",
    operation_id = "show_offer",
    tag = "board",
    params(("id" = i64, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The request", body = OfferItem),
        (status = 404, description = "No such public request", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<String>,
) -> AppResult<Json<OfferItem>> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::not_found("board-request"))?;
    let row = board_request::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|r| Status::parse(&r.status).is_some_and(Status::is_public))
        .ok_or_else(|| AppError::not_found("board-request"))?;
    let terms = Terms::load(&state.db).await?;
    let mut found = items(&state, std::slice::from_ref(&row), &terms, lang).await?;
    Ok(Json(found.remove(0)))
}
