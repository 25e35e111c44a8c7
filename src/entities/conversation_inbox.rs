//! A shared inbox (a partner's, or the coordinators') a conversation is addressed to.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversation_inboxes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conversation_id: i64,
    /// `partner` or `coordination`.
    pub kind: String,
    pub partner_id: Option<i64>,
    /// `coordination` or `partner:{id}` (unique per conversation).
    pub inbox_key: String,
    pub assigned_user_id: Option<i64>,
    /// `open` or `done`.
    pub status: String,
    pub done_at: Option<DateTimeUtc>,
    pub done_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
