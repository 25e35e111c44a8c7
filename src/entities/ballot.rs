//! A partner's ballot. For a secret vote only that the partner voted: the choice is in `secret_choices`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub proposal_id: i64,
    pub partner_id: i64,
    pub cast_by: Option<i64>,
    pub changed_by: Option<i64>,
    /// JSON of the choice (open ballots only).
    pub choice: Option<String>,
    /// Random salt of the choice's commitment in the log (open ballots only).
    pub salt: Option<String>,
    pub cast_at: DateTimeUtc,
    pub changed_at: Option<DateTimeUtc>,
    pub changes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
