//! Crawl runs of `json` and `csv` sources, and re-crawls of unchanged pages (conditional
//! GET and body hashes), against small servers on loopback.
mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use carrefour::crawler::fetch::{Fetcher, FetcherSettings, user_agent};
use carrefour::crawler::run::crawl_source;
use carrefour::entities::{crawl_error, raw_record, source};
use carrefour::sources::uploads;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::{Value, json};
use url::Url;

fn fetcher() -> Fetcher {
    Fetcher::new(FetcherSettings::bench(user_agent("http://hub.test"))).unwrap()
}

async fn serve(app: axum::Router) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Url::parse(&format!("http://{addr}/")).unwrap()
}

async fn new_source(db: &DatabaseConnection, config: Value) -> source::Model {
    let slug = format!("p-{}", uuid::Uuid::new_v4().simple());
    let partner = support::fixtures::partner(db, &slug, "active").await;
    let parsed: carrefour::sources::config::SourceConfig = serde_json::from_value(config).unwrap();
    let stored = serde_json::to_string(&parsed).unwrap();
    support::fixtures::source(db, partner.id, "source", &stored).await
}

async fn records(db: &DatabaseConnection, source_id: i64) -> BTreeMap<String, Value> {
    raw_record::Entity::find()
        .filter(raw_record::Column::SourceId.eq(source_id))
        .order_by_asc(raw_record::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.identity, serde_json::from_str(&r.fields).unwrap()))
        .collect()
}

async fn record_url(db: &DatabaseConnection, source_id: i64, identity: &str) -> Option<String> {
    raw_record::Entity::find()
        .filter(raw_record::Column::SourceId.eq(source_id))
        .filter(raw_record::Column::Identity.eq(identity))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .url
}

