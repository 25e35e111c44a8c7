//! A community's event, possibly repeating weekly or monthly.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "community_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub community_id: i64,
    pub title: String,
    pub description: String,
    pub description_html: String,
    /// Wall-clock start and end in `time_zone`.
    pub starts_local: DateTime,
    pub ends_local: DateTime,
    /// IANA name (`Europe/Paris`, `America/Cayenne`…).
    pub time_zone: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// `none`, `weekly` or `monthly`.
    pub recurrence: String,
    pub repeat_until: Option<Date>,
    /// `commune` or `online`.
    pub place: String,
    pub commune_insee: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub address: String,
    /// Shown only to registered people.
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    /// `scheduled` or `cancelled`.
    pub status: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
