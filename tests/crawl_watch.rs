//! "The site may have changed": a sharp drop against the previous run warns the source
//! and mails the partner's editors and admins once; a normal run clears the warning.
mod support;

use carrefour::crawler::watch::after_run;
use carrefour::entities::{crawl_run, source};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use support::{TestApp, fixtures};

async fn finished_run(app: &TestApp, source_id: i64, items: i32, rates: &str) -> crawl_run::Model {
    let now = Utc::now();
    crawl_run::ActiveModel {
        source_id: Set(source_id),
        status: Set("succeeded".into()),
        trigger: Set("schedule".into()),
        queued_at: Set(now),
        started_at: Set(Some(now)),
        finished_at: Set(Some(now)),
        complete: Set(true),
        pages_fetched: Set(items),
        pages_unchanged: Set(0),
        pages_failed: Set(0),
        items_new: Set(0),
        items_changed: Set(0),
        items_unchanged: Set(items),
        items_gone: Set(0),
        fill_rates: Set(rates.into()),
        failure: Set(None),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_sharp_drop_warns_the_source_and_mails_its_editors_once() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let p = fixtures::partner(db, "reseau", "active").await;
    for (email, role) in [
        ("admin@reseau.fr", "admin"),
        ("editeur@reseau.fr", "editor"),
        ("membre@reseau.fr", "member"),
    ] {
        let person = fixtures::user(db, email, None, false).await;
        fixtures::member(db, p.id, person.id, role).await;
    }
    let config = r#"{"kind":"feed","url":"https://reseau.example.org/rss"}"#;
    let src = fixtures::source(db, p.id, "Site du réseau", config).await;

    let first = finished_run(&app, src.id, 120, r#"{"title": 1.0, "commune": 0.9}"#).await;
    assert!(after_run(&app.state, &first).await.unwrap().is_empty());
    let broken = finished_run(&app, src.id, 120, r#"{"title": 0.0, "commune": 0.9}"#).await;
    assert_eq!(after_run(&app.state, &broken).await.unwrap().len(), 1);
    let warned = source::Entity::find_by_id(src.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(warned.warning.as_deref(), Some("title 100 % → 0 %"));
    for to in ["admin@reseau.fr", "editeur@reseau.fr"] {
        let mail = app.wait_for_mail_to(to, "title 100 % → 0 %").await;
        assert!(mail.text().contains("/p/reseau/sources/"));
    }
    // The same state on the next run does not mail again.
    let still = finished_run(&app, src.id, 120, r#"{"title": 0.0, "commune": 0.9}"#).await;
    after_run(&app.state, &still).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let warnings: Vec<_> = app
        .mails()
        .into_iter()
        .filter(|m| m.text().contains("title 100 % → 0 %"))
        .collect();
    assert_eq!(warnings.len(), 2, "one mail per editor or admin, once");
    assert!(
        warnings
            .iter()
            .all(|m| !m.to.iter().any(|t| t.contains("membre@"))),
        "plain members are not mailed"
    );
    let kept = source::Entity::find_by_id(src.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        kept.warning.is_some(),
        "the warning stays while the drop lasts"
    );
    // Fixed rules: the warning goes away.
    let fixed = finished_run(&app, src.id, 121, r#"{"title": 1.0, "commune": 0.9}"#).await;
    after_run(&app.state, &fixed).await.unwrap();
    let cleared = source::Entity::find_by_id(src.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cleared.warning, None);
}
