//! `carrefour bench search`: the bench harness's faceted French queries answered
//! in-process by this node's index, as the search page asks them (top 20 by relevance,
//! the total, and the counts of every criterion), timed one by one.
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::Serialize;

use super::engine::{Request, Sort};
use super::index::SearchIndex;
use super::query::Criteria;
use crate::entities::taxonomy_term;
use crate::geo::communes;
use crate::taxonomy::matching::{Matcher, normalise};

/// One line of `queries.txt`: words, and maybe one criterion (`theme=<label>` or
/// `region=<name>`).
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub line: String,
    pub criteria: Criteria,
}

/// Reads the harness's queries, naming criteria by the hub's codes.
pub async fn read_queries(db: &DatabaseConnection, path: &Path) -> anyhow::Result<Vec<BenchQuery>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let terms = taxonomy_term::Entity::find().all(db).await?;
    let matcher = Matcher::new(&terms);
    let mut queries = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (words, facet) = line.split_once('\t').unwrap_or((line, ""));
        let mut criteria = Criteria {
            text: words.trim().to_owned(),
            ..Default::default()
        };
        if let Some((key, value)) = facet.split_once('=') {
            match key {
                "theme" => {
                    let code = matcher
                        .find(&normalise(value))
                        .with_context(|| format!("no theme is named {value:?}"))?;
                    criteria.themes.push(code.to_owned());
                }
                "region" => {
                    let code = communes::regions()
                        .into_iter()
                        .find(|(_, name)| *name == value)
                        .map(|(code, _)| code)
                        .with_context(|| format!("no region is named {value:?}"))?;
                    criteria.regions.push(code.to_owned());
                }
                other => anyhow::bail!("unknown criterion {other:?} in {line:?}"),
            }
        }
        queries.push(BenchQuery {
            line: line.to_owned(),
            criteria,
        });
    }
    Ok(queries)
}

impl BenchQuery {
    /// The query as the search page's URL parameters.
    pub fn to_query(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        out.append_pair("q", &self.criteria.text);
        for theme in &self.criteria.themes {
            out.append_pair("theme", theme);
        }
        for region in &self.criteria.regions {
            out.append_pair("region", region);
        }
        out.finish()
    }
}

/// What the run measured.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub engine: &'static str,
    pub documents: u64,
    pub queries: usize,
    pub repeat: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
    /// Queries that found nothing.
    pub empty: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[at.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// Runs every query once to warm up, then `repeat` times each, timed.
pub fn run(
    index: &SearchIndex,
    queries: &[BenchQuery],
    repeat: usize,
) -> anyhow::Result<BenchReport> {
    anyhow::ensure!(!queries.is_empty(), "no query to run");
    let generation = index.current()?;
    anyhow::ensure!(
        generation.applied().is_some(),
        "the index was never built: run `carrefour reindex` first"
    );
    let documents = generation.reader.searcher().num_docs();
    let request = |q: &BenchQuery| Request {
        criteria: q.criteria.clone(),
        sort: Sort::Relevance,
        offset: 0,
        limit: 20,
        facets: true,
    };
    let mut empty = 0;
    for q in queries {
        if generation.search(&request(q))?.total == 0 {
            empty += 1;
        }
    }
    let mut times = Vec::with_capacity(queries.len() * repeat);
    for _ in 0..repeat.max(1) {
        for q in queries {
            let request = request(q);
            let started = Instant::now();
            let outcome = generation.search(&request)?;
            times.push(started.elapsed());
            std::hint::black_box(outcome.total);
        }
    }
    Ok(summarise(
        "carrefour-tantivy",
        documents,
        queries.len(),
        repeat,
        times,
        empty,
    ))
}

/// The report of `times`, one per query answered.
pub fn summarise(
    engine: &'static str,
    documents: u64,
    queries: usize,
    repeat: usize,
    mut times: Vec<Duration>,
    empty: usize,
) -> BenchReport {
    times.sort_unstable();
    let mean = times.iter().sum::<Duration>().as_secs_f64() * 1000.0 / times.len() as f64;
    BenchReport {
        engine,
        documents,
        queries,
        repeat: repeat.max(1),
        p50_ms: percentile(&times, 50.0),
        p95_ms: percentile(&times, 95.0),
        max_ms: percentile(&times, 100.0),
        mean_ms: mean,
        empty,
    }
}

/// The hub's engine and its bare-tantivy peer, measured in the same run.
#[derive(Debug, Serialize)]
pub struct BenchRun {
    #[serde(flatten)]
    pub carrefour: BenchReport,
    pub bare: BenchReport,
    /// Carrefour's p95 over the bare index's.
    pub p95_ratio_to_bare: f64,
}

impl BenchReport {
    pub fn line(&self) -> String {
        format!(
            "{}: {} documents, {} queries × {}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms, mean {:.2} ms ({} with no hit)",
            self.engine,
            self.documents,
            self.queries,
            self.repeat,
            self.p50_ms,
            self.p95_ms,
            self.max_ms,
            self.mean_ms,
            self.empty
        )
    }
}
