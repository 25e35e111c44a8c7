//! Raw records into projects. A record is consolidated when it is new, its content
//! changed or it went (or came back) since it was last consolidated; running again
//! without change does nothing.
//!
//! - A live record with a title is a *listing*: a new one joins the project it
//!   duplicates (`dedup`), or makes a project of its own; either way its partner is
//!   credited by an attribution tied to the record (original URL, the partner's tags).
//! - A project's values are chosen from all its live listings (`merge::choose`), and
//!   every change is kept in its history.
//! - A gone record's attribution is marked gone; a project whose every attribution is
//!   gone is archived (kept, never deleted), and active again when one comes back.
//! - A record without title cannot make a project: it is counted and waits for a
//!   version with one.
use std::collections::{BTreeMap, HashMap};

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::dedup::{self, Found};
use super::field_mapping::FieldMapping;
use super::mapping::{ProjectFields, map_fields};
use super::merge::{Chosen, Listing, choose, place_of, profile};
use crate::entities::{project, project_attribution, project_revision, raw_record, source};
use crate::geo::online::{self, OnlineGeocoder};
use crate::state::AppState;
use crate::web::slug::slugify;
use crate::worker::Job;

const BATCH: u64 = 200;

/// What one consolidation did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    /// New listings that joined a project of another source.
    pub merged: usize,
    /// New projects that look like an existing one (awaiting review).
    pub suspected: usize,
    pub archived: usize,
    pub revived: usize,
    /// Live records without a title.
    pub untitled: usize,
    /// Time spent looking for duplicates (candidates and scores) of new listings.
    pub dedup_time: std::time::Duration,
}

impl Report {
    /// Adds another report's counts to this one.
    pub fn add(&mut self, other: &Report) {
        self.created += other.created;
        self.updated += other.updated;
        self.merged += other.merged;
        self.suspected += other.suspected;
        self.archived += other.archived;
        self.revived += other.revived;
        self.untitled += other.untitled;
        self.dedup_time += other.dedup_time;
    }

    /// Records that changed something (new, changed, gone or untitled).
    pub fn records(&self) -> usize {
        self.created + self.updated + self.merged + self.archived + self.untitled
    }
}

/// The job that consolidates one source's new, changed and gone records.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConsolidateSource {
    pub source_id: i64,
}

impl Job for ConsolidateSource {
    const KIND: &'static str = "consolidate_source";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let geocoder = state.geocoder.as_deref();
        let report = consolidate_source_with(&state.db, self.source_id, geocoder).await?;
        tracing::info!(source = self.source_id, ?report, "consolidated");
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(format!("{}:{}", Self::KIND, self.source_id))
    }
}

/// Why a project changed, as its history says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Created,
    Updated,
    Merged,
    Split,
    Archived,
    Revived,
    /// The holders corrected the public text, or their corrections were withdrawn.
    Corrected,
}

impl Cause {
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Created => "created",
            Cause::Updated => "updated",
            Cause::Merged => "merged",
            Cause::Split => "split",
            Cause::Archived => "archived",
            Cause::Revived => "revived",
            Cause::Corrected => "corrected",
        }
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

/// Consolidates the source's pending records (offline geocoding only).
pub async fn consolidate_source(db: &DatabaseConnection, source_id: i64) -> anyhow::Result<Report> {
    consolidate_source_with(db, source_id, None).await
}

