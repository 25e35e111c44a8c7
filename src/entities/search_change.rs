//! One entry of the search index's change log: this project must be indexed again.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_changes")]
pub struct Model {
    /// Monotonic (gaps possible: a transaction that rolled back, or one not committed yet).
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub project_id: i64,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
