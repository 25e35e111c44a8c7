//! The board in Chromium: a project holder posts a call for expertise; an expert finds
//! it by words, sees it on the board's map and opens its card there, answers with a
//! PDF; the holder shortlists the answer, then accepts it, and the expert is told by
//! mail.
use chrono::{Duration, Utc};

use super::support::projects::ProjectBuilder;
use super::support::{self, TestApp};
use super::{Driver, sign_in};

const PASSWORD: &str = "un mot de passe sûr";
const HOLDER: &str = "porteuse@jardins-de-fives.example.org";
const EXPERT: &str = "experte@conseil.example.org";
const TITLE: &str = "Évaluation d'impact social de nos jardins";

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn a_holder_posts_a_call_an_expert_finds_it_on_the_map_answers_and_is_accepted() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let partner = support::fixtures::partner(db, "jardins", "active").await;
    let project = ProjectBuilder::new("Jardins partagés de Fives")
        .commune("59350")
        .listed_by(partner.id)
        .insert(db)
        .await;
    let holder_user = support::fixtures::user(db, HOLDER, Some(PASSWORD), false).await;
    support::fixtures::holder(db, project.id, holder_user.id).await;
    support::fixtures::user(db, EXPERT, Some(PASSWORD), false).await;
    let driver = Driver::start().await;

    // The holder posts the call on behalf of their project, then publishes the draft.
    let holder = driver.browser().await;
    sign_in(&holder, &app, HOLDER, PASSWORD).await;
    holder.goto(app.url("/courtage")).await;
    holder.click_and_wait("[data-testid=board-new]").await;
    holder.choose("#field-kind", "expertise").await;
    holder
        .choose("#field-on_behalf", &format!("project:{}", project.id))
        .await;
    holder.type_into("#field-title", TITLE).await;
    holder
        .type_into(
            "#field-description",
            "Nous cherchons une personne pour évaluer l'impact de nos jardins partagés.",
        )
        .await;
    holder
        .el("[data-testid=territory-commune]")
        .await
        .click()
        .await
        .unwrap();
    holder.type_into("#field-commune", "Lille (59)").await;
    holder
        .el("[data-testid=theme-ECO]")
        .await
        .click()
        .await
        .unwrap();
    holder
        .el("input[name=publics][value=PUB-TOUT-PUBLIC]")
        .await
        .click()
        .await
        .unwrap();
    let deadline = (Utc::now().date_naive() + Duration::days(30)).to_string();
    // A date input types in the browser's locale; its value is ISO whatever the locale.
    holder
        .driver
        .execute(
            "document.getElementById('field-deadline').value = arguments[0];",
            vec![serde_json::json!(deadline)],
        )
        .await
        .unwrap();
    holder
        .el("input[name=answer_mode][value=carrefour]")
        .await
        .click()
        .await
        .unwrap();
    holder.click_and_wait("[data-testid=save]").await;
    holder.click_and_wait("[data-testid=publish]").await;
    holder
        .until(
            "document.querySelector('[data-testid=board-request]').dataset.status === 'published'",
            "the offer is published",
        )
        .await;
    let request_path = holder.path().await;

    // The expert finds it by words, then on the map, and opens it from its card.
    let expert = driver.browser().await;
    sign_in(&expert, &app, EXPERT, PASSWORD).await;
    expert.goto(app.url("/courtage")).await;
    expert
        .type_into("[data-testid=board-q]", "évaluation impact")
        .await;
    expert
        .click_and_wait("[data-testid=board-search-submit]")
        .await;
    assert_eq!(expert.all("[data-testid=board-result]").await.len(), 1);
    expert.click_and_wait("[data-testid=board-map-link]").await;
    expert
        .until(
            "document.querySelectorAll('#map .leaflet-marker-icon').length === 1",
            "the offer is on the map",
        )
        .await;
    assert!(
        expert
            .text("[data-testid=map-status]")
            .await
            .starts_with("1 demande située"),
        "the map says what it shows"
    );
    expert
        .el("#map .leaflet-marker-icon")
        .await
        .click()
        .await
        .unwrap();
    let card_link = ".leaflet-popup-content [data-testid=board-preview] h3 a";
    assert_eq!(expert.text(card_link).await, TITLE);
    expert.click_and_wait(card_link).await;
    assert_eq!(expert.path().await, request_path);

    // The answer, with a PDF.
    expert
        .type_into(
            "#field-body",
            "J'ai conduit des évaluations d'impact pour trois réseaux de jardins.",
        )
        .await;
    let folder = tempfile::tempdir().unwrap();
    let cv = folder.path().join("cv-experte.pdf");
    std::fs::write(&cv, b"%PDF-1.4\n% a CV\n%%EOF\n").unwrap();
    expert
        .el("[data-testid=answer-documents]")
        .await
        .send_keys(cv.to_str().unwrap())
        .await
        .unwrap();
    expert.click_and_wait("[data-testid=answer-send]").await;
    expert.el("[data-testid=own-answer]").await;

    // The holder shortlists it, then accepts it and tells the expert.
    holder.goto(app.url(&request_path)).await;
    holder.click_and_wait("[data-testid=answers-link]").await;
    assert_eq!(
        holder.text("[data-testid=document]").await,
        "cv-experte.pdf"
    );
    holder
        .choose("[data-testid=status-select]", "shortlisted")
        .await;
    holder.click_and_wait("[data-testid=status-save]").await;
    holder
        .until(
            "document.querySelector('[data-testid=answer]').dataset.status === 'shortlisted'",
            "the answer is shortlisted",
        )
        .await;
    holder
        .choose("[data-testid=status-select]", "accepted")
        .await;
    holder
        .el("[data-testid=notify]")
        .await
        .click()
        .await
        .unwrap();
    holder.click_and_wait("[data-testid=status-save]").await;
    holder
        .until(
            "document.querySelector('[data-testid=answer]').dataset.status === 'accepted'",
            "the answer is accepted",
        )
        .await;
    let mail = app
        .wait_for_mail_to(EXPERT, "a accepté votre réponse")
        .await;
    assert!(mail.text().contains(TITLE), "the mail names the offer");

    // The expert sees it among their answers.
    expert.goto(app.url("/courtage/mes-reponses")).await;
    expert.el("[data-testid=my-answer-status]").await;
    holder.quit().await;
    expert.quit().await;
}
