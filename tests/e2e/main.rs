//! Browser journeys in real headless Chromium driven through chromedriver (WebDriver).
//! Run by `scripts/test` with `--ignored`, which sets `CHROMEDRIVER` and `CHROME_BIN`.
#[path = "../support/mod.rs"]
mod support;

use std::process::Stdio;
use std::time::Duration;

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

    async fn browser(&self) -> WebDriver {
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
            serde_json::json!({"intl.accept_languages": "fr-FR,fr"}),
        )
        .unwrap();
        WebDriver::new(&self.url, caps)
            .await
            .expect("cannot open a Chromium session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.start_kill();
    }
}

async fn text_of(browser: &WebDriver, css: &str) -> String {
    browser
        .find(By::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
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

    browser.goto(app.url("/")).await.unwrap();
    assert_eq!(
        text_of(&browser, "h1").await,
        "L'innovation sociale, visible, reconnue et reliée"
    );
    assert_eq!(text_of(&browser, "[data-testid=project-count]").await, "40");

    // The switcher shows the same page in English and the choice sticks.
    browser
        .find(By::Css("[data-testid=lang-switch]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, "h1").await,
        "Social innovation, visible, recognised and connected"
    );
    browser
        .find(By::LinkText("Browse projects"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(text_of(&browser, "h1").await, "Projects");

    // Open the first project of the list.
    let first = browser.find(By::Css(".project-card h3 a")).await.unwrap();
    let title = first.text().await.unwrap();
    first.click().await.unwrap();
    assert_eq!(text_of(&browser, "h1").await, title);
    assert!(
        browser
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/projets/")
    );
    let credits = browser.find_all(By::Css(".credits-list li")).await.unwrap();
    assert!(!credits.is_empty(), "the partners that list it are shown");

    // Back to French through the switcher.
    browser
        .find(By::Css("[data-testid=lang-switch]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(text_of(&browser, ".project-facts h2").await, "Repéré par");
    browser.quit().await.unwrap();
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn visitor_writes_to_the_coordinators_and_fixes_a_mistake() {
    let app = TestApp::spawn().await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    browser.goto(app.url("/contact")).await.unwrap();
    browser
        .find(By::Id("field-name"))
        .await
        .unwrap()
        .send_keys("Léa Martin")
        .await
        .unwrap();
    browser
        .find(By::Id("field-email"))
        .await
        .unwrap()
        .send_keys("lea@invalide")
        .await
        .unwrap();
    browser
        .find(By::Id("field-subject"))
        .await
        .unwrap()
        .send_keys("Adhésion")
        .await
        .unwrap();
    browser
        .find(By::Id("field-message"))
        .await
        .unwrap()
        .send_keys("Notre association voudrait rejoindre le collectif.")
        .await
        .unwrap();
    browser
        .find(By::Css("form.form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // The error is next to the field and nothing typed is lost.
    assert_eq!(
        text_of(&browser, "#error-email").await,
        "Cette adresse e-mail n'est pas valide."
    );
    let kept = browser
        .find(By::Id("field-message"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(
        kept.as_deref(),
        Some("Notre association voudrait rejoindre le collectif.")
    );

    let email = browser.find(By::Id("field-email")).await.unwrap();
    email.clear().await.unwrap();
    email.send_keys("lea@asso-exemple.fr").await.unwrap();
    browser
        .find(By::Css("form.form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        text_of(&browser, ".flash-success").await,
        "Votre message a bien été envoyé aux coordinateurs."
    );
    app.wait_for_mail("Notre association voudrait rejoindre le collectif.")
        .await;
    browser.quit().await.unwrap();
}
