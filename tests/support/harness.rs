//! The bench harness (benches/harness: gen_sites.py, score.py) and its logging server,
//! run from tests: generated partner sites served on loopback ports.
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const HARNESS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/harness");
pub const BENCHES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches");

/// Kills the harness server when the test ends, however it ends.
pub struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs a Python script; it must succeed. Its standard output.
pub fn python(args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg("-B")
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Generates `sites` sites of `per_site` projects each (seed 1) under `dir/sites`.
pub fn generate(dir: &Path, sites: u32, per_site: u32) -> PathBuf {
    let out = dir.join("sites");
    python(&[
        &format!("{HARNESS}/gen_sites.py"),
        "--out",
        out.to_str().unwrap(),
        "--sites",
        &sites.to_string(),
        "--projects-per-site",
        &per_site.to_string(),
        "--seed",
        "1",
    ]);
    out
}

/// A base port with the five following ones free (sites are served on base + 1..=5).
fn free_ports() -> u16 {
    for _ in 0..50 {
        let base = 20_000 + ((uuid::Uuid::new_v4().as_u128() & 0xffff) as u16 % 30_000);
        let free = (0..=5).all(|i| std::net::TcpListener::bind(("127.0.0.1", base + i)).is_ok());
        if free {
            return base;
        }
    }
    panic!("no six free consecutive ports");
}

/// Serves the generated sites (logging requests to `log`) once every site answers;
/// returns the server and its base port.
pub async fn serve(sites: &Path, log: &Path) -> (Server, u16) {
    let port = free_ports();
    let server = Server(
        Command::new("python3")
            .arg("-B")
            .arg(format!("{BENCHES}/serve_logged.py"))
            .arg(sites)
            .arg(port.to_string())
            .arg(log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the harness server starts"),
    );
    let client = reqwest::Client::new();
    for i in 1..=5u16 {
        let url = format!("http://127.0.0.1:{}/robots.txt", port + i);
        let mut up = false;
        for _ in 0..100 {
            if client.get(&url).send().await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(up, "site {i} is not served");
    }
    (server, port)
}

/// The sources file (docs/sources.md) of the generated sites served on `port`.
pub fn sources_file(sites: &Path, port: u16) -> serde_json::Value {
    let json = python(&[
        &format!("{BENCHES}/sites_to_sources.py"),
        sites.join("sites.json").to_str().unwrap(),
        &port.to_string(),
    ]);
    serde_json::from_str(&json).unwrap()
}

/// Runs the binary; it must succeed. Its standard output.
pub fn carrefour(config: &Path, args: &[&str]) -> String {
    let out = super::cli::run(config, args);
    assert!(
        out.status.success(),
        "carrefour {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Scores exported items against the ground truth with score.py; its JSON report.
pub fn score(sites: &Path, items: &Path, dir: &Path) -> serde_json::Value {
    let out = dir.join("score.json");
    python(&[
        &format!("{HARNESS}/score.py"),
        sites.join("ground_truth.jsonl").to_str().unwrap(),
        items.to_str().unwrap(),
        "--json",
        out.to_str().unwrap(),
    ]);
    serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap()
}
