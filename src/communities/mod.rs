//! Local action communities (`/communautes`): spaces for a territory or a theme with
//! their members, events and discussions. See docs/communities.md.
pub mod access;
pub mod activity;
pub mod api;
pub mod collections;
pub mod demo;
pub mod digest;
pub mod discussions;
pub mod event_form;
pub mod events;
pub mod form;
pub mod ics;
pub mod list;
pub mod lists;
pub mod members;
pub mod model;
pub mod post_edits;
pub mod propose;
pub mod reactions;
pub mod recurrence;
pub mod registration;
pub mod reminders;
pub mod retention;
pub mod search;
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
        .route("/communautes/agenda.ics", get(ics::hub_feed))
        .route("/communautes/{slug}", get(show::show))
        .route("/communautes/{slug}/activite", get(activity::fragment))
        .route("/communautes/{slug}/recherche", get(search::page))
        .route(
            "/communautes/{slug}/modifier",
            get(propose::edit_form).post(propose::update),
        )
        .route("/communautes/{slug}/decision", post(propose::decide))
        .route("/communautes/{slug}/rejoindre", post(members::join))
        .route("/communautes/{slug}/quitter", post(members::leave))
        .route("/communautes/{slug}/resume", post(digest::choose))
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
        .route("/communautes/{slug}/agenda.ics", get(ics::community_feed))
        .route(
            "/communautes/{slug}/evenements/nouveau",
            get(events::new_form).post(events::create),
        )
        .route("/communautes/{slug}/evenements/{id}", get(events::show))
        .route(
            "/communautes/{slug}/evenements/{id}/modifier",
            get(events::edit_form).post(events::update),
        )
        .route(
            "/communautes/{slug}/evenements/{id}/annuler",
            post(events::cancel),
        )
        .route(
            "/communautes/{slug}/evenements/{id}/inscription",
            post(events::answer),
        )
        .route(
            "/communautes/{slug}/evenements/{id}/participants.csv",
            get(events::participants_csv),
        )
        .route(
            "/communautes/{slug}/evenements/{id}/evenement.ics",
            get(ics::event),
        )
        .route(
            "/communautes/{slug}/discussions/nouvelle",
            get(discussions::new_form).post(discussions::create),
        )
        .route(
            "/communautes/{slug}/discussions/{id}",
            get(discussions::show),
        )
        .route(
            "/communautes/{slug}/discussions/{id}/repondre",
            post(discussions::reply),
        )
        .route(
            "/communautes/{slug}/discussions/{id}/epingler",
            post(discussions::pin),
        )
        .route(
            "/communautes/{slug}/discussions/{id}/verrouiller",
            post(discussions::lock),
        )
        .route(
            "/communautes/{slug}/messages/{id}/retirer",
            post(discussions::remove),
        )
        .route(
            "/communautes/{slug}/messages/{id}/modifier",
            get(post_edits::edit_form).post(post_edits::update),
        )
        .route(
            "/communautes/{slug}/messages/{id}/historique",
            get(post_edits::history),
        )
        .route(
            "/communautes/{slug}/messages/{id}/reagir",
            post(reactions::toggle),
        )
        .route(
            "/communautes/{slug}/messages/{id}/signaler",
            post(discussions::report),
        )
        .route("/communautes/signalements", get(discussions::reports))
        .route(
            "/communautes/signalements/{id}/clore",
            post(discussions::close_report),
        )
        .route("/api/v1/communities", get(api::communities))
        .route("/api/v1/events", get(api::events))
        .route(
            "/communautes/{slug}/collections/nouvelle",
            get(collections::new_form).post(collections::create),
        )
        .route(
            "/communautes/{slug}/collections/{id}",
            get(collections::show),
        )
        .route(
            "/communautes/{slug}/collections/{id}/projets",
            post(collections::add),
        )
        .route(
            "/communautes/{slug}/collections/{id}/projets/{project}/retirer",
            post(collections::remove),
        )
        .route(
            "/communautes/{slug}/collections/{id}/export.csv",
            get(collections::export),
        )
}
