//! The trends page over HTTP: its figures count what the database holds (counted here from
//! whole tables), emerging themes follow the documented calculation on a crafted data set,
//! every CSV file holds exactly its table, every chart is well-formed XML with escaped
//! labels, bad parameters get localised messages next to their fields, both languages.
mod support;

use std::collections::{BTreeMap, HashSet};

use carrefour::entities::taxonomy_term;
use chrono::{DateTime, Datelike, Duration, Utc};
use quick_xml::Reader;
use quick_xml::events::Event;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use support::counts::Snapshot;
use support::projects::ProjectBuilder;
use support::{TestApp, hrefs, texts};

/// One row of a figure's table: its code, label and raw values (`data-value`).
#[derive(Debug, Clone, PartialEq)]
struct TableRow {
    code: String,
    label: String,
    values: Vec<String>,
}

/// A figure as the page shows it.
struct Shown {
    headers: Vec<String>,
    rows: Vec<TableRow>,
    svg: Option<String>,
    csv_url: Option<String>,
    notes: Vec<String>,
}

fn figure(html: &str, id: &str) -> Shown {
    let document = scraper::Html::parse_document(html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let section = document
        .select(&sel(&format!("[data-figure={id}]")))
        .next()
        .unwrap_or_else(|| panic!("no figure {id}"));
    let text = |e: scraper::ElementRef| e.text().collect::<String>().trim().to_owned();
    let headers = section.select(&sel("thead th")).map(text).collect();
    let rows = section
        .select(&sel("tbody tr"))
        .map(|tr| TableRow {
            code: tr.value().attr("data-code").unwrap().to_owned(),
            label: text(tr.select(&sel("th")).next().unwrap()),
            values: tr
                .select(&sel("td"))
                .map(|td| td.value().attr("data-value").unwrap().to_owned())
                .collect(),
        })
        .collect();
    let svg = section.select(&sel("svg")).next().map(|e| e.html());
    let csv_url = section
        .select(&sel("[data-testid=csv]"))
        .next()
        .map(|a| a.value().attr("href").unwrap().to_owned());
    let notes = section
        .select(&sel("[data-testid=note]"))
        .map(text)
        .collect();
    Shown {
        headers,
        rows,
        svg,
        csv_url,
        notes,
    }
}

/// `code → first value` of a figure's rows.
fn first_values(shown: &Shown) -> BTreeMap<String, i64> {
    shown
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.values[0].parse().unwrap()))
        .collect()
}

/// The `<svg>` elements of a page as sent (scraper re-serialises, so read the raw text).
fn raw_svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
            &html[start..end]
        })
        .collect()
}

/// Parses `svg` as XML: the texts of its `text`, `title` and `desc` elements, and its root
/// element's attributes.
fn parse_svg(svg: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let mut reader = Reader::from_str(svg);
    let mut texts = Vec::new();
    let mut root = BTreeMap::new();
    let mut open: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("{e}: {svg}")) {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                if open.is_empty() {
                    for attr in e.attributes() {
                        let attr = attr.unwrap();
                        root.insert(
                            attr.key.as_ref().to_owned(),
                            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        );
                    }
                }
                if matches!(name.as_str(), "text" | "title" | "desc") {
                    current = Some(String::new());
                }
                open.push(name);
            }
            Event::End(e) => {
                assert_eq!(open.pop().as_deref(), Some(e.name().as_ref()));
                if let Some(text) = current.take() {
                    texts.push(text);
                }
            }
            Event::Text(t) => {
                if let Some(text) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = quick_xml::escape::resolve_xml_entity(&r)
                    .map(str::to_owned)
                    .or_else(|| r.resolve_char_ref().ok().flatten().map(String::from))
                    .unwrap_or_else(|| panic!("unknown entity in {svg}"));
                if let Some(text) = current.as_mut() {
                    text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed elements in {svg}");
    (texts, root)
}

/// Communes of the fixture: Lyon, Grenoble (Auvergne-Rhône-Alpes 84), Rennes (Bretagne 53),
/// Saint-Brieuc (Côtes-d'Armor 22, 53), Paris (Île-de-France 11).
const COMMUNES: [&str; 5] = ["69123", "38185", "35238", "22278", "75056"];
const THEMES: [&[&str]; 5] = [
    &["ALI-CIRCUITS-COURTS"],
    &["EDU-DECROCHAGE", "EDU-SOUTIEN"],
    &["SAN", "ALI-ALIMENTATION-DURABLE"],
    &["HAB-RENOVATION", "PUB-JEUNES"],
    &["EDU-SOUTIEN", "MOB-VELO"],
];

/// 40 active projects over five communes, first seen over 20 months, with start years
/// (some missing, one implausible); two placed only in department 69; archived and merged
/// ones in the same places and months.
async fn fixture() -> TestApp {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let now = Utc::now();
    for i in 0..40usize {
        let mut project = ProjectBuilder::new(&format!("Projet {i:02}"))
            .commune(COMMUNES[i % COMMUNES.len()])
            .themes(THEMES[i % THEMES.len()])
            .first_seen(now - Duration::days(i as i64 * 15));
        if i % 7 != 0 {
            project = project.start_year(2010 + (i % 9) as i32);
        }
        if i == 13 {
            project = project.start_year(1066);
        }
        project.insert(db).await;
    }
    for i in 0..2 {
        ProjectBuilder::new(&format!("Projet départemental {i}"))
            .department("69")
            .themes(&["CUL-PATRIMOINE"])
            .start_year(2020)
            .insert(db)
            .await;
    }
    for (status, insee) in [
        ("archived", "69123"),
        ("merged", "35238"),
        ("archived", "75056"),
    ] {
        ProjectBuilder::new(&format!("Ancien projet {insee}"))
            .commune(insee)
            .themes(&["NUM-INCLUSION", "ALI-CIRCUITS-COURTS"])
            .start_year(1999)
            .status(status)
            .insert(db)
            .await;
    }
    support::wait_indexed(&app.state).await;
    app
}

fn month_of(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}", at.year(), at.month())
}

