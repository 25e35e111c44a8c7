//! Seeds the demo partners into an empty database (embedded hub only), each with a
//! source that reads its feed on the hub itself (`feeds`); `pipeline` then crawls and
//! consolidates those sources, so that demo projects enter like every partner's.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};

use super::feeds::{self, FeedKind};
use super::generate;
use crate::entities::{partner, project, settings_kv, source};

const SEEDED_KEY: &str = "demo_seeded";

/// True when demo data was seeded earlier.
pub async fn already_seeded(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    Ok(settings_kv::Entity::find_by_id(SEEDED_KEY.to_owned())
        .one(db)
        .await?
        .is_some())
}

/// Seeds the demo partners and their sources unless demo data was seeded before or the
/// hub already holds partners or projects. `loopback` is where the hub will listen (the
/// pipeline points the sources at the actual address before crawling). Returns the
/// number of sources created.
pub async fn seed_if_empty(
    db: &DatabaseConnection,
    loopback: std::net::SocketAddr,
) -> anyhow::Result<usize> {
    if already_seeded(db).await?
        || project::Entity::find().count(db).await? > 0
        || partner::Entity::find().count(db).await? > 0
    {
        return Ok(0);
    }
    let partners = generate::partners();
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    for (index, p) in partners.iter().enumerate() {
        let inserted = partner::Entity::insert(partner::ActiveModel {
            slug: Set(p.slug.clone()),
            name: Set(p.name.clone()),
            kind: Set(p.kind.to_owned()),
            scale: Set(p.scale.to_owned()),
            website: Set(Some(p.website.clone())),
            description: Set(p.description.clone()),
            status: Set("active".into()),
            region_code: Set(p.region_code.map(str::to_owned)),
            admitted_at: Set(Some(now)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let kind = FeedKind::of_partner(index);
        let config = feeds::source_config(&feeds::feed_url(loopback, &p.slug, kind), kind);
        source::Entity::insert(source::ActiveModel {
            partner_id: Set(inserted.last_insert_id),
            name: Set(match kind {
                FeedKind::Json => "API de démonstration".into(),
                FeedKind::Csv => "Fichier CSV de démonstration".into(),
                FeedKind::Html => "Site web de démonstration".into(),
            }),
            kind: Set(config["kind"].as_str().unwrap_or_default().to_owned()),
            config: Set(config.to_string()),
            enabled: Set(true),
            interval_hours: Set(24),
            per_host_delay_ms: Set(0),
            per_host_connections: Set(2),
            max_pages: Set(5000),
            max_depth: Set(2),
            // Not due: the demo pipeline collects it once the server listens.
            next_run_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(SEEDED_KEY.into()),
        value: Set(now.to_rfc3339()),
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    Ok(partners.len())
}
