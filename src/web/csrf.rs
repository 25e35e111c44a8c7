//! CSRF protection: a per-session token embedded in every form as `_csrf` and checked
//! by the `CsrfForm` extractor before the form is parsed.
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use base64::Engine as _;
use rand::RngCore;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use crate::error::{AppError, AppResult};

const CSRF_KEY: &str = "csrf";
/// Name of the hidden form field and of the header htmx requests send.
pub const CSRF_FIELD: &str = "_csrf";
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> AppResult<String> {
    if let Some(existing) = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
    {
        return Ok(existing);
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let fresh = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    session
        .insert(CSRF_KEY, &fresh)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(fresh)
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
