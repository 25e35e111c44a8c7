//! An answer to a board request, written on Carrefour.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "board_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    /// None once the respondent deleted their account.
    pub user_id: Option<i64>,
    pub respondent_name: String,
    pub body: String,
    /// `new`, `shortlisted`, `declined` or `accepted`.
    pub status: String,
    /// The posting organisation's private note.
    pub note: String,
    /// Waits for a coordinator (links in a new account's answer).
    pub held: bool,
    /// Hidden by a coordinator after a report: out of the organisation's inbox.
    pub hidden_at: Option<DateTimeUtc>,
    pub status_changed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
