//! Raw records into projects. A record is consolidated when it is new, its content
//! changed or it went (or came back) since it was last consolidated; running again
//! without change does nothing.
//!
//! - A live record with a title makes or updates its project, credited to the source's
//!   partner by an attribution tied to the record (original URL, the partner's tags).
//! - A gone record's attribution is marked gone; a project whose every attribution is
//!   gone is archived (kept, never deleted), and active again when one comes back.
//! - A record without title cannot make a project: it is counted and waits for a
//!   version with one.
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::mapping::{ProjectFields, map_fields};
use crate::entities::{project, project_attribution, raw_record, source};
use crate::state::AppState;
use crate::web::slug::slugify;
use crate::worker::Job;

const BATCH: u64 = 200;

/// What one consolidation did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    pub archived: usize,
    pub revived: usize,
    /// Live records without a title.
    pub untitled: usize,
}

/// The job that consolidates one source's new, changed and gone records.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConsolidateSource {
    pub source_id: i64,
}

impl Job for ConsolidateSource {
    const KIND: &'static str = "consolidate_source";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let report = consolidate_source(&state.db, self.source_id).await?;
        tracing::info!(source = self.source_id, ?report, "consolidated");
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(format!("{}:{}", Self::KIND, self.source_id))
    }
}

/// Records of `source_id` not consolidated as they are now.
fn pending(source_id: i64) -> sea_orm::Select<raw_record::Entity> {
    use raw_record::Column as C;
    raw_record::Entity::find()
        .filter(C::SourceId.eq(source_id))
        .filter(
            Condition::any()
                .add(C::ConsolidatedHash.is_null())
                .add(ExprTrait::ne(
                    Expr::col(C::ConsolidatedHash),
                    Expr::col(C::ContentHash),
                ))
                .add(
                    Condition::all()
                        .add(C::GoneAt.is_not_null())
                        .add(C::ConsolidatedGone.eq(false)),
                )
                .add(
                    Condition::all()
                        .add(C::GoneAt.is_null())
                        .add(C::ConsolidatedGone.eq(true)),
                ),
        )
}

/// How many records of the source wait for consolidation.
pub async fn pending_count(db: &DatabaseConnection, source_id: i64) -> anyhow::Result<u64> {
    Ok(pending(source_id).count(db).await?)
}

/// Consolidates the source's pending records.
pub async fn consolidate_source(db: &DatabaseConnection, source_id: i64) -> anyhow::Result<Report> {
    let src = source::Entity::find_by_id(source_id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no source {source_id}"))?;
    let mut report = Report::default();
    let mut after = 0i64;
    loop {
        let batch = pending(source_id)
            .filter(raw_record::Column::Id.gt(after))
            .order_by_asc(raw_record::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let txn = crate::db::begin_write(db).await?;
        let record_ids: Vec<i64> = batch.iter().map(|r| r.id).collect();
        for record in batch {
            consolidate_record(&txn, &src, record, &mut report).await?;
        }
        // Taxonomy: the projects' terms follow the tags of their live listings.
        crate::taxonomy::tags::refresh_terms_of_records(&txn, &record_ids).await?;
        txn.commit().await?;
    }
    Ok(report)
}

async fn consolidate_record<C: ConnectionTrait>(
    conn: &C,
    src: &source::Model,
    record: raw_record::Model,
    report: &mut Report,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let attribution = project_attribution::Entity::find()
        .filter(project_attribution::Column::RawRecordId.eq(record.id))
        .one(conn)
        .await?;
    let gone = record.gone_at.is_some();
    if gone {
        if let Some(attribution) = attribution.filter(|a| a.gone_at.is_none()) {
            let project_id = attribution.project_id;
            let mut row: project_attribution::ActiveModel = attribution.into();
            row.gone_at = Set(Some(now));
            row.update(conn).await?;
            if archive_if_unlisted(conn, project_id).await? {
                report.archived += 1;
            }
        }
    } else {
        let fields: std::collections::BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&record.fields).unwrap_or_default();
        let mapped = map_fields(&fields);
        match (mapped.title.clone(), attribution) {
            (None, _) => report.untitled += 1,
            (Some(_), Some(attribution)) => {
                let project = project::Entity::find_by_id(attribution.project_id)
                    .one(conn)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("attribution without project"))?;
                if project.status == "archived" {
                    report.revived += 1;
                }
                update_project(conn, project, &mapped).await?;
                let mut row: project_attribution::ActiveModel = attribution.into();
                row.last_seen_at = Set(now);
                row.gone_at = Set(None);
                row.original_url = Set(record.url.clone().unwrap_or_default());
                row.partner_tags = Set(serde_json::to_string(&mapped.tags)?);
                row.update(conn).await?;
                report.updated += 1;
            }
            (Some(title), None) => {
                let project = insert_project(conn, &title, &mapped).await?;
                project_attribution::ActiveModel {
                    project_id: Set(project.id),
                    partner_id: Set(src.partner_id),
                    original_url: Set(record.url.clone().unwrap_or_default()),
                    partner_tags: Set(serde_json::to_string(&mapped.tags)?),
                    first_seen_at: Set(now),
                    last_seen_at: Set(now),
                    source_id: Set(Some(src.id)),
                    raw_record_id: Set(Some(record.id)),
                    gone_at: Set(None),
                    ..Default::default()
                }
                .insert(conn)
                .await?;
                report.created += 1;
            }
        }
    }
    let mut row: raw_record::ActiveModel = record.clone().into();
    row.consolidated_hash = Set(Some(record.content_hash));
    row.consolidated_gone = Set(gone);
    row.update(conn).await?;
    Ok(())
}

