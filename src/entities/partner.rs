//! A partner organisation: a tenant of the hub.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partners")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub scale: String,
    pub website: Option<String>,
    pub description: String,
    /// `applicant`, `active`, `suspended` or `left`.
    pub status: String,
    pub region_code: Option<String>,
    pub logo_file_id: Option<i64>,
    pub admitted_at: Option<DateTimeUtc>,
    pub status_changed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
