//! The node's search index: a directory per generation under `DATA_DIR/index/`, the one
//! in use named by the file `CURRENT`. The indexer applies the change log to the current
//! generation; `carrefour reindex` builds a new generation from the projects table and
//! swaps `CURRENT` (written aside, then renamed: atomic), and a running node moves to it
//! at its next step. Each commit carries the last change-log sequence it applied.
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::changes;
use super::document::{self, Terms};
use super::schema::{Fields, SCHEMA_VERSION};
use crate::entities::project;

/// Change-log entries read per step.
const CHANGES_PER_STEP: u64 = 2000;
/// Projects read from the database per query during a full build.
const PROJECTS_PER_PAGE: u64 = 1000;
/// A gap in the change log (a transaction not committed yet, or rolled back) is waited
/// for this long before the applied position passes it.
const GAP_PATIENCE: Duration = Duration::from_secs(60);
/// Indexing memory of the node's incremental writer; a full build takes more.
const WRITER_MEMORY: usize = 15_000_000;
const BUILD_MEMORY: usize = 100_000_000;

/// What a commit says of the index.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
struct Payload {
    schema: u32,
    /// Every change-log entry up to this sequence is in the index.
    applied: i64,
}

/// One generation of the index, open for reading and writing.
pub struct Generation {
    pub name: String,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    /// Made on first write: a full build uses a writer of its own (one at a time).
    writer: Mutex<Option<IndexWriter>>,
    log: Mutex<LogPosition>,
}

/// Where a generation stands in the change log.
#[derive(Debug, Default)]
struct LogPosition {
    /// `None` until the generation was built from the projects table.
    applied: Option<i64>,
    /// Entries past `applied` already indexed (a gap lies before them).
    indexed_past: BTreeSet<i64>,
    /// When each missing sequence was first noticed.
    gaps: HashMap<i64, Instant>,
}

impl LogPosition {
    /// Moves `applied` over the entries indexed without a gap, and over gaps waited
    /// for long enough.
    fn advance(&mut self, now: Instant) {
        let Some(mut applied) = self.applied else {
            return;
        };
        while let Some(&next) = self.indexed_past.iter().next() {
            if next == applied + 1 {
                self.indexed_past.remove(&next);
                applied = next;
                continue;
            }
            let missing = applied + 1;
            let since = *self.gaps.entry(missing).or_insert(now);
            if now.duration_since(since) < GAP_PATIENCE {
                break;
            }
            self.gaps.remove(&missing);
            applied = missing;
        }
        self.gaps.retain(|&seq, _| seq > applied);
        self.applied = Some(applied);
    }
}

impl Generation {
    /// Opens (or creates) the generation in `dir`.
    fn open(name: &str, dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let (schema, fields) = Fields::build();
        let directory = MmapDirectory::open(dir)
            .with_context(|| format!("cannot open the index in {}", dir.display()))?;
        let index = Index::open_or_create(directory, schema)
            .with_context(|| format!("the index in {} cannot be used", dir.display()))?;
        super::analysis::register(index.tokenizers());
        let payload = read_payload(&index)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Generation {
            name: name.to_owned(),
            index,
            reader,
            fields,
            writer: Mutex::new(None),
            log: Mutex::new(LogPosition {
                applied: payload
                    .filter(|p| p.schema == SCHEMA_VERSION)
                    .map(|p| p.applied),
                ..Default::default()
            }),
        })
    }

    /// What the index holds now, as a tag that changes with every commit a reader sees
    /// (the generation's name and its reader's reload count): answers computed from
    /// the same tag are the same.
    pub fn content_version(&self) -> String {
        format!(
            "{}/{}",
            self.name,
            self.reader.searcher().generation().generation_id()
        )
    }

    /// The change-log sequence the index holds everything up to; `None` before a build.
    pub fn applied(&self) -> Option<i64> {
        lock(&self.log).applied
    }

    /// Replaces the documents of `ids` by `docs` and commits with `applied`.
    fn write(
        &self,
        ids: &[i64],
        docs: &[document::ProjectDoc],
        applied: i64,
    ) -> anyhow::Result<()> {
        let mut slot = lock(&self.writer);
        let writer = match slot.as_mut() {
            Some(writer) => writer,
            None => slot.insert(self.index.writer_with_num_threads(1, WRITER_MEMORY)?),
        };
        for &id in ids {
            writer.delete_term(Term::from_field_u64(self.fields.id, id as u64));
        }
        for doc in docs {
            writer.add_document(doc.to_document(&self.fields))?;
        }
        commit(writer, applied)?;
        self.reader.reload()?;
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read_payload(index: &Index) -> anyhow::Result<Option<Payload>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok()))
}

