//! A person's choice of delivery for one kind of notification.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_preferences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// One of `crate::notifications::KINDS`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    /// `immediate`, `daily` or `never`.
    pub delivery: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
