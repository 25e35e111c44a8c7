//! Consolidation's acceptance path on the bench harness's material: five generated
//! partner sites (each listed by its own partner) whose cross-site duplicates are
//! reworded and whose near misses share a generic title in another commune. Crawled and
//! consolidated with the CLI, exported with each record's project as `dup_group`, and
//! scored by score.py: duplicate pairs F1 ≥ 0.95, no near miss merged; ≥ 98% of the
//! projects geocoded to the right commune; every tag mapped and every project given a
//! theme; a second consolidation changes nothing.
mod support;

use std::collections::HashMap;

use carrefour::entities::project;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use support::harness::{carrefour, generate, score, serve, sources_file};

const PER_SITE: u32 = 400;

#[tokio::test(flavor = "multi_thread")]
async fn reworded_duplicates_merge_and_near_misses_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let sites = generate(dir.path(), 5, PER_SITE);
    let (_server, port) = serve(&sites, &dir.path().join("access.log")).await;
    let settings = support::test_settings(dir.path()).await;
    let state = carrefour::app::prepare(settings.clone(), false)
        .await
        .unwrap();
    let config = support::cli::settings_file(dir.path(), &settings, "");

    // One partner per site, as on the real hub.
    let sources = sources_file(&sites, port);
    for (k, source) in sources["sources"].as_array().unwrap().iter().enumerate() {
        let slug = format!("partenaire-{}", k + 1);
        support::fixtures::partner(&state.db, &slug, "active").await;
        let file = dir.path().join(format!("{slug}.json"));
        std::fs::write(&file, json!({"sources": [source]}).to_string()).unwrap();
        carrefour(
            &config,
            &[
                "sources",
                "import",
                "--partner",
                &slug,
                file.to_str().unwrap(),
            ],
        );
    }
    let table = carrefour(&config, &["crawl", "--all", "--politeness-off"]);
    assert_eq!(table.matches("succeeded").count(), 5, "{table}");
    let report = carrefour(&config, &["consolidate", "--all"]);
    assert!(report.contains("2000 records consolidated"), "{report}");

    let items = dir.path().join("items.jsonl");
    carrefour(
        &config,
        &["records", "export", "-o", items.to_str().unwrap()],
    );
    let score = score(&sites, &items, dir.path());
    assert_eq!(score["recall"], 1.0, "{score:#}");
    let dedup = &score["dedup"];
    let (precision, recall) = (
        dedup["precision"].as_f64().unwrap(),
        dedup["recall"].as_f64().unwrap(),
    );
    let f1 = 2.0 * precision * recall / (precision + recall);
    eprintln!("{report}duplicates: F1 {f1:.3} {dedup}");
    assert!(f1 >= 0.95, "duplicate pairs F1 {f1:.3}: {dedup:#}");
    assert_eq!(dedup["near_miss_merged"], 0, "{dedup:#}");

    // Geocoding: the project of each record lies in the record's true commune.
    let truth: HashMap<(String, String), String> =
        std::fs::read_to_string(sites.join("ground_truth.jsonl"))
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str::<Value>(line).unwrap())
            .map(|gt| {
                let key = (gt["site"].as_str().unwrap().to_owned(), path(&gt["url"]));
                (key, gt["fields"]["commune"].as_str().unwrap().to_owned())
            })
            .collect();
    let projects: HashMap<i64, project::Model> = project::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let (mut right, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for line in std::fs::read_to_string(&items).unwrap().lines() {
        let item: Value = serde_json::from_str(line).unwrap();
        let key = (
            item["site"].as_str().unwrap().to_owned(),
            path(&item["url"]),
        );
        let expected = &truth[&key];
        let project = &projects[&item["project_id"].as_i64().unwrap()];
        let found = project
            .commune_insee
            .as_deref()
            .and_then(carrefour::geo::commune)
            .map(|c| c.name);
        total += 1;
        if found == Some(expected.as_str()) {
            right += 1;
        } else {
            wrong.push(format!("{expected} → {found:?}"));
        }
    }
    eprintln!("geocoded right: {right}/{total}; wrong: {wrong:?}");
    assert!(
        right as f64 >= 0.98 * total as f64,
        "{right}/{total} geocoded right; wrong: {wrong:?}"
    );

    // Themes: every partner's tags are mapped, so every project has a theme.
    let themed: std::collections::HashSet<i64> = carrefour::entities::project_term::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| !t.term_code.starts_with("PUB-"))
        .map(|t| t.project_id)
        .collect();
    let active: Vec<&project::Model> = projects.values().filter(|p| p.status == "active").collect();
    let unthemed: Vec<&str> = active
        .iter()
        .filter(|p| !themed.contains(&p.id))
        .map(|p| p.title.as_str())
        .collect();
    assert!(
        unthemed.is_empty(),
        "projects without a theme: {unthemed:?}"
    );
    let queued = carrefour::entities::tag_mapping::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.term_code.is_none())
        .map(|m| m.tag)
        .collect::<Vec<_>>();
    assert!(queued.is_empty(), "tags left unmapped: {queued:?}");

    // Nothing changed: nothing to do.
    let again = carrefour(&config, &["consolidate", "--all"]);
    assert!(again.contains("0 records consolidated"), "{again}");
}

/// The path of a URL (ground truth keeps paths, exports absolute URLs).
fn path(url: &Value) -> String {
    let url = url.as_str().unwrap();
    match url.find("://") {
        Some(scheme) => {
            let rest = &url[scheme + 3..];
            rest.find('/').map_or("/".into(), |p| rest[p..].to_owned())
        }
        None => url.to_owned(),
    }
}
