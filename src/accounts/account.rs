//! `/compte`: a person's own settings: name and language, password, address, linked
//! sign-in providers, and deleting the account.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::LinkMail;
use super::session::CurrentUser;
use super::tokens::{self, NewToken, Purpose};
use super::{password, users};
use crate::entities::{oauth_identity, partner, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::{Email, NoFields, check_length};
use crate::web::{CsrfForm, Lang, Page, flash};

#[derive(Serialize)]
struct IdentityView {
    id: i64,
    provider: String,
    provider_label: String,
    email: Option<String>,
}

#[derive(Serialize, Default)]
struct AccountView {
    display_name: String,
    email: String,
    preferred_lang: String,
    has_password: bool,
    identities: Vec<IdentityView>,
    providers: Vec<super::oauth::ProviderButton>,
    errors: FieldErrors,
    /// Which form the errors belong to.
    section: String,
    /// The new address typed, shown again after an error.
    new_email: String,
}

async fn view(
    state: &AppState,
    user: &user::Model,
    section: &str,
    errors: FieldErrors,
) -> AppResult<AccountView> {
    let identities = oauth_identity::Entity::find()
        .filter(oauth_identity::Column::UserId.eq(user.id))
        .order_by_asc(oauth_identity::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|i| IdentityView {
            provider_label: super::oauth::label_of(state, &i.provider),
            id: i.id,
            provider: i.provider,
            email: i.email,
        })
        .collect();
    Ok(AccountView {
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        preferred_lang: user.preferred_lang.clone(),
        has_password: user.password_hash.is_some(),
        identities,
        providers: super::oauth::buttons(state),
        errors,
        section: section.into(),
        new_email: String::new(),
    })
}

fn invalid(page: &Page, view: AccountView) -> AppResult<Response> {
    page.render_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        "accounts/account.html",
        &view,
    )
}

pub async fn show(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(user): CurrentUser,
) -> AppResult<Response> {
    page.render(
        "accounts/account.html",
        &view(&state, &user, "", FieldErrors::new()).await?,
    )
}

#[derive(Debug, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    preferred_lang: String,
}

pub async fn update_profile(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(user): CurrentUser,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let name = check_length(&mut errors, "display_name", &form.display_name, 2, 120);
    let lang = Lang::parse(&form.preferred_lang);
    if lang.is_none() {
        errors.insert("preferred_lang".into(), vec!["lang-unknown".into()]);
    }
    let Some(lang) = lang.filter(|_| errors.is_empty()) else {
        let mut v = view(&state, &user, "profile", errors).await?;
        v.display_name = form.display_name;
        return invalid(&page, v);
    };
    user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user.id),
        display_name: Set(name),
        preferred_lang: Set(lang.code().into()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&state.db)
    .await?;
    flash(&session, "success", "account-saved").await?;
    Ok(Redirect::to("/compte").into_response())
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(user): CurrentUser,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    if user.password_hash.is_some()
        && !password::verify(form.current_password, user.password_hash.clone()).await
    {
        errors.insert("current_password".into(), vec!["password-wrong".into()]);
    }
    if let Err(key) = password::check_new(&form.new_password, &user.email) {
        errors.insert("new_password".into(), vec![key.into()]);
    } else if form.new_password != form.new_password_confirm {
        errors.insert(
            "new_password_confirm".into(),
            vec!["password-mismatch".into()],
        );
    }
    if !errors.is_empty() {
        return invalid(&page, view(&state, &user, "password", errors).await?);
    }
    let hash = password::hash(form.new_password).await?;
    user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user.id),
        password_hash: Set(Some(hash)),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&state.db)
    .await?;
    // Reset links sent before are void; other browsers are signed out, this one stays.
    tokens::revoke(&state.db, user.id, Purpose::ResetPassword).await?;

    super::session_store::end_sessions_of(&state.db, user.id, session.id().as_ref()).await?;
    flash(&session, "success", "password-changed").await?;
    Ok(Redirect::to("/compte").into_response())
}

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    current_password: String,
}

