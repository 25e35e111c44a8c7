//! One message of a conversation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conversation_id: i64,
    /// The participant who wrote it (None once their row is gone).
    pub author_id: Option<i64>,
    /// The inbox the author answered for.
    pub inbox_id: Option<i64>,
    /// As written: Markdown (`format = markdown`) or plain text (`text`).
    pub body: String,
    pub format: String,
    /// Sanitised HTML of the body, safe to render as is.
    pub body_html: String,
    /// `web`, `relay`, `mail` or `api`.
    pub via: String,
    /// `visible`, `held` or `removed`.
    pub status: String,
    pub moderated_by: Option<i64>,
    pub moderated_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
