//! The brokerage board: requests (calls for expertise, job offers, missions…) with their
//! projects and taxonomy terms, answers with attached documents, expertise profiles,
//! saved searches and reports.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key as fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns of a place, shared by requests and profiles.
fn territory(table: TableCreateStatement) -> TableCreateStatement {
    let mut table = table;
    table
        // `commune`, `department`, `region`, `france` or `remote`.
        .col(string_len("territory", 16))
        .col(string_len_null("commune_insee", 5))
        .col(string_len_null("department_code", 3))
        .col(string_len_null("region_code", 3))
        .col(double_null("latitude"))
        .col(double_null("longitude"));
    table
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let requests = territory(
            Table::create()
                .table("board_requests")
                .if_not_exists()
                .col(big_pk_auto("id"))
                // `expertise`, `job`, `volunteer`, `sponsorship`, `partnership`, `call`.
                .col(string_len("kind", 16))
                // `draft`, `review`, `published`, `filled`, `closed`, `expired`,
                // `unpublished`.
                .col(string_len("status", 16))
                .col(string_len("title", 200))
                .col(text("description"))
                .col(text("description_html"))
                .col(big_integer_null("posted_by"))
                // On behalf of a partner, or of a project the poster holds.
                .col(big_integer_null("partner_id"))
                .col(big_integer_null("holder_project_id"))
                .col(string_len("organisation", 200))
                .to_owned(),
        )
        .col(string_len_null("contract", 16))
        .col(integer_null("pay_min"))
        .col(integer_null("pay_max"))
        // `hour`, `day`, `month` or `year`.
        .col(string_len_null("pay_period", 8))
        .col(string_len_null("workload", 200))
        .col(date_null("starts_on"))
        .col(date_null("ends_on"))
        .col(date("deadline"))
        // `carrefour`, `link` or `email`.
        .col(string_len("answer_mode", 16))
        .col(text_null("answer_url"))
        .col(string_len_null("answer_email", 254))
        .col(timestamp_with_time_zone_null("published_at"))
        .col(timestamp_with_time_zone_null("closed_at"))
        .col(text_null("moderation_reason"))
        .col(big_integer_null("moderated_by"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .foreign_key(&mut fk(
            ("board_requests", "posted_by"),
            ("users", "id"),
            ForeignKeyAction::SetNull,
        ))
        .foreign_key(&mut fk(
            ("board_requests", "partner_id"),
            ("partners", "id"),
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            ("board_requests", "holder_project_id"),
            ("projects", "id"),
            ForeignKeyAction::SetNull,
        ))
        .foreign_key(&mut fk(
            ("board_requests", "moderated_by"),
            ("users", "id"),
            ForeignKeyAction::SetNull,
        ))
        .to_owned();
        manager.create_table(requests).await?;
        for (name, cols) in [
            (
                "ix_board_requests_status_deadline",
                &["status", "deadline"][..],
            ),
            ("ix_board_requests_updated", &["updated_at"][..]),
            ("ix_board_requests_partner", &["partner_id"][..]),
            ("ix_board_requests_poster", &["posted_by"][..]),
            ("ix_board_requests_project", &["holder_project_id"][..]),
        ] {
            manager
                .create_index(index(name, "board_requests", cols))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("board_request_projects")
                    .if_not_exists()
                    .col(big_integer("request_id"))
                    .col(big_integer("project_id"))
                    .primary_key(Index::create().col("request_id").col("project_id"))
                    .foreign_key(&mut fk(
                        ("board_request_projects", "request_id"),
                        ("board_requests", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("board_request_projects", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_board_request_projects_project",
                "board_request_projects",
                &["project_id"],
            ))
            .await?;

        let profiles = territory(
            Table::create()
                .table("board_profiles")
                .if_not_exists()
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                // Offered on behalf of a partner, or by the person themselves.
                .col(big_integer_null("partner_id"))
                .col(string_len("title", 200))
                .col(text("description"))
                .col(text("description_html"))
                .to_owned(),
        )
        // Request kinds the profile answers, comma-separated.
        .col(string_len("kinds", 120))
        .col(string_len("availability", 200))
        // `pro_bono`, `paid` or `both`.
        .col(string_len("terms", 16))
        // `published` or `hidden`.
        .col(string_len("status", 16))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .foreign_key(&mut fk(
            ("board_profiles", "user_id"),
            ("users", "id"),
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(
            ("board_profiles", "partner_id"),
            ("partners", "id"),
            ForeignKeyAction::Cascade,
        ))
        .to_owned();
        manager.create_table(profiles).await?;
        manager
            .create_index(index(
                "ix_board_profiles_user",
                "board_profiles",
                &["user_id"],
            ))
            .await?;
        for (table, owner, owner_table) in [
            ("board_request_terms", "request_id", "board_requests"),
            ("board_profile_terms", "profile_id", "board_profiles"),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .if_not_exists()
                        .col(big_integer(owner))
                        .col(string_len("term_code", 64))
                        .primary_key(Index::create().col(owner).col("term_code"))
                        .foreign_key(&mut fk(
                            (table, owner),
                            (owner_table, "id"),
                            ForeignKeyAction::Cascade,
                        ))
                        .foreign_key(&mut fk(
                            (table, "term_code"),
                            ("taxonomy_terms", "code"),
                            ForeignKeyAction::Cascade,
                        ))
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table("board_answers")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("request_id"))
                    // None once the respondent deleted their account.
                    .col(big_integer_null("user_id"))
                    .col(string_len("respondent_name", 200))
                    .col(text("body"))
                    // `new`, `shortlisted`, `declined` or `accepted`.
                    .col(string_len("status", 16))
                    // The posting organisation's private note.
                    .col(text("note"))
                    // A new account's answer with links waits for a coordinator.
                    .col(boolean("held").default(false))
                    .col(timestamp_with_time_zone_null("status_changed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    // A request with answers is never deleted (closing keeps them).
                    .foreign_key(&mut fk(
                        ("board_answers", "request_id"),
                        ("board_requests", "id"),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        ("board_answers", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_board_answers_request_user")
                    .table("board_answers")
                    .col("request_id")
                    .col("user_id")
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_board_answers_user",
                "board_answers",
                &["user_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("board_answer_files")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("answer_id"))
                    .col(big_integer("file_id"))
                    .col(string_len("name", 200))
                    .foreign_key(&mut fk(
                        ("board_answer_files", "answer_id"),
                        ("board_answers", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("board_answer_files", "file_id"),
                        ("files", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_board_answer_files_answer",
                "board_answer_files",
                &["answer_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("board_saved_searches")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("user_id"))
                    // The search's query string, as `/courtage?…` reads it.
                    .col(text("query"))
                    .col(string_len("label", 200))
                    // `immediate`, `daily` or `weekly`.
                    .col(string_len("frequency", 16))
                    // SHA-256 of the one-click unsubscribe secret.
                    .col(string_len_uniq("unsubscribe_hash", 64))
                    // Requests published after this are new to the search.
                    .col(timestamp_with_time_zone("checked_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("board_saved_searches", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_board_saved_searches_user",
                "board_saved_searches",
                &["user_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("board_reports")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer_null("request_id"))
                    .col(big_integer_null("answer_id"))
                    .col(big_integer_null("reporter_id"))
                    .col(text("reason"))
                    // `open` or `dismissed` / `acted`.
                    .col(string_len("status", 16))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("board_reports", "request_id"),
                        ("board_requests", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("board_reports", "answer_id"),
                        ("board_answers", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("board_reports", "reporter_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("board_reports", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_board_reports_status",
                "board_reports",
                &["status"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "board_reports",
            "board_saved_searches",
            "board_answer_files",
            "board_answers",
            "board_profile_terms",
            "board_profiles",
            "board_request_terms",
            "board_request_projects",
            "board_requests",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
