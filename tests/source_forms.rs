//! The source form's fieldsets, one per kind: what an editor types becomes the same
//! configuration as an import file, problems are shown next to their input with
//! everything typed kept, rows can be added without saving, a CSV file can be
//! uploaded with the form, and the JSON box still works.
mod support;

use carrefour::entities::source;
use carrefour::sources::uploads;
use reqwest::multipart::{Form, Part};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

/// A partner `alpha` and its editor, signed in.
async fn editor(app: &support::TestApp) -> support::Browser {
    let alpha = support::fixtures::partner(&app.state.db, "alpha", "active").await;
    app.member_browser(alpha.id, "editrice@alpha.fr", "editor")
        .await
}

/// The fields every submission carries besides the configuration.
fn common(csrf: &str, name: &str) -> Vec<(String, String)> {
    [
        ("_csrf", csrf),
        ("name", name),
        ("enabled", "on"),
        ("interval_hours", "24"),
        ("per_host_delay_ms", "1000"),
        ("per_host_connections", "2"),
        ("max_pages", "100"),
        ("max_depth", "10"),
        ("mode", "form"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

/// A rule row as the form sends it (every column, selects included).
fn rule_row(prefix: &str, cells: [&str; 9]) -> Vec<(String, String)> {
    let columns = [
        "field",
        "css",
        "attr",
        "type",
        "list",
        "split",
        "strip_prefix",
        "regex",
        "date_format",
    ];
    columns
        .iter()
        .zip(cells)
        .map(|(c, v)| (format!("{prefix}_rule_{c}"), v.to_owned()))
        .collect()
}

fn blank_rule(prefix: &str) -> Vec<(String, String)> {
    rule_row(prefix, ["", "", "", "text", "", "", "", "", ""])
}

fn push(fields: &mut Vec<(String, String)>, pairs: &[(&str, &str)]) {
    fields.extend(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
}

/// The fields of an `html` source with list rules and two rules, then a blank row.
fn html_fields(csrf: &str) -> Vec<(String, String)> {
    let mut fields = common(csrf, "Notre site");
    push(
        &mut fields,
        &[
            ("kind", "html"),
            (
                "html_entry_urls",
                "https://alpha.example.org/projets/\r\n\r\nhttps://alpha.example.org/archives/",
            ),
            ("html_item_css", "div.card h3 a"),
            ("html_item_attr", "href"),
            ("html_next_by", "link"),
            ("html_next_css", "nav a.next"),
            ("html_next_attr", "href"),
            ("html_next_param", ""),
            ("html_next_pattern", ""),
            ("html_next_start", "1"),
        ],
    );
    fields.extend(rule_row(
        "html",
        ["title", "h1.titre", "", "text", "", "", "", "", ""],
    ));
    fields.extend(rule_row(
        "html",
        [
            "themes",
            "p.thematique",
            "",
            "list",
            "split",
            ",",
            "Thématique :",
            "",
            "",
        ],
    ));
    fields.extend(rule_row(
        "html",
        [
            "start_date",
            "time.debut",
            "datetime",
            "date",
            "",
            "",
            "",
            "",
            "iso",
        ],
    ));
    fields.extend(blank_rule("html"));
    // Other kinds' fieldsets are sent too (all are in the page); only `kind` is read.
    push(
        &mut fields,
        &[("feed_url", "https://ailleurs.example.org/")],
    );
    fields.extend(blank_rule("feed"));
    fields
}

async fn post(
    browser: &support::Browser,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    browser
        .client
        .post(browser.url(path))
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The form sent as a browser sends it (`multipart/form-data`), with a CSV file or not.
async fn post_multipart(
    browser: &support::Browser,
    path: &str,
    fields: &[(String, String)],
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.clone(), v.clone());
    }
    let part = match file {
        Some((name, bytes)) => Part::bytes(bytes.to_vec())
            .file_name(name.to_owned())
            .mime_str("text/csv")
            .unwrap(),
        // What a browser sends for a file input left empty.
        None => Part::bytes(Vec::new())
            .file_name("")
            .mime_str("application/octet-stream")
            .unwrap(),
    };
    form = form.part("csv_file", part);
    browser
        .client
        .post(browser.url(path))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn stored(app: &support::TestApp, response: reqwest::Response) -> source::Model {
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
    source::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

fn config_of(model: &source::Model) -> Value {
    serde_json::from_str(&model.config).unwrap()
}

/// The `value` of the input with this id (or the text of the textarea).
fn value_of(html: &str, id: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("#{id}")).unwrap();
    let element = document
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no #{id}"));
    match element.value().name() {
        "textarea" => element.text().collect(),
        "select" => {
            let option = scraper::Selector::parse("option[selected]").unwrap();
            element
                .select(&option)
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or_default()
                .to_owned()
        }
        _ => element.value().attr("value").unwrap_or_default().to_owned(),
    }
}

/// How many inputs named `name` the page has.
fn count_named(html: &str, name: &str) -> usize {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("[name=\"{name}\"]")).unwrap();
    document.select(&selector).count()
}

async fn source_count(app: &support::TestApp) -> usize {
    source::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn an_html_source_typed_in_the_form_is_stored_as_its_import_format() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let (_, page) = browser.page("/p/alpha/sources/nouvelle").await;
    assert!(page.contains("<datalist id=\"standard-fields\">"));
    assert!(page.contains("<option value=\"commune\">"));
    assert_eq!(count_named(&page, "html_rule_css"), 3, "three blank rows");

    let saved = stored(
        &app,
        post_multipart(
            &browser,
            "/p/alpha/sources/nouvelle",
            &html_fields(&csrf),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(saved.kind, "html");
    assert_eq!(
        config_of(&saved),
        json!({
            "kind": "html",
            "entry_urls": ["https://alpha.example.org/projets/", "https://alpha.example.org/archives/"],
            "list": {
                "item_link": {"css": "div.card h3 a", "attr": "href"},
                "next": {"by": "link", "css": "nav a.next", "attr": "href"}
            },
            "fields": {
                "title": {"css": "h1.titre", "type": "text"},
                "themes": {"css": "p.thematique", "type": "list", "split": ",",
                           "strip_prefix": "Thématique :"},
                "start_date": {"css": "time.debut", "attr": "datetime", "type": "date",
                               "date_format": "iso"}
            }
        })
    );
    assert!(saved.upload_file_id.is_none());
}

#[tokio::test]
async fn a_bad_selector_is_shown_next_to_its_row_and_nothing_typed_is_lost() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let mut fields = html_fields(&csrf);
    // Row 3 (index 2): a selector that does not parse, and a bad regex.
    for (k, v) in fields.iter_mut() {
        if k == "html_rule_css" && v == "time.debut" {
            *v = "time.debut[".into();
        }
    }
    push(&mut fields, &[("html_next_param", "ignored")]);
    let refused = post(&browser, "/p/alpha/sources/nouvelle", &fields).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert_eq!(source_count(&app).await, 0);

    // The error is next to that cell, linked to it, with the parser's words.
    let error = support::texts(&html, "#error-html_rule_css-2");
    assert_eq!(error.len(), 1, "one error under row 3's selector");
    assert!(error[0].contains("sélecteur CSS"), "{}", error[0]);
    assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"error-html_rule_css-2\""));
    assert!(support::texts(&html, "#error-html_rule_css-0").is_empty());
    assert!(support::texts(&html, "#error-html_rule_css-1").is_empty());

    // Everything typed is there again.
    assert_eq!(value_of(&html, "field-name"), "Notre site");
    assert_eq!(value_of(&html, "field-kind"), "html");
    assert!(
        value_of(&html, "field-html_entry_urls").contains("https://alpha.example.org/archives/")
    );
    assert_eq!(value_of(&html, "field-html_item_css"), "div.card h3 a");
    assert_eq!(value_of(&html, "field-html_next_by"), "link");
    assert_eq!(value_of(&html, "field-html_next_css"), "nav a.next");
    assert_eq!(value_of(&html, "field-html_rule_field-0"), "title");
    assert_eq!(value_of(&html, "field-html_rule_css-0"), "h1.titre");
    assert_eq!(value_of(&html, "field-html_rule_type-1"), "list");
    assert_eq!(value_of(&html, "field-html_rule_list-1"), "split");
    assert_eq!(value_of(&html, "field-html_rule_split-1"), ",");
    assert_eq!(
        value_of(&html, "field-html_rule_strip_prefix-1"),
        "Thématique :"
    );
    assert_eq!(value_of(&html, "field-html_rule_css-2"), "time.debut[");
    assert_eq!(value_of(&html, "field-html_rule_attr-2"), "datetime");
    assert_eq!(value_of(&html, "field-html_rule_date_format-2"), "iso");
    assert_eq!(
        value_of(&html, "field-feed_url"),
        "https://ailleurs.example.org/"
    );
    assert_eq!(count_named(&html, "html_rule_css"), 4, "the blank row too");

    // A row with a name but no selector, and a missing URL, are named at their input.
    let mut fields = html_fields(&csrf);
    fields.retain(|(k, _)| k != "html_entry_urls");
    fields.extend(rule_row(
        "html",
        ["summary", "", "", "text", "", "", "", "", ""],
    ));
    let html = post(&browser, "/p/alpha/sources/nouvelle", &fields)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(support::texts(&html, "#error-html_rule_css-4").len(), 1);
    assert_eq!(support::texts(&html, "#error-html_entry_urls").len(), 1);
}

#[tokio::test]
async fn more_rows_shows_the_form_again_with_what_was_typed() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let mut fields = html_fields(&csrf);
    push(&mut fields, &[("action", "more-rows")]);
    let response = post_multipart(&browser, "/p/alpha/sources/nouvelle", &fields, None).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(source_count(&app).await, 0, "nothing saved");
    assert_eq!(count_named(&html, "html_rule_field"), 4 + 3);
    assert_eq!(value_of(&html, "field-html_rule_field-1"), "themes");
    assert_eq!(value_of(&html, "field-html_rule_split-1"), ",");
    assert_eq!(value_of(&html, "field-html_rule_field-6"), "");
    assert_eq!(value_of(&html, "field-name"), "Notre site");
    assert!(
        support::texts(&html, ".field-error").is_empty(),
        "no error shown"
    );
}

#[tokio::test]
async fn an_existing_source_shows_its_rules_in_the_rows() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let alpha_id = carrefour::entities::partner::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let config = json!({
        "kind": "sitemap",
        "url": "https://alpha.example.org/sitemap.xml",
        "url_pattern": "/projets/[^/]+/$",
        "fields": {
            "title": {"css": "h1", "type": "text"},
            "themes": {"css": "li.theme", "type": "list", "all": true},
            "website": {"css": "p.porteur a", "attr": "href", "type": "url",
                        "regex": "^(.*)$"}
        }
    });
    let existing =
        support::fixtures::source(&app.state.db, alpha_id, "Plan du site", &config.to_string())
            .await;
    let path = format!("/p/alpha/sources/{}", existing.id);
    let (status, html) = browser.page(&path).await;
    assert_eq!(status, 200);
    assert_eq!(value_of(&html, "field-kind"), "sitemap");
    assert_eq!(
        value_of(&html, "field-sitemap_url"),
        "https://alpha.example.org/sitemap.xml"
    );
    assert_eq!(
        value_of(&html, "field-sitemap_url_pattern"),
        "/projets/[^/]+/$"
    );
    // Rows in field-name order, then three blank ones.
    assert_eq!(value_of(&html, "field-sitemap_rule_field-0"), "themes");
    assert_eq!(value_of(&html, "field-sitemap_rule_list-0"), "all");
    assert_eq!(value_of(&html, "field-sitemap_rule_field-1"), "title");
    assert_eq!(value_of(&html, "field-sitemap_rule_css-1"), "h1");
    assert_eq!(value_of(&html, "field-sitemap_rule_field-2"), "website");
    assert_eq!(value_of(&html, "field-sitemap_rule_attr-2"), "href");
    assert_eq!(value_of(&html, "field-sitemap_rule_type-2"), "url");
    assert_eq!(value_of(&html, "field-sitemap_rule_regex-2"), "^(.*)$");
    assert_eq!(count_named(&html, "sitemap_rule_field"), 3 + 3);
    // The JSON box holds the same configuration.
    let boxed: Value = serde_json::from_str(&value_of(&html, "field-config")).unwrap();
    assert_eq!(boxed, config);

    // Saving the page as shown changes nothing in the configuration.
    let csrf = support::extract_csrf(&html).unwrap();
    let mut fields = common(&csrf, "Plan du site");
    push(
        &mut fields,
        &[
            ("kind", "sitemap"),
            ("sitemap_url", &value_of(&html, "field-sitemap_url")),
            (
                "sitemap_url_pattern",
                &value_of(&html, "field-sitemap_url_pattern"),
            ),
        ],
    );
    for i in 0..6 {
        let cell = |c: &str| value_of(&html, &format!("field-sitemap_rule_{c}-{i}"));
        fields.extend(rule_row(
            "sitemap",
            [
                &cell("field"),
                &cell("css"),
                &cell("attr"),
                &cell("type"),
                &cell("list"),
                &cell("split"),
                &cell("strip_prefix"),
                &cell("regex"),
                &cell("date_format"),
            ],
        ));
    }
    let saved = stored(&app, post(&browser, &path, &fields).await).await;
    assert_eq!(saved.id, existing.id);
    assert_eq!(config_of(&saved), config);
}

