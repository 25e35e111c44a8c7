//! Crawl runs of `html`, `feed`, `jsonld` and `sitemap` sources against the bench's synthetic sites
//! (`benches/harness/gen_sites.py`), served from files by an in-test server on loopback:
//! every ground-truth item is found with its exact fields, records keep their ids across
//! runs, changes are detected, missing records become gone only after three complete
//! runs, and a run with a failed page is partial and marks nothing gone.
mod support;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use carrefour::crawler::fetch::{Fetcher, FetcherSettings, user_agent};
use carrefour::crawler::run::{RunInProgress, crawl_source};
use carrefour::entities::{crawl_error, crawl_run, partner, raw_record, source};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Deserialize;
use serde_json::{Value, json};
use support::score::norm;
use url::Url;

#[derive(Deserialize)]
struct SitesJson {
    sites: Vec<Site>,
}

#[derive(Deserialize, Clone)]
struct Site {
    id: String,
    root: String,
    entry: String,
    list: Value,
    fields: Value,
}

#[derive(Deserialize)]
struct GtRecord {
    site: String,
    url: String,
    fields: BTreeMap<String, Value>,
}

struct Bench {
    dir: tempfile::TempDir,
    sites: Vec<Site>,
    records: Vec<GtRecord>,
}

fn generate() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/harness/gen_sites.py");
    let out = Command::new("python3")
        .arg("-B")
        .arg(&script)
        .arg("--out")
        .arg(dir.path())
        .args(["--sites", "5", "--projects-per-site", "30", "--seed", "1"])
        .output()
        .expect("python3 runs the bench generator");
    assert!(
        out.status.success(),
        "gen_sites.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sites: SitesJson =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("sites.json")).unwrap())
            .unwrap();
    let records = std::fs::read_to_string(dir.path().join("ground_truth.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    Bench {
        dir,
        sites: sites.sites,
        records,
    }
}

impl Bench {
    fn site(&self, prefix: &str) -> Site {
        self.sites
            .iter()
            .find(|s| s.id.starts_with(prefix))
            .unwrap()
            .clone()
    }

    fn root(&self, site: &Site) -> PathBuf {
        self.dir.path().join(&site.root)
    }

    fn truth(&self, site: &Site) -> Vec<&GtRecord> {
        self.records.iter().filter(|r| r.site == site.id).collect()
    }
}

/// A static file server for one site; paths in `fail` answer 500.
#[derive(Clone)]
struct Files {
    root: PathBuf,
    fail: Arc<Mutex<HashSet<String>>>,
    /// Every path requested, in order.
    requested: Arc<Mutex<Vec<String>>>,
}

async fn serve_file(State(files): State<Files>, uri: Uri) -> Response {
    let path = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8_lossy()
        .into_owned();
    files.requested.lock().unwrap().push(path.clone());
    if files.fail.lock().unwrap().contains(&path) {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    if path.split('/').any(|part| part == "..") {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let mut file = path.trim_start_matches('/').to_owned();
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    let file = files.root.join(file);
    match std::fs::read(&file) {
        Ok(bytes) => {
            let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
            let content_type = match ext {
                "html" | "htm" => "text/html",
                "xml" => "application/xml",
                "txt" => "text/plain",
                _ => "application/octet-stream",
            };
            ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Serves `root` on 127.0.0.1; returns the origin and the set of failing paths.
async fn serve(root: PathBuf) -> (Url, Arc<Mutex<HashSet<String>>>) {
    let files = serve_files(root).await;
    (files.0, files.1.fail)
}

/// Serves `root` on 127.0.0.1; returns the origin and the server's state.
async fn serve_files(root: PathBuf) -> (Url, Files) {
    let files = Files {
        root,
        fail: Arc::default(),
        requested: Arc::default(),
    };
    let app = axum::Router::new()
        .fallback(serve_file)
        .with_state(files.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (Url::parse(&format!("http://{addr}/")).unwrap(), files)
}

fn fetcher() -> Fetcher {
    Fetcher::new(FetcherSettings::bench(user_agent("http://hub.test"))).unwrap()
}

/// A partner and an `html` source reading `site` at `origin`.
async fn create_source(db: &DatabaseConnection, site: &Site, origin: &Url) -> source::Model {
    let config = json!({
        "kind": "html",
        "entry_urls": [origin.join(&site.entry).unwrap().to_string()],
        "list": site.list,
        "fields": site.fields,
    });
    create_source_with(db, site, config).await
}

/// A partner and a source for `site` with this configuration (its `kind` included).
async fn create_source_with(db: &DatabaseConnection, site: &Site, config: Value) -> source::Model {
    let slug = format!("p-{}", uuid::Uuid::new_v4().simple());
    let partner = support::fixtures::partner(db, &slug, "active").await;
    // The stored form is the parsed and re-serialised configuration.
    let parsed: carrefour::sources::config::SourceConfig = serde_json::from_value(config).unwrap();
    let stored = serde_json::to_string(&parsed).unwrap();
    support::fixtures::source(db, partner.id, &site.id, &stored).await
}

async fn records(db: &DatabaseConnection, source_id: i64) -> Vec<raw_record::Model> {
    raw_record::Entity::find()
        .filter(raw_record::Column::SourceId.eq(source_id))
        .order_by_asc(raw_record::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// Each record's fields by its identity.
async fn fields_by_identity(db: &DatabaseConnection, source_id: i64) -> BTreeMap<String, Value> {
    records(db, source_id)
        .await
        .into_iter()
        .map(|r| (r.identity, serde_json::from_str(&r.fields).unwrap()))
        .collect()
}

/// Every ground-truth item of `site` is a record with the same fields.
async fn assert_exact(
    db: &DatabaseConnection,
    bench: &Bench,
    site: &Site,
    origin: &Url,
    source_id: i64,
) {
    let by_identity: BTreeMap<String, raw_record::Model> = records(db, source_id)
        .await
        .into_iter()
        .map(|r| (r.identity.clone(), r))
        .collect();
    let truth = bench.truth(site);
    assert_eq!(by_identity.len(), truth.len(), "{}", site.id);
    let mut mismatches = Vec::new();
    for gt in truth {
        let identity = origin.join(&gt.url).unwrap().to_string();
        let record = by_identity
            .get(&identity)
            .unwrap_or_else(|| panic!("{}: no record for {identity}", site.id));
        let got: BTreeMap<String, Value> = serde_json::from_str(&record.fields).unwrap();
        for (field, expected) in &gt.fields {
            let value = got.get(field).unwrap_or(&Value::Null);
            if norm(value, field) != norm(expected, field) {
                mismatches.push(format!(
                    "{} {field}: expected {expected}, got {value}",
                    gt.url
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Removes the list link to `path` (the item is no longer listed) and its file.
fn unlist(root: &Path, path: &str) {
    for page in walk(&root.join("projets")) {
        if page.file_name().is_some_and(|n| n == "index.html") {
            let html = std::fs::read_to_string(&page).unwrap();
            let needle = format!("<a href=\"{path}\">");
            if html.contains(&needle) {
                std::fs::write(&page, html.replace(&needle, "<a data-removed=\"\">")).unwrap();
            }
        }
    }
    std::fs::remove_dir_all(root.join(path.trim_matches('/'))).unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test]
async fn s1_is_crawled_exactly_and_tracked_across_runs() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s1");
    let root = bench.root(&site);
    let (origin, _fail) = serve(root.clone()).await;
    let src = create_source(db, &site, &origin).await;
    let fetcher = fetcher();

    let first = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(first.status, "succeeded", "{first:?}");
    assert!(first.complete);
    assert_eq!(first.items_new, 30);
    assert_eq!(
        (first.items_changed, first.items_unchanged, first.items_gone),
        (0, 0, 0)
    );
    assert_eq!(first.pages_failed, 0);
    // The list pages (at least two) and the 30 detail pages.
    assert!(first.pages_fetched > 31, "{}", first.pages_fetched);
    assert!(first.finished_at.is_some());
    let fill: BTreeMap<String, f64> = serde_json::from_str(&first.fill_rates).unwrap();
    assert_eq!(fill["title"], 1.0, "{fill:?}");
    assert!(fill.values().all(|r| (0.0..=1.0).contains(r)));
    assert_exact(db, &bench, &site, &origin, src.id).await;
    let after = source::Entity::find_by_id(src.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.running_run_id, None);
    assert!(after.next_run_at.unwrap() > Utc::now() + chrono::Duration::hours(23));
    let ids: Vec<i64> = records(db, src.id).await.iter().map(|r| r.id).collect();

    let second = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(second.status, "succeeded");
    assert_eq!(
        (
            second.items_new,
            second.items_changed,
            second.items_unchanged
        ),
        (0, 0, 30)
    );
    // Detail pages are unchanged (same body, same rules): not read again.
    assert_eq!(second.pages_unchanged, 30);
    assert_eq!(
        second.pages_fetched + second.pages_unchanged,
        first.pages_fetched
    );
    let again: Vec<i64> = records(db, src.id).await.iter().map(|r| r.id).collect();
    assert_eq!(again, ids);

    // Five pages change, three items leave the site.
    let truth = bench.truth(&site);
    for gt in &truth[..5] {
        let file = root.join(gt.url.trim_matches('/')).join("index.html");
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(html.contains("<h1 class=\"titre\">"));
        std::fs::write(
            &file,
            html.replacen("<h1 class=\"titre\">", "<h1 class=\"titre\">Nouveau : ", 1),
        )
        .unwrap();
    }
    let removed: Vec<String> = truth[5..8].iter().map(|gt| gt.url.clone()).collect();
    for path in &removed {
        unlist(&root, path);
    }
    let removed_ids: Vec<String> = removed
        .iter()
        .map(|p| origin.join(p).unwrap().to_string())
        .collect();
    let gone_count =
        |recs: &[raw_record::Model]| recs.iter().filter(|r| r.gone_at.is_some()).count();

    let third = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(third.status, "succeeded", "{third:?}");
    assert_eq!(
        (
            third.items_new,
            third.items_changed,
            third.items_unchanged,
            third.items_gone
        ),
        (0, 5, 22, 0)
    );
    assert_eq!(third.pages_unchanged, 22);
    let recs = records(db, src.id).await;
    assert_eq!(recs.len(), 30, "records are never deleted");
    for gt in &truth[..5] {
        let identity = origin.join(&gt.url).unwrap().to_string();
        let rec = recs.iter().find(|r| r.identity == identity).unwrap();
        let fields: Value = serde_json::from_str(&rec.fields).unwrap();
        assert!(fields["title"].as_str().unwrap().starts_with("Nouveau : "));
        assert!(rec.changed_at > rec.first_seen_at);
    }
    for identity in &removed_ids {
        let rec = recs.iter().find(|r| &r.identity == identity).unwrap();
        assert_eq!((rec.missed_runs, rec.gone_at), (1, None));
    }

    let fourth = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((fourth.items_unchanged, fourth.items_gone), (27, 0));
    assert_eq!(gone_count(&records(db, src.id).await), 0);

    let fifth = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((fifth.items_unchanged, fifth.items_gone), (27, 3));
    let recs = records(db, src.id).await;
    assert_eq!(gone_count(&recs), 3);
    for identity in &removed_ids {
        let rec = recs.iter().find(|r| &r.identity == identity).unwrap();
        assert!(rec.gone_at.is_some(), "{identity}");
        assert_eq!(rec.missed_runs, 3);
    }
    let sixth = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(sixth.items_gone, 0, "gone records are not counted again");
    assert_eq!(
        records(db, src.id)
            .await
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        ids
    );
}

#[tokio::test]
async fn s5_robots_disallowed_pages_are_never_requested_and_the_run_stays_complete() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s5");
    let (origin, files) = serve_files(bench.root(&site)).await;
    let src = create_source(db, &site, &origin).await;
    let run = crawl_source(db, &fetcher(), src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert!(run.complete, "skipped pages do not make a run partial");
    assert_eq!((run.items_new, run.pages_failed), (30, 0));
    assert_exact(db, &bench, &site, &origin, src.id).await;
    let requested = files.requested.lock().unwrap().clone();
    assert!(requested.contains(&"/robots.txt".to_owned()));
    assert!(
        requested.iter().all(|p| !p.starts_with("/prive/")),
        "{requested:?}"
    );
    // The skipped links are reported, as the site's robots.txt's doing.
    let skipped = crawl_error::Entity::find()
        .filter(crawl_error::Column::RunId.eq(run.id))
        .all(db)
        .await
        .unwrap();
    assert!(!skipped.is_empty());
    assert!(
        skipped
            .iter()
            .all(|e| e.code.as_deref() == Some("robots") && e.url.contains("/prive/")),
        "{skipped:?}"
    );
}

#[tokio::test]
async fn s3_windows_1252_is_crawled_exactly() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s3");
    let (origin, _fail) = serve(bench.root(&site)).await;
    let src = create_source(db, &site, &origin).await;
    let run = crawl_source(db, &fetcher(), src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert_eq!(run.items_new, 30);
    assert_exact(db, &bench, &site, &origin, src.id).await;
}

#[tokio::test]
async fn a_failed_page_makes_a_partial_run_that_marks_nothing_gone() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s1");
    let root = bench.root(&site);
    let (origin, fail) = serve(root.clone()).await;
    let src = create_source(db, &site, &origin).await;
    let fetcher = fetcher();
    let first = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(first.items_new, 30);

    let truth = bench.truth(&site);
    unlist(&root, &truth[0].url);
    fail.lock().unwrap().insert(truth[1].url.clone());
    let run = crawl_source(db, &fetcher, src.id, "schedule", None)
        .await
        .unwrap();
    assert_eq!(run.status, "partial", "{run:?}");
    assert!(!run.complete);
    assert_eq!(run.pages_failed, 1);
    assert_eq!((run.items_unchanged, run.items_gone), (28, 0));
    let errors = crawl_error::Entity::find()
        .filter(crawl_error::Column::RunId.eq(run.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].url,
        origin.join(&truth[1].url).unwrap().to_string()
    );
    assert!(errors[0].message.contains("500"), "{}", errors[0].message);
    assert!(
        records(db, src.id)
            .await
            .iter()
            .all(|r| r.missed_runs == 0 && r.gone_at.is_none()),
        "an incomplete run counts no missed run"
    );

    // The entry page failing fails the run.
    fail.lock().unwrap().insert("/projets/".into());
    let run = crawl_source(db, &fetcher, src.id, "schedule", None)
        .await
        .unwrap();
    assert_eq!(run.status, "failed");
    assert_eq!(run.pages_fetched, 0);
    assert!(run.failure.unwrap_or_default().contains("500"));
    assert!(records(db, src.id).await.iter().all(|r| r.missed_runs == 0));
}

#[tokio::test]
async fn one_run_at_a_time_and_a_source_out_of_reach_fails_clearly() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s1");
    let (origin, _fail) = serve(bench.root(&site)).await;
    let src = create_source(db, &site, &origin).await;
    let fetcher = fetcher();

    // max_pages: the limit makes an incomplete (partial) run.
    let limited = crawl_source(db, &fetcher, src.id, "cli", Some(5))
        .await
        .unwrap();
    assert_eq!(limited.status, "partial");
    assert!(!limited.complete);
    assert_eq!(limited.pages_fetched, 5);

    let mut held: source::ActiveModel = src.clone().into();
    held.running_run_id = Set(Some(limited.id));
    held.update(db).await.unwrap();
    let runs_before = crawl_run::Entity::find().all(db).await.unwrap().len();
    let err = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap_err();
    assert!(err.is::<RunInProgress>(), "{err:#}");
    assert!(err.to_string().contains("in progress"));
    assert_eq!(
        crawl_run::Entity::find().all(db).await.unwrap().len(),
        runs_before
    );

    let mut api: source::ActiveModel = src.clone().into();
    api.running_run_id = Set(None);
    api.kind = Set("json".into());
    api.config =
        Set(r#"{"kind": "json", "url": "http://127.0.0.1:9/api.json", "fields": {}}"#.into());
    api.update(db).await.unwrap();
    let run = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "failed");
    let errors = crawl_error::Entity::find()
        .filter(crawl_error::Column::RunId.eq(run.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].url, "http://127.0.0.1:9/api.json");
    assert!(
        errors[0].message.contains("cannot be reached"),
        "{}",
        errors[0].message
    );
    // The run says why in its own report (and the command line's summary with it).
    let failure = run.failure.clone().unwrap_or_default();
    assert!(failure.contains("cannot be reached"), "{failure}");
    assert!(
        carrefour::crawler::batch::summary(&[carrefour::crawler::batch::Outcome {
            source: src.clone(),
            run: Ok(run.clone()),
        }])
        .contains("cannot be reached")
    );
    let after = source::Entity::find_by_id(src.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.running_run_id, None, "the source is released");
}

/// An editor of `partner_id`, signed in.
async fn sign_in_editor(app: &support::TestApp, partner_id: i64) -> support::Browser {
    app.member_browser(partner_id, "editrice@partenaire.fr", "editor")
        .await
}

#[tokio::test]
async fn an_editor_asks_for_a_collection_and_reads_its_report() {
    let app = support::TestApp::builder()
        .configure(|s| {
            s.crawler.allow_private = vec!["127.0.0.1/32".into()];
            s.crawler.per_host_delay_ms = 0;
            s.crawler.per_host_connections = 8;
        })
        .spawn()
        .await;
    let db = &app.state.db;
    let bench = generate();
    let site = bench.site("s1");
    let (origin, _fail) = serve(bench.root(&site)).await;
    let src = create_source(db, &site, &origin).await;
    let slug = partner::Entity::find_by_id(src.partner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    let browser = sign_in_editor(&app, src.partner_id).await;
    let page = format!("/p/{slug}/sources/{}", src.id);
    let (_, list) = browser.page(&format!("/p/{slug}/sources")).await;
    assert_eq!(
        support::texts(&list, "[data-testid=last-run]"),
        ["Jamais collectée"]
    );
    let csrf = browser.csrf_token(&page).await;
    let asked = browser
        .post_form(&format!("{page}/collecter"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(asked.status(), 303);

    // The in-process worker runs it.
    let mut finished = None;
    for _ in 0..300 {
        let run = crawl_run::Entity::find()
            .filter(crawl_run::Column::SourceId.eq(src.id))
            .one(db)
            .await
            .unwrap();
        if let Some(run) = run.filter(|r| r.finished_at.is_some()) {
            finished = Some(run);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let run = finished.expect("the requested collection ran");
    assert_eq!(run.trigger, "manual");
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert_eq!(run.items_new, 30);

    let (status, html) = browser.page(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-testid=\"run-row\" data-status=\"succeeded\""));
    assert!(
        html.contains("<code>title</code> : 100 %"),
        "fill rates shown"
    );
    // The list of sources shows each one's latest collection.
    let (_, list) = browser.page(&format!("/p/{slug}/sources")).await;
    let last = support::texts(&list, "[data-testid=last-run]");
    assert!(last[0].starts_with("Réussie"), "{last:?}");
}

#[tokio::test]
async fn due_sources_of_active_partners_are_queued_once() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s1");
    let origin = Url::parse("http://127.0.0.1:9/").unwrap();
    let due = create_source(db, &site, &origin).await;
    let suspended = create_source(db, &site, &origin).await;
    let later = create_source(db, &site, &origin).await;
    for (s, at) in [
        (&due, Utc::now() - chrono::Duration::minutes(1)),
        (&suspended, Utc::now() - chrono::Duration::minutes(1)),
        (&later, Utc::now() + chrono::Duration::hours(1)),
    ] {
        let mut row: source::ActiveModel = s.clone().into();
        row.next_run_at = Set(Some(at));
        row.update(db).await.unwrap();
    }
    let mut p: partner::ActiveModel = partner::Entity::find_by_id(suspended.partner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    p.status = Set("suspended".into());
    p.update(db).await.unwrap();

    use carrefour::worker::scheduler::enqueue_due_crawls;
    assert_eq!(enqueue_due_crawls(&state).await.unwrap(), 1);
    // A second tick finds it still due but the pending job is not duplicated.
    enqueue_due_crawls(&state).await.unwrap();
    let jobs = carrefour::entities::job::Entity::find()
        .filter(carrefour::entities::job::Column::Kind.eq("crawl_source"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert!(
        jobs[0]
            .payload
            .contains(&format!("\"source_id\":{}", due.id))
    );
}

#[tokio::test]
async fn s4_feed_entries_are_records_and_detail_fields_complete_them() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s4");
    let root = bench.root(&site);
    assert!(root.join("feed.xml").is_file(), "s4 publishes /feed.xml");
    let (origin, _fail) = serve(root).await;
    let feed_url = origin.join("/feed.xml").unwrap().to_string();
    let fetcher = fetcher();

    // The feed alone: one record per entry, identified by its link.
    let src = create_source_with(db, &site, json!({"kind": "feed", "url": feed_url})).await;
    let run = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert!(run.complete);
    assert_eq!((run.items_new, run.pages_fetched), (30, 1));
    let by_identity = fields_by_identity(db, src.id).await;
    let truth = bench.truth(&site);
    assert_eq!(by_identity.len(), truth.len());
    for gt in &truth {
        let identity = origin.join(&gt.url).unwrap().to_string();
        let fields = by_identity
            .get(&identity)
            .unwrap_or_else(|| panic!("no record for {identity}"));
        assert_eq!(fields["title"], gt.fields["title"], "{identity}");
        assert_eq!(fields["link"], json!(identity));
        assert!(fields["id"].as_str().unwrap().starts_with("projet-"));
    }
    let again = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((again.items_new, again.items_unchanged), (0, 30));

    // With detail_fields: each entry's page is read too.
    let src = create_source_with(
        db,
        &site,
        json!({"kind": "feed", "url": feed_url, "detail_fields": site.fields}),
    )
    .await;
    let run = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert_eq!((run.items_new, run.pages_fetched), (30, 31));
    assert_exact(db, &bench, &site, &origin, src.id).await;
    let fill: BTreeMap<String, f64> = serde_json::from_str(&run.fill_rates).unwrap();
    assert_eq!((fill["title"], fill["link"]), (1.0, 1.0), "{fill:?}");
}

#[tokio::test]
async fn s1_is_crawled_as_jsonld() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s1");
    let (origin, _fail) = serve(bench.root(&site)).await;
    let config = json!({
        "kind": "jsonld",
        "entry_urls": [origin.join(&site.entry).unwrap().to_string()],
        "list": site.list,
    });
    let src = create_source_with(db, &site, config).await;
    let run = crawl_source(db, &fetcher(), src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert!(run.complete);
    assert_eq!(run.items_new, 30);
    assert!(run.pages_fetched > 31, "{}", run.pages_fetched);
    let by_identity = fields_by_identity(db, src.id).await;
    let truth = bench.truth(&site);
    assert_eq!(by_identity.len(), truth.len());
    let mut mismatches = Vec::new();
    for gt in &truth {
        let identity = origin.join(&gt.url).unwrap().to_string();
        let fields = by_identity
            .get(&identity)
            .unwrap_or_else(|| panic!("no record for {identity}"));
        for field in ["title", "commune", "postcode"] {
            let (got, expected) = (&fields[field], &gt.fields[field]);
            if norm(got, field) != norm(expected, field) {
                mismatches.push(format!(
                    "{identity} {field}: expected {expected}, got {got}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[tokio::test]
async fn a_sitemap_lists_the_pages_read_with_field_rules() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let bench = generate();
    let site = bench.site("s1");
    let root = bench.root(&site);
    let (origin, _fail) = serve(root.clone()).await;
    let truth = bench.truth(&site);
    let mut urls: Vec<String> = truth
        .iter()
        .map(|gt| origin.join(&gt.url).unwrap().to_string())
        .collect();
    // Not a project page (and absent: reading it would make the run partial), filtered
    // out by url_pattern.
    urls.insert(3, origin.join("/mentions-legales/").unwrap().to_string());
    let locs: String = urls
        .iter()
        .map(|u| format!("  <url><loc>{u}</loc></url>\n"))
        .collect();
    std::fs::write(
        root.join("sitemap.xml"),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{locs}</urlset>\n"
        ),
    )
    .unwrap();
    let config = json!({
        "kind": "sitemap",
        "url": origin.join("/sitemap.xml").unwrap().to_string(),
        "url_pattern": "/projets/[^/]+/$",
        "fields": site.fields,
    });
    let src = create_source_with(db, &site, config).await;
    let run = crawl_source(db, &fetcher(), src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert!(run.complete);
    assert_eq!(
        (run.items_new, run.pages_fetched, run.pages_failed),
        (30, 31, 0)
    );
    assert_exact(db, &bench, &site, &origin, src.id).await;
}

#[tokio::test]
async fn an_editor_tests_a_configuration_before_saving_it() {
    let app = support::TestApp::builder()
        .configure(|s| {
            s.crawler.allow_private = vec!["127.0.0.1/32".into()];
            s.crawler.per_host_delay_ms = 0;
        })
        .spawn()
        .await;
    let db = &app.state.db;
    let bench = generate();
    let site = bench.site("s1");
    let (origin, _fail) = serve(bench.root(&site)).await;
    // Only for a partner and its editor: the source itself is never stored.
    let existing = create_source(db, &site, &origin).await;
    source::Entity::delete_by_id(existing.id)
        .exec(db)
        .await
        .unwrap();
    let slug = partner::Entity::find_by_id(existing.partner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    let browser = sign_in_editor(&app, existing.partner_id).await;

    let mut fields = site.fields.clone();
    fields["wrong_on_purpose"] = json!({"css": "div.no-such-block"});
    let config = json!({
        "kind": "html",
        "entry_urls": [origin.join(&site.entry).unwrap().to_string()],
        "list": site.list,
        "fields": fields,
    })
    .to_string();
    let form_page = format!("/p/{slug}/sources/nouvelle");
    let csrf = browser.csrf_token(&form_page).await;
    let post = |config: String| {
        let csrf = csrf.clone();
        let browser = &browser;
        let path = format!("/p/{slug}/sources/essai");
        async move {
            browser
                .post_form(
                    &path,
                    &[
                        ("_csrf", csrf.as_str()),
                        ("name", "Essai s1"),
                        ("config", config.as_str()),
                        ("interval_hours", "24"),
                        ("per_host_delay_ms", "500"),
                        ("per_host_connections", "2"),
                        ("max_pages", "100"),
                        ("max_depth", "10"),
                        ("action", "preview"),
                    ],
                )
                .await
        }
    };
    let response = post(config.clone()).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |css: &str| scraper::Selector::parse(css).unwrap();
    let text = |el: scraper::ElementRef| el.text().collect::<String>();

    // The typed values are kept.
    let textarea = doc.select(&sel("textarea[name=config]")).next().unwrap();
    assert_eq!(text(textarea), config);
    assert!(html.contains("value=\"Essai s1\""));

    // The first list page: its item links and the next page.
    let items: Vec<String> = doc
        .select(&sel("[data-testid=preview-item]"))
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(items.len(), 20, "{items:?}");
    let truth = bench.truth(&site);
    let known: HashSet<String> = truth
        .iter()
        .map(|gt| origin.join(&gt.url).unwrap().to_string())
        .collect();
    assert!(items.iter().all(|u| known.contains(u)), "{items:?}");
    let next = doc
        .select(&sel("[data-testid=preview-next] a"))
        .next()
        .expect("a next page")
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let next = Url::parse(&next).unwrap();
    assert_eq!(next.origin(), origin.origin());
    assert_ne!(next, origin.join(&site.entry).unwrap());

    // The first three detail pages, with each title exactly as on the site.
    let details: Vec<scraper::ElementRef> =
        doc.select(&sel("[data-testid=preview-detail]")).collect();
    assert_eq!(details.len(), 3);
    for (detail, url) in details.iter().zip(&items) {
        let shown = detail
            .select(&sel("a"))
            .next()
            .unwrap()
            .value()
            .attr("href");
        assert_eq!(shown, Some(url.as_str()));
        let gt = truth
            .iter()
            .find(|gt| origin.join(&gt.url).unwrap().as_str() == url)
            .unwrap();
        let title = detail
            .select(&sel("tr[data-field=title] [data-testid=preview-value]"))
            .next()
            .unwrap_or_else(|| panic!("no title read on {url}"));
        assert_eq!(
            Value::String(text(title)),
            gt.fields["title"],
            "title of {url}"
        );
        let wrong = detail
            .select(&sel(
                "tr[data-field=wrong_on_purpose] [data-testid=preview-empty]",
            ))
            .next()
            .expect("the wrong selector is explained");
        assert_eq!(
            text(wrong),
            "Vide : le sélecteur ne trouve aucun élément sur la page."
        );
    }

    // Nothing stored.
    assert_eq!(source::Entity::find().all(db).await.unwrap().len(), 0);
    assert_eq!(crawl_run::Entity::find().all(db).await.unwrap().len(), 0);

    // An invalid CSS selector is refused with the parser's message, the form kept.
    let mut bad_fields = site.fields.clone();
    bad_fields["title"] = json!({"css": "h1[[["});
    let bad = json!({
        "kind": "html",
        "entry_urls": [origin.join(&site.entry).unwrap().to_string()],
        "list": site.list,
        "fields": bad_fields,
    })
    .to_string();
    let response = post(bad.clone()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let error = doc
        .select(&sel("#error-config"))
        .next()
        .expect("config error");
    let error = text(error);
    assert!(
        error.contains("Une règle de lecture n'est pas valide"),
        "{error}"
    );
    let detail = carrefour::crawler::extract::compile_selector(
        "title",
        &carrefour::sources::config::Selector {
            css: "h1[[[".into(),
            attr: None,
        },
    )
    .err()
    .unwrap()
    .message;
    assert!(error.contains(&detail), "{error} lacks {detail}");
    assert!(doc.select(&sel("[data-testid=preview]")).next().is_none());
    let textarea = doc.select(&sel("textarea[name=config]")).next().unwrap();
    assert_eq!(text(textarea), bad);
    assert_eq!(source::Entity::find().all(db).await.unwrap().len(), 0);

    // JSON-LD: the same list, each page's schema.org object instead of rules.
    let jsonld = json!({
        "kind": "jsonld",
        "entry_urls": [origin.join(&site.entry).unwrap().to_string()],
        "list": site.list,
    })
    .to_string();
    let response = post(jsonld).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let details: Vec<_> = doc.select(&sel("[data-testid=preview-detail]")).collect();
    assert_eq!(details.len(), 3, "{html}");
    let first_title = details[0]
        .select(&sel("[data-field=title] [data-testid=preview-value]"))
        .next()
        .map(text)
        .expect("a title read from JSON-LD");
    assert!(!first_title.is_empty());
    // The sitemap of a site without one says why nothing was read.
    let sitemap = json!({
        "kind": "sitemap",
        "url": origin.join("/sitemap-absent.xml").unwrap().to_string(),
        "fields": {"title": {"css": "h1"}},
    })
    .to_string();
    let html = post(sitemap).await.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let error = doc
        .select(&sel("[data-testid=preview-list-error]"))
        .next()
        .map(text)
        .expect("an error");
    assert!(error.contains("404"), "{error}");
}
