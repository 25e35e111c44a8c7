//! The demo enters through the real pipeline: once the server listens, the demo
//! partners' sources (feeds the hub serves to itself, `feeds`) are crawled and
//! consolidated like any partner's; a project listed by two demo partners becomes one
//! project with two listings. Restarting does nothing twice: the crawl only updates raw
//! records and consolidation only takes what changed.
use std::net::SocketAddr;
use std::time::Duration;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::feeds::{self, FeedKind};
use super::generate;
use crate::consolidation::service::{Report, consolidate_source};
use crate::crawler::fetch::{Fetcher, FetcherSettings, user_agent};
use crate::entities::{partner, settings_kv, source};
use crate::state::AppState;

const COLLECTED_KEY: &str = "demo_collected";

/// True once the demo sources were crawled and consolidated (on some earlier start).
pub async fn finished(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    Ok(settings_kv::Entity::find_by_id(COLLECTED_KEY.to_owned())
        .one(db)
        .await?
        .is_some())
}

/// The demo sources. With `serving_on` (demo mode), each is enabled and pointed at the
/// hub's feed on that loopback address (the port may have changed since the last start,
/// and scheduled re-crawls must reach it); without, each is disabled, since nothing
/// serves its feed and the crawler may not reach loopback.
async fn demo_sources(
    db: &DatabaseConnection,
    serving_on: Option<SocketAddr>,
) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (index, demo) in generate::partners().iter().enumerate() {
        let Some(owner) = partner::Entity::find()
            .filter(partner::Column::Slug.eq(demo.slug.as_str()))
            .one(db)
            .await?
        else {
            continue;
        };
        let kind = FeedKind::of_partner(index);
        let marker = format!("/demo/sources/{}/{}", demo.slug, kind.file_name());
        // A site is read from its entry page, a file or an API from its URL.
        let key = if kind == FeedKind::Html {
            "entry_urls"
        } else {
            "url"
        };
        for found in source::Entity::find()
            .filter(source::Column::PartnerId.eq(owner.id))
            .all(db)
            .await?
        {
            let Ok(mut config) = serde_json::from_str::<serde_json::Value>(&found.config) else {
                continue;
            };
            let current = match &config[key] {
                serde_json::Value::Array(urls) => urls.first().and_then(|u| u.as_str()),
                other => other.as_str(),
            };
            let Some(current) = current.map(str::to_owned) else {
                continue;
            };
            if !current.ends_with(&marker) {
                continue;
            }
            let mut row: source::ActiveModel = found.clone().into();
            let mut changed = found.enabled != serving_on.is_some();
            row.enabled = Set(serving_on.is_some());
            if let Some(loopback) = serving_on {
                let url = feeds::feed_url(loopback, &demo.slug, kind);
                if current != url {
                    config[key] = match kind {
                        FeedKind::Html => serde_json::json!([url]),
                        _ => url.into(),
                    };
                    row.config = Set(config.to_string());
                    changed = true;
                }
            }
            if changed {
                row.update(db).await?;
            }
            ids.push(found.id);
        }
    }
    Ok(ids)
}

/// Outside demo mode, the demo sources are disabled; returns how many there are.
pub async fn park(db: &DatabaseConnection) -> anyhow::Result<usize> {
    Ok(demo_sources(db, None).await?.len())
}

/// Crawls and consolidates the demo sources unless an earlier start did; returns what
/// consolidation did. `listening` is the server's address.
pub async fn run(state: &AppState, listening: SocketAddr) -> anyhow::Result<Report> {
    let Some(loopback) = feeds::loopback_of(listening) else {
        tracing::warn!(%listening, "demo sources not collected: the hub does not listen on loopback");
        return Ok(Report::default());
    };
    let sources = demo_sources(&state.db, Some(loopback)).await?;
    let mut report = Report::default();
    if finished(&state.db).await? || sources.is_empty() {
        // A hub collected before messaging existed gets its demo conversations now.
        super::messaging::seed(state).await?;
        super::board::seed(state).await?;
        crate::communities::demo::seed_collections(state).await?;
        return Ok(report);
    }
    // The hub's own feeds: only this loopback address, and no politeness delay towards
    // ourselves, so that the home page fills within seconds.
    let mut settings = FetcherSettings::new(user_agent(&state.settings.server.public_url));
    settings.allowlist = vec![ipnet::IpNet::from(loopback.ip())];
    settings.per_host_delay = Duration::ZERO;
    let fetcher = Fetcher::new(settings)?;
    let mut collected = true;
    for source_id in sources {
        let run =
            crate::crawler::run::crawl_source(&state.db, &fetcher, source_id, "demo", None).await?;
        if run.status == "failed" {
            tracing::warn!(source = source_id, "a demo source could not be collected");
            collected = false;
        }
        report.add(&consolidate_source(&state.db, source_id).await?);
    }
    if !collected {
        // The next start tries again.
        return Ok(report);
    }
    super::messaging::seed(state).await?;
    super::board::seed(state).await?;
    crate::communities::demo::seed_collections(state).await?;
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(COLLECTED_KEY.into()),
        value: Set(chrono::Utc::now().to_rfc3339()),
    })
    .exec(&state.db)
    .await?;
    tracing::info!(?report, "demo sources collected and consolidated");
    Ok(report)
}
