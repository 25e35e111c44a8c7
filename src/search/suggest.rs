//! `GET /recherche/suggestions?q=…`: what the search box proposes while one types —
//! projects whose title starts so, communes (to search around them) and themes. An HTML
//! fragment for the box (htmx), JSON when asked for.
use std::sync::OnceLock;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::entities::project;
use crate::error::{AppError, AppResult};
use crate::geo::communes::{self, Commune};
use crate::projects::service::project_path;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::Page;

/// Suggestions of each kind.
const PER_KIND: usize = 5;
/// Fewer typed characters than this propose nothing.
const MIN_CHARS: usize = 2;

#[derive(Deserialize)]
pub struct SuggestQuery {
    #[serde(default)]
    q: String,
}

/// One proposal: what it is and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub label: String,
    pub detail: Option<String>,
    pub url: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Suggestions {
    pub projects: Vec<Suggestion>,
    pub communes: Vec<Suggestion>,
    pub themes: Vec<Suggestion>,
}

impl Suggestions {
    fn is_empty(&self) -> bool {
        self.projects.is_empty() && self.communes.is_empty() && self.themes.is_empty()
    }
}

/// Lower-case, without accents, apostrophes and hyphens as spaces.
fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .replace(['-', '\'', '’'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every commune by folded name, sorted, for prefix lookups.
fn communes_by_name() -> &'static [(String, &'static Commune)] {
    static SORTED: OnceLock<Vec<(String, &'static Commune)>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut all: Vec<(String, &'static Commune)> = communes::index()
            .communes
            .iter()
            .map(|c| (fold(c.name), c))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    })
}

/// Communes whose name starts with `typed`, shortest names first (an exact name first).
pub fn communes_starting(typed: &str, limit: usize) -> Vec<&'static Commune> {
    let prefix = fold(typed);
    if prefix.is_empty() {
        return Vec::new();
    }
    let all = communes_by_name();
    let start = all.partition_point(|(name, _)| name.as_str() < prefix.as_str());
    let mut found: Vec<&(String, &Commune)> = all[start..]
        .iter()
        .take_while(|(name, _)| name.starts_with(&prefix))
        .collect();
    found.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.0.cmp(&b.0)));
    found.into_iter().take(limit).map(|(_, c)| *c).collect()
}

pub async fn suggest(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Query(query): Query<SuggestQuery>,
) -> AppResult<Response> {
    let typed = query.q.trim().to_owned();
    let lang = page.lang();
    let mut suggestions = Suggestions::default();
    if typed.chars().count() >= MIN_CHARS {
        let search = state.search.clone();
        let words = typed.clone();
        let ids = tokio::task::spawn_blocking(move || {
            search.current()?.complete_titles(&words, PER_KIND)
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(AppError::Internal)?;
        let mut rows = project::Entity::find()
            .filter(project::Column::Id.is_in(ids.iter().copied()))
            .all(&state.db)
            .await?;
        rows.sort_by_key(|p| ids.iter().position(|id| *id == p.id));
        suggestions.projects = rows
            .into_iter()
            .map(|p| Suggestion {
                url: project_path(p.id, &p.slug),
                detail: p
                    .commune_insee
                    .as_deref()
                    .and_then(communes::commune)
                    .map(|c| c.name.to_owned()),
                label: p.title,
            })
            .collect();
        suggestions.communes = communes_starting(&typed, PER_KIND)
            .into_iter()
            .map(|c| Suggestion {
                label: c.name.to_owned(),
                detail: Some(c.department.to_owned()),
                url: format!("/recherche?near={}", c.insee),
            })
            .collect();
        let folded = fold(&typed);
        let terms = Terms::load(&state.db).await?;
        suggestions.themes = terms
            .tree("theme", lang)
            .into_iter()
            .filter(|(term, _)| {
                fold(&term.label).split(' ').any(|w| w.starts_with(&folded))
                    || fold(&term.label).starts_with(&folded)
            })
            .take(PER_KIND)
            .map(|(term, _)| Suggestion {
                url: format!("/recherche?theme={}", term.code),
                label: term.label,
                detail: None,
            })
            .collect();
    }
    let wants_json = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        return Ok(axum::Json(suggestions).into_response());
    }
    if suggestions.is_empty() {
        return Ok(Html(String::new()).into_response());
    }
    page.render("search/_suggestions.html", &suggestions)
}
