//! The home page and the contact form for the collective's coordinators.
pub mod contact;
pub mod index;

use axum::{Router, routing::get};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(index::show))
        .route("/contact", get(contact::show).post(contact::send))
}
