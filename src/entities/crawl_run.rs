//! One crawl of a source, with what it found.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "crawl_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub source_id: i64,
    /// `queued`, `running`, `succeeded`, `partial` or `failed`.
    pub status: String,
    /// `schedule`, `manual` or `cli`.
    pub trigger: String,
    pub queued_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub complete: bool,
    pub pages_fetched: i32,
    pub pages_unchanged: i32,
    pub pages_failed: i32,
    pub items_new: i32,
    pub items_changed: i32,
    pub items_unchanged: i32,
    pub items_gone: i32,
    /// JSON object: field → share of items with a value.
    pub fill_rates: String,
    pub failure: Option<String>,
    /// The failure's message code and arguments (see `crawl_error`).
    pub failure_code: Option<String>,
    pub failure_args: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
