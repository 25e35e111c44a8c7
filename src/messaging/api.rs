//! `GET /api/v1/me/conversations` and `/api/v1/me/conversations/{id}`: the signed-in
//! person's conversations as JSON, for a session or a personal token
//! (`Authorization: Bearer …`). Reading through the API leaves read state alone.
//! The JSON shape is described in docs/messaging.md.
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};

use super::export::{self, ConversationJson};
use super::queries::{self, Folder, Mine, Row};
use crate::accounts::personal_tokens::ApiUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::Lang;

const MAX_PER_PAGE: u64 = 100;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    page: Option<String>,
    per_page: Option<String>,
    folder: Option<String>,
}

/// A page of the signed-in person's conversations.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListJson {
    conversations: Vec<Row>,
    page: u64,
    per_page: u64,
    total: u64,
    /// The next page, absent on the last one.
    next: Option<String>,
}

fn number(raw: Option<&str>, field: &str, default: u64, max: u64) -> AppResult<u64> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(text) => match text.parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(AppError::invalid(field, "api-number-invalid")),
        },
    }
}

/// `GET /api/v1/me/conversations[?folder=current|archived|all][&page=N][&per_page=N]`
#[utoipa::path(
    get,
    path = "/api/v1/me/conversations",
    operation_id = "my_conversations",
    tag = "messaging",
    security(("personal_token" = []), ("session" = [])),
    params(
        ("folder" = Option<String>, Query, description = "`current` (default), `archived` or `all`"),
        ("page" = Option<u64>, Query, description = "From 1"),
        ("per_page" = Option<u64>, Query, description = "1 to 100 (30 by default)"),
    ),
    responses(
        (status = 200, description = "The person's conversations, newest first (shape in docs/messaging.md)", body = ListJson),
        (status = 422, description = "A parameter is invalid", body = crate::opendata::openapi::ApiError),
        (status = 401, description = "Neither a session nor a live personal token", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Json<ListJson>> {
    let page = number(query.page.as_deref(), "page", 1, u64::MAX)?;
    let per_page = number(query.per_page.as_deref(), "per_page", 30, MAX_PER_PAGE)?;
    let folder = match query.folder.as_deref().unwrap_or("current") {
        "current" => Folder::Current,
        "archived" => Folder::Archived,
        "all" => Folder::All,
        _ => return Err(AppError::invalid("folder", "api-folder-invalid")),
    };
    let lang = Lang::parse(&me.preferred_lang).unwrap_or(Lang::Fr);
    let (mine, total) = queries::mine(&state.db, &me, folder, page, per_page).await?;
    let base = &state.settings.server.public_url;
    let conversations = queries::rows(&state.db, &mine, lang)
        .await?
        .into_iter()
        .map(|mut row| {
            row.url = format!("{base}{}", row.url);
            if let Some(p) = row.project.as_mut() {
                p.url = format!("{base}{}", p.url);
            }
            row
        })
        .collect();
    let next = (page.saturating_mul(per_page) < total).then(|| {
        let folder = query.folder.as_deref().unwrap_or("current");
        format!(
            "{base}/api/v1/me/conversations?folder={folder}&page={}&per_page={per_page}",
            page + 1
        )
    });
    Ok(Json(ListJson {
        conversations,
        page,
        per_page,
        total,
        next,
    }))
}

/// `GET /api/v1/me/conversations/{id}`
#[utoipa::path(
    get,
    path = "/api/v1/me/conversations/{id}",
    operation_id = "my_conversation",
    tag = "messaging",
    security(("personal_token" = []), ("session" = [])),
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation with its messages", body = ConversationJson),
        (status = 401, description = "Neither a session nor a live personal token", body = crate::opendata::openapi::ApiError),
        (status = 404, description = "No such conversation, or one the person is not part of", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
) -> AppResult<Json<ConversationJson>> {
    let access = super::access::load(&state.db, id, &me)
        .await?
        .ok_or_else(|| AppError::not_found("conversation"))?;
    let me_row = super::thread::my_row(&state, &access, &me).await?;
    let lang = Lang::parse(&me.preferred_lang).unwrap_or(Lang::Fr);
    let mine = Mine {
        conversation: access.conversation,
        me: me_row,
    };
    let detail = export::detail(&state.db, &state.settings.server.public_url, &mine, lang).await?;
    Ok(Json(detail))
}
