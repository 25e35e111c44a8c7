//! Timings of the trends and territory pages on 100,000 generated projects (the demo
//! generator's, written straight to the database with their themes, publics and listings,
//! first seen over three years, 2 % archived and 1 % merged), over HTTP, sequentially,
//! with a search page and the home page measured in the same run as peers. The figures
//! are counted from the search index, rebuilt from the database after seeding (as
//! `carrefour reindex` does).
//!
//! `cargo test --release --test bench_trends -- --ignored --nocapture` (SQLite), with
//! `TEST_DATABASE_URL=…` for PostgreSQL; `BENCH_PROJECTS` and `BENCH_RUNS` change the
//! sizes (100,000 and 20 by default). Results: docs/benchmarks.md.
mod support;

use std::time::{Duration, Instant};

use carrefour::demo::generate;
use carrefour::entities::{project, project_attribution, project_term};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, EntityTrait};

const CHUNK: usize = 500;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn seed(app: &support::TestApp, count: usize) {
    let db = &app.state.db;
    let mut partner_ids = Vec::new();
    for (i, _) in generate::partners().iter().enumerate() {
        let p = support::fixtures::partner(db, &format!("partenaire-{i}"), "active").await;
        partner_ids.push(p.id);
    }
    let now = Utc::now();
    let generated = generate::projects(count, 1);
    for (chunk_index, chunk) in generated.chunks(CHUNK).enumerate() {
        let mut projects = Vec::new();
        let mut terms = Vec::new();
        let mut listings = Vec::new();
        for (k, p) in chunk.iter().enumerate() {
            let i = chunk_index * CHUNK + k;
            let id = i as i64 + 1;
            // Three years of first sightings, the hub growing over time.
            let days_ago = ((i * 7919) % 1095) as i64;
            let seen = now
                - chrono::Duration::days(days_ago)
                - chrono::Duration::minutes((i % 1440) as i64);
            let status = if i.is_multiple_of(97) {
                "merged"
            } else if i.is_multiple_of(50) {
                "archived"
            } else {
                "active"
            };
            projects.push(project::ActiveModel {
                id: Set(id),
                slug: Set(carrefour::web::slug::slugify(&p.title, 80)),
                title: Set(p.title.clone()),
                summary: Set(p.summary.clone()),
                description_html: Set(format!("<p>{}</p>", p.description)),
                holder_name: Set(Some(p.holder_name.clone())),
                structure_code: Set(Some(p.structure_type.to_owned())),
                address: Set(Some(p.address.clone())),
                commune_insee: Set(Some(p.commune.insee.to_owned())),
                postcode: Set(Some(p.commune.postcode.to_owned())),
                department_code: Set(Some(p.commune.department_code.to_owned())),
                region_code: Set(Some(p.commune.region_code.to_owned())),
                latitude: Set(Some(p.lat)),
                longitude: Set(Some(p.lon)),
                geo_precision: Set(Some("address".into())),
                website: Set(p.website.clone()),
                contact_email: Set(p.contact_email.clone()),
                image_url: Set(None),
                social_links: Set("[]".into()),
                distinctions: Set("[]".into()),
                start_date: Set(None),
                start_year: Set(Some(p.start_date.0)),
                status: Set(status.into()),
                merged_into: Set(None),
                provenance: Set("{}".into()),
                created_at: Set(seen),
                updated_at: Set(seen),
            });
            for (position, code) in p.themes.iter().chain(p.publics.iter()).enumerate() {
                terms.push(project_term::ActiveModel {
                    project_id: Set(id),
                    term_code: Set((*code).to_owned()),
                    position: Set(position as i32),
                });
            }
            for partner in &p.partners {
                listings.push(project_attribution::ActiveModel {
                    project_id: Set(id),
                    partner_id: Set(partner_ids[*partner]),
                    original_url: Set(format!("https://example.org/projets/{id}")),
                    partner_tags: Set("[]".into()),
                    first_seen_at: Set(seen),
                    last_seen_at: Set(seen),
                    source_id: Set(None),
                    raw_record_id: Set(None),
                    gone_at: Set(i.is_multiple_of(40).then_some(now)),
                    ..Default::default()
                });
            }
        }
        project::Entity::insert_many(projects)
            .exec_without_returning(db)
            .await
            .unwrap();
        for part in terms.chunks(CHUNK * 4) {
            project_term::Entity::insert_many(part.to_vec())
                .exec_without_returning(db)
                .await
                .unwrap();
        }
        project_attribution::Entity::insert_many(listings)
            .exec_without_returning(db)
            .await
            .unwrap();
    }
    if support::backend_name() == "postgresql" {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
}

/// p50 and p95 of `runs` sequential GETs of `path` (after two unmeasured ones).
async fn time(app: &support::TestApp, path: &str, runs: usize) -> (Duration, Duration, usize) {
    let mut bytes = 0;
    for _ in 0..2 {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        bytes = response.bytes().await.unwrap().len();
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        response.bytes().await.unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    (at(0.5), at(0.95), bytes)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "benchmark: cargo test --release --test bench_trends -- --ignored --nocapture"]
async fn trends_and_territory_pages_on_100k_projects() {
    let count = env_number("BENCH_PROJECTS", 100_000);
    let runs = env_number("BENCH_RUNS", 20);
    let app = support::TestApp::spawn().await;
    let started = Instant::now();
    seed(&app, count).await;
    println!(
        "seeded {count} projects in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        support::backend_name()
    );
    let started = Instant::now();
    let root = app.settings.server.data_dir.join("index");
    let built = carrefour::search::index::rebuild(&app.state.db, &root, |_, _| {})
        .await
        .unwrap();
    // The node moves to the new generation at its indexer's next step.
    app.state.search.step(&app.state.db).await.unwrap();
    support::wait_indexed(&app.state).await;
    println!(
        "indexed {} projects in {:.1} s",
        built.projects,
        started.elapsed().as_secs_f64()
    );
    let peers = ["/recherche", "/"];
    let pages = [
        "/tendances",
        "/tendances?region=84",
        "/tendances?theme=EDU",
        "/tendances?department=75&period=6&level=subtheme&min=5",
        "/tendances?compare=r84&compare=r11&compare=d13&compare=d33",
        "/tendances/themes.csv",
        "/tendances/months.csv",
        "/tendances/emerging.csv?level=subtheme",
        "/territoires",
        "/territoires/regions/11",
        "/territoires/departements/75",
        "/territoires/communes/75056-paris",
    ];
    let mut results = Vec::new();
    for path in peers.iter().chain(pages.iter()) {
        results.push((*path, time(&app, path, runs).await));
    }
    let peer_p50 = results[0].1.0.as_secs_f64();
    println!("\n| page | p50 (ms) | p95 (ms) | p50 ÷ search page p50 | bytes |");
    println!("|---|---:|---:|---:|---:|");
    for (path, (p50, p95, bytes)) in &results {
        println!(
            "| `{path}` | {:.1} | {:.1} | {:.2} | {bytes} |",
            p50.as_secs_f64() * 1000.0,
            p95.as_secs_f64() * 1000.0,
            p50.as_secs_f64() / peer_p50
        );
    }
}
