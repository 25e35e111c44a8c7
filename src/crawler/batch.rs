//! `carrefour crawl SOURCE…|--all [--max-pages N]`: runs crawls from the command line,
//! a few sources at a time, with a progress bar per source (on a terminal) and a summary
//! table at the end. Runs are recorded and watched exactly like scheduled ones.
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tokio::task::JoinSet;

use super::run::{RunOptions, RunProgress, crawl_source_with};
use crate::entities::{crawl_run, partner, source};
use crate::state::AppState;

/// Which sources: `all`, or each given as an id or `partner-slug/source name`.
pub async fn select(
    state: &AppState,
    names: &[String],
    all: bool,
) -> anyhow::Result<Vec<source::Model>> {
    if all {
        return Ok(crate::sources::service::crawlable(&state.db)
            .await?
            .order_by_asc(source::Column::Id)
            .all(&state.db)
            .await?);
    }
    let mut found = Vec::new();
    for name in names {
        found.push(find_one(state, name).await?);
    }
    Ok(found)
}

async fn find_one(state: &AppState, name: &str) -> anyhow::Result<source::Model> {
    if let Ok(id) = name.parse::<i64>() {
        return source::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .with_context(|| format!("no source with id {id}"));
    }
    let (slug, source_name) = name.split_once('/').with_context(|| {
        format!("“{name}”: give a source as its id or as partner-slug/source name")
    })?;
    let partner = partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug))
        .one(&state.db)
        .await?
        .with_context(|| format!("no partner “{slug}”"))?;
    source::Entity::find()
        .filter(source::Column::PartnerId.eq(partner.id))
        .filter(source::Column::Name.eq(source_name))
        .one(&state.db)
        .await?
        .with_context(|| format!("partner “{slug}” has no source “{source_name}”"))
}

/// How one source's crawl ended.
pub struct Outcome {
    pub source: source::Model,
    pub run: Result<crawl_run::Model, String>,
}

/// Crawls `sources`, `jobs` at a time.
pub async fn crawl_all(
    state: &AppState,
    sources: Vec<source::Model>,
    options: RunOptions,
    jobs: usize,
) -> Vec<Outcome> {
    let bars = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
    // Names as wide as the longest (within reason), so that bars line up and stay whole.
    let width = sources
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(10)
        .clamp(10, 60);
    let style = ProgressStyle::with_template(&format!(
        "{{prefix:{width}!}} [{{bar:30}}] {{pos}}/{{len}} pages · {{msg}} · {{elapsed_precise}}"
    ))
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    let semaphore = Arc::new(tokio::sync::Semaphore::new(jobs.max(1)));
    let mut tasks = JoinSet::new();
    for (index, src) in sources.into_iter().enumerate() {
        let bar = bars.add(ProgressBar::new(0).with_style(style.clone()));
        bar.set_prefix(src.name.clone());
        bar.set_message("waiting");
        let progress = Arc::new(RunProgress::default());
        let options = RunOptions {
            progress: Some(progress.clone()),
            ..options.clone()
        };
        let state = state.clone();
        let semaphore = semaphore.clone();
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await;
            let ticker = tokio::spawn(show(bar.clone(), progress));
            let run = crawl_source_with(&state.db, &state.fetcher, src.id, "cli", &options).await;
            ticker.abort();
            let run = match run {
                Ok(run) => {
                    if let Err(err) = super::run::after_run(&state, &run).await {
                        tracing::warn!(source = src.id, "after the run: {err:#}");
                    }
                    bar.finish_with_message(run.status.clone());
                    Ok(run)
                }
                Err(err) => {
                    bar.abandon_with_message("error");
                    Err(format!("{err:#}"))
                }
            };
            (index, Outcome { source: src, run })
        });
    }
    let mut outcomes = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(outcome) => outcomes.push(outcome),
            Err(err) => tracing::error!("a crawl task failed: {err}"),
        }
    }
    outcomes.sort_by_key(|(index, _)| *index);
    outcomes.into_iter().map(|(_, outcome)| outcome).collect()
}

