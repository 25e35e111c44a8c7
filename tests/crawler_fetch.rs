//! The crawler's fetching layer against a local fixture server (127.0.0.1 only): pages,
//! charsets, compression, redirects, size cap, retries, 429, conditional GET, robots.txt,
//! politeness and the SSRF guard.
use std::collections::HashMap;
use std::convert::Infallible;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use carrefour::crawler::fetch::ssrf::BoxFuture;
use carrefour::crawler::fetch::{
    Conditional, FetchError, FetchOutcome, FetchedPage, Fetcher, FetcherSettings, HostResolver,
    SourcePoliteness, StaticResolver,
};
use sha2::{Digest, Sha256};
use tokio::time::Instant;
use url::Url;

const UA: &str = "Carrefour/0.1.0 (+http://localhost:8080/contact)";
const FRENCH: &str = "L’été, nous œuvrons à 5 € près — déjà «bien».";

#[derive(Debug, Clone)]
struct Hit {
    path: String,
    host: String,
    headers: HeaderMap,
    at: Instant,
}

#[derive(Default)]
struct Fixture {
    hits: Mutex<Vec<Hit>>,
    /// `None`: no robots.txt (404).
    robots: Mutex<Option<(u16, String)>>,
    counters: Mutex<HashMap<String, u32>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    big_sent: AtomicU64,
    big_closed: AtomicBool,
}

impl Fixture {
    fn hits(&self, path: &str) -> Vec<Hit> {
        let hits = self.hits.lock().unwrap();
        hits.iter().filter(|h| h.path == path).cloned().collect()
    }

    fn all_paths(&self) -> Vec<String> {
        let hits = self.hits.lock().unwrap();
        hits.iter().map(|h| h.path.clone()).collect()
    }

    fn count(&self, key: &str) -> u32 {
        let mut counters = self.counters.lock().unwrap();
        let n = counters.entry(key.to_string()).or_default();
        *n += 1;
        *n
    }
}

struct Server {
    fixture: Arc<Fixture>,
    port: u16,
}

impl Server {
    fn url(&self, path: &str) -> Url {
        self.url_on("127.0.0.1", path)
    }

    fn url_on(&self, host: &str, path: &str) -> Url {
        Url::parse(&format!("http://{host}:{}{path}", self.port)).unwrap()
    }
}

async fn log(State(fixture): State<Arc<Fixture>>, request: Request, next: Next) -> Response {
    let hit = Hit {
        path: request
            .uri()
            .path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        host: request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_string(),
        headers: request.headers().clone(),
        at: Instant::now(),
    };
    fixture.hits.lock().unwrap().push(hit);
    next.run(request).await
}

