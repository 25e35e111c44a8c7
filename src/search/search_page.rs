//! `GET /recherche`: the search page — words, criteria with counts, chips to remove
//! what was chosen, results with extracts, sort and pages. Everything is in the URL, so
//! a search can be shared, bookmarked and gone back to.
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Serialize;

use super::catalog::Catalog;
use super::engine::Sort;
use super::params::{ParamError, SearchState};
use super::query::Facet;
use super::results::{self, FacetView, FoundProject};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::{Lang, Page};

/// A value of a criterion, with the link that ticks or unticks it.
#[derive(Serialize)]
struct ValueLink {
    value: String,
    label: String,
    count: u64,
    selected: bool,
    depth: u8,
    url: String,
}

#[derive(Serialize)]
struct FacetPanel {
    param: &'static str,
    values: Vec<ValueLink>,
    chosen: usize,
}

/// Something chosen, with the link that removes it.
#[derive(Serialize, Clone)]
pub struct Chip {
    pub label: String,
    pub url: String,
}

#[derive(Serialize)]
struct SortOption {
    value: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct Pager {
    page: usize,
    pages: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    first_item: usize,
    last_item: usize,
}

#[derive(Serialize)]
struct YearBar {
    year: i32,
    count: u64,
    /// Height in tenths of the tallest bar (1–10).
    tenths: u64,
}

#[derive(Serialize)]
struct Exports {
    csv: String,
    csv_excel: String,
    jsonl: String,
    geojson: String,
    api: String,
}

#[derive(Serialize)]
struct SearchView {
    q: String,
    total: usize,
    results: Vec<FoundProject>,
    facets: Vec<FacetPanel>,
    years: Vec<YearBar>,
    year_from: Option<i32>,
    year_to: Option<i32>,
    archived: bool,
    chips: Vec<Chip>,
    clear_url: String,
    /// The page's own path (`/recherche` or `/carte`): where the form and links lead.
    path: &'static str,
    sorts: Vec<SortOption>,
    pager: Pager,
    errors: Vec<String>,
    /// Parameters the form carries without showing them.
    hidden: Vec<(String, String)>,
    map_url: String,
    list_url: String,
    /// The search's query string, for the map's requests.
    map_params: String,
    tiles: String,
    tiles_attribution: String,
    exports: Exports,
    index_building: bool,
    /// The search has words: relevance makes sense as an order.
    has_words: bool,
}

/// Messages of the parameters left out, in the page's language.
pub fn messages(errors: &[ParamError], lang: Lang) -> Vec<String> {
    errors
        .iter()
        .map(|e| {
            lang.t_args(
                e.key,
                &[
                    ("param", e.param.clone().into()),
                    ("value", e.value.clone().into()),
                ],
            )
        })
        .collect()
}

/// Where a search is shown: as a list (`/recherche`) or on the map (`/carte`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Map,
}

impl View {
    fn path(self) -> &'static str {
        match self {
            View::List => "/recherche",
            View::Map => "/carte",
        }
    }
}

/// `GET /recherche`.
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    show(state, page, &headers, query, View::List).await
}

/// `GET /carte`: the same search, on a map.
pub async fn map(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    show(state, page, &headers, query, View::Map).await
}