/// Refreshes a bar from the run's counters until aborted.
async fn show(bar: ProgressBar, progress: Arc<RunProgress>) {
    loop {
        bar.set_length(progress.planned.load(Ordering::Relaxed) as u64);
        bar.set_position(progress.pages.load(Ordering::Relaxed) as u64);
        bar.set_message(format!(
            "{} items, {} failed",
            progress.items.load(Ordering::Relaxed),
            progress.failed.load(Ordering::Relaxed)
        ));
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// The summary table: one line per source, then totals.
pub fn summary(outcomes: &[Outcome]) -> String {
    let header = [
        "source",
        "status",
        "time",
        "fetched",
        "unchanged",
        "failed",
        "new",
        "changed",
        "same",
        "gone",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut totals = [0i64; 7];
    for outcome in outcomes {
        let name = format!("{} {}", outcome.source.id, outcome.source.name);
        match &outcome.run {
            Ok(run) => {
                let counts = [
                    run.pages_fetched,
                    run.pages_unchanged,
                    run.pages_failed,
                    run.items_new,
                    run.items_changed,
                    run.items_unchanged,
                    run.items_gone,
                ];
                for (total, n) in totals.iter_mut().zip(counts) {
                    *total += i64::from(n);
                }
                let secs = match (run.started_at, run.finished_at) {
                    (Some(a), Some(b)) => (b - a).num_milliseconds() as f64 / 1000.0,
                    _ => 0.0,
                };
                let mut row = vec![name, run.status.clone(), format!("{secs:.1}s")];
                row.extend(counts.iter().map(ToString::to_string));
                rows.push(row);
            }
            Err(err) => {
                let mut row = vec![name, "error".into(), String::new()];
                row.extend(std::iter::repeat_n(String::new(), 7));
                row[3] = err.clone();
                rows.push(row);
            }
        }
    }
    let mut total_row = vec![
        format!("{} sources", outcomes.len()),
        String::new(),
        String::new(),
    ];
    total_row.extend(totals.iter().map(ToString::to_string));
    rows.push(total_row);
    let mut out = table(&header, &rows);
    // Why runs failed, in the words of their reports.
    for outcome in outcomes {
        if let Ok(run) = &outcome.run
            && let Some(failure) = &run.failure
        {
            out.push_str(&format!(
                "{} {}: {failure}\n",
                outcome.source.id, outcome.source.name
            ));
        }
    }
    out
}

/// `N pages in S s (R pages/s)`: every page requested (fetched, unchanged or failed)
/// over the wall time of the whole batch.
pub fn throughput(outcomes: &[Outcome], elapsed: Duration) -> String {
    let pages: i64 = outcomes
        .iter()
        .filter_map(|o| o.run.as_ref().ok())
        .map(|r| i64::from(r.pages_fetched + r.pages_unchanged + r.pages_failed))
        .sum();
    let secs = elapsed.as_secs_f64().max(0.001);
    format!(
        "{pages} pages in {secs:.1} s ({:.0} pages/s)",
        pages as f64 / secs
    )
}

/// Columns padded to their widest cell (numbers right-aligned).
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                let pad = " ".repeat(width - cell.chars().count());
                if i >= 3 && cell.parse::<i64>().is_ok() {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = vec![line(header.to_vec())];
    out.push(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  "),
    );
    for row in rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_their_columns() {
        let text = table(
            &["source", "status", "time", "pages"],
            &[
                vec![
                    "1 Réseau".into(),
                    "succeeded".into(),
                    "2.0s".into(),
                    "1200".into(),
                ],
                vec!["2 Fil".into(), "failed".into(), "0.1s".into(), "3".into()],
            ],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "source    status     time  pages");
        assert_eq!(lines[2], "1 Réseau  succeeded  2.0s   1200");
        assert_eq!(lines[3], "2 Fil     failed     0.1s      3");
    }
}
