//! The figures of the trends and territory pages are counted from the search index; here
//! each is compared with a plain SQL `GROUP BY` over the tables, on a seeded set of
//! projects of every kind (placed at each level, recorded places that differ from their
//! commune's, archived and merged ones, live and gone listings, suspended partners, sub-
//! themes and publics, missing and negative start years), for several sets of projects, then again
//! after the database changed and the index caught up.
mod support;

use std::collections::{BTreeMap, HashMap};

use carrefour::trends::figures::{self, Area, Counter, Place, ProjectSet, ThemeLevel, Windows};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Value};
use support::TestApp;
use support::projects::ProjectBuilder;

const COMMUNES: [&str; 7] = [
    "69123", "38185", "35238", "22278", "75056", "29019", "69266",
];
const TERMS: [&str; 14] = [
    "ALI-CIRCUITS-COURTS",
    "EDU-DECROCHAGE",
    "EDU-SOUTIEN",
    "SAN",
    "ALI-ALIMENTATION-DURABLE",
    "HAB-RENOVATION",
    "PUB-JEUNES",
    "MOB-VELO",
    "CUL-PATRIMOINE",
    "NUM-INCLUSION",
    "ENV-ENERGIE",
    "SAN-PREVENTION",
    "EDU",
    "ALI-AGRICULTURE-URBAINE",
];

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

async fn seed(app: &TestApp) {
    let db = &app.state.db;
    let partners = [
        support::fixtures::partner(db, "reseau-a", "active").await,
        support::fixtures::partner(db, "reseau-b", "active").await,
        support::fixtures::partner(db, "reseau-c", "suspended").await,
    ];
    let now = Utc::now();
    let mut rng = Lcg(7);
    for i in 0..260usize {
        let mut project = ProjectBuilder::new(&format!("Projet {i:03}"))
            .first_seen(now - Duration::days(rng.below(900) as i64) - Duration::minutes(i as i64));
        project = match rng.below(10) {
            0 => project.department(["69", "29", "75"][rng.below(3)]),
            1 => project,
            _ => project.commune(COMMUNES[rng.below(COMMUNES.len())]),
        };
        let themes: Vec<&str> = (0..rng.below(4))
            .map(|_| TERMS[rng.below(TERMS.len())])
            .collect();
        let mut themes_unique = themes.clone();
        themes_unique.sort_unstable();
        themes_unique.dedup();
        project = project.themes(&themes_unique);
        if rng.below(5) != 0 {
            project = project.start_year(1995 + rng.below(32) as i32);
        }
        project = project.status(match rng.below(20) {
            0 => "archived",
            1 => "merged",
            _ => "active",
        });
        for partner in &partners {
            match rng.below(4) {
                0 => project = project.listed_by(partner.id),
                1 => project = project.formerly_listed_by(partner.id),
                _ => {}
            }
        }
        project.insert(db).await;
    }
    // Recorded places that say less than the commune: the figures count what is recorded.
    db.execute_unprepared(
        "UPDATE projects SET region_code = NULL WHERE id % 17 = 3 AND commune_insee IS NOT NULL",
    )
    .await
    .unwrap();
    db.execute_unprepared("UPDATE projects SET department_code = NULL WHERE id % 19 = 5")
        .await
        .unwrap();
    // A start year misread from a page ("-120"): counted as the implausible year it is.
    db.execute_unprepared("UPDATE projects SET start_year = -120 WHERE id % 23 = 2")
        .await
        .unwrap();
    note_all(db).await;
    support::wait_indexed(&app.state).await;
}

async fn note_all(db: &DatabaseConnection) {
    let ids: Vec<i64> = rows(db, "SELECT id AS k, 0 AS n FROM projects", vec![])
        .await
        .into_iter()
        .map(|(k, _)| k.unwrap().parse().unwrap())
        .collect();
    carrefour::search::changes::note(db, &ids).await.unwrap();
}

