//! Communities in Chromium: a person proposes a community, a coordinator approves it,
//! another person joins, opens a topic mentioning the founder (who gets a mail), reacts
//! to the message and edits it, creates an event, registers and downloads its `.ics`.
use super::support::{self, TestApp};
use super::{Driver, sign_in, sign_out};

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn a_community_is_proposed_approved_joined_discussed_and_meets() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let founder = support::fixtures::user(
        db,
        "fondatrice@redon.example.org",
        Some("mot de passe fondatrice"),
        false,
    )
    .await;
    support::fixtures::user(
        db,
        "coord@collectif.example.org",
        Some("mot de passe coordination"),
        true,
    )
    .await;
    support::fixtures::user(
        db,
        "habitant@redon.example.org",
        Some("mot de passe habitant"),
        false,
    )
    .await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    // The founder proposes the community; a mistake is shown next to its field.
    sign_in(
        &browser,
        &app,
        "fondatrice@redon.example.org",
        "mot de passe fondatrice",
    )
    .await;
    browser.goto(app.url("/communautes")).await;
    browser
        .click_and_wait("[data-testid=community-propose]")
        .await;
    browser
        .type_into("#field-name", "Alimentation en Pays de Redon")
        .await;
    browser
        .type_into(
            "#field-description",
            "Producteurs, épiceries solidaires et cantines du pays de Redon.",
        )
        .await;
    browser
        .el("[data-testid=scope-commune]")
        .await
        .click()
        .await
        .unwrap();
    browser
        .type_into("#field-commune", "Nulle-Part-sur-Rien")
        .await;
    browser
        .el("[data-testid=theme-ALI]")
        .await
        .click()
        .await
        .unwrap();
    browser.click_and_wait("[data-testid=save]").await;
    assert!(!browser.text("#error-commune").await.is_empty());
    assert_eq!(
        browser.value("#field-name").await,
        "Alimentation en Pays de Redon"
    );
    browser.type_into("#field-commune", "Redon").await;
    browser.click_and_wait("[data-testid=save]").await;
    browser.el("[data-testid=status-proposed]").await;
    let path = browser.path().await;
    sign_out(&browser).await;

    // A coordinator approves it.
    sign_in(
        &browser,
        &app,
        "coord@collectif.example.org",
        "mot de passe coordination",
    )
    .await;
    browser.goto(app.url("/communautes/moderation")).await;
    browser
        .click_and_wait("[data-testid=proposal] [data-testid=approve]")
        .await;
    browser.el(".flash-success").await;
    app.wait_for_mail_to(&founder.email, "est ouverte").await;
    // Listed now, and placed on the map of the search.
    browser.goto(app.url("/communautes?q=redon")).await;
    browser
        .el("[data-testid=community-map][data-markers='1']")
        .await;
    browser.el(".leaflet-marker-icon").await;
    sign_out(&browser).await;

    // Someone joins and opens a topic that mentions the founder.
    sign_in(
        &browser,
        &app,
        "habitant@redon.example.org",
        "mot de passe habitant",
    )
    .await;
    browser.goto(app.url(&path)).await;
    browser
        .type_into(
            "[data-testid=join-form] #field-what_they_do",
            "Maraîcher à Redon",
        )
        .await;
    browser.click_and_wait("[data-testid=join]").await;
    browser.el("[data-testid=profile-form]").await;
    browser.click_and_wait("[data-testid=new-topic]").await;
    browser
        .type_into("#field-title", "Un marché de producteurs")
        .await;
    browser
        .type_into(
            "#field-body",
            &format!(
                "Bonjour @{}, on lance un marché le samedi ?",
                founder.display_name
            ),
        )
        .await;
    browser.click_and_wait("[data-testid=publish-topic]").await;
    assert_eq!(browser.text("h1").await, "Un marché de producteurs");
    app.wait_for_mail_to(&founder.email, "vous cite").await;
    // A reaction to the message (the count follows), then an edit (marked as such).
    browser.click_and_wait("[data-testid=react-idea]").await;
    assert_eq!(browser.text("[data-testid=count-idea]").await, "1");
    browser.click_and_wait("[data-testid=edit-post]").await;
    browser
        .type_into(
            "#field-body",
            &format!(
                "Bonjour @{}, on lance un marché le samedi matin ?",
                founder.display_name
            ),
        )
        .await;
    browser.click_and_wait("[data-testid=save-post]").await;
    browser.el("[data-testid=edited]").await;
    assert!(
        browser
            .text("[data-testid=post] .rich-text")
            .await
            .contains("le samedi matin")
    );

    // They create an event, register and download its calendar file.
    browser.goto(app.url(&path)).await;
    browser.click_and_wait("[data-testid=new-event]").await;
    browser
        .type_into("#field-title", "Premier marché de producteurs")
        .await;
    for (field, value) in [
        ("#field-starts", "2030-06-01T09:00"),
        ("#field-ends", "2030-06-01T13:00"),
    ] {
        let input = browser.el(field).await;
        browser
            .driver
            .execute(
                "arguments[0].value = arguments[1];",
                vec![input.to_json().unwrap(), serde_json::json!(value)],
            )
            .await
            .unwrap();
    }
    browser.type_into("#field-commune", "Redon").await;
    browser.type_into("#field-capacity", "30").await;
    browser.click_and_wait("[data-testid=save-event]").await;
    assert_eq!(
        browser.text("[data-testid=event] h1").await,
        "Premier marché de producteurs"
    );
    assert!(
        browser
            .text("[data-testid=when]")
            .await
            .contains("01/06/2030 à 09:00")
    );
    browser.click_and_wait("[data-testid=going]").await;
    assert_eq!(
        browser.text("[data-testid=my-answer]").await,
        "Vous participez"
    );
    let ics = browser
        .el("[data-testid=ics]")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let file = reqwest::get(app.url(&ics)).await.unwrap();
    assert!(
        file.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let file = file.text().await.unwrap();
    assert!(
        file.contains("BEGIN:VEVENT") && file.contains("SUMMARY:Premier marché de producteurs")
    );
    assert!(file.contains("DTSTART;TZID=Europe/Paris:20300601T090000"));
    browser.quit().await;
}
