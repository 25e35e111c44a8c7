//! `/messages`: one's conversations, current or archived, most recent first.
use axum::extract::{Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::queries::{self, Folder, Row};
use crate::accounts::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Page;
use crate::web::pagination::{Pagination, parse_page};

const PER_PAGE: u64 = 30;

#[derive(Debug, Deserialize)]
pub struct InboxQuery {
    dossier: Option<String>,
    page: Option<String>,
}

#[derive(Serialize)]
struct InboxView {
    rows: Vec<Row>,
    total: u64,
    archived: bool,
    pagination: Pagination,
}

/// `GET /messages[?dossier=archives][&page=N]`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Query(query): Query<InboxQuery>,
) -> AppResult<Response> {
    let number = parse_page(query.page.as_deref())?;
    let archived = query.dossier.as_deref() == Some("archives");
    let folder = if archived {
        Folder::Archived
    } else {
        Folder::Current
    };
    let (mine, total) = queries::mine(&state.db, &me, folder, number, PER_PAGE).await?;
    let rows = queries::rows(&state.db, &mine, page.lang()).await?;
    let pagination = Pagination::new(
        number,
        PER_PAGE,
        total,
        "/messages",
        &[("dossier", archived.then_some("archives"))],
    );
    page.render(
        "messaging/inbox.html",
        &InboxView {
            rows,
            total,
            archived,
            pagination,
        },
    )
}
