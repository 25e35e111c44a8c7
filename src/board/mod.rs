//! The brokerage board (`/courtage`): requests for expertise, jobs, missions and
//! partnerships posted by partners and project holders, the answers people send on
//! Carrefour, expertise profiles and saved searches. See docs/board.md.
pub mod access;
pub mod account;
pub mod alerts;
pub mod answer;
pub mod api;
pub mod bench;
pub mod feed;
pub mod form;
pub mod inbox;
pub mod index;
pub mod lifecycle;
pub mod lists;
pub mod map;
pub mod matching;
pub mod mine;
pub mod model;
pub mod post;
pub mod profile;
pub mod profile_search;
pub mod profiles;
pub mod report;
pub mod search;
pub mod service;
pub mod show;
pub mod views;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

/// Every board route; the authorization matrix (tests/board.rs) walks this list.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courtage", get(search::page))
        .route("/courtage.atom", get(feed::atom))
        .route("/courtage/carte", get(map::page))
        .route("/courtage/carte/points", get(map::points))
        .route("/brokerage", get(search::english))
        .route("/courtage/nouvelle", get(post::new_form).post(post::create))
        .route("/courtage/mes-demandes", get(mine::requests))
        .route("/courtage/mes-reponses", get(inbox::mine))
        .route("/courtage/mes-profils", get(profiles::mine))
        .route("/courtage/mes-alertes", get(alerts::mine))
        .route("/courtage/alertes", post(alerts::create))
        .route("/courtage/alertes/{id}", post(alerts::update))
        .route("/courtage/alertes/{id}/supprimer", post(alerts::delete))
        .route(
            "/courtage/alertes/desabonnement/{token}",
            get(alerts::unsubscribe_form).post(alerts::unsubscribe),
        )
        .route("/courtage/profils", get(profile_search::page))
        .route(
            "/courtage/profils/nouveau",
            get(profiles::new_form).post(profiles::create),
        )
        .route("/courtage/profils/{id}", get(profiles::show))
        .route(
            "/courtage/profils/{id}/modifier",
            get(profiles::edit_form).post(profiles::update),
        )
        .route("/courtage/profils/{id}/supprimer", post(profiles::delete))
        .route("/courtage/moderation", get(mine::moderation))
        .route(
            "/courtage/moderation/reponses/{id}",
            post(mine::decide_answer),
        )
        .route(
            "/courtage/moderation/signalements/{id}",
            post(report::decide),
        )
        .route("/courtage/demandes/{id}", get(show::show))
        .route("/courtage/demandes/{id}/apercu", get(map::preview))
        .route(
            "/courtage/demandes/{id}/signaler",
            get(report::request_form).post(report::report_request),
        )
        .route(
            "/courtage/reponses/{id}/signaler",
            get(report::answer_form).post(report::report_answer),
        )
        .route(
            "/courtage/demandes/{id}/modifier",
            get(post::edit_form).post(post::update),
        )
        .route("/courtage/demandes/{id}/publier", post(lifecycle::publish))
        .route("/courtage/demandes/{id}/cloturer", post(lifecycle::close))
        .route("/courtage/demandes/{id}/rouvrir", post(lifecycle::reopen))
        .route(
            "/courtage/demandes/{id}/supprimer",
            post(lifecycle::delete_draft),
        )
        .route(
            "/courtage/demandes/{id}/retirer",
            post(lifecycle::unpublish),
        )
        .route("/courtage/demandes/{id}/valider", post(lifecycle::approve))
        .route(
            "/courtage/demandes/{id}/repondre",
            post(answer::submit).layer(DefaultBodyLimit::max(answer::MAX_BODY_BYTES)),
        )
        .route("/courtage/demandes/{id}/reponses", get(inbox::list))
        .route("/courtage/reponses/{id}/statut", post(inbox::decide))
        .route(
            "/courtage/reponses/{id}/pieces/{document}",
            get(inbox::download),
        )
        .route("/api/v1/offers", get(api::list))
        .route("/api/v1/offers/{id}", get(api::show))
}
