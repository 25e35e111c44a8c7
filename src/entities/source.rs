//! A place where a partner's projects live, with the rules that read it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub partner_id: i64,
    pub name: String,
    /// `html`, `feed`, `json`, `csv`, `jsonld` or `sitemap`.
    pub kind: String,
    /// The `SourceConfig` as JSON.
    pub config: String,
    pub enabled: bool,
    pub interval_hours: i32,
    pub per_host_delay_ms: i32,
    pub per_host_connections: i32,
    pub max_pages: i32,
    pub max_depth: i32,
    pub next_run_at: Option<DateTimeUtc>,
    pub running_run_id: Option<i64>,
    pub warning: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// A `csv` source's uploaded file (in `files`), read when its config has no URL.
    pub upload_file_id: Option<i64>,
    /// That file's name as uploaded.
    pub upload_name: Option<String>,
    /// JSON of `consolidation::mapping::FieldMapping` (`None`: names as they are).
    pub field_mapping: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
