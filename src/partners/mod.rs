//! Partner organisations, the tenants of the hub: public directory and pages, the
//! application to join, and each partner's private space (`/p/{partner}/…`).
pub mod admission;
pub mod invitations;
pub mod join;
pub mod members;
pub mod model;
pub mod policy;
pub mod profile;
pub mod routes;
pub mod space;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::sources::routes as sources;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(routes::router())
        .route("/partenaires/{slug}/logo", get(profile::serve_logo))
        .route("/rejoindre", get(join::show).post(join::submit))
        .route(
            "/invitation/{token}",
            get(invitations::show).post(invitations::accept),
        )
        .merge(space_router())
}

/// Every route of a partner space; the authorization matrix test walks this list.
pub fn space_router() -> Router<AppState> {
    Router::new()
        .route("/p/{partner}", get(space::dashboard))
        .route(
            "/p/{partner}/profil",
            get(profile::show).post(profile::update),
        )
        .route(
            "/p/{partner}/logo",
            // Above the logo limit, so that too large a file gets its own message.
            post(profile::upload_logo).layer(DefaultBodyLimit::max(8 * 1024 * 1024)),
        )
        .route("/p/{partner}/logo/supprimer", post(profile::remove_logo))
        .route("/p/{partner}/membres", get(members::list))
        .route("/p/{partner}/membres/inviter", post(members::invite))
        .route(
            "/p/{partner}/membres/{user}/role",
            post(members::change_role),
        )
        .route("/p/{partner}/membres/{user}/retirer", post(members::remove))
        .route(
            "/p/{partner}/invitations/{id}/annuler",
            post(members::revoke_invitation),
        )
        .route("/p/{partner}/quitter", post(members::leave))
        .route("/p/{partner}/sources", get(sources::list))
        // The source form may carry a CSV file: above its limit, so that too large a
        // file gets its own message next to the file input.
        .route(
            "/p/{partner}/sources/nouvelle",
            get(sources::new)
                .post(sources::create)
                .layer(DefaultBodyLimit::max(crate::sources::form::MAX_BODY_BYTES)),
        )
        .route(
            "/p/{partner}/sources/essai",
            post(sources::preview)
                .layer(DefaultBodyLimit::max(crate::sources::form::MAX_BODY_BYTES)),
        )
        .route(
            "/p/{partner}/sources/{id}",
            get(sources::show)
                .post(sources::update)
                .layer(DefaultBodyLimit::max(crate::sources::form::MAX_BODY_BYTES)),
        )
        .route("/p/{partner}/sources/{id}/supprimer", post(sources::delete))
        .route(
            "/p/{partner}/sources/{id}/correspondances",
            get(crate::sources::mapping_page::show).post(crate::sources::mapping_page::save),
        )
        .route(
            "/p/{partner}/sources/{id}/erreurs.csv",
            get(sources::errors_csv),
        )
        .route(
            "/p/{partner}/sources/{id}/collecter",
            post(sources::crawl_now),
        )
        .route(
            "/p/{partner}/etiquettes",
            get(crate::taxonomy::map_tags::show).post(crate::taxonomy::map_tags::save),
        )
}