fn html(body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Counts the body bytes handed to the server and notices when the body is dropped
/// (the connection was closed before the end).
struct BigBody(Arc<Fixture>);

impl Drop for BigBody {
    fn drop(&mut self) {
        self.0.big_closed.store(true, Ordering::SeqCst);
    }
}

const BIG_CHUNK: usize = 64 * 1024;
const BIG_CHUNKS: usize = 1600; // 100 MiB

async fn start(robots: Option<&str>) -> Server {
    let fixture = Arc::new(Fixture::default());
    *fixture.robots.lock().unwrap() = robots.map(|r| (200, r.to_string()));
    let app = Router::new()
        .route(
            "/robots.txt",
            get(|State(f): State<Arc<Fixture>>| async move {
                match f.robots.lock().unwrap().clone() {
                    Some((status, text)) => {
                        (StatusCode::from_u16(status).unwrap(), text).into_response()
                    }
                    None => StatusCode::NOT_FOUND.into_response(),
                }
            }),
        )
        .route(
            "/page",
            get(|| async { html("<!doctype html><title>Bonjour</title><p>Bonjour à tous</p>") }),
        )
        .route("/secret", get(|| async { html("secret") }))
        .route("/private", get(|| async { html("private") }))
        .route(
            "/gone",
            get(|| async { (StatusCode::NOT_FOUND, "no such page") }),
        )
        .route(
            "/latin1",
            get(|| async {
                let mut body =
                    b"<!DOCTYPE html><html><head><meta charset=windows-1252><title>Accueil</title></head><body><p>"
                        .to_vec();
                let (encoded, _, errors) = encoding_rs::WINDOWS_1252.encode(FRENCH);
                assert!(!errors);
                body.extend_from_slice(&encoded);
                body.extend_from_slice(b"</p></body></html>");
                ([(header::CONTENT_TYPE, "text/html")], body)
            }),
        )
        .route(
            "/gzip",
            get(|| async {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                let text = format!("<p>{FRENCH}</p>").repeat(200);
                encoder.write_all(text.as_bytes()).unwrap();
                (
                    [
                        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                        (header::CONTENT_ENCODING, "gzip"),
                    ],
                    encoder.finish().unwrap(),
                )
            }),
        )
        .route(
            "/hop/{n}",
            get(|Path(n): Path<u32>| async move {
                if n == 0 {
                    html("arrived").into_response()
                } else {
                    (
                        StatusCode::FOUND,
                        [(header::LOCATION, format!("/hop/{}", n - 1))],
                    )
                        .into_response()
                }
            }),
        )
        .route(
            "/loop/{name}",
            get(|Path(name): Path<String>| async move {
                let to = if name == "a" { "/loop/b" } else { "/loop/a" };
                (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)])
            }),
        )
        .route(
            "/to-private",
            get(|| async {
                (
                    StatusCode::FOUND,
                    [(header::LOCATION, "http://10.0.0.1/admin")],
                )
            }),
        )
        .route(
            "/big",
            get(|State(f): State<Arc<Fixture>>| async move {
                let stream = futures_util::stream::unfold((0, BigBody(f)), |(i, body)| async move {
                    if i >= BIG_CHUNKS {
                        return None;
                    }
                    body.0.big_sent.fetch_add(BIG_CHUNK as u64, Ordering::SeqCst);
                    Some((
                        Ok::<_, Infallible>(Bytes::from(vec![b'a'; BIG_CHUNK])),
                        (i + 1, body),
                    ))
                });
                ([(header::CONTENT_TYPE, "text/plain")], Body::from_stream(stream))
            }),
        )
        .route(
            "/declared-big",
            get(|| async { ([(header::CONTENT_TYPE, "text/plain")], vec![b'a'; 3 * 1024 * 1024]) }),
        )
        .route(
            "/flaky",
            get(|State(f): State<Arc<Fixture>>| async move {
                if f.count("flaky") == 1 {
                    (StatusCode::INTERNAL_SERVER_ERROR, "oops").into_response()
                } else {
                    html("recovered")
                }
            }),
        )
        .route(
            "/down",
            get(|| async { (StatusCode::SERVICE_UNAVAILABLE, "down") }),
        )
        .route(
            "/limited",
            get(|State(f): State<Arc<Fixture>>| async move {
                if f.count("limited") == 1 {
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        [(header::RETRY_AFTER, "1")],
                        "slow down",
                    )
                        .into_response()
                } else {
                    html("thanks for waiting")
                }
            }),
        )
        .route(
            "/limited-long",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(header::RETRY_AFTER, "3600")],
                    "come back in an hour",
                )
            }),
        )
        .route(
            "/etag",
            get(|headers: HeaderMap| async move {
                let validators = [
                    (header::ETAG, "\"v1\""),
                    (header::LAST_MODIFIED, "Wed, 21 Oct 2015 07:28:00 GMT"),
                ];
                if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v == "\"v1\"") {
                    (StatusCode::NOT_MODIFIED, validators).into_response()
                } else {
                    (validators, html("version 1")).into_response()
                }
            }),
        )
        .route(
            "/slow",
            get(|State(f): State<Arc<Fixture>>| async move {
                let now = f.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                f.max_in_flight.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(200)).await;
                f.in_flight.fetch_sub(1, Ordering::SeqCst);
                html("slow")
            }),
        )
        .route(
            "/sleepy",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                html("too late")
            }),
        )
        .layer(middleware::from_fn_with_state(fixture.clone(), log))
        .with_state(fixture.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { fixture, port }
}

