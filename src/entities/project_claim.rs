//! A person's claim to hold a project.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_claims")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub user_id: i64,
    /// `pending`, `approved`, `rejected` or `revoked`.
    pub status: String,
    /// `email`, `relay` or `request`.
    pub method: String,
    /// What the person wrote with a request.
    pub message: String,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    /// Why a request was declined or a claim revoked.
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
