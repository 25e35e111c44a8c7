//! The choice of a secret ballot: no partner, no id, no time.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "secret_choices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub proposal_id: i64,
    /// SHA-256 of the receipt only the voter holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub ballot_key: String,
    pub choice: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
