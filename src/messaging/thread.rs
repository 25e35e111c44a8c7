//! `/messages/{id}`: one conversation, its messages and its reply form; the fragment the
//! open page polls for new messages (read from the database, so any web node answers);
//! replying, archiving and muting.
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access::{self, InboxRight, ThreadAccess};
use super::model::{Format, InboxKind, MessageStatus, Role, Via};
use super::people::Names;
use super::service;
use crate::accounts::session::CurrentUser;
use crate::entities::{conversation_inbox, conversation_participant, membership, message, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::{CsrfForm, Lang, Page, flash};

/// One message as a thread shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MessageView {
    pub id: i64,
    pub author: String,
    /// The inbox the author answered for.
    pub inbox: Option<String>,
    pub mine: bool,
    pub at: DateTime<Utc>,
    pub at_label: String,
    pub html: String,
    /// `visible`, `held` (only its author sees it) or `removed`.
    pub status: String,
    pub via: String,
    /// The author's participant row, to block them (accounts only).
    pub author_participant: Option<i64>,
    pub author_has_account: bool,
}

/// The messages of a conversation after `after` that `viewer` (a participant row) sees:
/// visible and removed ones (as such), and their own held ones.
pub async fn messages_after<C: ConnectionTrait>(
    conn: &C,
    conversation_id: i64,
    viewer: i64,
    after: i64,
    lang: Lang,
) -> Result<Vec<MessageView>, DbErr> {
    let messages = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::Id.gt(after))
        .order_by_asc(message::Column::Id)
        .all(conn)
        .await?;
    let messages: Vec<message::Model> = messages
        .into_iter()
        .filter(|m| m.status != MessageStatus::Held.as_str() || m.author_id == Some(viewer))
        .collect();
    let author_ids: Vec<i64> = messages.iter().filter_map(|m| m.author_id).collect();
    let authors = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::Id.is_in(author_ids))
        .all(conn)
        .await?;
    let inbox_ids: Vec<i64> = messages.iter().filter_map(|m| m.inbox_id).collect();
    let names = Names::load(conn, &authors, &inbox_ids).await?;
    Ok(messages
        .into_iter()
        .map(|m| {
            let author = m.author_id.and_then(|a| authors.iter().find(|r| r.id == a));
            let removed = m.status == MessageStatus::Removed.as_str();
            MessageView {
                id: m.id,
                author: author
                    .map(|r| names.of(r, lang))
                    .unwrap_or_else(|| lang.t("messaging-deleted-user")),
                inbox: m.inbox_id.map(|i| names.inbox(i, lang)),
                mine: m.author_id == Some(viewer),
                at: m.created_at,
                at_label: super::notify::format_time(m.created_at, lang),
                html: if removed { String::new() } else { m.body_html },
                status: m.status,
                via: m.via,
                author_participant: author.map(|r| r.id),
                author_has_account: author
                    .and_then(|r| r.user_id)
                    .and_then(|id| names.user(id))
                    .is_some_and(|u| u.deleted_at.is_none()),
            }
        })
        .collect())
}

/// The last message `participant_id` wrote that still waits for review.
pub async fn own_held<C: ConnectionTrait>(
    conn: &C,
    conversation_id: i64,
    participant_id: i64,
) -> Result<Option<message::Model>, DbErr> {
    message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::AuthorId.eq(participant_id))
        .filter(message::Column::Status.eq(MessageStatus::Held.as_str()))
        .order_by_desc(message::Column::Id)
        .one(conn)
        .await
}

/// The person's row in the conversation, made for an inbox handler who has none yet.
pub async fn my_row(
    state: &AppState,
    access: &ThreadAccess,
    me: &user::Model,
) -> AppResult<conversation_participant::Model> {
    if let Some(row) = &access.me {
        return Ok(row.clone());
    }
    let inbox = access
        .inboxes
        .first()
        .ok_or_else(|| AppError::not_found("conversation"))?;
    Ok(service::handler_row(
        &state.db,
        access.conversation.id,
        me.id,
        inbox.inbox.id,
        state.clock.now(),
    )
    .await?)
}

