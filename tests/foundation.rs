//! The walking skeleton: health, pages, languages, errors, forms with CSRF, mail through
//! the job queue, static files and the command line.
mod support;

use std::time::Duration;

use support::{TestApp, TestOptions, hrefs, texts};

async fn demo_app() -> TestApp {
    TestApp::spawn_with(TestOptions {
        demo_projects: Some(60),
    })
    .await
}

#[tokio::test]
async fn healthz_checks_the_database() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["database"],
        "ok",
        "backend {}",
        support::backend_name()
    );
}

#[tokio::test]
async fn home_page_is_french_by_default_and_shows_demo_projects() {
    let app = demo_app().await;
    let (status, html) = app.page("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"fr\">"));
    assert_eq!(texts(&html, "[data-testid=project-count]"), vec!["60"]);
    let cards = texts(&html, ".project-card h3");
    assert_eq!(cards.len(), 6, "latest projects shown");
    assert!(html.contains("Aller au contenu"), "skip link");
    assert!(html.contains("Licence Ouverte 2.0"));
}

#[tokio::test]
async fn language_follows_query_then_cookie_then_accept_language() {
    let app = demo_app().await;
    let response = app.get("/?lang=en").await;
    let remembered = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("lang=en;"));
    assert!(remembered, "the choice is kept in a cookie");
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Browse projects"));
    // The cookie now keeps English without the query parameter.
    let (_, html) = app.page("/recherche").await;
    assert!(html.contains("<html lang=\"en\">"), "cookie remembered");
    // A fresh visitor whose browser prefers English.
    let stranger = support::client();
    let html = stranger
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    let html = stranger
        .get(app.url("/"))
        .header("accept-language", "de-DE,de;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<html lang=\"fr\">"),
        "unsupported languages fall back to French"
    );
}

