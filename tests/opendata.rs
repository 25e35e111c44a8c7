//! The search API and the exports: facet counts equal what the database holds for random
//! combinations of criteria, a counted value filters exactly its projects, exports are
//! valid CSV, JSON Lines and GeoJSON carrying the licence, the OpenAPI document is valid
//! and complete, and reads carry CORS, ETag and rate-limit headers.
mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use carrefour::consolidation::service::consolidate_source;
use carrefour::entities::{partner, project, project_attribution, project_term, taxonomy_term};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use support::TestApp;

const COMMUNES: [&str; 12] = [
    "Lille",
    "Lyon",
    "Rennes",
    "Brest",
    "Marseille",
    "Toulouse",
    "Nantes",
    "Bordeaux",
    "Strasbourg",
    "Dijon",
    "Amiens",
    "Limoges",
];
const THEMES: [&str; 10] = [
    "Environnement",
    "Emploi",
    "Santé",
    "Numérique",
    "Culture",
    "Logement",
    "Sport",
    "Alimentation durable",
    "Énergie citoyenne",
    "Inclusion numérique",
];
const PUBLICS: [&str; 4] = ["Jeunes", "Seniors", "Familles", "Réfugiés"];
const STRUCTURES: [&str; 2] = ["Association", "Collectivité"];
const SYLLABLES: [&str; 12] = [
    "ka", "lo", "mi", "ru", "te", "va", "zo", "pe", "ni", "sa", "du", "fi",
];

/// A made-up word per number, so that no two projects look alike to the duplicate search.
fn word(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    out
}

/// Three partners listing projects with random criteria; returns the app, indexed.
async fn hub_with_projects(per_partner: usize) -> TestApp {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let mut rng = StdRng::seed_from_u64(7);
    for (p, slug) in ["reseau-nord", "reseau-ouest", "reseau-sud"]
        .iter()
        .enumerate()
    {
        let partner = support::fixtures::partner(db, slug, "active").await;
        let src = support::fixtures::site_source(db, partner.id, "site").await;
        for i in 0..per_partner {
            let n = p * 1000 + i;
            let how_many = rng.random_range(0..3);
            let themes: Vec<&str> = THEMES
                .choose_multiple(&mut rng, how_many)
                .copied()
                .collect();
            let mut fields = json!({
                "title": format!("{} {}", ["Atelier", "Maison", "Collectif", "Réseau"][n % 4], word(n)),
                "summary": format!("Projet {} de {}", word(n + 7), ["quartier", "village", "ville"][n % 3]),
                "commune": COMMUNES.choose(&mut rng).unwrap(),
                "themes": themes,
            });
            if rng.random_bool(0.6) {
                fields["publics"] = json!([PUBLICS.choose(&mut rng).unwrap()]);
            }
            if rng.random_bool(0.7) {
                fields["structure_type"] = json!(STRUCTURES.choose(&mut rng).unwrap());
            }
            if rng.random_bool(0.8) {
                fields["start_year"] = json!(rng.random_range(2005..2025));
            }
            support::records::record(db, src.id, &format!("r{i}"), fields).await;
        }
        consolidate_source(db, src.id).await.unwrap();
    }
    support::wait_indexed(&app.state).await;
    app
}

/// What the database says of an active project, criterion by criterion.
#[derive(Debug, Default, Clone)]
struct Truth {
    values: BTreeMap<&'static str, BTreeSet<String>>,
    year: Option<i32>,
}

async fn truths(db: &sea_orm::DatabaseConnection) -> Vec<Truth> {
    let parents: HashMap<String, (String, Option<String>)> = taxonomy_term::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.code, (t.vocabulary, t.parent_code)))
        .collect();
    let slugs: HashMap<i64, String> = partner::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.slug))
        .collect();
    let terms = project_term::Entity::find().all(db).await.unwrap();
    let listings = project_attribution::Entity::find()
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(db)
        .await
        .unwrap();
    let mut out = Vec::new();
    for p in project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .all(db)
        .await
        .unwrap()
    {
        let mut t = Truth {
            year: p.start_year,
            ..Default::default()
        };
        for facet in [
            "theme",
            "public",
            "structure",
            "partner",
            "region",
            "department",
        ] {
            t.values.insert(facet, BTreeSet::new());
        }
        for row in terms.iter().filter(|r| r.project_id == p.id) {
            let (vocabulary, parent) = &parents[&row.term_code];
            let set = t.values.get_mut(vocabulary.as_str()).unwrap();
            set.insert(row.term_code.clone());
            if let Some(parent) = parent {
                set.insert(parent.clone());
            }
        }
        if let Some(code) = &p.structure_code {
            t.values.get_mut("structure").unwrap().insert(code.clone());
        }
        for l in listings.iter().filter(|l| l.project_id == p.id) {
            t.values
                .get_mut("partner")
                .unwrap()
                .insert(slugs[&l.partner_id].clone());
        }
        if let Some(r) = &p.region_code {
            t.values.get_mut("region").unwrap().insert(r.clone());
        }
        if let Some(d) = &p.department_code {
            t.values.get_mut("department").unwrap().insert(d.clone());
        }
        out.push(t);
    }
    out
}