/// Loopback allowed, politeness off, quick retries; `partner.test`, `a.test` and
/// `b.test` resolve to 127.0.0.1 without DNS.
fn settings() -> FetcherSettings {
    let mut settings = FetcherSettings::bench(UA.into());
    settings.resolver = Arc::new(test_names());
    settings.retry_base_delay = Duration::from_millis(20);
    settings.total_timeout = Duration::from_secs(5);
    settings
}

fn test_names() -> StaticResolver {
    let loopback = [IpAddr::V4(Ipv4Addr::LOCALHOST)];
    StaticResolver::new()
        .with("partner.test", &loopback)
        .with("a.test", &loopback)
        .with("b.test", &loopback)
}

fn fetcher(settings: FetcherSettings) -> Fetcher {
    Fetcher::new(settings).unwrap()
}

async fn page(fetcher: &Fetcher, url: &Url) -> FetchedPage {
    match fetcher.fetch(url, &Conditional::default()).await {
        Ok(FetchOutcome::Fetched(page)) => page,
        other => panic!("{url}: expected a page, got {other:?}"),
    }
}

async fn error(fetcher: &Fetcher, url: &Url) -> FetchError {
    match fetcher.fetch(url, &Conditional::default()).await {
        Err(e) => e,
        Ok(other) => panic!("{url}: expected an error, got {other:?}"),
    }
}

#[tokio::test]
async fn fetches_a_page_with_its_metadata() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let page = page(&fetcher, &server.url("/page#section")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.final_url, server.url("/page"));
    assert!(page.body_text.contains("Bonjour à tous"));
    assert_eq!(page.encoding, "UTF-8");
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    let expected: String = Sha256::digest(page.body_text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(page.content_hash, expected);
    assert_eq!(page.redirects, 0);
    let hit = &server.fixture.hits("/page")[0];
    assert_eq!(hit.headers[header::USER_AGENT], UA);
    let accepted = hit.headers[header::ACCEPT_ENCODING].to_str().unwrap();
    for coding in ["gzip", "br", "deflate"] {
        assert!(accepted.contains(coding), "{accepted}");
    }
    assert!(matches!(
        error(&fetcher, &server.url("/gone")).await,
        FetchError::Http { status: 404 }
    ));
}

#[tokio::test]
async fn windows_1252_page_comes_out_as_utf8() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let page = page(&fetcher, &server.url("/latin1")).await;
    assert_eq!(page.encoding, "windows-1252");
    assert!(page.body_text.contains(FRENCH), "{}", page.body_text);
    assert!(page.body_text.contains('€') && page.body_text.contains('œ'));
}

#[tokio::test]
async fn gzip_bodies_are_decompressed() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let page = page(&fetcher, &server.url("/gzip")).await;
    assert_eq!(page.body_text, format!("<p>{FRENCH}</p>").repeat(200));
}

#[tokio::test]
async fn redirects_are_followed_up_to_five() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let page = page(&fetcher, &server.url("/hop/3")).await;
    assert_eq!(page.final_url, server.url("/hop/0"));
    assert_eq!(page.redirects, 3);
    assert_eq!(page.body_text, "arrived");

    let five = page_or_error(&fetcher, &server.url("/hop/5")).await;
    assert!(five.is_ok(), "{five:?}");

    let err = error(&fetcher, &server.url("/hop/6")).await;
    assert_eq!(err, FetchError::TooManyRedirects { max: 5 });
    // The sixth redirect was refused without being followed.
    assert_eq!(server.fixture.hits("/hop/0").len(), 2);
}

async fn page_or_error(fetcher: &Fetcher, url: &Url) -> Result<FetchOutcome, FetchError> {
    fetcher.fetch(url, &Conditional::default()).await
}

#[tokio::test]
async fn redirect_loops_are_detected() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let err = error(&fetcher, &server.url("/loop/a")).await;
    assert!(matches!(err, FetchError::RedirectLoop { .. }), "{err:?}");
    assert_eq!(server.fixture.hits("/loop/a").len(), 1);
    assert_eq!(server.fixture.hits("/loop/b").len(), 1);
}

