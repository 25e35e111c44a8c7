//! The acceptance path, with the bench harness's own tools: the five generated
//! sites served by the harness server (query rewrites of s2, robots.txt of s5 included),
//! sources made from `sites.json` and imported with the CLI, `carrefour crawl --all`,
//! `carrefour records export`, then `score.py` against the ground truth: every project
//! found, every field exact, no extra item, and the server's log shows no request for a
//! robots-disallowed path.
mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const HARNESS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/harness");
const BENCHES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches");

/// Kills the harness server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn python(args: &[&str]) -> String {
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

/// A base port with the five following ones free (sites are served on base + 1..=5).
fn free_ports() -> u16 {
    for _ in 0..50 {
        let base = 20_000 + (rand_u16() % 30_000);
        let free = (0..=5).all(|i| std::net::TcpListener::bind(("127.0.0.1", base + i)).is_ok());
        if free {
            return base;
        }
    }
    panic!("no six free consecutive ports");
}

fn rand_u16() -> u16 {
    (uuid::Uuid::new_v4().as_u128() & 0xffff) as u16
}

/// Runs the binary; it must succeed. Its standard output.
fn carrefour(config: &Path, args: &[&str]) -> String {
    let out = support::cli::run(config, args);
    assert!(
        out.status.success(),
        "carrefour {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_sites_are_crawled_as_score_py_expects() {
    let dir = tempfile::tempdir().unwrap();
    let sites = dir.path().join("sites");
    python(&[
        &format!("{HARNESS}/gen_sites.py"),
        "--out",
        sites.to_str().unwrap(),
        "--sites",
        "5",
        "--projects-per-site",
        "40",
        "--seed",
        "1",
    ]);
    let port = free_ports();
    let log = dir.path().join("access.log");
    let _server = Server(
        Command::new("python3")
            .arg("-B")
            .arg(format!("{BENCHES}/serve_logged.py"))
            .arg(&sites)
            .arg(port.to_string())
            .arg(&log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the harness server starts"),
    );
    // Wait until every site answers.
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

    let settings = support::test_settings(dir.path()).await;
    let state = carrefour::app::prepare(settings.clone(), false)
        .await
        .unwrap();
    support::fixtures::partner(&state.db, "banc-essai", "active").await;
    let config = support::cli::settings_file(dir.path(), &settings, "");
    let sources = python(&[
        &format!("{BENCHES}/sites_to_sources.py"),
        sites.join("sites.json").to_str().unwrap(),
        &port.to_string(),
    ]);
    let sources_file = dir.path().join("sources.json");
    std::fs::write(&sources_file, sources).unwrap();
    let imported = carrefour(
        &config,
        &[
            "sources",
            "import",
            "--partner",
            "banc-essai",
            sources_file.to_str().unwrap(),
        ],
    );
    assert!(imported.contains("5 sources created"), "{imported}");
    let table = carrefour(&config, &["crawl", "--all", "--politeness-off"]);
    assert_eq!(table.matches("succeeded").count(), 5, "{table}");
    let items = dir.path().join("items.jsonl");
    carrefour(
        &config,
        &["records", "export", "-o", items.to_str().unwrap()],
    );

    let score = dir.path().join("score.json");
    python(&[
        &format!("{HARNESS}/score.py"),
        sites.join("ground_truth.jsonl").to_str().unwrap(),
        items.to_str().unwrap(),
        "--json",
        score.to_str().unwrap(),
    ]);
    let score: Value = serde_json::from_str(&std::fs::read_to_string(&score).unwrap()).unwrap();
    assert_eq!(score["gt_pages"], 200, "{score:#}");
    assert_eq!(score["recall"], 1.0, "{score:#}");
    assert_eq!(
        (
            score["extra_items"].as_i64(),
            score["repeated_items"].as_i64()
        ),
        (Some(0), Some(0))
    );
    for (field, rate) in score["field_exact_match"].as_object().unwrap() {
        assert!(
            rate.as_f64().unwrap() >= 0.99,
            "{field}: {rate} — {score:#}"
        );
    }
    for (site, recall) in score["per_site_recall"].as_object().unwrap() {
        assert_eq!(recall.as_f64(), Some(1.0), "{site}");
    }

    let requests = std::fs::read_to_string(&log).unwrap();
    assert!(requests.contains("GET /robots.txt"), "robots.txt was read");
    assert!(
        !requests.contains("/prive/"),
        "a robots-disallowed page was requested"
    );
}
