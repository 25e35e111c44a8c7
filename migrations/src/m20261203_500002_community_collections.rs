//! Collections of a community: curated lists of hub projects with a note per project.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key as fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("community_collections")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("community_id"))
                    .col(string_len("title", 200))
                    .col(text("description"))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("community_collections", "community_id"),
                        ("communities", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_collections", "created_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_collections_community",
                "community_collections",
                &["community_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_collection_items")
                    .if_not_exists()
                    .col(big_integer("collection_id"))
                    .col(big_integer("project_id"))
                    .col(string_len("note", 1000))
                    .col(big_integer_null("added_by"))
                    .col(timestamp_with_time_zone("added_at"))
                    .primary_key(Index::create().col("collection_id").col("project_id"))
                    .foreign_key(&mut fk(
                        ("community_collection_items", "collection_id"),
                        ("community_collections", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_collection_items", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_collection_items", "added_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["community_collection_items", "community_collections"] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