#[tokio::test]
async fn a_csv_source_keeps_its_uploaded_file_and_needs_a_url_or_a_file() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let mut fields = common(&csrf, "Tableur");
    push(
        &mut fields,
        &[
            ("kind", "csv"),
            ("csv_url", ""),
            ("csv_separator", ";"),
            ("csv_encoding", "windows-1252"),
            ("csv_id_column", "Référence"),
            ("csv_field", "title"),
            ("csv_column", "Nom du projet"),
            ("csv_field", "commune"),
            ("csv_column", "Ville"),
            ("csv_field", ""),
            ("csv_column", ""),
        ],
    );

    // Neither URL nor file: refused next to the URL, nothing stored.
    let refused = post_multipart(&browser, "/p/alpha/sources/nouvelle", &fields, None).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert_eq!(support::texts(&html, "#error-csv_url").len(), 1);
    assert_eq!(value_of(&html, "field-csv_column-0"), "Nom du projet");
    assert_eq!(value_of(&html, "field-csv_separator"), ";");
    assert_eq!(source_count(&app).await, 0);

    // With a file: stored with the source.
    let bytes = "Référence;Nom du projet;Ville\nR1;Jardin partagé;Lyon\n".as_bytes();
    let saved = stored(
        &app,
        post_multipart(
            &browser,
            "/p/alpha/sources/nouvelle",
            &fields,
            Some(("projets.csv", bytes)),
        )
        .await,
    )
    .await;
    assert!(saved.upload_file_id.is_some());
    assert_eq!(saved.upload_name.as_deref(), Some("projets.csv"));
    assert_eq!(
        uploads::load(&app.state.db, &saved)
            .await
            .unwrap()
            .as_deref(),
        Some(bytes)
    );
    assert_eq!(
        config_of(&saved),
        json!({"kind": "csv", "separator": ";", "encoding": "windows-1252",
               "id_column": "Référence",
               "columns": {"title": "Nom du projet", "commune": "Ville"}})
    );

    // Its page names the file; saving again without choosing a file keeps it.
    let path = format!("/p/alpha/sources/{}", saved.id);
    let (_, html) = browser.page(&path).await;
    assert_eq!(
        support::texts(&html, "[data-testid=upload-name] strong"),
        ["projets.csv"]
    );
    let mut renamed = fields.clone();
    renamed[1].1 = "Tableur des projets".into();
    let again = stored(&app, post_multipart(&browser, &path, &renamed, None).await).await;
    assert_eq!(again.upload_file_id, saved.upload_file_id);
    assert_eq!(again.name, "Tableur des projets");

    // A file too large is refused next to the file input.
    let big = vec![b'a'; uploads::MAX_UPLOAD_BYTES + 1];
    let refused = post_multipart(
        &browser,
        &path,
        &renamed,
        Some(("enorme.csv", big.as_slice())),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert_eq!(support::texts(&html, "#error-csv_file").len(), 1);
    assert_eq!(support::texts(&html, "[data-testid=file-again]").len(), 1);
}

