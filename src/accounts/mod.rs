//! People: accounts, passwords, OAuth sign-in, email verification, sessions.
pub mod account;
pub mod audit;
pub mod client;
pub mod oauth;
pub mod password;
pub mod personal_tokens;
pub mod preferences;
pub mod rate_limit;
pub mod reset;
pub mod session;
pub mod session_store;
pub mod sign_in;
pub mod sign_up;
pub mod tokens;
pub mod users;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inscription", get(sign_up::show).post(sign_up::submit))
        .route("/inscription/verifier/{token}", get(sign_up::verify))
        .route("/connexion", get(sign_in::show).post(sign_in::submit))
        .route("/deconnexion", post(sign_in::sign_out))
        .route(
            "/mot-de-passe-oublie",
            get(reset::show_request).post(reset::request),
        )
        .route(
            "/mot-de-passe/{token}",
            get(reset::show_reset).post(reset::reset),
        )
        .route("/compte", get(account::show))
        .route("/compte/profil", post(account::update_profile))
        .route("/compte/mot-de-passe", post(account::change_password))
        .route("/compte/email", post(account::request_email_change))
        .route("/compte/email/{token}", get(account::confirm_email_change))
        .route(
            "/compte/identites/{id}/supprimer",
            post(account::unlink_identity),
        )
        .route("/compte/supprimer", post(account::delete))
        .route(
            "/compte/notifications",
            get(preferences::show).post(preferences::save),
        )
        .route(
            "/compte/jetons",
            get(personal_tokens::list).post(personal_tokens::create),
        )
        .route(
            "/compte/jetons/{id}/revoquer",
            post(personal_tokens::revoke),
        )
        .route("/auth/{provider}", post(oauth::start))
        .route("/auth/{provider}/retour", get(oauth::callback))
}

/// What every account mail shows: the person's name and the one link to follow.
#[derive(serde::Serialize)]
pub(crate) struct LinkMail {
    pub name: String,
    pub link: String,
}

/// A local path to go back to after signing in; anything else falls back to `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/compte")), "/compte");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
