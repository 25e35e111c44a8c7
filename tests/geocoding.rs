//! The optional online geocoder: off by default; when on, street addresses are placed by
//! the address API (here a stand-in on 127.0.0.1 answering as the national API does),
//! each address asked once (cached), and a failing API leaves the offline place.
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use carrefour::consolidation::service::consolidate_source_with;
use carrefour::entities::project;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

async fn search(
    State(asked): State<Arc<AtomicUsize>>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    asked.fetch_add(1, Ordering::SeqCst);
    let q = query.get("q").cloned().unwrap_or_default();
    if q.contains("panne") {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    Json(json!({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [4.8512, 45.7601]},
            "properties": {"score": 0.93, "type": "housenumber", "citycode": "69123",
                           "label": "12 Rue des Lilas 69003 Lyon"}
        }]
    }))
    .into_response()
}

async fn record(db: &sea_orm::DatabaseConnection, source_id: i64, n: u32, address: &str) {
    let fields = json!({
        "title": format!("Projet {n}"),
        "address": address,
        "postcode": "69003",
        "commune": "Lyon",
    });
    support::records::record(db, source_id, &format!("fiche-{n}"), fields).await;
}

#[tokio::test]
async fn street_addresses_are_placed_once_by_the_address_api() {
    let asked = Arc::new(AtomicUsize::new(0));
    let router = axum::Router::new()
        .route("/search/", axum::routing::get(search))
        .with_state(asked.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/search/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    let off = support::TestApp::builder().spawn().await;
    assert!(off.state.geocoder.is_none(), "off by default");

    let app = support::TestApp::builder()
        .configure(move |s| {
            s.geocoder.online = true;
            s.geocoder.url = url;
            s.geocoder.min_interval_ms = 0;
        })
        .spawn()
        .await;
    let db = &app.state.db;
    let partner = support::fixtures::partner(db, "reseau-geo", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "Site").await;
    record(db, src.id, 1, "12 rue des Lilas").await;
    record(db, src.id, 2, "12 Rue des  Lilas").await;
    record(db, src.id, 3, "1 impasse de la Panne").await;
    consolidate_source_with(db, src.id, app.state.geocoder.as_deref())
        .await
        .unwrap();

    let placed = |title: &'static str| async move {
        project::Entity::find()
            .filter(project::Column::Title.eq(title))
            .one(db)
            .await
            .unwrap()
            .unwrap()
    };
    for title in ["Projet 1", "Projet 2"] {
        let p = placed(title).await;
        assert_eq!(p.geo_precision.as_deref(), Some("address"), "{title}");
        assert_eq!((p.latitude, p.longitude), (Some(45.7601), Some(4.8512)));
        assert_eq!(p.commune_insee.as_deref(), Some("69123"));
    }
    // The API failed for this one: placed at its commune, asked again next time.
    let p = placed("Projet 3").await;
    assert_eq!(p.geo_precision.as_deref(), Some("commune"));
    assert_eq!(p.commune_insee.as_deref(), Some("69123"));
    assert_eq!(
        asked.load(Ordering::SeqCst),
        2,
        "one request per distinct address"
    );
}