pub async fn request_email_change(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(user): CurrentUser,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let email = Email::parse(&form.new_email)
        .map_err(|key| {
            errors
                .entry("new_email".into())
                .or_default()
                .push(key.into())
        })
        .ok();
    if user.password_hash.is_some() {
        if form.current_password.is_empty() {
            errors.insert("email_password".into(), vec!["field-required".into()]);
        } else if !password::verify(form.current_password, user.password_hash.clone()).await {
            errors.insert("email_password".into(), vec!["password-wrong".into()]);
        }
    }
    if let Some(email) = &email {
        if users::normalize_email(email.as_str()) == user.email_normalized {
            errors.insert("new_email".into(), vec!["email-same".into()]);
        } else if errors.is_empty()
            && users::find_by_email(&state.db, email.as_str())
                .await?
                .is_some()
        {
            // Asked only once the password is proven, so it cannot probe addresses.
            errors.insert("new_email".into(), vec!["email-taken".into()]);
        }
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        let mut v = view(&state, &user, "email", errors).await?;
        v.new_email = form.new_email;
        return invalid(&page, v);
    };
    let secret = tokens::issue(
        &state.db,
        NewToken {
            purpose: Purpose::ChangeEmail,
            user_id: Some(user.id),
            email: email.as_str(),
            partner_id: None,
            role: None,
            created_by: None,
        },
    )
    .await?;
    let link = format!("{}/compte/email/{secret}", state.settings.server.public_url);
    crate::mail::queue(
        &state,
        "change_email",
        page.lang(),
        email.as_str(),
        None,
        &LinkMail {
            name: user.display_name.clone(),
            link,
        },
    )
    .await?;
    flash(&session, "info", "email-change-sent").await?;
    Ok(Redirect::to("/compte").into_response())
}

pub async fn confirm_email_change(
    State(state): State<AppState>,
    session: Session,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let token = match tokens::consume(&state.db, Purpose::ChangeEmail, &secret).await? {
        Ok(token) => token,
        Err(problem) => {
            flash(&session, "error", problem.message_key()).await?;
            return Ok(Redirect::to("/compte").into_response());
        }
    };
    let Some(user_id) = token.user_id else {
        return Err(AppError::not_found("page"));
    };
    let updated = user::Entity::update(user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(user_id),
        email: Set(token.email.clone()),
        email_normalized: Set(users::normalize_email(&token.email)),
        verified_at: Set(Some(Utc::now())),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&state.db)
    .await;
    match updated {
        Ok(_) => {
            // Reset links went to the old address.
            tokens::revoke(&state.db, user_id, Purpose::ResetPassword).await?;
            flash(&session, "success", "email-changed").await?
        }
        Err(err) if users::is_unique_violation(&err) => {
            flash(&session, "error", "email-taken").await?
        }
        Err(err) => return Err(err.into()),
    }
    Ok(Redirect::to("/compte").into_response())
}

pub async fn unlink_identity(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let identities = oauth_identity::Entity::find()
        .filter(oauth_identity::Column::UserId.eq(user.id))
        .all(&state.db)
        .await?;
    if !identities.iter().any(|i| i.id == id) {
        return Err(AppError::not_found("page"));
    }
    if user.password_hash.is_none() && identities.len() == 1 {
        flash(&session, "error", "identity-last-way-in").await?;
        return Ok(Redirect::to("/compte").into_response());
    }
    oauth_identity::Entity::delete_by_id(id)
        .exec(&state.db)
        .await?;
    flash(&session, "success", "identity-unlinked").await?;
    Ok(Redirect::to("/compte").into_response())
}

#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirmation: String,
}

pub async fn delete(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(user): CurrentUser,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    if users::normalize_email(&form.confirmation) != user.email_normalized {
        errors.insert(
            "confirmation".into(),
            vec!["delete-confirmation-mismatch".into()],
        );
    }
    let alone = users::partners_only_admin_of(&state.db, user.id).await?;
    if !alone.is_empty() {
        let names: Vec<String> = partner::Entity::find()
            .filter(partner::Column::Id.is_in(alone))
            .all(&state.db)
            .await?
            .into_iter()
            .map(|p| p.name)
            .collect();
        tracing::debug!(?names, "deletion refused: last admin");
        errors.insert("confirmation".into(), vec!["delete-last-admin".into()]);
    }
    if !errors.is_empty() {
        return invalid(&page, view(&state, &user, "delete", errors).await?);
    }
    users::anonymise(&state.db, user.id).await?;
    super::session::sign_out(&session).await?;
    flash(&session, "success", "account-deleted").await?;
    Ok(Redirect::to("/").into_response())
}
