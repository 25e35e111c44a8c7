//! Messaging in Chromium: a visitor signs up, contacts a project's holder, the holder
//! answers through the relay link of the mail, and the answer appears in the visitor's
//! open thread without a reload.
use std::time::Duration;

use carrefour::entities::{project, project_attribution};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use super::support::{self, TestApp};
use super::{Driver, link_path, sign_in};

const HOLDER: &str = "contact@jardin-des-lilas.example.org";

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn a_visitor_contacts_a_holder_and_sees_the_answer_arrive() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let partner = support::fixtures::partner(db, "reseau-jardins", "active").await;
    let now = Utc::now();
    let garden = project::ActiveModel {
        slug: Set("jardin-des-lilas".into()),
        title: Set("Jardin des Lilas".into()),
        summary: Set("Un jardin partagé ouvert au quartier.".into()),
        description_html: Set("<p>Des parcelles et des ateliers.</p>".into()),
        holder_name: Set(Some("Association Terre Vive".into())),
        contact_email: Set(Some(HOLDER.into())),
        status: Set("active".into()),
        provenance: Set("{}".into()),
        social_links: Set("[]".into()),
        distinctions: Set("[]".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    project_attribution::ActiveModel {
        project_id: Set(garden.id),
        partner_id: Set(partner.id),
        original_url: Set("https://jardins.example.org/lilas".into()),
        partner_tags: Set("[]".into()),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    // Sign up, verify the address from the mail, sign in.
    browser.goto(app.url("/inscription")).await;
    browser.type_into("#field-display_name", "Léa Martin").await;
    browser.type_into("#field-email", "lea@exemple.fr").await;
    browser
        .type_into("#field-password", "un mot de passe sûr")
        .await;
    browser
        .type_into("#field-password_confirm", "un mot de passe sûr")
        .await;
    browser
        .click_and_wait("form[action='/inscription'] button[type=submit]")
        .await;
    let mail = app.wait_for_mail("/inscription/verifier/").await;
    browser
        .goto(app.url(&link_path(&app, &mail, "/inscription/verifier/")))
        .await;
    sign_in(&browser, &app, "lea@exemple.fr", "un mot de passe sûr").await;

    // From the project page to the holder.
    browser
        .goto(app.url(&format!("/projets/{}-jardin-des-lilas", garden.id)))
        .await;
    browser.click_and_wait("[data-testid=contact-holder]").await;
    assert_eq!(
        browser
            .el("[data-testid=reach]")
            .await
            .attr("data-reach")
            .await
            .unwrap()
            .as_deref(),
        Some("relay")
    );
    browser
        .type_into("#field-subject", "Visite du jardin")
        .await;
    browser
        .type_into("#field-body", "Bonjour, pouvons-nous visiter samedi ?")
        .await;
    browser.click_and_wait("[data-testid=send]").await;
    assert!(browser.path().await.starts_with("/messages/"));
    browser.el(".flash-success").await;
    assert_eq!(browser.all("[data-testid=message]").await.len(), 1);

    // The holder answers through the relay link of the mail (another browser, no account).
    let relayed = app.wait_for_mail_to(HOLDER, "pouvons-nous visiter").await;
    let relay = link_path(&app, &relayed.text(), "/relais/");
    browser
        .driver
        .execute("window.__carrefourOldPage = true;", Vec::new())
        .await
        .unwrap();
    let holder = app.new_browser();
    let page = holder.get(&relay).await.text().await.unwrap();
    let csrf = support::extract_csrf(&page).unwrap();
    let answered = holder
        .post_form(
            &format!("{relay}/repondre"),
            &[("_csrf", &csrf), ("body", "Avec plaisir, venez à 10 h !")],
        )
        .await;
    assert_eq!(answered.status(), 303);

    // The open thread shows it within a few seconds, on the same page.
    let mut shown = false;
    for _ in 0..60 {
        let messages = browser.all("[data-testid=message-body]").await;
        if messages.len() == 2 {
            assert_eq!(
                messages[1].text().await.unwrap(),
                "Avec plaisir, venez à 10 h !"
            );
            shown = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    if !shown {
        browser
            .fail("the answer did not appear in the open thread")
            .await;
    }
    let same_page = browser
        .driver
        .execute("return window.__carrefourOldPage === true;", Vec::new())
        .await
        .unwrap()
        .json()
        .as_bool();
    assert_eq!(same_page, Some(true), "the page was not reloaded");
    browser.quit().await;
}
