//! Answers of the optional online geocoder (the national address API), so that an
//! address is asked once.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("geocode_cache")
                    .if_not_exists()
                    .col(string_len("query", 600).primary_key())
                    .col(double_null("lat"))
                    .col(double_null("lon"))
                    .col(string_len_null("insee", 5))
                    .col(timestamp_with_time_zone("fetched_at"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("geocode_cache").to_owned())
            .await?;
        Ok(())
    }
}
