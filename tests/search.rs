//! The search index is derived from the database: every change of what a project shows
//! is noted in the change log, in order, for the indexers to apply.
mod support;

use carrefour::consolidation::service::consolidate_source;
use carrefour::entities::{project, search_change};
use carrefour::search::changes;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

async fn noted(db: &sea_orm::DatabaseConnection, after: i64) -> Vec<i64> {
    changes::after(db, after, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.project_id)
        .collect()
}

#[tokio::test]
async fn consolidation_notes_every_project_it_changes() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    assert_eq!(changes::last(db).await.unwrap(), 0);
    for (identity, title) in [("a", "Jardin des Lilas"), ("b", "Repair café")] {
        let fields = json!({"title": title, "commune": "Lyon", "themes": ["Environnement"]});
        support::records::record(db, src.id, identity, fields).await;
    }
    consolidate_source(db, src.id).await.unwrap();
    let projects = project::Entity::find().all(db).await.unwrap();
    assert_eq!(projects.len(), 2);
    let first = noted(db, 0).await;
    for p in &projects {
        assert!(first.contains(&p.id), "{} noted: {first:?}", p.title);
    }

    // Nothing changed: nothing noted. A record changed: its project is.
    let last = changes::last(db).await.unwrap();
    consolidate_source(db, src.id).await.unwrap();
    assert_eq!(changes::last(db).await.unwrap(), last);
    let fields = json!({"title": "Jardin des Lilas", "commune": "Lyon", "summary": "Nouveau"});
    support::records::record(db, src.id, "a", fields).await;
    consolidate_source(db, src.id).await.unwrap();
    let lilas = project::Entity::find()
        .filter(project::Column::Title.eq("Jardin des Lilas"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let later = noted(db, last).await;
    assert!(
        !later.is_empty() && later.iter().all(|&id| id == lilas.id),
        "{later:?}"
    );

    // Sequences only grow.
    let seqs: Vec<i64> = search_change::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.seq)
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
}

/// Consolidates `(identity, fields)` records of one partner's source and indexes them.
async fn indexed(
    db: &sea_orm::DatabaseConnection,
    search: &carrefour::search::SearchIndex,
    source_id: i64,
    records: &[(&str, serde_json::Value)],
) {
    for (identity, fields) in records {
        support::records::record(db, source_id, identity, fields.clone()).await;
    }
    consolidate_source(db, source_id).await.unwrap();
    search.step(db).await.unwrap();
    search.step(db).await.unwrap();
    assert!(search.caught_up(db).await.unwrap());
}

fn criteria(text: &str) -> carrefour::search::Criteria {
    carrefour::search::Criteria {
        text: text.into(),
        ..Default::default()
    }
}

async fn titles(
    db: &sea_orm::DatabaseConnection,
    search: &carrefour::search::SearchIndex,
    criteria: carrefour::search::Criteria,
) -> Vec<String> {
    let outcome = search
        .current()
        .unwrap()
        .search(&carrefour::search::Request {
            criteria,
            sort: Default::default(),
            offset: 0,
            limit: 50,
            facets: true,
        })
        .unwrap();
    let mut titles = Vec::new();
    for hit in outcome.hits {
        let p = project::Entity::find_by_id(hit.id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        titles.push(p.title);
    }
    titles
}

#[tokio::test]
async fn french_words_find_projects_whatever_their_form() {
    let (state, _dir) = support::fresh_state().await;
    let db = &state.db;
    let partner = support::fixtures::partner(db, "reseau-a", "active").await;
    let src = support::fixtures::site_source(db, partner.id, "site").await;
    indexed(
        db,
        &state.search,
        src.id,
        &[
            ("a", json!({"title": "Les Épiceries solidaires du Nord", "commune": "Lille", "summary": "Des produits à petit prix."})),
            ("b", json!({"title": "Jardin partagé de la Gare", "commune": "Lyon", "summary": "Un jardin ouvert à tous les habitants."})),
            ("c", json!({"title": "Garage solidaire", "commune": "Rennes", "summary": "Réparer sa voiture à moindre coût.", "description": "<p>Un atelier <b>mécanique</b> pour les personnes en insertion.</p>"})),
            ("d", json!({"title": "Repair café", "commune": "Nantes", "summary": "On répare ensemble, au lieu de jeter.", "themes": ["Environnement"]})),
        ],
    )
    .await;
    let search = &state.search;
    assert_eq!(
        titles(db, search, criteria("épicerie solidaire")).await,
        vec!["Les Épiceries solidaires du Nord"]
    );
    assert_eq!(
        titles(db, search, criteria("EPICERIES")).await,
        vec!["Les Épiceries solidaires du Nord"]
    );
    // Title first, then summary, then description.
    let found = titles(db, search, criteria("solidaire")).await;
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        titles(db, search, criteria("\"partagés de la gare\"")).await,
        vec!["Jardin partagé de la Gare"]
    );
    assert!(
        titles(db, search, criteria("\"jardin de la gare\""))
            .await
            .is_empty()
    );
    // A typo in a longer word.
    assert_eq!(
        titles(db, search, criteria("mecanqiue")).await,
        vec!["Garage solidaire"]
    );
    // Commune names and theme labels are words too.
    assert_eq!(
        titles(db, search, criteria("rennes")).await,
        vec!["Garage solidaire"]
    );
    assert_eq!(
        titles(db, search, criteria("environnement")).await,
        vec!["Repair café"]
    );
    // Exclusions, and stop words alone match everything.
    assert_eq!(
        titles(db, search, criteria("solidaire -garage")).await,
        vec!["Les Épiceries solidaires du Nord"]
    );
    assert_eq!(titles(db, search, criteria("les de la")).await.len(), 4);
}
