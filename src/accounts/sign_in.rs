//! `/connexion` and `/deconnexion`. Messages never tell whether an address has an
//! account, and an unknown address costs the same time as a wrong password.
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::audit::{self, AuditEntry};
use super::client::{ClientIp, user_agent};
use super::{password, rate_limit, session, users};
use crate::entities::{user, user_device};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Page, flash};

const DEVICE_COOKIE: &str = "carrefour_device";
/// Failed sign-ins allowed per account and per client address in `WINDOW`.
const ACCOUNT_FAILURES: i32 = 10;
const IP_FAILURES: i32 = 100;
const WINDOW: Duration = Duration::minutes(15);

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    suivant: Option<String>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub email: String,
    #[serde(default, skip_serializing)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

#[derive(Serialize)]
struct SignInView {
    form: SignInForm,
    errors: FieldErrors,
    providers: Vec<super::oauth::ProviderButton>,
}

fn view(state: &AppState, form: SignInForm, errors: FieldErrors) -> SignInView {
    SignInView {
        form,
        errors,
        providers: super::oauth::buttons(state),
    }
}

pub async fn show(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<NextQuery>,
) -> AppResult<Response> {
    let form = SignInForm {
        next: super::safe_next(query.suivant.as_deref()),
        ..Default::default()
    };
    page.render(
        "accounts/sign_in.html",
        &view(&state, form, FieldErrors::new()),
    )
}

fn failed(state: &AppState, page: &Page, form: SignInForm, key: &str) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    errors.insert("form".into(), vec![key.into()]);
    page.render_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        "accounts/sign_in.html",
        &view(state, form, errors),
    )
}

pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    jar: CookieJar,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> AppResult<Response> {
    // Only failures count: a busy office behind one address signs in all day long.
    let account_key = format!("signin:acct:{}", users::normalize_email(&form.email));
    let ip_key = format!("signin:ip:{ip}");
    rate_limit::check(&state.db, &ip_key, IP_FAILURES, WINDOW).await?;
    rate_limit::check(&state.db, &account_key, ACCOUNT_FAILURES, WINDOW).await?;
    let found = users::find_by_email(&state.db, &form.email).await?;
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    if !password::verify(form.password.clone(), stored).await {
        rate_limit::hit(&state.db, &ip_key, IP_FAILURES, WINDOW).await?;
        rate_limit::hit(&state.db, &account_key, ACCOUNT_FAILURES, WINDOW).await?;
        return failed(&state, &page, form, "signin-failed");
    }
    let Some(user) = found else {
        return failed(&state, &page, form, "signin-failed");
    };
    if user.disabled {
        return failed(&state, &page, form, "signin-disabled");
    }
    if user.verified_at.is_none() {
        // A new link at most 3 times an hour; the message is shown either way.
        let resend = rate_limit::hit(
            &state.db,
            &format!("verify-resend:{}", user.id),
            3,
            Duration::hours(1),
        )
        .await;
        match resend {
            Ok(()) => {
                super::sign_up::send_verification(
                    &state,
                    page.lang(),
                    user.id,
                    &user.display_name,
                    &user.email,
                )
                .await?
            }
            Err(AppError::TooManyRequests { .. }) => {}
            Err(err) => return Err(err),
        }
        return failed(&state, &page, form, "signin-unverified");
    }
    rate_limit::clear(&state.db, &account_key).await?;
    session::sign_in(&session, user.id).await?;
    let jar = remember_device(&state, jar, &headers, &user, &ip).await?;
    flash(&session, "success", "signin-welcome").await?;
    Ok((jar, Redirect::to(&super::safe_next(Some(&form.next)))).into_response())
}

/// Records the browser as one of the user's devices; a new one goes to the audit log.
pub(super) async fn remember_device(
    state: &AppState,
    jar: CookieJar,
    headers: &HeaderMap,
    user: &user::Model,
    ip: &str,
) -> AppResult<CookieJar> {
    let (jar, device) = match jar
        .get(DEVICE_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 16)
    {
        Some(device) => (jar, device),
        None => {
            let mut bytes = [0u8; 16];
            rand::rng().fill_bytes(&mut bytes);
            let device: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let cookie = Cookie::build((DEVICE_COOKIE, device.clone()))
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.settings.is_https())
                .max_age(time::Duration::days(730))
                .build();
            (jar.add(cookie), device)
        }
    };
    let now = Utc::now();
    let hash = super::tokens::digest(&device);
    let known = user_device::Entity::find_by_id((user.id, hash.clone()))
        .one(&state.db)
        .await?
        .is_some();
    user_device::Entity::insert(user_device::ActiveModel {
        user_id: Set(user.id),
        device_hash: Set(hash),
        user_agent: Set(user_agent(headers)),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([user_device::Column::UserId, user_device::Column::DeviceHash])
            .update_column(user_device::Column::LastSeenAt)
            .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    if !known {
        audit::record(
            &state.db,
            AuditEntry {
                actor: Some(user.id),
                action: "sign_in_new_device",
                target_kind: "user",
                target_id: Some(user.id),
                details: serde_json::json!({ "user_agent": user_agent(headers) }),
                ip: Some(ip),
            },
        )
        .await?;
    }
    Ok(jar)
}

pub async fn sign_out(session: Session, CsrfForm(_): CsrfForm<NoFields>) -> AppResult<Response> {
    session::sign_out(&session).await?;
    Ok(Redirect::to("/").into_response())
}
