//! `carrefour records export`: raw records as JSON Lines, one object per record:
//! `{"site": source name, "source_id", "partner", "identity", "url", "fields",
//! "first_seen", "last_seen", "gone", "project_id", "dup_group"}` (the project the record
//! was consolidated into, or null; `site`/`url`/`fields`/`dup_group` are what the
//! bench's `score.py` reads). Records are read in batches, so memory stays flat.
use std::collections::HashMap;
use std::io::Write;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};

use crate::entities::{partner, project_attribution, raw_record, source};

const BATCH: u64 = 1000;

/// Which records.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub partner: Option<String>,
    pub source_id: Option<i64>,
    /// Also records gone from their source.
    pub include_gone: bool,
}

/// Writes the selected records to `out`; returns how many.
pub async fn export_jsonl(
    db: &DatabaseConnection,
    selection: &Selection,
    out: &mut dyn Write,
) -> anyhow::Result<usize> {
    let mut sources = source::Entity::find();
    if let Some(id) = selection.source_id {
        sources = sources.filter(source::Column::Id.eq(id));
    }
    if let Some(slug) = &selection.partner {
        let partner = partner::Entity::find()
            .filter(partner::Column::Slug.eq(slug.as_str()))
            .one(db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no partner “{slug}”"))?;
        sources = sources.filter(source::Column::PartnerId.eq(partner.id));
    }
    let sources = sources.all(db).await?;
    if selection.source_id.is_some() && sources.is_empty() {
        anyhow::bail!("no such source");
    }
    let slugs: HashMap<i64, String> = partner::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.slug))
        .collect();
    let mut written = 0;
    for src in &sources {
        let partner = slugs.get(&src.partner_id).cloned().unwrap_or_default();
        let mut after = 0i64;
        loop {
            let mut query = raw_record::Entity::find()
                .filter(raw_record::Column::SourceId.eq(src.id))
                .filter(raw_record::Column::Id.gt(after))
                .order_by_asc(raw_record::Column::Id)
                .limit(BATCH);
            if !selection.include_gone {
                query = query.filter(raw_record::Column::GoneAt.is_null());
            }
            let batch = query.all(db).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            let projects = projects_of(db, &batch).await?;
            for record in batch {
                let project = projects.get(&record.id);
                let fields: Value = serde_json::from_str(&record.fields)?;
                let line = json!({
                    "site": src.name,
                    "source_id": src.id,
                    "partner": partner,
                    "identity": record.identity,
                    "url": record.url,
                    "fields": fields,
                    "first_seen": record.first_seen_at,
                    "last_seen": record.last_seen_at,
                    "gone": record.gone_at.is_some(),
                    "project_id": project,
                    // score.py's name for "records that are the same project".
                    "dup_group": project,
                });
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")?;
                written += 1;
            }
        }
    }
    out.flush()?;
    Ok(written)
}

/// The project each record was consolidated into (records not consolidated are absent).
async fn projects_of(
    db: &DatabaseConnection,
    records: &[raw_record::Model],
) -> anyhow::Result<HashMap<i64, i64>> {
    let rows: Vec<(Option<i64>, i64)> = project_attribution::Entity::find()
        .select_only()
        .column(project_attribution::Column::RawRecordId)
        .column(project_attribution::Column::ProjectId)
        .filter(project_attribution::Column::RawRecordId.is_in(records.iter().map(|r| r.id)))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(record, project)| Some((record?, project)))
        .collect())
}