#[tokio::test]
async fn figures_count_what_the_database_holds() {
    let app = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let active = snapshot.active(|_| true);
    assert_eq!(active.len(), 42);
    let (status, html) = app.page("/tendances").await;
    assert_eq!(status, 200, "{html}");
    assert!(texts(&html, "[data-testid=scope]")[0].starts_with("42 projets actifs"));

    // Themes: every top-level theme, zeros included; sub-themes with projects.
    let themes = figure(&html, "themes");
    let mut expected: BTreeMap<String, i64> = snapshot
        .top_themes(&active)
        .into_iter()
        .map(|(k, n)| (k, n as i64))
        .collect();
    let shown = first_values(&themes);
    assert_eq!(shown.len(), 15);
    shown
        .iter()
        .filter(|(_, n)| **n == 0)
        .for_each(|(code, _)| {
            expected.insert(code.clone(), 0);
        });
    assert_eq!(shown, expected);
    assert!(
        !shown.contains_key("NUM") || shown["NUM"] == 0,
        "archived projects left out"
    );
    let counts: Vec<i64> = themes
        .rows
        .iter()
        .map(|r| r.values[0].parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let edu = themes.rows.iter().find(|r| r.code == "EDU").unwrap();
    assert_eq!(edu.label, "Éducation et jeunesse");
    let edu_share = *expected.get("EDU").unwrap() as f64 / 42.0 * 100.0;
    assert_eq!(edu.values[1], format!("{edu_share:.1}"));

    let subthemes = figure(&html, "subthemes");
    let sub: BTreeMap<String, i64> = subthemes
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.values[1].parse().unwrap()))
        .collect();
    let expected_sub: BTreeMap<String, i64> = snapshot
        .sub_themes(&active)
        .into_iter()
        .map(|(k, n)| (k, n as i64))
        .collect();
    assert_eq!(sub, expected_sub);
    for row in &subthemes.rows {
        let parent = snapshot.parent(&row.code).unwrap();
        assert_eq!(row.values[0], snapshot.label(&parent, "fr"), "{}", row.code);
    }
    assert!(
        subthemes.notes[0].contains("sous-thèmes sans projet"),
        "{:?}",
        subthemes.notes
    );

    // Territories: all regions (zeros too), departments with projects.
    let regions = first_values(&figure(&html, "regions"));
    assert_eq!(regions.len(), 18);
    for (code, n) in &regions {
        let expected = snapshot
            .active(|p| p.region_code.as_deref() == Some(code))
            .len() as i64;
        assert_eq!(*n, expected, "region {code}");
    }
    assert_eq!(regions["84"], 18);
    let departments = figure(&html, "departments");
    let shown = first_values(&departments);
    let mut expected = BTreeMap::new();
    for id in &active {
        if let Some(code) = &snapshot.project(*id).department_code {
            *expected.entry(code.clone()).or_insert(0) += 1;
        }
    }
    assert_eq!(shown, expected);
    assert!(departments.notes[0].starts_with(&format!(
        "{} départements sans projet",
        101 - expected.len()
    )));
    let armor = departments.rows.iter().find(|r| r.code == "22").unwrap();
    assert_eq!(armor.label, "Côtes-d'Armor (22)");

    // Over time: every month from the first to the last, zeros filled.
    let months = figure(&html, "months");
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    for id in &active {
        *expected
            .entry(month_of(snapshot.project(*id).created_at))
            .or_insert(0) += 1;
    }
    let shown = first_values(&months);
    assert_eq!(shown.keys().next(), expected.keys().next());
    assert_eq!(shown.keys().last(), expected.keys().last());
    for (month, n) in &shown {
        assert_eq!(*n, expected.get(month).copied().unwrap_or(0), "{month}");
    }
    let codes: Vec<&String> = months.rows.iter().map(|r| &r.code).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
    assert!(
        shown.len() >= 19,
        "twenty months, none skipped: {}",
        shown.len()
    );

    let years = figure(&html, "start-years");
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    for id in &active {
        if let Some(y) = snapshot.project(*id).start_year.filter(|y| *y >= 1900) {
            *expected.entry(y.to_string()).or_insert(0) += 1;
        }
    }
    let shown = first_values(&years);
    assert_eq!(shown.keys().next(), expected.keys().next());
    assert_eq!(shown.keys().last(), expected.keys().last());
    for (year, n) in &shown {
        assert_eq!(*n, expected.get(year).copied().unwrap_or(0), "{year}");
    }
    assert_eq!(shown["2019"], 0, "a year without projects is drawn as zero");
    let unknown = active
        .iter()
        .filter(|id| snapshot.project(**id).start_year.is_none())
        .count();
    assert_eq!(unknown, 6);
    assert_eq!(
        years.notes,
        vec![
            "6 projets sans année de lancement connue ne sont pas représentés.".to_owned(),
            format!(
                "1 projet dont l'année de lancement est avant 1900 ou après {} n'est pas représenté.",
                Utc::now().year() + 1
            )
        ]
    );
}

