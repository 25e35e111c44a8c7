//! `/territoires`: the index of regions and departments, and a page per region,
//! department and commune with its projects, themes, partners and sub-territories.
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::atlas::{self, Atlas, name_order};
use crate::entities::{commune, partner, project};
use crate::error::{AppError, AppResult};
use crate::projects::service::{self, ProjectCard};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::trends::figures::{self, Area, Counter, Place, ProjectSet, ThemeLevel};
use crate::web::pagination::{Pagination, parse_page};
use crate::web::{Lang, Page};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/territoires", get(index))
        .route("/territoires/regions/{code}", get(region))
        .route("/territoires/departements/{code}", get(department))
        .route("/territoires/communes/{insee_slug}", get(commune))
}

/// How many of the latest projects a region or department page shows (the search page
/// lists them all).
const LATEST: u64 = 6;
/// Projects per page of a commune, which lists them all.
const PER_PAGE: u64 = 24;

/// A link in the breadcrumb trail; the last one is the page itself.
#[derive(Debug, Serialize)]
struct Crumb {
    label: String,
    url: Option<String>,
}

/// Something counted on a territory page: a theme, a partner, a sub-territory.
#[derive(Debug, Serialize)]
struct Tally {
    label: String,
    url: Option<String>,
    count: i64,
}

#[derive(Serialize)]
struct TerritoryView {
    /// `region`, `department` or `commune`.
    kind: &'static str,
    code: String,
    name: String,
    breadcrumbs: Vec<Crumb>,
    total: i64,
    cards: Vec<ProjectCard>,
    /// The search for every project of a region or department.
    all_projects_url: Option<String>,
    /// A commune lists all its projects, page by page.
    pagination: Option<Pagination>,
    themes: Vec<Tally>,
    partners: Vec<Tally>,
    /// Departments of a region, communes with projects of a department.
    places: Vec<Tally>,
    /// Projects of the territory not placed at the level of `places`.
    unplaced: i64,
    trends_url: Option<String>,
    map: TerritoryMap,
    /// The node's search index, which the counts are read from, is being built.
    index_building: bool,
    /// The board's open requests placed here.
    open_requests: crate::board::lists::OpenRequests,
    /// The communities whose scope covers it.
    communities: crate::communities::lists::Communities,
}

/// The map of the territory's projects: the search map's clusters for `key=code`.
#[derive(Debug, Serialize)]
struct TerritoryMap {
    /// The search parameters the map reads (`region=11`).
    params: String,
    /// `/carte` with the same search.
    url: String,
    tiles: String,
    attribution: String,
}

impl TerritoryMap {
    fn of(state: &AppState, key: &str, code: &str) -> Self {
        let params = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(key, code)
            .finish();
        TerritoryMap {
            url: format!("/carte?{params}"),
            params,
            tiles: state.settings.map.tile_url.clone(),
            attribution: state.settings.map.attribution.clone(),
        }
    }
}

/// `?key=value&theme=` links into the search page.
fn search_url(key: &str, code: &str, theme: Option<&str>) -> String {
    let encode =
        |v: &str| -> String { url::form_urlencoded::byte_serialize(v.as_bytes()).collect() };
    match theme {
        Some(theme) => format!("/recherche?{key}={}&theme={}", encode(code), encode(theme)),
        None => format!("/recherche?{key}={}", encode(code)),
    }
}

/// Top-level themes of the projects of `set` with their counts, most frequent first;
/// each links to the search narrowed to that theme when `search` names the territory.
async fn themes(
    db: &DatabaseConnection,
    counter: &Counter,
    lang: Lang,
    set: &ProjectSet,
    search: Option<(&str, &str)>,
) -> AppResult<Vec<Tally>> {
    let counts = figures::by_theme(counter, set, ThemeLevel::Theme)?;
    let terms = Terms::load(db).await?;
    let mut tallies: Vec<(usize, Tally)> = terms
        .roots("theme", lang)
        .into_iter()
        .enumerate()
        .filter_map(|(position, term)| {
            let count = *counts.get(&term.code)?;
            let url = search.map(|(key, code)| search_url(key, code, Some(&term.code)));
            Some((
                position,
                Tally {
                    label: term.label,
                    url,
                    count,
                },
            ))
        })
        .collect();
    tallies.sort_by(|(pa, a), (pb, b)| b.count.cmp(&a.count).then(pa.cmp(pb)));
    Ok(tallies.into_iter().map(|(_, t)| t).collect())
}

/// Active partners listing projects of `set`, with how many each lists there.
async fn partners(
    db: &DatabaseConnection,
    counter: &Counter,
    set: &ProjectSet,
) -> AppResult<Vec<Tally>> {
    let counts = figures::by_partner(counter, set).await?;
    let ids: Vec<i64> = counts.iter().map(|(id, _)| *id).collect();
    let names: std::collections::HashMap<i64, partner::Model> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut tallies: Vec<Tally> = counts
        .into_iter()
        .filter_map(|(id, count)| {
            let p = names.get(&id)?;
            Some(Tally {
                label: p.name.clone(),
                url: Some(format!("/partenaires/{}", p.slug)),
                count,
            })
        })
        .collect();
    tallies.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| name_order(&a.label).cmp(&name_order(&b.label)))
    });
    Ok(tallies)
}

