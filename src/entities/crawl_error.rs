//! A URL that a crawl run could not read, and why.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "crawl_errors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub run_id: i64,
    pub url: String,
    /// In English (logs, command line).
    pub message: String,
    pub at: DateTimeUtc,
    /// The message's code (`crawl-error-<code>`) and arguments (JSON object), for
    /// showing it in the reader's language.
    pub code: Option<String>,
    pub args: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
