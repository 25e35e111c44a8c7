//! Public governance pages.
use axum::extract::State;
use axum::response::Response;
use axum::{Router, routing::get};
use serde::Serialize;

use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Page;

pub fn router() -> Router<AppState> {
    Router::new().route("/charte", get(show_charter))
}

#[derive(Serialize)]
struct CharterView<'a> {
    version: u32,
    adopted_on: String,
    rules: &'a crate::governance::charter::GovernanceRules,
    quorum_percent: f64,
    majority_percent: f64,
    qualified_percent: f64,
    body_html: String,
}

async fn show_charter(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    let charter = &state.charter;
    let percent = |v: f64| (v * 1000.0).round() / 10.0;
    page.render(
        "governance/charter.html",
        &CharterView {
            version: charter.version,
            adopted_on: charter.adopted_on.format("%d/%m/%Y").to_string(),
            rules: &charter.rules,
            quorum_percent: percent(charter.rules.quorum),
            majority_percent: percent(charter.rules.majority_threshold),
            qualified_percent: percent(charter.rules.qualified_threshold),
            body_html: charter.body_html(),
        },
    )
}
