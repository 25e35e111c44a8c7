//! One crawl run of a source: list pages walked, detail pages fetched and read, records
//! upserted under a stable identity, and the run's report (counts, fill rates, errors).
//!
//! Kinds crawled: `html`, `jsonld` (list pages walked like `html`, each detail page's
//! first schema.org JSON-LD object is the record), `feed` (each RSS/Atom entry is a record,
//! identified by its link, else its id; with `detail_fields` the link is fetched and the
//! page's non-null values complete or replace the entry's) and `sitemap` (the pages of a
//! `<urlset>`, or of the sitemaps of a `<sitemapindex>` one level down, whose URL matches
//! `url_pattern`, read with the field rules), `json` (each item of the array at
//! `items_path`, page after page: `?param=N` until a page brings no new item or answers
//! 404/410, or the URL at the `next_link` path) and `csv` (each row of the file at `url`,
//! or of the uploaded file; see [`super::tabular`]).
//!
//! - A source has at most one run at a time: `sources.running_run_id` is taken with a
//!   conditional UPDATE (only when NULL) and always released at the end.
//! - List pages: from each entry URL, item links are collected with `list.item_link`;
//!   the next page is the first link of `list.next` not seen yet (`Link`), or a generated page
//!   (`QueryParam`: the entry URL with `param=N`, N from `start`, the first list page
//!   being `start`; `PathPattern`: the entry URL, then the pattern with N from `start`)
//!   until a page brings no new item link. A page already seen (URLs normalised:
//!   fragment dropped) ends pagination. `max_depth` bounds the list pages per entry URL,
//!   `max_pages` the pages of the whole run (list and detail).
//! - Records: identity = the normalised detail URL (feeds: the entry's link, else id); the content hash is the SHA-256 of
//!   the extracted fields as canonical JSON (keys sorted). Records are never deleted.
//! - Unchanged pages cost little: each detail page read with rules keeps its validators
//!   and body hash in `page_cache`, with a hash of the source's configuration; the next
//!   run asks with `If-None-Match`/`If-Modified-Since`, and a 304 or an identical body
//!   (while the configuration is unchanged) reuses the record without parsing the page
//!   (counted as `pages_unchanged`, never also as fetched). Feed entries followed to
//!   their page are always read, since the entry's own fields may have changed.
//! - A run is complete when every page was fetched and no limit was hit. Only complete
//!   runs count the records they did not see (`missed_runs`); at
//!   [`GONE_AFTER_MISSED_RUNS`] a record is gone (`gone_at`), until it is seen again.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use regex::Regex;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::task::JoinSet;
use url::Url;

use super::extract::{self, CompiledRules, CompiledSelector};
use super::feed::{self, FeedEntry};
use super::fetch::{Conditional, FetchError, FetchOutcome, FetchedPage, Fetcher, SourcePoliteness};
use super::problem::Problem;
use super::store::{PageValidators, RecordWriter};
use super::{api, jsonld, sitemap, tabular};
use crate::db::statement;
use crate::entities::{crawl_error, crawl_run, page_cache, raw_record, source};
use crate::sources::config::{
    CsvConfig, FeedConfig, FieldRules, HtmlConfig, JsonConfig, JsonLdConfig, JsonPagination,
    ListRules, NextPage, SitemapConfig, SourceConfig,
};
use crate::state::AppState;
use crate::worker::Job;

/// Consecutive complete runs without a record after which it is gone.
pub const GONE_AFTER_MISSED_RUNS: i32 = 3;

/// Detail pages fetched at once by one run (the fetcher's per-host limits apply too).
const MAX_CONCURRENT_FETCHES: usize = 16;

/// Counters of a run in progress, for whoever shows it (the command line's progress bars).
#[derive(Debug, Default)]
pub struct RunProgress {
    /// Pages fetched, unchanged or failed so far.
    pub pages: AtomicUsize,
    /// Pages known to be ahead (detail pages found so far), plus those done.
    pub planned: AtomicUsize,
    pub items: AtomicUsize,
    pub failed: AtomicUsize,
}

/// How to run a crawl beyond the source's own settings.
#[derive(Debug, Default, Clone)]
pub struct RunOptions {
    /// Overrides the source's `max_pages`.
    pub max_pages: Option<u32>,
    /// Replaces the source's politeness (benchmarks on one's own servers).
    pub politeness: Option<SourcePoliteness>,
    pub progress: Option<Arc<RunProgress>>,
}

/// Another run of the source holds it.
#[derive(Debug, thiserror::Error)]
#[error("a crawl of source {source_id} is already in progress")]
pub struct RunInProgress {
    pub source_id: i64,
}

/// The job that crawls one source.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CrawlSource {
    pub source_id: i64,
    /// `schedule`, `manual` or `cli`.
    pub trigger: String,
}

impl Job for CrawlSource {
    const KIND: &'static str = "crawl_source";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        match crawl_source(
            &state.db,
            &state.fetcher,
            self.source_id,
            &self.trigger,
            None,
        )
        .await
        {
            Ok(run) => {
                tracing::info!(source = self.source_id, run = run.id, status = %run.status, "crawl finished");
                after_run(state, &run).await
            }
            Err(err) if err.is::<RunInProgress>() => {
                tracing::info!(source = self.source_id, "crawl skipped: {err}");
                Ok(())
            }
            Err(err) => Err(err),
        }
    }

    fn unique_key(&self) -> Option<String> {
        Some(format!("{}:{}", Self::KIND, self.source_id))
    }
}

