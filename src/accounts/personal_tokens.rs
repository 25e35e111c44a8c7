//! Personal access tokens: a person's own keys for the API, created and revoked at
//! `/compte/jetons`. A token is shown once, when created; only its SHA-256 is stored.
//! The `ApiUser` extractor accepts a session or `Authorization: Bearer <token>`.
use axum::extract::{FromRequestParts, OptionalFromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::session::CurrentUser;
use crate::entities::{personal_token, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Page, flash};

/// Tokens start with this, so that scanners of leaked secrets can recognise them.
const TOKEN_PREFIX: &str = "crf_";
/// The most live tokens a person may have.
const MAX_TOKENS: usize = 20;

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{TOKEN_PREFIX}{hex}")
}

/// The signed-in person of an API request: a session, or a live personal token.
pub struct ApiUser(pub user::Model);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let Some(bearer) = bearer else {
            return <CurrentUser as OptionalFromRequestParts<AppState>>::from_request_parts(
                parts, state,
            )
            .await?
            .map(|CurrentUser(u)| ApiUser(u))
            .ok_or(AppError::Unauthorized);
        };
        let secret = bearer
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|s| s.starts_with(TOKEN_PREFIX))
            .ok_or(AppError::Unauthorized)?;
        let now = Utc::now();
        let token = personal_token::Entity::find()
            .filter(
                personal_token::Column::TokenHash.eq(crate::digest::sha256_hex(secret.as_bytes())),
            )
            .filter(personal_token::Column::RevokedAt.is_null())
            .one(&state.db)
            .await?
            .filter(|t| t.expires_at.is_none_or(|at| at > now))
            .ok_or(AppError::Unauthorized)?;
        let person = user::Entity::find_by_id(token.user_id)
            .one(&state.db)
            .await?
            .filter(|u| u.deleted_at.is_none() && !u.disabled)
            .ok_or(AppError::Unauthorized)?;
        // Written at most once a minute: a busy client does not write on every call.
        if token
            .last_used_at
            .is_none_or(|at| at < now - Duration::minutes(1))
        {
            personal_token::Entity::update_many()
                .col_expr(personal_token::Column::LastUsedAt, Expr::value(now))
                .filter(personal_token::Column::Id.eq(token.id))
                .exec(&state.db)
                .await?;
        }
        Ok(ApiUser(person))
    }
}

#[derive(Serialize)]
struct TokenRow {
    id: i64,
    name: String,
    prefix: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    expired: bool,
}

/// The create form as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    /// Days of validity: `30`, `90`, `365` or `never`.
    #[serde(default)]
    validity: String,
}

#[derive(Serialize)]
struct TokensView {
    tokens: Vec<TokenRow>,
    /// The token just created, shown this once.
    created: Option<String>,
    form: TokenForm,
    errors: FieldErrors,
    api_url: String,
}

async fn render(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    created: Option<String>,
    form: TokenForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let now = Utc::now();
    let tokens = personal_token::Entity::find()
        .filter(personal_token::Column::UserId.eq(me.id))
        .filter(personal_token::Column::RevokedAt.is_null())
        .order_by_desc(personal_token::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            expired: t.expires_at.is_some_and(|at| at <= now),
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            expires_at: t.expires_at,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = TokensView {
        tokens,
        created,
        form,
        errors,
        api_url: format!(
            "{}/api/v1/me/conversations",
            state.settings.server.public_url
        ),
    };
    let mut response = page.render_with_status(status, "accounts/tokens.html", &view)?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `GET /compte/jetons`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let form = TokenForm {
        name: String::new(),
        validity: "90".into(),
    };
    render(&state, &page, &me, None, form, FieldErrors::new()).await
}

/// `POST /compte/jetons`: creates a token and shows it once.
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let name = check_length(&mut errors, "name", &form.name, 2, 100);
    let validity = match form.validity.as_str() {
        "30" => Some(Duration::days(30)),
        "90" => Some(Duration::days(90)),
        "365" => Some(Duration::days(365)),
        "never" => None,
        _ => {
            errors.insert("validity".into(), vec!["token-validity-unknown".into()]);
            None
        }
    };
    let live = personal_token::Entity::find()
        .filter(personal_token::Column::UserId.eq(me.id))
        .filter(personal_token::Column::RevokedAt.is_null())
        .all(&state.db)
        .await?
        .len();
    if live >= MAX_TOKENS {
        errors.insert("name".into(), vec!["token-too-many".into()]);
    }
    if !errors.is_empty() {
        return render(&state, &page, &me, None, form, errors).await;
    }
    let secret = new_token();
    let now = Utc::now();
    personal_token::Entity::insert(personal_token::ActiveModel {
        user_id: Set(me.id),
        name: Set(name),
        prefix: Set(secret.chars().take(TOKEN_PREFIX.len() + 8).collect()),
        token_hash: Set(crate::digest::sha256_hex(secret.as_bytes())),
        expires_at: Set(validity.map(|d| now + d)),
        last_used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&state.db)
    .await?;
    let form = TokenForm {
        name: String::new(),
        validity: "90".into(),
    };
    render(&state, &page, &me, Some(secret), form, FieldErrors::new()).await
}

/// `POST /compte/jetons/{id}/revoquer`
pub async fn revoke(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let done = personal_token::Entity::update_many()
        .col_expr(personal_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(personal_token::Column::Id.eq(id))
        .filter(personal_token::Column::UserId.eq(me.id))
        .filter(personal_token::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::not_found("page"));
    }
    flash(&session, "success", "token-revoked").await?;
    Ok(Redirect::to("/compte/jetons").into_response())
}