/// Consolidates the source's pending records; with `geocoder`, street addresses are
/// placed by the online geocoder (asked before each batch's write transaction).
pub async fn consolidate_source_with(
    db: &DatabaseConnection,
    source_id: i64,
    geocoder: Option<&OnlineGeocoder>,
) -> anyhow::Result<Report> {
    let src = source::Entity::find_by_id(source_id)
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no source {source_id}"))?;
    let mapping = source_mapping(&src);
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
        if let Some(geocoder) = geocoder {
            geocode_batch(db, geocoder, &batch, &mapping).await;
        }
        let online = geocoder.is_some();
        let txn = crate::db::begin_write(db).await?;
        serialise_source(&txn, source_id).await?;
        let record_ids: Vec<i64> = batch.iter().map(|r| r.id).collect();
        let mut attributions: HashMap<i64, project_attribution::Model> =
            project_attribution::Entity::find()
                .filter(project_attribution::Column::RawRecordId.is_in(record_ids.clone()))
                .all(&txn)
                .await?
                .into_iter()
                .filter_map(|a| a.raw_record_id.map(|id| (id, a)))
                .collect();
        let consolidated: Vec<(i64, String, bool)> = batch
            .iter()
            .map(|r| (r.id, r.content_hash.clone(), r.gone_at.is_some()))
            .collect();
        for record in batch {
            let attribution = attributions.remove(&record.id);
            let reading = Reading {
                mapping: &mapping,
                online,
            };
            consolidate_record(&txn, &src, reading, record, attribution, &mut report).await?;
        }
        mark_consolidated(&txn, &consolidated).await?;
        // Taxonomy: the projects' terms follow the tags of their live listings.
        crate::taxonomy::tags::refresh_terms_of_records(&txn, &record_ids).await?;
        txn.commit().await?;
    }
    Ok(report)
}

/// Two consolidations of one source (the worker's job and a `carrefour consolidate`)
/// take turns: on PostgreSQL a transaction-scoped advisory lock per source, released at
/// commit; SQLite's write transaction is exclusive already. Each batch then sees the
/// listings the other one committed.
async fn serialise_source<C: ConnectionTrait>(conn: &C, source_id: i64) -> anyhow::Result<()> {
    if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        conn.execute_raw(crate::db::statement(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext('consolidate_source'), $1)",
            [sea_orm::Value::from(source_id as i32)],
        ))
        .await?;
    }
    Ok(())
}

/// A source's field mapping; a stored mapping that no longer reads (it was validated
/// when saved) counts as none, and says so in the log.
pub(super) fn source_mapping(src: &source::Model) -> FieldMapping {
    FieldMapping::parse(src.field_mapping.as_deref()).unwrap_or_else(|err| {
        tracing::warn!(source = src.id, %err, "unreadable field mapping ignored");
        FieldMapping::default()
    })
}

/// How records are read: their source's mapping, and whether the online geocoder's
/// answers (cached) place street addresses.
#[derive(Clone, Copy)]
struct Reading<'a> {
    mapping: &'a FieldMapping,
    online: bool,
}

/// What a record says of its project, through its source's mapping.
pub(super) fn mapped_record(record: &raw_record::Model, mapping: &FieldMapping) -> ProjectFields {
    let fields: BTreeMap<String, Value> = serde_json::from_str(&record.fields).unwrap_or_default();
    map_fields(&mapping.apply(&fields))
}

/// The online geocoder's query for a listing's street address, when it has one and no
/// coordinates of its own.
fn address_query(fields: &ProjectFields) -> Option<String> {
    let address = fields.address.as_deref()?;
    if fields.latitude.is_some() {
        return None;
    }
    Some(online::query_of(
        address,
        fields.postcode.as_deref(),
        fields.commune.as_deref(),
    ))
}

/// What a record says of its project, its address placed by the cached online answer.
async fn read_record<C: ConnectionTrait>(
    conn: &C,
    record: &raw_record::Model,
    reading: Reading<'_>,
) -> anyhow::Result<ProjectFields> {
    let mut fields = mapped_record(record, reading.mapping);
    if reading.online
        && let Some(query) = address_query(&fields)
        && let Some(point) = online::cached(conn, &query).await?
    {
        fields.latitude = Some(point.lat);
        fields.longitude = Some(point.lon);
        fields.insee = point.insee;
    }
    Ok(fields)
}

