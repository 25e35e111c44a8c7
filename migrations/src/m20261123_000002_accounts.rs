//! Accounts and tenancy: users, memberships, OAuth identities, single-use tokens, partner
//! applications, stored files, the audit log, rate-limit counters and known devices.
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
                    .table("users")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("email", 320))
                    // Lower-cased address: the case-insensitive unique key.
                    .col(string_len_uniq("email_normalized", 320))
                    .col(string_len("display_name", 120))
                    .col(string_len_null("password_hash", 200))
                    .col(timestamp_with_time_zone_null("verified_at"))
                    .col(string_len("preferred_lang", 8))
                    .col(boolean("disabled").default(false))
                    .col(boolean("is_coordinator").default(false))
                    .col(boolean("is_demo").default(false))
                    .col(timestamp_with_time_zone_null("deleted_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("memberships")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("user_id"))
                    .col(big_integer("partner_id"))
                    .col(string_len("role", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("memberships", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("memberships", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_memberships_user_partner",
                    "memberships",
                    &["user_id", "partner_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_memberships_partner",
                "memberships",
                &["partner_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("oauth_identities")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("provider", 64))
                    .col(string_len("subject", 255))
                    .col(big_integer("user_id"))
                    .col(string_len_null("email", 320))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("oauth_identities", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_oauth_identities",
                    "oauth_identities",
                    &["provider", "subject"],
                )
                .unique()
                .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("user_tokens")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("purpose", 32))
                    // SHA-256 of the secret sent by mail; the secret itself is never stored.
                    .col(string_len_uniq("token_hash", 64))
                    .col(big_integer_null("user_id"))
                    .col(string_len("email", 320))
                    .col(big_integer_null("partner_id"))
                    .col(string_len_null("role", 16))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("user_tokens", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("user_tokens", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("files")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("content_type", 100))
                    .col(string_len("sha256", 64))
                    .col(big_integer("size"))
                    .col(blob("bytes"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table("partners")
                    .add_column(big_integer_null("logo_file_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("partners")
                    .add_column(timestamp_with_time_zone_null("admitted_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("partners")
                    .add_column(timestamp_with_time_zone_null("status_changed_at"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("partner_applications")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("partner_id"))
                    .col(big_integer_null("applicant_user_id"))
                    .col(text("message"))
                    .col(string_len("status", 16))
                    .col(text_null("decision_message"))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("partner_applications", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("partner_applications", "applicant_user_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(big_integer_null("actor_user_id"))
                    .col(string_len("action", 64))
                    .col(string_len("target_kind", 32))
                    .col(big_integer_null("target_id"))
                    .col(text("details"))
                    .col(string_len_null("ip", 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_audit_log_at", "audit_log", &["at"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("rate_limits")
                    .if_not_exists()
                    .col(string_len("key", 200).primary_key())
                    .col(timestamp_with_time_zone("window_start"))
                    .col(integer("count"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("user_devices")
                    .if_not_exists()
                    .col(big_integer("user_id"))
                    .col(string_len("device_hash", 64))
                    .col(string_len_null("user_agent", 300))
                    .col(timestamp_with_time_zone("first_seen_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .primary_key(Index::create().col("user_id").col("device_hash"))
                    .foreign_key(&mut fk(
                        ("user_devices", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        // Sessions know their user, so a password change can end the other sessions.
        manager
            .alter_table(
                Table::alter()
                    .table("sessions")
                    .add_column(big_integer_null("user_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_sessions_user", "sessions", &["user_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "user_devices",
            "rate_limits",
            "audit_log",
            "partner_applications",
            "files",
            "user_tokens",
            "oauth_identities",
            "memberships",
            "users",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
