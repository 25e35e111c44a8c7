//! One option of a majority-judgment or approval vote.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal_options")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub proposal_id: i64,
    /// Order of the options on the ballot, from 0.
    pub position: i32,
    pub label: String,
    pub description: String,
    /// For a roadmap decision: the item this option stands for.
    pub roadmap_item_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
