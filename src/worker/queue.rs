//! The `jobs` table as a queue.
use std::future::Future;

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, TryGetable, Value,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::db::statement;
use crate::entities::job;
use crate::error::AppResult;
use crate::state::AppState;

/// A unit of background work: serialisable, with a stable name and a `run` function.
pub trait Job: Serialize + DeserializeOwned + Send + Sync {
    /// Stable name stored in the `kind` column.
    const KIND: &'static str;

    /// Does the work; an error makes the worker retry later with backoff.
    fn run(self, state: &AppState) -> impl Future<Output = anyhow::Result<()>> + Send;

    /// While a job with this key is pending, enqueueing another one with it does nothing.
    fn unique_key(&self) -> Option<String> {
        None
    }
}

/// Queues `job` to run now and wakes the in-process worker; returns the job id, or
/// `None` when a pending job with the same unique key already exists.
pub async fn enqueue<J: Job>(state: &AppState, job: &J) -> AppResult<Option<i64>> {
    let id = insert(
        &state.db,
        job,
        Utc::now(),
        state.settings.worker.max_attempts,
    )
    .await?;
    state.jobs_queued.notify_one();
    Ok(id)
}

/// Inserts a job row (usable inside a transaction).
pub async fn insert<J: Job, C: ConnectionTrait>(
    conn: &C,
    job: &J,
    run_at: DateTime<Utc>,
    max_attempts: i32,
) -> AppResult<Option<i64>> {
    let now = Utc::now();
    let row = job::ActiveModel {
        kind: Set(J::KIND.to_owned()),
        payload: Set(serde_json::to_string(job).map_err(anyhow::Error::from)?),
        status: Set("queued".into()),
        run_at: Set(run_at),
        attempts: Set(0),
        max_attempts: Set(max_attempts),
        locked_until: Set(None),
        locked_by: Set(None),
        unique_key: Set(job.unique_key()),
        last_error: Set(None),
        finished_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let insert = job::Entity::insert(row);
    if job.unique_key().is_none() {
        return Ok(Some(insert.exec(conn).await?.last_insert_id));
    }
    match insert
        .on_conflict_do_nothing_on([job::Column::UniqueKey])
        .exec(conn)
        .await
    {
        Ok(sea_orm::TryInsertResult::Inserted(done)) => Ok(Some(done.last_insert_id)),
        Ok(_) | Err(DbErr::RecordNotInserted) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A job claimed by a worker.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i32,
    pub max_attempts: i32,
}

fn get<T: TryGetable>(row: &sea_orm::QueryResult, col: &str) -> Result<T, DbErr> {
    row.try_get("", col)
}

/// Claims the next due job (or one whose lease expired) for `worker_id`.
pub async fn claim(
    db: &DatabaseConnection,
    worker_id: &str,
    lease: Duration,
) -> Result<Option<Claimed>, DbErr> {
    let now = Utc::now();
    let backend = db.get_database_backend();
    // PostgreSQL lets many workers skip each other's locked rows; SQLite has one writer.
    let lock = if backend == sea_orm::DbBackend::Postgres {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $1, \
         locked_by = $2, updated_at = $3 \
         WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $3) \
         OR (status = 'running' AND locked_until < $3) ORDER BY run_at, id LIMIT 1 {lock}) \
         RETURNING id, kind, payload, attempts, max_attempts"
    );
    let values: Vec<Value> = vec![(now + lease).into(), worker_id.into(), now.into()];
    let row = db.query_one_raw(statement(backend, &sql, values)).await?;
    row.map(|row| {
        Ok(Claimed {
            id: get(&row, "id")?,
            kind: get(&row, "kind")?,
            payload: get(&row, "payload")?,
            attempts: get(&row, "attempts")?,
            max_attempts: get(&row, "max_attempts")?,
        })
    })
    .transpose()
}

/// Marks a claimed job done, if this worker still holds it.
pub async fn complete(
    db: &DatabaseConnection,
    job: &Claimed,
    worker_id: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let sql = "UPDATE jobs SET status = 'done', finished_at = $1, updated_at = $1, locked_until = NULL, \
               unique_key = NULL, last_error = NULL WHERE id = $2 AND locked_by = $3";
    let backend = db.get_database_backend();
    db.execute_raw(statement(
        backend,
        sql,
        [now.into(), job.id.into(), worker_id.into()],
    ))
    .await?;
    Ok(())
}

/// Delay before retry number `attempts` (1-based): 5 s doubling, at most one hour, ±20 %.
pub fn backoff(attempts: i32) -> Duration {
    let base = 5f64 * 2f64.powi(attempts.clamp(1, 20) - 1);
    let capped = base.min(3600.0);
    let jitter = rand::rng().random_range(0.8..1.2);
    Duration::milliseconds((capped * jitter * 1000.0) as i64)
}

/// Records a failure: retried later with backoff, or `failed` for good after the last
/// attempt. The error text stays on the row for whoever looks.
pub async fn fail(
    db: &DatabaseConnection,
    job: &Claimed,
    worker_id: &str,
    error: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let backend = db.get_database_backend();
    let error: String = error.chars().take(4000).collect();
    if job.attempts >= job.max_attempts {
        let sql = "UPDATE jobs SET status = 'failed', last_error = $1, finished_at = $2, updated_at = $2, \
                   locked_until = NULL, unique_key = NULL WHERE id = $3 AND locked_by = $4";
        db.execute_raw(statement(
            backend,
            sql,
            [error.into(), now.into(), job.id.into(), worker_id.into()],
        ))
        .await?;
    } else {
        let sql = "UPDATE jobs SET status = 'queued', last_error = $1, run_at = $2, updated_at = $3, \
                   locked_until = NULL WHERE id = $4 AND locked_by = $5";
        let retry_at = now + backoff(job.attempts);
        db.execute_raw(statement(
            backend,
            sql,
            [
                error.into(),
                retry_at.into(),
                now.into(),
                job.id.into(),
                worker_id.into(),
            ],
        ))
        .await?;
    }
    Ok(())
}

/// Counts of jobs per status, for operators.
pub async fn counts(db: &DatabaseConnection) -> Result<Vec<(String, i64)>, DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(statement(
            backend,
            "SELECT status, COUNT(*) AS n FROM jobs GROUP BY status ORDER BY status",
            [],
        ))
        .await?;
    rows.iter()
        .map(|r| Ok((get(r, "status")?, get(r, "n")?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let first = backoff(1).num_milliseconds();
        assert!((4000..=6000).contains(&first), "{first}");
        let fifth = backoff(5).num_milliseconds();
        assert!((64_000..=96_000).contains(&fifth), "{fifth}");
        assert!(backoff(40).num_milliseconds() <= 3_600_000 * 12 / 10);
    }
}
