//! "The site may have changed": a sharp drop against the previous run warns the source
//! and mails the partner's editors and admins once; a normal run clears the warning.
mod support;

use carrefour::accounts::users::{self, NewUser};
use carrefour::crawler::watch::after_run;
use carrefour::entities::{crawl_run, membership, partner, source};
use carrefour::web::Lang;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use support::TestApp;

async fn member(app: &TestApp, partner_id: i64, email: &str, role: &str) {
    let user = users::create(
        &app.state.db,
        NewUser {
            email,
            display_name: email,
            password_hash: None,
            verified: true,
            lang: Lang::Fr,
        },
    )
    .await
    .unwrap();
    membership::ActiveModel {
        user_id: Set(user.id),
        partner_id: Set(partner_id),
        role: Set(role.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

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
    let now = Utc::now();
    let p = partner::ActiveModel {
        slug: Set("reseau".into()),
        name: Set("Réseau".into()),
        kind: Set("network".into()),
        scale: Set("national".into()),
        website: Set(None),
        description: Set(String::new()),
        status: Set("active".into()),
        region_code: Set(None),
        logo_file_id: Set(None),
        admitted_at: Set(Some(now)),
        status_changed_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    member(&app, p.id, "admin@reseau.fr", "admin").await;
    member(&app, p.id, "editeur@reseau.fr", "editor").await;
    member(&app, p.id, "membre@reseau.fr", "member").await;
    let src = source::ActiveModel {
        partner_id: Set(p.id),
        name: Set("Site du réseau".into()),
        kind: Set("html".into()),
        config: Set(r#"{"kind":"feed","url":"https://reseau.example.org/rss"}"#.into()),
        enabled: Set(true),
        interval_hours: Set(24),
        per_host_delay_ms: Set(1000),
        per_host_connections: Set(2),
        max_pages: Set(100),
        max_depth: Set(10),
        next_run_at: Set(None),
        running_run_id: Set(None),
        warning: Set(None),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();

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
