//! A conversation (thread) between people, about a project or addressed to an inbox.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub subject: String,
    pub project_id: Option<i64>,
    pub started_by: Option<i64>,
    /// The last message its participants can see (held messages excluded).
    pub last_message_id: Option<i64>,
    pub last_message_at: Option<DateTimeUtc>,
    /// The last message of any status: the retention period counts from it.
    pub last_activity_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