/// What follows a finished run: the comparison with earlier runs (warning, mail) and,
/// when it read anything, the consolidation of its new, changed and gone records.
pub async fn after_run(state: &AppState, run: &crawl_run::Model) -> anyhow::Result<()> {
    super::watch::after_run(state, run).await?;
    if run.status != "failed" {
        let job = crate::consolidation::service::ConsolidateSource {
            source_id: run.source_id,
        };
        crate::worker::queue::enqueue(state, &job).await?;
    }
    Ok(())
}

/// What a run found, as it goes.
#[derive(Debug, Default)]
struct Tally {
    pages_fetched: i32,
    pages_unchanged: i32,
    pages_failed: i32,
    items_new: i32,
    items_changed: i32,
    items_unchanged: i32,
    items_gone: i32,
    /// Why the run's starting point failed (the first reason), when it did.
    entry_problem: Option<Problem>,
    limit_hit: bool,
    items: usize,
    filled: BTreeMap<String, usize>,
}

/// Crawls `source_id` once and returns its finished run. `max_pages` overrides the
/// source's. Fails with [`RunInProgress`] when another run holds the source; any other
/// error is also recorded on the run (status `failed`).
pub async fn crawl_source(
    db: &DatabaseConnection,
    fetcher: &Fetcher,
    source_id: i64,
    trigger: &str,
    max_pages: Option<u32>,
) -> anyhow::Result<crawl_run::Model> {
    let options = RunOptions {
        max_pages,
        ..RunOptions::default()
    };
    crawl_source_with(db, fetcher, source_id, trigger, &options).await
}

