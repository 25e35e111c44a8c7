//! How one partner's own tag maps to a thesaurus term.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tag_mappings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub partner_id: i64,
    /// The tag as first seen.
    pub tag: String,
    /// The tag as compared (`taxonomy::matching::normalise`), unique per partner.
    pub normalised: String,
    /// The term it stands for; `None` while queued (`how` = `auto`) or when ignored.
    pub term_code: Option<String>,
    /// `auto`, `manual` or `ignored`.
    pub how: String,
    /// Who decided (`None` when automatic).
    pub decided_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
