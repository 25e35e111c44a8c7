//! The same initiative listed by two partners is one project with two listings; the
//! merge is explained on its page and an editor can split it, for good (a re-crawl does
//! not merge it again). A pair that only looks alike waits in both partners' spaces, and
//! their decision holds: "same project" folds one project into the other (its address
//! redirects), "different" is remembered. Project pages keep a history.
mod support;

use carrefour::consolidation::service::consolidate_source;
use carrefour::entities::project;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use support::TestApp;
use support::records::record;

fn garden(title: &str, summary: &str) -> Value {
    json!({
        "title": title,
        "summary": summary,
        "commune": "Villeurbanne",
        "postcode": "69100",
        "email": "contact@jardin-lilas.example.org",
        "website": "https://www.jardin-lilas.example.org/",
        "themes": ["Alimentation durable"],
    })
}

async fn live_projects(db: &DatabaseConnection) -> Vec<project::Model> {
    project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_merge_is_explained_and_a_split_survives_recrawls() {
    let app = TestApp::builder().spawn().await;
    let db = &app.state.db;
    let a = support::fixtures::partner(db, "reseau-a", "active").await;
    let b = support::fixtures::partner(db, "reseau-b", "active").await;
    let source_a = support::fixtures::site_source(db, a.id, "site A").await;
    let source_b = support::fixtures::site_source(db, b.id, "site B").await;
    record(
        db,
        source_a.id,
        "lilas",
        garden(
            "Jardin partagé des Lilas",
            "Un jardin partagé au cœur du quartier, ouvert aux habitants.",
        ),
    )
    .await;
    consolidate_source(db, source_a.id).await.unwrap();
    let listed_b = record(
        db,
        source_b.id,
        "jardin-lilas",
        garden(
            "Le jardin partagé des Lilas – porté par Terre Vive",
            "En bref : un jardin partagé au cœur du quartier, ouvert aux publics.",
        ),
    )
    .await;
    let report = consolidate_source(db, source_b.id).await.unwrap();
    assert_eq!((report.created, report.merged), (0, 1), "{report:?}");
    let projects = live_projects(db).await;
    assert_eq!(projects.len(), 1);
    let merged = &projects[0];
    assert_eq!(
        merged.title, "Jardin partagé des Lilas",
        "the first listing names it"
    );

    // The page credits both partners and says why they were merged.
    let path = format!("/projets/{}-{}", merged.id, merged.slug);
    let (status, html) = app.page(&path).await;
    assert_eq!(status, 200);
    let listings = support::texts(&html, "[data-testid=listing]");
    assert_eq!(listings.len(), 2, "{listings:?}");
    assert!(listings[1].contains("ressemblance 94 %"), "{listings:?}");
    assert!(
        listings[1].contains("Rapprochée automatiquement"),
        "{listings:?}"
    );
    assert!(listings[1].contains("mêmes coordonnées"), "{listings:?}");
    assert!(listings[1].contains("même commune"), "{listings:?}");
    // The alternative the rules did not pick is shown with its listing.
    assert!(
        listings[1].contains(
            "Titre sur cette fiche : « Le jardin partagé des Lilas – porté par Terre Vive »"
        ),
        "{listings:?}"
    );
    assert!(
        !html.contains("data-testid=\"split\""),
        "visitors cannot split"
    );

    // Another partner's editor may not split it.
    let c = support::fixtures::partner(db, "reseau-c", "active").await;
    let outsider = app.member_browser(c.id, "c@exemple.org", "editor").await;
    let csrf = outsider.csrf_token(&path).await;
    let attribution = carrefour::entities::project_attribution::Entity::find()
        .filter(carrefour::entities::project_attribution::Column::RawRecordId.eq(listed_b))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let refused = outsider
        .post_form(
            &format!("/projets/{}/separer", merged.id),
            &[
                ("_csrf", &csrf),
                ("attribution_id", &attribution.id.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);

    // B's editor splits its listing off.
    let editor = app.member_browser(b.id, "b@exemple.org", "editor").await;
    let (_, html) = (200, editor.get(&path).await.text().await.unwrap());
    assert!(
        html.contains("data-testid=\"split\""),
        "editors of a listing partner may split"
    );
    let csrf = editor.csrf_token(&path).await;
    let split = editor
        .post_form(
            &format!("/projets/{}/separer", merged.id),
            &[
                ("_csrf", &csrf),
                ("attribution_id", &attribution.id.to_string()),
            ],
        )
        .await;
    assert_eq!(split.status(), 303);
    assert_eq!(live_projects(db).await.len(), 2);

    // The listing changes on B's site: consolidated again, still apart.
    record(
        db,
        source_b.id,
        "jardin-lilas",
        garden(
            "Le jardin partagé des Lilas",
            "Un jardin partagé au cœur du quartier, ouvert aux habitants.",
        ),
    )
    .await;
    let again = consolidate_source(db, source_b.id).await.unwrap();
    assert_eq!((again.updated, again.merged), (1, 0), "{again:?}");
    assert_eq!(live_projects(db).await.len(), 2);

    // The history says what happened.
    let (_, html) = app.page(&path).await;
    let history = support::texts(&html, "[data-testid=history] li");
    assert!(
        history.iter().any(|h| h.contains("séparation")),
        "{history:?}"
    );
    assert!(
        history.iter().any(|h| h.contains("rapprochement")),
        "{history:?}"
    );
    assert!(
        history.iter().any(|h| h.contains("création")),
        "{history:?}"
    );
}

fn grocery(email: &str, summary: &str) -> Value {
    json!({
        "title": "Épicerie solidaire",
        "summary": summary,
        "commune": "Lyon",
        "postcode": "69003",
        "email": email,
    })
}

#[tokio::test]
async fn suspected_pairs_wait_for_people_whose_decision_holds() {
    let app = TestApp::builder().spawn().await;
    let db = &app.state.db;
    let a = support::fixtures::partner(db, "reseau-a", "active").await;
    let b = support::fixtures::partner(db, "reseau-b", "active").await;
    let source_a = support::fixtures::site_source(db, a.id, "site A").await;
    let source_b = support::fixtures::site_source(db, b.id, "site B").await;
    record(
        db,
        source_a.id,
        "epicerie",
        grocery(
            "epicerie@panier.example.org",
            "Une épicerie solidaire pour les familles du quartier.",
        ),
    )
    .await;
    record(
        db,
        source_a.id,
        "epicerie-2",
        grocery(
            "bonjour@cabas.example.org",
            "Une épicerie où les étudiants paient selon leurs moyens.",
        ),
    )
    .await;
    consolidate_source(db, source_a.id).await.unwrap();
    record(
        db,
        source_b.id,
        "epicerie",
        grocery(
            "contact@autre.example.org",
            "Des produits à petits prix, tenus par des bénévoles.",
        ),
    )
    .await;
    let report = consolidate_source(db, source_b.id).await.unwrap();
    assert_eq!(
        (report.created, report.merged, report.suspected),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(live_projects(db).await.len(), 3);

    // B's member sees the pair, only editors decide.
    let reader = app
        .member_browser(b.id, "lecteur@exemple.org", "member")
        .await;
    assert_eq!(reader.get("/p/reseau-b/doublons").await.status(), 403);
    let editor = app.member_browser(b.id, "b@exemple.org", "editor").await;
    let html = editor
        .get("/p/reseau-b/doublons")
        .await
        .text()
        .await
        .unwrap();
    let rows = support::texts(&html, "[data-testid=suspect-row]");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let link: i64 = support::attribute(&html, "[data-testid=suspect-row]", "data-link")
        .parse()
        .unwrap();
    // A third partner sees nothing of it and cannot decide it.
    let c = support::fixtures::partner(db, "reseau-c", "active").await;
    let other = app.member_browser(c.id, "c@exemple.org", "admin").await;
    let html = other
        .get("/p/reseau-c/doublons")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("data-testid=\"no-suspects\""));
    let csrf = other.csrf_token("/p/reseau-c/doublons").await;
    let refused = other
        .post_form(
            &format!("/p/reseau-c/doublons/{link}"),
            &[("_csrf", &csrf), ("decision", "same")],
        )
        .await;
    assert_eq!(refused.status(), 404);

    // "Same project": B's listing joins; its old address redirects.
    let b_project = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|p| p.id)
        .unwrap();
    let csrf = editor.csrf_token("/p/reseau-b/doublons").await;
    let decided = editor
        .post_form(
            &format!("/p/reseau-b/doublons/{link}"),
            &[("_csrf", &csrf), ("decision", "same")],
        )
        .await;
    assert_eq!(decided.status(), 303);
    assert_eq!(live_projects(db).await.len(), 2);
    let old = app
        .get(&format!("/projets/{}-{}", b_project.id, b_project.slug))
        .await;
    assert_eq!(old.status(), 308, "a folded project's address redirects");

    // "Different": remembered, the pair leaves the queue.
    let html = editor
        .get("/p/reseau-b/doublons")
        .await
        .text()
        .await
        .unwrap();
    let rows = support::texts(&html, "[data-testid=suspect-row]");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let link: i64 = support::attribute(&html, "[data-testid=suspect-row]", "data-link")
        .parse()
        .unwrap();
    let csrf = editor.csrf_token("/p/reseau-b/doublons").await;
    let bad = editor
        .post_form(
            &format!("/p/reseau-b/doublons/{link}"),
            &[("_csrf", &csrf), ("decision", "peut-être")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let decided = editor
        .post_form(
            &format!("/p/reseau-b/doublons/{link}"),
            &[("_csrf", &csrf), ("decision", "different")],
        )
        .await;
    assert_eq!(decided.status(), 303);
    let html = editor
        .get("/p/reseau-b/doublons")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("data-testid=\"no-suspects\""));
    assert!(
        html.contains("resteront distincts"),
        "the decision is confirmed"
    );

    // Coordinators see the whole queue (empty now); others may not.
    assert_eq!(editor.get("/coordination/doublons").await.status(), 403);
    let coordinator = app.coordinator_browser("coord@exemple.org").await;
    let html = coordinator
        .get("/coordination/doublons")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("data-testid=\"no-suspects\""), "{html}");
}