async fn show(
    state: AppState,
    page: Page,
    headers: &HeaderMap,
    query: Option<String>,
    view_kind: View,
) -> AppResult<Response> {
    let lang = page.lang();
    let path = view_kind.path();
    let raw = query.as_deref().unwrap_or_default();
    let (search, mut errors) = SearchState::from_query(raw);
    // A form sends every field, empty ones too: the address shown is the search's own,
    // parameter for parameter (an address with mistakes keeps them, to show what is wrong).
    let canonical = search.url(path);
    let is_canonical = canonical == path && raw.is_empty()
        || canonical.split_once('?').map(|(_, q)| q) == Some(raw);
    let from_htmx = headers.contains_key("hx-request");
    if errors.is_empty() && !is_canonical && !from_htmx {
        return Ok(Redirect::to(&canonical).into_response());
    }
    // Visitors who are not signed in all see the same page for the same search.
    let cached =
        (state.search_pages.enabled() && page.is_anonymous() && !from_htmx && errors.is_empty())
            .then(|| format!("{path}|{}|{canonical}", lang.code()));
    let version = match &cached {
        Some(key) => {
            let version = content_version(&state)?;
            if let Some(body) = state.search_pages.get(key, &version) {
                return Ok(Html(body).into_response());
            }
            Some(version)
        }
        None => None,
    };
    let catalog = Catalog::load(&state.db).await?;
    let (request, unknown) = search.resolve(&catalog);
    errors.extend(unknown);
    let errors_empty = errors.is_empty();
    let has_words = request.criteria.has_words();
    let mut request = request;
    if view_kind == View::Map {
        // The map reads its points itself; the page only needs the counts.
        request.limit = 1;
        request.offset = 0;
    }
    let per_page = request.limit;
    let found = results::find(&state, lang, &catalog, &search, request).await?;
    if view_kind == View::List && search.page > 1 && found.projects.is_empty() && found.total > 0 {
        // Past the last page (a link kept from a larger result, say).
        return Err(crate::error::AppError::not_found("page"));
    }
    let index_building = found.index_building;
    let view = SearchView {
        q: search.q.clone(),
        total: found.total,
        facets: found
            .facets
            .iter()
            .map(|f| panel(&search, f, path))
            .collect(),
        years: year_bars(&found.years),
        year_from: search.year_from,
        year_to: search.year_to,
        archived: search.archived,
        chips: chips(&search, &catalog, lang, path),
        clear_url: path.into(),
        path,
        sorts: Sort::ALL
            .into_iter()
            .filter(|s| match s {
                Sort::Relevance => has_words,
                Sort::Distance => search.near.is_some(),
                _ => true,
            })
            .map(|s| SortOption {
                value: s.param(),
                selected: search.sort.unwrap_or_default() == s
                    || (s == Sort::Newest && !has_words && search.sort.is_none()),
            })
            .collect(),
        pager: pager(&search, found.total, per_page, path),
        errors: messages(&errors, lang),
        hidden: hidden(&search),
        map_url: search.first_page().url("/carte"),
        list_url: search.first_page().url("/recherche"),
        map_params: SearchState {
            page: 1,
            per_page: None,
            sort: None,
            ..search.clone()
        }
        .to_query(),
        tiles: state.settings.map.tile_url.clone(),
        tiles_attribution: state.settings.map.attribution.clone(),
        exports: exports(&search),
        index_building: found.index_building,
        has_words,
        results: found.projects,
    };
    let template = match view_kind {
        View::List => "search/page.html",
        View::Map => "search/map.html",
    };
    if let (Some(key), Some(version)) = (cached, version) {
        let html = page.html(template, &view)?;
        if !index_building && !html.contains(&page.layout.csrf_token) {
            let body = Bytes::from(html);
            state.search_pages.put(key, version, body.clone());
            return Ok(Html(body).into_response());
        }
    }
    let mut response = page.render(template, &view)?;
    if from_htmx && errors_empty && !is_canonical {
        response.headers_mut().insert(
            "hx-push-url",
            HeaderValue::from_str(&canonical)
                .map_err(|e| crate::error::AppError::Internal(e.into()))?,
        );
    }
    Ok(response)
}

/// The tag of what the node's index holds now (see `search::page_cache`).
pub fn content_version(state: &AppState) -> AppResult<String> {
    Ok(state
        .search
        .current()
        .map_err(crate::error::AppError::Internal)?
        .content_version())
}

fn panel(search: &SearchState, view: &FacetView, path: &str) -> FacetPanel {
    FacetPanel {
        param: view.param,
        chosen: view.values.iter().filter(|v| v.selected).count(),
        values: view
            .values
            .iter()
            .map(|v| ValueLink {
                url: search.toggled(view.facet, &v.value).url(path),
                value: v.value.clone(),
                label: v.label.clone(),
                count: v.count,
                selected: v.selected,
                depth: v.depth,
            })
            .collect(),
    }
}

fn year_bars(years: &[(i32, u64)]) -> Vec<YearBar> {
    let tallest = years.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
    years
        .iter()
        .map(|&(year, count)| YearBar {
            year,
            count,
            tenths: (count * 10).div_ceil(tallest),
        })
        .collect()
}