/// `(k, n)` rows, `k` read as text.
async fn rows(
    db: &DatabaseConnection,
    sql: &str,
    values: Vec<Value>,
) -> Vec<(Option<String>, i64)> {
    let backend = db.get_database_backend();
    db.query_all_raw(carrefour::db::statement(
        backend,
        &format!("SELECT CAST(k AS TEXT) AS k, CAST(n AS BIGINT) AS n FROM ({sql}) q"),
        values,
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|r| (r.try_get("", "k").unwrap(), r.try_get("", "n").unwrap()))
    .collect()
}

/// The SQL condition of a set of projects `p`, with its values.
fn condition(set: &ProjectSet) -> (String, Vec<Value>) {
    let mut parts = vec!["p.status = 'active'".to_owned()];
    let mut values: Vec<Value> = Vec::new();
    let bind = |v: String, values: &mut Vec<Value>| {
        values.push(v.into());
        format!("${}", values.len())
    };
    match &set.area {
        Some(Area::Region(c)) => {
            parts.push(format!("p.region_code = {}", bind(c.clone(), &mut values)))
        }
        Some(Area::Department(c)) => parts.push(format!(
            "p.department_code = {}",
            bind(c.clone(), &mut values)
        )),
        Some(Area::Commune(c)) => parts.push(format!(
            "p.commune_insee = {}",
            bind(c.clone(), &mut values)
        )),
        None => {}
    }
    if !set.themes.is_empty() {
        let codes: Vec<String> = set
            .themes
            .iter()
            .map(|c| bind(c.clone(), &mut values))
            .collect();
        parts.push(format!(
            "p.id IN (SELECT project_id FROM project_terms WHERE term_code IN ({}))",
            codes.join(", ")
        ));
    }
    (parts.join(" AND "), values)
}

fn map(rows: Vec<(Option<String>, i64)>) -> BTreeMap<Option<String>, i64> {
    rows.into_iter().collect()
}

fn month_sql(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM')",
        _ => "substr(p.created_at, 1, 7)",
    }
}

