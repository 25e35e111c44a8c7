//! Governance: charter versions, proposals and their options, the electorate snapshot of
//! each vote, ballots (open ballots keep their choice; secret ballots only record that a
//! partner voted, their choices live in `secret_choices` with nothing that links them),
//! threaded comments, the hash-chained log of vote events, and the roadmap.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn cascade(from: (&str, &str), to: (&str, &str)) -> ForeignKeyCreateStatement {
    foreign_key(from, to, ForeignKeyAction::Cascade)
}

fn set_null(from: (&str, &str), to: (&str, &str)) -> ForeignKeyCreateStatement {
    foreign_key(from, to, ForeignKeyAction::SetNull)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("roadmap_items")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("title", 200))
                    .col(text("description"))
                    .col(string_len("status", 16))
                    .col(integer_null("rank"))
                    .col(big_integer_null("partner_id"))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut set_null(
                        ("roadmap_items", "partner_id"),
                        ("partners", "id"),
                    ))
                    .foreign_key(&mut set_null(
                        ("roadmap_items", "created_by"),
                        ("users", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("proposals")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("kind", 32))
                    .col(string_len("method", 32))
                    .col(string_len("status", 16))
                    .col(string_len("title", 200))
                    .col(text("summary"))
                    .col(text("body"))
                    .col(boolean("secret"))
                    .col(big_integer("partner_id"))
                    .col(big_integer_null("author_id"))
                    .col(big_integer_null("application_id"))
                    .col(integer_null("base_charter_version"))
                    .col(integer_null("charter_version"))
                    .col(text_null("rules"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone_null("deliberation_ends_at"))
                    .col(timestamp_with_time_zone_null("vote_opens_at"))
                    .col(timestamp_with_time_zone_null("vote_closes_at"))
                    .col(timestamp_with_time_zone_null("opened_at"))
                    .col(big_integer_null("opened_by"))
                    .col(timestamp_with_time_zone_null("closes_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(integer_null("electorate_size"))
                    .col(text_null("result"))
                    .col(string_len_null("outcome", 16))
                    .col(timestamp_with_time_zone_null("reminder_sent_at"))
                    .col(timestamp_with_time_zone_null("effect_applied_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key(
                        ("proposals", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut set_null(("proposals", "author_id"), ("users", "id")))
                    .foreign_key(&mut set_null(("proposals", "opened_by"), ("users", "id")))
                    .foreign_key(&mut set_null(
                        ("proposals", "application_id"),
                        ("partner_applications", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_proposals_status", "proposals", &["status"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("charter_versions")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(integer_uniq("version"))
                    .col(text("document"))
                    .col(date("adopted_on"))
                    .col(big_integer_null("proposal_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut set_null(
                        ("charter_versions", "proposal_id"),
                        ("proposals", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("proposal_options")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("proposal_id"))
                    .col(integer("position"))
                    .col(string_len("label", 200))
                    .col(text("description"))
                    .col(big_integer_null("roadmap_item_id"))
                    .foreign_key(&mut cascade(
                        ("proposal_options", "proposal_id"),
                        ("proposals", "id"),
                    ))
                    .foreign_key(&mut set_null(
                        ("proposal_options", "roadmap_item_id"),
                        ("roadmap_items", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_proposal_options_position",
                    "proposal_options",
                    &["proposal_id", "position"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("proposal_electorate")
                    .if_not_exists()
                    .col(big_integer("proposal_id"))
                    .col(big_integer("partner_id"))
                    .primary_key(Index::create().col("proposal_id").col("partner_id"))
                    .foreign_key(&mut cascade(
                        ("proposal_electorate", "proposal_id"),
                        ("proposals", "id"),
                    ))
                    .foreign_key(&mut cascade(
                        ("proposal_electorate", "partner_id"),
                        ("partners", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("ballots")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("proposal_id"))
                    .col(big_integer("partner_id"))
                    .col(big_integer_null("cast_by"))
                    .col(big_integer_null("changed_by"))
                    .col(text_null("choice"))
                    .col(string_len_null("salt", 64))
                    .col(timestamp_with_time_zone("cast_at"))
                    .col(timestamp_with_time_zone_null("changed_at"))
                    .col(integer("changes"))
                    .foreign_key(&mut cascade(
                        ("ballots", "proposal_id"),
                        ("proposals", "id"),
                    ))
                    .foreign_key(&mut cascade(("ballots", "partner_id"), ("partners", "id")))
                    .foreign_key(&mut set_null(("ballots", "cast_by"), ("users", "id")))
                    .foreign_key(&mut set_null(("ballots", "changed_by"), ("users", "id")))
                    .to_owned(),
            )
            .await?;
        // One ballot per partner and vote: the database refuses a second one.
        manager
            .create_index(
                index(
                    "ux_ballots_proposal_partner",
                    "ballots",
                    &["proposal_id", "partner_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        // Secret choices: no id, no time, no partner. On SQLite a table without rowid is
        // stored in primary-key order (a random key), so its order says nothing either.
        if manager.get_database_backend() == sea_orm::DbBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared(
                    "CREATE TABLE IF NOT EXISTS secret_choices (\
                     proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE, \
                     ballot_key VARCHAR(64) NOT NULL, \
                     choice TEXT NOT NULL, \
                     PRIMARY KEY (proposal_id, ballot_key)) WITHOUT ROWID",
                )
                .await?;
        } else {
            manager
                .create_table(
                    Table::create()
                        .table("secret_choices")
                        .if_not_exists()
                        .col(big_integer("proposal_id"))
                        .col(string_len("ballot_key", 64))
                        .col(text("choice"))
                        .primary_key(Index::create().col("proposal_id").col("ballot_key"))
                        .foreign_key(&mut cascade(
                            ("secret_choices", "proposal_id"),
                            ("proposals", "id"),
                        ))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("proposal_comments")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("proposal_id"))
                    .col(big_integer_null("parent_id"))
                    .col(big_integer_null("author_id"))
                    .col(big_integer_null("partner_id"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut cascade(
                        ("proposal_comments", "proposal_id"),
                        ("proposals", "id"),
                    ))
                    .foreign_key(&mut cascade(
                        ("proposal_comments", "parent_id"),
                        ("proposal_comments", "id"),
                    ))
                    .foreign_key(&mut set_null(
                        ("proposal_comments", "author_id"),
                        ("users", "id"),
                    ))
                    .foreign_key(&mut set_null(
                        ("proposal_comments", "partner_id"),
                        ("partners", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_proposal_comments_proposal",
                "proposal_comments",
                &["proposal_id"],
            ))
            .await?;
        // The log keeps its rows whatever happens to proposals: no foreign key.
        manager
            .create_table(
                Table::create()
                    .table("governance_log")
                    .if_not_exists()
                    .col(big_integer("seq").primary_key())
                    .col(timestamp_with_time_zone("at"))
                    .col(big_integer_null("proposal_id"))
                    .col(string_len("event", 32))
                    .col(text("payload"))
                    .col(string_len("prev_hash", 64))
                    .col(string_len_uniq("hash", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_governance_log_proposal",
                "governance_log",
                &["proposal_id"],
            ))
            .await?;
        // The chain's head: one row, locked by every append so entries are serial.
        manager
            .create_table(
                Table::create()
                    .table("governance_log_head")
                    .if_not_exists()
                    .col(integer("id").primary_key())
                    .col(big_integer("seq"))
                    .col(string_len("hash", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table("governance_log_head")
                    .columns(["id", "seq", "hash"])
                    .values_panic([1.into(), 0i64.into(), "0".repeat(64).into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("roadmap_events")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("item_id"))
                    .col(string_len("status", 16))
                    .col(integer_null("rank"))
                    .col(big_integer_null("proposal_id"))
                    .col(big_integer_null("user_id"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut cascade(
                        ("roadmap_events", "item_id"),
                        ("roadmap_items", "id"),
                    ))
                    .foreign_key(&mut set_null(
                        ("roadmap_events", "proposal_id"),
                        ("proposals", "id"),
                    ))
                    .foreign_key(&mut set_null(
                        ("roadmap_events", "user_id"),
                        ("users", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "roadmap_events",
            "governance_log_head",
            "governance_log",
            "proposal_comments",
            "secret_choices",
            "ballots",
            "proposal_electorate",
            "proposal_options",
            "charter_versions",
            "proposals",
            "roadmap_items",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
