//! A raw record found like a project, with the scores that say why.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "duplicate_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub raw_record_id: i64,
    pub project_id: i64,
    pub score: f64,
    /// JSON of `consolidation::similarity::Similarity`.
    pub details: String,
    /// `merged` (automatically or by `decided_by`), `suggested` (awaiting review),
    /// `rejected` (not the same) or `split` (merged, then taken apart).
    pub status: String,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
