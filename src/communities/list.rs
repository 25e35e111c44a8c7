//! `/communautes`: every active community, searched by words (accents and case folded,
//! in the name and description), territory (a region or department covers the
//! communities placed inside it) and theme (a theme covers its sub-themes), with a map
//! of the placed ones. `/communities` is the English address of the same page.
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::model::Status;
use super::views::{CommunityCard, MapPoint, cards, points_json};
use crate::entities::community;
use crate::error::AppResult;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::pagination::{Pagination, parse_page};
use crate::web::{Lang, Page};

const PER_PAGE: u64 = 24;

/// The search as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub q: String,
    pub region: String,
    pub department: String,
    pub theme: String,
    pub page: Option<String>,
}

/// A choice of a select.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub depth: u8,
}

#[derive(Serialize)]
struct ListView {
    query: Query,
    total: usize,
    cards: Vec<CommunityCard>,
    pagination: Pagination,
    regions: Vec<Choice>,
    departments: Vec<Choice>,
    themes: Vec<Choice>,
    signed_in: bool,
    is_coordinator: bool,
    /// The placed communities of the whole search, as JSON for the map.
    points: String,
    tiles: String,
    attribution: String,
}

fn words(text: &str) -> Vec<String> {
    crate::geo::normalise::tokens(text)
}

/// The theme and its sub-themes.
fn theme_family(terms: &Terms, code: &str) -> Vec<String> {
    let mut family = vec![code.to_owned()];
    for (t, _) in terms.tree("theme", Lang::Fr) {
        if t.parent_code.as_deref() == Some(code) {
            family.push(t.code);
        }
    }
    family
}

/// Region, department and theme choices of the search and the forms.
pub fn region_choices() -> Vec<Choice> {
    crate::geo::communes::regions()
        .into_iter()
        .map(|(code, name)| Choice {
            value: code.into(),
            label: name.into(),
            depth: 0,
        })
        .collect()
}

pub fn department_choices() -> Vec<Choice> {
    crate::geo::communes::index()
        .departments
        .iter()
        .map(|d| Choice {
            value: d.code.into(),
            label: format!("{} – {}", d.code, d.name),
            depth: 0,
        })
        .collect()
}

pub fn theme_choices(terms: &Terms, lang: Lang) -> Vec<Choice> {
    terms
        .tree("theme", lang)
        .into_iter()
        .map(|(t, depth)| Choice {
            value: t.code,
            label: t.label,
            depth,
        })
        .collect()
}

/// Active communities matching `query`, by name.
pub async fn matching(
    state: &AppState,
    terms: &Terms,
    query: &Query,
) -> AppResult<Vec<community::Model>> {
    let mut select =
        community::Entity::find().filter(community::Column::Status.eq(Status::Active.as_str()));
    let region = query.region.trim();
    if !region.is_empty() {
        select = select.filter(community::Column::RegionCode.eq(region));
    }
    let department = query.department.trim();
    if !department.is_empty() {
        select = select.filter(community::Column::DepartmentCode.eq(department));
    }
    let mut rows = select
        .order_by_asc(community::Column::Name)
        .all(&state.db)
        .await?;
    let theme = query.theme.trim();
    if !theme.is_empty() {
        let family = theme_family(terms, theme);
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let themes = super::views::themes_of(&state.db, &ids).await?;
        rows.retain(|r| {
            themes
                .get(&r.id)
                .is_some_and(|codes| codes.iter().any(|c| family.contains(c)))
        });
    }
    let wanted = words(&query.q);
    if !wanted.is_empty() {
        rows.retain(|r| {
            let have = words(&format!("{} {}", r.name, r.description));
            wanted
                .iter()
                .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
        });
    }
    Ok(rows)
}

/// `GET /communautes`
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Query(query): axum::extract::Query<Query>,
) -> AppResult<Response> {
    let lang = page.lang();
    let number = parse_page(query.page.as_deref())?;
    let terms = Terms::load(&state.db).await?;
    let rows = matching(&state, &terms, &query).await?;
    let total = rows.len();
    let points: Vec<MapPoint<'_>> = rows
        .iter()
        .filter_map(|r| {
            Some(MapPoint {
                name: &r.name,
                url: super::views::community_path(&r.slug),
                lat: r.latitude?,
                lon: r.longitude?,
            })
        })
        .collect();
    let points = points_json(&points)?;
    let start = ((number - 1) * PER_PAGE) as usize;
    let shown: Vec<community::Model> = rows
        .into_iter()
        .skip(start)
        .take(PER_PAGE as usize)
        .collect();
    let opt = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    let (q, region, department, theme) = (
        opt(&query.q),
        opt(&query.region),
        opt(&query.department),
        opt(&query.theme),
    );
    let pagination = Pagination::new(
        number,
        PER_PAGE,
        total as u64,
        "/communautes",
        &[
            ("q", q.as_deref()),
            ("region", region.as_deref()),
            ("department", department.as_deref()),
            ("theme", theme.as_deref()),
        ],
    );
    let view = ListView {
        total,
        cards: cards(&state.db, &shown, &terms, lang).await?,
        pagination,
        regions: region_choices(),
        departments: department_choices(),
        themes: theme_choices(&terms, lang),
        signed_in: page.layout.user.is_some(),
        is_coordinator: page.layout.user.as_ref().is_some_and(|u| u.is_coordinator),
        points,
        tiles: state.settings.map.tile_url.clone(),
        attribution: state.settings.map.attribution.clone(),
        query,
    };
    page.render("communities/list.html", &view)
}

/// `GET /communities`: the same page.
pub async fn english(RawQuery(query): RawQuery) -> Response {
    match query.filter(|q| !q.is_empty()) {
        Some(q) => Redirect::permanent(&format!("/communautes?{q}&lang=en")),
        None => Redirect::permanent("/communautes?lang=en"),
    }
    .into_response()
}
