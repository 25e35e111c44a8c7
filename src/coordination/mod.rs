//! `/coordination`: the collective's coordinators look after applications, partners,
//! accounts, the shared thesaurus and the audit log. Every handler takes the `Coordinator` extractor.
pub mod applications;
pub mod journal;
pub mod partners;
pub mod thesaurus;
pub mod users;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/coordination", get(applications::overview))
        .route("/coordination/candidatures", get(applications::list))
        .route(
            "/coordination/candidatures/{id}/decision",
            post(applications::decide),
        )
        .route("/coordination/partenaires", get(partners::list))
        .route(
            "/coordination/partenaires/{id}/statut",
            post(partners::change_status),
        )
        .route("/coordination/utilisateurs", get(users::list))
        .route(
            "/coordination/utilisateurs/{id}/acces",
            post(users::change_access),
        )
        .route("/coordination/journal", get(journal::list))
        .route(
            "/coordination/thesaurus",
            get(thesaurus::list).post(thesaurus::add),
        )
        .route("/coordination/thesaurus/{code}", post(thesaurus::edit))
}
