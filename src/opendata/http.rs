//! What every `/api/` answer carries, errors included (this layer wraps the error
//! pages): CORS for reads (any origin, no credentials), a per-address rate limit with the
//! IETF `RateLimit-*` headers, and ETags so that a client revalidating gets `304`.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, CACHE_CONTROL, CONTENT_TYPE, ETAG,
    IF_NONE_MATCH, RETRY_AFTER, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::web::Lang;

/// The window of the rate limit.
const WINDOW: Duration = Duration::from_secs(60);
/// JSON answers larger than this are not given an ETag (they are not buffered).
const ETAG_MAX_BYTES: usize = 8 * 1024 * 1024;

/// Requests per address in the current window, on this node.
#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

/// What the limiter decided for one request.
struct Allowance {
    allowed: bool,
    limit: u32,
    remaining: u32,
    reset_secs: u64,
}

impl RateLimiter {
    fn check(&self, client: &str, limit: u32, now: Instant) -> Allowance {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > 100_000 {
            // Forget finished windows before the map grows without end.
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(client.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        let allowed = entry.1 < limit;
        if allowed {
            entry.1 += 1;
        }
        let reset = WINDOW.saturating_sub(now.duration_since(entry.0));
        Allowance {
            allowed,
            limit,
            remaining: limit.saturating_sub(entry.1),
            reset_secs: reset.as_secs().max(1),
        }
    }
}

fn client_of(request: &Request, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for
        && let Some(first) = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    {
        return first.to_owned();
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn header(value: &str) -> HeaderValue {
    HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn add_cors(headers: &mut HeaderMap) {
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(
            "ETag, Link, Content-Disposition, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset",
        ),
    );
}

/// The middleware, for every path under `/api/`.
pub async fn api_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    if request.method() == Method::OPTIONS {
        let mut response = StatusCode::NO_CONTENT.into_response();
        let headers = response.headers_mut();
        add_cors(headers);
        headers.insert(
            ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, OPTIONS"),
        );
        headers.insert(
            ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Accept, Accept-Language, If-None-Match, Content-Type"),
        );
        headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        return response;
    }
    let limit = state.settings.api.rate_limit_per_minute;
    let allowance = (limit > 0).then(|| {
        let client = client_of(&request, state.settings.server.trust_forwarded_for);
        state.api_limiter.check(&client, limit, Instant::now())
    });
    let if_none_match = request.headers().get(IF_NONE_MATCH).cloned();
    // A person's own data is never kept by shared caches.
    let private = request.uri().path().starts_with("/api/v1/me");
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(Lang::Fr);
    let mut response = match &allowance {
        Some(a) if !a.allowed => too_many(lang, a.reset_secs),
        _ => next.run(request).await,
    };
    if reads && response.status() == StatusCode::OK {
        response = with_etag(response, if_none_match, private).await;
    }
    let headers = response.headers_mut();
    if reads {
        add_cors(headers);
    }
    if let Some(a) = allowance {
        headers.insert("ratelimit-limit", HeaderValue::from(a.limit));
        headers.insert("ratelimit-remaining", HeaderValue::from(a.remaining));
        headers.insert("ratelimit-reset", HeaderValue::from(a.reset_secs));
    }
    response
}

fn too_many(lang: Lang, retry_after: u64) -> Response {
    let body = serde_json::json!({
        "error": {
            "status": 429,
            "code": "too-many-requests",
            "message": lang.t("error-too-many-requests-message"),
            "fields": {},
        }
    });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

/// Gives a JSON answer its ETag, and turns it into `304` when the client has it.
async fn with_etag(
    response: Response,
    if_none_match: Option<HeaderValue>,
    private: bool,
) -> Response {
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, ETAG_MAX_BYTES).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::error!(error = %err, "an API answer could not be read for its ETag");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let etag = format!("\"{}\"", &crate::digest::sha256_hex(&bytes)[..32]);
    parts.headers.insert(ETAG, header(&etag));
    parts.headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(if private {
            "private, no-cache"
        } else {
            "public, max-age=60"
        }),
    );
    parts
        .headers
        .insert(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    let matches = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_per_client_and_window() {
        let limiter = RateLimiter::default();
        let start = Instant::now();
        for i in 0..3 {
            let a = limiter.check("a", 3, start);
            assert!(a.allowed);
            assert_eq!(a.remaining, 2 - i);
        }
        assert!(!limiter.check("a", 3, start).allowed);
        assert!(limiter.check("b", 3, start).allowed, "another client");
        let later = start + WINDOW;
        let a = limiter.check("a", 3, later);
        assert!(a.allowed && a.remaining == 2, "a new window");
    }
}