#[tokio::test]
async fn bodies_over_the_cap_are_cut_off() {
    let server = start(None).await;
    let mut settings = settings();
    settings.max_body_bytes = 1024 * 1024;
    let fetcher = fetcher(settings);
    let started = Instant::now();
    let err = error(&fetcher, &server.url("/big")).await;
    assert_eq!(err, FetchError::TooLarge { limit: 1024 * 1024 });
    assert_eq!(server.fixture.hits("/big").len(), 1, "never retried");
    // The server notices the closed connection and stops producing the body.
    while !server.fixture.big_closed.load(Ordering::SeqCst) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "connection left open"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let sent = server.fixture.big_sent.load(Ordering::SeqCst);
    assert!(
        sent < 24 * 1024 * 1024,
        "{sent} bytes produced of {}",
        BIG_CHUNK * BIG_CHUNKS
    );

    // A declared Content-Length over the cap is refused before reading.
    let err = error(&fetcher, &server.url("/declared-big")).await;
    assert_eq!(err, FetchError::TooLarge { limit: 1024 * 1024 });
}

#[tokio::test]
async fn server_errors_are_retried() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let page = page(&fetcher, &server.url("/flaky")).await;
    assert_eq!(page.body_text, "recovered");
    assert_eq!(server.fixture.hits("/flaky").len(), 2);

    let err = error(&fetcher, &server.url("/down")).await;
    assert_eq!(err, FetchError::Http { status: 503 });
    assert_eq!(server.fixture.hits("/down").len(), 3, "three attempts");
}

#[tokio::test]
async fn retry_after_is_respected() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let page = page(&fetcher, &server.url("/limited")).await;
    assert_eq!(page.body_text, "thanks for waiting");
    let hits = server.fixture.hits("/limited");
    assert_eq!(hits.len(), 2);
    assert!(hits[1].at - hits[0].at >= Duration::from_millis(950));

    let started = Instant::now();
    let err = error(&fetcher, &server.url("/limited-long")).await;
    assert_eq!(
        err,
        FetchError::RateLimited {
            retry_after: Some(Duration::from_secs(3600))
        }
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "no waiting past the cap"
    );
    assert_eq!(server.fixture.hits("/limited-long").len(), 1);
}

#[tokio::test]
async fn time_outs_are_retried_then_reported() {
    let server = start(None).await;
    let mut settings = settings();
    settings.total_timeout = Duration::from_millis(300);
    settings.max_attempts = 2;
    let fetcher = fetcher(settings);
    let err = error(&fetcher, &server.url("/sleepy")).await;
    assert_eq!(err, FetchError::Timeout);
    assert_eq!(server.fixture.hits("/sleepy").len(), 2);
}

#[tokio::test]
async fn conditional_get_gives_not_modified() {
    let server = start(None).await;
    let fetcher = fetcher(settings());
    let first = page(&fetcher, &server.url("/etag")).await;
    assert_eq!(first.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        first.last_modified.as_deref(),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    let conditional = Conditional {
        etag: first.etag.clone(),
        last_modified: first.last_modified.clone(),
    };
    let outcome = fetcher
        .fetch(&server.url("/etag"), &conditional)
        .await
        .unwrap();
    match outcome {
        FetchOutcome::NotModified {
            final_url, etag, ..
        } => {
            assert_eq!(final_url, server.url("/etag"));
            assert_eq!(etag.as_deref(), Some("\"v1\""));
        }
        other => panic!("expected 304, got {other:?}"),
    }
    let second = &server.fixture.hits("/etag")[1];
    assert_eq!(second.headers[header::IF_NONE_MATCH], "\"v1\"");
    assert_eq!(
        second.headers[header::IF_MODIFIED_SINCE],
        "Wed, 21 Oct 2015 07:28:00 GMT"
    );
}

const ROBOTS: &str = "User-agent: *\nDisallow: /page\n\n\
                      User-agent: carrefour\nDisallow: /secret\nCrawl-delay: 1\n";

#[tokio::test]
async fn robots_txt_is_obeyed_with_its_crawl_delay() {
    let server = start(Some(ROBOTS)).await;
    let fetcher = fetcher(settings());
    assert!(!fetcher.robots_allows(&server.url("/secret")).await);
    assert!(
        !fetcher
            .robots_allows(&server.url("/secret/deeper?x=1"))
            .await
    );
    assert_eq!(
        error(&fetcher, &server.url("/secret")).await,
        FetchError::DisallowedByRobots
    );
    // Our group replaces the `*` group: /page is allowed to us.
    let (page_url, private_url) = (server.url("/page"), server.url("/private"));
    let (a, b) = tokio::join!(
        page_or_error(&fetcher, &page_url),
        page_or_error(&fetcher, &private_url),
    );
    assert!(a.is_ok() && b.is_ok());
    assert!(server.fixture.hits("/secret").is_empty(), "never requested");
    assert_eq!(server.fixture.hits("/robots.txt").len(), 1, "fetched once");
    // Crawl-delay: 1 although the fetcher has no delay of its own.
    let mut times: Vec<Instant> = server
        .fixture
        .hits
        .lock()
        .unwrap()
        .iter()
        .map(|h| h.at)
        .collect();
    times.sort();
    assert_eq!(times.len(), 3);
    for pair in times.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(950), "{times:?}");
    }
}

