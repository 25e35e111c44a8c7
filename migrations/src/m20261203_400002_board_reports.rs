//! Reports on the board: a coordinator can hide a reported answer (kept for its
//! organisation's record, out of its inbox), and a person reports a request or an
//! answer once (a second click changes nothing).
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("board_answers")
                    .add_column(timestamp_with_time_zone_null("hidden_at"))
                    .to_owned(),
            )
            .await?;
        // NULLs are distinct in both backends: a request report leaves `answer_id`
        // empty and the other way round.
        for (name, column) in [
            ("ux_board_reports_request_reporter", "request_id"),
            ("ux_board_reports_answer_reporter", "answer_id"),
        ] {
            manager
                .create_index(
                    index(name, "board_reports", &[column, "reporter_id"])
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "ux_board_reports_request_reporter",
            "ux_board_reports_answer_reporter",
        ] {
            manager
                .drop_index(Index::drop().name(name).table("board_reports").to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("board_answers")
                    .drop_column("hidden_at")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