/// One chip per chosen thing, each linking to the search without it.
pub fn chips(search: &SearchState, catalog: &Catalog, lang: Lang, path: &str) -> Vec<Chip> {
    let base = search.first_page();
    let mut chips = Vec::new();
    if !search.q.is_empty() {
        chips.push(Chip {
            label: lang.t_args("search-chip-words", &[("words", search.q.clone().into())]),
            url: SearchState {
                q: String::new(),
                sort: None,
                ..base.clone()
            }
            .url(path),
        });
    }
    for facet in Facet::ALL {
        for value in search.values(facet) {
            let indexed = match facet {
                Facet::Partner => catalog.partner_by_slug(value).map(|p| p.id.to_string()),
                _ => Some(value.clone()),
            };
            let Some(label) = indexed.and_then(|i| catalog.label(facet, &i, lang)) else {
                continue;
            };
            chips.push(Chip {
                label: format!(
                    "{} : {label}",
                    lang.t(&format!("search-facet-{}", facet.param()))
                ),
                url: search.toggled(facet, value).url(path),
            });
        }
    }
    if search.year_from.is_some() || search.year_to.is_some() {
        let range = match (search.year_from, search.year_to) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => lang.t_args("search-years-from", &[("year", a.into())]),
            (None, Some(b)) => lang.t_args("search-years-to", &[("year", b.into())]),
            (None, None) => String::new(),
        };
        chips.push(Chip {
            label: format!("{} : {range}", lang.t("search-facet-year")),
            url: SearchState {
                year_from: None,
                year_to: None,
                ..base.clone()
            }
            .url(path),
        });
    }
    if let Some(insee) = &search.commune {
        let name = crate::geo::communes::commune(insee).map_or(insee.clone(), |c| c.name.into());
        chips.push(Chip {
            label: format!("{} : {name}", lang.t("search-commune")),
            url: SearchState {
                commune: None,
                ..base.clone()
            }
            .url(path),
        });
    }
    if let Some(near) = &search.near {
        let place = crate::geo::communes::commune(near).map_or(near.clone(), |c| c.name.into());
        let radius = search.radius_km.unwrap_or(super::params::DEFAULT_RADIUS_KM);
        chips.push(Chip {
            label: lang.t_args(
                "search-chip-near",
                &[("place", place.into()), ("km", radius.into())],
            ),
            url: SearchState {
                near: None,
                radius_km: None,
                sort: search.sort.filter(|s| *s != Sort::Distance),
                ..base.clone()
            }
            .url(path),
        });
    }
    if search.bbox.is_some() {
        chips.push(Chip {
            label: lang.t("search-chip-bbox"),
            url: SearchState {
                bbox: None,
                ..base.clone()
            }
            .url(path),
        });
    }
    if search.archived {
        chips.push(Chip {
            label: lang.t("search-chip-archived"),
            url: SearchState {
                archived: false,
                ..base
            }
            .url(path),
        });
    }
    chips
}

fn pager(search: &SearchState, total: usize, per_page: usize, path: &str) -> Pager {
    let pages = total.div_ceil(per_page).max(1);
    let at = |page: usize| {
        SearchState {
            page,
            ..search.clone()
        }
        .url(path)
    };
    let first = (search.page - 1) * per_page;
    Pager {
        page: search.page,
        pages,
        prev_url: (search.page > 1).then(|| at(search.page.min(pages + 1) - 1)),
        next_url: (search.page < pages).then(|| at(search.page + 1)),
        first_item: (first + 1).min(total),
        last_item: (first + per_page).min(total),
    }
}

/// What the form must carry for the search to stay the same when it is sent.
fn hidden(search: &SearchState) -> Vec<(String, String)> {
    let mut hidden = Vec::new();
    if let Some(bbox) = &search.bbox {
        hidden.push(("bbox".into(), bbox.to_param()));
    }
    if let Some(near) = &search.near {
        hidden.push(("near".into(), near.clone()));
    }
    if let Some(radius) = search.radius_km {
        hidden.push(("radius_km".into(), radius.to_string()));
    }
    if let Some(commune) = &search.commune {
        hidden.push(("commune".into(), commune.clone()));
    }
    if let Some(per_page) = search.per_page {
        hidden.push(("per_page".into(), per_page.to_string()));
    }
    hidden
}

fn exports(search: &SearchState) -> Exports {
    let base = SearchState {
        page: 1,
        per_page: None,
        ..search.clone()
    };
    let query = base.to_query();
    let with = |path: &str, extra: &str| {
        let mut url = path.to_owned();
        let parts: Vec<&str> = [query.as_str(), extra]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        if !parts.is_empty() {
            url.push('?');
            url.push_str(&parts.join("&"));
        }
        url
    };
    Exports {
        csv: with("/api/v1/projects.csv", ""),
        csv_excel: with("/api/v1/projects.csv", "excel=1"),
        jsonl: with("/api/v1/projects.jsonl", ""),
        geojson: with("/api/v1/projects.geojson", ""),
        api: with("/api/v1/projects", ""),
    }
}
