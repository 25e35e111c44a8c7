//! Typed settings: built-in defaults for the embedded hub, an optional `carrefour.toml`,
//! then `CARREFOUR_SECTION__KEY` environment variables, then `DATABASE_URL`.
use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

/// A value that must never appear in logs or error messages.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

/// Every setting of the hub; `Settings::default()` runs the embedded hub.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub demo: DemoSettings,
    pub worker: WorkerSettings,
    pub log: LogSettings,
    pub oauth: OAuthSettings,
    pub crawler: CrawlerSettings,
    pub geocoder: GeocoderSettings,
    pub search: SearchSettings,
    pub map: MapSettings,
    pub api: ApiSettings,
    pub messaging: MessagingSettings,
    pub board: BoardSettings,
    pub communities: CommunitySettings,
}

/// The open-data API.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiSettings {
    /// Requests a minute per client address and web node (`0`: no limit).
    pub rate_limit_per_minute: u32,
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            rate_limit_per_minute: 600,
        }
    }
}

/// The maps' background.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MapSettings {
    /// Tile URL template (`{z}`, `{x}`, `{y}`; `{s}` for subdomains); empty for maps
    /// without a background (markers only).
    pub tile_url: String,
    /// Credit shown on the map, as the tile provider requires.
    pub attribution: String,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            tile_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "© les contributeurs d’OpenStreetMap".into(),
        }
    }
}

/// The node's search index.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchSettings {
    /// How often the indexer looks for changes to apply (a change is searchable at most
    /// this long after it is written, on every node).
    pub poll_interval_ms: u64,
    /// Memory for the answers given to visitors who are not signed in
    /// (`search::page_cache`); 0 turns the cache off.
    pub page_cache_mib: u32,
    /// How long such an answer may be served while the index does not change (what the
    /// index does not carry, such as thesaurus labels, is that late at most).
    pub page_cache_seconds: u64,
}

impl Default for SearchSettings {
    fn default() -> Self {
        Self {
            poll_interval_ms: 500,
            page_cache_mib: 32,
            page_cache_seconds: 30,
        }
    }
}

/// The brokerage board (docs/board.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoardSettings {
    /// A poster's first requests (this many) wait for a coordinator before they are
    /// published; `0` publishes at once.
    pub review_first_requests: u32,
    /// Requests a person may create per day…
    pub requests_per_day: i32,
    /// …and answers they may send per day.
    pub answers_per_day: i32,
    /// Saved searches (mailed alerts) one person may keep.
    pub alerts_per_person: u64,
}

impl Default for BoardSettings {
    fn default() -> Self {
        Self {
            review_first_requests: 0,
            requests_per_day: 10,
            answers_per_day: 20,
            alerts_per_person: 50,
        }
    }
}

/// Local action communities (docs/communities.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CommunitySettings {
    /// Members of active partners create communities without a coordinator's approval
    /// (everyone else's proposals still wait for one).
    pub partners_create_directly: bool,
    /// Removed topics and messages stay for the coordinators this many days (at least 30).
    pub removed_retention_days: u32,
}

impl Default for CommunitySettings {
    fn default() -> Self {
        Self {
            partners_create_directly: false,
            removed_retention_days: 365,
        }
    }
}

/// Messaging between people (docs/messaging.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MessagingSettings {
    /// Conversations without a message for this many days are deleted (at least 30).
    pub retention_days: u32,
    /// Domain of the reply addresses (`reponse+…@domain`); default: that of `mail.from`.
    pub reply_domain: Option<String>,
    /// Local part before the `+` of reply addresses.
    pub reply_local_part: String,
    /// New conversations a person may start per day…
    pub conversations_per_day: i32,
    /// …and with one recipient per week.
    pub conversations_per_recipient_per_week: i32,
    /// How long a relay link (the web access of a holder without an account) works.
    pub relay_link_days: u32,
    /// Accounts younger than this have their first messages with links held for review.
    pub new_account_days: u32,
}

