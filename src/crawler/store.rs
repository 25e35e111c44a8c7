//! Writing a run's records in batches: one transaction per [`BATCH`] records, with one
//! query to find the batch's existing records, one insert for the new ones, one update
//! for the unchanged ones (seen again), one per changed record and one upsert of the
//! page cache. Concurrent runs on SQLite then wait for the write lock a few times per
//! batch instead of twice per page.
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::Value;

use super::run::content_hash;
use crate::entities::{page_cache, raw_record};

/// Records written per transaction: 100 rather than 200 halves what waits in memory
/// for each run at once (its fields, then the statements; docs/benchmarks.md).
pub const BATCH: usize = 100;

/// Validators and body hash of a page, kept for the next run's conditional GET.
#[derive(Debug, Clone, Default)]
pub struct PageValidators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_hash: String,
}

/// What an item brings to the batch.
#[derive(Debug)]
enum Seen {
    /// Fields read now.
    Read(BTreeMap<String, Value>),
    /// The page is unchanged: the stored record stands.
    Unchanged,
}

#[derive(Debug)]
struct Pending {
    identity: String,
    url: Option<String>,
    seen: Seen,
    /// Remember the page's validators under the identity.
    page: Option<PageValidators>,
}

/// What a flushed batch counted.
#[derive(Debug, Default)]
pub struct Flushed {
    pub items: usize,
    pub new: i32,
    pub changed: i32,
    pub unchanged: i32,
    /// Field → items with a value.
    pub filled: BTreeMap<String, usize>,
    /// Unchanged pages whose record was not found (forgotten from the cache, to be
    /// read in full next time): their URLs.
    pub missing: Vec<String>,
}

/// The records of one run, waiting to be written.
pub struct RecordWriter {
    source_id: i64,
    run_id: i64,
    reader_hash: String,
    pending: Vec<Pending>,
    identities: HashSet<String>,
}

impl RecordWriter {
    pub fn new(source_id: i64, run_id: i64, reader_hash: String) -> Self {
        RecordWriter {
            source_id,
            run_id,
            reader_hash,
            pending: Vec::new(),
            identities: HashSet::new(),
        }
    }

    /// Whether the batch is full (or already holds `identity`): flush before adding.
    pub fn must_flush(&self, identity: &str) -> bool {
        self.pending.len() >= BATCH || self.identities.contains(identity)
    }

    /// An item read now; `page`: its page's validators, to remember.
    pub fn read(
        &mut self,
        identity: &str,
        url: Option<&str>,
        fields: BTreeMap<String, Value>,
        page: Option<PageValidators>,
    ) {
        self.push(identity, url, Seen::Read(fields), page);
    }

    /// An item whose page has not changed since it was last read.
    pub fn unchanged(&mut self, identity: &str, url: Option<&str>) {
        self.push(identity, url, Seen::Unchanged, None);
    }

    fn push(
        &mut self,
        identity: &str,
        url: Option<&str>,
        seen: Seen,
        page: Option<PageValidators>,
    ) {
        self.identities.insert(identity.to_owned());
        self.pending.push(Pending {
            identity: identity.to_owned(),
            url: url.map(str::to_owned),
            seen,
            page,
        });
    }

