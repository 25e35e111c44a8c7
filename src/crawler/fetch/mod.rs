//! The crawler's fetching layer: one polite, safe HTTP GET at a time.
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use carrefour::crawler::fetch::{Conditional, FetchOutcome, Fetcher, FetcherSettings, user_agent};
//! let fetcher = Fetcher::new(FetcherSettings::new(user_agent("https://carrefour.example")))?;
//! let url = url::Url::parse("https://partner.example/agenda")?;
//! match fetcher.fetch(&url, &Conditional::default()).await {
//!     Ok(FetchOutcome::Fetched(page)) => println!("{} bytes of {}", page.body_text.len(), page.encoding),
//!     Ok(FetchOutcome::NotModified { .. }) => println!("unchanged"),
//!     Err(e) => println!("{} ({})", e, e.code()),
//! }
//! # Ok(()) }
//! ```
//!
//! What [`Fetcher::fetch`] does for each URL and each redirect hop:
//! 1. the SSRF guard ([`ssrf`]): http(s) only, and the host (IP literal or every address
//!    its name resolves to) must be public or in [`FetcherSettings::allowlist`]; the HTTP
//!    client's DNS resolver applies the same guard to the addresses it connects to;
//! 2. robots.txt ([`robots`]) of the URL's origin, fetched once per origin and cached
//!    (`robots_ttl`; `robots_unavailable_ttl` after a 5xx or network failure, during
//!    which the origin is entirely disallowed); 4xx means no robots.txt (all allowed);
//! 3. politeness ([`politeness`]): per-host connection limit and delay between request
//!    starts (the largest of the fetcher's, the source's and the robots.txt
//!    `Crawl-delay`, the latter capped at `max_crawl_delay`), and a global limit;
//! 4. the request, with `If-None-Match`/`If-Modified-Since` from [`Conditional`], retried
//!    with exponential back-off on 5xx, time-outs and connection errors, waiting for a
//!    429's `Retry-After` (up to `max_retry_after`); redirects are followed by hand (at
//!    most `max_redirects`, loops refused);
//! 5. the body, streamed and refused past `max_body_bytes`, decompressed (gzip, brotli,
//!    deflate), hashed (SHA-256 of the bytes) and decoded to UTF-8 ([`charset`]).
use std::sync::Arc;
use std::time::Duration;

pub use ipnet::IpNet;
use url::Url;

pub mod charset;
mod client;
pub mod politeness;
pub mod robots;
pub mod ssrf;

pub use client::Fetcher;
pub use robots::{RobotsRules, RobotsSource};
pub use ssrf::{HostResolver, StaticResolver, SystemResolver};

/// Our product token in robots.txt `User-agent` lines.
pub const ROBOTS_TOKEN: &str = "carrefour";

/// Bounds of what a source may ask for (see [`SourcePoliteness`]).
pub const MAX_SOURCE_DELAY: Duration = Duration::from_secs(60);

/// `Carrefour/<version> (+<public_url>/contact)`: who we are and where to reach us.
pub fn user_agent(public_url: &str) -> String {
    format!(
        "Carrefour/{} (+{}/contact)",
        env!("CARGO_PKG_VERSION"),
        public_url.trim_end_matches('/')
    )
}

/// How a [`Fetcher`] behaves. [`FetcherSettings::new`] gives the production values;
/// [`FetcherSettings::bench`] those of benchmarks and tests on this machine.
#[derive(Clone)]
pub struct FetcherSettings {
    /// Sent as `User-Agent`; see [`user_agent`].
    pub user_agent: String,
    /// Networks reachable although not public (tests: `127.0.0.1/32`, `::1/128`).
    pub allowlist: Vec<IpNet>,
    /// Requests under way at once to one host (default 2).
    pub per_host_connections: usize,
    /// Minimum time between the starts of two requests to one host (default 1 s).
    pub per_host_delay: Duration,
    /// Requests under way at once in all (default 16).
    pub global_connections: usize,
    /// Largest body accepted, after decompression (default 5 MiB).
    pub max_body_bytes: u64,
    /// Time to establish a connection (default 10 s).
    pub connect_timeout: Duration,
    /// Time for one try of a request, body included (default 30 s).
    pub total_timeout: Duration,
    /// Redirects followed for one fetch (default 5).
    pub max_redirects: u32,
    /// Tries of one request, the first included (default 3).
    pub max_attempts: u32,
    /// Wait before the second try; doubled for each further one (default 1 s).
    pub retry_base_delay: Duration,
    /// Longest `Retry-After` waited for; a longer one fails at once (default 60 s).
    pub max_retry_after: Duration,
    /// Whether robots.txt is obeyed. Always true in production (default true).
    pub obey_robots: bool,
    /// How long a robots.txt is kept (default 24 h).
    pub robots_ttl: Duration,
    /// How long an unreachable robots.txt (5xx, network) keeps its origin disallowed
    /// before it is tried again (default 1 h).
    pub robots_unavailable_ttl: Duration,
    /// The largest robots.txt `Crawl-delay` honoured (default 30 s).
    pub max_crawl_delay: Duration,
    /// Name resolution (default: the system's). The SSRF guard applies to its answers.
    pub resolver: Arc<dyn HostResolver>,
}

