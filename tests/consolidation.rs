//! Raw records become projects: a crawl hands its records to consolidation through a
//! job; projects are credited to the partner, updated when their page changes,
//! archived (never deleted) when every listing is gone, and scraped HTML is inert.
mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use carrefour::consolidation::service::consolidate_source;
use carrefour::crawler::fetch::{Fetcher, FetcherSettings, user_agent};
use carrefour::crawler::run::crawl_source;
use carrefour::entities::{project, project_attribution};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

/// A site of four projects; `listed` says which appear on the list page, `titles` their
/// titles.
#[derive(Clone)]
struct Site {
    listed: Arc<Mutex<Vec<u32>>>,
    titles: Arc<Mutex<Vec<String>>>,
}

async fn list(State(site): State<Site>) -> Html<String> {
    let links: String = site
        .listed
        .lock()
        .unwrap()
        .iter()
        .map(|n| format!("<a class=p href=/p/{n}>{n}</a>"))
        .collect();
    Html(links)
}

async fn page(State(site): State<Site>, Path(n): Path<u32>) -> Response {
    let Some(title) = site.titles.lock().unwrap().get(n as usize - 1).cloned() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    Html(format!(
        "<h1>{title}</h1><div class=desc><p>Projet {n}<img src=x onerror=alert(1)><script>alert(2)</script></p></div>\
         <p class=cp>6900{n}</p><p class=theme>Emploi, Jeunesse</p>"
    ))
    .into_response()
}

#[tokio::test]
async fn crawled_records_become_projects_that_follow_their_source() {
    let app = support::TestApp::builder()
        .configure(|s| s.crawler.allow_private = vec!["127.0.0.1/32".into()])
        .spawn()
        .await;
    let db = &app.state.db;
    let site = Site {
        listed: Arc::new(Mutex::new(vec![1, 2, 3, 4])),
        titles: Arc::new(Mutex::new(
            (1..=4).map(|n| format!("Atelier numéro {n}")).collect(),
        )),
    };
    let router = axum::Router::new()
        .route("/liste", get(list))
        .route("/p/{n}", get(page))
        .with_state(site.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let partner = support::fixtures::partner(db, "reseau-conso", "active").await;
    let config = json!({
        "kind": "html",
        "entry_urls": [format!("{origin}/liste")],
        "list": {"item_link": {"css": "a.p", "attr": "href"}},
        "fields": {
            "title": {"css": "h1"},
            "description": {"css": "div.desc", "type": "rich_text"},
            "postcode": {"css": "p.cp"},
            "themes": {"css": "p.theme", "type": "list", "split": ","},
        },
    });
    let src = support::fixtures::source(db, partner.id, "site", &config.to_string()).await;

    // "Collect now" → crawl job → consolidation job, both run by the worker.
    let editor = app
        .member_browser(partner.id, "editrice@conso.fr", "editor")
        .await;
    let csrf = editor
        .csrf_token(&format!("/p/reseau-conso/sources/{}", src.id))
        .await;
    let queued = editor
        .post_form(
            &format!("/p/reseau-conso/sources/{}/collecter", src.id),
            &[("_csrf", &csrf)],
        )
        .await;
    assert_eq!(queued.status(), 303);
    let projects = wait_for_projects(db, 4).await;
    let ids_before: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let first = projects
        .iter()
        .find(|p| p.title == "Atelier numéro 1")
        .unwrap();
    assert_eq!(first.postcode.as_deref(), Some("69001"));
    // Geocoded offline from the postcode: Lyon, at the 1st arrondissement's point.
    assert_eq!(first.commune_insee.as_deref(), Some("69123"));
    assert_eq!(first.department_code.as_deref(), Some("69"));
    assert_eq!(first.region_code.as_deref(), Some("84"));
    assert_eq!(first.geo_precision.as_deref(), Some("commune"));
    assert!(
        first
            .latitude
            .is_some_and(|lat| (45.7..45.8).contains(&lat))
    );
    assert_eq!(first.status, "active");
    let credits = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(first.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(credits.len(), 1);
    assert_eq!(credits[0].partner_id, partner.id);
    assert_eq!(credits[0].original_url, format!("{origin}/p/1"));
    assert_eq!(credits[0].partner_tags, r#"["Emploi","Jeunesse"]"#);

    // The project page shows the scraped description inert.
    let (status, html) = app
        .page(&format!("/projets/{}-{}", first.id, first.slug))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Projet 1"));
    assert!(
        !html.contains("<script>alert(2)") && !html.contains("onerror"),
        "{html}"
    );

    // Idempotent: nothing to do again.
    let again = consolidate_source(db, src.id).await.unwrap();
    assert_eq!((again.created, again.updated, again.archived), (0, 0, 0));

    // A page changes, another leaves the site: update now, archive after three
    // complete runs without it.
    site.titles.lock().unwrap()[1] = "Atelier renommé".into();
    site.listed.lock().unwrap().retain(|n| *n != 3);
    let fetcher = Fetcher::new(FetcherSettings::bench(user_agent("http://hub.test"))).unwrap();
    let mut archived = 0;
    for round in 1..=3 {
        let run = crawl_source(db, &fetcher, src.id, "manual", None)
            .await
            .unwrap();
        assert!(run.complete);
        let report = consolidate_source(db, src.id).await.unwrap();
        if round == 1 {
            assert_eq!((report.created, report.updated), (0, 1));
        }
        archived += report.archived;
    }
    assert_eq!(archived, 1);
    let projects = project::Entity::find()
        .order_by_asc(project::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert_eq!(projects.len(), 4, "archived, never deleted");
    assert_eq!(projects[1].title, "Atelier renommé");
    assert_eq!(
        projects.iter().map(|p| p.id).collect::<Vec<_>>(),
        ids_before,
        "same projects, same ids"
    );
    let third = &projects[2];
    assert_eq!(third.status, "archived");

    // It comes back: active again.
    site.listed.lock().unwrap().push(3);
    crawl_source(db, &fetcher, src.id, "manual", None)
        .await
        .unwrap();
    let report = consolidate_source(db, src.id).await.unwrap();
    assert_eq!(report.revived, 1);
    let third = project::Entity::find_by_id(third.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(third.status, "active");

    // The source is deleted: the projects nobody else lists leave the public lists.
    let csrf = editor
        .csrf_token(&format!("/p/reseau-conso/sources/{}", src.id))
        .await;
    let deleted = editor
        .post_form(
            &format!("/p/reseau-conso/sources/{}/supprimer", src.id),
            &[("_csrf", &csrf), ("confirm", "1")],
        )
        .await;
    assert_eq!(deleted.status(), 303);
    let statuses: Vec<String> = project::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.status)
        .collect();
    assert_eq!(statuses, ["archived"; 4], "archived, never deleted");
}

/// Waits (up to 20 s) until `count` crawled projects exist.
async fn wait_for_projects(db: &sea_orm::DatabaseConnection, count: usize) -> Vec<project::Model> {
    for _ in 0..200 {
        let found = project::Entity::find()
            .order_by_asc(project::Column::Id)
            .all(db)
            .await
            .unwrap();
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{count} projects never appeared");
}
