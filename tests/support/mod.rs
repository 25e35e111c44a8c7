//! `TestApp`: the real router on an ephemeral port against a fresh database (SQLite in a
//! temp dir, or a new PostgreSQL database when `TEST_DATABASE_URL` is set), with an HTTP
//! client that keeps cookies like a browser. Every app has its own SMTP server on loopback
//! (`smtp::SmtpSink`) and all its mail really goes through SMTP, unless the test asks for
//! the file outbox (`TestApp::builder().file_outbox()`).
// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use carrefour::app::{self, ServeOptions};
use carrefour::config::{Secret, Settings};
use carrefour::state::AppState;
use reqwest::cookie::{CookieStore as _, Jar};
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database};
use tokio_util::sync::CancellationToken;

pub mod cli;
pub mod counts;
pub mod fixtures;
pub mod harness;
pub mod matrix;
pub mod oauth_provider;
pub mod projects;
pub mod records;
pub mod score;
pub mod smtp;

pub use smtp::{Mail, SmtpSink};

/// How long tests wait for a mail before failing.
const MAIL_TIMEOUT: Duration = Duration::from_secs(10);

pub struct TestApp {
    pub base: String,
    /// The main browser's client (shares its cookies with `app.get`, `app.post_form`…).
    pub client: reqwest::Client,
    pub state: AppState,
    pub settings: Settings,
    pub shutdown: CancellationToken,
    /// The SMTP server every mail goes through; `None` with a file outbox.
    pub smtp: Option<SmtpSink>,
    browser: Browser,
    _dir: tempfile::TempDir,
}

/// Options for `TestApp::spawn_with`.
#[derive(Default)]
pub struct TestOptions {
    /// Seed that many demo projects.
    pub demo_projects: Option<usize>,
}

type Configure = Box<dyn FnOnce(&mut Settings) + Send>;

/// Everything a test may choose before the app starts: `TestApp::builder()…spawn()`.
#[derive(Default)]
pub struct TestAppBuilder {
    options: TestOptions,
    file_outbox: bool,
    configure: Vec<Configure>,
}

impl TestAppBuilder {
    /// Seed that many demo projects.
    pub fn demo_projects(mut self, count: usize) -> Self {
        self.options.demo_projects = Some(count);
        self
    }

    /// No SMTP: mail is written as `.eml` files to the outbox directory, as on a hub
    /// without a mail server (`wait_for_mail` then reads that directory).
    pub fn file_outbox(mut self) -> Self {
        self.file_outbox = true;
        self
    }

    /// Offers sign-in through `provider`.
    pub fn oauth_provider(self, provider: carrefour::config::OAuthProvider) -> Self {
        self.configure(move |settings| settings.oauth.providers.push(provider))
    }

    /// Changes the settings after the test defaults, before the app starts.
    pub fn configure(mut self, change: impl FnOnce(&mut Settings) + Send + 'static) -> Self {
        self.configure.push(Box::new(change));
        self
    }

    pub async fn spawn(self) -> TestApp {
        // The hub's errors go to the failing test's output (an unexpected 500 says why).
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("error"))
            .with_test_writer()
            .try_init();
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut settings = test_settings(dir.path()).await;
        settings.server.bind = addr;
        settings.server.public_url = format!("http://{addr}");
        settings.demo.enabled = self.options.demo_projects.is_some();
        settings.demo.projects = self.options.demo_projects.unwrap_or(0);
        let smtp = if self.file_outbox {
            None
        } else {
            let sink = SmtpSink::start().await;
            settings.mail.smtp_host = Some("127.0.0.1".into());
            settings.mail.smtp_port = sink.port();
            settings.mail.smtp_security = "none".into();
            Some(sink)
        };
        for change in self.configure {
            change(&mut settings);
        }
        settings.validate().expect("test settings are invalid");
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
        if settings.demo.enabled {
            wait_for_demo(&state).await;
        }
        let base = format!("http://{addr}");
        let browser = Browser::new(&base);
        TestApp {
            client: browser.client.clone(),
            base,
            state,
            settings,
            shutdown,
            smtp,
            browser,
            _dir: dir,
        }
    }
}

