//! `/invitation/{token}`: the link of an invitation mail. A signed-in person joins at
//! once; someone without an account creates one here (the mail proved the address).
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::members::{join, partner_of_invitation};
use super::model::Role;
use crate::accounts::password;
use crate::accounts::session::{self, CurrentUser};
use crate::accounts::tokens::{self, Purpose};
use crate::accounts::users::{self, NewUser};
use crate::entities::user_token;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Page, flash};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default, skip_serializing)]
    password_confirm: String,
}

#[derive(Serialize)]
struct InvitationView {
    token: String,
    partner_name: String,
    role: String,
    email: String,
    /// `accept` (signed in), `sign_in` (an account exists) or `create`.
    mode: &'static str,
    signed_in_as: Option<String>,
    form: AcceptForm,
    errors: FieldErrors,
}

async fn load(
    state: &AppState,
    session: &Session,
    secret: &str,
) -> AppResult<Result<user_token::Model, Response>> {
    match tokens::peek(&state.db, Purpose::Invite, secret).await? {
        Ok(token) => Ok(Ok(token)),
        Err(problem) => {
            flash(session, "error", problem.message_key()).await?;
            Ok(Err(Redirect::to("/").into_response()))
        }
    }
}

async fn view(
    state: &AppState,
    current: Option<&CurrentUser>,
    secret: String,
    token: &user_token::Model,
    form: AcceptForm,
    errors: FieldErrors,
) -> AppResult<InvitationView> {
    let partner = partner_of_invitation(state, token).await?;
    let mode = match current {
        Some(_) => "accept",
        None if users::find_by_email(&state.db, &token.email)
            .await?
            .is_some() =>
        {
            "sign_in"
        }
        None => "create",
    };
    Ok(InvitationView {
        token: secret,
        partner_name: partner.name,
        role: token.role.clone().unwrap_or_default(),
        email: token.email.clone(),
        mode,
        signed_in_as: current.map(|c| c.0.email.clone()),
        form,
        errors,
    })
}

/// `GET /invitation/{token}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    current: Option<CurrentUser>,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let token = match load(&state, &session, &secret).await? {
        Ok(token) => token,
        Err(redirect) => return Ok(redirect),
    };
    let view = view(
        &state,
        current.as_ref(),
        secret,
        &token,
        AcceptForm::default(),
        FieldErrors::new(),
    )
    .await?;
    page.render("partners/invitation.html", &view)
}

/// `POST /invitation/{token}`
pub async fn accept(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    current: Option<CurrentUser>,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> AppResult<Response> {
    let token = match load(&state, &session, &secret).await? {
        Ok(token) => token,
        Err(redirect) => return Ok(redirect),
    };
    let user_id = match &current {
        Some(CurrentUser(user)) => user.id,
        None => {
            if users::find_by_email(&state.db, &token.email)
                .await?
                .is_some()
            {
                let next = format!("/invitation/{secret}");
                return Ok(Redirect::to(&format!("/connexion?suivant={next}")).into_response());
            }
            match new_account(&state, &page, &token, &form).await? {
                Ok(user_id) => user_id,
                Err(errors) => {
                    let view = view(&state, None, secret, &token, form, errors).await?;
                    return page.render_with_status(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "partners/invitation.html",
                        &view,
                    );
                }
            }
        }
    };
    // Used only now, once the account exists: a failed form keeps the link usable.
    let token = match tokens::consume(&state.db, Purpose::Invite, &secret).await? {
        Ok(token) => token,
        Err(problem) => {
            flash(&session, "error", problem.message_key()).await?;
            return Ok(Redirect::to("/").into_response());
        }
    };
    let partner = partner_of_invitation(&state, &token).await?;
    let role = token
        .role
        .as_deref()
        .and_then(Role::parse)
        .unwrap_or(Role::Member);
    let joined = join(&state, partner.id, user_id, role).await?;
    super::members::withdraw_invitations(state.db.clone(), partner.id, &token.email).await?;
    if current.is_none() {
        session::sign_in(&session, user_id).await?;
    }
    flash(
        &session,
        "success",
        if joined {
            "invitation-accepted"
        } else {
            "already-member"
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/p/{}", partner.slug)).into_response())
}

async fn new_account(
    state: &AppState,
    page: &Page,
    token: &user_token::Model,
    form: &AcceptForm,
) -> AppResult<Result<i64, FieldErrors>> {
    let mut errors = FieldErrors::new();
    let name = check_length(&mut errors, "display_name", &form.display_name, 2, 120);
    if let Err(key) = password::check_new(&form.password, &token.email) {
        errors.insert("password".into(), vec![key.into()]);
    } else if form.password != form.password_confirm {
        errors.insert("password_confirm".into(), vec!["password-mismatch".into()]);
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let hash = password::hash(form.password.clone()).await?;
    let created = users::create(
        &state.db,
        NewUser {
            email: &token.email,
            display_name: &name,
            password_hash: Some(hash),
            verified: true,
            lang: page.lang(),
        },
    )
    .await;
    match created {
        Ok(user) => Ok(Ok(user.id)),
        Err(AppError::Conflict(_)) => {
            let mut errors = FieldErrors::new();
            errors.insert("form".into(), vec!["email-taken".into()]);
            Ok(Err(errors))
        }
        Err(err) => Err(err),
    }
}
