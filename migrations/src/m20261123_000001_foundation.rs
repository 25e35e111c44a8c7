//! Foundation: job queue, sessions, partners, taxonomy, territories and projects.
use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn created_updated(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
}

fn foreign(from: (&str, &str), to: (&str, &str)) -> ForeignKeyCreateStatement {
    foreign_key(from, to, ForeignKeyAction::Cascade)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Durable job queue: claimed with a lease (`locked_until`), retried with backoff.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("jobs")
                        .if_not_exists()
                        .col(big_pk_auto("id"))
                        .col(string_len("kind", 64))
                        .col(text("payload"))
                        .col(string_len("status", 16))
                        .col(timestamp_with_time_zone("run_at"))
                        .col(integer("attempts").default(0))
                        .col(integer("max_attempts"))
                        .col(timestamp_with_time_zone_null("locked_until"))
                        .col(string_len_null("locked_by", 128))
                        .col(string_len_null("unique_key", 128))
                        .col(text_null("last_error"))
                        .col(timestamp_with_time_zone_null("finished_at")),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_jobs_status_run_at",
                "jobs",
                &["status", "run_at"],
            ))
            .await?;
        // At most one pending job per unique key (e.g. one crawl per source at a time).
        manager
            .create_index(
                index("uq_jobs_unique_key", "jobs", &["unique_key"])
                    .unique()
                    .to_owned(),
            )
            .await?;

        // Sessions of tower-sessions, stored in the same database as everything else.
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .if_not_exists()
                    .col(string_len("id", 64).primary_key())
                    .col(text("data"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_sessions_expires_at",
                "sessions",
                &["expires_at"],
            ))
            .await?;

        // Territories: regions, departments, communes (INSEE codes).
        manager
            .create_table(
                Table::create()
                    .table("regions")
                    .if_not_exists()
                    .col(string_len("code", 3).primary_key())
                    .col(string_len("name", 128))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("departments")
                    .if_not_exists()
                    .col(string_len("code", 3).primary_key())
                    .col(string_len("name", 128))
                    .col(string_len("region_code", 3))
                    .foreign_key(&mut foreign(
                        ("departments", "region_code"),
                        ("regions", "code"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("communes")
                    .if_not_exists()
                    .col(string_len("insee", 5).primary_key())
                    .col(string_len("name", 128))
                    .col(string_len("postcode", 5))
                    .col(string_len("department_code", 3))
                    .col(double_null("latitude"))
                    .col(double_null("longitude"))
                    .foreign_key(&mut foreign(
                        ("communes", "department_code"),
                        ("departments", "code"),
                    ))
                    .to_owned(),
            )
            .await?;

        // The shared thesaurus: themes (two levels), target publics, structure types.
        manager
            .create_table(
                Table::create()
                    .table("taxonomy_terms")
                    .if_not_exists()
                    .col(string_len("code", 48).primary_key())
                    .col(string_len("vocabulary", 16))
                    .col(string_len_null("parent_code", 48))
                    .col(string_len("label_fr", 160))
                    .col(string_len("label_en", 160))
                    .col(integer("position"))
                    .to_owned(),
            )
            .await?;

        // Partners: the tenants of the hub.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("partners")
                        .if_not_exists()
                        .col(big_pk_auto("id"))
                        .col(string_len_uniq("slug", 64))
                        .col(string_len("name", 200))
                        .col(string_len("kind", 32))
                        .col(string_len("scale", 16))
                        .col(string_len_null("website", 500))
                        .col(text("description"))
                        .col(string_len("status", 16))
                        .col(string_len_null("region_code", 3)),
                )
                .to_owned(),
            )
            .await?;

        // Consolidated projects, the public face of the hub.
        manager
            .create_table(
                created_updated(
                    Table::create()
                        .table("projects")
                        .if_not_exists()
                        .col(big_pk_auto("id"))
                        .col(string_len("slug", 120))
                        .col(string_len("title", 300))
                        .col(text("summary"))
                        .col(text("description_html"))
                        .col(string_len_null("holder_name", 300))
                        .col(string_len_null("structure_code", 48))
                        .col(string_len_null("address", 300))
                        .col(string_len_null("commune_insee", 5))
                        .col(string_len_null("postcode", 5))
                        .col(string_len_null("department_code", 3))
                        .col(string_len_null("region_code", 3))
                        .col(double_null("latitude"))
                        .col(double_null("longitude"))
                        .col(string_len_null("geo_precision", 16))
                        .col(string_len_null("website", 500))
                        .col(string_len_null("contact_email", 320))
                        .col(string_len_null("image_url", 500))
                        .col(date_null("start_date"))
                        .col(integer_null("start_year"))
                        .col(string_len("status", 16)),
                )
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_projects_status", "projects", &["status", "id"]))
            .await?;
        manager
            .create_index(index("idx_projects_region", "projects", &["region_code"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("project_terms")
                    .if_not_exists()
                    .col(big_integer("project_id"))
                    .col(string_len("term_code", 48))
                    .col(integer("position"))
                    .primary_key(Index::create().col("project_id").col("term_code"))
                    .foreign_key(&mut foreign(
                        ("project_terms", "project_id"),
                        ("projects", "id"),
                    ))
                    .foreign_key(&mut foreign(
                        ("project_terms", "term_code"),
                        ("taxonomy_terms", "code"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_project_terms_term",
                "project_terms",
                &["term_code"],
            ))
            .await?;

        // Every partner that lists a project is credited.
        manager
            .create_table(
                Table::create()
                    .table("project_attributions")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("project_id"))
                    .col(big_integer("partner_id"))
                    .col(string_len("original_url", 1000))
                    .col(text("partner_tags"))
                    .col(timestamp_with_time_zone("first_seen_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .foreign_key(&mut foreign(
                        ("project_attributions", "project_id"),
                        ("projects", "id"),
                    ))
                    .foreign_key(&mut foreign(
                        ("project_attributions", "partner_id"),
                        ("partners", "id"),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "uq_project_attributions",
                    "project_attributions",
                    &["project_id", "partner_id", "original_url"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_project_attributions_partner",
                "project_attributions",
                &["partner_id"],
            ))
            .await?;

        // Small key/value facts about the installation (e.g. "demo seeded").
        manager
            .create_table(
                Table::create()
                    .table("settings_kv")
                    .if_not_exists()
                    .col(string_len("key", 64).primary_key())
                    .col(text("value"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "settings_kv",
            "project_attributions",
            "project_terms",
            "projects",
            "partners",
            "taxonomy_terms",
            "communes",
            "departments",
            "regions",
            "sessions",
            "jobs",
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
