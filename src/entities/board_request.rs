//! A request on the brokerage board: a call for expertise, a job offer, a mission…
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "board_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `expertise`, `job`, `volunteer`, `sponsorship`, `partnership` or `call`.
    pub kind: String,
    /// `draft`, `review`, `published`, `filled`, `closed`, `expired` or `unpublished`.
    pub status: String,
    pub title: String,
    /// Markdown as typed.
    pub description: String,
    /// The Markdown rendered and sanitised.
    pub description_html: String,
    pub posted_by: Option<i64>,
    pub partner_id: Option<i64>,
    pub holder_project_id: Option<i64>,
    /// The posting organisation's name as shown.
    pub organisation: String,
    /// `commune`, `department`, `region`, `france` or `remote`.
    pub territory: String,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub contract: Option<String>,
    pub pay_min: Option<i32>,
    pub pay_max: Option<i32>,
    pub pay_period: Option<String>,
    pub workload: Option<String>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub deadline: Date,
    /// `carrefour`, `link` or `email`.
    pub answer_mode: String,
    pub answer_url: Option<String>,
    pub answer_email: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub moderation_reason: Option<String>,
    pub moderated_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
