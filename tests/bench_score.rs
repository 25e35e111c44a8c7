//! The acceptance path, with the bench harness's own tools: the five generated
//! sites served by the harness server (query rewrites of s2, robots.txt of s5 included),
//! sources made from `sites.json` and imported with the CLI, `carrefour crawl --all`,
//! `carrefour records export`, then `score.py` against the ground truth: every project
//! found, every field exact, no extra item, and the server's log shows no request for a
//! robots-disallowed path.
mod support;

use support::harness::{carrefour, generate, score, serve, sources_file};

#[tokio::test(flavor = "multi_thread")]
async fn the_generated_sites_are_crawled_as_score_py_expects() {
    let dir = tempfile::tempdir().unwrap();
    let sites = generate(dir.path(), 5, 40);
    let log = dir.path().join("access.log");
    let (_server, port) = serve(&sites, &log).await;

    let settings = support::test_settings(dir.path()).await;
    let state = carrefour::app::prepare(settings.clone(), false)
        .await
        .unwrap();
    support::fixtures::partner(&state.db, "banc-essai", "active").await;
    let config = support::cli::settings_file(dir.path(), &settings, "");
    let sources_file_path = dir.path().join("sources.json");
    std::fs::write(&sources_file_path, sources_file(&sites, port).to_string()).unwrap();
    let imported = carrefour(
        &config,
        &[
            "sources",
            "import",
            "--partner",
            "banc-essai",
            sources_file_path.to_str().unwrap(),
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

    let score = score(&sites, &items, dir.path());
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
