//! [`Fetcher`]: the HTTP client, redirects, retries and the glue between the guard,
//! robots.txt, politeness and charset decoding.
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use tokio::time::Instant;
use url::Url;

use super::politeness::{HostLimits, Politeness};
use super::robots::{MAX_ROBOTS_BYTES, RobotsCache, RobotsRules, RobotsSource};
use super::ssrf::{CheckError, Guard, GuardedResolver, find_refusal};
use super::{
    Conditional, FetchError, FetchOutcome, FetchedPage, FetcherSettings, MAX_SOURCE_DELAY,
    ROBOTS_TOKEN, SourcePoliteness, charset,
};

const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const ACCEPT_LANGUAGE: &str = "fr,en;q=0.5";

/// Fetches pages for the crawler. Cheap to clone: clones share the HTTP connection pool,
/// the robots.txt cache and the politeness limits.
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

struct Inner {
    settings: FetcherSettings,
    client: reqwest::Client,
    guard: Arc<Guard>,
    robots: RobotsCache,
    politeness: Politeness,
}

/// What to do with a body over the limit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Oversize {
    Fail(u64),
    Truncate(usize),
}

/// One response: status, the headers we use, and the body of a 2xx.
struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Fetcher {
    /// Builds the HTTP client (rustls, gzip/brotli/deflate, no proxy, no automatic
    /// redirects, the guarded resolver). Fails only if the TLS backend cannot start.
    pub fn new(mut settings: FetcherSettings) -> anyhow::Result<Self> {
        settings.per_host_connections = settings.per_host_connections.max(1);
        settings.global_connections = settings.global_connections.max(1);
        settings.max_attempts = settings.max_attempts.max(1);
        let guard = Arc::new(Guard::new(settings.allowlist.clone()));
        let resolver = GuardedResolver::new(guard.clone(), settings.resolver.clone());
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .no_proxy()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.total_timeout)
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .dns_resolver(Arc::new(resolver))
            // A source is crawled hours apart: idle connections are not kept past the
            // run (each holds its buffers), and never more than the per-host limit.
            .pool_idle_timeout(Duration::from_secs(5))
            .pool_max_idle_per_host(settings.per_host_connections)
            .build()?;
        Ok(Self {
            inner: Arc::new(Inner {
                politeness: Politeness::new(settings.global_connections),
                settings,
                client,
                guard,
                robots: RobotsCache::default(),
            }),
        })
    }

    pub fn settings(&self) -> &FetcherSettings {
        &self.inner.settings
    }

    /// GETs `url` with the fetcher's politeness.
    pub async fn fetch(
        &self,
        url: &Url,
        conditional: &Conditional,
    ) -> Result<FetchOutcome, FetchError> {
        self.fetch_with(url, conditional, &SourcePoliteness::default())
            .await
    }

    /// GETs `url`, following redirects, with a source's politeness on top of the
    /// fetcher's.
    pub async fn fetch_with(
        &self,
        url: &Url,
        conditional: &Conditional,
        source: &SourcePoliteness,
    ) -> Result<FetchOutcome, FetchError> {
        let started = Instant::now();
        let settings = &self.inner.settings;
        let mut url = url.clone();
        url.set_fragment(None);
        let mut seen = HashSet::from([url.to_string()]);
        let mut redirects = 0;
        loop {
            self.vet(&url).await?;
            let crawl_delay = if settings.obey_robots {
                let rules = self.robots(&url).await;
                if !rules.allows(&url) {
                    tracing::debug!(%url, "disallowed by robots.txt");
                    if rules.source() == RobotsSource::Unreachable {
                        return Err(FetchError::SiteUnreachable);
                    }
                    return Err(FetchError::DisallowedByRobots);
                }
                rules.crawl_delay()
            } else {
                None
            };
            let limits = self.limits(source, crawl_delay);
            let response = self
                .exchange(
                    &url,
                    conditional,
                    limits,
                    Oversize::Fail(settings.max_body_bytes),
                )
                .await?;
            let status = response.status;
            if let Some(next) = redirect_target(&url, &response)? {
                if !seen.insert(next.to_string()) {
                    return Err(FetchError::RedirectLoop {
                        url: next.to_string(),
                    });
                }
                redirects += 1;
                if redirects > settings.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        max: settings.max_redirects,
                    });
                }
                tracing::debug!(from = %url, to = %next, "redirect");
                url = next;
                continue;
            }
            let header = |name| header_text(&response.headers, name);
            if status == StatusCode::NOT_MODIFIED {
                return Ok(FetchOutcome::NotModified {
                    etag: header(header::ETAG),
                    last_modified: header(header::LAST_MODIFIED),
                    final_url: url,
                    elapsed: started.elapsed(),
                });
            }
            if !status.is_success() {
                return Err(FetchError::Http {
                    status: status.as_u16(),
                });
            }
            let content_type = header(header::CONTENT_TYPE);
            let tld = url
                .domain()
                .and_then(|d| d.trim_end_matches('.').rsplit('.').next())
                .map(str::to_ascii_lowercase);
            let (body_text, encoding) =
                charset::decode(&response.body, content_type.as_deref(), tld.as_deref());
            let content_hash = crate::digest::sha256_hex(&response.body);
            return Ok(FetchOutcome::Fetched(FetchedPage {
                final_url: url,
                status: status.as_u16(),
                etag: header(header::ETAG),
                last_modified: header(header::LAST_MODIFIED),
                content_type,
                body_text,
                encoding: encoding.name(),
                content_hash,
                redirects,
                elapsed: started.elapsed(),
                body: response.body,
            }));
        }
    }

    /// Whether robots.txt lets us fetch `url` (always true when robots are not obeyed).
    pub async fn robots_allows(&self, url: &Url) -> bool {
        !self.inner.settings.obey_robots || self.robots(url).await.allows(url)
    }

    /// The robots.txt rules of `url`'s origin, from the cache or fetched now.
    pub async fn robots(&self, url: &Url) -> Arc<RobotsRules> {
        if !self.inner.settings.obey_robots {
            return Arc::new(RobotsRules::allow_all(RobotsSource::Ignored));
        }
        let origin = url.origin().ascii_serialization();
        self.inner
            .robots
            .get(&origin, || self.fetch_robots(url))
            .await
    }

    async fn fetch_robots(&self, page: &Url) -> (RobotsRules, Duration) {
        let settings = &self.inner.settings;
        let unreachable = (RobotsRules::disallow_all(), settings.robots_unavailable_ttl);
        let Ok(mut url) = page.join("/robots.txt") else {
            return unreachable;
        };
        let limits = self.limits(&SourcePoliteness::default(), None);
        let mut seen = HashSet::from([url.to_string()]);
        for _ in 0..=5 {
            if let Err(e) = self.vet(&url).await {
                tracing::info!(%url, error = %e, "robots.txt unreachable");
                return unreachable;
            }
            let response = match self
                .exchange(
                    &url,
                    &Conditional::default(),
                    limits,
                    Oversize::Truncate(MAX_ROBOTS_BYTES),
                )
                .await
            {
                Ok(response) => response,
                Err(e) => {
                    tracing::info!(%url, error = %e, "robots.txt unreachable");
                    return unreachable;
                }
            };
            match redirect_target(&url, &response) {
                Ok(Some(next)) if seen.insert(next.to_string()) => {
                    url = next;
                    continue;
                }
                Ok(Some(_)) | Err(_) => break,
                Ok(None) => {}
            }
            let status = response.status;
            return if status.is_success() {
                let text = String::from_utf8_lossy(&response.body);
                (RobotsRules::parse(&text, ROBOTS_TOKEN), settings.robots_ttl)
            } else if status.is_client_error() {
                (
                    RobotsRules::allow_all(RobotsSource::Unavailable),
                    settings.robots_ttl,
                )
            } else {
                tracing::info!(%url, %status, "robots.txt unreachable");
                unreachable
            };
        }
        // Too many redirects or a loop: as if there were no robots.txt (RFC 9309 §2.3.1.2).
        (
            RobotsRules::allow_all(RobotsSource::Unavailable),
            settings.robots_ttl,
        )
    }

    /// The limits of one request to a host.
    fn limits(&self, source: &SourcePoliteness, crawl_delay: Option<Duration>) -> HostLimits {
        let settings = &self.inner.settings;
        let mut delay = settings.per_host_delay;
        if let Some(d) = source.per_host_delay {
            delay = delay.max(d.min(MAX_SOURCE_DELAY));
        }
        if let Some(d) = crawl_delay {
            delay = delay.max(d.min(settings.max_crawl_delay));
        }
        let mut connections = settings.per_host_connections;
        if let Some(c) = source.per_host_connections {
            connections = connections.min(c.max(1));
        }
        HostLimits { connections, delay }
    }

    /// The SSRF check of one URL.
    async fn vet(&self, url: &Url) -> Result<(), FetchError> {
        let inner = &self.inner;
        match inner
            .guard
            .check_url(url, inner.settings.resolver.as_ref())
            .await
        {
            Ok(()) => Ok(()),
            Err(CheckError::Refused(r)) => {
                tracing::warn!(%url, reason = %r, "blocked by the SSRF guard");
                Err(FetchError::Blocked { reason: r.0 })
            }
            Err(CheckError::Resolve(message)) => Err(FetchError::Network(message)),
        }
    }

    /// One request, tried again on 5xx, 429, time-outs and network errors.
    async fn exchange(
        &self,
        url: &Url,
        conditional: &Conditional,
        limits: HostLimits,
        oversize: Oversize,
    ) -> Result<Response, FetchError> {
        let settings = &self.inner.settings;
        let host = url.host_str().unwrap_or_default();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt >= settings.max_attempts;
            let result = {
                let _slot = self.inner.politeness.acquire(host, limits).await;
                self.send(url, conditional, oversize).await
            };
            let backoff = backoff(settings.retry_base_delay, attempt);
            match result {
                Ok(response) if response.status == StatusCode::TOO_MANY_REQUESTS => {
                    let retry_after = retry_after(&response.headers);
                    if last || retry_after.is_some_and(|d| d > settings.max_retry_after) {
                        return Err(FetchError::RateLimited { retry_after });
                    }
                    let wait = retry_after.unwrap_or(backoff);
                    tracing::debug!(%url, ?wait, "429, waiting");
                    // Every request to the host waits, not only this one.
                    self.inner.politeness.back_off(host, Instant::now() + wait);
                }
                Ok(response) if response.status.is_server_error() && !last => {
                    let wait = retry_after(&response.headers)
                        .filter(|d| *d <= settings.max_retry_after)
                        .unwrap_or(backoff);
                    tracing::debug!(%url, status = %response.status, ?wait, "retrying");
                    tokio::time::sleep(wait).await;
                }
                Ok(response) => return Ok(response),
                Err(e @ (FetchError::Timeout | FetchError::Network(_))) if !last => {
                    tracing::debug!(%url, error = %e, ?backoff, "retrying");
                    tokio::time::sleep(backoff).await;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// One request; reads the body of a 2xx only.
    async fn send(
        &self,
        url: &Url,
        conditional: &Conditional,
        oversize: Oversize,
    ) -> Result<Response, FetchError> {
        let mut request = self
            .inner
            .client
            .get(url.clone())
            .header(header::ACCEPT, ACCEPT)
            .header(header::ACCEPT_LANGUAGE, ACCEPT_LANGUAGE);
        if let Some(etag) = &conditional.etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = &conditional.last_modified {
            request = request.header(header::IF_MODIFIED_SINCE, date);
        }
        let mut response = request.send().await.map_err(client_error)?;
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        if status.is_success() {
            if let (Oversize::Fail(limit), Some(length)) = (oversize, response.content_length())
                && length > limit
            {
                return Err(FetchError::TooLarge { limit });
            }
            while let Some(chunk) = response.chunk().await.map_err(client_error)? {
                match oversize {
                    Oversize::Fail(limit) if (body.len() + chunk.len()) as u64 > limit => {
                        // Dropping the response closes the connection: nothing more is read.
                        return Err(FetchError::TooLarge { limit });
                    }
                    Oversize::Truncate(limit) if body.len() + chunk.len() >= limit => {
                        body.extend_from_slice(&chunk[..limit - body.len()]);
                        break;
                    }
                    _ => body.extend_from_slice(&chunk),
                }
            }
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// The next URL of a redirect response, if it is one.
fn redirect_target(url: &Url, response: &Response) -> Result<Option<Url>, FetchError> {
    if !matches!(response.status.as_u16(), 301 | 302 | 303 | 307 | 308) {
        return Ok(None);
    }
    let Some(location) = response.headers.get(header::LOCATION) else {
        return Ok(None);
    };
    let location = location
        .to_str()
        .map_err(|_| FetchError::InvalidUrl("unreadable redirect location".into()))?;
    let mut next = url
        .join(location)
        .map_err(|e| FetchError::InvalidUrl(format!("redirect to {location}: {e}")))?;
    next.set_fragment(None);
    Ok(Some(next))
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `base × 2^(attempt-1)`, plus up to a quarter of jitter.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1 << (attempt - 1).min(10));
    exp + exp.mul_f64(rand::random::<f64>() / 4.0)
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// A client error as a [`FetchError`]: the guard's refusal, a time-out, or a short
/// description of the root cause.
fn client_error(e: reqwest::Error) -> FetchError {
    if let Some(refused) = find_refusal(&e) {
        return FetchError::Blocked { reason: refused.0 };
    }
    if e.is_timeout() {
        return FetchError::Timeout;
    }
    let mut root = None;
    let mut current = std::error::Error::source(&e);
    while let Some(source) = current {
        root = Some(source);
        current = source.source();
    }
    let what = if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the response broke off"
    } else {
        "request failed"
    };
    match root {
        Some(root) => FetchError::Network(format!("{what}: {root}")),
        None => FetchError::Network(what.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(120);
        headers.insert(
            header::RETRY_AFTER,
            httpdate::fmt_http_date(later).parse().unwrap(),
        );
        let d = retry_after(&headers).unwrap();
        assert!(d > Duration::from_secs(100) && d <= Duration::from_secs(120));
        headers.insert(
            header::RETRY_AFTER,
            "Sun, 06 Nov 1994 08:49:37 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn backoff_doubles() {
        let base = Duration::from_millis(100);
        let first = backoff(base, 1);
        assert!(first >= base && first <= base.mul_f64(1.25));
        let third = backoff(base, 3);
        assert!(third >= base * 4 && third <= (base * 4).mul_f64(1.25));
    }

    #[test]
    fn limits_only_get_gentler() {
        let mut settings = FetcherSettings::new("test".into());
        settings.per_host_delay = Duration::from_secs(1);
        settings.per_host_connections = 2;
        let fetcher = Fetcher::new(settings).unwrap();
        let gentler = SourcePoliteness {
            per_host_delay: Some(Duration::from_secs(5)),
            per_host_connections: Some(1),
        };
        assert_eq!(
            fetcher.limits(&gentler, None),
            HostLimits {
                connections: 1,
                delay: Duration::from_secs(5)
            }
        );
        let harsher = SourcePoliteness {
            per_host_delay: Some(Duration::ZERO),
            per_host_connections: Some(10),
        };
        assert_eq!(
            fetcher.limits(&harsher, Some(Duration::from_secs(120))),
            HostLimits {
                connections: 2,
                delay: Duration::from_secs(30)
            }
        );
        let absurd = SourcePoliteness {
            per_host_delay: Some(Duration::from_secs(3600)),
            per_host_connections: Some(0),
        };
        assert_eq!(fetcher.limits(&absurd, None).delay, MAX_SOURCE_DELAY);
        assert_eq!(fetcher.limits(&absurd, None).connections, 1);
    }

    #[test]
    fn messages() {
        assert_eq!(
            FetchError::Http { status: 404 }.to_string(),
            "the server answered 404 (Not Found)"
        );
        assert_eq!(
            FetchError::RateLimited {
                retry_after: Some(Duration::from_secs(90))
            }
            .to_string(),
            "the site asks us to slow down (retry after 90 s)"
        );
        assert_eq!(FetchError::Timeout.code(), "timeout");
    }
}
