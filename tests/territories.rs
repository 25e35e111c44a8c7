//! Territory pages (index, region, department, commune) over HTTP: every count equals what
//! the database holds (counted here from whole tables), archived and merged projects and
//! gone listings are left out, unknown codes get the localised 404, both languages.
mod support;

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, Utc};
use support::counts::{Snapshot, leading_number};
use support::projects::ProjectBuilder;
use support::{TestApp, hrefs, texts};

/// Communes of the fixture: Lyon, Villeurbanne (69, Auvergne-Rhône-Alpes 84), Grenoble
/// (38, 84), Rennes (35, Bretagne 53), Brest (29, 53), Paris (75, Île-de-France 11).
const COMMUNES: [&str; 6] = ["69123", "69266", "38185", "35238", "29019", "75056"];

/// Theme lists given in turn: sub-themes, two sub-themes of one theme (the project counts
/// once for it), a top-level theme alone, a public (not a theme).
const THEMES: [&[&str]; 5] = [
    &["ALI-CIRCUITS-COURTS"],
    &["EDU-DECROCHAGE", "EDU-SOUTIEN"],
    &["SAN", "ALI-ALIMENTATION-DURABLE"],
    &["HAB-RENOVATION", "PUB-JEUNES"],
    &["EDU-SOUTIEN", "MOB-VELO"],
];

struct Fixture {
    app: TestApp,
}

/// 36 active projects over the six communes, two placed only in department 69, and
/// archived and merged ones (with themes and listings) in the same places; partners a and
/// b list them, b's listings sometimes gone, suspended partner c lists some too.
async fn fixture() -> Fixture {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let a = support::fixtures::partner(db, "reseau-a", "active").await;
    let b = support::fixtures::partner(db, "reseau-b", "active").await;
    let c = support::fixtures::partner(db, "reseau-c", "suspended").await;
    let now = Utc::now();
    for i in 0..36usize {
        let mut project = ProjectBuilder::new(&format!("Projet {i:02}"))
            .commune(COMMUNES[i % COMMUNES.len()])
            .themes(THEMES[i % THEMES.len()])
            .first_seen(now - Duration::days(i as i64 * 3))
            .listed_by(a.id);
        project = match i % 4 {
            0 => project.listed_by(b.id),
            1 => project.formerly_listed_by(b.id),
            2 => project.listed_by(c.id),
            _ => project,
        };
        project.insert(db).await;
    }
    for i in 0..2 {
        ProjectBuilder::new(&format!("Projet départemental {i}"))
            .department("69")
            .themes(&["CUL-PATRIMOINE"])
            .listed_by(b.id)
            .insert(db)
            .await;
    }
    for (status, insee) in [
        ("archived", "69123"),
        ("archived", "38185"),
        ("merged", "35238"),
    ] {
        ProjectBuilder::new(&format!("Ancien projet {insee}"))
            .commune(insee)
            .themes(&["NUM-INCLUSION", "ALI-CIRCUITS-COURTS"])
            .status(status)
            .listed_by(a.id)
            .listed_by(b.id)
            .insert(db)
            .await;
    }
    support::wait_indexed(&app.state).await;
    Fixture { app }
}

/// `label → count` of the items of a list of tallies on a page.
fn tallies(html: &str, list: &str) -> BTreeMap<String, i64> {
    let document = scraper::Html::parse_document(html);
    let items = scraper::Selector::parse(&format!("[data-testid={list}] > li")).unwrap();
    let count = scraper::Selector::parse("[data-testid=count]").unwrap();
    let label = scraper::Selector::parse("a").unwrap();
    document
        .select(&items)
        .map(|li| {
            let n = li.select(&count).next().unwrap().text().collect::<String>();
            let name = match li.select(&label).next() {
                Some(a) => a.text().collect::<String>(),
                None => li.text().collect::<String>().replace(&n, ""),
            };
            (name.trim().to_owned(), leading_number(&n))
        })
        .collect()
}

fn labelled(
    snapshot: &Snapshot,
    counts: BTreeMap<String, usize>,
    lang: &str,
) -> BTreeMap<String, i64> {
    counts
        .into_iter()
        .map(|(code, n)| (snapshot.label(&code, lang), n as i64))
        .collect()
}

fn as_i64(counts: BTreeMap<String, usize>) -> BTreeMap<String, i64> {
    counts.into_iter().map(|(k, n)| (k, n as i64)).collect()
}