/// [`crawl_source`] with [`RunOptions`].
pub async fn crawl_source_with(
    db: &DatabaseConnection,
    fetcher: &Fetcher,
    source_id: i64,
    trigger: &str,
    options: &RunOptions,
) -> anyhow::Result<crawl_run::Model> {
    let src = source::Entity::find_by_id(source_id)
        .one(db)
        .await?
        .with_context(|| format!("no source {source_id}"))?;
    let now = Utc::now();
    let run = crawl_run::ActiveModel {
        source_id: Set(source_id),
        status: Set("running".into()),
        trigger: Set(trigger.into()),
        queued_at: Set(now),
        started_at: Set(Some(now)),
        finished_at: Set(None),
        complete: Set(false),
        pages_fetched: Set(0),
        pages_unchanged: Set(0),
        pages_failed: Set(0),
        items_new: Set(0),
        items_changed: Set(0),
        items_unchanged: Set(0),
        items_gone: Set(0),
        fill_rates: Set("{}".into()),
        failure: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let backend = db.get_database_backend();
    let taken = db
        .execute_raw(statement(
            backend,
            "UPDATE sources SET running_run_id = $1 WHERE id = $2 AND running_run_id IS NULL",
            [run.id.into(), source_id.into()],
        ))
        .await?
        .rows_affected();
    if taken == 0 {
        crawl_run::Entity::delete_by_id(run.id).exec(db).await?;
        return Err(RunInProgress { source_id }.into());
    }

    let run_id = run.id;
    let mut tally = Tally::default();
    let outcome = crawl(db, fetcher, &src, run_id, options, &mut tally).await;
    let finished = finish(db, run, &mut tally, &outcome).await;
    let next_run_at = Utc::now() + chrono::Duration::hours(i64::from(src.interval_hours.max(1)));
    let released = db
        .execute_raw(statement(
            backend,
            "UPDATE sources SET running_run_id = NULL, next_run_at = $1 WHERE id = $2 AND running_run_id = $3",
            [next_run_at.into(), source_id.into(), run_id.into()],
        ))
        .await;
    // Release even when finishing failed; report the first error.
    let run = finished?;
    released?;
    outcome?;
    Ok(run)
}

/// Writes the run's final state. `outcome`: `Ok(Some(problem))` for a run that could not
/// start (broken configuration or rules), `Err` for an unexpected error.
async fn finish(
    db: &DatabaseConnection,
    run: crawl_run::Model,
    tally: &mut Tally,
    outcome: &anyhow::Result<Option<Problem>>,
) -> anyhow::Result<crawl_run::Model> {
    let failure = match outcome {
        // A starting point that failed is the run's failure, in its own words.
        Ok(problem) => problem.clone().or_else(|| tally.entry_problem.clone()),
        Err(err) => Some(Problem::new("unexpected").with("detail", format!("{err:#}"))),
    };
    let pages_read = tally.pages_fetched + tally.pages_unchanged;
    let complete =
        failure.is_none() && tally.pages_failed == 0 && !tally.limit_hit && pages_read > 0;
    let now = Utc::now();
    if complete {
        tally.items_gone = mark_missed(db, run.source_id, run.id, now).await?;
    }
    let status = if failure.is_some() || pages_read == 0 {
        "failed"
    } else if complete {
        "succeeded"
    } else {
        "partial"
    };
    let fill_rates: BTreeMap<&str, f64> = tally
        .filled
        .iter()
        .map(|(field, n)| {
            let rate = if tally.items == 0 {
                0.0
            } else {
                *n as f64 / tally.items as f64
            };
            (field.as_str(), (rate * 10_000.0).round() / 10_000.0)
        })
        .collect();
    let mut row: crawl_run::ActiveModel = run.into();
    row.status = Set(status.into());
    row.finished_at = Set(Some(now));
    row.complete = Set(complete);
    row.pages_fetched = Set(tally.pages_fetched);
    row.pages_unchanged = Set(tally.pages_unchanged);
    row.pages_failed = Set(tally.pages_failed);
    row.items_new = Set(tally.items_new);
    row.items_changed = Set(tally.items_changed);
    row.items_unchanged = Set(tally.items_unchanged);
    row.items_gone = Set(tally.items_gone);
    row.fill_rates = Set(serde_json::to_string(&fill_rates)?);
    row.failure = Set(failure.as_ref().map(Problem::english));
    row.failure_code = Set(failure.as_ref().map(|p| p.code.to_owned()));
    row.failure_args = Set(failure.as_ref().map(Problem::args_json));
    Ok(row.update(db).await?)
}

/// After a complete run: records not seen count one more missed run; those reaching
/// [`GONE_AFTER_MISSED_RUNS`] are gone. Returns how many became gone.
async fn mark_missed(
    db: &DatabaseConnection,
    source_id: i64,
    run_id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<i32> {
    use sea_orm::sea_query::ExprTrait as _;
    raw_record::Entity::update_many()
        .col_expr(
            raw_record::Column::MissedRuns,
            Expr::col(raw_record::Column::MissedRuns).add(1),
        )
        .filter(raw_record::Column::SourceId.eq(source_id))
        .filter(raw_record::Column::GoneAt.is_null())
        .filter(
            Condition::any()
                .add(raw_record::Column::LastRunId.is_null())
                .add(raw_record::Column::LastRunId.ne(run_id)),
        )
        .exec(db)
        .await?;
    let gone = raw_record::Entity::update_many()
        .col_expr(raw_record::Column::GoneAt, Expr::value(now))
        .filter(raw_record::Column::SourceId.eq(source_id))
        .filter(raw_record::Column::GoneAt.is_null())
        .filter(raw_record::Column::MissedRuns.gte(GONE_AFTER_MISSED_RUNS))
        .exec(db)
        .await?
        .rows_affected;
    Ok(i32::try_from(gone).unwrap_or(i32::MAX))
}

/// The page of an API item or a spreadsheet row on the partner's site: its field `url`,
/// made absolute against `base` (the document it came from) in the fields too; only
/// http(s) addresses count.
fn item_page(fields: &mut BTreeMap<String, Value>, base: Option<&Url>) -> Option<String> {
    let Some(Value::String(raw)) = fields.get("url") else {
        return None;
    };
    let page = match base {
        Some(base) => base.join(raw.trim()).ok()?,
        None => Url::parse(raw.trim()).ok()?,
    };
    if !matches!(page.scheme(), "http" | "https") {
        return None;
    }
    fields.insert("url".to_owned(), Value::String(page.to_string()));
    Some(page.to_string())
}

/// The URL as the run's seen set knows it: without fragment.
pub fn normalise(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}

pub(crate) fn with_param(url: &Url, param: &str, n: u32) -> Url {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != param)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = url.clone();
    out.set_query(None);
    {
        let mut query = out.query_pairs_mut();
        for (k, v) in &pairs {
            query.append_pair(k, v);
        }
        query.append_pair(param, &n.to_string());
    }
    out
}

async fn record_error(
    db: &DatabaseConnection,
    run_id: i64,
    url: &str,
    problem: &Problem,
) -> anyhow::Result<()> {
    crawl_error::ActiveModel {
        run_id: Set(run_id),
        url: Set(url.to_owned()),
        message: Set(problem.english().chars().take(2000).collect()),
        code: Set(Some(problem.code.to_owned())),
        args: Set(Some(problem.args_json())),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Fetches one page without validators.
pub(crate) async fn fetch_page(
    fetcher: &Fetcher,
    url: &Url,
    politeness: &SourcePoliteness,
) -> Result<FetchedPage, FetchError> {
    match fetcher
        .fetch_with(url, &Conditional::default(), politeness)
        .await?
    {
        FetchOutcome::Fetched(page) => Ok(page),
        // Only a broken server answers 304 to a request without validators.
        FetchOutcome::NotModified { .. } => Err(FetchError::Http { status: 304 }),
    }
}

/// Item links and next links of a list page (parsed and dropped here: `Html` is !Send).
pub(crate) fn read_list(
    body: &str,
    url: &Url,
    item: &CompiledSelector,
    next: Option<&CompiledSelector>,
) -> (Vec<Url>, Vec<Url>) {
    let doc = scraper::Html::parse_document(body);
    let items = extract::links(&doc, url, item);
    let next = next
        .map(|n| extract::links(&doc, url, n))
        .unwrap_or_default();
    (items, next)
}

/// How a fetched detail page becomes a record's fields.
enum PageReader {
    /// The source's field rules (`html`, `sitemap`, `feed` with `detail_fields`).
    Fields(CompiledRules),
    /// The page's first schema.org JSON-LD object (`jsonld`).
    JsonLd,
}

impl PageReader {
    fn read(&self, body: &str, url: &Url) -> Result<BTreeMap<String, Value>, Problem> {
        let doc = scraper::Html::parse_document(body);
        match self {
            PageReader::Fields(rules) => Ok(extract::extract_fields(&doc, url, rules).values),
            PageReader::JsonLd => jsonld::extract_jsonld(&doc, url)
                .into_iter()
                .next()
                .ok_or_else(|| Problem::new("no-jsonld")),
        }
    }
}

/// What became of one detail page.
enum DetailResult {
    /// 304, or the same body as last time: the record stays as it is.
    Unchanged,
    /// Fetched and read (`values`: the fields, or why the page could not be read).
    Read {
        validators: PageValidators,
        values: Result<BTreeMap<String, Value>, Problem>,
    },
    Failed(FetchError),
}

/// Fetches a detail page, with the validators of `cached` when there are some, and reads
/// it unless it is unchanged.
async fn fetch_detail(
    fetcher: &Fetcher,
    url: &Url,
    politeness: &SourcePoliteness,
    cached: Option<&PageValidators>,
    reader: &PageReader,
) -> DetailResult {
    let conditional = cached
        .map(|c| Conditional {
            etag: c.etag.clone(),
            last_modified: c.last_modified.clone(),
        })
        .unwrap_or_default();
    let plain = conditional.etag.is_none() && conditional.last_modified.is_none();
    match fetcher.fetch_with(url, &conditional, politeness).await {
        Ok(FetchOutcome::NotModified { .. }) if !plain => DetailResult::Unchanged,
        Ok(FetchOutcome::NotModified { .. }) => {
            DetailResult::Failed(FetchError::Http { status: 304 })
        }
        Ok(FetchOutcome::Fetched(page)) => {
            if cached.is_some_and(|c| c.content_hash == page.content_hash) {
                return DetailResult::Unchanged;
            }
            DetailResult::Read {
                values: reader.read(&page.body_text, &page.final_url),
                validators: PageValidators {
                    etag: page.etag,
                    last_modified: page.last_modified,
                    content_hash: page.content_hash,
                },
            }
        }
        Err(err) => DetailResult::Failed(err),
    }
}

/// A detail page to read: the record's identity and the fields already known (a feed
/// entry's), which the page's non-null values complete or replace.
struct Detail {
    url: Url,
    identity: String,
    known: BTreeMap<String, Value>,
}

impl Detail {
    fn page(url: Url) -> Self {
        Detail {
            identity: normalise(&url),
            url,
            known: BTreeMap::new(),
        }
    }
}

/// Compiles field rules; the error is the run's failure.
fn compile_rules(fields: &FieldRules) -> Result<CompiledRules, Problem> {
    extract::compile(fields).map_err(|errors| {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Problem::new("rules").with("detail", errors.join("; "))
    })
}

/// One run in progress: where it writes, what it may still fetch, what it found.
struct Ctx<'a> {
    db: &'a DatabaseConnection,
    fetcher: &'a Fetcher,
    source_id: i64,
    run_id: i64,
    /// SHA-256 of the source's configuration (see `page_cache.reader_hash`).
    reader_hash: String,
    writer: RecordWriter,
    politeness: SourcePoliteness,
    progress: Arc<RunProgress>,
    /// Pages the run may still fetch.
    budget: usize,
    max_depth: u32,
    tally: &'a mut Tally,
}

impl Ctx<'_> {
    /// Takes one page from the budget; `false` (and the limit hit) when spent.
    fn take_page(&mut self) -> bool {
        if self.budget == 0 {
            self.tally.limit_hit = true;
            return false;
        }
        self.budget -= 1;
        self.progress.planned.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// One page done (fetched, unchanged or failed).
    fn page_done(&self) {
        self.progress.pages.fetch_add(1, Ordering::Relaxed);
    }

    /// A page that could not be fetched or read; `entry`: the run's starting point.
    async fn page_failed(
        &mut self,
        url: &str,
        problem: Problem,
        entry: bool,
    ) -> anyhow::Result<()> {
        self.tally.pages_failed += 1;
        self.progress.failed.fetch_add(1, Ordering::Relaxed);
        if entry && self.tally.entry_problem.is_none() {
            self.tally.entry_problem = Some(problem.clone());
        }
        record_error(self.db, self.run_id, url, &problem).await
    }

    /// A page the site's robots.txt keeps us from: reported, but no failure (the run
    /// stays complete: the site asked for it).
    async fn robots_skip(&mut self, url: &str) -> anyhow::Result<()> {
        record_error(
            self.db,
            self.run_id,
            url,
            &FetchError::DisallowedByRobots.into(),
        )
        .await
    }

    /// Fetches a page from the budget; failures are recorded (`entry`: they fail the
    /// run). `None` when the page is not available.
    async fn fetch(&mut self, url: &Url, entry: bool) -> anyhow::Result<Option<FetchedPage>> {
        self.fetch_until_missing(url, entry, false).await
    }

    /// [`Self::fetch`]; with `missing_ends`, a 404 or 410 is no failure but the end of
    /// a paginated list (`None`).
    async fn fetch_until_missing(
        &mut self,
        url: &Url,
        entry: bool,
        missing_ends: bool,
    ) -> anyhow::Result<Option<FetchedPage>> {
        if !self.take_page() {
            return Ok(None);
        }
        let fetched = fetch_page(self.fetcher, url, &self.politeness).await;
        self.page_done();
        match fetched {
            Ok(page) => {
                self.tally.pages_fetched += 1;
                Ok(Some(page))
            }
            Err(FetchError::Http { status: 404 | 410 }) if missing_ends => Ok(None),
            Err(FetchError::DisallowedByRobots) if !entry => {
                self.robots_skip(url.as_str()).await?;
                Ok(None)
            }
            Err(err) => {
                self.page_failed(url.as_str(), err.into(), entry).await?;
                Ok(None)
            }
        }
    }

    /// Parses an entry address; an invalid one is recorded and fails the run.
    async fn entry_url(&mut self, entry: &str) -> anyhow::Result<Option<Url>> {
        match Url::parse(entry) {
            Ok(url) => Ok(Some(url)),
            Err(err) => {
                let problem = Problem::new("invalid-url").with("detail", err);
                self.page_failed(entry, problem, true).await?;
                Ok(None)
            }
        }
    }

    /// The detail pages reached from the entry URLs: the entry URLs themselves without
    /// list rules, else the item links of the list pages walked from each (see the
    /// module's documentation). `Err`: the list rules are invalid.
    async fn walk(
        &mut self,
        entry_urls: &[String],
        list: Option<&ListRules>,
    ) -> anyhow::Result<Result<Vec<Url>, Problem>> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut details: Vec<Url> = Vec::new();
        let Some(list) = list else {
            for entry in entry_urls {
                if let Some(url) = self.entry_url(entry).await?
                    && seen.insert(normalise(&url))
                {
                    details.push(url);
                }
            }
            return Ok(Ok(details));
        };
        let item = match extract::compile_selector("item_link", &list.item_link) {
            Ok(s) => s,
            Err(err) => return Ok(Err(Problem::new("rules").with("detail", err))),
        };
        let next_link = match &list.next {
            Some(NextPage::Link(selector)) => match extract::compile_selector("next", selector) {
                Ok(s) => Some(s),
                Err(err) => return Ok(Err(Problem::new("rules").with("detail", err))),
            },
            _ => None,
        };
        for entry in entry_urls {
            let Some(entry_url) = self.entry_url(entry).await? else {
                continue;
            };
            let mut current = match &list.next {
                Some(NextPage::QueryParam { param, start }) => {
                    with_param(&entry_url, param, *start)
                }
                _ => entry_url.clone(),
            };
            let mut depth: u32 = 0;
            loop {
                if !seen.insert(normalise(&current)) {
                    break;
                }
                let Some(page) = self.fetch(&current, depth == 0).await? else {
                    break;
                };
                seen.insert(normalise(&page.final_url));
                let (items, next_links) =
                    read_list(&page.body_text, &page.final_url, &item, next_link.as_ref());
                let mut new_items = 0;
                for url in items {
                    if seen.insert(normalise(&url)) {
                        details.push(url);
                        new_items += 1;
                    }
                }
                depth += 1;
                let next = match &list.next {
                    None => None,
                    // The first link not seen yet (a selector may match every page
                    // number); only seen pages: the chain loops, it ends.
                    Some(NextPage::Link(_)) => next_links
                        .into_iter()
                        .find(|link| !seen.contains(&normalise(link))),
                    Some(NextPage::QueryParam { param, start }) => {
                        (new_items > 0).then(|| with_param(&entry_url, param, start + depth))
                    }
                    Some(NextPage::PathPattern { pattern, start }) => {
                        if new_items > 0 {
                            let n = start + depth - 1;
                            entry_url.join(&pattern.replace("{n}", &n.to_string())).ok()
                        } else {
                            None
                        }
                    }
                };
                let Some(next) = next else { break };
                if seen.contains(&normalise(&next)) {
                    break;
                }
                if depth >= self.max_depth {
                    self.tally.limit_hit = true;
                    break;
                }
                current = next;
            }
        }
        Ok(Ok(details))
    }

    /// Fetches the detail pages (a few at a time, within the budget), reads them and
    /// records them; pages unchanged since the last run reuse their record.
    /// `details` are made as they are fetched (a page's identity is its normalised URL:
    /// not kept for all pages from the start).
    async fn read_details(
        &mut self,
        details: Box<dyn ExactSizeIterator<Item = Detail> + Send + '_>,
        reader: PageReader,
    ) -> anyhow::Result<()> {
        if details.len() > self.budget {
            self.tally.limit_hit = true;
        }
        let count = details.len().min(self.budget);
        self.budget -= count;
        self.progress.planned.fetch_add(count, Ordering::Relaxed);
        let cache = Arc::new(self.page_cache().await?);
        let concurrency = self
            .politeness
            .per_host_connections
            .unwrap_or(MAX_CONCURRENT_FETCHES)
            .min(self.fetcher.settings().per_host_connections)
            .clamp(1, MAX_CONCURRENT_FETCHES);
        let reader = Arc::new(reader);
        let mut tasks = JoinSet::new();
        // A few pages ahead of the fetches under way, not all of them: pages read
        // faster than they are written wait in memory.
        let window = concurrency * 2;
        let mut waiting = details.take(count);
        loop {
            while tasks.len() < window {
                let Some(detail) = waiting.next() else { break };
                let fetcher = self.fetcher.clone();
                let reader = reader.clone();
                let cache = cache.clone();
                let politeness = self.politeness;
                tasks.spawn(async move {
                    // Validators only for pages whose record comes from the page alone.
                    let cached = detail
                        .known
                        .is_empty()
                        .then(|| cache.get(&detail.identity))
                        .flatten();
                    let result =
                        fetch_detail(&fetcher, &detail.url, &politeness, cached, &reader).await;
                    (detail, result)
                });
            }
            let Some(joined) = tasks.join_next().await else {
                break;
            };
            let (mut detail, result) = joined.context("a detail fetch panicked")?;
            self.page_done();
            match result {
                DetailResult::Unchanged => {
                    self.tally.pages_unchanged += 1;
                    self.make_room(&detail.identity).await?;
                    self.writer
                        .unchanged(&detail.identity, Some(detail.url.as_str()));
                }
                DetailResult::Read { validators, values } => {
                    self.tally.pages_fetched += 1;
                    match values {
                        Ok(values) => {
                            // The page alone makes the record: remember it.
                            let page = detail.known.is_empty().then_some(validators);
                            let mut fields = std::mem::take(&mut detail.known);
                            for (field, value) in values {
                                if !value.is_null() || !fields.contains_key(&field) {
                                    fields.insert(field, value);
                                }
                            }
                            self.make_room(&detail.identity).await?;
                            self.writer.read(
                                &detail.identity,
                                Some(detail.url.as_str()),
                                fields,
                                page,
                            );
                        }
                        Err(problem) => {
                            self.page_failed(detail.url.as_str(), problem, false)
                                .await?;
                        }
                    }
                }
                DetailResult::Failed(FetchError::DisallowedByRobots) => {
                    self.robots_skip(detail.url.as_str()).await?;
                }
                DetailResult::Failed(err) => {
                    self.page_failed(detail.url.as_str(), err.into(), false)
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// The source's page cache for the current configuration, by URL.
    async fn page_cache(&self) -> anyhow::Result<HashMap<String, PageValidators>> {
        let rows = page_cache::Entity::find()
            .filter(page_cache::Column::SourceId.eq(self.source_id))
            .filter(page_cache::Column::ReaderHash.eq(self.reader_hash.as_str()))
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let cached = PageValidators {
                    etag: row.etag,
                    last_modified: row.last_modified,
                    content_hash: row.content_hash,
                };
                (row.url, cached)
            })
            .collect())
    }

    /// Adds an item to the batch of records to write (written every
    /// [`super::store::BATCH`] items, and at the end of the run).
    async fn record(
        &mut self,
        identity: &str,
        url: Option<&str>,
        values: BTreeMap<String, Value>,
    ) -> anyhow::Result<()> {
        self.make_room(identity).await?;
        self.writer.read(identity, url, values, None);
        Ok(())
    }

    /// Flushes the batch when it is full or already holds `identity`.
    async fn make_room(&mut self, identity: &str) -> anyhow::Result<()> {
        self.progress.items.fetch_add(1, Ordering::Relaxed);
        if self.writer.must_flush(identity) {
            self.flush().await?;
        }
        Ok(())
    }

    /// Writes the pending records and counts them.
    async fn flush(&mut self) -> anyhow::Result<()> {
        let flushed = self.writer.flush(self.db).await?;
        self.tally.items += flushed.items;
        self.tally.items_new += flushed.new;
        self.tally.items_changed += flushed.changed;
        self.tally.items_unchanged += flushed.unchanged;
        for (field, n) in flushed.filled {
            *self.tally.filled.entry(field).or_default() += n;
        }
        for url in flushed.missing {
            self.page_failed(&url, Problem::new("record-missing"), false)
                .await?;
        }
        Ok(())
    }

    /// `html`: list pages walked, detail pages read with the field rules.
    async fn html(&mut self, config: &HtmlConfig) -> anyhow::Result<Option<Problem>> {
        let rules = match compile_rules(&config.fields) {
            Ok(rules) => rules,
            Err(reason) => return Ok(Some(reason)),
        };
        self.expect_fields(rules.field_names());
        let details = match self.walk(&config.entry_urls, config.list.as_ref()).await? {
            Ok(details) => details,
            Err(reason) => return Ok(Some(reason)),
        };
        let details = Box::new(details.into_iter().map(Detail::page));
        self.read_details(details, PageReader::Fields(rules))
            .await?;
        Ok(None)
    }

    /// `jsonld`: list pages walked like `html`, each detail page's first JSON-LD object.
    async fn jsonld(&mut self, config: &JsonLdConfig) -> anyhow::Result<Option<Problem>> {
        let details = match self.walk(&config.entry_urls, config.list.as_ref()).await? {
            Ok(details) => details,
            Err(reason) => return Ok(Some(reason)),
        };
        let details = Box::new(details.into_iter().map(Detail::page));
        self.read_details(details, PageReader::JsonLd).await?;
        Ok(None)
    }

    /// `feed`: each entry is a record (identity: its link, else its id); with
    /// `detail_fields`, its link is fetched and read with them.
    async fn feed(&mut self, config: &FeedConfig) -> anyhow::Result<Option<Problem>> {
        let rules = match config.detail_fields.as_ref().map(compile_rules).transpose() {
            Ok(rules) => rules,
            Err(reason) => return Ok(Some(reason)),
        };
        self.expect_fields(FeedEntry::default().fields().keys().map(String::as_str));
        if let Some(rules) = &rules {
            self.expect_fields(rules.field_names());
        }
        let Some(feed_url) = self.entry_url(&config.url).await? else {
            return Ok(None);
        };
        let Some(page) = self.fetch(&feed_url, true).await? else {
            return Ok(None);
        };
        let feed = match feed::parse_feed(page.body_text.as_bytes(), &page.final_url) {
            Ok(feed) => feed,
            Err(err) => {
                // The document was fetched but is no feed: the run has no starting point.
                let problem = Problem::new("not-a-feed").with("detail", err);
                self.tally.entry_problem = Some(problem.clone());
                record_error(self.db, self.run_id, feed_url.as_str(), &problem).await?;
                return Ok(None);
            }
        };
        if let Some(error) = &feed.error {
            // Entries after the break are unknown: the run is not complete.
            self.tally.pages_failed += 1;
            let problem = Problem::new("feed-broken").with("detail", error);
            record_error(self.db, self.run_id, feed_url.as_str(), &problem).await?;
        }
        let mut seen = HashSet::new();
        let mut details = Vec::new();
        for entry in &feed.entries {
            let identity = match (&entry.link, &entry.id) {
                (Some(link), _) => normalise(link),
                (None, Some(id)) => id.clone(),
                (None, None) => {
                    let title = entry.title.as_deref().unwrap_or_default();
                    let problem = Problem::new("feed-entry-without-link").with("title", title);
                    record_error(self.db, self.run_id, feed_url.as_str(), &problem).await?;
                    continue;
                }
            };
            if !seen.insert(identity.clone()) {
                continue;
            }
            match (&entry.link, rules.is_some()) {
                (Some(link), true) => details.push(Detail {
                    url: link.clone(),
                    identity,
                    known: entry.fields(),
                }),
                _ => {
                    let url = entry.link.as_ref().map(normalise);
                    self.record(&identity, url.as_deref(), entry.fields())
                        .await?;
                }
            }
        }
        if let Some(rules) = rules {
            self.read_details(Box::new(details.into_iter()), PageReader::Fields(rules))
                .await?;
        }
        Ok(None)
    }

    /// `sitemap`: the pages listed by the sitemap (and the sitemaps of an index, one
    /// level) whose URL matches `url_pattern`, read with the field rules.
    async fn sitemap(&mut self, config: &SitemapConfig) -> anyhow::Result<Option<Problem>> {
        let rules = match compile_rules(&config.fields) {
            Ok(rules) => rules,
            Err(reason) => return Ok(Some(reason)),
        };
        let pattern = match config.url_pattern.as_deref().map(Regex::new).transpose() {
            Ok(pattern) => pattern,
            Err(err) => return Ok(Some(Problem::new("url-pattern").with("detail", err))),
        };
        self.expect_fields(rules.field_names());
        let Some(sitemap_url) = self.entry_url(&config.url).await? else {
            return Ok(None);
        };
        let Some(page) = self.fetch(&sitemap_url, true).await? else {
            return Ok(None);
        };
        let top = sitemap::parse_sitemap(&page.body_text);
        let mut pages: Vec<Url> = resolve_all(&page.final_url, &top.urls);
        for child in resolve_all(&page.final_url, &top.sitemaps) {
            if let Some(page) = self.fetch(&child, false).await? {
                let urls = sitemap::parse_sitemap(&page.body_text).urls;
                pages.extend(resolve_all(&page.final_url, &urls));
            }
        }
        let mut seen = HashSet::new();
        let details: Vec<Url> = pages
            .into_iter()
            .filter(|url| pattern.as_ref().is_none_or(|p| p.is_match(url.as_str())))
            .filter(|url| seen.insert(normalise(url)))
            .collect();
        drop(seen);
        let details = Box::new(details.into_iter().map(Detail::page));
        self.read_details(details, PageReader::Fields(rules))
            .await?;
        Ok(None)
    }

    /// `json`: the items of each page of the API (see the module's documentation).
    async fn json(&mut self, config: &JsonConfig) -> anyhow::Result<Option<Problem>> {
        self.expect_fields(config.fields.keys().map(String::as_str));
        let Some(first) = self.entry_url(&config.url).await? else {
            return Ok(None);
        };
        let mut current = match &config.pagination {
            Some(JsonPagination::PageParam { param, start }) => with_param(&first, param, *start),
            _ => first.clone(),
        };
        let mut seen_pages = HashSet::new();
        let mut seen_items = HashSet::new();
        let mut depth: u32 = 0;
        loop {
            if !seen_pages.insert(normalise(&current)) {
                break;
            }
            let Some(page) = self
                .fetch_until_missing(&current, depth == 0, depth > 0)
                .await?
            else {
                break;
            };
            let items = serde_json::from_str::<Value>(&page.body_text)
                .map_err(|e| Problem::new("not-json").with("detail", e))
                .and_then(|doc| {
                    let items = api::items(&doc, &config.items_path)?.to_vec();
                    Ok((doc, items))
                });
            let (doc, items) = match items {
                Ok(found) => found,
                Err(problem) => {
                    self.page_failed(current.as_str(), problem, depth == 0)
                        .await?;
                    break;
                }
            };
            let mut new_items = 0;
            for item in &items {
                let fields = api::item_fields(item, &config.fields);
                let identity = match config.id_path.as_deref() {
                    Some(path) => match api::item_id(item, path) {
                        Some(id) => id,
                        None => {
                            let problem = Problem::new("item-without-id").with("path", path);
                            record_error(self.db, self.run_id, current.as_str(), &problem).await?;
                            continue;
                        }
                    },
                    None => format!("item:{}", content_hash(&fields)),
                };
                if seen_items.insert(identity.clone()) {
                    new_items += 1;
                    // The API page is no address of the project; its own page is, when
                    // the item links one (field `url`).
                    let mut fields = fields;
                    let page = item_page(&mut fields, Some(&current));
                    self.record(&identity, page.as_deref(), fields).await?;
                }
            }
            depth += 1;
            let next = match &config.pagination {
                None => None,
                Some(JsonPagination::PageParam { param, start }) => {
                    (new_items > 0).then(|| with_param(&first, param, start + depth))
                }
                Some(JsonPagination::NextLink { path }) => api::at_path(&doc, path)
                    .and_then(Value::as_str)
                    .filter(|link| !link.trim().is_empty())
                    .and_then(|link| page.final_url.join(link.trim()).ok()),
            };
            let Some(next) = next else { break };
            if depth >= self.max_depth {
                self.tally.limit_hit = true;
                break;
            }
            current = next;
        }
        Ok(None)
    }

    /// `csv`: each row of the file at `url`, or of the uploaded file.
    async fn csv(&mut self, config: &CsvConfig) -> anyhow::Result<Option<Problem>> {
        self.expect_fields(config.columns.keys().map(String::as_str));
        let (origin, bytes) = match &config.url {
            Some(url) => {
                let Some(url) = self.entry_url(url).await? else {
                    return Ok(None);
                };
                let Some(page) = self.fetch(&url, true).await? else {
                    return Ok(None);
                };
                (page.final_url.to_string(), page.body)
            }
            None => {
                let src = source::Entity::find_by_id(self.source_id)
                    .one(self.db)
                    .await?
                    .context("the source disappeared during its run")?;
                match crate::sources::uploads::load(self.db, &src).await? {
                    Some(bytes) => {
                        // The file is read like a fetched page.
                        self.tally.pages_fetched += 1;
                        self.progress.planned.fetch_add(1, Ordering::Relaxed);
                        self.page_done();
                        let name = src.upload_name.unwrap_or_else(|| "upload.csv".into());
                        (format!("fichier:{name}"), bytes)
                    }
                    None => {
                        return Ok(Some(Problem::new("no-file")));
                    }
                }
            }
        };
        let rows = tabular::decode(&bytes, config.encoding.as_deref())
            .and_then(|text| tabular::parse(&text, config.separator))
            .and_then(|table| {
                tabular::read_rows(&table, &config.columns, config.id_column.as_deref())
            });
        let rows = match rows {
            Ok(rows) => rows,
            Err(problem) => {
                self.page_failed(&origin, problem, true).await?;
                return Ok(None);
            }
        };
        for problem in &rows.skipped {
            record_error(self.db, self.run_id, &origin, problem).await?;
        }
        // The file is no address of a project; a row's own page is (field `url`).
        let base = Url::parse(&origin).ok();
        for mut row in rows.rows {
            let page = item_page(&mut row.fields, base.as_ref());
            self.record(&row.identity, page.as_deref(), row.fields)
                .await?;
        }
        Ok(None)
    }

    /// Fields whose fill rate is reported even when never filled.
    fn expect_fields<'f>(&mut self, fields: impl IntoIterator<Item = &'f str>) {
        for field in fields {
            self.tally.filled.entry(field.to_owned()).or_insert(0);
        }
    }
}

/// The addresses of a sitemap, resolved against it (invalid ones are dropped).
fn resolve_all(base: &Url, locs: &[String]) -> Vec<Url> {
    locs.iter().filter_map(|loc| base.join(loc).ok()).collect()
}

/// The crawl proper. `Ok(Some(reason))`: the run could not start.
async fn crawl(
    db: &DatabaseConnection,
    fetcher: &Fetcher,
    src: &source::Model,
    run_id: i64,
    options: &RunOptions,
    tally: &mut Tally,
) -> anyhow::Result<Option<Problem>> {
    let config: SourceConfig = match serde_json::from_str(&src.config) {
        Ok(config) => config,
        Err(err) => {
            return Ok(Some(Problem::new("config").with("detail", err)));
        }
    };
    let reader_hash = crate::digest::sha256_hex(src.config.as_bytes());
    let mut ctx = Ctx {
        db,
        fetcher,
        source_id: src.id,
        run_id,
        reader_hash: reader_hash.clone(),
        writer: RecordWriter::new(src.id, run_id, reader_hash),
        politeness: options.politeness.unwrap_or(SourcePoliteness {
            per_host_delay: (src.per_host_delay_ms > 0)
                .then(|| Duration::from_millis(src.per_host_delay_ms as u64)),
            per_host_connections: (src.per_host_connections > 0)
                .then_some(src.per_host_connections as usize),
        }),
        budget: options
            .max_pages
            .map(|n| n as usize)
            .unwrap_or(src.max_pages.max(0) as usize),
        progress: options.progress.clone().unwrap_or_default(),
        max_depth: src.max_depth.max(1) as u32,
        tally,
    };
    let outcome = match &config {
        SourceConfig::Html(config) => ctx.html(config).await,
        SourceConfig::Jsonld(config) => ctx.jsonld(config).await,
        SourceConfig::Feed(config) => ctx.feed(config).await,
        SourceConfig::Sitemap(config) => ctx.sitemap(config).await,
        SourceConfig::Json(config) => ctx.json(config).await,
        SourceConfig::Csv(config) => ctx.csv(config).await,
    };
    // What was read is kept even when the run stops on an error.
    ctx.flush().await?;
    outcome
}

/// SHA-256 (hex) of the fields as canonical JSON (keys sorted).
pub fn content_hash(fields: &BTreeMap<String, Value>) -> String {
    let json = serde_json::to_string(fields).unwrap_or_default();
    crate::digest::sha256_hex(json.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_params_replace_the_page_number() {
        let url = Url::parse("https://a.example/liste?tri=nom&page=3#x").unwrap();
        assert_eq!(
            with_param(&url, "page", 4).as_str(),
            "https://a.example/liste?tri=nom&page=4#x"
        );
        assert_eq!(normalise(&url), "https://a.example/liste?tri=nom&page=3");
    }

    #[test]
    fn the_hash_ignores_key_order() {
        let a: BTreeMap<String, Value> = serde_json::from_str(r#"{"b": 1, "a": ["x"]}"#).unwrap();
        let b: BTreeMap<String, Value> = serde_json::from_str(r#"{"a": ["x"], "b": 1}"#).unwrap();
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash(&a).len(), 64);
    }
}