/// A person who may be assigned a conversation of an inbox.
#[derive(Debug, Clone, Serialize)]
pub struct Assignable {
    pub user_id: i64,
    pub name: String,
}

/// An inbox of the thread, as its handlers see it.
#[derive(Debug, Clone, Serialize)]
pub struct InboxPanel {
    pub label: String,
    pub kind: String,
    pub status: String,
    pub assigned: Option<String>,
    pub assigned_user_id: Option<i64>,
    pub manage: bool,
    pub assignable: Vec<Assignable>,
    /// Where its actions post: `/p/{partner}/messages/{id}` or `/coordination/messages/{id}`.
    pub actions: String,
}

/// The people an inbox's conversations may be assigned to: the partner's members, or
/// the coordinators.
pub async fn assignable<C: ConnectionTrait>(
    conn: &C,
    inbox: &conversation_inbox::Model,
) -> Result<Vec<Assignable>, DbErr> {
    let users = match (InboxKind::parse(&inbox.kind), inbox.partner_id) {
        (Some(InboxKind::Partner), Some(partner_id)) => {
            let ids: Vec<i64> = membership::Entity::find()
                .filter(membership::Column::PartnerId.eq(partner_id))
                .all(conn)
                .await?
                .into_iter()
                .map(|m| m.user_id)
                .collect();
            user::Entity::find()
                .filter(user::Column::Id.is_in(ids))
                .all(conn)
                .await?
        }
        _ => {
            user::Entity::find()
                .filter(user::Column::IsCoordinator.eq(true))
                .filter(user::Column::DeletedAt.is_null())
                .all(conn)
                .await?
        }
    };
    let mut list: Vec<Assignable> = users
        .into_iter()
        .filter(|u| u.deleted_at.is_none() && !u.disabled)
        .map(|u| Assignable {
            user_id: u.id,
            name: u.display_name,
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

async fn panel<C: ConnectionTrait>(
    conn: &C,
    right: &InboxRight,
    lang: Lang,
) -> Result<InboxPanel, DbErr> {
    let inbox = &right.inbox;
    let assigned = match inbox.assigned_user_id {
        Some(id) => user::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|u| super::people::user_name(&u, lang)),
        None => None,
    };
    let (label, actions) = match &right.partner {
        Some(p) => (
            p.name.clone(),
            format!("/p/{}/messages/{}", p.slug, inbox.conversation_id),
        ),
        None => (
            lang.t("messaging-coordination"),
            format!("/coordination/messages/{}", inbox.conversation_id),
        ),
    };
    Ok(InboxPanel {
        label,
        kind: inbox.kind.clone(),
        status: inbox.status.clone(),
        assigned,
        assigned_user_id: inbox.assigned_user_id,
        manage: right.manage,
        assignable: if right.manage {
            assignable(conn, inbox).await?
        } else {
            Vec::new()
        },
        actions,
    })
}

/// A reply as typed (and shown again on error).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    pub body: String,
}

#[derive(Serialize)]
struct ThreadView {
    id: i64,
    /// Where the thread's own actions post.
    base: String,
    can_block: bool,
    subject: String,
    project: Option<super::queries::ProjectRef>,
    messages: Vec<MessageView>,
    poll_url: String,
    last_id: i64,
    participants: Vec<String>,
    inboxes: Vec<InboxPanel>,
    archived: bool,
    muted: bool,
    /// The inbox a reply speaks for.
    reply_as: Option<String>,
    form: ReplyForm,
    errors: FieldErrors,
}

/// Renders the thread for `me` (reading it up to its last message).
async fn render(
    page: &Page,
    state: &AppState,
    access: &ThreadAccess,
    row: &conversation_participant::Model,
    form: ReplyForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let lang = page.lang();
    let db = &state.db;
    let c = &access.conversation;
    let messages = messages_after(db, c.id, row.id, 0, lang).await?;
    let last_id = messages.last().map_or(0, |m| m.id);
    service::mark_read(db, row, c, c.last_message_id, state.clock.now()).await?;
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(c.id))
        .all(db)
        .await?;
    let inbox_rows = conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::ConversationId.eq(c.id))
        .all(db)
        .await?;
    let inbox_ids: Vec<i64> = inbox_rows.iter().map(|i| i.id).collect();
    let names = Names::load(db, &rows, &inbox_ids).await?;
    let mut participants: Vec<String> = rows
        .iter()
        .filter(|r| {
            matches!(
                Role::parse(&r.role),
                Some(Role::Sender | Role::Holder | Role::Relay)
            )
        })
        .map(|r| names.of(r, lang))
        .collect();
    participants.extend(inbox_rows.iter().map(|i| names.inbox(i.id, lang)));
    let mut inboxes = Vec::new();
    for right in &access.inboxes {
        inboxes.push(panel(db, right, lang).await?);
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ThreadView {
        id: c.id,
        base: format!("/messages/{}", c.id),
        can_block: true,
        subject: c.subject.clone(),
        project: super::queries::project_ref(db, c.project_id).await?,
        poll_url: format!("/messages/{}/nouveaux?apres={last_id}", c.id),
        last_id,
        messages,
        participants,
        inboxes,
        archived: row.archived,
        muted: row.muted,
        reply_as: access.reply_inbox().map(|i| match &i.partner {
            Some(p) => p.name.clone(),
            None => lang.t("messaging-coordination"),
        }),
        form,
        errors,
    };
    page.render_with_status(status, "messaging/thread.html", &view)
}

