//! `/inscription`: create an account with an address and a password; the address is
//! verified by a link sent by mail. A taken address gets a mail, never a different answer.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::LinkMail;
use super::client::ClientIp;
use super::tokens::{self, NewToken, Purpose};
use super::users::{self, NewUser};
use super::{password, rate_limit};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::{Email, check_length};
use crate::web::{CsrfForm, Lang, Page, flash};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default, skip_serializing)]
    pub password: String,
    #[serde(default, skip_serializing)]
    pub password_confirm: String,
}

#[derive(Serialize)]
struct SignUpView {
    form: SignUpForm,
    errors: FieldErrors,
    done: bool,
}

pub async fn show(page: Page) -> AppResult<Response> {
    page.render(
        "accounts/sign_up.html",
        &SignUpView {
            form: SignUpForm::default(),
            errors: FieldErrors::new(),
            done: false,
        },
    )
}

/// Validates a name, an address and a new password typed twice.
pub fn validate(form: &SignUpForm) -> Result<(String, Email), FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = check_length(&mut errors, "display_name", &form.display_name, 2, 120);
    let email = Email::parse(&form.email)
        .map_err(|key| errors.entry("email".into()).or_default().push(key.into()))
        .ok();
    if let Err(key) = password::check_new(&form.password, &form.email) {
        errors
            .entry("password".into())
            .or_default()
            .push(key.into());
    } else if form.password != form.password_confirm {
        errors
            .entry("password_confirm".into())
            .or_default()
            .push("password-mismatch".into());
    }
    match email {
        Some(email) if errors.is_empty() => Ok((name, email)),
        _ => Err(errors),
    }
}

/// Sends a verification link for `user`.
pub async fn send_verification(
    state: &AppState,
    lang: Lang,
    user_id: i64,
    name: &str,
    email: &str,
) -> AppResult<()> {
    let secret = tokens::issue(
        &state.db,
        NewToken {
            purpose: Purpose::VerifyEmail,
            user_id: Some(user_id),
            email,
            partner_id: None,
            role: None,
            created_by: None,
        },
    )
    .await?;
    let link = format!(
        "{}/inscription/verifier/{secret}",
        state.settings.server.public_url
    );
    crate::mail::queue(
        state,
        "verify_email",
        lang,
        email,
        None,
        &LinkMail {
            name: name.into(),
            link,
        },
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<SignUpForm>,
) -> AppResult<Response> {
    let (name, email) = match validate(&form) {
        Ok(valid) => valid,
        Err(errors) => {
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "accounts/sign_up.html",
                &SignUpView {
                    form,
                    errors,
                    done: false,
                },
            );
        }
    };
    rate_limit::hit(
        &state.db,
        &format!("signup:ip:{ip}"),
        20,
        chrono::Duration::hours(1),
    )
    .await?;
    let lang = page.lang();
    match users::find_by_email(&state.db, email.as_str()).await? {
        Some(existing) => {
            // Same answer as a new account; the owner learns of the attempt by mail.
            crate::mail::queue(
                &state,
                "account_exists",
                Lang::parse(&existing.preferred_lang).unwrap_or(lang),
                &existing.email,
                None,
                &LinkMail {
                    name: existing.display_name.clone(),
                    link: format!("{}/mot-de-passe-oublie", state.settings.server.public_url),
                },
            )
            .await?;
        }
        None => {
            let hash = password::hash(form.password.clone()).await?;
            let user = match users::create(
                &state.db,
                NewUser {
                    email: email.as_str(),
                    display_name: &name,
                    password_hash: Some(hash),
                    verified: false,
                    lang,
                },
            )
            .await
            {
                Ok(user) => user,
                // Lost a race with a concurrent sign-up for the same address: same answer.
                Err(AppError::Conflict(_)) => return done(&page),
                Err(err) => return Err(err),
            };
            send_verification(&state, lang, user.id, &user.display_name, &user.email).await?;
        }
    }
    done(&page)
}

fn done(page: &Page) -> AppResult<Response> {
    page.render(
        "accounts/sign_up.html",
        &SignUpView {
            form: SignUpForm::default(),
            errors: FieldErrors::new(),
            done: true,
        },
    )
}

/// `GET /inscription/verifier/{token}`: the link from the verification mail.
pub async fn verify(
    State(state): State<AppState>,
    session: Session,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    match tokens::consume(&state.db, Purpose::VerifyEmail, &secret).await? {
        Ok(token) => {
            if let Some(user_id) = token.user_id {
                users::mark_verified(&state.db, user_id).await?;
            }
            flash(&session, "success", "verify-done").await?;
            Ok(Redirect::to("/connexion").into_response())
        }
        Err(problem) => {
            flash(&session, "error", problem.message_key()).await?;
            Ok(Redirect::to("/connexion").into_response())
        }
    }
}
