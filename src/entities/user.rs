//! A person with an account.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    #[sea_orm(unique)]
    pub email_normalized: String,
    pub display_name: String,
    /// Argon2id PHC string; `None` for accounts that only sign in through OAuth.
    pub password_hash: Option<String>,
    pub verified_at: Option<DateTimeUtc>,
    pub preferred_lang: String,
    pub disabled: bool,
    pub is_coordinator: bool,
    /// Created by the demo seed; never exists outside demo mode.
    pub is_demo: bool,
    pub deleted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