#[tokio::test]
async fn project_list_paginates_and_project_pages_have_stable_urls() {
    let app = demo_app().await;
    // The first list's address leads to the search page, its filters kept.
    let moved = app.get("/projets?theme=ENV&page=2").await;
    assert_eq!(moved.status(), 308);
    assert_eq!(moved.headers()["location"], "/recherche?theme=ENV&page=2");
    let (status, html) = app.page("/recherche").await;
    assert_eq!(status, 200);
    let total: usize = texts(&html, "[data-testid=search-total]")[0]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(total > 40, "{total} demo projects");
    let links = hrefs(&html, "[data-testid=result] h3 a");
    assert_eq!(links.len(), 20);
    assert!(hrefs(&html, "a[rel=next]").contains(&"/recherche?page=2".to_owned()));
    let last = total.div_ceil(20);
    let (status, tail) = app.page(&format!("/recherche?page={last}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        hrefs(&tail, "[data-testid=result] h3 a").len(),
        total - (last - 1) * 20
    );
    assert_eq!(
        app.page(&format!("/recherche?page={}", last + 1)).await.0,
        404
    );
    // A malformed page number is said and the first page shown.
    let (status, first) = app.page("/recherche?page=abc").await;
    assert_eq!(status, 200);
    let said = texts(&first, "[data-testid=search-errors] li");
    assert_eq!(said, vec!["« abc » n'est pas un numéro de page."]);

    let (status, project) = app.page(&links[0]).await;
    assert_eq!(status, 200);
    let title = texts(&project, "h1").remove(0);
    assert!(!title.is_empty());
    assert!(
        !texts(&project, ".credits-list li").is_empty(),
        "partners credited"
    );
    // A wrong slug redirects to the canonical address.
    let id = links[0]
        .trim_start_matches("/projets/")
        .split('-')
        .next()
        .unwrap();
    let response = app.get(&format!("/projets/{id}-ancien-titre")).await;
    assert_eq!(response.status(), 308);
    assert_eq!(response.headers()["location"], links[0].as_str());
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let app = demo_app().await;
    let (_, all) = app.page("/recherche").await;
    let (_, home) = app.page("/").await;
    let theme_link = hrefs(&home, ".theme-tiles a")
        .into_iter()
        .find(|h| h.contains("theme="))
        .unwrap();
    let (status, filtered) = app.page(&theme_link).await;
    assert_eq!(status, 200);
    let count = |html: &str| texts(html, "[data-testid=search-total]").remove(0);
    assert_ne!(count(&all), count(&filtered));
    // An unknown theme is said, and left out.
    let (status, unknown) = app.page("/recherche?theme=NOPE").await;
    assert_eq!(status, 200);
    let said = texts(&unknown, "[data-testid=search-errors] li");
    assert_eq!(said, vec!["« NOPE » n'existe pas pour le critère theme."]);
    assert_eq!(count(&unknown), count(&all));
}

#[tokio::test]
async fn errors_are_localised_html_or_json() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/nulle-part").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page introuvable"));
    let (status, html) = app.page("/nulle-part?lang=en").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    let response = support::client()
        .get(app.url("/projets/999999-x"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not-found");
    assert_eq!(body["error"]["message"], "Ce projet n'existe pas.");
}

#[tokio::test]
async fn error_pages_keep_the_signed_in_header() {
    let app = TestApp::spawn().await;
    let ours = support::fixtures::partner(&app.state.db, "ours", "active").await;
    support::fixtures::partner(&app.state.db, "theirs", "active").await;
    let member = app
        .member_browser(ours.id, "membre@example.org", "admin")
        .await;
    for (path, status) in [("/nulle-part", 404), ("/p/theirs/sources", 403)] {
        let (got, html) = member.page(path).await;
        assert_eq!(got, status, "{path}");
        assert_eq!(
            texts(&html, "[data-testid=account]").len(),
            1,
            "{path} shows who is signed in"
        );
        assert!(
            html.contains("href=\"/p/ours\""),
            "{path} links the partner space"
        );
    }
    let (_, html) = app.page("/nulle-part").await;
    assert!(texts(&html, "[data-testid=account]").is_empty());
}

#[tokio::test]
async fn charter_is_served_with_its_numbers() {
    let app = TestApp::spawn().await;
    let (status, html) = app.page("/charte").await;
    assert_eq!(status, 200);
    assert!(html.contains("Charte du collectif Carrefour"));
    assert!(html.contains("50 %"), "quorum from the front matter");
    assert!(html.contains("66.7 %"), "qualified majority");
    assert!(
        !html.contains("adopted_on = "),
        "front matter not shown raw"
    );
}

#[tokio::test]
async fn contact_form_needs_csrf_keeps_values_and_mails_the_coordinators() {
    let app = TestApp::spawn().await;
    // No token at all.
    let response = app
        .post_form(
            "/contact",
            &[
                ("name", "A"),
                ("email", "a@b.fr"),
                ("subject", "Sujet"),
                ("message", "x"),
            ],
        )
        .await;
    assert_eq!(response.status(), 403);
    let token = app.csrf_token("/contact").await;
    // A wrong token.
    let response = app
        .post_form(
            "/contact",
            &[("_csrf", "forged"), ("name", "A"), ("email", "a@b.fr")],
        )
        .await;
    assert_eq!(response.status(), 403);
    // Invalid fields: 422, messages next to fields, values kept.
    let response = app
        .post_form(
            "/contact",
            &[
                ("_csrf", &token),
                ("name", "Marie Curie"),
                ("email", "pas-une-adresse"),
                ("subject", "Adhésion"),
                ("message", "court"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(
        texts(&html, "#error-email"),
        vec!["Cette adresse e-mail n'est pas valide."]
    );
    assert_eq!(
        texts(&html, "#error-message"),
        vec!["Ce texte est trop court."]
    );
    assert!(
        texts(&html, "#error-name").is_empty(),
        "valid fields have no message"
    );
    assert!(html.contains("value=\"Marie Curie\""), "values kept");
    assert!(html.contains(">court</textarea>"));
    // Valid: redirect, flash, mail delivered by the job worker.
    let response = app
        .post_form(
            "/contact",
            &[
                ("_csrf", &token),
                ("name", "Marie Curie"),
                ("email", "marie@asso-exemple.fr"),
                ("subject", "Demande d'adhésion"),
                (
                    "message",
                    "Bonjour, notre réseau souhaite rejoindre le collectif.",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, html) = app.page("/contact").await;
    assert!(html.contains("Votre message a bien été envoyé"));
    let mail = app.wait_for_mail("notre réseau souhaite rejoindre").await;
    assert!(
        mail.contains("To: \"Coordination Carrefour\" <coordination@carrefour.localhost>")
            || mail.contains("coordination@carrefour.localhost")
    );
    assert!(
        mail.contains("Reply-To: \"Marie Curie\" <marie@asso-exemple.fr>")
            || mail.contains("marie@asso-exemple.fr")
    );
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = TestApp::spawn().await;
    let response = app.get("/contact").await;
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("carrefour_session="))
        .expect("session cookie");
    assert!(session.contains("HttpOnly"));
    assert!(session.contains("SameSite=Lax"));
    assert!(!session.contains("Secure"), "plain HTTP in tests");
}

#[tokio::test]
async fn static_files_have_validators_and_cache_headers() {
    let app = TestApp::spawn().await;
    let response = app.get("/static/css/app.css").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/css");
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let response = app
        .client
        .get(app.url("/static/css/app.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 304);
    assert_eq!(app.get("/static/nope.css").await.status(), 404);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    assert!(response.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn cli_refuses_invalid_settings_with_the_key_name() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_carrefour"))
        .args(["serve", "--no-demo"])
        .env("CARREFOUR_SERVER__BIND", "not-an-address")
        .env_remove("DATABASE_URL")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("server.bind"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
}

#[tokio::test]
async fn cli_serves_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_carrefour"))
        .args(["serve", "--no-demo", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // Wait until the log says where it listens.
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::AsyncBufReadExt::lines(tokio::io::BufReader::new(stdout));
    let address = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("listens on ").nth(1) {
                return rest.trim().to_owned();
            }
        }
        panic!("the server never said where it listens");
    })
    .await
    .unwrap();
    let health = reqwest::get(format!("{address}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    assert!(
        dir.path().join("carrefour.db").exists(),
        "SQLite file in the data directory"
    );
    assert!(dir.path().join("outbox").is_dir());
    let pid = child.id().unwrap().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "clean exit after SIGTERM: {status:?}");
}
