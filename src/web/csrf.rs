//! CSRF protection: a per-session token embedded in every form as `_csrf` and checked
//! by the `CsrfForm` extractor before the form is parsed.
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use rand::RngCore;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use crate::error::{AppError, AppResult};

const CSRF_KEY: &str = "csrf";
/// Name of the hidden form field and of the header htmx requests send.
pub const CSRF_FIELD: &str = "_csrf";
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The session's token, or a fresh one when the session has none yet. A fresh token is
/// stored only if the page shows it (`Page::render` marks the response with
/// `FreshToken`, `keep_fresh_token` stores it), so that visitors reading pages without
/// forms cost no session row.
pub async fn existing_or_fresh(session: &Session) -> AppResult<(String, bool)> {
    if let Some(existing) = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
    {
        return Ok((existing, false));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    Ok((
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
        true,
    ))
}

/// Response extension: a fresh token the page showed, to be stored in the session.
#[derive(Clone)]
pub struct FreshToken(pub String);

/// Middleware (inside the session layer): stores the fresh token a page showed, before
/// the session layer saves the session.
pub async fn keep_fresh_token(request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let mut response = next.run(request).await;
    let fresh = response.extensions_mut().remove::<FreshToken>();
    if let (Some(session), Some(FreshToken(token))) = (session, fresh)
        && let Err(e) = session.insert(CSRF_KEY, token).await
    {
        tracing::error!(error = %e, "could not keep the form token in the session");
        return AppError::Internal(e.into()).into_response();
    }
    response
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks a token sent some other way (e.g. a multipart field) against the session's.
pub async fn verify(session: &Session, sent: Option<&str>) -> AppResult<()> {
    let expected = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    match (sent, expected) {
        (Some(sent), Some(expected)) if constant_time_eq(sent.as_bytes(), expected.as_bytes()) => {
            Ok(())
        }
        _ => Err(AppError::forbidden("csrf")),
    }
}

/// The request's session and the token of its `X-CSRF-Token` header (htmx), for
/// extractors that find the form's token themselves.
pub fn session_and_header(request: &Request) -> AppResult<(Session, Option<String>)> {
    let session = request
        .extensions()
        .get::<Session>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
    let header_token = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    Ok((session, header_token))
}

/// A URL-encoded form whose `_csrf` field matched the session's token.
pub struct CsrfForm<T>(pub T);

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (session, header_token) = session_and_header(&request)?;
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|_| AppError::invalid("form", "form-too-large"))?;
        if body.len() > MAX_FORM_BYTES {
            return Err(AppError::invalid("form", "form-too-large"));
        }
        let pairs: Vec<(String, String)> = serde_html_form::from_bytes(&body)
            .map_err(|_| AppError::invalid("form", "form-malformed"))?;
        let sent = pairs
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.clone())
            .or(header_token);
        verify(&session, sent.as_deref()).await?;
        let value = serde_html_form::from_bytes(&body).map_err(|e| {
            tracing::debug!(error = %e, "form did not match its shape");
            AppError::invalid("form", "form-malformed")
        })?;
        Ok(CsrfForm(value))
    }
}
