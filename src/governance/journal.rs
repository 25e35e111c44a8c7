//! The public governance log: every entry with its hashes, checked on each view, and
//! downloadable as JSON to check elsewhere (`docs/governance.md` gives the recipe).
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Json, Response};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::log;
use super::pages::when;
use crate::entities::governance_log;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Page;

const PER_PAGE: u64 = 100;

#[derive(Deserialize)]
pub struct JournalQuery {
    page: Option<u64>,
}

#[derive(Serialize)]
struct EntryView {
    seq: i64,
    at: String,
    proposal_id: Option<i64>,
    event: String,
    payload: String,
    prev_hash: String,
    hash: String,
}

#[derive(Serialize)]
struct JournalView {
    verification: log::Verification,
    entries: Vec<EntryView>,
    page: u64,
    pages: u64,
}

/// `GET /gouvernance/journal[?page=N]`: newest first.
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    Query(query): Query<JournalQuery>,
) -> AppResult<Response> {
    let verification = log::verify(&state.db).await?;
    let total = governance_log::Entity::find().count(&state.db).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let current = query.page.unwrap_or(1).clamp(1, pages);
    let entries = governance_log::Entity::find()
        .order_by_desc(governance_log::Column::Seq)
        .offset((current - 1) * PER_PAGE)
        .limit(PER_PAGE)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| EntryView {
            seq: e.seq,
            at: when(Some(e.at)),
            proposal_id: e.proposal_id,
            event: e.event,
            payload: e.payload,
            prev_hash: e.prev_hash,
            hash: e.hash,
        })
        .collect();
    page.render(
        "governance/journal.html",
        &JournalView {
            verification,
            entries,
            page: current,
            pages,
        },
    )
}

#[derive(Serialize)]
struct Download {
    entries: Vec<DownloadEntry>,
}

#[derive(Serialize)]
struct DownloadEntry {
    seq: i64,
    /// As hashed: `YYYY-MM-DDTHH:MM:SSZ`.
    at: String,
    proposal_id: Option<i64>,
    event: String,
    payload: String,
    prev_hash: String,
    hash: String,
}

/// `GET /gouvernance/journal.json`: the whole chain, oldest first.
pub async fn download(State(state): State<AppState>) -> AppResult<Response> {
    let entries = governance_log::Entity::find()
        .order_by_asc(governance_log::Column::Seq)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| DownloadEntry {
            seq: e.seq,
            at: e.at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            proposal_id: e.proposal_id,
            event: e.event,
            payload: e.payload,
            prev_hash: e.prev_hash,
            hash: e.hash,
        })
        .collect();
    Ok(Json(Download { entries }).into_response())
}
