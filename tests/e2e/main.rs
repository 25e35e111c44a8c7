//! Browser journeys in real headless Chromium driven through chromedriver (WebDriver).
//! Run by `scripts/test` with `--ignored`, which sets `CHROMEDRIVER` and `CHROME_BIN`.
#[path = "../support/mod.rs"]
mod support;

use std::process::Stdio;
use std::time::Duration;

mod board;
mod browser;
mod communities;
mod governance;
mod messaging;
mod search;

use browser::Browser;
use support::{TestApp, TestOptions};
use thirtyfour::prelude::*;

/// A chromedriver process on a free loopback port, killed on drop.
struct Driver {
    process: tokio::process::Child,
    url: String,
}

impl Driver {
    async fn start() -> Self {
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = tokio::process::Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Self { process, url };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not start");
    }

    async fn browser(&self) -> Browser {
        let mut caps = DesiredCapabilities::chrome();
        let chrome = std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into());
        caps.set_binary(&chrome).unwrap();
        let profile = tempfile::tempdir().unwrap().keep();
        for arg in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ] {
            caps.add_arg(arg).unwrap();
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))
            .unwrap();
        // Headless Chromium ignores --lang for Accept-Language; the preference sets it.
        caps.add_experimental_option(
            "prefs",
            serde_json::json!({
                "intl.accept_languages": "fr-FR,fr",
                // No password manager or autofill: nothing may try to reach Google.
                "credentials_enable_service": false,
                "profile.password_manager_enabled": false,
                "autofill.profile_enabled": false,
            }),
        )
        .unwrap();
        let driver = WebDriver::new(&self.url, caps)
            .await
            .expect("cannot open a Chromium session");
        Browser { driver }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.start_kill();
    }
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn visitor_opens_home_switches_language_and_opens_a_project() {
    let app = TestApp::spawn_with(TestOptions {
        demo_projects: Some(40),
    })
    .await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    browser.goto(app.url("/")).await;
    assert_eq!(
        browser.text("h1").await,
        "L'innovation sociale, visible, reconnue et reliée"
    );
    assert_eq!(browser.text("[data-testid=project-count]").await, "40");

    // The switcher shows the same page in English and the choice sticks.
    browser.click_and_wait("[data-testid=lang-switch]").await;
    assert_eq!(
        browser.text("h1").await,
        "Social innovation, visible, recognised and connected"
    );
    browser.click_link_and_wait("Browse projects").await;
    assert_eq!(browser.text("h1").await, "Search projects");

    // Open the first project of the list.
    let first = browser.el("[data-testid=result] h3 a").await;
    let title = first.text().await.unwrap();
    browser.click_element_and_wait(first).await;
    assert_eq!(browser.text("h1").await, title);
    assert!(browser.path().await.starts_with("/projets/"));
    let credits = browser.all(".credits-list li").await;
    assert!(!credits.is_empty(), "the partners that list it are shown");

    // Back to French through the switcher.
    browser.click_and_wait("[data-testid=lang-switch]").await;
    assert_eq!(browser.text("#listed-by-heading").await, "Repéré par");
    browser.quit().await;
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn visitor_writes_to_the_coordinators_and_fixes_a_mistake() {
    let app = TestApp::spawn().await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    browser.goto(app.url("/contact")).await;
    browser.type_into("#field-name", "Léa Martin").await;
    browser.type_into("#field-email", "lea@invalide").await;
    browser.type_into("#field-subject", "Adhésion").await;
    browser
        .type_into(
            "#field-message",
            "Notre association voudrait rejoindre le collectif.",
        )
        .await;
    browser
        .click_and_wait("form.form button[type=submit]")
        .await;

    // The error is next to the field and nothing typed is lost.
    assert_eq!(
        browser.text("#error-email").await,
        "Cette adresse e-mail n'est pas valide."
    );
    assert_eq!(
        browser.value("#field-message").await,
        "Notre association voudrait rejoindre le collectif."
    );

    browser
        .type_into("#field-email", "lea@asso-exemple.fr")
        .await;
    browser
        .click_and_wait("form.form button[type=submit]")
        .await;
    assert_eq!(
        browser.text(".flash-success").await,
        "Votre message a bien été envoyé aux coordinateurs."
    );
    app.wait_for_mail("Notre association voudrait rejoindre le collectif.")
        .await;
    browser.quit().await;
}

async fn create_coordinator(app: &TestApp, email: &str, password: &str) {
    support::fixtures::user(&app.state.db, email, Some(password), true).await;
}

/// The first mail link whose path starts with `prefix`, as a path on the app.
fn link_path(app: &TestApp, mail: &str, prefix: &str) -> String {
    let url = mail
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .find(|w| w.starts_with(&app.base) && w.contains(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in mail:\n{mail}"));
    url[app.base.len()..].to_owned()
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, password: &str) {
    browser.goto(app.url("/connexion")).await;
    browser.type_into("#field-email", email).await;
    browser.type_into("#field-password", password).await;
    browser
        .click_and_wait("form[action='/connexion'] button[type=submit]")
        .await;
    browser.el("[data-testid=sign-out]").await;
}

async fn sign_out(browser: &Browser) {
    browser.click_and_wait("[data-testid=sign-out]").await;
    browser.el("[data-testid=sign-in]").await;
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn a_newcomer_brings_their_organisation_into_the_collective() {
    let app = TestApp::spawn().await;
    create_coordinator(&app, "coord@collectif.fr", "mot de passe coordination").await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    // Sign up; the verification link arrives by mail.
    browser.goto(app.url("/inscription")).await;
    browser.type_into("#field-display_name", "Léa Martin").await;
    browser
        .type_into("#field-email", "lea@coteaux.example.org")
        .await;
    browser
        .type_into("#field-password", "un mot de passe sûr")
        .await;
    browser
        .type_into("#field-password_confirm", "un mot de passe sûr")
        .await;
    browser
        .click_and_wait("form[action='/inscription'] button[type=submit]")
        .await;
    browser.el("[data-testid=signup-done]").await;
    let mail = app.wait_for_mail("/inscription/verifier/").await;
    browser
        .goto(app.url(&link_path(&app, &mail, "/inscription/verifier/")))
        .await;
    browser.el(".flash-success").await;

    // Sign in and apply for the organisation.
    sign_in(
        &browser,
        &app,
        "lea@coteaux.example.org",
        "un mot de passe sûr",
    )
    .await;
    browser.goto(app.url("/rejoindre")).await;
    browser
        .type_into("#field-name", "Tiers-Lieu des Coteaux")
        .await;
    browser
        .type_into("#field-website", "https://coteaux.example.org")
        .await;
    browser
        .type_into("#field-description", "Un tiers-lieu rural.")
        .await;
    browser
        .type_into(
            "#field-message",
            "Nous repérons des projets ruraux depuis 2019.",
        )
        .await;
    browser
        .click_and_wait("form[action='/rejoindre'] button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/p/tiers-lieu-des-coteaux");
    browser.el("[data-testid=application-status]").await;
    sign_out(&browser).await;

    // A coordinator accepts.
    sign_in(
        &browser,
        &app,
        "coord@collectif.fr",
        "mot de passe coordination",
    )
    .await;
    browser.goto(app.url("/coordination/candidatures")).await;
    let card = "[data-testid=application][data-slug='tiers-lieu-des-coteaux']";
    browser
        .type_into(&format!("{card} textarea"), "Bienvenue dans le collectif !")
        .await;
    browser
        .click_and_wait(&format!("{card} button[value=accept]"))
        .await;
    browser.el(".flash-success").await;
    app.wait_for_mail("Bienvenue dans le collectif !").await;
    sign_out(&browser).await;

    // The new admin invites a colleague.
    sign_in(
        &browser,
        &app,
        "lea@coteaux.example.org",
        "un mot de passe sûr",
    )
    .await;
    browser
        .goto(app.url("/p/tiers-lieu-des-coteaux/membres"))
        .await;
    browser
        .type_into(
            "[data-testid=invite-form] #field-email",
            "malik@coteaux.example.org",
        )
        .await;
    browser
        .click_and_wait("[data-testid=invite-form] button[type=submit]")
        .await;
    browser.el(".flash-success").await;
    let mail = app.wait_for_mail("/invitation/").await;
    sign_out(&browser).await;

    // The colleague follows the link, creates an account and is in.
    browser
        .goto(app.url(&link_path(&app, &mail, "/invitation/")))
        .await;
    browser
        .type_into("#field-display_name", "Malik Benali")
        .await;
    browser
        .type_into("#field-password", "un autre mot de passe")
        .await;
    browser
        .type_into("#field-password_confirm", "un autre mot de passe")
        .await;
    browser
        .click_and_wait("form[action^='/invitation/'] button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/p/tiers-lieu-des-coteaux");
    browser
        .goto(app.url("/p/tiers-lieu-des-coteaux/membres"))
        .await;
    let rows = browser
        .all("[data-testid=member-row][data-email='malik@coteaux.example.org']")
        .await;
    assert_eq!(rows.len(), 1, "the colleague is a member");
    browser.quit().await;
}

/// A small partner site on loopback: a list page and three project pages.
async fn partner_site() -> String {
    use axum::response::Html;
    use axum::routing::get;
    let detail = |n: u32| async move {
        Html(format!(
            "<h1>Repair café n°{n}</h1><p class=ville>Commune : Tours</p>"
        ))
    };
    let app = axum::Router::new()
        .route(
            "/projets",
            get(|| async {
                Html("<a class=fiche href=/p/1>1</a><a class=fiche href=/p/2>2</a><a class=fiche href=/p/3>3</a>")
            }),
        )
        .route("/p/1", get(move || detail(1)))
        .route("/p/2", get(move || detail(2)))
        .route("/p/3", get(move || detail(3)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    origin
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn an_editor_configures_tests_and_collects_a_source() {
    let app = TestApp::builder()
        .configure(|s| s.crawler.allow_private = vec!["127.0.0.1/32".into()])
        .spawn()
        .await;
    let partner = support::fixtures::partner(&app.state.db, "ressourcerie", "active").await;
    let editor = support::fixtures::user(
        &app.state.db,
        "editeur@ressourcerie.fr",
        Some("mot de passe éditeur"),
        false,
    )
    .await;
    support::fixtures::member(&app.state.db, partner.id, editor.id, "editor").await;
    let origin = partner_site().await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    sign_in(
        &browser,
        &app,
        "editeur@ressourcerie.fr",
        "mot de passe éditeur",
    )
    .await;

    browser
        .goto(app.url("/p/ressourcerie/sources/nouvelle"))
        .await;
    // Only the chosen kind's settings are shown.
    assert!(browser.shown("#field-html_entry_urls").await);
    assert!(!browser.shown("#field-csv_url").await);
    browser.choose("#field-kind", "csv").await;
    assert!(browser.shown("#field-csv_url").await);
    assert!(!browser.shown("#field-html_entry_urls").await);
    browser.choose("#field-kind", "html").await;

    browser
        .type_into("#field-name", "Site de la ressourcerie")
        .await;
    browser
        .type_into("#field-html_entry_urls", &format!("{origin}/projets"))
        .await;
    browser.type_into("#field-html_item_css", "a.fiche").await;
    browser.type_into("#field-html_item_attr", "href").await;
    browser.type_into("#field-html_rule_field-0", "title").await;
    browser.type_into("#field-html_rule_css-0", "h1").await;
    browser
        .type_into("#field-html_rule_field-1", "commune")
        .await;
    browser
        .type_into("#field-html_rule_css-1", "p.ville[[")
        .await;

    // A broken selector is shown at its row, with everything typed kept.
    browser.click_and_wait("[data-testid=preview-button]").await;
    let error = browser.text("#error-html_rule_css-1").await;
    assert!(!error.is_empty());
    assert_eq!(browser.value("#field-html_rule_css-0").await, "h1");
    browser.type_into("#field-html_rule_css-1", "p.ville").await;
    browser
        .type_into("#field-html_rule_strip_prefix-1", "Commune :")
        .await;

    // The test reads the site now: links found and the first pages' values.
    browser.click_and_wait("[data-testid=preview-button]").await;
    assert_eq!(
        browser.text("[data-testid=preview-item-count]").await,
        "3 liens vers des fiches trouvés sur cette page."
    );
    let values: Vec<String> = {
        let mut texts = Vec::new();
        for cell in browser
            .all("[data-field=commune] [data-testid=preview-value]")
            .await
        {
            texts.push(cell.text().await.unwrap());
        }
        texts
    };
    assert_eq!(values, ["Tours", "Tours", "Tours"]);

    // Saved, then collected now by the worker: the report shows the run.
    browser.click_and_wait("[data-testid=save-source]").await;
    browser.click_and_wait("[data-testid=crawl-now]").await;
    let mut status = String::new();
    for _ in 0..60 {
        browser.driver.refresh().await.unwrap();
        if let Some(row) = browser
            .all("[data-testid=run-row]")
            .await
            .into_iter()
            .next()
        {
            status = row.attr("data-status").await.unwrap().unwrap_or_default();
            if status == "succeeded" {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(status, "succeeded");
    assert!(
        browser
            .text("[data-testid=runs]")
            .await
            .contains("3 nouvelles")
    );
    browser.quit().await;
}