/// Asks the online geocoder for the batch's street addresses not cached yet. A failure
/// is logged and the listing keeps its offline place (asked again next time).
async fn geocode_batch(
    db: &DatabaseConnection,
    geocoder: &OnlineGeocoder,
    batch: &[raw_record::Model],
    mapping: &FieldMapping,
) {
    for record in batch.iter().filter(|r| r.gone_at.is_none()) {
        let Some(query) = address_query(&mapped_record(record, mapping)) else {
            continue;
        };
        if let Err(err) = geocoder.ensure_cached(db, &query).await {
            tracing::warn!(record = record.id, %err, "online geocoding failed");
        }
    }
}

async fn consolidate_record<C: ConnectionTrait>(
    conn: &C,
    src: &source::Model,
    reading: Reading<'_>,
    record: raw_record::Model,
    attribution: Option<project_attribution::Model>,
    report: &mut Report,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let gone = record.gone_at.is_some();
    if gone {
        if let Some(attribution) = attribution.filter(|a| a.gone_at.is_none()) {
            let project_id = attribution.project_id;
            let mut row: project_attribution::ActiveModel = attribution.into();
            row.gone_at = Set(Some(now));
            row.update(conn).await?;
            if refresh_read(conn, project_id, Cause::Updated, reading.online, None).await?
                == Cause::Archived
            {
                report.archived += 1;
            }
        }
    } else {
        let mapped = read_record(conn, &record, reading).await?;
        match (mapped.title.is_some(), attribution) {
            (false, _) => report.untitled += 1,
            (true, Some(attribution)) => {
                let project_id = attribution.project_id;
                let mut row: project_attribution::ActiveModel = attribution.into();
                row.last_seen_at = Set(now);
                row.gone_at = Set(None);
                row.original_url = Set(original_url(&record, &mapped));
                row.partner_tags = Set(serde_json::to_string(&mapped.tags)?);
                let attribution = row.update(conn).await?;
                let known = (attribution.id, mapped);
                let cause = refresh_read(
                    conn,
                    project_id,
                    Cause::Updated,
                    reading.online,
                    Some(known),
                )
                .await?;
                if cause == Cause::Revived {
                    report.revived += 1;
                }
                report.updated += 1;
            }
            (true, None) => add_listing(conn, src, &record, mapped, reading.online, report).await?,
        }
    }
    Ok(())
}