/// A combination of criteria: chosen values per facet and a year range.
#[derive(Debug, Default, Clone)]
struct Choice {
    values: BTreeMap<&'static str, Vec<String>>,
    years: (Option<i32>, Option<i32>),
}

impl Choice {
    fn query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (facet, values) in &self.values {
            for v in values {
                q.append_pair(facet, v);
            }
        }
        if let Some(y) = self.years.0 {
            q.append_pair("year_from", &y.to_string());
        }
        if let Some(y) = self.years.1 {
            q.append_pair("year_to", &y.to_string());
        }
        q.append_pair("per_page", "100");
        q.finish()
    }

    fn keeps(&self, t: &Truth, except: Option<&str>) -> bool {
        let values_ok = self.values.iter().all(|(facet, chosen)| {
            Some(*facet) == except
                || chosen.is_empty()
                || chosen.iter().any(|v| t.values[facet].contains(v))
        });
        let years_ok = match self.years {
            (None, None) => true,
            (from, to) => t
                .year
                .is_some_and(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|e| y <= e)),
        };
        values_ok && years_ok
    }

    /// What the API should count: for each facet, each value's projects among those
    /// every other choice keeps.
    fn expected(&self, all: &[Truth]) -> (usize, BTreeMap<String, BTreeMap<String, u64>>) {
        let total = all.iter().filter(|t| self.keeps(t, None)).count();
        let mut facets = BTreeMap::new();
        for facet in [
            "theme",
            "public",
            "structure",
            "partner",
            "region",
            "department",
        ] {
            let mut counts: BTreeMap<String, u64> = BTreeMap::new();
            for t in all.iter().filter(|t| self.keeps(t, Some(facet))) {
                for v in &t.values[facet] {
                    *counts.entry(v.clone()).or_default() += 1;
                }
            }
            facets.insert(facet.to_owned(), counts);
        }
        (total, facets)
    }
}

fn counted(body: &Value) -> BTreeMap<String, BTreeMap<String, u64>> {
    body["facets"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(facet, values)| {
            let counts = values
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    (
                        v["value"].as_str().unwrap().to_owned(),
                        v["count"].as_u64().unwrap(),
                    )
                })
                .collect();
            (facet.clone(), counts)
        })
        .collect()
}

