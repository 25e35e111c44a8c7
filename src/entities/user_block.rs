//! Someone who refuses messages from a person.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_blocks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The person blocking, with an account…
    pub blocker_user_id: Option<i64>,
    /// …or a holder reached by mail (lower-cased address).
    pub blocker_email: Option<String>,
    pub blocked_user_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
