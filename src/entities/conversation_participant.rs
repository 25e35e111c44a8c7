//! Someone in a conversation, with their read, archive, mute and notification state.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conversation_participants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conversation_id: i64,
    /// None for a holder reached by mail (`relay`) or an account deleted since.
    pub user_id: Option<i64>,
    /// `sender`, `holder`, `relay` or `inbox`.
    pub role: String,
    /// For `inbox`: the inbox this person handles the conversation for.
    pub inbox_id: Option<i64>,
    /// For `relay`: where the messages are mailed (never shown).
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub last_read_message_id: Option<i64>,
    /// The open thread last asked for news then: the person is reading it.
    pub last_seen_at: Option<DateTimeUtc>,
    pub archived: bool,
    pub muted: bool,
    /// The person left (account deleted, relay link withdrawn): no more mail.
    pub left_at: Option<DateTimeUtc>,
    pub notify_pending: bool,
    pub digest_pending: bool,
    pub last_notified_at: Option<DateTimeUtc>,
    pub last_notified_message_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
