//! `carrefour bench board`: the bench harness's faceted French queries on the board's
//! index, as `/courtage` asks them (top 20 by relevance, the total and the counts of
//! every criterion), timed one by one; then the same queries on the project search of
//! this hub (`bench search`'s run), so the report is a ratio measured in one run.
//! `--fill N` first tops the board up to N published requests written from the hub's
//! projects (title, summary, themes, place; kinds in turn): a bench hub only.
use std::time::Instant;

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;

use super::index::{BoardIndex, BoardQuery, Sort, names};
use super::model::{Kind, Status};
use crate::entities::{board_request, board_request_term, project, project_term};
use crate::search::bench::{BenchQuery, BenchReport, summarise};
use crate::web::Lang;

/// Projects read, and requests written, per statement.
const BATCH: u64 = 500;

/// What the run measured.
#[derive(Debug, Serialize)]
pub struct BoardBenchRun {
    /// Requests the bench wrote before measuring.
    pub filled: u64,
    /// Seconds to build the board's index from the table.
    pub build_seconds: f64,
    pub board: BenchReport,
    pub projects: BenchReport,
    /// The board's p95 over the project search's.
    pub p95_ratio_to_projects: f64,
}

/// Tops the board up to `target` published requests written from the projects; returns
/// how many it wrote.
pub async fn fill(db: &DatabaseConnection, target: u64) -> anyhow::Result<u64> {
    let published = board_request::Entity::find()
        .filter(board_request::Column::Status.eq(Status::Published.as_str()))
        .count(db)
        .await?;
    let mut missing = target.saturating_sub(published);
    let written = missing;
    let projects = project::Entity::find()
        .filter(project::Column::MergedInto.is_null())
        .count(db)
        .await?;
    anyhow::ensure!(
        missing == 0 || projects > 0,
        "no project to write requests from: consolidate the bench hub first"
    );
    let now = Utc::now();
    let mut round = 0u64;
    while missing > 0 {
        let mut after = 0i64;
        loop {
            let rows = project::Entity::find()
                .filter(project::Column::MergedInto.is_null())
                .filter(project::Column::Id.gt(after))
                .order_by_asc(project::Column::Id)
                .limit(BATCH.min(missing))
                .all(db)
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            write_batch(db, &rows, round, now).await?;
            missing -= rows.len() as u64;
            if missing == 0 {
                break;
            }
        }
        round += 1;
    }
    Ok(written)
}

async fn write_batch(
    db: &DatabaseConnection,
    projects: &[project::Model],
    round: u64,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let terms = project_term::Entity::find()
        .filter(project_term::Column::ProjectId.is_in(ids))
        .all(db)
        .await?;
    let txn = crate::db::begin_write(db).await?;
    for (n, p) in projects.iter().enumerate() {
        let kind = Kind::ALL[(p.id as usize + round as usize + n) % Kind::ALL.len()];
        let description = format!("{}\n\n{}", p.summary, p.summary);
        let request = board_request::ActiveModel {
            kind: Set(kind.as_str().into()),
            status: Set(Status::Published.as_str().into()),
            title: Set(format!(
                "{} : {}",
                Lang::Fr.t(&format!("board-kind-{}", kind.as_str())),
                p.title
            )),
            description_html: Set(crate::web::markdown::to_safe_html(&description)),
            description: Set(description),
            organisation: Set(p.holder_name.clone().unwrap_or_else(|| p.title.clone())),
            territory: Set(if p.commune_insee.is_some() {
                "commune"
            } else {
                "france"
            }
            .into()),
            commune_insee: Set(p.commune_insee.clone()),
            department_code: Set(p.department_code.clone()),
            region_code: Set(p.region_code.clone()),
            latitude: Set(p.latitude),
            longitude: Set(p.longitude),
            contract: Set((kind == Kind::Job).then(|| "cdd".to_owned())),
            deadline: Set((now + Duration::days(60)).date_naive()),
            answer_mode: Set("carrefour".into()),
            published_at: Set(Some(now - Duration::minutes(n as i64))),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let id = board_request::Entity::insert(request)
            .exec(&txn)
            .await?
            .last_insert_id;
        let codes: Vec<board_request_term::ActiveModel> = terms
            .iter()
            .filter(|t| t.project_id == p.id)
            .map(|t| board_request_term::ActiveModel {
                request_id: Set(id),
                term_code: Set(t.term_code.clone()),
            })
            .collect();
        if !codes.is_empty() {
            board_request_term::Entity::insert_many(codes)
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// The board query of a bench line: the words, and its theme or region as the board's
/// criterion of that name.
fn board_query(q: &BenchQuery) -> BoardQuery {
    let mut query = BoardQuery {
        text: q.criteria.text.clone(),
        sort: Sort::Relevance,
        limit: 20,
        ..Default::default()
    };
    query.chosen.insert(names::THEME, q.criteria.themes.clone());
    query
        .chosen
        .insert(names::REGION, q.criteria.regions.clone());
    query
}

/// Builds the board's index from the table, then runs every query once to warm up and
/// `repeat` times each, timed.
pub async fn run(
    db: &DatabaseConnection,
    queries: &[BenchQuery],
    repeat: usize,
) -> anyhow::Result<(f64, BenchReport)> {
    anyhow::ensure!(!queries.is_empty(), "no query to run");
    let index = BoardIndex::default();
    let started = Instant::now();
    let documents = index.refresh(db).await? as u64;
    let build_seconds = started.elapsed().as_secs_f64();
    let mut empty = 0;
    for q in queries {
        if index.search(&board_query(q)).await?.total == 0 {
            empty += 1;
        }
    }
    let mut times = Vec::with_capacity(queries.len() * repeat);
    for _ in 0..repeat.max(1) {
        for q in queries {
            let query = board_query(q);
            let started = Instant::now();
            let found = index.search(&query).await?;
            times.push(started.elapsed());
            std::hint::black_box(found.total);
        }
    }
    Ok((
        build_seconds,
        summarise(
            "carrefour-board",
            documents,
            queries.len(),
            repeat,
            times,
            empty,
        ),
    ))
}