async fn load(state: &AppState, id: i64, me: &user::Model) -> AppResult<ThreadAccess> {
    access::load(&state.db, id, me)
        .await?
        .ok_or_else(|| AppError::not_found("conversation"))
}

/// `GET /messages/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let access = load(&state, id, &me).await?;
    let row = my_row(&state, &access, &me).await?;
    render(
        &page,
        &state,
        &access,
        &row,
        ReplyForm::default(),
        FieldErrors::new(),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct PollQuery {
    apres: Option<String>,
}

#[derive(Serialize)]
struct PollView {
    messages: Vec<MessageView>,
    poll_url: String,
    base: String,
    can_block: bool,
}

/// Parses the `apres` of a poll (the last message the page shows).
pub fn parse_after(query: &PollQuery) -> AppResult<i64> {
    match query.apres.as_deref().map(str::trim) {
        None | Some("") => Ok(0),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| AppError::invalid("apres", "messaging-poll-invalid")),
    }
}

/// The poll fragment: the messages after `after` and the poller that asks again.
pub fn poll_response(
    page: &Page,
    messages: Vec<MessageView>,
    base: &str,
    after: i64,
    can_block: bool,
) -> AppResult<Response> {
    let last = messages.last().map_or(after, |m| m.id);
    let view = PollView {
        messages,
        poll_url: format!("{base}/nouveaux?apres={last}"),
        base: base.to_owned(),
        can_block,
    };
    let mut response = page.render("messaging/_poll.html", &view)?;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /messages/{id}/nouveaux?apres={message}`: what the open thread asks every few
/// seconds. Reading it marks the messages read and says the person is reading.
pub async fn poll(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    Query(query): Query<PollQuery>,
) -> AppResult<Response> {
    let after = parse_after(&query)?;
    let access = load(&state, id, &me).await?;
    let row = my_row(&state, &access, &me).await?;
    let messages = messages_after(&state.db, id, row.id, after, page.lang()).await?;
    let c = &access.conversation;
    service::mark_read(&state.db, &row, c, c.last_message_id, state.clock.now()).await?;
    poll_response(&page, messages, &format!("/messages/{id}"), after, true)
}

/// Whether a new account's message must wait for a coordinator: accounts younger than
/// `messaging.new_account_days` with fewer than three visible messages, when the body
/// carries a link.
pub async fn held_for_review<C: ConnectionTrait>(
    conn: &C,
    state: &AppState,
    author: &user::Model,
    body: &str,
) -> Result<bool, DbErr> {
    if !super::render::contains_link(body) {
        return Ok(false);
    }
    let young = chrono::Duration::days(i64::from(state.settings.messaging.new_account_days));
    if author.created_at <= state.clock.now() - young {
        return Ok(false);
    }
    let rows: Vec<i64> = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::UserId.eq(author.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let visible = message::Entity::find()
        .filter(message::Column::AuthorId.is_in(rows))
        .filter(message::Column::Status.eq(MessageStatus::Visible.as_str()))
        .all(conn)
        .await?
        .len();
    Ok(visible < 3)
}

/// `POST /messages/{id}/repondre`
pub async fn reply(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    let access = load(&state, id, &me).await?;
    let row = my_row(&state, &access, &me).await?;
    let mut errors = FieldErrors::new();
    let body = service::parse_body(&mut errors, "body", &form.body);
    if errors.is_empty()
        && let Err(AppError::Invalid(refused)) =
            service::check_not_blocked(&state.db, id, me.id).await
    {
        errors = refused;
    }
    if !errors.is_empty() {
        return render(&page, &state, &access, &row, form, errors).await;
    }
    let held = held_for_review(&state.db, &state, &me, &body).await?;
    let inbox_id = access.reply_inbox().map(|i| i.inbox.id);
    let msg = service::post(
        &state,
        &access.conversation,
        &row,
        inbox_id,
        &body,
        Format::Markdown,
        Via::Web,
        held,
    )
    .await?;
    if held {
        flash(&session, "info", "messaging-held").await?;
    }
    Ok(Redirect::to(&format!("/messages/{id}#m{}", msg.id)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct ToggleForm {
    #[serde(default)]
    on: String,
}

async fn toggle(
    state: &AppState,
    me: &user::Model,
    id: i64,
    column: conversation_participant::Column,
    on: bool,
) -> AppResult<()> {
    let access = load(state, id, me).await?;
    let row = my_row(state, &access, me).await?;
    conversation_participant::Entity::update_many()
        .col_expr(column, Expr::value(on))
        .filter(conversation_participant::Column::Id.eq(row.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// `POST /messages/{id}/archiver` (`on=1` archives, else back to the inbox)
pub async fn archive(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ToggleForm>,
) -> AppResult<Response> {
    let on = form.on == "1";
    toggle(
        &state,
        &me,
        id,
        conversation_participant::Column::Archived,
        on,
    )
    .await?;
    if on {
        flash(&session, "success", "messaging-archived").await?;
        Ok(Redirect::to("/messages").into_response())
    } else {
        flash(&session, "success", "messaging-unarchived").await?;
        Ok(Redirect::to(&format!("/messages/{id}")).into_response())
    }
}

/// `POST /messages/{id}/sourdine` (`on=1` mutes: no more mail about it)
pub async fn mute(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ToggleForm>,
) -> AppResult<Response> {
    let on = form.on == "1";
    toggle(&state, &me, id, conversation_participant::Column::Muted, on).await?;
    let key = if on {
        "messaging-muted"
    } else {
        "messaging-unmuted"
    };
    flash(&session, "success", key).await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct BlockForm {
    #[serde(default)]
    participant_id: String,
}

/// `POST /messages/{id}/bloquer`: refuse the messages of the person behind a participant
/// of this conversation.
pub async fn block(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<BlockForm>,
) -> AppResult<Response> {
    load(&state, id, &me).await?;
    let target = form
        .participant_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::invalid("participant_id", "messaging-block-unknown"))?;
    let row = conversation_participant::Entity::find_by_id(target)
        .one(&state.db)
        .await?
        .filter(|r| r.conversation_id == id)
        .ok_or_else(|| AppError::invalid("participant_id", "messaging-block-unknown"))?;
    let Some(blocked) = row.user_id.filter(|u| *u != me.id) else {
        return Err(AppError::invalid(
            "participant_id",
            "messaging-block-unknown",
        ));
    };
    super::blocks::block(
        &state.db,
        super::blocks::Blocker::User(me.id),
        blocked,
        state.clock.now(),
    )
    .await?;
    flash(&session, "success", "messaging-blocked-done").await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}
