//! An expertise profile: what a person (or a partner through them) can help with.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "board_profiles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub partner_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub description_html: String,
    /// `commune`, `department`, `region`, `france` or `remote`.
    pub territory: String,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Request kinds answered, comma-separated.
    pub kinds: String,
    pub availability: String,
    /// `pro_bono`, `paid` or `both`.
    pub terms: String,
    /// `published` or `hidden`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
