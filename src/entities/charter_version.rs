//! An adopted version of the charter (version 1 is the bundled CHARTER.md).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "charter_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub version: i32,
    /// The whole document: `+++` front matter with the governance numbers, then Markdown.
    pub document: String,
    pub adopted_on: Date,
    /// The amendment that adopted it (none for version 1).
    pub proposal_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