/// Waits until the demo sources were crawled and consolidated after the server started,
/// and indexed.
async fn wait_for_demo(state: &AppState) {
    for _ in 0..1200 {
        if carrefour::demo::pipeline::finished(&state.db)
            .await
            .unwrap()
        {
            wait_indexed(state).await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the demo sources were not collected within a minute");
}

/// Waits until the node's search index holds every change written so far.
pub async fn wait_indexed(state: &AppState) {
    for _ in 0..400 {
        if state.search.caught_up(&state.db).await.unwrap() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the search index did not catch up within 10 s");
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
    // Only the start-up tick: tests queue crawls themselves, never towards outside hosts.
    settings.worker.scheduler_interval_secs = 24 * 3600;
    settings.demo.enabled = false;
    // Maps without background tiles: tests never reach an outside host.
    settings.map.tile_url = String::new();
    settings.search.poll_interval_ms = 50;
    // Tests change labels and names and look at once; the cache has its own test.
    settings.search.page_cache_mib = 0;
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
        Self::builder().spawn().await
    }

    pub async fn spawn_with(options: TestOptions) -> Self {
        TestAppBuilder {
            options,
            ..Default::default()
        }
        .spawn()
        .await
    }

    /// Options beyond `TestOptions`: a file outbox, OAuth providers, any setting.
    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    pub fn url(&self, path: &str) -> String {
        self.browser.url(path)
    }

    /// Another browser (its own cookies) on this app.
    pub fn new_browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// The main browser, the one `app.get`, `app.page`… use.
    /// A browser signed in as a new verified account `email`, member of `partner_id`
    /// with `role`.
    pub async fn member_browser(&self, partner_id: i64, email: &str, role: &str) -> Browser {
        const PASSWORD: &str = "mot de passe solide";
        let user = fixtures::user(&self.state.db, email, Some(PASSWORD), false).await;
        fixtures::member(&self.state.db, partner_id, user.id, role).await;
        self.signed_in(email, PASSWORD).await
    }

    /// A browser signed in as a new coordinator.
    pub async fn coordinator_browser(&self, email: &str) -> Browser {
        const PASSWORD: &str = "mot de passe solide";
        fixtures::user(&self.state.db, email, Some(PASSWORD), true).await;
        self.signed_in(email, PASSWORD).await
    }

    async fn signed_in(&self, email: &str, password: &str) -> Browser {
        let browser = self.new_browser();
        let csrf = browser.csrf_token("/connexion").await;
        let signed = browser
            .post_form(
                "/connexion",
                &[("_csrf", &csrf), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(signed.status(), 303, "{email} signs in");
        browser
    }

    pub fn browser(&self) -> &Browser {
        &self.browser
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.browser.get(path).await
    }

    /// GETs a page and returns its status and body.
    pub async fn page(&self, path: &str) -> (u16, String) {
        self.browser.page(path).await
    }

    /// The CSRF token of the form on `path` (which also opens the session).
    pub async fn csrf_token(&self, path: &str) -> String {
        self.browser.csrf_token(path).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.browser.post_form(path, fields).await
    }

    pub fn outbox(&self) -> PathBuf {
        self.settings.outbox_dir()
    }

    fn sink(&self) -> &SmtpSink {
        self.smtp
            .as_ref()
            .expect("this app writes mail to its outbox; there is no SMTP sink")
    }

    /// Every mail the SMTP sink received so far, oldest first.
    pub fn mails(&self) -> Vec<Mail> {
        self.sink().mails()
    }

    /// The SMTP server answers a message before the worker records its job as done;
    /// waits (up to 5 s) until no mail job is still running, so tests see settled jobs.
    async fn settle_mail_jobs(&self) {
        use carrefour::entities::job;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        for _ in 0..250 {
            let running = job::Entity::find()
                .filter(job::Column::Kind.eq("send_mail"))
                .filter(job::Column::Status.eq("running"))
                .count(&self.state.db)
                .await
                .unwrap();
            if running == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until `count` mails whose decoded text contains `needle` arrived through
    /// SMTP (up to 10 s); returns all those mails, oldest first.
    pub async fn wait_for_mails(&self, needle: &str, count: usize) -> Vec<Mail> {
        let matching = |mails: &[Mail]| -> Vec<Mail> {
            mails
                .iter()
                .filter(|m| m.text().contains(needle))
                .cloned()
                .collect()
        };
        match self
            .sink()
            .wait_until(MAIL_TIMEOUT, |mails| matching(mails).len() >= count)
            .await
        {
            Some(mails) => {
                self.settle_mail_jobs().await;
                matching(&mails)
            }
            None => panic!(
                "expected {count} mail(s) containing {needle:?} through SMTP; got {:?}",
                self.mails()
                    .iter()
                    .map(|m| (m.to.clone(), subject(&m.text())))
                    .collect::<Vec<_>>()
            ),
        }
    }

    /// Waits up to 10 s for a mail to `recipient` (envelope) containing `needle`.
    pub async fn wait_for_mail_to(&self, recipient: &str, needle: &str) -> Mail {
        let found = |mails: &[Mail]| {
            mails
                .iter()
                .find(|m| m.is_to(recipient) && m.text().contains(needle))
                .cloned()
        };
        match self
            .sink()
            .wait_until(MAIL_TIMEOUT, |mails| found(mails).is_some())
            .await
        {
            Some(mails) => {
                self.settle_mail_jobs().await;
                found(&mails).unwrap()
            }
            None => panic!(
                "no mail to {recipient} containing {needle:?} arrived; got {:?}",
                self.mails()
                    .iter()
                    .map(|m| (m.to.clone(), subject(&m.text())))
                    .collect::<Vec<_>>()
            ),
        }
    }

    /// Waits up to 10 s for a mail whose decoded text contains `needle`; returns that
    /// text. Reads the SMTP sink, or the outbox directory of a `file_outbox()` app.
    pub async fn wait_for_mail(&self, needle: &str) -> String {
        if self.smtp.is_some() {
            return self.wait_for_mails(needle, 1).await.remove(0).text();
        }
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

/// A browser on the app: its own cookie jar, redirects not followed.
#[derive(Clone)]
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    jar: Arc<Jar>,
}

impl Browser {
    pub fn new(base: &str) -> Self {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .unwrap();
        Self {
            base: base.to_owned(),
            client,
            jar,
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

    /// GETs an absolute URL (e.g. a link from a mail, or a provider's page).
    pub async fn get_url(&self, url: &str) -> reqwest::Response {
        self.client.get(url).send().await.unwrap()
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

    /// The value of the cookie `name` this browser would send to the app.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url: reqwest::Url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split("; ").find_map(|pair| {
            pair.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_owned())
        })
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

/// The first http(s) URL in `mail` whose path starts with `path_prefix`
/// (e.g. `/inscription/verifier/`). Give it decoded text (`Mail::text`, `wait_for_mail`).
pub fn link_in_mail(mail: &str, path_prefix: &str) -> String {
    let mut rest = mail;
    while let Some(start) = rest.find("http") {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .unwrap_or(candidate.len());
        let link = candidate[..end].trim_end_matches(['.', ',', ';']);
        if let Ok(url) = url::Url::parse(link)
            && matches!(url.scheme(), "http" | "https")
            && url.path().starts_with(path_prefix)
        {
            return link.replace("&amp;", "&");
        }
        rest = &candidate[4..];
    }
    panic!("no link to {path_prefix}… in this mail:\n{mail}");
}

/// The `Subject:` header of a raw mail, for messages.
pub fn subject(mail: &str) -> String {
    mail.lines()
        .find_map(|l| l.strip_prefix("Subject: "))
        .unwrap_or_default()
        .to_owned()
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
/// The `name` attribute of the first element matching `selector` (empty when none).
pub fn attribute(html: &str, selector: &str, name: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .and_then(|e| e.value().attr(name))
        .unwrap_or_default()
        .to_owned()
}

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