/// Notes that records were consolidated as they were read (id, content hash, gone), in
/// one statement: a version the crawler stored since stays pending.
async fn mark_consolidated<C: ConnectionTrait>(
    conn: &C,
    records: &[(i64, String, bool)],
) -> anyhow::Result<()> {
    let mut values = Vec::with_capacity(records.len() * 3);
    let mut hash_cases = String::new();
    let mut gone_cases = String::new();
    for (id, hash, gone) in records {
        let n = values.len();
        hash_cases.push_str(&format!(" WHEN ${} THEN ${}", n + 1, n + 2));
        gone_cases.push_str(&format!(" WHEN ${} THEN ${}", n + 1, n + 3));
        values.extend([
            sea_orm::Value::from(*id),
            sea_orm::Value::from(hash.clone()),
            sea_orm::Value::from(*gone),
        ]);
    }
    let ids = (0..records.len())
        .map(|i| format!("${}", i * 3 + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE raw_records SET consolidated_hash = CASE id{hash_cases} END, \
         consolidated_gone = CASE id{gone_cases} END WHERE id IN ({ids})"
    );
    conn.execute_raw(crate::db::statement(
        conn.get_database_backend(),
        &sql,
        values,
    ))
    .await?;
    Ok(())
}

/// A record listed for the first time: it joins the project it duplicates or makes one.
async fn add_listing<C: ConnectionTrait>(
    conn: &C,
    src: &source::Model,
    record: &raw_record::Model,
    mapped: ProjectFields,
    online: bool,
    report: &mut Report,
) -> anyhow::Result<()> {
    let place = place_of(&mapped);
    let listing = profile(&mapped, place.as_ref());
    let started = std::time::Instant::now();
    let found = dedup::find(conn, src.id, record.id, &listing).await?;
    report.dedup_time += started.elapsed();
    match found {
        Found::Same(project_id, similarity) => {
            let attribution = attribute(conn, project_id, src, record, &mapped).await?;
            dedup::link(conn, record.id, project_id, &similarity, "merged", None).await?;
            let known = Some((attribution.id, mapped));
            refresh_read(conn, project_id, Cause::Merged, online, known).await?;
            report.merged += 1;
        }
        Found::New(suspects) => {
            new_project(conn, record, src, mapped).await?;
            for (suspect, similarity) in &suspects {
                dedup::link(conn, record.id, *suspect, similarity, "suggested", None).await?;
            }
            report.created += 1;
            report.suspected += usize::from(!suspects.is_empty());
        }
    }
    Ok(())
}

/// Makes a project of one record's listing (its title set); returns its id.
pub(super) async fn new_project<C: ConnectionTrait>(
    conn: &C,
    record: &raw_record::Model,
    src: &source::Model,
    mapped: ProjectFields,
) -> anyhow::Result<i64> {
    let shell = insert_shell(conn).await?;
    let project_id = shell.id;
    let attribution = attribute(conn, project_id, src, record, &mapped).await?;
    let listing = Listing {
        attribution_id: attribution.id,
        first_seen_at: attribution.first_seen_at,
        last_seen_at: attribution.last_seen_at,
        place: place_of(&mapped),
        fields: mapped,
    };
    write_project(conn, shell, vec![listing], Cause::Created, None).await?;
    Ok(project_id)
}

/// An empty project row, for a listing about to be credited to it; [`write_project`]
/// (through a refresh) gives it its values.
pub(super) async fn insert_shell<C: ConnectionTrait>(conn: &C) -> anyhow::Result<project::Model> {
    let now = Utc::now();
    Ok(project::ActiveModel {
        slug: Set(String::new()),
        title: Set(String::new()),
        summary: Set(String::new()),
        description_html: Set(String::new()),
        status: Set("active".into()),
        provenance: Set("{}".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// Credits the source's partner with listing `project_id` through `record`.
async fn attribute<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    src: &source::Model,
    record: &raw_record::Model,
    mapped: &ProjectFields,
) -> anyhow::Result<project_attribution::Model> {
    let now = Utc::now();
    Ok(project_attribution::ActiveModel {
        project_id: Set(project_id),
        partner_id: Set(src.partner_id),
        original_url: Set(original_url(record, mapped)),
        partner_tags: Set(serde_json::to_string(&mapped.tags)?),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
        source_id: Set(Some(src.id)),
        raw_record_id: Set(Some(record.id)),
        gone_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// Where the partner shows the listing: the page the record names, or else the page
/// it was read on.
fn original_url(record: &raw_record::Model, mapped: &ProjectFields) -> String {
    mapped
        .page_url
        .clone()
        .or_else(|| record.url.clone())
        .unwrap_or_default()
}

/// The live listings of a project; `known` (attribution id, fields) saves reading the
/// record being consolidated again.
async fn listings<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    online: bool,
    known: Option<(i64, ProjectFields)>,
) -> anyhow::Result<Vec<Listing>> {
    let live = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?;
    let (known_id, mut known_fields) = match known {
        Some((id, fields)) => (Some(id), Some(fields)),
        None => (None, None),
    };
    let to_read: Vec<i64> = live
        .iter()
        .filter(|a| Some(a.id) != known_id)
        .filter_map(|a| a.raw_record_id)
        .collect();
    let mut records: HashMap<i64, ProjectFields> = HashMap::new();
    if !to_read.is_empty() {
        let read = raw_record::Entity::find()
            .filter(raw_record::Column::Id.is_in(to_read))
            .all(conn)
            .await?;
        let mappings: HashMap<i64, FieldMapping> = source::Entity::find()
            .filter(source::Column::Id.is_in(read.iter().map(|r| r.source_id)))
            .all(conn)
            .await?
            .iter()
            .map(|src| (src.id, source_mapping(src)))
            .collect();
        for record in read {
            let mapping = mappings.get(&record.source_id).cloned().unwrap_or_default();
            let reading = Reading {
                mapping: &mapping,
                online,
            };
            records.insert(record.id, read_record(conn, &record, reading).await?);
        }
    }
    Ok(live
        .into_iter()
        .filter_map(|a| {
            let fields = if Some(a.id) == known_id {
                known_fields.take()?
            } else {
                records.remove(&a.raw_record_id?)?
            };
            fields.title.as_ref()?;
            let place = place_of(&fields);
            Some(Listing {
                attribution_id: a.id,
                first_seen_at: a.first_seen_at,
                last_seen_at: a.last_seen_at,
                fields,
                place,
            })
        })
        .collect())
}

/// Recomputes a project from its live listings (see [`refresh_read`]), for a person's
/// decision (`by_user`) or a listing gone.
pub async fn refresh<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    cause: Cause,
    by_user: Option<i64>,
) -> anyhow::Result<Cause> {
    refresh_project(conn, project_id, cause, by_user, true, None).await
}

/// Recomputes a project during consolidation; `known` (attribution id, fields) is the
/// listing being consolidated, `online` whether cached online answers place addresses.
async fn refresh_read<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    cause: Cause,
    online: bool,
    known: Option<(i64, ProjectFields)>,
) -> anyhow::Result<Cause> {
    refresh_project(conn, project_id, cause, None, online, known).await
}

/// Recomputes a project from its live listings (see [`write_project`]).
async fn refresh_project<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    cause: Cause,
    by_user: Option<i64>,
    online: bool,
    known: Option<(i64, ProjectFields)>,
) -> anyhow::Result<Cause> {
    let Some(project) = project::Entity::find_by_id(project_id).one(conn).await? else {
        anyhow::bail!("no project {project_id}");
    };
    let listings = listings(conn, project_id, online, known).await?;
    write_project(conn, project, listings, cause, by_user).await
}

/// Writes a project's values chosen from its live `listings`, their provenance, its
/// blocking keys and history; archives it when none is left. `Created` is for a shell
/// without keys. Returns what happened to it (`Updated` when nothing in particular).
async fn write_project<C: ConnectionTrait>(
    conn: &C,
    project: project::Model,
    listings: Vec<Listing>,
    cause: Cause,
    by_user: Option<i64>,
) -> anyhow::Result<Cause> {
    let project_id = project.id;
    let before = snapshot(&project);
    let mut row: project::ActiveModel = project.clone().into();
    let (cause, updated) = if listings.is_empty() {
        if project.status != "active" {
            return Ok(Cause::Updated);
        }
        row.status = Set("archived".into());
        row.updated_at = Set(Utc::now());
        let updated = row.update(conn).await?;
        dedup::write_keys(conn, project_id, Vec::new()).await?;
        (Cause::Archived, updated)
    } else {
        apply(&mut row, &choose(&listings));
        let updated = row.update(conn).await?;
        let keys = dedup::keys_of_project(&updated);
        if cause == Cause::Created {
            dedup::insert_keys(conn, project_id, keys).await?;
        } else if keys != dedup::keys_of_project(&project) {
            dedup::write_keys(conn, project_id, keys).await?;
        }
        match cause {
            Cause::Updated if project.status != "active" => (Cause::Revived, updated),
            _ => (cause, updated),
        }
    };
    let after = snapshot(&updated);
    let changes = if cause == Cause::Created {
        json!({"title": [Value::Null, after["title"]]})
    } else {
        diff(&before, &after)
    };
    if cause != Cause::Updated || changes.as_object().is_some_and(|c| !c.is_empty()) {
        record_revision(conn, project_id, cause, changes, by_user).await?;
    }
    // Partners and their original pages show in search results even when no value moved.
    crate::search::changes::note(conn, &[project_id]).await?;
    Ok(cause)
}

/// Adds a line to a project's history.
pub(crate) async fn record_revision<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    cause: Cause,
    changes: Value,
    by_user: Option<i64>,
) -> anyhow::Result<()> {
    project_revision::ActiveModel {
        project_id: Set(project_id),
        cause: Set(cause.as_str().to_owned()),
        changes: Set(changes.to_string()),
        by_user: Set(by_user),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The project's values as history records them (descriptions as short plain text,
/// the mail address never).
fn snapshot(p: &project::Model) -> BTreeMap<&'static str, Value> {
    let description: String = super::similarity::html_text(&p.description_html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect();
    BTreeMap::from([
        ("title", json!(p.title)),
        ("summary", json!(p.summary)),
        ("description", json!(description)),
        ("holder_name", json!(p.holder_name)),
        ("address", json!(p.address)),
        ("postcode", json!(p.postcode)),
        ("commune_insee", json!(p.commune_insee)),
        ("geo_precision", json!(p.geo_precision)),
        ("website", json!(p.website)),
        (
            "contact_email",
            json!(p.contact_email.as_ref().map(|_| "•••")),
        ),
        ("image_url", json!(p.image_url)),
        ("social_links", json!(p.social_links)),
        ("distinctions", json!(p.distinctions)),
        ("start_year", json!(p.start_year)),
        ("status", json!(p.status)),
    ])
}

fn diff(before: &BTreeMap<&str, Value>, after: &BTreeMap<&str, Value>) -> Value {
    let changes: serde_json::Map<String, Value> = after
        .iter()
        .filter(|(field, value)| before.get(*field) != Some(value))
        .map(|(field, value)| {
            let old = before.get(field).cloned().unwrap_or(Value::Null);
            ((*field).to_owned(), json!([old, value]))
        })
        .collect();
    Value::Object(changes)
}

fn apply(row: &mut project::ActiveModel, chosen: &Chosen) {
    if row.title.as_ref() != &chosen.title {
        row.slug = Set(slugify(&chosen.title, 80));
    }
    row.title = Set(chosen.title.clone());
    row.summary = Set(chosen.summary.clone().unwrap_or_default());
    row.description_html = Set(chosen.description_html.clone().unwrap_or_default());
    row.holder_name = Set(chosen.holder_name.clone());
    row.address = Set(chosen.address.clone());
    row.postcode = Set(chosen.postcode.clone());
    let place = chosen.place.as_ref();
    row.commune_insee = Set(place.and_then(|p| p.insee.clone()));
    row.department_code = Set(place.and_then(|p| p.department.clone()));
    row.region_code = Set(place.and_then(|p| p.region.clone()));
    row.latitude = Set(place.map(|p| p.lat));
    row.longitude = Set(place.map(|p| p.lon));
    row.geo_precision = Set(place.map(|p| p.precision.to_owned()));
    row.website = Set(chosen.website.clone());
    row.contact_email = Set(chosen.email.clone());
    row.image_url = Set(chosen.image_url.clone());
    row.social_links = Set(serde_json::to_string(&chosen.social_links).unwrap_or_default());
    row.distinctions = Set(serde_json::to_string(&chosen.distinctions).unwrap_or_default());
    row.start_date = Set(chosen.start_date);
    row.start_year = Set(chosen.start_year);
    row.provenance = Set(serde_json::to_string(&chosen.provenance).unwrap_or_default());
    row.status = Set("active".into());
    row.merged_into = Set(None);
    row.updated_at = Set(Utc::now());
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
    let projects: std::collections::BTreeSet<i64> = listings.iter().map(|l| l.project_id).collect();
    for &project_id in &projects {
        if refresh(conn, project_id, Cause::Updated, None).await? == Cause::Archived {
            archived += 1;
        }
    }
    // Taxonomy: the terms this partner's tags brought go with its listings.
    let project_ids: Vec<i64> = projects.into_iter().collect();
    crate::taxonomy::tags::refresh_terms_of_projects(conn, &project_ids).await?;
    Ok(archived)
}
