//! A mailed messaging secret (relay link, reply address, claim proof); only its SHA-256
//! is stored.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messaging_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `relay`, `reply` or `claim`.
    pub purpose: String,
    pub token_hash: String,
    /// Relay and reply: the participant (hence the one conversation) it speaks for.
    pub participant_id: Option<i64>,
    /// Claim: the project and the person claiming it.
    pub project_id: Option<i64>,
    pub user_id: Option<i64>,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
