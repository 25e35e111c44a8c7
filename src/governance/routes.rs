//! The governance URL map and the charter pages (`/charte`: the version in force, every
//! version with its differences from the one before).
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Serialize;

use super::charter::GovernanceRules;
use super::{api, coordinate, diff, draft, journal, pages, roadmap, versions, vote};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/charte", get(show_charter))
        .route("/charte/versions/{version}", get(show_version))
        .route("/gouvernance", get(pages::index))
        .route(
            "/gouvernance/notifications",
            post(pages::save_notifications),
        )
        .route(
            "/gouvernance/propositions/nouvelle",
            get(draft::new).post(draft::create),
        )
        .route("/gouvernance/propositions/{id}", get(pages::show))
        .route(
            "/gouvernance/propositions/{id}/modifier",
            get(draft::edit).post(draft::update),
        )
        .route(
            "/gouvernance/propositions/{id}/soumettre",
            post(draft::submit),
        )
        .route(
            "/gouvernance/propositions/{id}/supprimer",
            post(draft::delete),
        )
        .route(
            "/gouvernance/propositions/{id}/commentaires",
            post(draft::comment),
        )
        .route("/gouvernance/propositions/{id}/bulletin", post(vote::cast))
        .route(
            "/gouvernance/propositions/{id}/ouvrir",
            post(coordinate::open),
        )
        .route(
            "/gouvernance/propositions/{id}/clore",
            post(coordinate::close),
        )
        .route(
            "/gouvernance/propositions/{id}/resultat",
            get(pages::result),
        )
        .route(
            "/gouvernance/admissions/{application}",
            post(coordinate::admission),
        )
        .route("/gouvernance/journal", get(journal::show))
        .route("/gouvernance/journal.json", get(journal::download))
        .route(
            "/gouvernance/feuille-de-route",
            get(roadmap::show).post(roadmap::add),
        )
        .route(
            "/gouvernance/feuille-de-route/{id}/statut",
            post(roadmap::change_status),
        )
        .route("/api/v1/proposals/{id}", get(api::proposal))
}

/// A share as a percentage with at most one decimal, shown as `40` or `66.7`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Percent(pub f64);

impl serde::Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = format!("{:.1}", self.0);
        serializer.serialize_str(text.strip_suffix(".0").unwrap_or(&text))
    }
}

/// `share` (0 to 1) as a percentage.
pub fn percent(share: f64) -> Percent {
    Percent((share * 1000.0).round() / 10.0)
}

#[derive(Serialize)]
struct VersionLink {
    version: i32,
    adopted_on: String,
    proposal_id: Option<i64>,
}

#[derive(Serialize)]
struct CharterView<'a> {
    version: i32,
    current_version: i32,
    adopted_on: String,
    proposal_id: Option<i64>,
    rules: &'a GovernanceRules,
    quorum_percent: Percent,
    majority_percent: Percent,
    qualified_percent: Percent,
    body_html: String,
    versions: Vec<VersionLink>,
    /// Differences from the version before (none for version 1).
    diff: Option<diff::WordDiff>,
    previous_version: Option<i32>,
}

async fn render_version(state: &AppState, page: &Page, number: Option<i32>) -> AppResult<Response> {
    let current = versions::current(&state.db).await?;
    let shown = match number {
        None => current.clone(),
        Some(n) => versions::find(&state.db, n)
            .await?
            .ok_or_else(|| AppError::not_found("page"))?,
    };
    let previous = match shown.row.version {
        1 => None,
        n => versions::find(&state.db, n - 1).await?,
    };
    let all = versions::all(&state.db).await?;
    let rules = &shown.charter.rules;
    page.render(
        "governance/charter.html",
        &CharterView {
            version: shown.row.version,
            current_version: current.row.version,
            adopted_on: shown.row.adopted_on.format("%d/%m/%Y").to_string(),
            proposal_id: shown.row.proposal_id,
            rules,
            quorum_percent: percent(rules.quorum),
            majority_percent: percent(rules.majority_threshold),
            qualified_percent: percent(rules.qualified_threshold),
            body_html: shown.charter.body_html(),
            versions: all
                .iter()
                .map(|v| VersionLink {
                    version: v.version,
                    adopted_on: v.adopted_on.format("%d/%m/%Y").to_string(),
                    proposal_id: v.proposal_id,
                })
                .collect(),
            diff: previous
                .as_ref()
                .map(|p| diff::words(&p.row.document, &shown.row.document)),
            previous_version: previous.map(|p| p.row.version),
        },
    )
}

/// `GET /charte`
async fn show_charter(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    render_version(&state, &page, None).await
}

/// `GET /charte/versions/{version}`
async fn show_version(
    State(state): State<AppState>,
    page: Page,
    Path(version): Path<String>,
) -> AppResult<Response> {
    let number = version
        .parse::<i32>()
        .map_err(|_| AppError::not_found("page"))?;
    render_version(&state, &page, Some(number)).await
}
