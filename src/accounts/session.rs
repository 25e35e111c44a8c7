//! Who is signed in: session keys, signing in and out, and the `CurrentUser` extractor.
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, Duration, Utc};
use sea_orm::EntityTrait;
use tower_sessions::Session;

use crate::entities::user;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Session key of the signed-in user's id (also copied to `sessions.user_id`).
pub const USER_ID_KEY: &str = "user_id";
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
/// A session never lasts longer than this after sign-in, however active it is.
pub const ABSOLUTE_LIFETIME: Duration = Duration::days(30);

fn internal(err: impl Into<anyhow::Error>) -> AppError {
    AppError::Internal(err.into())
}

/// Starts a signed-in session for `user_id` under a new session id (no fixation).
pub async fn sign_in(session: &Session, user_id: i64) -> AppResult<()> {
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(USER_ID_KEY, user_id)
        .await
        .map_err(internal)?;
    session
        .insert(SIGNED_IN_AT_KEY, Utc::now())
        .await
        .map_err(internal)?;
    Ok(())
}

/// Ends the session entirely.
pub async fn sign_out(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(internal)
}

/// The signed-in, active user of this request.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub user::Model);

impl CurrentUser {
    pub fn id(&self) -> i64 {
        self.0.id
    }
}

async fn load(parts: &mut Parts, state: &AppState) -> AppResult<Option<CurrentUser>> {
    if let Some(cached) = parts.extensions.get::<Option<CurrentUser>>() {
        return Ok(cached.clone());
    }
    let Some(session) = parts.extensions.get::<Session>().cloned() else {
        return Ok(None);
    };
    let user_id: Option<i64> = session.get(USER_ID_KEY).await.map_err(internal)?;
    let mut current = None;
    if let Some(user_id) = user_id {
        let signed_in_at: Option<DateTime<Utc>> =
            session.get(SIGNED_IN_AT_KEY).await.map_err(internal)?;
        let fresh = signed_in_at.is_some_and(|at| Utc::now() - at < ABSOLUTE_LIFETIME);
        let found = user::Entity::find_by_id(user_id).one(&state.db).await?;
        match found {
            Some(u) if fresh && !u.disabled && u.deleted_at.is_none() => {
                current = Some(CurrentUser(u))
            }
            _ => sign_out(&session).await?,
        }
    }
    parts.extensions.insert(current.clone());
    Ok(current)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        load(parts, state).await?.ok_or(AppError::Unauthorized)
    }
}

impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        load(parts, state).await
    }
}

/// A signed-in coordinator of the collective.
pub struct Coordinator(pub user::Model);

impl FromRequestParts<AppState> for Coordinator {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) =
            <CurrentUser as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        if user.is_coordinator {
            Ok(Coordinator(user))
        } else {
            Err(AppError::forbidden("coordinators-only"))
        }
    }
}
