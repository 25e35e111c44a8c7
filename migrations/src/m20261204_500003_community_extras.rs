//! What a community's messages gather after they are written — their earlier versions
//! (the edit history hosts read) and the reactions of members — and the members who
//! chose the community's weekly digest by mail.
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
                    .table("community_post_revisions")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("post_id"))
                    .col(text("body"))
                    .col(big_integer_null("edited_by"))
                    .col(timestamp_with_time_zone("edited_at"))
                    .foreign_key(&mut fk(
                        ("community_post_revisions", "post_id"),
                        ("community_posts", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_post_revisions", "edited_by"),
                        ("users", "id"),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_community_post_revisions_post",
                "community_post_revisions",
                &["post_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_post_reactions")
                    .if_not_exists()
                    .col(big_integer("post_id"))
                    .col(big_integer("user_id"))
                    .col(string_len("reaction", 20))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(
                        Index::create()
                            .col("post_id")
                            .col("user_id")
                            .col("reaction"),
                    )
                    .foreign_key(&mut fk(
                        ("community_post_reactions", "post_id"),
                        ("community_posts", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_post_reactions", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("community_digests")
                    .if_not_exists()
                    .col(big_integer("community_id"))
                    .col(big_integer("user_id"))
                    .col(timestamp_with_time_zone("subscribed_at"))
                    .col(timestamp_with_time_zone_null("last_sent_at"))
                    .primary_key(Index::create().col("community_id").col("user_id"))
                    .foreign_key(&mut fk(
                        ("community_digests", "community_id"),
                        ("communities", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ("community_digests", "user_id"),
                        ("users", "id"),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "community_digests",
            "community_post_reactions",
            "community_post_revisions",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
