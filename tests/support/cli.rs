//! The `carrefour` binary run as a command, against a test's database.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carrefour::config::Settings;

/// Writes a settings file for the binary: the test's database and data directory, no
/// demo, the crawler allowed on loopback; `crawler_extra` is more `[crawler]` lines.
pub fn settings_file(dir: &Path, settings: &Settings, crawler_extra: &str) -> PathBuf {
    let database = match &settings.database.url {
        Some(url) => format!("[database]\nurl = \"{}\"\n", url.expose()),
        None => String::new(),
    };
    let path = dir.join("carrefour.toml");
    std::fs::write(
        &path,
        format!(
            "{database}[server]\ndata_dir = \"{}\"\n[demo]\nenabled = false\n[crawler]\nallow_private = [\"127.0.0.1/32\"]\n{crawler_extra}",
            dir.display()
        ),
    )
    .unwrap();
    path
}

/// Runs `carrefour --config CONFIG ARGS…` and returns what it did.
pub fn run(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carrefour"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs")
}