#[tokio::test]
async fn the_scope_narrows_every_figure_to_a_territory_and_a_theme() {
    let app = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let in_region = snapshot.active(|p| p.region_code.as_deref() == Some("84"));
    let scoped = snapshot.with_theme(&in_region, "EDU");
    let (status, html) = app.page("/tendances?region=84&theme=EDU").await;
    assert_eq!(status, 200, "{html}");
    let scope = texts(&html, "[data-testid=scope]")[0].clone();
    assert!(
        scope.starts_with(&format!("{} projets actifs", scoped.len())),
        "{scope}"
    );
    assert!(scope.contains("Auvergne-Rhône-Alpes") && scope.contains("Éducation et jeunesse"));
    let themes = first_values(&figure(&html, "themes"));
    for (code, n) in snapshot.top_themes(&scoped) {
        assert_eq!(themes[&code], n as i64, "{code}");
    }
    assert_eq!(themes["EDU"], scoped.len() as i64);
    // A region is broken down into its departments, zeros included.
    assert!(!html.contains(r#"data-figure="regions""#));
    let departments = first_values(&figure(&html, "departments"));
    assert_eq!(departments.len(), 12);
    let rhone = snapshot
        .active(|p| p.department_code.as_deref() == Some("69"))
        .intersection(&scoped)
        .count() as i64;
    assert_eq!(departments["69"], rhone);

    // A department into its communes.
    let (_, html) = app.page("/tendances?department=69").await;
    let communes = figure(&html, "communes");
    let lyon = snapshot
        .active(|p| p.commune_insee.as_deref() == Some("69123"))
        .len() as i64;
    assert_eq!(first_values(&communes)["69123"], lyon);
    let unplaced = communes.rows.last().unwrap();
    assert_eq!(
        (unplaced.code.as_str(), unplaced.label.as_str()),
        ("", "Non localisé")
    );
    assert_eq!(unplaced.values[0], "2");
    // The form keeps the choice.
    assert!(
        html.contains(r#"<option value="69" selected>"#),
        "department kept selected"
    );
}

/// Windows of 3 months: `current` projects first seen a month ago, `previous` four months
/// ago, and `older` ten months ago (outside both).
async fn crafted(app: &TestApp, theme: &str, current: usize, previous: usize, older: usize) {
    let now = Utc::now();
    for (ago, n) in [(30, current), (120, previous), (300, older)] {
        for i in 0..n {
            ProjectBuilder::new(&format!("{theme} {ago} {i}"))
                .commune("35238")
                .themes(&[theme])
                .first_seen(now - Duration::days(ago) - Duration::minutes(i as i64))
                .insert(&app.state.db)
                .await;
        }
    }
    support::wait_indexed(&app.state).await;
}

#[tokio::test]
async fn emerging_themes_follow_the_documented_calculation() {
    let app = TestApp::spawn().await;
    crafted(&app, "ALI-CIRCUITS-COURTS", 20, 10, 4).await; // +100 %
    crafted(&app, "ALI-AGRICULTURE-URBAINE", 4, 2, 0).await; // same theme ALI: 24 / 12
    crafted(&app, "EDU-SOUTIEN", 12, 12, 0).await; // 0 %
    crafted(&app, "SAN-PREVENTION", 5, 10, 0).await; // -50 %
    crafted(&app, "MOB-VELO", 3, 1, 0).await; // +200 %, too few
    crafted(&app, "HAB-RENOVATION", 8, 0, 0).await; // new, too few
    // A project with two sub-themes of one theme counts once for it.
    let now = Utc::now();
    ProjectBuilder::new("Double")
        .commune("35238")
        .themes(&["EDU-SOUTIEN", "EDU-DECROCHAGE"])
        .first_seen(now - Duration::days(31))
        .insert(&app.state.db)
        .await;
    // Archived and merged projects are left out of both windows.
    for status in ["archived", "merged"] {
        for ago in [30, 120] {
            ProjectBuilder::new(&format!("{status} {ago}"))
                .commune("35238")
                .themes(&["SAN-PREVENTION"])
                .status(status)
                .first_seen(now - Duration::days(ago))
                .insert(&app.state.db)
                .await;
        }
    }
    support::wait_indexed(&app.state).await;

    let (status, html) = app.page("/tendances?period=3&min=5").await;
    assert_eq!(status, 200, "{html}");
    let emerging = figure(&html, "emerging");
    assert_eq!(
        emerging.headers,
        vec![
            "Thème",
            "Période actuelle",
            "Période précédente",
            "Évolution (%)"
        ]
    );
    let ranked: Vec<(String, Vec<String>)> = emerging
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.values.clone()))
        .collect();
    let row = |code: &str, values: [&str; 3]| (code.to_owned(), values.map(String::from).to_vec());
    assert_eq!(
        ranked,
        vec![
            row("ALI", ["24", "12", "100.0"]),
            row("EDU", ["13", "12", "8.3"]),
            row("SAN", ["5", "10", "-50.0"]),
        ]
    );
    let shown = texts(&html, "[data-figure=emerging] tbody td");
    assert!(shown.contains(&"+100,0 %".to_owned()), "{shown:?}");
    assert_eq!(
        texts(&html, "[data-testid=too-few] tbody th"),
        vec!["Habitat et logement", "Mobilité"]
    );
    assert_eq!(
        texts(&html, "[data-testid=too-few] tbody td"),
        vec!["8", "0", "3", "1"]
    );
    let explanation = texts(&html, "[data-testid=emerging-explanation] p").join(" ");
    assert!(explanation.contains("3 derniers mois"), "{explanation}");
    assert!(explanation.contains("au moins 5 projets"), "{explanation}");
    let boundary = (now - chrono::Months::new(3))
        .format("%d/%m/%Y")
        .to_string();
    assert!(
        explanation.contains(&boundary),
        "{boundary} in {explanation}"
    );
    // The whole scope: 20+4+12+5+3+8+1 = 53 now against 10+2+12+10+1 = 35 before.
    assert!(
        explanation.contains("+51,4 % (53 contre 35)"),
        "{explanation}"
    );

    // Sub-themes: each ranked on its own.
    let (_, html) = app.page("/tendances?period=3&min=5&level=subtheme").await;
    let codes: Vec<String> = figure(&html, "emerging")
        .rows
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(
        codes,
        vec!["ALI-CIRCUITS-COURTS", "EDU-SOUTIEN", "SAN-PREVENTION"]
    );

    // A lower minimum ranks the small ones; a longer period moves the windows.
    let (_, html) = app.page("/tendances?period=3&min=1").await;
    let codes: Vec<String> = figure(&html, "emerging")
        .rows
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(codes, vec!["MOB", "ALI", "EDU", "SAN"]);
    let (_, html) = app.page("/tendances?period=12&min=1").await;
    let shown = figure(&html, "emerging");
    assert!(
        shown.rows.is_empty(),
        "nothing was first seen 12 to 24 months ago"
    );
    assert!(shown.svg.is_none());
    assert!(
        texts(&html, "[data-figure=emerging] [data-testid=no-data]")[0]
            .contains("au moins 1 projet dans chacune")
    );
}

#[tokio::test]
async fn every_csv_holds_exactly_its_table() {
    let app = fixture().await;
    let (_, html) = app
        .page("/tendances?period=12&min=1&compare=r84&compare=d22&compare=r11")
        .await;
    let ids = [
        "themes",
        "subthemes",
        "regions",
        "departments",
        "months",
        "start-years",
        "emerging",
        "comparison",
    ];
    for id in ids {
        let shown = figure(&html, id);
        assert!(!shown.rows.is_empty(), "{id} has rows");
        let url = shown.csv_url.clone().unwrap();
        assert!(url.starts_with(&format!("/tendances/{id}.csv?")), "{url}");
        let response = app.get(&url.replace("&amp;", "&")).await;
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(
            response.headers()["content-type"],
            "text/csv; charset=utf-8"
        );
        assert_eq!(
            response.headers()["content-disposition"],
            format!("attachment; filename=\"tendances-{id}.csv\"").as_str()
        );
        let body = response.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header[0], "Code");
        assert_eq!(header[1..], shown.headers[..], "{id} header");
        let rows: Vec<TableRow> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                TableRow {
                    code: r[0].to_owned(),
                    label: r[1].to_owned(),
                    values: r.iter().skip(2).map(String::from).collect(),
                }
            })
            .collect();
        assert_eq!(rows, shown.rows, "{id} rows");
    }
    let comparison = figure(&html, "comparison");
    assert_eq!(
        comparison.headers[1..3],
        [
            "Auvergne-Rhône-Alpes — projets",
            "Auvergne-Rhône-Alpes — part (%)"
        ]
    );
    assert!(
        comparison
            .headers
            .contains(&"Côtes-d'Armor (22) — part (%)".to_owned())
    );
}

