//! Covering indexes for the aggregate counts of the trends and territory pages: each
//! figure reads an index of the active projects (by place, first sighting or start year)
//! instead of the wide project rows, and theme counts walk the terms by code.
use sea_orm_migration::prelude::*;

use crate::helpers::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(name, table, columns)` of each index.
const INDEXES: [(&str, &str, &[&str]); 6] = [
    (
        "idx_projects_active_region",
        "projects",
        &["status", "region_code", "department_code"],
    ),
    (
        "idx_projects_active_department",
        "projects",
        &["status", "department_code", "commune_insee"],
    ),
    (
        "idx_projects_active_commune",
        "projects",
        &["status", "commune_insee", "created_at"],
    ),
    (
        "idx_projects_active_created",
        "projects",
        &["status", "created_at"],
    ),
    (
        "idx_projects_active_start_year",
        "projects",
        &["status", "start_year"],
    ),
    (
        "idx_project_terms_term_project",
        "project_terms",
        &["term_code", "project_id"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            manager.create_index(index(name, table, columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}