/// A source is deleted: its listings end now, and the projects nobody else lists are
/// archived. Returns how many were.
pub async fn source_removed<C: ConnectionTrait>(conn: &C, source_id: i64) -> anyhow::Result<usize> {
    let listings = project_attribution::Entity::find()
        .filter(project_attribution::Column::SourceId.eq(source_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?;
    project_attribution::Entity::update_many()
        .col_expr(project_attribution::Column::GoneAt, Expr::value(Utc::now()))
        .filter(project_attribution::Column::SourceId.eq(source_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .exec(conn)
        .await?;
    let mut archived = 0;
    for listing in &listings {
        if archive_if_unlisted(conn, listing.project_id).await? {
            archived += 1;
        }
    }
    // Taxonomy: the terms this partner's tags brought go with its listings.
    let project_ids: Vec<i64> = listings.iter().map(|l| l.project_id).collect();
    crate::taxonomy::tags::refresh_terms_of_projects(conn, &project_ids).await?;
    Ok(archived)
}

/// Archives the project when none of its attributions is live; says whether it did.
async fn archive_if_unlisted<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> anyhow::Result<bool> {
    let live = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .count(conn)
        .await?;
    if live > 0 {
        return Ok(false);
    }
    let archived = project::Entity::update_many()
        .col_expr(project::Column::Status, Expr::value("archived"))
        .col_expr(project::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(project::Column::Id.eq(project_id))
        .filter(project::Column::Status.ne("archived"))
        .exec(conn)
        .await?;
    Ok(archived.rows_affected > 0)
}

/// Where a project is, from its postcode, commune and department, else its address.
struct Located {
    insee: &'static str,
    department: &'static str,
    region: &'static str,
    lat: f64,
    lon: f64,
    /// `commune`, or `department` when the commune has no point of its own.
    precision: &'static str,
}

fn locate(mapped: &ProjectFields) -> Option<Located> {
    use crate::geo::{Precision, Resolution};
    let mut resolution = crate::geo::resolve(
        mapped.postcode.as_deref(),
        mapped.commune.as_deref(),
        mapped.department.as_deref(),
    );
    if !matches!(resolution, Resolution::Found { .. })
        && let Some(address) = &mapped.address
    {
        resolution = crate::geo::resolve_address(address);
    }
    let Resolution::Found {
        insee,
        precision,
        lat,
        lon,
        ..
    } = resolution
    else {
        return None;
    };
    let commune = crate::geo::commune(insee)?;
    Some(Located {
        insee,
        department: commune.department,
        region: commune.region,
        lat,
        lon,
        precision: match precision {
            Precision::Department => "department",
            _ => "commune",
        },
    })
}

fn apply(row: &mut project::ActiveModel, mapped: &ProjectFields) {
    if let Some(title) = &mapped.title {
        row.title = Set(title.clone());
    }
    row.summary = Set(mapped.summary.clone().unwrap_or_default());
    row.description_html = Set(mapped.description_html.clone().unwrap_or_default());
    row.holder_name = Set(mapped.holder_name.clone());
    row.address = Set(mapped.address.clone());
    row.postcode = Set(mapped.postcode.clone());
    let place = locate(mapped);
    row.commune_insee = Set(place.as_ref().map(|p| p.insee.to_owned()));
    row.department_code = Set(place.as_ref().map(|p| p.department.to_owned()));
    row.region_code = Set(place.as_ref().map(|p| p.region.to_owned()));
    let (lat, lon, precision) = match (mapped.latitude.zip(mapped.longitude), &place) {
        (Some((lat, lon)), _) => (Some(lat), Some(lon), Some("address")),
        (None, Some(p)) => (Some(p.lat), Some(p.lon), Some(p.precision)),
        (None, None) => (None, None, None),
    };
    row.latitude = Set(lat);
    row.longitude = Set(lon);
    row.geo_precision = Set(precision.map(str::to_owned));
    row.website = Set(mapped.website.clone());
    row.contact_email = Set(mapped.email.clone());
    row.image_url = Set(mapped.image_url.clone());
    row.start_date = Set(mapped.start_date);
    row.start_year = Set(mapped.start_year);
    row.status = Set("active".into());
    row.updated_at = Set(Utc::now());
}

async fn insert_project<C: ConnectionTrait>(
    conn: &C,
    title: &str,
    mapped: &ProjectFields,
) -> anyhow::Result<project::Model> {
    let now = Utc::now();
    let mut row = project::ActiveModel {
        slug: Set(slugify(title, 80)),
        title: Set(title.to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, mapped);
    Ok(row.insert(conn).await?)
}

async fn update_project<C: ConnectionTrait>(
    conn: &C,
    project: project::Model,
    mapped: &ProjectFields,
) -> anyhow::Result<()> {
    let mut row: project::ActiveModel = project.into();
    apply(&mut row, mapped);
    row.update(conn).await?;
    Ok(())
}