#[tokio::test]
async fn comparisons_show_each_territory_s_theme_profile() {
    let app = fixture().await;
    let snapshot = Snapshot::load(&app.state.db).await;
    let (status, html) = app
        .page("/tendances?compare=r84&compare=d22&compare=")
        .await;
    assert_eq!(status, 200, "{html}");
    let comparison = figure(&html, "comparison");
    let territories = [
        snapshot.active(|p| p.region_code.as_deref() == Some("84")),
        snapshot.active(|p| p.department_code.as_deref() == Some("22")),
    ];
    assert_eq!(comparison.rows.len(), 15);
    for row in &comparison.rows {
        for (i, ids) in territories.iter().enumerate() {
            let n = snapshot
                .top_themes(ids)
                .get(&row.code)
                .copied()
                .unwrap_or(0);
            assert_eq!(
                row.values[i * 2],
                n.to_string(),
                "{} in territory {i}",
                row.code
            );
            let share = n as f64 / ids.len() as f64 * 100.0;
            assert_eq!(row.values[i * 2 + 1], format!("{share:.1}"), "{}", row.code);
        }
    }
    let totals = texts(&html, "[data-testid=compare-totals] li");
    assert_eq!(
        totals,
        vec![
            format!("Auvergne-Rhône-Alpes : {} projets", territories[0].len()),
            format!("Côtes-d'Armor (22) : {} projets", territories[1].len()),
        ]
    );
    assert!(comparison.svg.is_some());
    let raw = raw_svgs(&html)
        .into_iter()
        .find(|s| s.contains("chart-comparison-title"))
        .unwrap();
    let (texts_in_svg, _) = parse_svg(raw);
    assert!(
        texts_in_svg.contains(&"Côtes-d'Armor (22)".to_owned()),
        "legend"
    );

    // With a top-level theme, the profile is that theme's sub-themes.
    let (_, html) = app
        .page("/tendances?theme=EDU&compare=r84&compare=r53")
        .await;
    let codes: Vec<String> = figure(&html, "comparison")
        .rows
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(
        codes,
        vec!["EDU-DECROCHAGE", "EDU-SOUTIEN", "EDU-PETITE-ENFANCE"]
    );

    // Without a comparison, a link proposes the regions with most projects.
    let (_, html) = app.page("/tendances").await;
    let example = hrefs(&html, "[data-testid=compare-example]");
    assert_eq!(
        example,
        vec!["/tendances?compare=r84&compare=r53&compare=r11&lang=fr#comparaison"]
    );
}

