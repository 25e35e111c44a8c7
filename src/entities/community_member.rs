//! A person's place in a community: host or member, active, requested or invited.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub user_id: i64,
    /// `host` or `member`.
    pub role: String,
    /// `active`, `requested` or `invited`.
    pub status: String,
    pub what_they_do: String,
    pub partner_id: Option<i64>,
    pub project_id: Option<i64>,
    /// Secret of the member's private calendar feed.
    #[sea_orm(unique)]
    pub calendar_token: String,
    pub invited_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
