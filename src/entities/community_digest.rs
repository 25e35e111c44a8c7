//! A member's choice of a community's weekly digest by mail.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "community_digests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub community_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub subscribed_at: DateTimeUtc,
    /// The last digest sent; the next covers what happened since (or since subscribing).
    pub last_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