#[tokio::test]
async fn a_json_source_round_trips_through_the_form() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let mut fields = common(&csrf, "API");
    push(
        &mut fields,
        &[
            ("kind", "json"),
            ("json_url", "https://api.alpha.example.org/projets"),
            ("json_items_path", "data.items"),
            ("json_id_path", "id"),
            ("json_field", "title"),
            ("json_path", "name"),
            ("json_field", "commune"),
            ("json_path", "address.city"),
            ("json_field", ""),
            ("json_path", ""),
            ("json_page_by", "page_param"),
            ("json_page_param", "page"),
            ("json_page_start", "0"),
            ("json_next_path", ""),
        ],
    );
    let saved = stored(
        &app,
        post_multipart(&browser, "/p/alpha/sources/nouvelle", &fields, None).await,
    )
    .await;
    let expected = json!({
        "kind": "json", "url": "https://api.alpha.example.org/projets",
        "items_path": "data.items", "id_path": "id",
        "fields": {"title": "name", "commune": "address.city"},
        "pagination": {"by": "page_param", "param": "page", "start": 0}
    });
    assert_eq!(config_of(&saved), expected);

    let path = format!("/p/alpha/sources/{}", saved.id);
    let (_, html) = browser.page(&path).await;
    assert_eq!(value_of(&html, "field-kind"), "json");
    assert_eq!(value_of(&html, "field-json_items_path"), "data.items");
    assert_eq!(value_of(&html, "field-json_field-0"), "commune");
    assert_eq!(value_of(&html, "field-json_path-0"), "address.city");
    assert_eq!(value_of(&html, "field-json_page_by"), "page_param");
    assert_eq!(value_of(&html, "field-json_page_start"), "0");

    // The next link instead: its path is required.
    for (k, v) in fields.iter_mut() {
        if k == "json_page_by" {
            *v = "next_link".into();
        }
    }
    let refused = post(&browser, &path, &fields).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert_eq!(support::texts(&html, "#error-json_next_path").len(), 1);
    for (k, v) in fields.iter_mut() {
        if k == "json_next_path" {
            *v = "links.next".into();
        }
    }
    let saved = stored(&app, post(&browser, &path, &fields).await).await;
    assert_eq!(
        config_of(&saved)["pagination"],
        json!({"by": "next_link", "path": "links.next"})
    );
}

