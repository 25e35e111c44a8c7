//! One item of a source as last read, under a stable identity; never wiped.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "raw_records")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub source_id: i64,
    /// The normalised detail URL or the source's own id.
    pub identity: String,
    pub url: Option<String>,
    /// JSON object of the extracted fields.
    pub fields: String,
    pub content_hash: String,
    pub first_seen_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub changed_at: DateTimeUtc,
    pub missed_runs: i32,
    pub gone_at: Option<DateTimeUtc>,
    pub last_run_id: Option<i64>,
    /// The content hash last consolidated into a project (`None`: never).
    pub consolidated_hash: Option<String>,
    /// Whether the record was gone when last consolidated.
    pub consolidated_gone: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
