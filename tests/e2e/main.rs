//! Browser journeys in real headless Chromium driven through chromedriver (WebDriver).
//! Run by `scripts/test` with `--ignored`, which sets `CHROMEDRIVER` and `CHROME_BIN`.
#[path = "../support/mod.rs"]
mod support;

use std::process::Stdio;
use std::time::Duration;

mod browser;

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
    assert_eq!(browser.text("h1").await, "Projects");

    // Open the first project of the list.
    let first = browser.el(".project-card h3 a").await;
    let title = first.text().await.unwrap();
    browser.click_element_and_wait(first).await;
    assert_eq!(browser.text("h1").await, title);
    assert!(browser.path().await.starts_with("/projets/"));
    let credits = browser.all(".credits-list li").await;
    assert!(!credits.is_empty(), "the partners that list it are shown");

    // Back to French through the switcher.
    browser.click_and_wait("[data-testid=lang-switch]").await;
    assert_eq!(browser.text(".project-facts h2").await, "Repéré par");
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
