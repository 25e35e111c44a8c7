//! `TestApp`: the real router on an ephemeral port against a fresh database (SQLite in a
//! temp dir, or a new PostgreSQL database when `TEST_DATABASE_URL` is set), with an HTTP
//! client that keeps cookies like a browser.
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use carrefour::app::{self, ServeOptions};
use carrefour::config::{Secret, Settings};
use carrefour::state::AppState;
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database};
use tokio_util::sync::CancellationToken;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub settings: Settings,
    pub shutdown: CancellationToken,
    _dir: tempfile::TempDir,
}

/// Options for `TestApp::spawn_with`.
#[derive(Default)]
pub struct TestOptions {
    /// Seed that many demo projects.
    pub demo_projects: Option<usize>,
}

/// Which database the suite runs against, for test output.
pub fn backend_name() -> &'static str {
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        "postgresql"
    } else {
        "sqlite"
    }
}

/// A fresh PostgreSQL database on the server of `TEST_DATABASE_URL`.
async fn fresh_postgres(admin_url: &str) -> String {
    let name = format!("carrefour_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(admin_url)
        .await
        .expect("cannot reach TEST_DATABASE_URL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("cannot create a test database");
    admin.close().await.ok();
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL needs a database name");
    format!("{base}/{name}")
}

/// Settings for a test: data in `dir`, a fresh database.
pub async fn test_settings(dir: &std::path::Path) -> Settings {
    let mut settings = Settings::default();
    settings.server.data_dir = dir.to_path_buf();
    settings.worker.poll_interval_ms = 50;
    settings.demo.enabled = false;
    if let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") {
        settings.database.url = Some(Secret::new(fresh_postgres(&admin_url).await));
    }
    settings
}

/// A prepared hub state with no server and no worker running, for service-level tests.
pub async fn fresh_state() -> (AppState, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let settings = test_settings(dir.path()).await;
    (app::prepare(settings, false).await.unwrap(), dir)
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(TestOptions::default()).await
    }

    pub async fn spawn_with(options: TestOptions) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut settings = test_settings(dir.path()).await;
        settings.server.bind = addr;
        settings.server.public_url = format!("http://{addr}");
        settings.demo.enabled = options.demo_projects.is_some();
        settings.demo.projects = options.demo_projects.unwrap_or(0);
        let state = app::prepare(settings.clone(), settings.demo.enabled)
            .await
            .unwrap();
        let shutdown = CancellationToken::new();
        let serve_options = ServeOptions {
            worker: true,
            demo: settings.demo.enabled,
        };
        tokio::spawn(app::serve(
            state.clone(),
            listener,
            serve_options,
            shutdown.clone(),
        ));
        Self {
            base: format!("http://{addr}"),
            client: client(),
            state,
            settings,
            shutdown,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// GETs a page and returns its status and body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// The CSRF token of the form on `path` (which also opens the session).
    pub async fn csrf_token(&self, path: &str) -> String {
        let (_, body) = self.page(path).await;
        extract_csrf(&body).unwrap_or_else(|| panic!("no CSRF token on {path}"))
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub fn outbox(&self) -> PathBuf {
        self.settings.outbox_dir()
    }

    /// Waits up to 10 s for a mail whose raw text contains `needle`; returns it.
    pub async fn wait_for_mail(&self, needle: &str) -> String {
        for _ in 0..200 {
            if let Ok(entries) = std::fs::read_dir(self.outbox()) {
                for entry in entries.flatten() {
                    let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                    if decoded(&text).contains(needle) {
                        return decoded(&text);
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no mail containing {needle:?} arrived in {}",
            self.outbox().display()
        );
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A browser-like client: cookies kept, redirects not followed (tests look at them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The value of the first `_csrf` hidden input in an HTML page.
pub fn extract_csrf(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("input[name=_csrf]").unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .map(str::to_owned)
        .filter(|v| !v.is_empty())
}

/// Undoes quoted-printable soft breaks and `=XX` escapes so tests can search mail text.
pub fn decoded(raw: &str) -> String {
    let joined = raw.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(byte) = escaped {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Text of every element matching `selector`.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// `href` of every element matching `selector`.
pub fn hrefs(html: &str, selector: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .filter_map(|e| e.value().attr("href").map(str::to_owned))
        .collect()
}