impl Default for MessagingSettings {
    fn default() -> Self {
        Self {
            retention_days: 730,
            reply_domain: None,
            reply_local_part: "reponse".into(),
            conversations_per_day: 10,
            conversations_per_recipient_per_week: 2,
            relay_link_days: 30,
            new_account_days: 7,
        }
    }
}

/// The optional online geocoder (the national address API); off by default.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GeocoderSettings {
    /// Ask the address API for street addresses during consolidation.
    pub online: bool,
    /// Its search endpoint.
    pub url: String,
    /// The least time between two requests (the API allows about 50 per second per
    /// address; the default stays far below).
    pub min_interval_ms: u64,
    pub timeout_secs: u64,
}

impl Default for GeocoderSettings {
    fn default() -> Self {
        Self {
            online: false,
            url: "https://api-adresse.data.gouv.fr/search/".into(),
            min_interval_ms: 100,
            timeout_secs: 10,
        }
    }
}

/// The crawler of partners' sources.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrawlerSettings {
    /// Hub-wide floor of politeness: the minimum delay between two requests to one host
    /// and the most connections to it; a source may only be gentler.
    pub per_host_delay_ms: u64,
    pub per_host_connections: usize,
    /// Networks (CIDR, e.g. `127.0.0.1/32`) the crawler may reach although they are not
    /// public; empty in production.
    pub allow_private: Vec<String>,
}

impl Default for CrawlerSettings {
    fn default() -> Self {
        Self {
            per_host_delay_ms: 1000,
            per_host_connections: 2,
            allow_private: Vec::new(),
        }
    }
}

impl CrawlerSettings {
    /// `allow_private` parsed.
    pub fn allowlist(&self) -> Result<Vec<ipnet::IpNet>, SettingsError> {
        self.allow_private
            .iter()
            .map(|net| {
                net.trim()
                    .parse()
                    .map_err(|e| SettingsError::new("crawler.allow_private", format!("{net}: {e}")))
            })
            .collect()
    }
}

/// The HTTP server.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    /// Address the server listens on.
    pub bind: SocketAddr,
    /// Public base URL, used in mails and to decide whether cookies are `Secure`.
    pub public_url: String,
    /// Directory holding the SQLite file, the search index and the mail outbox.
    pub data_dir: PathBuf,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

/// The database; SQLite under the data directory unless a URL is given.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `postgres://…` or `sqlite://…`; `DATABASE_URL` sets it too.
    pub url: Option<Secret>,
    pub max_connections: u32,
    /// SQLite page cache per connection, in KiB (memory against disk reads).
    pub sqlite_cache_kib: u32,
}

/// Outgoing mail: SMTP when a host is set, else `.eml` files in `DATA_DIR/outbox/`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    pub from: String,
    /// Where messages for the collective's coordinators go.
    pub coordinators: String,
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    /// `none`, `starttls` or `tls`.
    pub smtp_security: String,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<Secret>,
}

/// Demo content seeded on the first start of an empty database.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DemoSettings {
    pub enabled: bool,
    pub projects: usize,
}

/// The durable job worker.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkerSettings {
    /// Run the worker inside `serve` (the embedded default).
    pub in_process: bool,
    pub poll_interval_ms: u64,
    /// How long a claimed job stays reserved before another worker may take it.
    pub lease_seconds: i64,
    pub max_attempts: i32,
    /// How often the scheduler queues periodic work (due crawls, session purge).
    pub scheduler_interval_secs: u64,
}

/// Sign-in through OAuth2 / OpenID Connect providers (none by default).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OAuthSettings {
    pub providers: Vec<OAuthProvider>,
}

