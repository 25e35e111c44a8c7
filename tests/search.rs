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