async fn api(app: &TestApp, query: &str) -> Value {
    let response = app.get(&format!("/api/v1/projects?{query}")).await;
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

#[tokio::test]
async fn facet_counts_equal_database_counts_for_random_filter_combinations() {
    let app = hub_with_projects(70).await;
    let all = truths(&app.state.db).await;
    assert!(all.len() > 150, "{} projects", all.len());
    let present = |facet: &str| -> Vec<String> {
        let set: BTreeSet<String> = all.iter().flat_map(|t| t.values[facet].clone()).collect();
        set.into_iter().collect()
    };
    let mut rng = StdRng::seed_from_u64(11);
    for round in 0..30 {
        let mut choice = Choice::default();
        for (facet, most) in [
            ("theme", 2),
            ("public", 1),
            ("structure", 1),
            ("partner", 2),
            ("region", 2),
            ("department", 1),
        ] {
            let mut values = present(facet);
            values.shuffle(&mut rng);
            let n = rng.random_range(0..=most).min(values.len());
            // Not every facet every time: most rounds choose two or three of them.
            if rng.random_bool(0.45) {
                choice
                    .values
                    .insert(facet, values.into_iter().take(n).collect());
            }
        }
        if rng.random_bool(0.3) {
            let from = rng.random_range(2005..2020);
            choice.years = (
                Some(from),
                rng.random_bool(0.5).then(|| from + rng.random_range(0..6)),
            );
        }
        let body = api(&app, &choice.query()).await;
        let (total, expected) = choice.expected(&all);
        assert_eq!(body["total"], total, "round {round}: {choice:?}");
        assert_eq!(counted(&body), expected, "round {round}: {choice:?}");
        assert!(body["items"].as_array().unwrap().len() <= 100);

        // Each counted value, passed back as its parameter in place of that facet's own
        // choice, filters exactly the projects counted.
        if round % 5 == 0 {
            for (facet, counts) in expected.iter().filter(|(_, c)| !c.is_empty()).take(3) {
                let (value, count) = counts.iter().next().unwrap();
                let mut narrowed = choice.clone();
                let key = [
                    "theme",
                    "public",
                    "structure",
                    "partner",
                    "region",
                    "department",
                ]
                .into_iter()
                .find(|k| k == facet)
                .unwrap();
                narrowed.values.insert(key, vec![value.clone()]);
                let body = api(&app, &narrowed.query()).await;
                assert_eq!(body["total"], *count, "{facet}={value} after {choice:?}");
            }
        }
    }
}

#[tokio::test]
async fn exports_are_valid_csv_json_lines_and_geojson_with_the_licence() {
    let app = hub_with_projects(40).await;
    let total = api(&app, "theme=ENV").await["total"].as_u64().unwrap() as usize;
    assert!(total > 5, "{total}");

    let response = app.get("/api/v1/projects.csv?theme=ENV").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"carrefour-projets-")
    );
    assert!(
        response.headers()["link"]
            .to_str()
            .unwrap()
            .contains("rel=\"license\"")
    );
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "licence") && headers.iter().any(|h| h == "attribution"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), total);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in &rows {
        assert!(
            row[col("themes")].contains("Environnement")
                || row[col("themes")].contains("Transition"),
            "{row:?}"
        );
        assert!(row[col("licence")].starts_with("Licence Ouverte"));
        assert!(row[col("attribution")].starts_with("Carrefour, d'après Partenaire reseau-"));
        assert!(row[col("url")].contains("/projets/"));
    }

    let excel = app
        .get("/api/v1/projects.csv?theme=ENV&excel=1")
        .await
        .bytes()
        .await
        .unwrap();
    assert!(
        excel.starts_with("\u{feff}id;url;title".as_bytes()),
        "BOM and semicolons"
    );
    assert!(excel.windows(2).any(|w| w == b"\r\n"), "CRLF");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&excel[3..]);
    assert_eq!(reader.records().count(), total);

    let lines = app
        .get("/api/v1/projects.jsonl?theme=ENV")
        .await
        .text()
        .await
        .unwrap();
    let items: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(items.len(), total);
    assert!(items.iter().all(|i| {
        i["licence"]
            .as_str()
            .unwrap()
            .starts_with("Licence Ouverte")
            && i["id"].is_i64()
    }));

    let response = app.get("/api/v1/projects.geojson?theme=ENV").await;
    assert_eq!(
        response.headers()["content-type"],
        "application/geo+json; charset=utf-8"
    );
    let geo: Value = response.json().await.unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    assert!(
        geo["licence"]
            .as_str()
            .unwrap()
            .starts_with("Licence Ouverte")
    );
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), total);
    for f in features {
        assert_eq!(f["type"], "Feature");
        let [lon, lat] = &f["geometry"]["coordinates"].as_array().unwrap()[..] else {
            panic!("{f}")
        };
        let (lon, lat) = (lon.as_f64().unwrap(), lat.as_f64().unwrap());
        // Every commune of the test is in mainland France: longitude first.
        assert!(
            (-5.5..10.0).contains(&lon) && (41.0..51.5).contains(&lat),
            "{lon},{lat}"
        );
        assert!(
            f["properties"]["attribution"]
                .as_str()
                .unwrap()
                .starts_with("Carrefour")
        );
    }

    // The whole hub, in order, with nothing lost: every project once.
    let everything = app
        .get("/api/v1/projects.jsonl")
        .await
        .text()
        .await
        .unwrap();
    let ids: BTreeSet<i64> = everything
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids.len(), everything.lines().count());
    assert_eq!(
        ids.len() as u64,
        api(&app, "").await["total"].as_u64().unwrap()
    );
}

