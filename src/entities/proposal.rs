//! A proposal put to the partners: drafted, deliberated, voted on, closed with a result.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `charter_amendment`, `roadmap_decision`, `partner_admission` or `general_decision`.
    pub kind: String,
    /// `yes_no`, `majority_judgment` or `approval`.
    pub method: String,
    /// `draft`, `deliberation`, `voting` or `closed`.
    pub status: String,
    pub title: String,
    /// Markdown: the reasons for the proposal.
    pub summary: String,
    /// Markdown: the decision put to the vote (for an amendment, the whole new charter).
    pub body: String,
    pub secret: bool,
    /// The partner that drafted it.
    pub partner_id: i64,
    pub author_id: Option<i64>,
    /// For an admission: the application it decides.
    pub application_id: Option<i64>,
    /// For an amendment: the charter version in force when it was drafted.
    pub base_charter_version: Option<i32>,
    /// The charter version whose rules the vote follows (set at opening).
    pub charter_version: Option<i32>,
    /// JSON copy of those rules, so the vote keeps them whatever is adopted later.
    pub rules: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub deliberation_ends_at: Option<DateTimeUtc>,
    /// A vote coordinators scheduled to open later, and its closing date.
    pub vote_opens_at: Option<DateTimeUtc>,
    pub vote_closes_at: Option<DateTimeUtc>,
    pub opened_at: Option<DateTimeUtc>,
    pub opened_by: Option<i64>,
    pub closes_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// Partners active when the vote opened.
    pub electorate_size: Option<i32>,
    /// JSON of the published result.
    pub result: Option<String>,
    /// `adopted`, `rejected`, `no_quorum` or `tie`.
    pub outcome: Option<String>,
    pub reminder_sent_at: Option<DateTimeUtc>,
    pub effect_applied_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
