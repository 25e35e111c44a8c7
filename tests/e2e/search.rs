//! The search journey: words, a facet ticked (the page updates in place and the address
//! follows), the map of that search, a project, and back to the same search.
use super::Driver;
use super::browser::Browser;
use super::support::{TestApp, TestOptions};

async fn total(browser: &Browser) -> u64 {
    let text = browser.text("[data-testid=search-total]").await;
    text.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn a_visitor_searches_ticks_a_facet_sees_the_map_opens_a_project_and_comes_back() {
    let app = TestApp::spawn_with(TestOptions {
        demo_projects: Some(60),
    })
    .await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    browser.goto(app.url("/recherche")).await;
    let everything = total(&browser).await;
    assert!(everything > 30, "{everything} demo projects");

    // Words: the form is sent in place, the address follows.
    browser
        .type_into("[data-testid=search-q]", "solidaire")
        .await;
    browser
        .el("[data-testid=search-submit]")
        .await
        .click()
        .await
        .unwrap();
    browser
        .until(
            "location.search.includes('q=solidaire')",
            "the address has the words",
        )
        .await;
    browser
        .until(
            "document.querySelectorAll('[data-testid=result]').length > 0",
            "results",
        )
        .await;
    let with_words = total(&browser).await;
    assert!(with_words > 0 && with_words < everything, "{with_words}");
    assert!(
        !browser.all("[data-testid=result] mark").await.is_empty(),
        "the words are marked"
    );

    // A theme ticked: applied at once, its chip shown, the counts narrowed.
    let facet = browser.el("[data-facet=theme] input[type=checkbox]").await;
    let theme = facet.attr("value").await.unwrap().unwrap();
    facet.click().await.unwrap();
    browser
        .until(
            &format!("location.search.includes('theme={theme}')"),
            "the address has the theme",
        )
        .await;
    browser.until(&format!("document.querySelector('[data-testid=facet-theme-{theme}]') && document.querySelector('[data-testid=facet-theme-{theme}]').checked"),
        "the theme stays ticked",
    )
    .await;
    let narrowed = total(&browser).await;
    assert!(narrowed <= with_words, "{narrowed} ≤ {with_words}");
    assert_eq!(
        browser.all("[data-testid=chip]").await.len(),
        2,
        "words and theme"
    );
    let search_url = browser.driver.current_url().await.unwrap().to_string();

    // The same search on the map.
    browser
        .click_and_wait("[data-testid=search-map-link]")
        .await;
    assert_eq!(browser.path().await, "/carte");
    assert!(
        browser
            .driver
            .current_url()
            .await
            .unwrap()
            .query()
            .unwrap()
            .contains(&format!("theme={theme}"))
    );
    assert_eq!(total(&browser).await, narrowed);
    browser
        .until(
            "document.getElementById('map-status').textContent.length > 0",
            "the map drew the search",
        )
        .await;
    browser
        .until(
            "document.querySelectorAll('#map .leaflet-marker-icon').length > 0",
            "markers or clusters on the map",
        )
        .await;

    // Back to the list, then a project.
    browser
        .click_and_wait("[data-testid=search-list-link]")
        .await;
    let first = browser.el("[data-testid=result] h3 a").await;
    let title = first.text().await.unwrap();
    browser.click_element_and_wait(first).await;
    assert!(browser.path().await.starts_with("/projets/"));
    assert_eq!(browser.text("h1").await, title);

    // Back: the same search, words, theme and results.
    browser.driver.back().await.unwrap();
    browser
        .until("location.pathname === '/recherche'", "back on the search")
        .await;
    browser.until(&format!("document.querySelector('[data-testid=facet-theme-{theme}]') && document.querySelector('[data-testid=facet-theme-{theme}]').checked"),
        "the theme is still ticked",
    )
    .await;
    assert_eq!(browser.value("[data-testid=search-q]").await, "solidaire");
    assert_eq!(total(&browser).await, narrowed);
    let back_url = browser.driver.current_url().await.unwrap().to_string();
    assert_eq!(
        back_url.split('?').nth(1),
        search_url.split('?').nth(1),
        "the address holds the state"
    );
    browser.quit().await;
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by scripts/test"]
async fn a_territory_page_maps_its_projects_and_opens_the_search_map() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = TestApp::spawn_with(TestOptions {
        demo_projects: Some(60),
    })
    .await;
    let db = &app.state.db;
    // The region with the most located active projects.
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT region_code AS code, COUNT(*) AS n FROM projects \
             WHERE status = 'active' AND region_code IS NOT NULL AND latitude IS NOT NULL \
             GROUP BY region_code ORDER BY COUNT(*) DESC, region_code LIMIT 1",
        ))
        .await
        .unwrap()
        .expect("demo projects placed in a region");
    let code: String = row.try_get("", "code").unwrap();
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    browser
        .goto(app.url(&format!("/territoires/regions/{code}")))
        .await;
    browser
        .until(
            "document.getElementById('map-status').textContent.length > 0",
            "the territory map drew its projects",
        )
        .await;
    browser
        .until(
            "document.querySelectorAll('#map .leaflet-marker-icon').length > 0",
            "markers or clusters on the territory map",
        )
        .await;

    browser.click_and_wait("[data-testid=map-link]").await;
    assert_eq!(browser.path().await, "/carte");
    let url = browser.driver.current_url().await.unwrap().to_string();
    assert_eq!(
        url.split('?').nth(1),
        Some(format!("region={code}").as_str())
    );
    browser
        .until(
            "document.querySelectorAll('#map .leaflet-marker-icon').length > 0",
            "the search map shows the same territory",
        )
        .await;
    browser.quit().await;
}
