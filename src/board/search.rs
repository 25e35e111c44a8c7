//! `/courtage`: the board's search — words (French analysis, as for projects), criteria
//! with counts (kind, theme, region, department, contract, reach), sort by relevance,
//! newest or closing soonest, pages of 20. The same parameters feed the Atom feed and
//! the open-data API.
use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::index::{BoardQuery, FACETS, Found, Sort, names};
use super::model::{Contract, Kind, Reach};
use super::views::{self, RequestCard};
use crate::entities::board_request;
use crate::error::AppResult;
use crate::search::geo::BBox;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{Lang, Page};

/// Results per page.
pub const PER_PAGE: usize = 20;

/// The parameters as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Params {
    pub q: String,
    pub kind: Vec<String>,
    pub theme: Vec<String>,
    pub region: Vec<String>,
    pub department: Vec<String>,
    pub contract: Vec<String>,
    pub reach: Vec<String>,
    /// `1`: ended requests too.
    pub ended: String,
    /// A map area, `west,south,east,north`.
    pub bbox: String,
    pub sort: String,
    pub page: String,
}

impl Params {
    /// Reads a query string leniently: what cannot be read is left out.
    pub fn from_query(query: Option<&str>) -> Params {
        serde_html_form::from_str(query.unwrap_or_default()).unwrap_or_default()
    }

    fn values(&self, criterion: &str) -> &[String] {
        match criterion {
            names::KIND => &self.kind,
            names::THEME => &self.theme,
            names::REGION => &self.region,
            names::DEPARTMENT => &self.department,
            names::CONTRACT => &self.contract,
            _ => &self.reach,
        }
    }

    fn values_mut(&mut self, criterion: &str) -> &mut Vec<String> {
        match criterion {
            names::KIND => &mut self.kind,
            names::THEME => &mut self.theme,
            names::REGION => &mut self.region,
            names::DEPARTMENT => &mut self.department,
            names::CONTRACT => &mut self.contract,
            _ => &mut self.reach,
        }
    }

    /// The map area chosen, when it reads as one.
    pub fn area(&self) -> Option<BBox> {
        BBox::parse(self.bbox.trim()).ok()
    }

    /// The page number (from 1).
    pub fn page_number(&self) -> usize {
        self.page.parse().unwrap_or(1).max(1)
    }

    /// The index query of these parameters, `per_page` results from the page's first.
    pub fn query(&self, per_page: usize) -> BoardQuery {
        let chosen = FACETS
            .iter()
            .map(|name| (*name, self.values(name).to_vec()))
            .collect();
        BoardQuery {
            text: self.q.clone(),
            chosen,
            ended: self.ended == "1",
            bbox: self.area(),
            sort: Sort::parse(&self.sort).unwrap_or_default(),
            offset: (self.page_number() - 1) * per_page,
            limit: per_page,
        }
    }

    /// The query string of these parameters (empty ones left out).
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.trim().to_owned()));
        }
        for name in FACETS {
            for value in self.values(name) {
                pairs.push((name, value.clone()));
            }
        }
        if self.ended == "1" {
            pairs.push(("ended", "1".into()));
        }
        if !self.bbox.trim().is_empty() {
            pairs.push(("bbox", self.bbox.trim().to_owned()));
        }
        if let Some(sort) = Sort::parse(&self.sort).filter(|s| *s != Sort::Relevance) {
            pairs.push(("sort", sort.param().into()));
        }
        if self.page_number() > 1 {
            pairs.push(("page", self.page_number().to_string()));
        }
        serde_html_form::to_string(&pairs).unwrap_or_default()
    }

    /// These parameters with `value` of `criterion` toggled, back to the first page.
    fn toggled(&self, criterion: &str, value: &str) -> Params {
        let mut next = self.clone();
        next.page = String::new();
        let values = next.values_mut(criterion);
        if let Some(at) = values.iter().position(|v| v == value) {
            values.remove(at);
        } else {
            values.push(value.to_owned());
        }
        next
    }
}

/// The page's address of `params`.
pub fn url_of(path: &str, params: &Params) -> String {
    let query = params.to_query();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub chosen: bool,
    /// The search with this value toggled.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    pub name: &'static str,
    pub values: Vec<FacetValue>,
}

/// The label of a criterion's value.
pub fn label(name: &str, value: &str, terms: &Terms, lang: Lang) -> String {
    match name {
        names::KIND if Kind::parse(value).is_some() => lang.t(&format!("board-kind-{value}")),
        names::CONTRACT if Contract::parse(value).is_some() => {
            lang.t(&format!("board-contract-{value}"))
        }
        names::REACH if Reach::parse(value).is_some() => lang.t(&format!("board-reach-{value}")),
        names::THEME => terms
            .get(value, lang)
            .map(|t| t.label)
            .unwrap_or_else(|| value.to_owned()),
        names::REGION => views::region_name(Some(value)).unwrap_or_else(|| value.to_owned()),
        names::DEPARTMENT => crate::geo::communes::index()
            .department(value)
            .map(|d| format!("{} ({})", d.name, d.code))
            .unwrap_or_else(|| value.to_owned()),
        _ => value.to_owned(),
    }
}

/// Facets with labels, each value's count and toggle address; most frequent first.
pub fn facet_views(
    found: &Found,
    params: &Params,
    terms: &Terms,
    lang: Lang,
    path: &str,
) -> Vec<FacetView> {
    FACETS
        .iter()
        .map(|&name| {
            let counts = found.counts.get(name).cloned().unwrap_or_default();
            let chosen = params.values(name);
            let mut all: HashMap<String, u64> = counts;
            for value in chosen {
                all.entry(value.clone()).or_insert(0);
            }
            let mut values: Vec<FacetValue> = all
                .into_iter()
                .map(|(value, count)| FacetValue {
                    label: label(name, &value, terms, lang),
                    chosen: chosen.contains(&value),
                    url: url_of(path, &params.toggled(name, &value)),
                    count,
                    value,
                })
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
            FacetView { name, values }
        })
        .filter(|f| !f.values.is_empty())
        .collect()
}