async fn errors(db: &DatabaseConnection, run_id: i64) -> Vec<String> {
    crawl_error::Entity::find()
        .filter(crawl_error::Column::RunId.eq(run_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.message)
        .collect()
}

/// 25 projects served 10 per page, `?page=N` from 1; past the end: an empty list, or 404
/// when `not_found_past_end`.
#[derive(Clone)]
struct Api {
    not_found_past_end: bool,
}

fn project(n: usize) -> Value {
    json!({
        "id": n,
        "nom": format!("  Projet {n} "),
        "lieu": {"commune": "Lyon", "cp": "69001"},
        "tags": ["emploi", "jeunesse"],
        "site": if n.is_multiple_of(2) { Value::Null } else { json!(format!("https://p{n}.example.org")) },
        "fiche": if n == 7 { json!("/projets/7") } else if n == 9 { json!("javascript:alert(9)") } else { Value::Null },
    })
}

async fn api_page(
    State(api): State<Api>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    let page: usize = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let items: Vec<Value> = (1..=25)
        .skip((page - 1) * 10)
        .take(10)
        .map(project)
        .collect();
    if items.is_empty() && api.not_found_past_end {
        return StatusCode::NOT_FOUND.into_response();
    }
    axum::Json(json!({"data": {"items": items, "page": page}})).into_response()
}

/// The same projects, chained by a `links.next` URL.
async fn api_linked(Query(query): Query<BTreeMap<String, String>>) -> Response {
    let cursor: usize = query.get("after").and_then(|p| p.parse().ok()).unwrap_or(0);
    let items: Vec<Value> = (cursor + 1..=25).take(10).map(project).collect();
    let next = (cursor + 10 < 25).then(|| format!("/linked?after={}", cursor + 10));
    axum::Json(json!({"results": items, "links": {"next": next}})).into_response()
}

fn api_config(origin: &Url, path: &str, pagination: Value) -> Value {
    json!({
        "kind": "json",
        "url": origin.join(path).unwrap().to_string(),
        "items_path": if path.starts_with("/linked") { "results" } else { "data.items" },
        "id_path": "id",
        "fields": {"title": "nom", "commune": "lieu.commune", "postcode": "lieu.cp", "themes": "tags", "website": "site", "url": "fiche"},
        "pagination": pagination,
    })
}

#[tokio::test]
async fn json_apis_are_read_page_after_page() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let app = axum::Router::new()
        .route("/api", get(api_page))
        .route("/linked", get(api_linked))
        .with_state(Api {
            not_found_past_end: false,
        });
    let origin = serve(app).await;
    let app404 = axum::Router::new()
        .route("/api", get(api_page))
        .with_state(Api {
            not_found_past_end: true,
        });
    let origin404 = serve(app404).await;
    let fetcher = fetcher();

    let by_param = new_source(
        db,
        api_config(
            &origin,
            "/api",
            json!({"by": "page_param", "param": "page", "start": 1}),
        ),
    )
    .await;
    let run = crawl_source(db, &fetcher, by_param.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert!(run.complete);
    // Pages 1–3 have items, page 4 is empty and ends the list.
    assert_eq!((run.pages_fetched, run.items_new), (4, 25));
    let recs = records(db, by_param.id).await;
    assert_eq!(recs.len(), 25);
    // An item's own page (`url`) is resolved against the API's address; only http(s).
    let page = origin.join("/projets/7").unwrap().to_string();
    assert_eq!(
        recs["7"],
        json!({"title": "Projet 7", "commune": "Lyon", "postcode": "69001",
               "themes": ["emploi", "jeunesse"], "website": "https://p7.example.org",
               "url": page})
    );
    assert_eq!(
        record_url(db, by_param.id, "7").await.as_deref(),
        Some(page.as_str())
    );
    assert_eq!(record_url(db, by_param.id, "9").await, None);
    assert_eq!(record_url(db, by_param.id, "8").await, None);
    assert_eq!(recs["8"]["website"], Value::Null);
    let fill: BTreeMap<String, f64> = serde_json::from_str(&run.fill_rates).unwrap();
    assert_eq!(fill["title"], 1.0);
    assert_eq!(fill["website"], 0.52);

    let again = crawl_source(db, &fetcher, by_param.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((again.items_new, again.items_unchanged), (0, 25));

    // A 404 past the last page ends the list without failing the run.
    let ends_404 = new_source(
        db,
        api_config(
            &origin404,
            "/api",
            json!({"by": "page_param", "param": "page", "start": 1}),
        ),
    )
    .await;
    let run = crawl_source(db, &fetcher, ends_404.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((run.status.as_str(), run.items_new), ("succeeded", 25));
    assert!(run.complete);

    let linked = new_source(
        db,
        api_config(
            &origin,
            "/linked",
            json!({"by": "next_link", "path": "links.next"}),
        ),
    )
    .await;
    let run = crawl_source(db, &fetcher, linked.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(
        (run.status.as_str(), run.pages_fetched, run.items_new),
        ("succeeded", 3, 25)
    );

    // A wrong items path fails the run and says what the path leads to.
    let mut wrong = api_config(&origin, "/api", Value::Null);
    wrong["items_path"] = json!("data.page");
    let wrong = new_source(db, wrong).await;
    let run = crawl_source(db, &fetcher, wrong.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "failed");
    let messages = errors(db, run.id).await;
    assert!(
        messages[0].contains("a number instead of a list"),
        "{messages:?}"
    );
}

const CSV_TEXT: &str = "Référence;Intitulé du projet;Commune;Thématiques\n\
A1;Épicerie solidaire;Bléré;alimentation, solidarité\n\
A2;\"Jardin; partagé\";Évreux;environnement\n\
;Sans référence;Caen;\n\
A3;Atelier vélo;Saint-Étienne;\n";

fn csv_config(url: Option<String>) -> Value {
    json!({
        "kind": "csv",
        "url": url,
        "id_column": "Référence",
        "columns": {"title": "Intitulé du projet", "commune": "commune", "themes": "Thématiques"},
    })
}

async fn csv_file() -> Response {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(CSV_TEXT);
    ([(header::CONTENT_TYPE, "text/csv")], bytes.into_owned()).into_response()
}

#[tokio::test]
async fn csv_files_are_read_from_an_address_or_an_upload() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let origin = serve(axum::Router::new().route("/projets.csv", get(csv_file))).await;
    let fetcher = fetcher();

    // windows-1252, `;`, a quoted separator, a row without id.
    let by_url = new_source(
        db,
        csv_config(Some(origin.join("/projets.csv").unwrap().to_string())),
    )
    .await;
    let run = crawl_source(db, &fetcher, by_url.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "succeeded", "{run:?}");
    assert_eq!(run.items_new, 3);
    let recs = records(db, by_url.id).await;
    assert_eq!(
        recs["A1"],
        json!({"title": "Épicerie solidaire", "commune": "Bléré", "themes": "alimentation, solidarité"})
    );
    assert_eq!(recs["A2"]["title"], "Jardin; partagé");
    assert_eq!(recs["A3"]["themes"], Value::Null);
    // The file is no project's page.
    assert_eq!(record_url(db, by_url.id, "A1").await, None);
    let messages = errors(db, run.id).await;
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("line 4"), "{messages:?}");

    // The same file uploaded, in UTF-8 with a byte order mark.
    let uploaded = new_source(db, csv_config(None)).await;
    let run = crawl_source(db, &fetcher, uploaded.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "failed");
    assert!(
        run.failure
            .unwrap()
            .contains("neither a file address nor an uploaded file")
    );
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(CSV_TEXT.as_bytes());
    let uploaded = uploads::attach(db, &uploaded, "projets.csv", bytes)
        .await
        .unwrap();
    let run = crawl_source(db, &fetcher, uploaded.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((run.status.as_str(), run.items_new), ("succeeded", 3));
    assert_eq!(records(db, uploaded.id).await, recs);

    // A column the file does not have: the run fails and names the columns it has.
    let mut wrong = csv_config(Some(origin.join("/projets.csv").unwrap().to_string()));
    wrong["columns"]["postcode"] = json!("Code postal");
    let wrong = new_source(db, wrong).await;
    let run = crawl_source(db, &fetcher, wrong.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(run.status, "failed");
    let messages = errors(db, run.id).await;
    assert!(
        messages[0].contains("Code postal") && messages[0].contains("Intitulé du projet"),
        "{messages:?}"
    );
}

/// Detail pages with an ETag; counts requests and 304 answers.
#[derive(Clone, Default)]
struct Pages {
    version: Arc<Mutex<u32>>,
    requests: Arc<Mutex<u32>>,
    not_modified: Arc<Mutex<u32>>,
}

async fn list_page() -> Response {
    let links: String = (1..=4)
        .map(|n| format!("<li><a href=\"/p/{n}\">Projet {n}</a></li>"))
        .collect();
    axum::response::Html(format!("<ul>{links}</ul>")).into_response()
}

async fn detail_page(
    State(pages): State<Pages>,
    axum::extract::Path(n): axum::extract::Path<u32>,
    headers: HeaderMap,
) -> Response {
    *pages.requests.lock().unwrap() += 1;
    let version = *pages.version.lock().unwrap();
    // Page 1 changes with the version; the others never do.
    let content_version = if n == 1 { version } else { 0 };
    let etag = format!("\"p{n}-v{content_version}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.to_str().unwrap() == etag)
    {
        *pages.not_modified.lock().unwrap() += 1;
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        [(header::ETAG, etag)],
        axum::response::Html(format!(
            "<h1>Projet {n} v{content_version}</h1><p class=\"ville\">Lyon</p>"
        )),
    )
        .into_response()
}

#[tokio::test]
async fn unchanged_pages_are_not_read_again_until_the_rules_change() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let pages = Pages::default();
    let app = axum::Router::new()
        .route("/liste", get(list_page))
        .route("/p/{n}", get(detail_page))
        .with_state(pages.clone());
    let origin = serve(app).await;
    let fetcher = fetcher();
    let config = json!({
        "kind": "html",
        "entry_urls": [origin.join("/liste").unwrap().to_string()],
        "list": {"item_link": {"css": "li a", "attr": "href"}},
        "fields": {"title": {"css": "h1"}},
    });
    let src = new_source(db, config.clone()).await;

    let first = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((first.pages_fetched, first.pages_unchanged), (5, 0));
    assert_eq!(first.items_new, 4);

    *pages.version.lock().unwrap() = 1;
    let second = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!(second.status, "succeeded");
    assert!(second.complete);
    // The list page and the changed page are fetched; three pages answer 304.
    assert_eq!((second.pages_fetched, second.pages_unchanged), (2, 3));
    assert_eq!((second.items_changed, second.items_unchanged), (1, 3));
    assert_eq!(*pages.not_modified.lock().unwrap(), 3);
    let fill: BTreeMap<String, f64> = serde_json::from_str(&second.fill_rates).unwrap();
    assert_eq!(fill["title"], 1.0, "unchanged records count in fill rates");
    let recs = records(db, src.id).await;
    let first_page = origin.join("/p/1").unwrap().to_string();
    assert_eq!(recs[&first_page]["title"], "Projet 1 v1");

    // New rules: every page is read again, with the new field.
    let mut changed = config;
    changed["fields"]["commune"] = json!({"css": "p.ville"});
    let parsed: carrefour::sources::config::SourceConfig = serde_json::from_value(changed).unwrap();
    let mut row: source::ActiveModel = src.clone().into();
    row.config = Set(serde_json::to_string(&parsed).unwrap());
    row.update(db).await.unwrap();
    let third = crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    assert_eq!((third.pages_fetched, third.pages_unchanged), (5, 0));
    assert_eq!(third.items_changed, 4);
    assert_eq!(records(db, src.id).await[&first_page]["commune"], "Lyon");
}

/// Posts a JSON configuration to the preview as an editor; returns the page.
async fn preview(browser: &support::Browser, slug: &str, config: &Value) -> String {
    let csrf = browser
        .csrf_token(&format!("/p/{slug}/sources/nouvelle"))
        .await;
    let config = config.to_string();
    let response = browser
        .post_form(
            &format!("/p/{slug}/sources/essai"),
            &[
                ("_csrf", csrf.as_str()),
                ("name", "Essai"),
                ("mode", "json"),
                ("config", config.as_str()),
                ("interval_hours", "24"),
                ("per_host_delay_ms", "500"),
                ("per_host_connections", "2"),
                ("max_pages", "100"),
                ("max_depth", "10"),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn json_and_csv_configurations_are_tested_before_saving() {
    let app = support::TestApp::builder()
        .configure(|s| s.crawler.allow_private = vec!["127.0.0.1/32".into()])
        .spawn()
        .await;
    let partner = support::fixtures::partner(&app.state.db, "essais", "active").await;
    let browser = app
        .member_browser(partner.id, "editeur@essais.fr", "editor")
        .await;
    let origin = serve(
        axum::Router::new()
            .route("/api", get(api_page))
            .route("/projets.csv", get(csv_file))
            .with_state(Api {
                not_found_past_end: false,
            }),
    )
    .await;

    let mut config = api_config(
        &origin,
        "/api",
        json!({"by": "page_param", "param": "page", "start": 1}),
    );
    config["fields"]["absent"] = json!("lieu.region");
    let html = preview(&browser, "essais", &config).await;
    assert_eq!(
        support::texts(&html, "[data-testid=preview-item-count]"),
        ["10 éléments sur cette page de l'API."]
    );
    let next = support::texts(&html, "[data-testid=preview-next] a");
    assert_eq!(next, [origin.join("/api?page=2").unwrap().to_string()]);
    assert_eq!(
        support::texts(&html, "[data-testid=preview-detail]").len(),
        3
    );
    let values = support::texts(&html, "[data-field=title] [data-testid=preview-value]");
    assert_eq!(values[0], "Projet 1");
    let empty = support::texts(&html, "[data-field=absent] [data-testid=preview-empty]");
    assert_eq!(
        empty[0],
        "Vide : le chemin « lieu.region » ne mène à aucune valeur dans cet élément."
    );

    let mut wrong = config.clone();
    wrong["items_path"] = json!("data.page");
    let html = preview(&browser, "essais", &wrong).await;
    let error = support::texts(&html, "[data-testid=preview-list-error]");
    assert!(
        error[0].contains("mène à un nombre et non à une liste"),
        "{error:?}"
    );

    let csv = csv_config(Some(origin.join("/projets.csv").unwrap().to_string()));
    let html = preview(&browser, "essais", &csv).await;
    assert_eq!(
        support::texts(&html, "[data-testid=preview-fact]"),
        [
            "Séparateur : ;",
            "Colonnes du fichier : Référence · Intitulé du projet · Commune · Thématiques"
        ]
    );
    assert_eq!(
        support::texts(&html, "[data-testid=preview-item-count]"),
        ["3 lignes lisibles dans le fichier."]
    );
    assert_eq!(
        support::texts(&html, "[data-field=title] [data-testid=preview-value]"),
        ["Épicerie solidaire", "Jardin; partagé", "Atelier vélo"]
    );
    assert!(html.contains("Ligne 2 du fichier"));
    assert_eq!(
        support::texts(&html, "[data-field=themes] [data-testid=preview-empty]"),
        ["Vide : la cellule de la colonne « Thématiques » est vide."]
    );
}

#[tokio::test]
async fn crawl_reports_speak_the_readers_language_and_list_every_error() {
    let app = support::TestApp::spawn().await;
    let db = &app.state.db;
    let origin = serve(axum::Router::new().route("/projets.csv", get(csv_file))).await;
    let src = new_source(
        db,
        csv_config(Some(origin.join("/projets.csv").unwrap().to_string())),
    )
    .await;
    crawl_source(db, &fetcher(), src.id, "manual", None)
        .await
        .unwrap();
    // A run that could not start: its failure is told in the reader's language too.
    let broken = new_source(db, csv_config(None)).await;
    crawl_source(db, &fetcher(), broken.id, "manual", None)
        .await
        .unwrap();
    let slug = carrefour::entities::partner::Entity::find_by_id(src.partner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    let browser = app
        .member_browser(src.partner_id, "lectrice@essais.fr", "editor")
        .await;
    let (_, html) = browser.page(&format!("/p/{slug}/sources/{}", src.id)).await;
    let errors = support::texts(&html, ".crawl-errors li");
    assert_eq!(errors.len(), 1, "{html}");
    assert!(
        errors[0].ends_with("ligne 4 ignorée : pas de valeur dans la colonne d'identifiant"),
        "{errors:?}"
    );
    assert_eq!(
        support::texts(&html, "[data-testid=crawl-error-count]"),
        ["1 erreur. Télécharger toutes les erreurs (CSV)"]
    );
    let csv = browser
        .get(&format!("/p/{slug}/sources/{}/erreurs.csv", src.id))
        .await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let body = csv.text().await.unwrap();
    assert!(body.starts_with("Adresse,Erreur\n"), "{body}");
    assert!(body.contains("ligne 4 ignorée"), "{body}");

    let other_partner = carrefour::entities::partner::Entity::find_by_id(broken.partner_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let other = app
        .member_browser(other_partner.id, "autre@essais.fr", "editor")
        .await;
    let (_, html) = other
        .page(&format!(
            "/p/{}/sources/{}?lang=en",
            other_partner.slug, broken.id
        ))
        .await;
    assert!(
        html.contains("the source has neither a file address nor an uploaded file"),
        "{html}"
    );
    let (_, html) = other
        .page(&format!(
            "/p/{}/sources/{}?lang=fr",
            other_partner.slug, broken.id
        ))
        .await;
    let cells = support::texts(&html, "[data-testid=run-row] td");
    assert!(
        cells[1].contains("la source n'a ni adresse de fichier ni fichier déposé"),
        "{cells:?}"
    );
}
