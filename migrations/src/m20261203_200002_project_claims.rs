//! Claiming projects: a person becomes a holder of a project by proving its contact
//! address or by a request a listing partner approves; holders correct the public
//! description and choose whether they can be contacted (the partners' records stay as
//! they are, in the provenance).
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
                    .table("project_claims")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("project_id"))
                    .col(big_integer("user_id"))
                    // `pending`, `approved`, `rejected` or `revoked`.
                    .col(string_len("status", 16))
                    // `email` (link sent to the contact address), `relay` (answered a
                    // relayed message) or `request` (a listing partner decides).
                    .col(string_len("method", 16))
                    .col(text("message"))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    // Why a request was declined or a claim revoked.
                    .col(text_null("reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("project_claims", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("project_claims", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("project_claims", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_project_claims_project",
                "project_claims",
                &["project_id", "status"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_project_claims_user",
                "project_claims",
                &["user_id"],
            ))
            .await?;
        // One live claim (pending or approved) per person and project; both backends
        // know partial indexes.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX IF NOT EXISTS uq_project_claims_live ON project_claims \
                 (project_id, user_id) WHERE status IN ('pending', 'approved')",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("project_holder_profiles")
                    .if_not_exists()
                    .col(big_integer("project_id").primary_key())
                    .col(text_null("summary"))
                    .col(text_null("description_md"))
                    .col(text_null("description_html"))
                    .col(string_len_null("website", 300))
                    .col(boolean("contactable").default(true))
                    .col(big_integer_null("updated_by"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk(
                        ("project_holder_profiles", "project_id"),
                        ("projects", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("project_holder_profiles", "updated_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["project_holder_profiles", "project_claims"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