#[tokio::test]
async fn the_api_answers_its_contract_and_refuses_bad_parameters_clearly() {
    let app = hub_with_projects(10).await;
    let page = api(&app, "q=atelier&per_page=2&sort=name").await;
    assert_eq!(page["per_page"], 2);
    assert_eq!(page["page"], 1);
    let item = &page["items"][0];
    for key in [
        "id",
        "url",
        "title",
        "summary",
        "themes",
        "publics",
        "place",
        "partners",
        "status",
        "first_seen",
    ] {
        assert!(item.get(key).is_some(), "{key} in {item}");
    }
    assert!(
        item.get("contact_email").is_none(),
        "never the contact address"
    );
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(names, sorted, "sorted by name");

    let id = item["id"].as_i64().unwrap();
    let one: Value = app
        .get(&format!("/api/v1/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["id"], id);
    assert!(one["description_html"].is_string());
    let missing = app.get("/api/v1/projects/999999").await;
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not-found");

    let bad = app
        .get("/api/v1/projects?theme=NOPE&per_page=500&sort=distance&bbox=1,2")
        .await;
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await.unwrap();
    let fields = body["error"]["fields"].as_object().unwrap();
    for param in ["theme", "per_page", "sort", "bbox"] {
        assert!(fields.contains_key(param), "{param} named: {body}");
    }
    assert!(
        fields["theme"][0]
            .as_str()
            .unwrap()
            .contains("n'existe pas"),
        "{body}"
    );

    let partners: Value = app.get("/api/v1/partners").await.json().await.unwrap();
    assert_eq!(partners.as_array().unwrap().len(), 3);
    let slug = partners[0]["slug"].as_str().unwrap();
    assert!(
        api(&app, &format!("partner={slug}")).await["total"]
            .as_u64()
            .unwrap()
            > 0
    );
    let taxonomy: Value = app.get("/api/v1/taxonomy").await.json().await.unwrap();
    assert!(
        taxonomy
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["code"] == "ENV" && t["label_en"].is_string())
    );
    let territories: Value = app.get("/api/v1/territories").await.json().await.unwrap();
    assert_eq!(territories.as_array().unwrap().len(), 18);
    let brest: Value = app
        .get("/api/v1/territories/communes/29019")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(brest["name"], "Brest");
    assert_eq!(
        app.get("/api/v1/territories/communes/00000").await.status(),
        404
    );

    // Around a commune, nearest first, with the distance.
    let near = api(&app, "near=29019&radius_km=50&sort=distance").await;
    let distances: Vec<f64> = near["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["distance_km"].as_f64().unwrap())
        .collect();
    assert!(!distances.is_empty() && distances.iter().all(|d| *d <= 50.0));
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");

    // The map: points when few, grid cells when asked at a zoom that gathers them.
    let map: Value = app.get("/api/v1/projects/map").await.json().await.unwrap();
    assert_eq!(
        map["located"].as_u64().unwrap(),
        api(&app, "").await["total"].as_u64().unwrap()
    );
    assert!(!map["points"].as_array().unwrap().is_empty());
    assert!(
        map["message"]
            .as_str()
            .unwrap()
            .contains("projets localisés")
    );
    let view: Value = app
        .get("/api/v1/projects/map?view=-5,47,-1,49&zoom=7")
        .await
        .json()
        .await
        .unwrap();
    let points = view["points"].as_array().unwrap();
    assert!(
        points
            .iter()
            .all(|p| (47.0..=49.0).contains(&p["lat"].as_f64().unwrap()))
    );
    assert_eq!(app.get("/api/v1/projects/map?zoom=99").await.status(), 422);
}

#[tokio::test]
async fn the_openapi_document_is_valid_and_lists_every_route() {
    let app = hub_with_projects(2).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(doc["openapi"].as_str().unwrap().chars().next(), Some('3'));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import json,sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))",
            path.to_str().unwrap(),
        ])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "openapi-spec-validator (installed by scripts/test): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Every API route of the open-data router is documented.
    let source = ["/src/opendata/mod.rs", "/src/board/mod.rs"]
        .map(|file| {
            std::fs::read_to_string(format!("{}{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
        })
        .join("\n");
    let documented: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    for line in source.lines().filter(|l| l.contains("\"/api/v1/")) {
        let route = line.split('"').nth(1).unwrap();
        if route == "/api/v1/openapi.json" || route == "/api/v1/docs" {
            continue;
        }
        assert!(
            documented.iter().any(|d| d == route),
            "{route} is not in the OpenAPI document"
        );
    }
    let (status, html) = app.page("/api/v1/docs").await;
    assert_eq!(status, 200);
    assert!(html.contains("/api/v1/projects/{id}"));
}

#[tokio::test]
async fn reads_carry_cors_etags_and_rate_limit_headers() {
    let app = TestApp::builder()
        .configure(|s| s.api.rate_limit_per_minute = 5)
        .spawn()
        .await;
    let client = support::client();
    let first = client
        .get(app.url("/api/v1/taxonomy"))
        .header("origin", "https://example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["access-control-allow-origin"], "*");
    assert_eq!(first.headers()["ratelimit-limit"], "5");
    assert_eq!(first.headers()["ratelimit-remaining"], "4");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let again = client
        .get(app.url("/api/v1/taxonomy"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], etag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());
    let preflight = client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/projects"))
        .header("origin", "https://example.org")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert!(
        preflight.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("GET")
    );
    for _ in 0..3 {
        assert_eq!(
            client
                .get(app.url("/api/v1/territories"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    let refused = client
        .get(app.url("/api/v1/territories"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 429);
    assert!(
        refused.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    assert_eq!(refused.headers()["ratelimit-remaining"], "0");
    assert_eq!(refused.headers()["access-control-allow-origin"], "*");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too-many-requests");
    // Pages are not limited by the API's limit.
    assert_eq!(
        client
            .get(app.url("/recherche"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}
