//! The data-quality pages: fill rates per field, geocoding precision, suspected
//! duplicates awaiting review, untitled records and partners' tags, for one source, one
//! partner and the whole hub; and who may see them.
mod support;

use carrefour::consolidation::service::consolidate_source;
use serde_json::json;
use support::TestApp;
use support::records::record;

/// The text of the row `testid` of a page, spaces collapsed.
fn row(html: &str, testid: &str) -> String {
    let found = support::texts(html, &format!("[data-testid={testid}]"));
    assert_eq!(found.len(), 1, "one {testid} in the page");
    found[0].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Two partners, three sources, consolidated through the real path:
/// - alpha's "site": a garden placed by its commune, a café placed at its address, a
///   workshop without place, and a record without title;
/// - alpha's "annuaire": a grocery in Lyon;
/// - beta's "carte": a grocery in Lyon with other contact details (a suspected duplicate).
struct World {
    app: TestApp,
    alpha: i64,
    beta: i64,
    site: i64,
    beta_source: i64,
}

async fn world() -> World {
    let app = TestApp::builder().spawn().await;
    let db = &app.state.db;
    let alpha = support::fixtures::partner(db, "alpha", "active").await;
    let beta = support::fixtures::partner(db, "beta", "active").await;
    let site = support::fixtures::site_source(db, alpha.id, "site").await;
    let directory = support::fixtures::site_source(db, alpha.id, "annuaire").await;
    let map = support::fixtures::site_source(db, beta.id, "carte").await;
    record(
        db,
        site.id,
        "jardin",
        json!({
            "title": "Jardin partagé des Lilas",
            "summary": "Un jardin ouvert aux habitants du quartier.",
            "commune": "Villeurbanne",
            "postcode": "69100",
            "website": "https://jardin.example.org/",
            "themes": ["Jardins"],
        }),
    )
    .await;
    record(
        db,
        site.id,
        "cafe",
        json!({
            "title": "Café des savoirs",
            "summary": "Un café associatif où l'on échange des savoirs.",
            "commune": "Lyon",
            "postcode": "69003",
            "lat": 45.7597,
            "lon": 4.8422,
            "themes": ["Jardins", "Alimentation"],
        }),
    )
    .await;
    record(
        db,
        site.id,
        "atelier",
        json!({"title": "Atelier vélo solidaire"}),
    )
    .await;
    record(
        db,
        site.id,
        "sans-titre",
        json!({"summary": "Une fiche dont le titre n'a pas été trouvé."}),
    )
    .await;
    let report = consolidate_source(db, site.id).await.unwrap();
    assert_eq!((report.created, report.untitled), (3, 1), "{report:?}");
    record(
        db,
        directory.id,
        "epicerie",
        json!({
            "title": "Épicerie solidaire",
            "summary": "Une épicerie solidaire pour les familles du quartier.",
            "commune": "Lyon",
            "postcode": "69003",
            "email": "epicerie@panier.example.org",
        }),
    )
    .await;
    consolidate_source(db, directory.id).await.unwrap();
    record(
        db,
        map.id,
        "epicerie",
        json!({
            "title": "Épicerie solidaire",
            "summary": "Des produits à petits prix, tenus par des bénévoles.",
            "commune": "Lyon",
            "postcode": "69003",
            "email": "contact@autre.example.org",
        }),
    )
    .await;
    let report = consolidate_source(db, map.id).await.unwrap();
    assert_eq!(
        (report.created, report.merged, report.suspected),
        (1, 0, 1),
        "{report:?}"
    );
    World {
        app,
        alpha: alpha.id,
        beta: beta.id,
        site: site.id,
        beta_source: map.id,
    }
}

#[tokio::test]
async fn a_source_partner_and_the_hub_show_their_fill_rates_places_duplicates_and_tags() {
    let World {
        app,
        alpha,
        beta,
        site,
        beta_source,
    } = world().await;

    // One source: three projects, one record waiting for a title.
    let editor = app
        .member_browser(alpha, "editrice@alpha.fr", "editor")
        .await;
    let (status, html) = editor
        .page(&format!("/p/alpha/sources/{site}/qualite"))
        .await;
    assert_eq!(status, 200, "{html}");
    assert!(row(&html, "quality-projects").starts_with("3 projets"));
    assert!(row(&html, "quality-untitled").starts_with("1 fiche"));
    assert!(row(&html, "quality-suspects").starts_with("0 doublon"));
    assert_eq!(row(&html, "fill-title"), "Titre 3 sur 3 100 %");
    assert_eq!(row(&html, "fill-summary"), "Résumé 2 sur 3 67 %");
    assert_eq!(row(&html, "fill-commune"), "Commune 2 sur 3 67 %");
    assert_eq!(row(&html, "fill-website"), "Site web 1 sur 3 33 %");
    assert_eq!(row(&html, "fill-email"), "Adresse de contact 0 sur 3 0 %");
    assert_eq!(row(&html, "precision-address"), "À l'adresse 1 33 %");
    assert_eq!(row(&html, "precision-commune"), "À la commune 1 33 %");
    assert_eq!(row(&html, "precision-department"), "Au département 0 0 %");
    assert_eq!(row(&html, "precision-none"), "Non localisé 1 33 %");
    assert!(row(&html, "quality-with-commune").starts_with("67 %"));
    assert!(row(&html, "quality-distinct-tags").starts_with("2 étiquettes"));
    let tags = support::texts(&html, "[data-testid=tag-row] td");
    assert_eq!(
        tags,
        ["Jardins", "2", "Alimentation", "1"].map(String::from)
    );

    // The partner: four projects over two sources, each source linked.
    let (status, html) = editor.page("/p/alpha/qualite").await;
    assert_eq!(status, 200, "{html}");
    assert!(row(&html, "quality-projects").starts_with("4 projets"));
    assert_eq!(row(&html, "fill-commune"), "Commune 3 sur 4 75 %");
    assert_eq!(row(&html, "fill-email"), "Adresse de contact 1 sur 4 25 %");
    let sources = support::texts(&html, "[data-testid=quality-source-row]");
    assert_eq!(sources.len(), 2, "{sources:?}");
    let links = support::hrefs(&html, "[data-testid=quality-source-row] a");
    assert!(
        links.contains(&format!("/p/alpha/sources/{site}/qualite")),
        "{links:?}"
    );
    assert!(
        html.contains("href=\"/p/alpha/qualite\""),
        "a tab leads here"
    );

    // The suspected pair (beta's listing, like alpha's project) waits in both partners'
    // reports, as on their duplicates pages.
    assert!(
        row(&html, "quality-suspects").starts_with("1 doublon"),
        "{html}"
    );
    let (_, queue) = editor.page("/p/alpha/doublons").await;
    assert_eq!(
        support::texts(&queue, "[data-testid=suspect-row]").len(),
        1,
        "the duplicates page lists the same pair"
    );
    let beta_admin = app.member_browser(beta, "admin@beta.fr", "admin").await;
    let (_, html) = beta_admin
        .page(&format!("/p/beta/sources/{beta_source}/qualite"))
        .await;
    assert!(
        row(&html, "quality-suspects").starts_with("1 doublon"),
        "{html}"
    );

    // The hub: five projects, the suspected pair, the untitled record.
    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    let (status, html) = coordinator.page("/coordination/qualite").await;
    assert_eq!(status, 200, "{html}");
    assert!(row(&html, "quality-projects").starts_with("5 projets"));
    assert!(row(&html, "quality-suspects").starts_with("1 doublon"));
    assert!(row(&html, "quality-untitled").starts_with("1 fiche"));
    assert_eq!(row(&html, "fill-title"), "Titre 5 sur 5 100 %");
    assert_eq!(row(&html, "fill-commune"), "Commune 4 sur 5 80 %");
    assert_eq!(row(&html, "precision-none"), "Non localisé 1 20 %");
    assert!(
        html.contains("href=\"/coordination/qualite\""),
        "a tab leads here"
    );
}

#[tokio::test]
async fn only_the_partners_editors_and_coordinators_see_its_quality() {
    let World {
        app,
        alpha,
        beta,
        site,
        ..
    } = world().await;
    let source_page = format!("/p/alpha/sources/{site}/qualite");

    let visitor = app.new_browser();
    for path in [
        "/p/alpha/qualite",
        source_page.as_str(),
        "/coordination/qualite",
    ] {
        let response = visitor.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/connexion"), "{path} → {location}");
    }

    let member = app.member_browser(alpha, "membre@alpha.fr", "member").await;
    for path in [
        "/p/alpha/qualite",
        source_page.as_str(),
        "/coordination/qualite",
    ] {
        let status = member.get(path).await.status().as_u16();
        assert!(
            matches!(status, 403 | 404),
            "{path} as a plain member: {status}"
        );
    }

    let outsider = app.member_browser(beta, "admin@beta.fr", "admin").await;
    for path in [
        "/p/alpha/qualite".to_owned(),
        source_page.clone(),
        // Another partner's source through one's own space.
        format!("/p/beta/sources/{site}/qualite"),
    ] {
        let status = outsider.get(&path).await.status().as_u16();
        assert!(
            matches!(status, 403 | 404),
            "{path} as beta's admin: {status}"
        );
    }

    let coordinator = app.coordinator_browser("coord@collectif.fr").await;
    for path in [
        "/p/alpha/qualite",
        source_page.as_str(),
        "/coordination/qualite",
    ] {
        assert_eq!(coordinator.get(path).await.status(), 200, "{path}");
    }
}
