//! Per-source field mapping (source field names → project schema, with transforms), and
//! the project fields that were still missing from the schema: social links and
//! distinctions (JSON lists).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("sources")
                    .add_column(text_null("field_mapping"))
                    .to_owned(),
            )
            .await?;
        // One column per statement (SQLite).
        for column in [
            text("social_links").default("[]").to_owned(),
            text("distinctions").default("[]").to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("projects")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["distinctions", "social_links"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("projects")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("sources")
                    .drop_column("field_mapping")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
