//! An answer of the online geocoder, kept so that an address is asked once.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "geocode_cache")]
pub struct Model {
    /// `geo::online::query_of` the address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub query: String,
    /// `None`: the API found no address.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub insee: Option<String>,
    pub fetched_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
