//! Consolidation, second step: duplicates across partners, provenance and history.
//!
//! - `project_keys`: blocking keys of each project (title words by place, mail address,
//!   web site); duplicate candidates are the projects sharing a rare key.
//! - `duplicate_links`: a raw record found like a project, with the scores that say
//!   why; merged automatically, suggested for review, merged or rejected by a person,
//!   or split after a merge.
//! - `distinct_records`: pairs of records people said are not the same project; never
//!   merged again.
//! - `project_revisions`: what changed in a project, when and why.
//! - `projects.merged_into`: a project folded into another one; its address redirects.
//! - `projects.provenance`: which listing gave each field (JSON).
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn cascade(from: (&str, &str), to: (&str, &str)) -> ForeignKeyCreateStatement {
    foreign_key(from, to, ForeignKeyAction::Cascade)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("project_keys")
                    .if_not_exists()
                    .col(string_len("key", 200))
                    .col(big_integer("project_id"))
                    .primary_key(Index::create().col("key").col("project_id"))
                    .foreign_key(&mut cascade(
                        ("project_keys", "project_id"),
                        ("projects", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_project_keys_project",
                "project_keys",
                &["project_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("duplicate_links")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("raw_record_id"))
                    .col(big_integer("project_id"))
                    .col(double("score"))
                    .col(text("details"))
                    .col(string_len("status", 16))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut cascade(
                        ("duplicate_links", "raw_record_id"),
                        ("raw_records", "id"),
                    ))
                    .foreign_key(&mut cascade(
                        ("duplicate_links", "project_id"),
                        ("projects", "id"),
                    ))
                    .foreign_key(&mut foreign_key(
                        ("duplicate_links", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_duplicate_links",
                    "duplicate_links",
                    &["raw_record_id", "project_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_duplicate_links_project",
                "duplicate_links",
                &["project_id", "status"],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_duplicate_links_status",
                "duplicate_links",
                &["status", "score"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("distinct_records")
                    .if_not_exists()
                    .col(big_integer("record_a"))
                    .col(big_integer("record_b"))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("record_a").col("record_b"))
                    .foreign_key(&mut cascade(
                        ("distinct_records", "record_a"),
                        ("raw_records", "id"),
                    ))
                    .foreign_key(&mut cascade(
                        ("distinct_records", "record_b"),
                        ("raw_records", "id"),
                    ))
                    .foreign_key(&mut foreign_key(
                        ("distinct_records", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_distinct_records_b",
                "distinct_records",
                &["record_b"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("project_revisions")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("project_id"))
                    .col(string_len("cause", 16))
                    .col(text("changes"))
                    .col(big_integer_null("by_user"))
                    .col(timestamp_with_time_zone("at"))
                    .foreign_key(&mut cascade(
                        ("project_revisions", "project_id"),
                        ("projects", "id"),
                    ))
                    .foreign_key(&mut foreign_key(
                        ("project_revisions", "by_user"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_project_revisions_project",
                "project_revisions",
                &["project_id", "id"],
            ))
            .await?;

        // One column per statement (SQLite).
        for column in [
            big_integer_null("merged_into"),
            text("provenance").default("{}").to_owned(),
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
        // A partner may list one project from two sources under the same address; the
        // raw record (unique since migration 6) identifies a listing.
        manager
            .drop_index(
                Index::drop()
                    .name("uq_project_attributions")
                    .table("project_attributions")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_project_attributions_project",
                "project_attributions",
                &["project_id"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_project_attributions_project")
                    .table("project_attributions")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_project_attributions",
                    "project_attributions",
                    &["project_id", "partner_id", "original_url"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        for column in ["provenance", "merged_into"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("projects")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            "project_revisions",
            "distinct_records",
            "duplicate_links",
            "project_keys",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
