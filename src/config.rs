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
}

/// The database; SQLite under the data directory unless a URL is given.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `postgres://…` or `sqlite://…`; `DATABASE_URL` sets it too.
    pub url: Option<Secret>,
    pub max_connections: u32,
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
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: None,
            max_connections: 10,
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
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(SettingsError::new("log.format", "must be text or json"));
        }
        if self.worker.lease_seconds < 5 {
            return Err(SettingsError::new(
                "worker.lease_seconds",
                "must be at least 5",
            ));
        }
        if self.worker.max_attempts < 1 {
            return Err(SettingsError::new(
                "worker.max_attempts",
                "must be at least 1",
            ));
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