async fn sql_themes(
    db: &DatabaseConnection,
    set: &ProjectSet,
    level: ThemeLevel,
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> BTreeMap<Option<String>, i64> {
    let (condition, mut values) = condition(set);
    let key = match level {
        ThemeLevel::Theme => "COALESCE(t.parent_code, t.code)",
        ThemeLevel::SubTheme => "t.code",
    };
    let level_condition = match level {
        ThemeLevel::Theme => "1 = 1",
        ThemeLevel::SubTheme => "t.parent_code IS NOT NULL",
    };
    let mut window_condition = String::new();
    if let Some((from, to)) = window {
        values.push(from.into());
        let from_at = values.len();
        values.push(to.into());
        window_condition = format!(
            " AND p.created_at >= ${from_at} AND p.created_at < ${}",
            values.len()
        );
    }
    map(rows(
        db,
        &format!(
            "SELECT {key} AS k, COUNT(DISTINCT p.id) AS n FROM projects p \
             JOIN project_terms pt ON pt.project_id = p.id \
             JOIN taxonomy_terms t ON t.code = pt.term_code \
             WHERE t.vocabulary = 'theme' AND {level_condition} AND {condition}{window_condition} \
             GROUP BY {key}"
        ),
        values,
    )
    .await)
}

fn some_keys(counts: HashMap<String, i64>) -> BTreeMap<Option<String>, i64> {
    counts.into_iter().map(|(k, n)| (Some(k), n)).collect()
}

/// Every figure of `set`, from the index and from SQL.
async fn compare(app: &TestApp, set: &ProjectSet) {
    let db = &app.state.db;
    let counter = Counter::open(db, &app.state.search).await.unwrap();
    let (condition, values) = condition(set);
    let what = format!("{set:?}");

    let total = rows(
        db,
        &format!("SELECT 0 AS k, COUNT(*) AS n FROM projects p WHERE {condition}"),
        values.clone(),
    )
    .await[0]
        .1;
    assert_eq!(
        figures::total(&counter, set).unwrap(),
        total,
        "total of {what}"
    );

    for level in [ThemeLevel::Theme, ThemeLevel::SubTheme] {
        assert_eq!(
            some_keys(figures::by_theme(&counter, set, level).unwrap()),
            sql_themes(db, set, level, None).await,
            "{level:?} of {what}"
        );
    }

    for (place, column) in [
        (Place::Region, "p.region_code"),
        (Place::Department, "p.department_code"),
        (Place::Commune, "p.commune_insee"),
    ] {
        let expected = map(rows(db, &format!("SELECT {column} AS k, COUNT(*) AS n FROM projects p WHERE {condition} GROUP BY {column}"), values.clone()).await);
        assert_eq!(
            map(figures::by_place(&counter, set, place).unwrap()),
            expected,
            "{place:?} of {what}"
        );
    }

    let month = month_sql(db.get_database_backend());
    let expected = map(rows(
        db,
        &format!(
            "SELECT {month} AS k, COUNT(*) AS n FROM projects p WHERE {condition} GROUP BY {month}"
        ),
        values.clone(),
    )
    .await);
    let shown: BTreeMap<Option<String>, i64> = figures::by_month_first_seen(&counter, set)
        .unwrap()
        .into_iter()
        .map(|(k, n)| (Some(k), n))
        .collect();
    assert_eq!(shown, expected, "months of {what}");

    let expected = map(rows(db, &format!("SELECT p.start_year AS k, COUNT(*) AS n FROM projects p WHERE {condition} GROUP BY p.start_year"), values.clone()).await);
    let shown: BTreeMap<Option<String>, i64> = figures::by_start_year(&counter, set)
        .unwrap()
        .into_iter()
        .map(|(k, n)| (k.map(|y| y.to_string()), n))
        .collect();
    assert_eq!(shown, expected, "start years of {what}");

    let expected = map(rows(db, &format!(
        "SELECT a.partner_id AS k, COUNT(DISTINCT p.id) AS n FROM projects p \
         JOIN project_attributions a ON a.project_id = p.id JOIN partners pa ON pa.id = a.partner_id \
         WHERE a.gone_at IS NULL AND pa.status = 'active' AND {condition} GROUP BY a.partner_id"), values.clone()).await);
    let shown: BTreeMap<Option<String>, i64> = figures::by_partner(&counter, set)
        .await
        .unwrap()
        .into_iter()
        .map(|(k, n)| (Some(k.to_string()), n))
        .collect();
    assert_eq!(shown, expected, "partners of {what}");

    let now = Utc::now();
    let (from, boundary) = carrefour::trends::build::windows(now, 6);
    for level in [ThemeLevel::Theme, ThemeLevel::SubTheme] {
        let (overall, by_theme) =
            figures::windows_by_theme(&counter, set, level, from, boundary).unwrap();
        let far = now + Duration::days(1);
        let current = sql_themes(db, set, level, Some((boundary, far))).await;
        let previous = sql_themes(db, set, level, Some((from, boundary))).await;
        let mut expected: BTreeMap<String, Windows> = BTreeMap::new();
        for (k, n) in current {
            expected.entry(k.unwrap()).or_default().current = n;
        }
        for (k, n) in previous {
            expected.entry(k.unwrap()).or_default().previous = n;
        }
        assert_eq!(
            by_theme.into_iter().collect::<BTreeMap<_, _>>(),
            expected,
            "windows {level:?} of {what}"
        );
        let mut v = values.clone();
        v.push(boundary.into());
        let split = v.len();
        v.push(from.into());
        let since = v.len();
        let counted = rows(db, &format!(
            "SELECT 0 AS k, COUNT(CASE WHEN p.created_at >= ${split} THEN 1 END) AS n FROM projects p WHERE {condition} AND p.created_at >= ${since} \
             UNION ALL SELECT 1 AS k, COUNT(CASE WHEN p.created_at < ${split} THEN 1 END) AS n FROM projects p WHERE {condition} AND p.created_at >= ${since}"), v).await;
        let expected_overall = Windows {
            current: counted
                .iter()
                .find(|(k, _)| k.as_deref() == Some("0"))
                .unwrap()
                .1,
            previous: counted
                .iter()
                .find(|(k, _)| k.as_deref() == Some("1"))
                .unwrap()
                .1,
        };
        assert_eq!(overall, expected_overall, "windows of {what}");
    }
}

fn sets(edu: &[String]) -> Vec<ProjectSet> {
    vec![
        ProjectSet::all(),
        ProjectSet::in_area(Area::Region("84".into())),
        ProjectSet::in_area(Area::Region("53".into())),
        ProjectSet::in_area(Area::Department("69".into())),
        ProjectSet::in_area(Area::Commune("69123".into())),
        ProjectSet {
            area: None,
            themes: edu.to_vec(),
        },
        ProjectSet {
            area: Some(Area::Region("84".into())),
            themes: edu.to_vec(),
        },
        ProjectSet {
            area: None,
            themes: vec!["ALI-CIRCUITS-COURTS".into()],
        },
        ProjectSet {
            area: Some(Area::Department("75".into())),
            themes: vec!["SAN".into(), "SAN-PREVENTION".into()],
        },
    ]
}

async fn theme_and_subthemes(db: &DatabaseConnection, code: &str) -> Vec<String> {
    rows(
        db,
        "SELECT code AS k, 0 AS n FROM taxonomy_terms WHERE code = $1 OR parent_code = $1",
        vec![code.into()],
    )
    .await
    .into_iter()
    .filter_map(|(k, _)| k)
    .collect()
}

#[tokio::test]
async fn figures_from_the_index_equal_sql_counts_before_and_after_changes() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let db = &app.state.db;
    let edu = theme_and_subthemes(db, "EDU").await;
    assert!(edu.len() > 2, "{edu:?}");
    for set in sets(&edu) {
        compare(&app, &set).await;
    }

    // The database changes; once the index caught up, the figures follow.
    db.execute_unprepared("UPDATE projects SET status = 'archived' WHERE id % 5 = 0")
        .await
        .unwrap();
    db.execute_unprepared("UPDATE projects SET region_code = '53', department_code = '29', commune_insee = '29019' WHERE id % 7 = 1").await.unwrap();
    db.execute_unprepared("DELETE FROM project_terms WHERE project_id % 3 = 0")
        .await
        .unwrap();
    db.execute_unprepared("UPDATE partners SET status = 'suspended' WHERE slug = 'reseau-b'")
        .await
        .unwrap();
    note_all(db).await;
    support::wait_indexed(&app.state).await;
    for set in sets(&edu) {
        compare(&app, &set).await;
    }
}

