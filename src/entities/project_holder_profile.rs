//! What a project's holders corrected and chose: shown instead of the partners' values.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_holder_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i64,
    pub summary: Option<String>,
    pub description_md: Option<String>,
    /// Sanitised HTML of `description_md`.
    pub description_html: Option<String>,
    pub website: Option<String>,
    /// The holders accept messages.
    pub contactable: bool,
    pub updated_by: Option<i64>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
