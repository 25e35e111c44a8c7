//! How each person wants to hear of each kind of notification (mail now, a daily digest,
//! or never). A missing row means the kind's default.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::foreign_key;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("notification_preferences")
                    .if_not_exists()
                    .col(big_integer("user_id"))
                    .col(string_len("kind", 64))
                    .col(string_len("delivery", 16))
                    .col(timestamp_with_time_zone("updated_at"))
                    .primary_key(Index::create().col("user_id").col("kind"))
                    .foreign_key(&mut foreign_key(
                        ("notification_preferences", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("notification_preferences").to_owned())
            .await?;
        Ok(())
    }
}
