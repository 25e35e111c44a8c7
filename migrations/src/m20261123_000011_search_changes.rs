//! The search index's change log: every write that changes what a project shows appends
//! its id; each node's indexer applies the log from the last sequence it applied.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("search_changes")
                    .if_not_exists()
                    .col(big_pk_auto("seq"))
                    .col(big_integer("project_id"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_search_changes_at", "search_changes", &["at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("search_changes").to_owned())
            .await?;
        Ok(())
    }
}
