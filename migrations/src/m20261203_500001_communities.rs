//! Local action communities: spaces with a scope (a territory and/or themes), their
//! members, events with registrations and a waiting list, discussions and reports.
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
                    .table("communities")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string_len_uniq("slug", 100))
                    .col(string_len("name", 160))
                    .col(text("description"))
                    .col(text("description_html"))
                    // `france`, `region`, `department` or `commune`.
                    .col(string_len("scope", 16))
                    .col(string_len_null("commune_insee", 5))
                    .col(string_len_null("department_code", 3))
                    .col(string_len_null("region_code", 3))
                    .col(double_null("latitude"))
                    .col(double_null("longitude"))
                    // `public` or `members`.
                    .col(string_len("visibility", 16))
                    // `open`, `request` or `invitation`.
                    .col(string_len("membership_rule", 16))
                    // `proposed`, `active` or `declined`.
                    .col(string_len("status", 16))
                    .col(big_integer_null("proposed_by"))
                    .col(big_integer_null("decided_by"))
                    .col(text_null("decision_reason"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("communities", "proposed_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("communities", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("ix_communities_status", &["status"][..]),
            ("ix_communities_region", &["region_code"][..]),
            ("ix_communities_department", &["department_code"][..]),
            ("ix_communities_commune", &["commune_insee"][..]),
        ] {
            manager
                .create_index(index(name, "communities", cols))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("community_themes")
                    .if_not_exists()
                    .col(big_integer("community_id"))
                    .col(string_len("term_code", 40))
                    .primary_key(Index::create().col("community_id").col("term_code"))
                    .foreign_key(&mut fk(
                        ("community_themes", "community_id"),
                        ("communities", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_themes_term",
                "community_themes",
                &["term_code"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_members")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("community_id"))
                    .col(big_integer("user_id"))
                    // `host` or `member`.
                    .col(string_len("role", 16))
                    // `active`, `requested` or `invited`.
                    .col(string_len("status", 16))
                    .col(string_len("what_they_do", 300))
                    .col(big_integer_null("partner_id"))
                    .col(big_integer_null("project_id"))
                    // Secret of the member's private calendar feed.
                    .col(string_len_uniq("calendar_token", 64))
                    .col(big_integer_null("invited_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("community_members", "community_id"),
                        ("communities", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_members", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_members", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("community_members", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("community_members", "invited_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_community_members_person",
                    "community_members",
                    &["community_id", "user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_members_user",
                "community_members",
                &["user_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("community_events")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("community_id"))
                    .col(string_len("title", 200))
                    .col(text("description"))
                    .col(text("description_html"))
                    // Wall-clock start and end in `time_zone` (what recurrences repeat).
                    .col(date_time("starts_local"))
                    .col(date_time("ends_local"))
                    .col(string_len("time_zone", 64))
                    // The first occurrence's instants.
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    // `none`, `weekly` or `monthly` (the same weekday of the same week).
                    .col(string_len("recurrence", 16))
                    .col(date_null("repeat_until"))
                    // `commune` or `online`.
                    .col(string_len("place", 16))
                    .col(string_len_null("commune_insee", 5))
                    .col(string_len_null("department_code", 3))
                    .col(string_len_null("region_code", 3))
                    .col(string_len("address", 300))
                    .col(text_null("online_url"))
                    .col(integer_null("capacity"))
                    // `scheduled` or `cancelled`.
                    .col(string_len("status", 16))
                    .col(big_integer_null("created_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("community_events", "community_id"),
                        ("communities", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_events", "created_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_events_community",
                "community_events",
                &["community_id", "starts_at"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_community_events_starts",
                "community_events",
                &["starts_at"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_registrations")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("event_id"))
                    .col(big_integer("user_id"))
                    // `going`, `waiting`, `maybe` or `not_going`.
                    .col(string_len("answer", 16))
                    // Order of the waiting list (set when the person starts waiting).
                    .col(big_integer_null("waiting_rank"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("community_registrations", "event_id"),
                        ("community_events", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_registrations", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_community_registrations_person",
                    "community_registrations",
                    &["event_id", "user_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_registrations_answer",
                "community_registrations",
                &["event_id", "answer", "waiting_rank"],
            ))
            .await?;
        // One reminder per occurrence: the key makes sending it twice impossible.
        manager
            .create_table(
                Table::create()
                    .table("community_reminders")
                    .if_not_exists()
                    .col(big_integer("event_id"))
                    .col(timestamp_with_time_zone("occurrence_at"))
                    .col(timestamp_with_time_zone("sent_at"))
                    .primary_key(Index::create().col("event_id").col("occurrence_at"))
                    .foreign_key(&mut fk(
                        ("community_reminders", "event_id"),
                        ("community_events", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("community_topics")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("community_id"))
                    .col(string_len("title", 200))
                    .col(big_integer_null("author_id"))
                    .col(boolean("pinned"))
                    .col(boolean("locked"))
                    // `visible` or `removed` (kept for coordinators).
                    .col(string_len("status", 16))
                    .col(big_integer_null("removed_by"))
                    .col(timestamp_with_time_zone_null("removed_at"))
                    .col(timestamp_with_time_zone("last_post_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("community_topics", "community_id"),
                        ("communities", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_topics", "author_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("community_topics", "removed_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_topics_community",
                "community_topics",
                &["community_id", "last_post_at"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_posts")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("topic_id"))
                    .col(big_integer_null("author_id"))
                    .col(text("body"))
                    .col(text("body_html"))
                    // `visible` or `removed` (kept for coordinators).
                    .col(string_len("status", 16))
                    .col(big_integer_null("removed_by"))
                    .col(timestamp_with_time_zone_null("removed_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("community_posts", "topic_id"),
                        ("community_topics", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_posts", "author_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        ("community_posts", "removed_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_posts_topic",
                "community_posts",
                &["topic_id", "id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_reports")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("post_id"))
                    .col(big_integer_null("reporter_id"))
                    .col(string_len("reason", 500))
                    // `open` or `closed`.
                    .col(string_len("status", 16))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk(
                        ("community_reports", "post_id"),
                        ("community_posts", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_reports", "reporter_id"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_community_reports_person",
                    "community_reports",
                    &["post_id", "reporter_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "community_reports",
            "community_posts",
            "community_topics",
            "community_reminders",
            "community_registrations",
            "community_events",
            "community_members",
            "community_themes",
            "communities",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