/// One provider. Either `issuer` (OpenID Connect discovery) or the three endpoint URLs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthProvider {
    /// Short name used in URLs: `/auth/{id}`.
    pub id: String,
    /// Button text: "ProConnect", "GitLab"…
    pub label: String,
    pub issuer: Option<String>,
    pub auth_url: Option<String>,
    pub token_url: Option<String>,
    pub userinfo_url: Option<String>,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<Secret>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// Userinfo field holding the stable subject (`id` on GitHub).
    #[serde(default = "default_subject_claim")]
    pub subject_claim: String,
    /// Trust the address even without `email_verified` (providers such as GitHub only
    /// return verified addresses).
    #[serde(default)]
    pub email_always_verified: bool,
}

fn default_scopes() -> Vec<String> {
    vec!["openid".into(), "email".into(), "profile".into()]
}

fn default_subject_claim() -> String {
    "sub".into()
}

/// Logging.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogSettings {
    /// `text` or `json`.
    pub format: String,
    /// A `tracing` filter such as `info,carrefour=debug`; `RUST_LOG` wins when set.
    pub filter: String,
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: "http://127.0.0.1:3000".into(),
            data_dir: PathBuf::from("data"),
            trust_forwarded_for: false,
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: None,
            max_connections: 10,
            // 1 MiB instead of SQLite's 2: a pool of ten otherwise holds 20 MiB of
            // cached pages (docs/benchmarks.md).
            sqlite_cache_kib: 1024,
        }
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            from: "Carrefour <ne-pas-repondre@carrefour.localhost>".into(),
            coordinators: "Coordination Carrefour <coordination@carrefour.localhost>".into(),
            smtp_host: None,
            smtp_port: 587,
            smtp_security: "starttls".into(),
            smtp_username: None,
            smtp_password: None,
        }
    }
}

impl Default for DemoSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            projects: 600,
        }
    }
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            in_process: true,
            poll_interval_ms: 500,
            lease_seconds: 300,
            max_attempts: 8,
            scheduler_interval_secs: 60,
        }
    }
}

impl Default for LogSettings {
    fn default() -> Self {
        Self {
            format: "text".into(),
            filter: "info,sqlx=warn,sea_orm=warn,tower_sessions=warn".into(),
        }
    }
}

/// A setting that failed to load or validate; the message names the key.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {key}: {message}")]
pub struct SettingsError {
    pub key: String,
    pub message: String,
}

