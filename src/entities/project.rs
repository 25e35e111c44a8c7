//! A consolidated social-innovation project.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Sanitised HTML, safe to render as is.
    pub description_html: String,
    pub holder_name: Option<String>,
    pub structure_code: Option<String>,
    pub address: Option<String>,
    pub commune_insee: Option<String>,
    pub postcode: Option<String>,
    pub department_code: Option<String>,
    pub region_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `address`, `commune` or `department`.
    pub geo_precision: Option<String>,
    pub website: Option<String>,
    /// Never displayed: messaging relays to it.
    pub contact_email: Option<String>,
    pub image_url: Option<String>,
    /// JSON list of web addresses (social networks and other pages of the project).
    pub social_links: String,
    /// JSON list of prizes and labels the project received.
    pub distinctions: String,
    pub start_date: Option<Date>,
    pub start_year: Option<i32>,
    /// `active`, `archived` (no partner lists it any more) or `merged`.
    pub status: String,
    /// Set when the project was folded into another one (its address redirects there).
    pub merged_into: Option<i64>,
    /// JSON object: field → id of the attribution that gave its value.
    pub provenance: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