/// Cards of the found ids, in the index's order.
pub async fn found_cards(
    state: &AppState,
    found: &Found,
    terms: &Terms,
    lang: Lang,
) -> AppResult<Vec<RequestCard>> {
    let rows = board_request::Entity::find()
        .filter(board_request::Column::Id.is_in(found.ids.clone()))
        .all(&state.db)
        .await?;
    let mut by_id: HashMap<i64, board_request::Model> =
        rows.into_iter().map(|r| (r.id, r)).collect();
    let ordered: Vec<board_request::Model> =
        found.ids.iter().filter_map(|id| by_id.remove(id)).collect();
    Ok(views::cards(&state.db, &ordered, terms, lang).await?)
}

/// Runs a search on this node's index, brought up to date first.
pub async fn run(state: &AppState, query: &BoardQuery) -> AppResult<Found> {
    state.board.refresh(&state.db).await?;
    Ok(state.board.search(query).await?)
}

/// What the page says of a map area in its address (`bbox`, from the map's "search
/// here" and its clusters).
#[derive(Debug, Clone, Serialize)]
pub struct AreaNotice {
    /// An area is given and read.
    pub chosen: bool,
    /// An area is given but does not read as one: left out.
    pub unreadable: bool,
    /// The same search without it.
    pub clear_url: String,
}

impl AreaNotice {
    pub fn of(params: &Params, path: &str) -> AreaNotice {
        let given = !params.bbox.trim().is_empty();
        let mut without = params.clone();
        without.bbox = String::new();
        without.page = String::new();
        AreaNotice {
            chosen: given && params.area().is_some(),
            unreadable: given && params.area().is_none(),
            clear_url: url_of(path, &without),
        }
    }
}

/// A choice of order, with its address.
#[derive(Serialize)]
struct SortLink {
    value: &'static str,
    url: String,
    selected: bool,
}

#[derive(Serialize)]
struct SearchView {
    params: Params,
    total: usize,
    results: Vec<RequestCard>,
    facets: Vec<FacetView>,
    page: usize,
    pages: usize,
    previous_url: Option<String>,
    next_url: Option<String>,
    /// The first page, for a page number beyond the results.
    first_url: String,
    sorts: Vec<SortLink>,
    ended_url: String,
    feed_url: String,
    /// The same search on the map.
    map_url: String,
    area: AreaNotice,
    query: String,
    signed_in: bool,
    /// The profiles tab, with the same words.
    profiles_url: String,
    /// Signing in, then back to this search.
    sign_in_url: String,
    /// The form saving this search as an alert (for people signed in).
    alert_form: super::alerts::AlertForm,
    errors: crate::error::FieldErrors,
}

/// `GET /courtage`
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    let lang = page.lang();
    let params = Params::from_query(raw.as_deref());
    let found = run(&state, &params.query(PER_PAGE)).await?;
    let terms = Terms::load(&state.db).await?;
    let results = found_cards(&state, &found, &terms, lang).await?;
    let pages = found.total.div_ceil(PER_PAGE).max(1);
    let number = params.page_number();
    let at = |n: usize| {
        let mut p = params.clone();
        p.page = n.to_string();
        url_of("/courtage", &p)
    };
    let sorts = [Sort::Relevance, Sort::Newest, Sort::Closing]
        .into_iter()
        .map(|s| {
            let mut p = params.clone();
            p.sort = s.param().into();
            p.page = String::new();
            SortLink {
                value: s.param(),
                url: url_of("/courtage", &p),
                selected: Sort::parse(&params.sort).unwrap_or_default() == s,
            }
        })
        .collect();
    let mut ended = params.clone();
    ended.ended = if params.ended == "1" {
        String::new()
    } else {
        "1".into()
    };
    ended.page = String::new();
    let mut feed = params.clone();
    feed.page = String::new();
    let view = SearchView {
        facets: facet_views(&found, &params, &terms, lang, "/courtage"),
        total: found.total,
        results,
        page: number,
        pages,
        previous_url: (number > 1).then(|| at(number - 1)),
        next_url: (number < pages).then(|| at(number + 1)),
        first_url: at(1),
        sorts,
        ended_url: url_of("/courtage", &ended),
        feed_url: url_of("/courtage.atom", &feed),
        map_url: url_of("/courtage/carte", &feed),
        area: AreaNotice::of(&params, "/courtage"),
        sign_in_url: format!(
            "/connexion?{}",
            serde_html_form::to_string([("suivant", url_of("/courtage", &feed))])
                .unwrap_or_default()
        ),
        alert_form: super::alerts::AlertForm {
            label: params.q.trim().to_owned(),
            frequency: String::new(),
            query: feed.to_query(),
        },
        errors: Default::default(),
        query: feed.to_query(),
        signed_in: page.layout.user.is_some(),
        profiles_url: super::profile_search::ProfileParams {
            q: params.q.clone(),
            ..Default::default()
        }
        .url(),
        params,
    };
    page.render("board/search.html", &view)
}

/// `GET /brokerage`: the English address of the board.
pub async fn english(RawQuery(raw): RawQuery) -> Response {
    let target = match raw.filter(|q| !q.is_empty()) {
        Some(q) => format!("/courtage?{q}"),
        None => "/courtage".into(),
    };
    Redirect::permanent(&target).into_response()
}