fn commit(writer: &mut IndexWriter, applied: i64) -> anyhow::Result<()> {
    let payload = serde_json::to_string(&Payload {
        schema: SCHEMA_VERSION,
        applied,
    })?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// The node's index: the current generation, replaced when `CURRENT` names another.
/// Opened at first use, so that commands which never search do not open it.
pub struct SearchIndex {
    root: PathBuf,
    current: RwLock<Option<Arc<Generation>>>,
}

/// What a full build did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Built {
    pub projects: usize,
    pub applied: i64,
}

impl SearchIndex {
    /// The index under `root` (`DATA_DIR/index`); nothing is read before first use.
    pub fn new(root: &Path) -> Self {
        SearchIndex {
            root: root.to_owned(),
            current: RwLock::new(None),
        }
    }

    /// The generation queries read, opened (or created empty) at first use; an index
    /// of another schema version is left for a new generation.
    pub fn current(&self) -> anyhow::Result<Arc<Generation>> {
        if let Some(generation) = self
            .current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
        {
            return Ok(generation.clone());
        }
        let mut slot = self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(generation) = slot.as_ref() {
            return Ok(generation.clone());
        }
        let name = match current_name(&self.root)? {
            Some(name) if generation_fits(&self.root.join(&name)) => name,
            _ => {
                let name = new_generation_name();
                set_current(&self.root, &name)?;
                name
            }
        };
        let generation = Arc::new(Generation::open(&name, &self.root.join(&name))?);
        *slot = Some(generation.clone());
        Ok(generation)
    }

    /// One step of the indexer: moves to a generation another process swapped in, builds
    /// the current one if it never was, then applies the change log's new entries.
    /// Returns how many projects were (re)indexed.
    pub async fn step<C: ConnectionTrait>(&self, db: &C) -> anyhow::Result<usize> {
        self.follow_current()?;
        let generation = self.current()?;
        if generation.applied().is_none() {
            let built = build(db, generation.clone(), |_, _| {}).await?;
            return Ok(built.projects);
        }
        apply_changes(db, generation).await
    }

    /// Whether every change-log entry written so far is in the index (entries of
    /// transactions still open count as not yet).
    pub async fn caught_up<C: ConnectionTrait>(&self, db: &C) -> anyhow::Result<bool> {
        let generation = self.current()?;
        let Some(applied) = generation.applied() else {
            return Ok(false);
        };
        let pending = changes::after(db, applied, CHANGES_PER_STEP).await?;
        let log = lock(&generation.log);
        Ok(pending.iter().all(|e| log.indexed_past.contains(&e.seq)))
    }

    fn follow_current(&self) -> anyhow::Result<()> {
        let Some(name) = current_name(&self.root)? else {
            return Ok(());
        };
        if self.current()?.name == name {
            return Ok(());
        }
        let generation = Generation::open(&name, &self.root.join(&name))?;
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Arc::new(generation));
        tracing::info!(generation = %name, "search index: moved to a new generation");
        remove_other_generations(&self.root, &name);
        Ok(())
    }
}

