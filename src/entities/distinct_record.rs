//! Two records people said are not the same project (`record_a < record_b`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "distinct_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_a: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_b: i64,
    pub decided_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
