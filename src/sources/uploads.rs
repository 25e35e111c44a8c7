//! The file behind a `csv` source without URL: uploaded through the form or given to
//! `carrefour sources import`, kept in `files` so that every node and worker reads it.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::entities::{file, source};
use crate::error::AppResult;

/// Largest CSV file accepted (a whole directory of projects fits well below).
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// Attaches `bytes` (named `name`) to `src`, replacing and deleting any previous file.
pub async fn attach<C: ConnectionTrait>(
    conn: &C,
    src: &source::Model,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<source::Model> {
    let stored = file::ActiveModel {
        content_type: Set("text/csv".into()),
        sha256: Set(crate::digest::sha256_hex(&bytes)),
        size: Set(bytes.len() as i64),
        bytes: Set(bytes),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let name: String = name.chars().take(255).collect();
    let mut row: source::ActiveModel = src.clone().into();
    row.upload_file_id = Set(Some(stored.id));
    row.upload_name = Set(Some(name));
    row.updated_at = Set(Utc::now());
    let updated = row.update(conn).await?;
    if let Some(old) = src.upload_file_id {
        file::Entity::delete_by_id(old).exec(conn).await?;
    }
    Ok(updated)
}

/// The bytes of the source's uploaded file, if it has one.
pub async fn load<C: ConnectionTrait>(conn: &C, src: &source::Model) -> AppResult<Option<Vec<u8>>> {
    let Some(id) = src.upload_file_id else {
        return Ok(None);
    };
    Ok(file::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(|f| f.bytes))
}

/// Deletes the source's uploaded file (with the source).
pub async fn remove<C: ConnectionTrait>(conn: &C, src: &source::Model) -> AppResult<()> {
    if let Some(id) = src.upload_file_id {
        file::Entity::delete_by_id(id).exec(conn).await?;
    }
    Ok(())
}

/// A CSV file chosen in the form but not saved yet (the form was tested, refused or
/// given more rows): kept in `files`, remembered by the editor's session, so that it
/// need not be chosen again.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct PendingFile {
    pub file_id: i64,
    pub name: String,
    /// The partner whose form it was chosen in.
    pub partner_id: i64,
}

const PENDING_KEY: &str = "pending_csv";
/// `files.content_type` of a pending file; purged a day after if never saved.
pub const PENDING_TYPE: &str = "text/csv; pending";

fn session_error(e: tower_sessions::session::Error) -> crate::error::AppError {
    crate::error::AppError::Internal(anyhow::anyhow!("{e}"))
}

/// Keeps `bytes` as the session's pending file for `partner_id` (replacing any other).
pub async fn stash<C: ConnectionTrait>(
    conn: &C,
    session: &tower_sessions::Session,
    partner_id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> AppResult<PendingFile> {
    discard(conn, session).await?;
    let stored = file::ActiveModel {
        content_type: Set(PENDING_TYPE.into()),
        sha256: Set(crate::digest::sha256_hex(&bytes)),
        size: Set(bytes.len() as i64),
        bytes: Set(bytes),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let pending = PendingFile {
        file_id: stored.id,
        name: name.chars().take(255).collect(),
        partner_id,
    };
    session
        .insert(PENDING_KEY, &pending)
        .await
        .map_err(session_error)?;
    Ok(pending)
}

/// The session's pending file for `partner_id`, if any.
pub async fn pending(
    session: &tower_sessions::Session,
    partner_id: i64,
) -> AppResult<Option<PendingFile>> {
    let found: Option<PendingFile> = session.get(PENDING_KEY).await.map_err(session_error)?;
    Ok(found.filter(|p| p.partner_id == partner_id))
}

/// The bytes of a pending file.
pub async fn pending_bytes<C: ConnectionTrait>(
    conn: &C,
    pending: &PendingFile,
) -> AppResult<Option<Vec<u8>>> {
    Ok(file::Entity::find_by_id(pending.file_id)
        .one(conn)
        .await?
        .map(|f| f.bytes))
}

/// Forgets the session's pending file and deletes it.
pub async fn discard<C: ConnectionTrait>(
    conn: &C,
    session: &tower_sessions::Session,
) -> AppResult<()> {
    let found: Option<PendingFile> = session.remove(PENDING_KEY).await.map_err(session_error)?;
    if let Some(found) = found {
        file::Entity::delete_by_id(found.file_id).exec(conn).await?;
    }
    Ok(())
}

/// Makes the pending file `src`'s uploaded file (replacing and deleting any previous).
pub async fn adopt<C: ConnectionTrait>(
    conn: &C,
    session: &tower_sessions::Session,
    src: &source::Model,
    pending: &PendingFile,
) -> AppResult<()> {
    let Some(stored) = file::Entity::find_by_id(pending.file_id).one(conn).await? else {
        return Ok(());
    };
    let mut kept: file::ActiveModel = stored.into();
    kept.content_type = Set("text/csv".into());
    kept.update(conn).await?;
    let mut row: source::ActiveModel = src.clone().into();
    row.upload_file_id = Set(Some(pending.file_id));
    row.upload_name = Set(Some(pending.name.clone()));
    row.updated_at = Set(Utc::now());
    row.update(conn).await?;
    if let Some(old) = src.upload_file_id.filter(|old| *old != pending.file_id) {
        file::Entity::delete_by_id(old).exec(conn).await?;
    }
    session
        .remove::<PendingFile>(PENDING_KEY)
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Deletes pending files older than a day (their forms were never saved).
pub async fn purge_pending<C: ConnectionTrait>(conn: &C) -> AppResult<u64> {
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(file::Entity::delete_many()
        .filter(file::Column::ContentType.eq(PENDING_TYPE))
        .filter(file::Column::CreatedAt.lt(Utc::now() - chrono::Duration::days(1)))
        .exec(conn)
        .await?
        .rows_affected)
}
