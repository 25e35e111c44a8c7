//! A notification waiting for its person's daily digest.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// A kind of `notifications::KINDS`.
    pub kind: String,
    /// What happened, in the person's language.
    pub line: String,
    /// The text it is about (may be empty).
    pub excerpt: String,
    pub link: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