#[tokio::test]
async fn the_json_box_is_the_configuration_in_json_mode() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    // The structured fieldsets are sent too, but the JSON box wins.
    let mut fields = html_fields(&csrf);
    for (k, v) in fields.iter_mut() {
        if k == "mode" {
            *v = "json".into();
        }
    }
    push(
        &mut fields,
        &[(
            "config",
            r#"{"kind": "feed", "url": "https://alpha.example.org/feed""#,
        )],
    );
    let refused = post_multipart(&browser, "/p/alpha/sources/nouvelle", &fields, None).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert_eq!(support::texts(&html, "#error-config").len(), 1);
    assert!(value_of(&html, "field-config").starts_with(r#"{"kind": "feed""#));
    assert_eq!(
        value_of(&html, "field-html_rule_field-0"),
        "title",
        "rows kept"
    );

    let config = json!({"kind": "feed", "url": "https://alpha.example.org/feed",
                        "detail_fields": {"commune": {"css": "span.ville", "type": "text"}}});
    fields.retain(|(k, _)| k != "config");
    push(&mut fields, &[("config", &config.to_string())]);
    let saved = stored(
        &app,
        post_multipart(&browser, "/p/alpha/sources/nouvelle", &fields, None).await,
    )
    .await;
    assert_eq!(saved.kind, "feed");
    assert_eq!(config_of(&saved), config);
    // Shown back in the feed fieldset.
    let (_, html) = browser
        .page(&format!("/p/alpha/sources/{}", saved.id))
        .await;
    assert_eq!(value_of(&html, "field-kind"), "feed");
    assert_eq!(value_of(&html, "field-feed_rule_field-0"), "commune");
    assert_eq!(value_of(&html, "field-feed_rule_css-0"), "span.ville");
}

/// A list page and a project page on loopback.
async fn tiny_site() -> String {
    use axum::response::Html;
    use axum::routing::get;
    let router = axum::Router::new()
        .route(
            "/projets/",
            get(|| async {
                Html(r#"<div class="card"><h3><a href="/projets/un/">Un</a></h3></div>"#)
            }),
        )
        .route(
            "/projets/un/",
            get(|| async { Html("<h1 class=\"titre\">Jardin partagé</h1>") }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn the_preview_reads_the_structured_fields() {
    let app = support::TestApp::builder()
        .configure(|s| {
            s.crawler.allow_private = vec!["127.0.0.1/32".into()];
            s.crawler.per_host_delay_ms = 0;
        })
        .spawn()
        .await;
    let browser = editor(&app).await;
    let origin = tiny_site().await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let mut fields = common(&csrf, "Essai");
    push(
        &mut fields,
        &[
            ("kind", "html"),
            ("html_entry_urls", &format!("{origin}/projets/")),
            ("html_item_css", "div.card h3 a"),
            ("html_item_attr", ""),
            ("html_next_by", "none"),
            ("action", "preview"),
        ],
    );
    fields.extend(rule_row(
        "html",
        ["title", "h1.titre", "", "text", "", "", "", "", ""],
    ));
    fields.extend(blank_rule("html"));
    let response = post_multipart(&browser, "/p/alpha/sources/essai", &fields, None).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert_eq!(
        support::texts(&html, "[data-testid=preview-item]"),
        [format!("{origin}/projets/un/")]
    );
    assert_eq!(
        support::texts(&html, "[data-testid=preview-value]"),
        ["Jardin partagé"]
    );
    assert_eq!(value_of(&html, "field-html_rule_css-0"), "h1.titre");
    assert_eq!(source_count(&app).await, 0);
}

#[tokio::test]
async fn a_csv_file_chosen_before_testing_is_kept_until_saved() {
    let app = support::TestApp::spawn().await;
    let browser = editor(&app).await;
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let mut fields = common(&csrf, "Tableur testé");
    push(
        &mut fields,
        &[
            ("kind", "csv"),
            ("csv_url", ""),
            ("csv_separator", ""),
            ("csv_encoding", ""),
            ("csv_id_column", "Réf"),
            ("csv_field", "title"),
            ("csv_column", "Nom"),
        ],
    );
    let bytes = "Réf;Nom\nR1;Jardin partagé\nR2;Atelier vélo\n".as_bytes();
    let mut testing = fields.clone();
    testing.push(("action".into(), "preview".into()));
    let tested = post_multipart(
        &browser,
        "/p/alpha/sources/essai",
        &testing,
        Some(("annuaire.csv", bytes)),
    )
    .await;
    assert_eq!(tested.status(), 200);
    let html = tested.text().await.unwrap();
    assert_eq!(
        support::texts(&html, "[data-field=title] [data-testid=preview-value]"),
        ["Jardin partagé", "Atelier vélo"]
    );
    assert!(
        support::texts(&html, "[data-testid=file-kept]")[0].contains("annuaire.csv"),
        "{html}"
    );
    assert_eq!(source_count(&app).await, 0, "testing stores no source");

    // Saved without choosing the file again: the tested file is the source's.
    let saved = stored(
        &app,
        post_multipart(&browser, "/p/alpha/sources/nouvelle", &fields, None).await,
    )
    .await;
    assert_eq!(saved.upload_name.as_deref(), Some("annuaire.csv"));
    assert_eq!(
        uploads::load(&app.state.db, &saved)
            .await
            .unwrap()
            .as_deref(),
        Some(bytes)
    );
    // The pending file is used once: a new source needs its own.
    let csrf = browser.csrf_token("/p/alpha/sources/nouvelle").await;
    let again = common(&csrf, "Autre tableur")
        .into_iter()
        .chain(fields.iter().skip(common(&csrf, "x").len()).cloned())
        .collect::<Vec<_>>();
    let refused = post_multipart(&browser, "/p/alpha/sources/nouvelle", &again, None).await;
    assert_eq!(refused.status(), 422);
}
