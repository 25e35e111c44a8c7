//! A single-use, expiring secret sent by mail (verification, reset, email change, invitation).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub purpose: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: Option<i64>,
    pub email: String,
    pub partner_id: Option<i64>,
    pub role: Option<String>,
    pub created_by: Option<i64>,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