#[tokio::test]
async fn two_nodes_on_one_database_show_the_same_figures() {
    let first = TestApp::spawn().await;
    let url = first.settings.database_url();
    let second = TestApp::builder()
        .configure(move |s| s.database.url = Some(carrefour::config::Secret::new(url)))
        .spawn()
        .await;
    assert_ne!(
        first.settings.server.data_dir, second.settings.server.data_dir,
        "an index each"
    );
    seed(&first).await;
    let db = &first.state.db;
    let edu = theme_and_subthemes(db, "EDU").await;
    let pages = [
        "/tendances/themes.csv",
        "/tendances/regions.csv?theme=EDU",
        "/tendances/months.csv?region=84",
        "/tendances/emerging.csv?period=12&min=1",
    ];
    for round in 0..2 {
        support::wait_indexed(&second.state).await;
        for path in pages {
            let (status, one) = first.page(path).await;
            assert_eq!(status, 200, "{path}: {one}");
            let (_, other) = second.page(path).await;
            assert_eq!(one, other, "round {round}: {path} differs between nodes");
        }
        for set in sets(&edu) {
            compare(&second, &set).await;
        }
        // A change written once; each node's indexer applies it.
        db.execute_unprepared("UPDATE projects SET status = 'archived' WHERE id % 4 = 1")
            .await
            .unwrap();
        note_all(db).await;
        support::wait_indexed(&first.state).await;
    }
}
