//! The aggregation commands, run as the real binary against the test database:
//! `sources import/export`, `crawl` (summary table) and `records export` (JSON Lines).
mod support;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use carrefour::entities::{raw_record, source};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use support::cli::run as carrefour;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn site() -> url::Url {
    let detail = |n: u32| async move {
        axum::response::Html(format!(
            "<h1>Projet {n}</h1><p class=\"ville\">Ville {n}</p>"
        ))
    };
    let app = axum::Router::new()
        .route(
            "/projets",
            get(|| async {
                axum::response::Html(
                    "<a class=p href=/p/1>1</a><a class=p href=/p/2>2</a><a class=p href=/p/3>3</a>",
                )
            }),
        )
        .route("/p/1", get(move || detail(1)))
        .route("/p/2", get(move || detail(2)))
        .route("/p/3", get(move || detail(3)))
        .route(
            "/robots.txt",
            get(|| async { ([(header::CONTENT_TYPE, "text/plain")], "User-agent: *\nAllow: /\n").into_response() }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url::Url::parse(&format!("http://{addr}/")).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn sources_are_imported_crawled_and_exported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let settings = support::test_settings(dir.path()).await;
    let state = carrefour::app::prepare(settings.clone(), false)
        .await
        .unwrap();
    let db = &state.db;
    let partner = support::fixtures::partner(db, "reseau-cli", "active").await;
    support::fixtures::partner(db, "autre-cli", "active").await;
    let config = support::cli::settings_file(dir.path(), &settings, "per_host_delay_ms = 0\n");
    let origin = site().await;

    let files = dir.path().join("import");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(
        files.join("annuaire.csv"),
        "Réf;Nom\nA1;Atelier vélo\nA2;Jardin partagé\n",
    )
    .unwrap();
    let sources_file = files.join("sources.json");
    let sources = json!({"sources": [
        {"name": "Site du réseau", "per_host_delay_ms": 500, "config": {
            "kind": "html",
            "entry_urls": [origin.join("/projets").unwrap()],
            "list": {"item_link": {"css": "a.p", "attr": "href"}},
            "fields": {"title": {"css": "h1"}, "commune": {"css": "p.ville"}}}},
        {"name": "Annuaire", "upload": "annuaire.csv", "config": {
            "kind": "csv", "id_column": "Réf", "columns": {"nom": "Nom"}},
         "mapping": {"rules": [{"to": "title", "from": "nom"},
                               {"to": "structure_type", "default": "Association"}]}}
    ]});
    std::fs::write(&sources_file, sources.to_string()).unwrap();
    let sources_arg = sources_file.to_str().unwrap();

    let out = carrefour(
        &config,
        &["sources", "import", "--partner", "reseau-cli", sources_arg],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("2 sources created, 0 updated"),
        "{}",
        text(&out.stdout)
    );
    let out = carrefour(
        &config,
        &["sources", "import", "--partner", "reseau-cli", sources_arg],
    );
    assert!(
        text(&out.stdout).contains("0 sources created, 2 updated"),
        "{}",
        text(&out.stdout)
    );
    let stored = source::Entity::find()
        .filter(source::Column::PartnerId.eq(partner.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    let csv = stored.iter().find(|s| s.name == "Annuaire").unwrap();
    assert_eq!(csv.upload_name.as_deref(), Some("annuaire.csv"));
    assert!(
        csv.field_mapping
            .as_deref()
            .unwrap_or_default()
            .contains("\"from\":\"nom\""),
        "{:?}",
        csv.field_mapping
    );

    // An invalid file imports nothing and says why, entry by entry.
    let bad = files.join("bad.json");
    std::fs::write(
        &bad,
        json!({"sources": [
            {"name": "Nouvelle", "config": {"kind": "feed", "url": origin.join("/feed").unwrap()}},
            {"name": "Cassée", "max_pages": 0, "config": {"kind": "html", "entry_urls": ["https://x.example/"],
             "fields": {"title": {"css": "h1[["}}},
             "mapping": {"rules": [{"to": "nulle-part", "from": "x"}]}}
        ]})
        .to_string(),
    )
    .unwrap();
    let out = carrefour(
        &config,
        &[
            "sources",
            "import",
            "--partner",
            "reseau-cli",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(
        err.contains("source 2 (“Cassée”): max_pages must be between 1 and 50000"),
        "{err}"
    );
    assert!(
        err.contains("source 2 (“Cassée”): mapping rule 1 (nulle-part): Choose a project field."),
        "{err}"
    );
    assert!(err.contains("title (css): invalid selector"), "{err}");
    let count = source::Entity::find()
        .filter(source::Column::PartnerId.eq(partner.id))
        .all(db)
        .await
        .unwrap()
        .len();
    assert_eq!(count, 2);

    // Crawl everything: a summary table with one line per source and totals.
    let out = carrefour(&config, &["crawl", "--all"]);
    let table = text(&out.stdout);
    assert!(out.status.success(), "{table}\n{}", text(&out.stderr));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("source") && lines[0].contains("fetched"),
        "{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Site du réseau") && l.contains("succeeded")),
        "{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Annuaire") && l.contains("succeeded")),
        "{table}"
    );
    assert!(lines[lines.len() - 2].starts_with("2 sources"), "{table}");
    assert!(lines.last().unwrap().starts_with("5 pages in"), "{table}");
    let records = raw_record::Entity::find().all(db).await.unwrap();
    assert_eq!(records.len(), 5);

    // One source by name, with a page limit: partial.
    let out = carrefour(
        &config,
        &["crawl", "reseau-cli/Site du réseau", "--max-pages", "2"],
    );
    assert!(
        text(&out.stdout).contains("partial"),
        "{}",
        text(&out.stdout)
    );
    let out = carrefour(&config, &["crawl", "reseau-cli/Inconnue"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("has no source “Inconnue”"));

    // Records as JSON Lines.
    let jsonl = dir.path().join("records.jsonl");
    let out = carrefour(
        &config,
        &[
            "records",
            "export",
            "--partner",
            "reseau-cli",
            "-o",
            jsonl.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    let p2 = lines
        .iter()
        .find(|l| l["url"] == origin.join("/p/2").unwrap().as_str())
        .unwrap();
    assert_eq!(p2["site"], "Site du réseau");
    assert_eq!(
        p2["fields"],
        json!({"title": "Projet 2", "commune": "Ville 2"})
    );
    assert!(
        lines
            .iter()
            .any(|l| l["identity"] == "A2" && l["fields"]["nom"] == "Jardin partagé")
    );

    // Export, then import the export: the same sources, uploaded file included.
    let exported = dir.path().join("export").join("sources.json");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    let out = carrefour(
        &config,
        &[
            "sources",
            "export",
            "--partner",
            "reseau-cli",
            "-o",
            exported.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(file["sources"].as_array().unwrap().len(), 2);
    assert!(
        file["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["mapping"]["rules"][0]["from"] == "nom"),
        "the mapping is exported: {file:#}"
    );
    let upload = file["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|s| s["upload"].as_str())
        .unwrap();
    assert!(exported.parent().unwrap().join(upload).exists());
    // Entries name their partner: importing them elsewhere is refused…
    let out = carrefour(
        &config,
        &[
            "sources",
            "import",
            "--partner",
            "autre-cli",
            exported.to_str().unwrap(),
        ],
    );
    assert!(
        text(&out.stderr).contains("belongs to partner “reseau-cli”"),
        "{}",
        text(&out.stderr)
    );
    // …and into their own partner they change nothing.
    let out = carrefour(
        &config,
        &[
            "sources",
            "import",
            "--partner",
            "reseau-cli",
            exported.to_str().unwrap(),
        ],
    );
    assert!(
        text(&out.stdout).contains("0 sources created, 2 updated"),
        "{}",
        text(&out.stderr)
    );
}

/// Runs the binary with an empty settings file and `args`.
fn bare(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let config = dir.join("empty.toml");
    std::fs::write(&config, "[demo]\nenabled = false\n").unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_carrefour"))
        .arg("--config")
        .arg(&config)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[test]
fn data_dir_goes_before_or_after_the_command_and_must_hold_a_hub() {
    let dir = tempfile::tempdir().unwrap();
    let hub = dir.path().join("hub");
    let hub = hub.to_str().unwrap();

    // A command on a hub's data never creates an empty one.
    for args in [
        vec!["--data-dir", hub, "consolidate", "--all"],
        vec!["crawl", "--all", "--data-dir", hub],
        vec!["records", "export", "--data-dir", hub],
    ] {
        let out = bare(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains("no hub database at"), "{args:?}: {said}");
        assert!(!std::path::Path::new(hub).join("carrefour.db").exists());
    }

    // `migrate` creates it; then the data directory works on either side.
    let out = bare(dir.path(), &["--data-dir", hub, "migrate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = bare(dir.path(), &["--data-dir", hub, "consolidate", "--all"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = bare(dir.path(), &["records", "export", "--data-dir", hub]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("0 records exported"));

    // Serving options before another command are refused with the reason.
    let out = bare(dir.path(), &["--no-demo", "migrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("only go with serving"));
}
