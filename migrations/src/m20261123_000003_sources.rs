//! Aggregation: partners' sources, crawl runs and their errors, raw records with stable
//! identities, and the per-URL cache that makes re-crawls of unchanged pages cheap.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(from: (&str, &str), to: (&str, &str)) -> ForeignKeyCreateStatement {
    foreign_key(from, to, ForeignKeyAction::Cascade)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sources")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("partner_id"))
                    .col(string_len("name", 150))
                    // html | feed | json | csv | jsonld | sitemap (also inside `config`).
                    .col(string_len("kind", 16))
                    // The `SourceConfig` as JSON.
                    .col(text("config"))
                    .col(boolean("enabled").default(true))
                    .col(integer("interval_hours").default(24))
                    .col(integer("per_host_delay_ms").default(1000))
                    .col(integer("per_host_connections").default(2))
                    .col(integer("max_pages").default(5000))
                    .col(integer("max_depth").default(50))
                    .col(timestamp_with_time_zone_null("next_run_at"))
                    // Set while a run holds the source, so two never run at once.
                    .col(big_integer_null("running_run_id"))
                    // Why the last complete run looks wrong ("the site may have changed").
                    .col(text_null("warning"))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(("sources", "partner_id"), ("partners", "id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_sources_partner_name",
                    "sources",
                    &["partner_id", "name"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_sources_next_run", "sources", &["next_run_at"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("crawl_runs")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("source_id"))
                    // queued | running | succeeded | partial | failed
                    .col(string_len("status", 16))
                    // schedule | manual | cli
                    .col(string_len("trigger", 16))
                    .col(timestamp_with_time_zone("queued_at"))
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at"))
                    // True when every list and detail page was read: only complete runs
                    // may mark records gone.
                    .col(boolean("complete").default(false))
                    .col(integer("pages_fetched").default(0))
                    .col(integer("pages_unchanged").default(0))
                    .col(integer("pages_failed").default(0))
                    .col(integer("items_new").default(0))
                    .col(integer("items_changed").default(0))
                    .col(integer("items_unchanged").default(0))
                    .col(integer("items_gone").default(0))
                    // JSON object: field name → share of items where it has a value.
                    .col(text("fill_rates").default("{}"))
                    .col(text_null("failure"))
                    .foreign_key(&mut fk(("crawl_runs", "source_id"), ("sources", "id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_crawl_runs_source",
                "crawl_runs",
                &["source_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("crawl_errors")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("run_id"))
                    .col(text("url"))
                    .col(text("message"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut fk(("crawl_errors", "run_id"), ("crawl_runs", "id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_crawl_errors_run", "crawl_errors", &["run_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("raw_records")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("source_id"))
                    // The detail page URL (normalised) or the source's own id.
                    .col(text("identity"))
                    .col(text_null("url"))
                    // JSON object of the extracted fields, by the source's field names.
                    .col(text("fields"))
                    .col(string_len("content_hash", 64))
                    .col(timestamp_with_time_zone("first_seen_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(timestamp_with_time_zone("changed_at"))
                    // Consecutive complete runs that did not see it; gone at 3.
                    .col(integer("missed_runs").default(0))
                    .col(timestamp_with_time_zone_null("gone_at"))
                    .col(big_integer_null("last_run_id"))
                    .foreign_key(&mut fk(("raw_records", "source_id"), ("sources", "id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_raw_records_source_identity",
                    "raw_records",
                    &["source_id", "identity"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("page_cache")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("source_id"))
                    .col(text("url"))
                    .col(text_null("etag"))
                    .col(text_null("last_modified"))
                    .col(string_len("content_hash", 64))
                    .col(timestamp_with_time_zone("fetched_at"))
                    .foreign_key(&mut fk(("page_cache", "source_id"), ("sources", "id")))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_page_cache_source_url",
                    "page_cache",
                    &["source_id", "url"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "page_cache",
            "raw_records",
            "crawl_errors",
            "crawl_runs",
            "sources",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
