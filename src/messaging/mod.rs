//! Messaging: people write to a project's holders (in their Carrefour inbox once the
//! project is claimed, else relayed by mail to the project's contact address, else to
//! the partners that listed it), to a partner's shared inbox, or to the coordinators'.
//! Threads live in the database (the source of truth for every web node); open threads
//! poll for new messages; mail notifications are grouped and can be answered by mail
//! (`carrefour mail-in`). See docs/messaging.md.
pub mod access;
pub mod account;
pub mod api;
pub mod blocks;
pub mod export;
pub mod inbox;
pub mod mail_in;
pub mod model;
pub mod moderation;
pub mod notify;
pub mod people;
pub mod queries;
pub mod relay;
pub mod render;
pub mod retention;
pub mod service;
pub mod shared_inbox;
pub mod start;
pub mod thread;
pub mod tokens;
pub mod unread;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Every messaging route; the authorization matrix test (tests/messaging.rs) walks this
/// list, and the partner-space matrix (tests/partners.rs) its `/p/{partner}/…` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/messages", get(inbox::list))
        .route("/messages/export.json", get(export::download))
        .route("/messages/bloques", get(blocks::list))
        .route("/messages/bloques/{user}/retirer", post(blocks::unblock))
        .route("/messages/verification", post(start::resend_verification))
        .route(
            "/messages/nouveau/projet/{id}",
            get(start::project_form).post(start::project_submit),
        )
        .route(
            "/messages/nouveau/partenaire/{slug}",
            get(start::partner_form).post(start::partner_submit),
        )
        .route(
            "/messages/nouveau/coordination",
            get(start::coordination_form).post(start::coordination_submit),
        )
        .route("/messages/{id}", get(thread::show))
        .route("/messages/{id}/nouveaux", get(thread::poll))
        .route("/messages/{id}/repondre", post(thread::reply))
        .route("/messages/{id}/archiver", post(thread::archive))
        .route("/messages/{id}/sourdine", post(thread::mute))
        .route("/messages/{id}/bloquer", post(thread::block))
        .route("/messages/{id}/signaler", post(moderation::report))
        .route("/relais/{secret}", get(relay::show))
        .route("/relais/{secret}/nouveaux", get(relay::poll))
        .route("/relais/{secret}/repondre", post(relay::reply))
        .route("/relais/{secret}/desactiver", post(relay::stop))
        .route("/relais/{secret}/bloquer", post(relay::block))
        .route(
            "/relais/{secret}/signaler",
            post(moderation::report_relayed),
        )
        .route(
            "/relais/{secret}/revendiquer",
            get(relay::claim_form).post(relay::claim),
        )
        .route("/p/{partner}/messages", get(shared_inbox::partner_list))
        .route(
            "/p/{partner}/messages/{id}/attribuer",
            post(shared_inbox::partner_assign),
        )
        .route(
            "/p/{partner}/messages/{id}/traiter",
            post(shared_inbox::partner_done),
        )
        .route(
            "/p/{partner}/messages/{id}/rouvrir",
            post(shared_inbox::partner_reopen),
        )
        .route(
            "/coordination/messages",
            get(shared_inbox::coordination_list),
        )
        .route(
            "/coordination/messages/{id}/attribuer",
            post(shared_inbox::coordination_assign),
        )
        .route(
            "/coordination/messages/{id}/traiter",
            post(shared_inbox::coordination_done),
        )
        .route(
            "/coordination/messages/{id}/rouvrir",
            post(shared_inbox::coordination_reopen),
        )
        .route("/coordination/moderation", get(moderation::queue))
        .route(
            "/coordination/moderation/messages/{id}",
            post(moderation::decide_message),
        )
        .route(
            "/coordination/moderation/signalements/{id}",
            post(moderation::dismiss_report),
        )
        .route(
            "/coordination/moderation/conversations/{id}/relais",
            post(moderation::revoke_relay),
        )
        .route("/api/v1/me/conversations", get(api::list))
        .route("/api/v1/me/conversations/{id}", get(api::show))
}
