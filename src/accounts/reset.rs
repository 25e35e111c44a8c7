//! Forgotten password: a single-use link valid one hour; the answer is the same whether or
//! not the address has an account. A reset ends every session of the account.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::LinkMail;
use super::client::ClientIp;
use super::tokens::{self, NewToken, Purpose};
use super::{password, rate_limit, users};
use crate::entities::user;
use crate::error::{AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub email: String,
}

#[derive(Serialize)]
struct RequestView {
    form: RequestForm,
    errors: FieldErrors,
}

pub async fn show_request(page: Page) -> AppResult<Response> {
    page.render(
        "accounts/forgot.html",
        &RequestView {
            form: RequestForm::default(),
            errors: FieldErrors::new(),
        },
    )
}

pub async fn request(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> AppResult<Response> {
    if let Err(key) = crate::web::forms::Email::parse(&form.email) {
        let mut errors = FieldErrors::new();
        errors.insert("email".into(), vec![key.into()]);
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/forgot.html",
            &RequestView { form, errors },
        );
    }
    rate_limit::hit(&state.db, &format!("reset:ip:{ip}"), 20, Duration::hours(1)).await?;
    rate_limit::hit(
        &state.db,
        &format!("reset:acct:{}", users::normalize_email(&form.email)),
        5,
        Duration::hours(1),
    )
    .await?;
    if let Some(found) = users::find_by_email(&state.db, &form.email).await?
        && !found.disabled
    {
        let secret = tokens::issue(
            &state.db,
            NewToken {
                purpose: Purpose::ResetPassword,
                user_id: Some(found.id),
                email: &found.email,
                partner_id: None,
                role: None,
                created_by: None,
            },
        )
        .await?;
        let link = format!("{}/mot-de-passe/{secret}", state.settings.server.public_url);
        crate::mail::queue(
            &state,
            "reset_password",
            crate::web::Lang::parse(&found.preferred_lang).unwrap_or(page.lang()),
            &found.email,
            None,
            &LinkMail {
                name: found.display_name,
                link,
            },
        )
        .await?;
    }
    flash(&session, "info", "reset-sent").await?;
    Ok(Redirect::to("/connexion").into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

#[derive(Serialize)]
struct ResetView {
    token: String,
    errors: FieldErrors,
}

async fn token_or_redirect(
    state: &AppState,
    session: &Session,
    secret: &str,
) -> AppResult<Result<crate::entities::user_token::Model, Response>> {
    match tokens::peek(&state.db, Purpose::ResetPassword, secret).await? {
        Ok(token) => Ok(Ok(token)),
        Err(problem) => {
            flash(session, "error", problem.message_key()).await?;
            Ok(Err(Redirect::to("/mot-de-passe-oublie").into_response()))
        }
    }
}

pub async fn show_reset(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    if let Err(redirect) = token_or_redirect(&state, &session, &secret).await? {
        return Ok(redirect);
    }
    page.render(
        "accounts/reset.html",
        &ResetView {
            token: secret,
            errors: FieldErrors::new(),
        },
    )
}

pub async fn reset(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> AppResult<Response> {
    let token = match token_or_redirect(&state, &session, &secret).await? {
        Ok(token) => token,
        Err(redirect) => return Ok(redirect),
    };
    let mut errors = FieldErrors::new();
    if let Err(key) = password::check_new(&form.password, &token.email) {
        errors.insert("password".into(), vec![key.into()]);
    } else if form.password != form.password_confirm {
        errors.insert("password_confirm".into(), vec!["password-mismatch".into()]);
    }
    if !errors.is_empty() {
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts/reset.html",
            &ResetView {
                token: secret,
                errors,
            },
        );
    }
    // Consume only now, so a typo in the form does not burn the link.
    let token = match tokens::consume(&state.db, Purpose::ResetPassword, &secret).await? {
        Ok(token) => token,
        Err(problem) => {
            flash(&session, "error", problem.message_key()).await?;
            return Ok(Redirect::to("/mot-de-passe-oublie").into_response());
        }
    };
    let Some(user_id) = token.user_id else {
        return Ok(Redirect::to("/connexion").into_response());
    };
    let hash = password::hash(form.password).await?;
    user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user_id),
        password_hash: Set(Some(hash)),
        // Receiving the mail proves the address.
        verified_at: Set(Some(Utc::now())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&state.db)
    .await?;
    super::session_store::end_sessions_of(&state.db, user_id, None).await?;
    flash(&session, "success", "reset-done").await?;
    Ok(Redirect::to("/connexion").into_response())
}