#[tokio::test]
async fn robots_txt_failures() {
    // 5xx: nothing may be fetched, the page is never requested.
    let server = start(None).await;
    *server.fixture.robots.lock().unwrap() = Some((500, String::new()));
    let fetcher1 = fetcher(settings());
    let err = error(&fetcher1, &server.url("/page")).await;
    assert_eq!(err, FetchError::SiteUnreachable);
    assert!(err.to_string().contains("cannot be reached"));
    assert!(server.fixture.hits("/page").is_empty());
    // 4xx: no robots.txt, everything allowed.
    *server.fixture.robots.lock().unwrap() = Some((403, String::new()));
    let fetcher2 = fetcher(settings());
    page(&fetcher2, &server.url("/page")).await;
    // The first fetcher keeps its verdict for the run.
    assert_eq!(
        error(&fetcher1, &server.url("/page")).await,
        FetchError::SiteUnreachable
    );
    // The `obey_robots` switch.
    *server.fixture.robots.lock().unwrap() = Some((200, "User-agent: *\nDisallow: /\n".into()));
    let mut unbound = settings();
    unbound.obey_robots = false;
    page(&fetcher(unbound), &server.url("/secret")).await;
}

#[tokio::test]
async fn same_host_requests_are_spaced() {
    let server = start(None).await;
    let mut settings = settings();
    settings.per_host_delay = Duration::from_millis(300);
    let fetcher = fetcher(settings);
    let url = server.url("/page");
    let (a, b, c) = tokio::join!(
        page_or_error(&fetcher, &url),
        page_or_error(&fetcher, &url),
        page_or_error(&fetcher, &url)
    );
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    let mut times: Vec<Instant> = server.fixture.hits("/page").iter().map(|h| h.at).collect();
    times.sort();
    // robots.txt (404) came first, then the three pages, each ≥ 300 ms apart.
    assert_eq!(times.len(), 3);
    for pair in times.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(280), "{times:?}");
    }
    // A source may ask for a longer delay.
    let gentle = SourcePoliteness {
        per_host_delay: Some(Duration::from_millis(600)),
        per_host_connections: None,
    };
    let url = server.url("/private");
    let started = Instant::now();
    fetcher
        .fetch_with(&url, &Conditional::default(), &gentle)
        .await
        .unwrap();
    fetcher
        .fetch_with(&url, &Conditional::default(), &gentle)
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(600));
}

#[tokio::test]
async fn concurrency_is_limited_per_host_and_overall() {
    let server = start(None).await;
    let mut settings = settings();
    settings.per_host_connections = 2;
    let fetcher = fetcher(settings);
    let url = server.url("/slow");
    let tasks: Vec<_> = (0..6)
        .map(|_| {
            let (fetcher, url) = (fetcher.clone(), url.clone());
            tokio::spawn(async move { page_or_error(&fetcher, &url).await })
        })
        .collect();
    for task in tasks {
        assert!(task.await.unwrap().is_ok());
    }
    assert_eq!(server.fixture.max_in_flight.load(Ordering::SeqCst), 2);

    // Two hosts (names of the same server), one global place.
    server.fixture.max_in_flight.store(0, Ordering::SeqCst);
    let mut settings = self::settings();
    settings.global_connections = 1;
    let fetcher = self::fetcher(settings);
    let tasks: Vec<_> = (0..4)
        .map(|i| {
            let host = if i % 2 == 0 { "a.test" } else { "b.test" };
            let (fetcher, url) = (fetcher.clone(), server.url_on(host, "/slow"));
            tokio::spawn(async move { page_or_error(&fetcher, &url).await })
        })
        .collect();
    for task in tasks {
        assert!(task.await.unwrap().is_ok());
    }
    assert_eq!(server.fixture.max_in_flight.load(Ordering::SeqCst), 1);
    let hosts: Vec<String> = server
        .fixture
        .hits("/slow")
        .iter()
        .map(|h| h.host.clone())
        .collect();
    assert!(hosts.iter().any(|h| h.starts_with("a.test")));
    assert!(hosts.iter().any(|h| h.starts_with("b.test")));
}

