//! Consolidation, first step: which version of a raw record became which project.
//! A raw record is consolidated again when its content hash or its gone state differs
//! from what was consolidated; an attribution is tied to the raw record it comes from.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement (SQLite).
        for column in [
            string_len_null("consolidated_hash", 64),
            boolean("consolidated_gone").default(false).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("raw_records")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            big_integer_null("source_id"),
            big_integer_null("raw_record_id"),
            timestamp_with_time_zone_null("gone_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("project_attributions")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                index(
                    "uq_project_attributions_raw_record",
                    "project_attributions",
                    &["raw_record_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("uq_project_attributions_raw_record")
                    .table("project_attributions")
                    .to_owned(),
            )
            .await?;
        for column in ["gone_at", "raw_record_id", "source_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("project_attributions")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in ["consolidated_gone", "consolidated_hash"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("raw_records")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