/// The latest active projects matching `column = code`, first seen most recently first.
async fn latest(
    db: &DatabaseConnection,
    lang: Lang,
    column: project::Column,
    code: &str,
) -> AppResult<Vec<ProjectCard>> {
    let rows = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .filter(column.eq(code))
        .order_by_desc(project::Column::CreatedAt)
        .order_by_desc(project::Column::Id)
        .limit(LATEST)
        .all(db)
        .await?;
    Ok(service::cards(db, lang, rows).await?)
}

fn root_crumb(lang: Lang) -> Crumb {
    Crumb {
        label: lang.t("territories-title"),
        url: Some("/territoires".into()),
    }
}

#[derive(Serialize)]
struct RegionEntry {
    code: String,
    name: String,
    url: String,
    count: i64,
    departments: Vec<Tally>,
}

#[derive(Serialize)]
struct IndexView {
    regions: Vec<RegionEntry>,
    total: i64,
    /// Active projects placed in no region.
    unplaced: i64,
}

async fn index(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    let db = &state.db;
    let atlas = Atlas::load(db).await?;
    let counter = Counter::open(db, &state.search).await?;
    let all = ProjectSet::all();
    let by_region = figures::by_place(&counter, &all, Place::Region)?;
    let by_department: std::collections::HashMap<Option<String>, i64> =
        figures::by_place(&counter, &all, Place::Department)?
            .into_iter()
            .collect();
    let count_of = |rows: &[(Option<String>, i64)], code: &str| {
        rows.iter()
            .find(|(k, _)| k.as_deref() == Some(code))
            .map_or(0, |(_, n)| *n)
    };
    let regions = atlas
        .regions()
        .iter()
        .map(|r| RegionEntry {
            url: atlas::region_path(&r.code),
            count: count_of(&by_region, &r.code),
            departments: atlas
                .departments_of(&r.code)
                .map(|d| Tally {
                    label: format!("{} ({})", d.name, d.code),
                    url: Some(atlas::department_path(&d.code)),
                    count: by_department
                        .get(&Some(d.code.clone()))
                        .copied()
                        .unwrap_or(0),
                })
                .collect(),
            code: r.code.clone(),
            name: r.name.clone(),
        })
        .collect();
    page.render(
        "territories/index.html",
        &IndexView {
            regions,
            total: by_region.iter().map(|(_, n)| n).sum(),
            unplaced: by_region
                .iter()
                .filter(|(k, _)| k.is_none())
                .map(|(_, n)| n)
                .sum(),
        },
    )
}

async fn region(
    State(state): State<AppState>,
    page: Page,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let db = &state.db;
    let lang = page.lang();
    let atlas = Atlas::load(db).await?;
    let region = atlas
        .region(&code)
        .ok_or_else(|| AppError::not_found("territory"))?;
    let counter = Counter::open(db, &state.search).await?;
    let set = ProjectSet::in_area(Area::Region(region.code.clone()));
    let by_department = figures::by_place(&counter, &set, Place::Department)?;
    let places = atlas
        .departments_of(&region.code)
        .map(|d| Tally {
            label: format!("{} ({})", d.name, d.code),
            url: Some(atlas::department_path(&d.code)),
            count: by_department
                .iter()
                .find(|(k, _)| k.as_deref() == Some(d.code.as_str()))
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    let view = TerritoryView {
        kind: "region",
        breadcrumbs: vec![
            root_crumb(lang),
            Crumb {
                label: region.name.clone(),
                url: None,
            },
        ],
        total: figures::total(&counter, &set)?,
        cards: latest(db, lang, project::Column::RegionCode, &region.code).await?,
        all_projects_url: Some(search_url("region", &region.code, None)),
        pagination: None,
        themes: themes(db, &counter, lang, &set, Some(("region", &region.code))).await?,
        partners: partners(db, &counter, &set).await?,
        places,
        unplaced: by_department
            .iter()
            .filter(|(k, _)| k.is_none())
            .map(|(_, n)| n)
            .sum(),
        trends_url: Some(format!("/tendances?region={}", region.code)),
        map: TerritoryMap::of(&state, "region", &region.code),
        index_building: counter.building(),
        open_requests: crate::board::lists::in_territory(
            db,
            lang,
            crate::board::lists::Territory::Region(&region.code),
        )
        .await?,
        communities: crate::communities::lists::in_territory(
            db,
            lang,
            crate::board::lists::Territory::Region(&region.code),
        )
        .await?,
        code: region.code.clone(),
        name: region.name.clone(),
    };
    page.render("territories/show.html", &view)
}

async fn department(
    State(state): State<AppState>,
    page: Page,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let db = &state.db;
    let lang = page.lang();
    let atlas = Atlas::load(db).await?;
    let department = atlas
        .department(&code)
        .ok_or_else(|| AppError::not_found("territory"))?;
    let counter = Counter::open(db, &state.search).await?;
    let set = ProjectSet::in_area(Area::Department(department.code.clone()));
    let by_commune = figures::by_place(&counter, &set, Place::Commune)?;
    let insees: Vec<String> = by_commune.iter().filter_map(|(k, _)| k.clone()).collect();
    let names: std::collections::HashMap<String, String> = commune::Entity::find()
        .filter(commune::Column::Insee.is_in(insees))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.insee, c.name))
        .collect();
    let mut places: Vec<Tally> = by_commune
        .iter()
        .filter_map(|(insee, count)| {
            let insee = insee.as_deref()?;
            let name = names.get(insee)?;
            Some(Tally {
                label: name.clone(),
                url: Some(atlas::commune_path(insee, name)),
                count: *count,
            })
        })
        .collect();
    places.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| name_order(&a.label).cmp(&name_order(&b.label)))
    });
    let mut breadcrumbs = vec![root_crumb(lang)];
    if let Some(region) = atlas.region(&department.region_code) {
        breadcrumbs.push(Crumb {
            label: region.name.clone(),
            url: Some(atlas::region_path(&region.code)),
        });
    }
    breadcrumbs.push(Crumb {
        label: department.name.clone(),
        url: None,
    });
    let view = TerritoryView {
        kind: "department",
        breadcrumbs,
        total: figures::total(&counter, &set)?,
        cards: latest(db, lang, project::Column::DepartmentCode, &department.code).await?,
        all_projects_url: Some(search_url("department", &department.code, None)),
        pagination: None,
        themes: themes(
            db,
            &counter,
            lang,
            &set,
            Some(("department", &department.code)),
        )
        .await?,
        partners: partners(db, &counter, &set).await?,
        places,
        unplaced: by_commune
            .iter()
            .filter(|(k, _)| k.is_none())
            .map(|(_, n)| n)
            .sum(),
        trends_url: Some(format!("/tendances?department={}", department.code)),
        map: TerritoryMap::of(&state, "department", &department.code),
        index_building: counter.building(),
        open_requests: crate::board::lists::in_territory(
            db,
            lang,
            crate::board::lists::Territory::Department(&department.code),
        )
        .await?,
        communities: crate::communities::lists::in_territory(
            db,
            lang,
            crate::board::lists::Territory::Department(&department.code),
        )
        .await?,
        code: department.code.clone(),
        name: department.name.clone(),
    };
    page.render("territories/show.html", &view)
}

