//! Messaging: conversations, the shared inboxes they are addressed to (a partner's, the
//! coordinators'), their participants with read and notification state, messages,
//! reports for moderation, blocks between people, and the secrets mailed for relay links,
//! reply addresses and claims (only their SHA-256 is stored).
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key as fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 7] = [
    "messaging_tokens",
    "user_blocks",
    "message_reports",
    "messages",
    "conversation_participants",
    "conversation_inboxes",
    "conversations",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("conversations")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len("subject", 200))
                    .col(big_integer_null("project_id"))
                    .col(big_integer_null("started_by"))
                    // The last message the participants can see (held ones excluded).
                    .col(big_integer_null("last_message_id"))
                    .col(timestamp_with_time_zone_null("last_message_at"))
                    // Any message, held ones included: what the retention period counts from.
                    .col(timestamp_with_time_zone("last_activity_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("conversations", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("conversations", "started_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_conversations_activity",
                "conversations",
                &["last_activity_at"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("conversation_inboxes")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("conversation_id"))
                    // `partner` or `coordination`.
                    .col(string_len("kind", 16))
                    .col(big_integer_null("partner_id"))
                    // `coordination` or `partner:{id}`: one inbox of each per conversation.
                    .col(string_len("inbox_key", 32))
                    .col(big_integer_null("assigned_user_id"))
                    // `open` or `done`.
                    .col(string_len("status", 8))
                    .col(timestamp_with_time_zone_null("done_at"))
                    .col(big_integer_null("done_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("conversation_inboxes", "conversation_id"),
                        ("conversations", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("conversation_inboxes", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("conversation_inboxes", "assigned_user_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("conversation_inboxes", "done_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_conversation_inboxes_key",
                    "conversation_inboxes",
                    &["conversation_id", "inbox_key"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_conversation_inboxes_partner",
                "conversation_inboxes",
                &["partner_id", "status"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_conversation_inboxes_kind",
                "conversation_inboxes",
                &["kind", "status"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("conversation_participants")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("conversation_id"))
                    // None: a holder reached by mail without an account (`relay`), or an
                    // account deleted since.
                    .col(big_integer_null("user_id"))
                    // `sender`, `holder`, `relay` or `inbox` (handles it for an inbox).
                    .col(string_len("role", 16))
                    .col(big_integer_null("inbox_id"))
                    .col(string_len_null("email", 320))
                    .col(string_len_null("display_name", 200))
                    .col(big_integer_null("last_read_message_id"))
                    // Last time the open thread asked for news: the person is reading.
                    .col(timestamp_with_time_zone_null("last_seen_at"))
                    .col(boolean("archived").default(false))
                    .col(boolean("muted").default(false))
                    .col(timestamp_with_time_zone_null("left_at"))
                    // Messages wait for a notification mail, or for the daily digest.
                    .col(boolean("notify_pending").default(false))
                    .col(boolean("digest_pending").default(false))
                    .col(timestamp_with_time_zone_null("last_notified_at"))
                    .col(big_integer_null("last_notified_message_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("conversation_participants", "conversation_id"),
                        ("conversations", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("conversation_participants", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("conversation_participants", "inbox_id"),
                        ("conversation_inboxes", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_conversation_participants_user",
                    "conversation_participants",
                    &["conversation_id", "user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_conversation_participants_user",
                "conversation_participants",
                &["user_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_conversation_participants_pending",
                "conversation_participants",
                &["notify_pending"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_conversation_participants_digest",
                "conversation_participants",
                &["digest_pending"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("messages")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("conversation_id"))
                    .col(big_integer_null("author_id"))
                    // The inbox the author answered for ("Alice, for Partner A").
                    .col(big_integer_null("inbox_id"))
                    .col(text("body"))
                    // `markdown` (written on the web) or `text` (a mailed reply).
                    .col(string_len("format", 8))
                    .col(text("body_html"))
                    // `web`, `relay`, `mail` or `api`.
                    .col(string_len("via", 8))
                    // `visible`, `held` (waits for a coordinator) or `removed`.
                    .col(string_len("status", 8))
                    .col(big_integer_null("moderated_by"))
                    .col(timestamp_with_time_zone_null("moderated_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("messages", "conversation_id"),
                        ("conversations", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("messages", "author_id"),
                        ("conversation_participants", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("messages", "inbox_id"),
                        ("conversation_inboxes", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("messages", "moderated_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_messages_conversation",
                "messages",
                &["conversation_id", "id"],
            ))
            .await?;
        manager
            .create_index(index("ix_messages_status", "messages", &["status"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("message_reports")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("message_id"))
                    .col(big_integer("reporter_id"))
                    .col(text("reason"))
                    // `open`, `dismissed` or `upheld` (the message was removed).
                    .col(string_len("status", 16))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("message_reports", "message_id"),
                        ("messages", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("message_reports", "reporter_id"),
                        ("conversation_participants", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("message_reports", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_message_reports_reporter",
                    "message_reports",
                    &["message_id", "reporter_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_message_reports_status",
                "message_reports",
                &["status"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("user_blocks")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    // A person with an account, or a holder reached by mail (their address,
                    // lower-cased).
                    .col(big_integer_null("blocker_user_id"))
                    .col(string_len_null("blocker_email", 320))
                    .col(big_integer("blocked_user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("user_blocks", "blocker_user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("user_blocks", "blocked_user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_user_blocks_user",
                    "user_blocks",
                    &["blocker_user_id", "blocked_user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_user_blocks_email",
                    "user_blocks",
                    &["blocker_email", "blocked_user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_user_blocks_blocked",
                "user_blocks",
                &["blocked_user_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("messaging_tokens")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    // `relay` (web link of a holder without an account), `reply` (a
                    // notification's reply address) or `claim` (proof of a project's
                    // contact address).
                    .col(string_len("purpose", 8))
                    .col(string_len_uniq("token_hash", 64))
                    .col(big_integer_null("participant_id"))
                    .col(big_integer_null("project_id"))
                    .col(big_integer_null("user_id"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("messaging_tokens", "participant_id"),
                        ("conversation_participants", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("messaging_tokens", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("messaging_tokens", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_messaging_tokens_participant",
                "messaging_tokens",
                &["participant_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
