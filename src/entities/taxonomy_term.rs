//! A term of the shared thesaurus (theme, target public or structure type).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "taxonomy_terms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// `theme`, `public` or `structure`.
    pub vocabulary: String,
    pub parent_code: Option<String>,
    pub label_fr: String,
    pub label_en: String,
    pub position: i32,
    /// Other names of the term, one per line, matched like the labels.
    pub synonyms: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