    /// Writes the batch in one transaction.
    pub async fn flush(&mut self, db: &DatabaseConnection) -> anyhow::Result<Flushed> {
        let mut flushed = Flushed::default();
        if self.pending.is_empty() {
            return Ok(flushed);
        }
        let pending = std::mem::take(&mut self.pending);
        self.identities.clear();
        let now = Utc::now();
        let txn = crate::db::begin_write(db).await?;
        let existing: HashMap<String, raw_record::Model> = raw_record::Entity::find()
            .filter(raw_record::Column::SourceId.eq(self.source_id))
            .filter(raw_record::Column::Identity.is_in(pending.iter().map(|p| p.identity.clone())))
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| (r.identity.clone(), r))
            .collect();
        let mut inserts = Vec::new();
        let mut seen_again = Vec::new();
        let mut cache_rows = Vec::new();
        let mut forget = Vec::new();
        for item in pending {
            let stored = existing.get(&item.identity);
            let fields = match (&item.seen, stored) {
                (Seen::Read(fields), _) => fields.clone(),
                (Seen::Unchanged, Some(record)) => {
                    serde_json::from_str(&record.fields).unwrap_or_default()
                }
                (Seen::Unchanged, None) => {
                    forget.push(item.identity.clone());
                    flushed.missing.push(item.url.unwrap_or(item.identity));
                    continue;
                }
            };
            flushed.items += 1;
            for (field, value) in &fields {
                if !value.is_null() {
                    *flushed.filled.entry(field.clone()).or_default() += 1;
                }
            }
            let hash = content_hash(&fields);
            match stored {
                None => {
                    flushed.new += 1;
                    inserts.push(raw_record::ActiveModel {
                        source_id: Set(self.source_id),
                        identity: Set(item.identity.clone()),
                        url: Set(item.url.clone()),
                        fields: Set(serde_json::to_string(&fields)?),
                        content_hash: Set(hash),
                        first_seen_at: Set(now),
                        last_seen_at: Set(now),
                        changed_at: Set(now),
                        missed_runs: Set(0),
                        gone_at: Set(None),
                        last_run_id: Set(Some(self.run_id)),
                        ..Default::default()
                    });
                }
                Some(record)
                    if record.content_hash == hash
                        && item
                            .url
                            .as_ref()
                            .is_none_or(|u| record.url.as_ref() == Some(u)) =>
                {
                    flushed.unchanged += 1;
                    seen_again.push(record.id);
                }
                Some(record) => {
                    let changed = record.content_hash != hash;
                    let mut row: raw_record::ActiveModel = record.clone().into();
                    row.last_seen_at = Set(now);
                    row.missed_runs = Set(0);
                    row.gone_at = Set(None);
                    row.last_run_id = Set(Some(self.run_id));
                    if item.url.is_some() {
                        row.url = Set(item.url.clone());
                    }
                    if changed {
                        flushed.changed += 1;
                        row.fields = Set(serde_json::to_string(&fields)?);
                        row.content_hash = Set(hash);
                        row.changed_at = Set(now);
                    } else {
                        flushed.unchanged += 1;
                    }
                    row.update(&txn).await?;
                }
            }
            if let Some(page) = item.page {
                cache_rows.push(page_cache::ActiveModel {
                    source_id: Set(self.source_id),
                    url: Set(item.identity),
                    etag: Set(page.etag),
                    last_modified: Set(page.last_modified),
                    content_hash: Set(page.content_hash),
                    fetched_at: Set(now),
                    reader_hash: Set(Some(self.reader_hash.clone())),
                    ..Default::default()
                });
            }
        }
        if !inserts.is_empty() {
            raw_record::Entity::insert_many(inserts)
                .exec_without_returning(&txn)
                .await?;
        }
        if !seen_again.is_empty() {
            raw_record::Entity::update_many()
                .col_expr(raw_record::Column::LastSeenAt, Expr::value(now))
                .col_expr(raw_record::Column::MissedRuns, Expr::value(0))
                .col_expr(
                    raw_record::Column::GoneAt,
                    Expr::value(Option::<chrono::DateTime<Utc>>::None),
                )
                .col_expr(raw_record::Column::LastRunId, Expr::value(self.run_id))
                .filter(raw_record::Column::Id.is_in(seen_again))
                .exec(&txn)
                .await?;
        }
        if !cache_rows.is_empty() {
            page_cache::Entity::insert_many(cache_rows)
                .on_conflict(
                    OnConflict::columns([page_cache::Column::SourceId, page_cache::Column::Url])
                        .update_columns([
                            page_cache::Column::Etag,
                            page_cache::Column::LastModified,
                            page_cache::Column::ContentHash,
                            page_cache::Column::FetchedAt,
                            page_cache::Column::ReaderHash,
                        ])
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        if !forget.is_empty() {
            page_cache::Entity::delete_many()
                .filter(page_cache::Column::SourceId.eq(self.source_id))
                .filter(page_cache::Column::Url.is_in(forget))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(flushed)
    }
}
