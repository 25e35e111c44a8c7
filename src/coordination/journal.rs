//! The audit log, newest first.
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::accounts::session::Coordinator;
use crate::entities::{audit_log, user};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Page;
use crate::web::pagination::{Pagination, parse_page};

const PER_PAGE: u64 = 100;

#[derive(Serialize)]
struct EntryRow {
    at: DateTime<Utc>,
    actor: Option<String>,
    action: String,
    target_kind: String,
    target_id: Option<i64>,
    details: String,
    ip: Option<String>,
}

#[derive(Serialize)]
struct JournalView {
    entries: Vec<EntryRow>,
    pagination: Pagination,
}

#[derive(Deserialize)]
pub struct JournalQuery {
    page: Option<String>,
}

/// `GET /coordination/journal[?page=N]`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
    Query(query): Query<JournalQuery>,
) -> AppResult<Response> {
    let number = parse_page(query.page.as_deref())?;
    let paginator = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .paginate(&state.db, PER_PAGE);
    let total = paginator.num_items().await?;
    let mut entries = Vec::new();
    for e in paginator.fetch_page(number - 1).await? {
        let actor = match e.actor_user_id {
            Some(id) => user::Entity::find_by_id(id)
                .one(&state.db)
                .await?
                .map(|u| format!("{} <{}>", u.display_name, u.email)),
            None => None,
        };
        entries.push(EntryRow {
            at: e.at,
            actor,
            action: e.action,
            target_kind: e.target_kind,
            target_id: e.target_id,
            details: e.details,
            ip: e.ip,
        });
    }
    let pagination = Pagination::new(number, PER_PAGE, total, "/coordination/journal", &[]);
    page.render(
        "coordination/journal.html",
        &JournalView {
            entries,
            pagination,
        },
    )
}
