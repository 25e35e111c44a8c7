//! Taxonomy, second step: each partner's own tags mapped to thesaurus terms, and
//! synonyms on terms so that more tags match on their own.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One synonym per line; edited by coordinators, matched like the labels.
        manager
            .alter_table(
                Table::alter()
                    .table("taxonomy_terms")
                    .add_column(text("synonyms").default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("tag_mappings")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("partner_id"))
                    // The tag as first seen, for people to read.
                    .col(string_len("tag", 200))
                    // What tags are compared by (`taxonomy::matching::normalise`).
                    .col(string_len("normalised", 200))
                    // None: queued for an editor (how = auto) or ignored.
                    .col(string_len_null("term_code", 48))
                    // auto | manual | ignored
                    .col(string_len("how", 16))
                    .col(big_integer_null("decided_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut foreign_key(
                        ("tag_mappings", "partner_id"),
                        ("partners", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        ("tag_mappings", "term_code"),
                        ("taxonomy_terms", "code"),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        ("tag_mappings", "decided_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_tag_mappings_partner_normalised",
                    "tag_mappings",
                    &["partner_id", "normalised"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("tag_mappings").if_exists().to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("taxonomy_terms")
                    .drop_column("synonyms")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
