//! A board search someone asked to hear about by mail.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "board_saved_searches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// The search's query string, as `/courtage?…` reads it.
    pub query: String,
    pub label: String,
    /// `immediate`, `daily` or `weekly`.
    pub frequency: String,
    pub unsubscribe_hash: String,
    /// Requests published after this are new to the search.
    pub checked_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
