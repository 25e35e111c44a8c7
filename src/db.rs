//! Database connection (SQLite in WAL mode or PostgreSQL) and migrations.
use std::time::Duration;

use anyhow::Context as _;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, Value,
};

use crate::config::Settings;

/// Opens the configured database, creating the SQLite file and its directory when needed.
pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if settings.is_sqlite() {
        std::fs::create_dir_all(&settings.server.data_dir).with_context(|| {
            format!(
                "cannot create data directory {}",
                settings.server.data_dir.display()
            )
        })?;
    }
    let cache_kib = settings.database.sqlite_cache_kib;
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(settings.database.max_connections)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |opts| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(15))
                .create_if_missing(true)
                // A negative size is in KiB.
                .pragma("cache_size", format!("-{cache_kib}"))
        });
    let db = Database::connect(options)
        .await
        .context("cannot connect to the database")?;
    Ok(db)
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("database migration failed")?;
    Ok(())
}

/// True when every known migration has been applied.
pub async fn migrations_applied(db: &DatabaseConnection) -> anyhow::Result<bool> {
    Ok(Migrator::get_pending_migrations(db).await?.is_empty())
}

/// Builds a raw statement written with PostgreSQL-style `$1` placeholders for either backend
/// (SQLite gets numbered `?1` placeholders, which bind in the same order).
pub fn statement(
    backend: DbBackend,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Statement {
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// Answers whether the database accepts a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT 1",
    ))
    .await
    .is_ok()
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`, waiting up to the busy timeout): a deferred transaction that
/// reads and then writes fails with "database is locked" when another connection
/// wrote in between. PostgreSQL ignores the option.
pub async fn begin_write<C: sea_orm::TransactionTrait>(
    db: &C,
) -> Result<C::Transaction, sea_orm::DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
