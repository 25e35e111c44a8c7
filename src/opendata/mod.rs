//! Open data: the JSON API (`/api/v1/…`, the search page's parameters), its OpenAPI
//! document, and exports of any search (CSV, JSON Lines, GeoJSON).
pub mod exports;
pub mod http;
pub mod items;
pub mod openapi;
pub mod projects;
pub mod reference;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/projects", get(projects::list))
        .route("/api/v1/projects.csv", get(exports::csv))
        .route("/api/v1/projects.jsonl", get(exports::jsonl))
        .route("/api/v1/projects.geojson", get(exports::geojson))
        .route("/api/v1/projects/map", get(projects::map))
        .route("/api/v1/projects/{id}", get(projects::show))
        .route("/api/v1/partners", get(reference::partners))
        .route("/api/v1/taxonomy", get(reference::taxonomy))
        .route("/api/v1/territories", get(reference::territories))
        .route(
            "/api/v1/territories/communes/{insee}",
            get(reference::commune),
        )
        .route("/api/v1/openapi.json", get(openapi::json))
        .route("/api/v1/docs", get(openapi::page))
}