impl SettingsError {
    fn new(key: &str, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

impl Settings {
    /// Loads defaults, then `file` (or `./carrefour.toml` when present), then the
    /// `CARREFOUR_…` variables and `DATABASE_URL` found in `env`.
    pub fn load(file: Option<&Path>, env: &HashMap<String, String>) -> Result<Self, SettingsError> {
        let mut builder = config::Config::builder();
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(SettingsError::new(
                        "config file",
                        format!("{} does not exist", path.display()),
                    ));
                }
                builder = builder.add_source(config::File::from(path).required(true));
            }
            None => {
                builder =
                    builder.add_source(config::File::with_name("carrefour.toml").required(false));
            }
        }
        let carrefour_vars: HashMap<String, String> = env
            .iter()
            .filter(|(k, _)| k.starts_with("CARREFOUR_") && k.as_str() != "CARREFOUR_CONFIG")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        builder = builder.add_source(
            config::Environment::with_prefix("CARREFOUR")
                .prefix_separator("_")
                .separator("__")
                .try_parsing(true)
                // Lists are comma-separated: CARREFOUR_CRAWLER__ALLOW_PRIVATE=127.0.0.1/32,::1/128
                .list_separator(",")
                .with_list_parse_key("crawler.allow_private")
                .source(Some(carrefour_vars)),
        );
        let loaded = builder.build().map_err(|e| config_error(&e))?;
        let mut settings: Settings = loaded.try_deserialize().map_err(|e| config_error(&e))?;
        if let Some(url) = env.get("DATABASE_URL").filter(|u| !u.is_empty()) {
            settings.database.url = Some(Secret::new(url.clone()));
        }
        settings.validate()?;
        Ok(settings)
    }

    /// Checks what types alone cannot.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let public = url::Url::parse(&self.server.public_url)
            .map_err(|e| SettingsError::new("server.public_url", e.to_string()))?;
        if !matches!(public.scheme(), "http" | "https") {
            return Err(SettingsError::new(
                "server.public_url",
                "must start with http:// or https://",
            ));
        }
        if let Some(url) = &self.database.url {
            let url = url.expose();
            if !(url.starts_with("postgres://")
                || url.starts_with("postgresql://")
                || url.starts_with("sqlite:"))
            {
                return Err(SettingsError::new(
                    "database.url",
                    "must start with postgres://, postgresql:// or sqlite:",
                ));
            }
        }
        if !(64..=1_048_576).contains(&self.database.sqlite_cache_kib) {
            return Err(SettingsError::new(
                "database.sqlite_cache_kib",
                "must be between 64 and 1048576 (1 GiB)",
            ));
        }
        if self.database.max_connections == 0 {
            return Err(SettingsError::new(
                "database.max_connections",
                "must be at least 1",
            ));
        }
        for (key, value) in [
            ("mail.from", &self.mail.from),
            ("mail.coordinators", &self.mail.coordinators),
        ] {
            value
                .parse::<lettre::message::Mailbox>()
                .map_err(|e| SettingsError::new(key, format!("not a mail address ({e})")))?;
        }
        if !matches!(
            self.mail.smtp_security.as_str(),
            "none" | "starttls" | "tls"
        ) {
            return Err(SettingsError::new(
                "mail.smtp_security",
                "must be none, starttls or tls",
            ));
        }
        self.validate_oauth()?;
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(SettingsError::new("log.format", "must be text or json"));
        }
        if self.worker.lease_seconds < 5 {
            return Err(SettingsError::new(
                "worker.lease_seconds",
                "must be at least 5",
            ));
        }
        if self.worker.scheduler_interval_secs < 1 {
            return Err(SettingsError::new(
                "worker.scheduler_interval_secs",
                "must be at least 1",
            ));
        }
        if self.worker.max_attempts < 1 {
            return Err(SettingsError::new(
                "worker.max_attempts",
                "must be at least 1",
            ));
        }
        self.crawler.allowlist()?;
        self.validate_messaging()?;
        if self.communities.removed_retention_days < 30 {
            return Err(SettingsError::new(
                "communities.removed_retention_days",
                "must be at least 30",
            ));
        }
        Ok(())
    }

    fn validate_messaging(&self) -> Result<(), SettingsError> {
        let m = &self.messaging;
        if m.retention_days < 30 {
            return Err(SettingsError::new(
                "messaging.retention_days",
                "must be at least 30",
            ));
        }
        let local_ok = !m.reply_local_part.is_empty()
            && m.reply_local_part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !local_ok {
            return Err(SettingsError::new(
                "messaging.reply_local_part",
                "must be letters, digits, '-', '_' or '.'",
            ));
        }
        if let Some(domain) = &m.reply_domain
            && (domain.is_empty() || domain.contains(['@', ' ', '<', '>']))
        {
            return Err(SettingsError::new(
                "messaging.reply_domain",
                "must be a domain name such as carrefour.example.org",
            ));
        }
        for (key, value) in [
            ("messaging.conversations_per_day", m.conversations_per_day),
            (
                "messaging.conversations_per_recipient_per_week",
                m.conversations_per_recipient_per_week,
            ),
        ] {
            if value < 1 {
                return Err(SettingsError::new(key, "must be at least 1"));
            }
        }
        if m.relay_link_days < 1 {
            return Err(SettingsError::new(
                "messaging.relay_link_days",
                "must be at least 1",
            ));
        }
        Ok(())
    }

    /// The domain of reply addresses: the configured one, else that of `mail.from`.
    pub fn reply_domain(&self) -> String {
        if let Some(domain) = &self.messaging.reply_domain {
            return domain.clone();
        }
        self.mail
            .from
            .parse::<lettre::message::Mailbox>()
            .map(|m| m.email.domain().to_owned())
            .unwrap_or_else(|_| "carrefour.localhost".into())
    }

    fn validate_oauth(&self) -> Result<(), SettingsError> {
        let mut seen = std::collections::HashSet::new();
        for (index, provider) in self.oauth.providers.iter().enumerate() {
            let key = |field: &str| format!("oauth.providers[{index}].{field}");
            let id_ok = !provider.id.is_empty()
                && provider
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                return Err(SettingsError::new(
                    &key("id"),
                    "must be lowercase letters, digits or -",
                ));
            }
            if !seen.insert(provider.id.as_str()) {
                return Err(SettingsError::new(&key("id"), "is used twice"));
            }
            if provider.label.trim().is_empty() {
                return Err(SettingsError::new(&key("label"), "must not be empty"));
            }
            if provider.client_id.is_empty() {
                return Err(SettingsError::new(&key("client_id"), "must not be empty"));
            }
            let urls = [
                ("issuer", &provider.issuer),
                ("auth_url", &provider.auth_url),
                ("token_url", &provider.token_url),
                ("userinfo_url", &provider.userinfo_url),
            ];
            for (field, value) in urls {
                if let Some(value) = value {
                    let parsed = url::Url::parse(value)
                        .map_err(|e| SettingsError::new(&key(field), e.to_string()))?;
                    if !matches!(parsed.scheme(), "http" | "https") {
                        return Err(SettingsError::new(&key(field), "must be an http(s) URL"));
                    }
                }
            }
            let explicit = provider.auth_url.is_some()
                && provider.token_url.is_some()
                && provider.userinfo_url.is_some();
            if provider.issuer.is_none() && !explicit {
                return Err(SettingsError::new(
                    &key("issuer"),
                    "give issuer, or auth_url, token_url and userinfo_url",
                ));
            }
        }
        Ok(())
    }

    /// The database URL to connect to: the configured one, else SQLite in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database.url {
            Some(url) => url.expose().to_owned(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.server.data_dir.join("carrefour.db").display()
            ),
        }
    }

    /// True when the hub runs on the embedded SQLite database.
    pub fn is_sqlite(&self) -> bool {
        self.database_url().starts_with("sqlite:")
    }

    /// Cookies get the `Secure` flag when the public URL is HTTPS.
    pub fn is_https(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }

    /// Directory of `.eml` files written when no SMTP host is configured.
    pub fn outbox_dir(&self) -> PathBuf {
        self.server.data_dir.join("outbox")
    }
}

