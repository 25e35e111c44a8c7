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
