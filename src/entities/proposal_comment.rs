//! A comment in a proposal's deliberation (Markdown), possibly an answer to another.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub proposal_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    /// The partner the author speaks for (none for a coordinator without one).
    pub partner_id: Option<i64>,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
