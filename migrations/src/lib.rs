//! Schema migrations of Carrefour, shared by SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261123_000001_foundation;
mod m20261123_000002_accounts;
mod m20261123_000003_sources;
mod m20261123_000004_source_uploads;
mod m20261123_000005_crawl_messages;
mod m20261123_000006_consolidation;
mod m20261123_000007_duplicates;
mod m20261123_000008_tag_mappings;
mod m20261123_000009_field_mapping;
mod m20261123_000010_geocode_cache;
mod m20261123_000011_search_changes;
mod m20261203_000012_notification_preferences;
mod m20261203_100001_governance;
mod m20261203_200001_messaging;
mod m20261203_200002_project_claims;
mod m20261203_200003_personal_tokens;
mod m20261203_300001_trends_indexes;
mod m20261203_400001_board;
mod m20261203_400002_board_reports;
mod m20261203_500001_communities;
mod m20261203_500002_community_collections;
mod m20261204_500003_community_extras;
mod m20261204_500004_notification_items;

/// The ordered list of migrations; `carrefour migrate` and every start apply the pending ones.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_accounts::Migration),
            Box::new(m20261123_000003_sources::Migration),
            Box::new(m20261123_000004_source_uploads::Migration),
            Box::new(m20261123_000005_crawl_messages::Migration),
            Box::new(m20261123_000006_consolidation::Migration),
            Box::new(m20261123_000007_duplicates::Migration),
            Box::new(m20261123_000008_tag_mappings::Migration),
            Box::new(m20261123_000009_field_mapping::Migration),
            Box::new(m20261123_000010_geocode_cache::Migration),
            Box::new(m20261123_000011_search_changes::Migration),
            Box::new(m20261203_000012_notification_preferences::Migration),
            Box::new(m20261203_100001_governance::Migration),
            Box::new(m20261203_300001_trends_indexes::Migration),
            Box::new(m20261203_200001_messaging::Migration),
            Box::new(m20261203_200002_project_claims::Migration),
            Box::new(m20261203_200003_personal_tokens::Migration),
            Box::new(m20261203_400001_board::Migration),
            Box::new(m20261203_500001_communities::Migration),
            Box::new(m20261203_500002_community_collections::Migration),
            Box::new(m20261203_400002_board_reports::Migration),
            Box::new(m20261204_500003_community_extras::Migration),
            Box::new(m20261204_500004_notification_items::Migration),
        ]
    }
}