#[tokio::test]
async fn the_index_counts_every_region_and_department() {
    let Fixture { app } = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let (status, html) = app.page("/territoires").await;
    assert_eq!(status, 200, "{html}");
    let total = snapshot.active(|_| true).len() as i64;
    assert_eq!(total, 38);
    assert!(texts(&html, ".lead")[0].starts_with(&format!("{total} projets actifs")));
    for (region, expected) in [("84", 20), ("53", 12), ("11", 6), ("93", 0)] {
        let counted = snapshot
            .active(|p| p.region_code.as_deref() == Some(region))
            .len() as i64;
        assert_eq!(counted, expected, "fixture of region {region}");
        let shown = texts(
            &html,
            &format!("li[data-code='{region}'] > h2 [data-testid=count]"),
        );
        assert_eq!(shown.len(), 1, "region {region} listed once");
        assert_eq!(leading_number(&shown[0]), counted, "region {region}");
    }
    // Every department of every region, with its count (zeros included).
    let document = scraper::Html::parse_document(&html);
    let links = scraper::Selector::parse(".territory-counts li").unwrap();
    let mut seen = 0;
    for li in document.select(&links) {
        let href = li
            .select(&scraper::Selector::parse("a").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap()
            .to_owned();
        let code = href.rsplit('/').next().unwrap().to_owned();
        let count = li
            .select(&scraper::Selector::parse("[data-testid=count]").unwrap())
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        let expected = snapshot
            .active(|p| p.department_code.as_deref() == Some(code.as_str()))
            .len() as i64;
        assert_eq!(leading_number(&count), expected, "department {code}");
        seen += 1;
    }
    assert_eq!(seen, 101, "all departments are listed");
    assert!(html.contains(r#"href="/territoires/departements/2A""#));
    assert!(html.contains(r#"href="/territoires/regions/84""#));
}

#[tokio::test]
async fn a_region_shows_its_projects_themes_partners_and_departments() {
    let Fixture { app } = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let in_region = snapshot.active(|p| p.region_code.as_deref() == Some("84"));
    let (status, html) = app.page("/territoires/regions/84").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(texts(&html, "h1"), vec!["Auvergne-Rhône-Alpes"]);
    assert_eq!(
        texts(&html, ".breadcrumb"),
        vec!["Territoires › Auvergne-Rhône-Alpes"]
    );
    assert_eq!(
        leading_number(&texts(&html, "[data-testid=total]")[0]),
        in_region.len() as i64
    );

    // The six first seen most recently.
    let mut recent: Vec<_> = in_region.iter().map(|id| snapshot.project(*id)).collect();
    recent.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let expected: Vec<String> = recent.iter().take(6).map(|p| p.title.clone()).collect();
    assert_eq!(texts(&html, "[data-testid=cards] .card-title"), expected);
    assert_eq!(
        hrefs(&html, "[data-testid=all-projects]"),
        vec!["/recherche?region=84"]
    );

    assert_eq!(
        tallies(&html, "themes"),
        labelled(&snapshot, snapshot.top_themes(&in_region), "fr")
    );
    let themes = texts(&html, "[data-testid=themes] [data-testid=count]");
    let counts: Vec<i64> = themes.iter().map(|t| leading_number(t)).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most frequent first: {counts:?}"
    );
    assert!(
        hrefs(&html, "[data-testid=themes] a")
            .contains(&"/recherche?region=84&theme=EDU".to_owned())
    );

    let partners = tallies(&html, "partners");
    assert_eq!(partners, as_i64(snapshot.partners(&in_region)));
    assert!(
        !partners.contains_key("Partenaire reseau-c"),
        "suspended partner left out"
    );
    assert!(
        partners["Partenaire reseau-b"] < partners["Partenaire reseau-a"],
        "gone listings left out"
    );

    let places = tallies(&html, "places");
    assert_eq!(
        places.len(),
        12,
        "every department of the region: {places:?}"
    );
    for (label, count) in &places {
        let code = label.rsplit(['(', ')']).nth(1).unwrap();
        let expected = snapshot
            .active(|p| p.department_code.as_deref() == Some(code))
            .len() as i64;
        assert_eq!(*count, expected, "{label}");
    }
    assert_eq!(places["Rhône (69)"], 14);
    assert!(hrefs(&html, "a").contains(&"/tendances?region=84".to_owned()));
}

#[tokio::test]
async fn a_department_lists_its_communes_with_projects() {
    let Fixture { app } = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let in_department = snapshot.active(|p| p.department_code.as_deref() == Some("69"));
    let (status, html) = app.page("/territoires/departements/69").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        texts(&html, ".breadcrumb"),
        vec!["Territoires › Auvergne-Rhône-Alpes › Rhône"]
    );
    assert_eq!(
        hrefs(&html, ".breadcrumb a"),
        vec!["/territoires", "/territoires/regions/84"]
    );
    assert_eq!(leading_number(&texts(&html, "[data-testid=total]")[0]), 14);
    let places = tallies(&html, "places");
    let lyon = snapshot
        .active(|p| p.commune_insee.as_deref() == Some("69123"))
        .len() as i64;
    let villeurbanne = snapshot
        .active(|p| p.commune_insee.as_deref() == Some("69266"))
        .len() as i64;
    assert_eq!(
        places,
        BTreeMap::from([
            ("Lyon".to_owned(), lyon),
            ("Villeurbanne".to_owned(), villeurbanne)
        ])
    );
    assert!(
        hrefs(&html, "[data-testid=places] a")
            .contains(&"/territoires/communes/69123-lyon".to_owned())
    );
    assert_eq!(
        leading_number(&texts(&html, "[data-testid=unplaced]")[0]),
        2
    );
    assert_eq!(
        tallies(&html, "themes"),
        labelled(&snapshot, snapshot.top_themes(&in_department), "fr")
    );
    assert!(tallies(&html, "themes").contains_key("Culture et patrimoine"));
    assert_eq!(
        hrefs(&html, "[data-testid=all-projects]"),
        vec!["/recherche?department=69"]
    );
}

#[tokio::test]
async fn a_commune_lists_all_its_projects_page_by_page() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let now = Utc::now();
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    for i in 0..30 {
        ProjectBuilder::new(&format!("Projet brestois {i:02}"))
            .commune("29019")
            .themes(&["ENV-ENERGIE"])
            .first_seen(now - Duration::hours(i))
            .listed_by(partner.id)
            .insert(db)
            .await;
    }
    ProjectBuilder::new("Projet archivé")
        .commune("29019")
        .status("archived")
        .insert(db)
        .await;
    support::wait_indexed(&app.state).await;

    let response = app.get("/territoires/communes/29019").await;
    assert_eq!(response.status(), 308);
    assert_eq!(
        response.headers()["location"],
        "/territoires/communes/29019-brest"
    );
    let response = app.get("/territoires/communes/29019-ancien-nom").await;
    assert_eq!(
        response.headers()["location"],
        "/territoires/communes/29019-brest"
    );

    let (status, html) = app.page("/territoires/communes/29019-brest").await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        texts(&html, ".breadcrumb"),
        vec!["Territoires › Bretagne › Finistère › Brest"]
    );
    assert_eq!(leading_number(&texts(&html, "[data-testid=total]")[0]), 30);
    let first: Vec<String> = texts(&html, "[data-testid=cards] .card-title");
    assert_eq!(first.len(), 24);
    assert_eq!(first[0], "Projet brestois 00", "latest first");
    assert_eq!(
        hrefs(&html, "a[rel=next]"),
        vec!["/territoires/communes/29019-brest?page=2"]
    );
    let (_, second) = app.page("/territoires/communes/29019-brest?page=2").await;
    let rest = texts(&second, "[data-testid=cards] .card-title");
    assert_eq!(rest.len(), 6);
    let all: HashSet<String> = first.into_iter().chain(rest).collect();
    assert_eq!(all.len(), 30);
    assert!(!all.contains("Projet archivé"));
    let snapshot = Snapshot::load(db).await;
    let env = snapshot.label("ENV", "fr");
    assert_eq!(tallies(&html, "themes"), BTreeMap::from([(env, 30)]));
    assert_eq!(
        tallies(&html, "partners"),
        BTreeMap::from([("Partenaire reseau-a".to_owned(), 30)])
    );
    let (status, _) = app.page("/territoires/communes/29019-brest?page=3").await;
    assert_eq!(status, 404);
    let (status, html) = app
        .page("/territoires/communes/29019-brest?page=zero")
        .await;
    assert_eq!(status, 422, "{html}");
}

#[tokio::test]
async fn unknown_territories_get_the_localised_not_found_page() {
    let app = TestApp::spawn().await;
    for path in [
        "/territoires/regions/99",
        "/territoires/departements/ZZ",
        "/territoires/communes/00000-nulle-part",
        "/territoires/communes/lyon",
    ] {
        let (status, html) = app.page(&format!("{path}?lang=fr")).await;
        assert_eq!(status, 404, "{path}");
        let main = texts(&html, "main").join(" ");
        assert!(
            main.contains("Ce territoire n'existe pas"),
            "{path}: {main}"
        );
        let (status, html) = app.page(&format!("{path}?lang=en")).await;
        assert_eq!(status, 404);
        let main = texts(&html, "main").join(" ");
        assert!(
            main.contains("This territory does not exist"),
            "{path}: {main}"
        );
    }
}

#[tokio::test]
async fn pages_read_in_english_with_the_same_addresses() {
    let Fixture { app } = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let in_region = snapshot.active(|p| p.region_code.as_deref() == Some("53"));
    let (status, html) = app.page("/territoires/regions/53?lang=en").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Main themes") && html.contains("Partners active here"));
    assert_eq!(texts(&html, ".breadcrumb"), vec!["Territories › Bretagne"]);
    assert_eq!(
        tallies(&html, "themes"),
        labelled(&snapshot, snapshot.top_themes(&in_region), "en")
    );
    assert!(tallies(&html, "themes").contains_key("Education and youth"));
    let (_, index) = app.page("/territoires").await;
    assert!(
        index.contains("active projects, by region and department"),
        "the choice is remembered"
    );
}

#[tokio::test]
async fn project_pages_link_their_place_to_the_territory_pages() {
    let app = TestApp::spawn().await;
    let project = ProjectBuilder::new("Vélo-école")
        .commune("69266")
        .themes(&["MOB-VELO"])
        .insert(&app.state.db)
        .await;
    let (status, html) = app
        .page(&format!("/projets/{}-{}", project.id, project.slug))
        .await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(
        hrefs(&html, "[data-testid=place] a"),
        vec![
            "/territoires/communes/69266-villeurbanne",
            "/territoires/departements/69",
            "/territoires/regions/84"
        ]
    );
    let (status, _) = app.page("/territoires/communes/69266-villeurbanne").await;
    assert_eq!(status, 200);
    let (_, home) = app.page("/").await;
    assert!(hrefs(&home, ".main-nav a").contains(&"/territoires".to_owned()));
    assert!(hrefs(&home, ".main-nav a").contains(&"/tendances".to_owned()));
}

/// The `#map` of a territory page: the search parameters it reads, its link to `/carte`.
fn map_of(html: &str) -> (String, Vec<String>) {
    let params = support::attribute(html, "#map[data-testid=map]", "data-params");
    (params, hrefs(html, "[data-testid=map-link]"))
}

#[tokio::test]
async fn territory_pages_map_their_projects() {
    let Fixture { app } = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let cases = [
        ("/territoires/regions/84", "region=84", "84"),
        ("/territoires/departements/69", "department=69", "69"),
        ("/territoires/communes/69123-lyon", "commune=69123", "69123"),
    ];
    for (path, params, code) in cases {
        let (status, html) = app.page(path).await;
        assert_eq!(status, 200, "{html}");
        let (shown, links) = map_of(&html);
        assert_eq!(shown, params, "{path}");
        assert_eq!(links, vec![format!("/carte?{params}")], "{path}");
        assert!(
            html.contains(r#"src="/static/js/map.js""#),
            "{path} loads the map script"
        );
        assert_eq!(
            support::attribute(&html, "#map", "data-list-path"),
            "/recherche"
        );

        // What the map draws: every active project of the territory, all located.
        let expected = snapshot
            .active(|p| match params.split_once('=').unwrap().0 {
                "region" => p.region_code.as_deref() == Some(code),
                "department" => p.department_code.as_deref() == Some(code),
                _ => p.commune_insee.as_deref() == Some(code),
            })
            .len();
        assert!(expected > 0, "{path}");
        let response = app.get(&format!("/api/v1/projects/map?{params}")).await;
        assert_eq!(response.status(), 200, "{path}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["total"], expected, "{path}: {body}");
        let located = snapshot
            .active(|p| {
                p.latitude.is_some()
                    && match params.split_once('=').unwrap().0 {
                        "region" => p.region_code.as_deref() == Some(code),
                        "department" => p.department_code.as_deref() == Some(code),
                        _ => p.commune_insee.as_deref() == Some(code),
                    }
            })
            .len();
        assert_eq!(body["located"], located, "{path}: {body}");
        let drawn: u64 = body["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_u64().unwrap())
            .sum::<u64>()
            + body["points"].as_array().unwrap().len() as u64;
        assert_eq!(drawn, located as u64, "{path}: every located project drawn");
    }
    let (_, english) = app.page("/territoires/regions/84?lang=en").await;
    assert!(english.contains("Map of the projects"), "{english}");
    // Nothing to map: no empty map.
    let (status, empty) = app.page("/territoires/departements/2A").await;
    assert_eq!(status, 200);
    assert!(support::texts(&empty, "#map").is_empty(), "{empty}");
    assert!(hrefs(&empty, "[data-testid=map-link]").is_empty());
}