#[tokio::test]
async fn private_addresses_are_refused() {
    let server = start(None).await;
    let mut settings = settings();
    settings.allowlist = Vec::new();
    let fetcher = fetcher(settings);
    let port = server.port;
    for url in [
        format!("http://127.0.0.1:{port}/page"),
        format!("http://[::1]:{port}/page"),
        format!("http://partner.test:{port}/page"),
        "http://10.1.2.3/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://0x7f000001/".to_string(),
        "http://2130706433/".to_string(),
        "http://[::ffff:127.0.0.1]/".to_string(),
        "http://100.64.0.1/".to_string(),
        "ftp://partner.test/file".to_string(),
    ] {
        let url = Url::parse(&url).unwrap();
        let err = error(&fetcher, &url).await;
        assert!(matches!(err, FetchError::Blocked { .. }), "{url}: {err:?}");
        assert!(!fetcher.robots_allows(&url).await, "{url}");
    }
    // The system resolver (no outside DNS for `localhost`).
    let mut system = self::settings();
    system.allowlist = Vec::new();
    system.resolver = Arc::new(carrefour::crawler::fetch::SystemResolver);
    let url = server.url_on("localhost", "/page");
    let err = error(&self::fetcher(system), &url).await;
    assert!(matches!(err, FetchError::Blocked { .. }), "{url}: {err:?}");
    assert!(
        server.fixture.all_paths().is_empty(),
        "nothing reached the server"
    );
}

#[tokio::test]
async fn the_allowlist_opens_loopback_only() {
    let server = start(None).await;
    let mut settings = settings();
    settings.allowlist = vec!["127.0.0.1/32".parse().unwrap()];
    let fetcher = fetcher(settings);
    page(&fetcher, &server.url("/page")).await;
    page(&fetcher, &server.url_on("partner.test", "/page")).await;
    // A redirect to a private address is refused at the hop.
    let err = error(&fetcher, &server.url("/to-private")).await;
    assert!(matches!(err, FetchError::Blocked { .. }), "{err:?}");
    assert!(err.to_string().contains("10.0.0.1"), "{err}");
}

/// Answers 127.0.0.1 the first time, then adds 127.0.0.2: a name rebound between the
/// check and the connection.
struct Rebinding {
    calls: AtomicUsize,
}

impl HostResolver for Rebinding {
    fn lookup<'a>(&'a self, _host: &'a str) -> BoxFuture<'a, io::Result<Vec<IpAddr>>> {
        let first = self.calls.fetch_add(1, Ordering::SeqCst) == 0;
        Box::pin(async move {
            let mut addrs = vec![IpAddr::V4(Ipv4Addr::LOCALHOST)];
            if !first {
                addrs.push(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)));
            }
            Ok(addrs)
        })
    }
}

#[tokio::test]
async fn dns_rebinding_is_caught_at_connect_time() {
    let server = start(None).await;
    let mut settings = settings();
    settings.allowlist = vec!["127.0.0.1/32".parse().unwrap()];
    settings.obey_robots = false;
    settings.resolver = Arc::new(Rebinding {
        calls: AtomicUsize::new(0),
    });
    let fetcher = fetcher(settings);
    let err = error(&fetcher, &server.url_on("rebound.test", "/page")).await;
    assert!(matches!(err, FetchError::Blocked { .. }), "{err:?}");
    assert!(err.to_string().contains("127.0.0.2"), "{err}");
    assert!(server.fixture.all_paths().is_empty());
}
