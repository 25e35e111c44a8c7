//! A person's conversations as JSON: the full export (`/messages/export.json`, personal
//! data) and the detail the API returns. Both show what the person sees on the web: the
//! visible messages, removed ones as such, and their own held ones.
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::model::MessageStatus;
use super::people::Names;
use super::queries::{self, Folder, Mine, ProjectRef};
use crate::accounts::session::CurrentUser;
use crate::entities::{conversation_inbox, conversation_participant, message, user};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Lang;

/// One message in JSON.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MessageJson {
    pub id: i64,
    pub author: String,
    /// The inbox the author answered for (a partner's name, or the coordination).
    pub inbox: Option<String>,
    pub mine: bool,
    pub at: DateTime<Utc>,
    /// As written (empty for a removed message).
    pub body: String,
    /// `markdown` or `text`.
    pub format: String,
    /// Sanitised HTML of the body.
    pub body_html: String,
    /// `web`, `relay` or `mail`.
    pub via: String,
    /// `visible`, `held` (waiting for review, only its author sees it) or `removed`.
    pub status: String,
}

/// A shared inbox a conversation is addressed to.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InboxJson {
    pub name: String,
    /// `open` or `done`.
    pub status: String,
    pub assigned_to: Option<String>,
}

/// One conversation in JSON, with its messages.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ConversationJson {
    pub id: i64,
    pub subject: String,
    pub url: String,
    pub project: Option<ProjectRef>,
    /// How the person takes part: `sender`, `holder` or `inbox`.
    pub role: String,
    pub participants: Vec<String>,
    pub inboxes: Vec<InboxJson>,
    pub created_at: DateTime<Utc>,
    pub archived: bool,
    pub muted: bool,
    pub messages: Vec<MessageJson>,
}

/// The detail of one conversation as `mine.me` sees it.
pub async fn detail<C: ConnectionTrait>(
    conn: &C,
    base_url: &str,
    mine: &Mine,
    lang: Lang,
) -> Result<ConversationJson, DbErr> {
    let c = &mine.conversation;
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(c.id))
        .all(conn)
        .await?;
    let inboxes = conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::ConversationId.eq(c.id))
        .all(conn)
        .await?;
    let inbox_ids: Vec<i64> = inboxes.iter().map(|i| i.id).collect();
    let names = Names::load(conn, &rows, &inbox_ids).await?;
    let messages = message::Entity::find()
        .filter(message::Column::ConversationId.eq(c.id))
        .order_by_asc(message::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter(|m| m.status != MessageStatus::Held.as_str() || m.author_id == Some(mine.me.id))
        .map(|m| {
            let removed = m.status == MessageStatus::Removed.as_str();
            MessageJson {
                id: m.id,
                author: m
                    .author_id
                    .and_then(|a| rows.iter().find(|r| r.id == a))
                    .map(|r| names.of(r, lang))
                    .unwrap_or_else(|| lang.t("messaging-deleted-user")),
                inbox: m.inbox_id.map(|i| names.inbox(i, lang)),
                mine: m.author_id == Some(mine.me.id),
                at: m.created_at,
                body: if removed { String::new() } else { m.body },
                format: m.format,
                body_html: if removed { String::new() } else { m.body_html },
                via: m.via,
                status: m.status,
            }
        })
        .collect();
    let mut inbox_json = Vec::with_capacity(inboxes.len());
    for i in &inboxes {
        let assigned_to = match i.assigned_user_id {
            Some(id) => user::Entity::find_by_id(id)
                .one(conn)
                .await?
                .map(|u| super::people::user_name(&u, lang)),
            None => None,
        };
        inbox_json.push(InboxJson {
            name: names.inbox(i.id, lang),
            status: i.status.clone(),
            assigned_to,
        });
    }
    Ok(ConversationJson {
        id: c.id,
        subject: c.subject.clone(),
        url: format!("{base_url}/messages/{}", c.id),
        project: queries::project_ref(conn, c.project_id)
            .await?
            .map(|mut p| {
                p.url = format!("{base_url}{}", p.url);
                p
            }),
        role: mine.me.role.clone(),
        participants: queries::counterparts(&rows, &[], &mine.me, &names, lang),
        inboxes: inbox_json,
        created_at: c.created_at,
        archived: mine.me.archived,
        muted: mine.me.muted,
        messages,
    })
}

#[derive(Serialize)]
struct Export {
    exported_at: DateTime<Utc>,
    display_name: String,
    email: String,
    conversations: Vec<ConversationJson>,
}

/// `GET /messages/export.json`: every conversation of the person, as a download.
pub async fn download(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let lang = Lang::parse(&me.preferred_lang).unwrap_or(Lang::Fr);
    let base = &state.settings.server.public_url;
    let mut conversations = Vec::new();
    let mut page = 1;
    loop {
        let (mine, total) = queries::mine(&state.db, &me, Folder::All, page, 200).await?;
        for m in &mine {
            conversations.push(detail(&state.db, base, m, lang).await?);
        }
        if mine.is_empty() || conversations.len() as u64 >= total {
            break;
        }
        page += 1;
    }
    let export = Export {
        exported_at: state.clock.now(),
        display_name: me.display_name.clone(),
        email: me.email.clone(),
        conversations,
    };
    let body = serde_json::to_vec_pretty(&export).map_err(anyhow::Error::from)?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"carrefour-conversations.json\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
