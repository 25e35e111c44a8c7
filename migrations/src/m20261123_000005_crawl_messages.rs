//! Crawl reports in the reader's language: each error (and a run's failure) keeps a
//! message code and its arguments beside the English text.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, &str, &str); 2] = [
    ("crawl_errors", "code", "args"),
    ("crawl_runs", "failure_code", "failure_args"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement (SQLite).
        for (table, code, args) in COLUMNS {
            for column in [string_len_null(code, 40), text_null(args)] {
                manager
                    .alter_table(Table::alter().table(table).add_column(column).to_owned())
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, code, args) in COLUMNS {
            for column in [args, code] {
                manager
                    .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}
