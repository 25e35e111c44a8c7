//! Governance in Chromium: a partner drafts a charter amendment, sees its differences,
//! submits it; another partner deliberates; the coordinator opens the vote; three
//! partners vote; the coordinator closes it; the charter's version 2 shows its diff.
use super::support::{TestApp, fixtures};
use super::{Driver, sign_in, sign_out};

const PASSWORD: &str = "mot de passe solide";

async fn person(app: &TestApp, email: &str, partner_id: Option<i64>, role: &str) {
    let coordinator = partner_id.is_none();
    let user = fixtures::user(&app.state.db, email, Some(PASSWORD), coordinator).await;
    if let Some(partner_id) = partner_id {
        fixtures::member(&app.state.db, partner_id, user.id, role).await;
    }
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn partners_amend_the_charter_by_vote() {
    let app = TestApp::spawn().await;
    let mut partners = Vec::new();
    for slug in ["alpha", "beta", "gamma"] {
        let p = fixtures::partner(&app.state.db, slug, "active").await;
        person(&app, &format!("admin@{slug}.fr"), Some(p.id), "admin").await;
        partners.push(p);
    }
    person(&app, "coord@collectif.fr", None, "").await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    // Alpha drafts an amendment from the charter in force and previews the diff.
    sign_in(&browser, &app, "admin@alpha.fr", PASSWORD).await;
    browser.goto(app.url("/gouvernance")).await;
    browser.click_and_wait("[data-testid=new-amendment]").await;
    browser.type_into("#field-title", "Quorum à 40 %").await;
    browser
        .type_into("#field-summary", "Pour que les votes aboutissent.")
        .await;
    let current = browser.value("#field-body").await;
    assert!(
        current.contains("quorum = 0.5"),
        "the form starts from the charter"
    );
    let amended = current.replace("quorum = 0.5", "quorum = 0.4");
    // Editing a long text: set the textarea as a paste would.
    browser
        .driver
        .execute(
            "document.querySelector('#field-body').value = arguments[0];",
            vec![serde_json::Value::String(amended)],
        )
        .await
        .unwrap();
    browser.click_and_wait("[data-testid=preview]").await;
    assert_eq!(browser.text("[data-testid=draft-diff] ins").await, "0.4");
    assert_eq!(browser.text("[data-testid=draft-diff] del").await, "0.5");
    assert_eq!(browser.value("#field-title").await, "Quorum à 40 %");
    browser.click_and_wait("[data-testid=save-draft]").await;
    browser
        .click_and_wait("[data-testid=submit-proposal]")
        .await;
    let proposal_path = browser.path().await;
    assert!(
        browser
            .el("[data-testid=proposal-status][data-status=deliberation]")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    sign_out(&browser).await;

    // Beta deliberates.
    sign_in(&browser, &app, "admin@beta.fr", PASSWORD).await;
    browser.goto(app.url(&proposal_path)).await;
    browser
        .type_into("#field-body", "Nous sommes **favorables**.")
        .await;
    browser.click_and_wait("[data-testid=post-comment]").await;
    assert_eq!(
        browser
            .text("[data-testid=comment] .rich-text strong")
            .await,
        "favorables"
    );
    sign_out(&browser).await;

    // The coordinator opens the vote.
    sign_in(&browser, &app, "coord@collectif.fr", PASSWORD).await;
    browser.goto(app.url(&proposal_path)).await;
    browser.click_and_wait("[data-testid=open-vote]").await;
    assert!(
        browser
            .text(".flash-success")
            .await
            .contains("Le vote est ouvert")
    );
    sign_out(&browser).await;

    // Three partners vote.
    for slug in ["alpha", "beta", "gamma"] {
        sign_in(&browser, &app, &format!("admin@{slug}.fr"), PASSWORD).await;
        browser.goto(app.url(&proposal_path)).await;
        browser
            .el(&format!(
                "[data-testid=ballot-form][data-partner={slug}] input[value=for]"
            ))
            .await
            .click()
            .await
            .unwrap();
        browser
            .click_and_wait(&format!(
                "[data-testid=ballot-form][data-partner={slug}] [data-testid=cast-ballot]"
            ))
            .await;
        assert!(
            browser
                .text(".flash-success")
                .await
                .contains("Bulletin enregistré")
        );
        sign_out(&browser).await;
    }

    // Everyone voted: the coordinator closes, the result is published.
    sign_in(&browser, &app, "coord@collectif.fr", PASSWORD).await;
    browser.goto(app.url(&proposal_path)).await;
    browser.click_and_wait("[data-testid=close-vote]").await;
    assert_eq!(
        browser
            .el("[data-testid=result-outcome]")
            .await
            .attr("data-outcome")
            .await
            .unwrap()
            .as_deref(),
        Some("adopted")
    );
    assert_eq!(
        browser.text("[data-testid=result-for]").await,
        "Pour : 3 (100 %)"
    );

    // The charter is now version 2, with its diff against version 1.
    browser.goto(app.url("/charte")).await;
    assert_eq!(
        browser
            .el("[data-testid=charter-version]")
            .await
            .attr("data-version")
            .await
            .unwrap()
            .as_deref(),
        Some("2")
    );
    assert_eq!(browser.text("[data-testid=rule-quorum]").await, "40 %");
    let mut inserted = Vec::new();
    for ins in browser.all("[data-testid=charter-diff] ins").await {
        inserted.push(ins.text().await.unwrap());
    }
    assert!(inserted.iter().any(|t| t == "0.4"), "{inserted:?}");
    browser.quit().await;
}