/// Applies the change log's entries after the generation's position.
async fn apply_changes<C: ConnectionTrait>(
    db: &C,
    generation: Arc<Generation>,
) -> anyhow::Result<usize> {
    let Some(applied) = generation.applied() else {
        return Ok(0);
    };
    let entries = changes::after(db, applied, CHANGES_PER_STEP).await?;
    let fresh: Vec<_> = {
        let log = lock(&generation.log);
        entries
            .into_iter()
            .filter(|e| !log.indexed_past.contains(&e.seq))
            .collect()
    };
    let waiting_gap = !lock(&generation.log).gaps.is_empty();
    if fresh.is_empty() && !waiting_gap {
        return Ok(0);
    }
    let ids: Vec<i64> = fresh
        .iter()
        .map(|e| e.project_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let terms = Terms::load(db).await?;
    let docs = document::load(db, &terms, &ids).await?;
    // The position moves only once the documents are committed and searchable, so that
    // "caught up" never runs ahead of what queries see.
    let mut next = {
        let log = lock(&generation.log);
        LogPosition {
            applied: log.applied,
            indexed_past: log.indexed_past.clone(),
            gaps: log.gaps.clone(),
        }
    };
    next.indexed_past.extend(fresh.iter().map(|e| e.seq));
    next.advance(Instant::now());
    let new_applied = next.applied.unwrap_or(applied);
    let count = ids.len();
    let writing = generation.clone();
    tokio::task::spawn_blocking(move || writing.write(&ids, &docs, new_applied)).await??;
    *lock(&generation.log) = next;
    Ok(count)
}

/// Indexes every project (but merged ones) into `generation`, replacing what it held;
/// its position becomes the change log's last sequence as read before the projects (so
/// what changes meanwhile is applied after). `progress(done, total)` is told per page.
pub async fn build<C: ConnectionTrait>(
    db: &C,
    generation: Arc<Generation>,
    progress: impl Fn(usize, usize),
) -> anyhow::Result<Built> {
    use sea_orm::PaginatorTrait;
    let start = changes::last(db).await?;
    let total = project::Entity::find()
        .filter(project::Column::Status.ne("merged"))
        .count(db)
        .await?;
    let total = usize::try_from(total)?;
    let terms = Terms::load(db).await?;
    // The generation's own writer, if any, gives way (tantivy allows one per index).
    lock(&generation.writer).take();
    let mut writer = generation.index.writer(BUILD_MEMORY)?;
    writer.delete_all_documents()?;
    let mut done = 0usize;
    let mut after = 0i64;
    loop {
        let ids: Vec<i64> = project::Entity::find()
            .select_only()
            .column(project::Column::Id)
            .filter(project::Column::Id.gt(after))
            .filter(project::Column::Status.ne("merged"))
            .order_by_asc(project::Column::Id)
            .limit(PROJECTS_PER_PAGE)
            .into_tuple()
            .all(db)
            .await?;
        let Some(&last) = ids.last() else { break };
        after = last;
        let docs = document::load(db, &terms, &ids).await?;
        let fields = generation.fields;
        // Adding may wait for the indexing threads: off the async runtime.
        writer = tokio::task::spawn_blocking(move || -> anyhow::Result<IndexWriter> {
            for doc in &docs {
                writer.add_document(doc.to_document(&fields))?;
            }
            Ok(writer)
        })
        .await??;
        done += ids.len();
        progress(done, total);
    }
    let committed = generation.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        commit(&mut writer, start)?;
        writer.wait_merging_threads()?;
        committed.reader.reload()?;
        Ok(())
    })
    .await??;
    *lock(&generation.log) = LogPosition {
        applied: Some(start),
        ..Default::default()
    };
    Ok(Built {
        projects: done,
        applied: start,
    })
}

/// Builds a new generation under `root` from the projects table, then makes it current.
pub async fn rebuild<C: ConnectionTrait>(
    db: &C,
    root: &Path,
    progress: impl Fn(usize, usize),
) -> anyhow::Result<Built> {
    let name = new_generation_name();
    let generation = Arc::new(Generation::open(&name, &root.join(&name))?);
    let built = build(db, generation.clone(), progress).await?;
    drop(generation);
    set_current(root, &name)?;
    remove_other_generations(root, &name);
    Ok(built)
}

fn current_name(root: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(root.join("CURRENT")) {
        Ok(text) => Ok(Some(text.trim().to_owned()).filter(|n| !n.is_empty())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).context("cannot read the index's CURRENT file"),
    }
}

/// Names `name` as the current generation: written aside, then renamed over `CURRENT`.
fn set_current(root: &Path, name: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    let aside = root.join(format!("CURRENT.{}", std::process::id()));
    std::fs::write(&aside, name).context("cannot write the index's CURRENT file")?;
    std::fs::rename(&aside, root.join("CURRENT"))
        .context("cannot replace the index's CURRENT file")?;
    Ok(())
}

/// Whether the generation in `dir` was built with this schema version.
fn generation_fits(dir: &Path) -> bool {
    let Ok(directory) = MmapDirectory::open(dir) else {
        return false;
    };
    match Index::open(directory)
        .ok()
        .map(|index| read_payload(&index))
    {
        Some(Ok(Some(payload))) => payload.schema == SCHEMA_VERSION,
        _ => false,
    }
}

fn new_generation_name() -> String {
    format!(
        "g-{}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%3f"),
        std::process::id()
    )
}

/// Removes the generations but `keep` (a process still reading one keeps its open files).
fn remove_other_generations(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("g-")
            && name != keep
            && entry.path().is_dir()
            && let Err(err) = std::fs::remove_dir_all(entry.path())
        {
            tracing::warn!(generation = %name, %err, "an old index generation stays");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_passes_gaps_only_when_filled_or_old() {
        let start = Instant::now();
        let mut log = LogPosition {
            applied: Some(10),
            ..Default::default()
        };
        log.indexed_past.extend([11, 12, 14, 15]);
        log.advance(start);
        assert_eq!(log.applied, Some(12), "13 is not committed yet");
        log.indexed_past.insert(13);
        log.advance(start);
        assert_eq!(log.applied, Some(15));

        log.indexed_past.insert(17);
        log.advance(start);
        assert_eq!(log.applied, Some(15));
        log.advance(start + GAP_PATIENCE);
        assert_eq!(
            log.applied,
            Some(17),
            "16 rolled back: passed after a while"
        );
        assert!(log.gaps.is_empty() && log.indexed_past.is_empty());
    }
}