fn config_error(err: &config::ConfigError) -> SettingsError {
    let text = err.to_string();
    // config-rs phrases type errors as "… for key `a.b` in …"; lift the key out.
    let key = text
        .split("for key `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .map(str::to_owned)
        .or_else(|| {
            text.split("unknown field `")
                .nth(1)
                .and_then(|rest| rest.split('`').next())
                .map(|f| format!("{f} (unknown)"))
        })
        .unwrap_or_else(|| "configuration".into());
    SettingsError { key, message: text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_run_the_embedded_hub() {
        let s = Settings::load(None, &env(&[])).unwrap();
        assert_eq!(s.server.bind.to_string(), "127.0.0.1:3000");
        assert!(s.is_sqlite());
        assert!(s.database_url().contains("data/carrefour.db"));
        assert!(s.demo.enabled);
    }

    #[test]
    fn environment_overrides_nested_keys() {
        let s = Settings::load(
            None,
            &env(&[
                ("CARREFOUR_SERVER__BIND", "0.0.0.0:8080"),
                ("CARREFOUR_DEMO__ENABLED", "false"),
            ]),
        )
        .unwrap();
        assert_eq!(s.server.bind.port(), 8080);
        assert!(!s.demo.enabled);
        let s = Settings::load(
            None,
            &env(&[("CARREFOUR_CRAWLER__ALLOW_PRIVATE", "127.0.0.1/32,::1/128")]),
        )
        .unwrap();
        assert_eq!(s.crawler.allow_private, ["127.0.0.1/32", "::1/128"]);
    }

    #[test]
    fn sqlite_cache_is_bounded() {
        let set = |kib: &str| {
            Settings::load(None, &env(&[("CARREFOUR_DATABASE__SQLITE_CACHE_KIB", kib)]))
        };
        assert_eq!(set("16384").unwrap().database.sqlite_cache_kib, 16384);
        for wrong in ["0", "2000000"] {
            let err = set(wrong).unwrap_err().to_string();
            assert!(err.contains("database.sqlite_cache_kib"), "{err}");
        }
    }

    #[test]
    fn database_url_comes_from_its_variable_and_is_never_printed() {
        let s = Settings::load(
            None,
            &env(&[("DATABASE_URL", "postgres://u:hunter2@db/carrefour")]),
        )
        .unwrap();
        assert!(!s.is_sqlite());
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn invalid_values_name_their_key() {
        let err = Settings::load(None, &env(&[("CARREFOUR_SERVER__BIND", "nowhere")])).unwrap_err();
        assert!(err.to_string().contains("server.bind"), "{err}");
        let err = Settings::load(None, &env(&[("CARREFOUR_LOG__FORMAT", "xml")])).unwrap_err();
        assert!(err.to_string().contains("log.format"), "{err}");
        let err = Settings::load(None, &env(&[("DATABASE_URL", "mysql://x")])).unwrap_err();
        assert!(err.to_string().contains("database.url"), "{err}");
    }

    #[test]
    fn oauth_providers_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "[[oauth.providers]]\nid = \"gitlab\"\nlabel = \"GitLab\"\nclient_id = \"x\"\n\
             issuer = \"https://gitlab.example.org\"\nclient_secret = \"s3cret\"\n",
        )
        .unwrap();
        let s = Settings::load(Some(&path), &env(&[])).unwrap();
        assert_eq!(s.oauth.providers[0].scopes, ["openid", "email", "profile"]);
        assert!(!format!("{s:?}").contains("s3cret"));
        std::fs::write(
            &path,
            "[[oauth.providers]]\nid = \"gitlab\"\nlabel = \"GitLab\"\nclient_id = \"x\"\n",
        )
        .unwrap();
        let err = Settings::load(Some(&path), &env(&[])).unwrap_err();
        assert!(
            err.to_string().contains("oauth.providers[0].issuer"),
            "{err}"
        );
    }

    #[test]
    fn messaging_settings_are_checked() {
        let s = Settings::load(None, &env(&[])).unwrap();
        assert_eq!(s.reply_domain(), "carrefour.localhost");
        let s = Settings::load(
            None,
            &env(&[("CARREFOUR_MESSAGING__REPLY_DOMAIN", "reponses.example.org")]),
        )
        .unwrap();
        assert_eq!(s.reply_domain(), "reponses.example.org");
        let err = Settings::load(None, &env(&[("CARREFOUR_MESSAGING__RETENTION_DAYS", "3")]))
            .unwrap_err();
        assert!(
            err.to_string().contains("messaging.retention_days"),
            "{err}"
        );
        let err = Settings::load(
            None,
            &env(&[("CARREFOUR_MESSAGING__REPLY_LOCAL_PART", "a+b")]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("reply_local_part"), "{err}");
    }

    #[test]
    fn file_settings_apply_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(
            &path,
            "[server]\npublic_url = \"https://hub.example.org\"\n",
        )
        .unwrap();
        let s = Settings::load(Some(&path), &env(&[])).unwrap();
        assert!(s.is_https());
        std::fs::write(&path, "[server]\nbindd = \"x\"\n").unwrap();
        let err = Settings::load(Some(&path), &env(&[])).unwrap_err();
        assert!(err.to_string().contains("bindd"), "{err}");
    }
}
