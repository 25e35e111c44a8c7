//! Aggregation, second step: a CSV source may be an uploaded file (kept in `files`, shared
//! by every node), and the page cache remembers which reading rules produced a record so
//! that an unchanged page is only skipped while the rules are unchanged too.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time. No foreign
        // key on `upload_file_id` (SQLite cannot add one): the code deletes the file
        // with the source or when it is replaced.
        for column in [
            big_integer_null("upload_file_id"),
            string_len_null("upload_name", 255),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("sources")
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("page_cache")
                    .add_column(string_len_null("reader_hash", 64))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("page_cache")
                    .drop_column("reader_hash")
                    .to_owned(),
            )
            .await?;
        for column in ["upload_name", "upload_file_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("sources")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
