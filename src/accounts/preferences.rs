//! `/compte/notifications`: for every kind of notification the hub declares
//! (`notifications::KINDS`, whatever domains add there), how the person wants to hear
//! of it: a mail at once, the daily digest (for kinds that have one), or never.
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use tower_sessions::Session;

use super::session::CurrentUser;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::notifications::{self, Delivery};
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

/// One kind as the page shows it.
#[derive(Serialize)]
struct KindView {
    code: &'static str,
    /// What is chosen (or was typed, after an error).
    delivery: String,
    digest: bool,
}

#[derive(Serialize)]
struct PreferencesView {
    kinds: Vec<KindView>,
    errors: FieldErrors,
}

/// `GET /compte/notifications`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let kinds = notifications::all_of(&state.db, me.id)
        .await?
        .into_iter()
        .map(|(kind, delivery)| KindView {
            code: kind.code,
            delivery: delivery.as_str().into(),
            digest: kind.digest,
        })
        .collect();
    page.render(
        "accounts/notifications.html",
        &PreferencesView {
            kinds,
            errors: FieldErrors::new(),
        },
    )
}

/// `POST /compte/notifications`: one field per kind, named by its code (the fields are
/// the declared kinds, hence pairs rather than a struct).
pub async fn save(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let typed = |code: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == code)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut errors = FieldErrors::new();
    let mut chosen = Vec::new();
    for kind in notifications::KINDS {
        match Delivery::parse(&typed(kind.code)) {
            Some(Delivery::Daily) if !kind.digest => {
                errors.insert(kind.code.into(), vec!["notification-no-digest".into()]);
            }
            Some(delivery) => chosen.push((kind.code, delivery)),
            None => {
                errors.insert(
                    kind.code.into(),
                    vec!["notification-choice-required".into()],
                );
            }
        }
    }
    if !errors.is_empty() {
        let kinds = notifications::KINDS
            .iter()
            .map(|kind| KindView {
                code: kind.code,
                delivery: typed(kind.code),
                digest: kind.digest,
            })
            .collect();
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/notifications.html",
            &PreferencesView { kinds, errors },
        );
    }
    for (code, delivery) in chosen {
        notifications::set(&state.db, me.id, code, delivery)
            .await?
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    flash(&session, "success", "notifications-saved").await?;
    Ok(Redirect::to("/compte/notifications").into_response())
}
