//! The embedded demo enters through the real pipeline: the demo partners' sources are
//! feeds the hub serves to itself on loopback, crawled and consolidated on first start;
//! a project two demo partners list is one project; restarting adds nothing.
mod support;

use carrefour::demo::feeds::DEMO_SEED;
use carrefour::demo::generate;
use carrefour::entities::{crawl_run, project, project_attribution, raw_record, source};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::TestApp;

const PROJECTS: usize = 60;

async fn active_projects(db: &sea_orm::DatabaseConnection) -> u64 {
    project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .count(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn demo_projects_are_crawled_and_consolidated_and_shared_ones_merged() {
    let app = TestApp::builder().demo_projects(PROJECTS).spawn().await;
    let db = &app.state.db;
    let generated = generate::projects(PROJECTS, DEMO_SEED);
    let listings: usize = generated.iter().map(|p| p.partners.len()).sum();
    let shared = generated.iter().filter(|p| p.partners.len() == 2).count();
    assert!(shared > 0, "some demo projects are listed by two partners");

    // Every demo partner has a source read from the hub itself: JSON, CSV or HTML.
    let sources = source::Entity::find().all(db).await.unwrap();
    assert_eq!(sources.len(), generate::partners().len());
    let kinds: std::collections::BTreeSet<&str> = sources.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["csv", "html", "json"].into());
    for s in &sources {
        assert!(
            s.config.contains(&format!("{}/demo/sources/", app.base)),
            "{}",
            s.config
        );
    }
    let runs = crawl_run::Entity::find().all(db).await.unwrap();
    assert_eq!(runs.len(), sources.len());
    assert!(runs.iter().all(|r| r.status != "failed"), "{runs:?}");

    // Each listing is a raw record credited through an attribution; no direct insert.
    assert_eq!(
        raw_record::Entity::find().count(db).await.unwrap() as usize,
        listings
    );
    let attributions = project_attribution::Entity::find().all(db).await.unwrap();
    assert_eq!(attributions.len(), listings);
    assert!(
        attributions
            .iter()
            .all(|a| a.raw_record_id.is_some() && a.source_id.is_some() && a.gone_at.is_none())
    );

    // Every listing links its own page on its partner's site, whatever the feed's kind.
    let slugs: std::collections::BTreeMap<i64, String> =
        carrefour::entities::partner::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| (p.id, p.slug))
            .collect();
    for a in &attributions {
        let page = format!(
            "{}/demo/sources/{}/projets/projet-",
            app.base, slugs[&a.partner_id]
        );
        assert!(
            a.original_url.starts_with(&page),
            "{} vs {page}",
            a.original_url
        );
    }
    for a in attributions.iter().take(3) {
        let page = support::client().get(&a.original_url).send().await.unwrap();
        assert_eq!(page.status(), 200, "{}", a.original_url);
    }

    // A project listed by two partners (the second one reworded) is one project.
    assert_eq!(active_projects(db).await as usize, PROJECTS);
    let mut per_project = std::collections::BTreeMap::<i64, Vec<i64>>::new();
    for a in &attributions {
        per_project
            .entry(a.project_id)
            .or_default()
            .push(a.partner_id);
    }
    let merged: Vec<&Vec<i64>> = per_project.values().filter(|p| p.len() == 2).collect();
    assert_eq!(merged.len(), shared);
    assert!(merged.iter().all(|p| p[0] != p[1]));
    let (project_id, _) = per_project.iter().find(|(_, p)| p.len() == 2).unwrap();
    let merged_project = project::Entity::find_by_id(*project_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (status, html) = app
        .page(&format!(
            "/projets/{}-{}",
            merged_project.id, merged_project.slug
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(support::texts(&html, "[data-testid=listing]").len(), 2);

    // A start without the demo parks the demo sources (nothing serves their feeds).
    let mut without_demo = app.settings.clone();
    without_demo.demo.enabled = false;
    carrefour::app::prepare(without_demo, false).await.unwrap();
    let parked = source::Entity::find()
        .filter(source::Column::Enabled.eq(true))
        .count(db)
        .await
        .unwrap();
    assert_eq!(parked, 0);

    // A restart with the demo adds nothing: no seeding, no second collection; the
    // sources are enabled again, and a new crawl of one finds every record unchanged.
    let state = carrefour::app::prepare(app.settings.clone(), true)
        .await
        .unwrap();
    let listening: std::net::SocketAddr = app.base.trim_start_matches("http://").parse().unwrap();
    let again = carrefour::demo::pipeline::run(&state, listening)
        .await
        .unwrap();
    assert_eq!(again.records(), 0, "{again:?}");
    let enabled = source::Entity::find()
        .filter(source::Column::Enabled.eq(true))
        .count(db)
        .await
        .unwrap();
    assert_eq!(enabled as usize, sources.len());
    let recrawl =
        carrefour::crawler::run::crawl_source(db, &state.fetcher, sources[0].id, "manual", None)
            .await
            .unwrap();
    assert_eq!(recrawl.status, "succeeded", "{recrawl:?}");
    assert_eq!(recrawl.items_new, 0);
    let report = carrefour::consolidation::service::consolidate_source(db, sources[0].id)
        .await
        .unwrap();
    assert_eq!(report.records(), 0, "{report:?}");
    assert_eq!(active_projects(db).await as usize, PROJECTS);
    assert_eq!(
        source::Entity::find().count(db).await.unwrap() as usize,
        sources.len()
    );
}

#[tokio::test]
async fn without_demo_the_feeds_do_not_exist() {
    let app = TestApp::spawn().await;
    let slug = &generate::partners()[0].slug;
    let (status, _) = app
        .page(&format!("/demo/sources/{slug}/projets.json"))
        .await;
    assert_eq!(status, 404);
    assert_eq!(active_projects(&app.state.db).await, 0);
}

#[tokio::test]
async fn demo_accounts_find_conversations_in_their_inboxes() {
    use carrefour::demo::accounts::{DEMO_COORDINATOR, DEMO_PASSWORD, admin_email};
    use carrefour::demo::messaging::{DEMO_HOLDER, DEMO_VISITOR};
    let app = TestApp::builder().demo_projects(PROJECTS).spawn().await;
    let sign_in = async |email: &str| {
        let browser = app.new_browser();
        let csrf = browser.csrf_token("/connexion").await;
        let signed = browser
            .post_form(
                "/connexion",
                &[
                    ("_csrf", &csrf),
                    ("email", email),
                    ("password", DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(signed.status(), 303, "{email} signs in");
        browser
    };
    let conversations = |html: &str| support::texts(html, "[data-testid=conversation] a strong");

    let visitor = sign_in(DEMO_VISITOR).await;
    let (_, html) = visitor.page("/messages").await;
    assert_eq!(conversations(&html).len(), 4, "{html}");
    let holder = sign_in(DEMO_HOLDER).await;
    let (_, html) = holder.page("/messages").await;
    assert_eq!(conversations(&html), ["Visite et bénévolat"]);
    assert_eq!(support::texts(&html, "[data-testid=unread-count]"), ["1"]);
    let first = carrefour::entities::partner::Entity::find()
        .filter(carrefour::entities::partner::Column::Status.eq("active"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|p| p.id)
        .unwrap();
    let admin = sign_in(&admin_email(&first.slug)).await;
    let (_, html) = admin.page(&format!("/p/{}/messages", first.slug)).await;
    assert!(html.contains("Projets près de chez moi"));
    let coordinator = sign_in(DEMO_COORDINATOR).await;
    let (_, html) = coordinator.page("/coordination/messages").await;
    assert!(html.contains("Une question sur le collectif"));
    let claimed = carrefour::entities::project_claim::Entity::find()
        .filter(carrefour::entities::project_claim::Column::Status.eq("approved"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(claimed, 2);
}

#[tokio::test]
async fn the_demo_board_has_requests_of_every_kind_answers_and_profiles() {
    use carrefour::entities::{board_answer, board_profile, board_request};
    let app = TestApp::builder().demo_projects(PROJECTS).spawn().await;
    let db = &app.state.db;
    let requests = board_request::Entity::find()
        .filter(board_request::Column::Status.eq("published"))
        .all(db)
        .await
        .unwrap();
    assert!(requests.len() >= 100, "{} requests", requests.len());
    let kinds: std::collections::BTreeSet<&str> =
        requests.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    let regions: std::collections::BTreeSet<&str> = requests
        .iter()
        .filter_map(|r| r.region_code.as_deref())
        .collect();
    assert!(regions.len() >= 10, "{regions:?}");
    assert!(board_answer::Entity::find().count(db).await.unwrap() >= 30);
    assert!(board_profile::Entity::find().count(db).await.unwrap() >= 30);
    // A visitor sees them through the board's search.
    let (status, html) = app.page("/courtage?kind=job").await;
    assert_eq!(status, 200);
    assert_eq!(
        support::texts(&html, ".result-list > li").len(),
        20,
        "a full first page of job offers"
    );
    let (status, html) = app.page("/courtage/profils").await;
    assert_eq!(status, 200);
    assert!(html.contains("impact et mesure sociale"), "{html}");
}
