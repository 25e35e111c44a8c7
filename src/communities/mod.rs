//! Local action communities (`/communautes`): spaces for a territory or a theme with
//! their members, events and discussions. See docs/communities.md.
pub mod access;
pub mod form;
pub mod list;
pub mod lists;
pub mod members;
pub mod model;
pub mod propose;
pub mod service;
pub mod show;
pub mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Every community route; the authorization matrix (tests/communities.rs) walks this list.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/communautes", get(list::page))
        .route("/communities", get(list::english))
        .route(
            "/communautes/proposer",
            get(propose::new_form).post(propose::create),
        )
        .route("/communautes/moderation", get(propose::queue))
        .route("/communautes/{slug}", get(show::show))
        .route(
            "/communautes/{slug}/modifier",
            get(propose::edit_form).post(propose::update),
        )
        .route("/communautes/{slug}/decision", post(propose::decide))
        .route("/communautes/{slug}/rejoindre", post(members::join))
        .route("/communautes/{slug}/quitter", post(members::leave))
        .route("/communautes/{slug}/profil", post(members::profile))
        .route("/communautes/{slug}/inviter", post(members::invite))
        .route(
            "/communautes/{slug}/membres/{id}/accepter",
            post(members::accept),
        )
        .route(
            "/communautes/{slug}/membres/{id}/retirer",
            post(members::remove),
        )
        .route(
            "/communautes/{slug}/membres/{id}/role",
            post(members::set_role),
        )
}
