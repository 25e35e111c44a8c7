//! The search pages' URL map.
use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/recherche", get(super::search_page::list))
        .route("/recherche/suggestions", get(super::suggest::suggest))
        .route("/carte", get(super::search_page::map))
}