impl std::fmt::Debug for FetcherSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetcherSettings")
            .field("user_agent", &self.user_agent)
            .field("allowlist", &self.allowlist)
            .field("per_host_connections", &self.per_host_connections)
            .field("per_host_delay", &self.per_host_delay)
            .field("global_connections", &self.global_connections)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("connect_timeout", &self.connect_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("max_redirects", &self.max_redirects)
            .field("max_attempts", &self.max_attempts)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("max_retry_after", &self.max_retry_after)
            .field("obey_robots", &self.obey_robots)
            .field("robots_ttl", &self.robots_ttl)
            .field("robots_unavailable_ttl", &self.robots_unavailable_ttl)
            .field("max_crawl_delay", &self.max_crawl_delay)
            .finish_non_exhaustive()
    }
}

impl FetcherSettings {
    /// Production settings.
    pub fn new(user_agent: String) -> Self {
        Self {
            user_agent,
            allowlist: Vec::new(),
            per_host_connections: 2,
            per_host_delay: Duration::from_secs(1),
            global_connections: 16,
            max_body_bytes: 5 * 1024 * 1024,
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_attempts: 3,
            retry_base_delay: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            obey_robots: true,
            robots_ttl: Duration::from_secs(24 * 3600),
            robots_unavailable_ttl: Duration::from_secs(3600),
            max_crawl_delay: Duration::from_secs(30),
            resolver: Arc::new(SystemResolver),
        }
    }

    /// Benchmarks and tests against servers on this machine: loopback allowed,
    /// politeness off (16 per host, no delay), quick retries.
    pub fn bench(user_agent: String) -> Self {
        Self {
            allowlist: Self::loopback_allowlist(),
            per_host_connections: 16,
            per_host_delay: Duration::ZERO,
            global_connections: 64,
            retry_base_delay: Duration::from_millis(50),
            ..Self::new(user_agent)
        }
    }

    /// `127.0.0.1/32` and `::1/128`.
    pub fn loopback_allowlist() -> Vec<IpNet> {
        vec![
            "127.0.0.1/32".parse().expect("valid network"),
            "::1/128".parse().expect("valid network"),
        ]
    }
}

/// What one source may change, only ever towards gentler crawling: a longer delay (at
/// most [`MAX_SOURCE_DELAY`]) or fewer connections (at least 1) than the fetcher's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourcePoliteness {
    pub per_host_delay: Option<Duration>,
    pub per_host_connections: Option<usize>,
}

/// Validators of a previous fetch, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// What a successful fetch brings.
#[derive(Debug, Clone)]
pub enum FetchOutcome {
    Fetched(FetchedPage),
    /// 304: unchanged since the [`Conditional`] validators.
    NotModified {
        final_url: Url,
        etag: Option<String>,
        last_modified: Option<String>,
        elapsed: Duration,
    },
}

/// A page read in full.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// After redirects, without fragment.
    pub final_url: Url,
    pub status: u16,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
    /// The body decoded to UTF-8.
    pub body_text: String,
    /// The encoding it was decoded from (WHATWG name, e.g. `windows-1252`).
    pub encoding: &'static str,
    /// SHA-256 of the body bytes (after content decoding, before charset decoding), hex.
    pub content_hash: String,
    /// Redirects followed.
    pub redirects: u32,
    /// From the call to the end of the body, waits included.
    pub elapsed: Duration,
    /// The body bytes as received (after content decoding), for formats whose encoding
    /// the source states itself (CSV).
    pub body: Vec<u8>,
}

/// Why a URL could not be fetched. The `Display` text is short and meant for the crawl
/// reports partners read; [`FetchError::code`] is a stable key for localisation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("address refused: {reason}")]
    Blocked { reason: String },
    #[error("the site's robots.txt does not allow this page to be read")]
    DisallowedByRobots,
    /// robots.txt could not be fetched (server error or no connection): until it can,
    /// nothing on the site is read (RFC 9309, 2.3.1.4).
    #[error("the site cannot be reached (its robots.txt did not answer); it will be tried again")]
    SiteUnreachable,
    #[error("the page is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("more than {max} redirects")]
    TooManyRedirects { max: u32 },
    #[error("the redirects loop back to {url}")]
    RedirectLoop { url: String },
    #[error("the server answered {status}{}", reason_phrase(*.status))]
    Http { status: u16 },
    #[error("the server took too long to answer")]
    Timeout,
    #[error("network error: {0}")]
    Network(String),
    #[error("the site asks us to slow down{}", retry_after_text(.retry_after))]
    RateLimited { retry_after: Option<Duration> },
    #[error("invalid address: {0}")]
    InvalidUrl(String),
}

fn reason_phrase(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" ({r})"))
        .unwrap_or_default()
}

fn retry_after_text(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(" (retry after {} s)", d.as_secs()),
        None => String::new(),
    }
}

impl FetchError {
    /// Stable machine-readable code (`blocked`, `robots`, `too-large`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Blocked { .. } => "blocked",
            Self::DisallowedByRobots => "robots",
            Self::SiteUnreachable => "unreachable",
            Self::TooLarge { .. } => "too-large",
            Self::TooManyRedirects { .. } => "too-many-redirects",
            Self::RedirectLoop { .. } => "redirect-loop",
            Self::Http { .. } => "http",
            Self::Timeout => "timeout",
            Self::Network(_) => "network",
            Self::RateLimited { .. } => "rate-limited",
            Self::InvalidUrl(_) => "invalid-url",
        }
    }

    /// Whether trying the same request again may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Timeout | Self::Network(_) | Self::RateLimited { .. } | Self::SiteUnreachable => {
                true
            }
            Self::Http { status } => *status >= 500,
            _ => false,
        }
    }
}
