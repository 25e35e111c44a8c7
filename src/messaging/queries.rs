//! Reading one's conversations: the list (inbox page, API, export) and what each row
//! shows: subject, project, the other side, the last message, unread or not.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::Serialize;

use super::access::LIVE_ROW_SQL;
use super::model::{MessageStatus, Role};
use super::people::Names;
use crate::db::statement;
use crate::entities::{
    conversation, conversation_inbox, conversation_participant, message, project, user,
};
use crate::web::Lang;

/// Which of one's conversations to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Current,
    Archived,
    All,
}

/// One conversation of a person, with their row in it.
#[derive(Debug, Clone)]
pub struct Mine {
    pub conversation: conversation::Model,
    pub me: conversation_participant::Model,
}

impl Mine {
    pub fn unread(&self) -> bool {
        match self.conversation.last_message_id {
            Some(last) => last > self.me.last_read_message_id.unwrap_or(0),
            None => false,
        }
    }
}

/// One page of `user`'s conversations in `folder`, most recent first, and the total.
pub async fn mine<C: ConnectionTrait>(
    conn: &C,
    user: &user::Model,
    folder: Folder,
    page: u64,
    per_page: u64,
) -> Result<(Vec<Mine>, u64), DbErr> {
    let archived = match folder {
        Folder::Current | Folder::Archived => " AND p.archived = $3",
        Folder::All => " AND ($3 OR TRUE)",
    };
    let visible = "(c.last_message_id IS NOT NULL OR c.started_by = $1)";
    let from = format!(
        "FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id \
         WHERE {LIVE_ROW_SQL} AND {visible}{archived}"
    );
    let backend = conn.get_database_backend();
    let flag = folder == Folder::Archived;
    let count = conn
        .query_one_raw(statement(
            backend,
            &format!("SELECT COUNT(*) AS n {from}"),
            [user.id.into(), user.is_coordinator.into(), flag.into()],
        ))
        .await?;
    let total: i64 = match count {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    let rows = conn
        .query_all_raw(statement(
            backend,
            &format!(
                "SELECT p.id AS pid {from} ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC \
                 LIMIT $4 OFFSET $5"
            ),
            [
                user.id.into(),
                user.is_coordinator.into(),
                flag.into(),
                (per_page as i64).into(),
                (page.saturating_sub(1).saturating_mul(per_page) as i64).into(),
            ],
        ))
        .await?;
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get::<i64>("", "pid"))
        .collect::<Result<_, _>>()?;
    let mut by_id: HashMap<i64, conversation_participant::Model> =
        conversation_participant::Entity::find()
            .filter(conversation_participant::Column::Id.is_in(ids.clone()))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let conversation_ids: Vec<i64> = by_id.values().map(|p| p.conversation_id).collect();
    let mut conversations: HashMap<i64, conversation::Model> = conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(conversation_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let list = ids
        .into_iter()
        .filter_map(|id| {
            let me = by_id.remove(&id)?;
            let conversation = conversations.remove(&me.conversation_id)?;
            Some(Mine { conversation, me })
        })
        .collect();
    Ok((list, total.max(0) as u64))
}

/// A conversation as lists show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Row {
    pub id: i64,
    pub url: String,
    pub subject: String,
    pub project: Option<ProjectRef>,
    /// The other side: people and inboxes.
    pub with: Vec<String>,
    /// The inbox through which one handles it, if any.
    pub via_inbox: Option<String>,
    pub excerpt: String,
    pub last_message_at: DateTime<Utc>,
    pub last_message_label: String,
    pub unread: bool,
    pub archived: bool,
    pub muted: bool,
    /// Only one's own held first message so far.
    pub held: bool,
}

/// The project a conversation is about.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectRef {
    pub id: i64,
    pub title: String,
    pub url: String,
}

/// The project of `id`, as a reference.
pub async fn project_ref<C: ConnectionTrait>(
    conn: &C,
    id: Option<i64>,
) -> Result<Option<ProjectRef>, DbErr> {
    let Some(id) = id else { return Ok(None) };
    Ok(project::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(|p| ProjectRef {
            id: p.id,
            url: crate::projects::service::project_path(p.id, &p.slug),
            title: p.title,
        }))
}

/// The names of the other side of a conversation, for `me`.
pub fn counterparts(
    rows: &[conversation_participant::Model],
    inboxes: &[conversation_inbox::Model],
    me: &conversation_participant::Model,
    names: &Names,
    lang: Lang,
) -> Vec<String> {
    let mut with: Vec<String> = rows
        .iter()
        .filter(|r| r.id != me.id)
        .filter(|r| {
            matches!(
                Role::parse(&r.role),
                Some(Role::Sender | Role::Holder | Role::Relay)
            )
        })
        .map(|r| names.of(r, lang))
        .collect();
    for inbox in inboxes {
        if me.inbox_id != Some(inbox.id) {
            with.push(names.inbox(inbox.id, lang));
        }
    }
    with.dedup();
    with
}

/// The rows of `mine` for a list.
pub async fn rows<C: ConnectionTrait>(
    conn: &C,
    mine: &[Mine],
    lang: Lang,
) -> Result<Vec<Row>, DbErr> {
    let conversation_ids: Vec<i64> = mine.iter().map(|m| m.conversation.id).collect();
    let participants = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.is_in(conversation_ids.clone()))
        .all(conn)
        .await?;
    let inboxes = conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::ConversationId.is_in(conversation_ids))
        .all(conn)
        .await?;
    let inbox_ids: Vec<i64> = inboxes.iter().map(|i| i.id).collect();
    let names = Names::load(conn, &participants, &inbox_ids).await?;
    let mut out = Vec::with_capacity(mine.len());
    for m in mine {
        let c = &m.conversation;
        let last = match c.last_message_id {
            Some(id) => message::Entity::find_by_id(id).one(conn).await?,
            None => super::thread::own_held(conn, c.id, m.me.id).await?,
        };
        let rows_of: Vec<_> = participants
            .iter()
            .filter(|p| p.conversation_id == c.id)
            .cloned()
            .collect();
        let inboxes_of: Vec<_> = inboxes
            .iter()
            .filter(|i| i.conversation_id == c.id)
            .cloned()
            .collect();
        out.push(Row {
            id: c.id,
            url: format!("/messages/{}", c.id),
            subject: c.subject.clone(),
            project: project_ref(conn, c.project_id).await?,
            with: counterparts(&rows_of, &inboxes_of, &m.me, &names, lang),
            via_inbox: m.me.inbox_id.map(|id| names.inbox(id, lang)),
            excerpt: last
                .as_ref()
                .map(|msg| super::render::excerpt(&msg.body, 140))
                .unwrap_or_default(),
            last_message_at: c.last_message_at.unwrap_or(c.created_at),
            last_message_label: super::notify::format_time(
                c.last_message_at.unwrap_or(c.created_at),
                lang,
            ),
            unread: m.unread(),
            archived: m.me.archived,
            muted: m.me.muted,
            held: last.is_some_and(|msg| msg.status == MessageStatus::Held.as_str()),
        });
    }
    Ok(out)
}
