//! Notifications waiting for a person's daily digest (kinds other than messages, which
//! wait as conversation participations): one line each, already in their language.
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
                    .table("notification_items")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("user_id"))
                    .col(string_len("kind", 60))
                    .col(text("line"))
                    .col(text("excerpt"))
                    .col(string_len("link", 1000))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("notification_items", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_notification_items_user",
                "notification_items",
                &["user_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table("notification_items")
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
