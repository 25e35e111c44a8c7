//! A discussion topic of a community.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_topics")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    pub author_id: Option<i64>,
    pub pinned: bool,
    pub locked: bool,
    /// `visible` or `removed`.
    pub status: String,
    pub removed_by: Option<i64>,
    pub removed_at: Option<DateTimeUtc>,
    pub last_post_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