#[derive(Deserialize)]
struct CommuneQuery {
    page: Option<String>,
}

async fn commune(
    State(state): State<AppState>,
    page: Page,
    Path(insee_slug): Path<String>,
    Query(query): Query<CommuneQuery>,
) -> AppResult<Response> {
    let db = &state.db;
    let lang = page.lang();
    let insee = insee_slug
        .split_once('-')
        .map_or(insee_slug.as_str(), |(i, _)| i);
    let found = commune::Entity::find_by_id(insee.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("territory"))?;
    let canonical = atlas::commune_path(&found.insee, &found.name);
    if format!("/territoires/communes/{insee_slug}") != canonical {
        // A missing or outdated name leads to the canonical address.
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    let number = parse_page(query.page.as_deref())?;
    let paginator = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .filter(project::Column::CommuneInsee.eq(found.insee.clone()))
        .order_by_desc(project::Column::CreatedAt)
        .order_by_desc(project::Column::Id)
        .paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(number - 1).await?;
    if number > 1 && rows.is_empty() {
        return Err(AppError::not_found("page"));
    }
    let atlas = Atlas::load(db).await?;
    let mut breadcrumbs = vec![root_crumb(lang)];
    let department = atlas.department(&found.department_code);
    if let Some(region) = department.and_then(|d| atlas.region(&d.region_code)) {
        breadcrumbs.push(Crumb {
            label: region.name.clone(),
            url: Some(atlas::region_path(&region.code)),
        });
    }
    if let Some(department) = department {
        breadcrumbs.push(Crumb {
            label: department.name.clone(),
            url: Some(atlas::department_path(&department.code)),
        });
    }
    breadcrumbs.push(Crumb {
        label: found.name.clone(),
        url: None,
    });
    let counter = Counter::open(db, &state.search).await?;
    let set = ProjectSet::in_area(Area::Commune(found.insee.clone()));
    let view = TerritoryView {
        kind: "commune",
        breadcrumbs,
        total: total as i64,
        cards: service::cards(db, lang, rows).await?,
        all_projects_url: None,
        pagination: Some(Pagination::new(number, PER_PAGE, total, &canonical, &[])),
        themes: themes(db, &counter, lang, &set, None).await?,
        partners: partners(db, &counter, &set).await?,
        places: Vec::new(),
        unplaced: 0,
        trends_url: None,
        map: TerritoryMap::of(&state, "commune", &found.insee),
        index_building: counter.building(),
        open_requests: crate::board::lists::in_territory(
            db,
            lang,
            crate::board::lists::Territory::Commune(&found.insee),
        )
        .await?,
        communities: crate::communities::lists::in_territory(
            db,
            lang,
            crate::board::lists::Territory::Commune(&found.insee),
        )
        .await?,
        code: found.insee.clone(),
        name: found.name.clone(),
    };
    page.render("territories/show.html", &view)
}
