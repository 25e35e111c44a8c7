//! Raw records written as a crawl would write them, for tests that consolidate.
use carrefour::entities::raw_record;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::Value;

/// Writes (or rewrites) the record `identity` of a source with `fields`; returns its id.
pub async fn record(db: &DatabaseConnection, source_id: i64, identity: &str, fields: Value) -> i64 {
    let now = Utc::now();
    let text = fields.to_string();
    let existing = raw_record::Entity::find()
        .filter(raw_record::Column::SourceId.eq(source_id))
        .filter(raw_record::Column::Identity.eq(identity))
        .one(db)
        .await
        .unwrap();
    let mut row: raw_record::ActiveModel = match existing {
        Some(found) => found.into(),
        None => raw_record::ActiveModel {
            source_id: Set(source_id),
            identity: Set(identity.into()),
            first_seen_at: Set(now),
            missed_runs: Set(0),
            consolidated_gone: Set(false),
            ..Default::default()
        },
    };
    row.url = Set(Some(format!("https://example.org/{identity}")));
    row.content_hash = Set(format!("{:x}", fnv1a(&text)));
    row.fields = Set(text);
    row.last_seen_at = Set(now);
    row.changed_at = Set(now);
    row.gone_at = Set(None);
    row.save(db).await.unwrap().id.unwrap()
}

/// A stable hash of a text (the crawler's own hash is not part of the library's API).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}
