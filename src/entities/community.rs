//! A local action community: a space for a territory and/or themes.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "communities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Sanitised HTML of the description.
    pub description_html: String,
    /// `france`, `region`, `department` or `commune`.
    pub scope: String,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `public` or `members`.
    pub visibility: String,
    /// `open`, `request` or `invitation`.
    pub membership_rule: String,
    /// `proposed`, `active` or `declined`.
    pub status: String,
    pub proposed_by: Option<i64>,
    pub decided_by: Option<i64>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
