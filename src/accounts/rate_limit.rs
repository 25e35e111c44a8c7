//! Fixed-window counters in the database, so limits hold across every web node.
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Value};

use crate::db::statement;
use crate::error::AppError;

/// Counts one attempt under `key`; refuses once `limit` attempts happened in `window`.
pub async fn hit(
    db: &DatabaseConnection,
    key: &str,
    limit: i32,
    window: Duration,
) -> Result<(), AppError> {
    let now = Utc::now();
    let stale_before = now - window;
    let sql = "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1) \
               ON CONFLICT (key) DO UPDATE SET \
               count = CASE WHEN rate_limits.window_start < $3 THEN 1 ELSE rate_limits.count + 1 END, \
               window_start = CASE WHEN rate_limits.window_start < $3 THEN $2 ELSE rate_limits.window_start END \
               RETURNING count, window_start";
    let values: Vec<Value> = vec![key.into(), now.into(), stale_before.into()];
    let row = db
        .query_one_raw(statement(db.get_database_backend(), sql, values))
        .await?
        .ok_or_else(|| DbErr::Custom("rate limit upsert returned nothing".into()))?;
    let count: i32 = row.try_get("", "count")?;
    let started: chrono::DateTime<Utc> = row.try_get("", "window_start")?;
    if count > limit {
        let retry = (started + window - now).num_seconds().max(1) as u64;
        return Err(AppError::TooManyRequests {
            retry_after_secs: retry,
        });
    }
    Ok(())
}

/// Refuses when `limit` attempts were already counted under `key` in the current window,
/// without counting this one (for limits that count failures only).
pub async fn check(
    db: &DatabaseConnection,
    key: &str,
    limit: i32,
    window: Duration,
) -> Result<(), AppError> {
    let now = Utc::now();
    let row = db
        .query_one_raw(statement(
            db.get_database_backend(),
            "SELECT count, window_start FROM rate_limits WHERE key = $1",
            [key.into()],
        ))
        .await?;
    let Some(row) = row else { return Ok(()) };
    let count: i32 = row.try_get("", "count")?;
    let started: chrono::DateTime<Utc> = row.try_get("", "window_start")?;
    if started + window > now && count >= limit {
        let retry = (started + window - now).num_seconds().max(1) as u64;
        return Err(AppError::TooManyRequests {
            retry_after_secs: retry,
        });
    }
    Ok(())
}

/// Forgets the attempts under `key` (e.g. after a successful sign-in).
pub async fn clear(db: &DatabaseConnection, key: &str) -> Result<(), DbErr> {
    db.execute_raw(statement(
        db.get_database_backend(),
        "DELETE FROM rate_limits WHERE key = $1",
        [key.into()],
    ))
    .await?;
    Ok(())
}