#[tokio::test]
async fn charts_are_well_formed_accessible_svg_with_escaped_labels() {
    let app = fixture().await;
    // A coordinator may name a theme anything.
    let nasty = r#"Alimentation <script>alert('x')</script> & "bio""#;
    let mut ali: taxonomy_term::ActiveModel = taxonomy_term::Entity::find_by_id("ALI".to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    ali.label_fr = Set(nasty.to_owned());
    ali.update(&app.state.db).await.unwrap();

    let (status, html) = app
        .page("/tendances?period=6&min=1&compare=r84&compare=r53")
        .await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert"), "never raw in the page");
    let svgs = raw_svgs(&html);
    assert_eq!(svgs.len(), 8, "one chart per figure");
    let mut ids = HashSet::new();
    for svg in &svgs {
        let (texts_in_svg, root) = parse_svg(svg);
        assert_eq!(root["role"], "img");
        assert_eq!(root["xmlns"], "http://www.w3.org/2000/svg");
        let labelled_by: Vec<&str> = root["aria-labelledby"].split(' ').collect();
        assert_eq!(labelled_by.len(), 2);
        assert!(svg.contains(&format!(r#"<title id="{}">"#, labelled_by[0])));
        assert!(svg.contains(&format!(r#"<desc id="{}">"#, labelled_by[1])));
        assert!(
            ids.insert(labelled_by[0].to_owned()),
            "ids are unique on the page"
        );
        assert!(
            texts_in_svg
                .iter()
                .any(|t| t.contains("projets") || t.contains("Projets") || t.contains('%')),
            "an axis label: {texts_in_svg:?}"
        );
    }
    let themes_svg = figure(&html, "themes").svg.unwrap();
    let raw = svgs
        .iter()
        .find(|s| s.contains("chart-themes-title"))
        .unwrap();
    let (texts_in_svg, _) = parse_svg(raw);
    assert!(
        texts_in_svg.contains(&nasty.to_owned()),
        "the label survives escaping: {texts_in_svg:?}"
    );
    assert!(themes_svg.contains("Nombre de projets"));
    let table = figure(&html, "themes");
    assert!(table.rows.iter().any(|r| r.label == nasty));
}

#[tokio::test]
async fn bad_parameters_get_localised_messages_next_to_their_fields() {
    let app = fixture().await;
    let field_error = |html: &str, field: &str| texts(html, &format!("#error-{field}"));

    let (status, html) = app.page("/tendances?region=99&lang=fr").await;
    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "region"),
        vec!["Cette région n'existe pas."]
    );
    assert!(texts(&html, "[data-testid=errors]")[0].contains("ne sont pas valides"));
    assert!(
        !html.contains("data-figure="),
        "no figure without a valid scope"
    );
    assert!(html.contains(r#"aria-describedby="error-region""#));

    let (status, html) = app
        .page("/tendances?region=53&department=69&theme=NOPE")
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "department"),
        vec!["Ce département n'est pas dans la région choisie."]
    );
    assert_eq!(field_error(&html, "theme"), vec!["Ce thème n'existe pas."]);
    let (_, html) = app.page("/tendances?theme=PUB-JEUNES").await;
    assert_eq!(
        field_error(&html, "theme"),
        vec!["Ce thème n'existe pas."],
        "a public is no theme"
    );

    // Emerging settings: only their part is left out; the values typed stay in the form.
    let (status, html) = app.page("/tendances?period=5&level=all&min=abc").await;
    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "period"),
        vec!["Choisissez une période de 3, 6, 12 ou 24 mois."]
    );
    assert_eq!(
        field_error(&html, "level"),
        vec!["Choisissez « Thèmes » ou « Sous-thèmes »."]
    );
    assert_eq!(
        field_error(&html, "min"),
        vec!["Le minimum doit être un nombre entier de 1 à 100 000."]
    );
    assert!(html.contains(r#"name="min" type="number""#) && html.contains(r#"value="abc""#));
    assert!(
        html.contains(r#"data-figure="themes""#),
        "the other figures still show"
    );
    assert!(!html.contains(r#"data-figure="emerging""#));
    let (_, html) = app.page("/tendances?min=0").await;
    assert_eq!(field_error(&html, "min").len(), 1);

    for (query, message) in [
        (
            "compare=r84",
            "Choisissez au moins deux territoires à comparer.",
        ),
        (
            "compare=r84&compare=r84",
            "Le même territoire est choisi deux fois.",
        ),
        (
            "compare=r84&compare=x12",
            "Un des territoires choisis n'existe pas.",
        ),
        (
            "compare=r99&compare=r84",
            "Un des territoires choisis n'existe pas.",
        ),
        (
            "compare=r84&compare=r53&compare=r11&compare=d69&compare=d22",
            "Choisissez au plus quatre territoires.",
        ),
    ] {
        let (status, html) = app.page(&format!("/tendances?{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert_eq!(field_error(&html, "compare"), vec![message], "{query}");
        assert!(html.contains(r#"data-figure="themes""#));
        assert!(!html.contains(r#"data-figure="comparison""#));
    }
    // Five territories typed: five selects, so none is lost.
    let (_, html) = app
        .page("/tendances?compare=r84&compare=r53&compare=r11&compare=d69&compare=d22")
        .await;
    assert_eq!(texts(&html, "select[name=compare]").len(), 5);
    assert!(html.contains(r#"<option value="d22" selected>"#));

    // The CSV files say what is wrong too.
    let (status, html) = app.page("/tendances/themes.csv?region=99").await;
    assert_eq!(status, 422);
    assert!(
        texts(&html, "main")
            .join(" ")
            .contains("Cette région n'existe pas."),
        "{html}"
    );
    let (status, html) = app.page("/tendances/comparison.csv").await;
    assert_eq!(status, 422);
    assert!(
        texts(&html, "main")
            .join(" ")
            .contains("au moins deux territoires")
    );
    let (status, _) = app.page("/tendances/nothing.csv").await;
    assert_eq!(status, 404);
    let (status, _) = app.page("/tendances/themes.txt").await;
    assert_eq!(status, 404);

    // In English.
    let (status, html) = app.page("/tendances?region=99&period=7&lang=en").await;
    assert_eq!(status, 422);
    assert_eq!(
        field_error(&html, "region"),
        vec!["This region does not exist."]
    );
    assert_eq!(
        field_error(&html, "period"),
        vec!["Choose a period of 3, 6, 12 or 24 months."]
    );
}

#[tokio::test]
async fn the_page_reads_in_english_with_the_same_address() {
    let app = fixture().await;
    let (status, html) = app.page("/tendances?lang=en&compare=r84&compare=r53").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(texts(&html, "[data-testid=scope]")[0].starts_with("42 active projects"));
    let themes = figure(&html, "themes");
    assert_eq!(
        themes.headers,
        vec!["Theme", "Projects", "Share of projects (%)"]
    );
    assert!(themes.rows.iter().any(|r| r.label == "Education and youth"));
    let months = figure(&html, "months");
    let last = months.rows.last().unwrap();
    let now = Utc::now();
    let english = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    assert_eq!(
        last.label,
        format!("{} {}", english[now.month0() as usize], now.year())
    );
    let (svg_texts, _) = parse_svg(
        raw_svgs(&html)
            .iter()
            .find(|s| s.contains("chart-months-title"))
            .unwrap(),
    );
    assert!(svg_texts.contains(&"New projects by month first seen".to_owned()));
    assert!(svg_texts.contains(&"Month first seen (UTC)".to_owned()));
    let csv = app
        .get(
            &figure(&html, "comparison")
                .csv_url
                .unwrap()
                .replace("&amp;", "&"),
        )
        .await;
    let body = csv.text().await.unwrap();
    assert!(body.starts_with("Code,Theme,Auvergne-Rhône-Alpes — projects,Auvergne-Rhône-Alpes — share (%),Bretagne — projects"), "{body}");
    let (_, nav) = app.page("/").await;
    assert!(hrefs(&nav, ".main-nav a").contains(&"/tendances".to_owned()));
    assert!(texts(&nav, ".main-nav").join(" ").contains("Trends"));
}
