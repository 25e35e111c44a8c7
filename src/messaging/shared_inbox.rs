//! Shared inboxes: a partner's (`/p/{partner}/messages`, its admins and editors) and the
//! coordinators' (`/coordination/messages`). Those who handle one see every conversation
//! addressed to it, assign it to a member (who then reads and answers it too) and mark it
//! done; a new message from outside opens it again.
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::{COORDINATION_INBOX_KEY, InboxStatus, partner_inbox_key};
use super::people::Names;
use super::queries::{ProjectRef, project_ref};
use crate::accounts::session::Coordinator;
use crate::db::statement;
use crate::entities::{conversation, conversation_inbox, conversation_participant, user};
use crate::error::{AppError, AppResult};
use crate::notifications::{self, Delivery};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::pagination::{Pagination, parse_page};
use crate::web::{CsrfForm, Lang, Page, flash};

const PER_PAGE: u64 = 30;

/// A conversation of a shared inbox, as its list shows it.
#[derive(Debug, Serialize)]
struct InboxRow {
    id: i64,
    subject: String,
    project: Option<ProjectRef>,
    from: Vec<String>,
    assigned: Option<String>,
    status: String,
    last_message_at: DateTime<Utc>,
    unread: bool,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    statut: Option<String>,
    page: Option<String>,
}

/// One page of the conversations of the inbox `key` with `status`, most recent first.
async fn page_of<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    status: InboxStatus,
    me: &user::Model,
    page: u64,
    lang: Lang,
) -> Result<(Vec<InboxRow>, u64), DbErr> {
    let backend = conn.get_database_backend();
    let from = "FROM conversation_inboxes i JOIN conversations c ON c.id = i.conversation_id \
                WHERE i.inbox_key = $1 AND i.status = $2 AND c.last_message_id IS NOT NULL";
    let total: i64 = match conn
        .query_one_raw(statement(
            backend,
            &format!("SELECT COUNT(*) AS n {from}"),
            [key.into(), status.as_str().into()],
        ))
        .await?
    {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    let ids: Vec<i64> = conn
        .query_all_raw(statement(
            backend,
            &format!("SELECT i.id AS id {from} ORDER BY c.last_message_at DESC, c.id DESC LIMIT $3 OFFSET $4"),
            [
                key.into(),
                status.as_str().into(),
                (PER_PAGE as i64).into(),
                (page.saturating_sub(1).saturating_mul(PER_PAGE) as i64).into(),
            ],
        ))
        .await?
        .iter()
        .map(|r| r.try_get::<i64>("", "id"))
        .collect::<Result<_, _>>()?;
    let inboxes = conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::Id.is_in(ids.clone()))
        .all(conn)
        .await?;
    let conversation_ids: Vec<i64> = inboxes.iter().map(|i| i.conversation_id).collect();
    let conversations = conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(conversation_ids.clone()))
        .all(conn)
        .await?;
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.is_in(conversation_ids))
        .all(conn)
        .await?;
    let names = Names::load(conn, &rows, &[]).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(inbox) = inboxes.iter().find(|i| i.id == id) else {
            continue;
        };
        let Some(c) = conversations.iter().find(|c| c.id == inbox.conversation_id) else {
            continue;
        };
        let of_c: Vec<_> = rows.iter().filter(|r| r.conversation_id == c.id).collect();
        let mine = of_c.iter().find(|r| r.user_id == Some(me.id));
        out.push(InboxRow {
            id: c.id,
            subject: c.subject.clone(),
            project: project_ref(conn, c.project_id).await?,
            from: of_c
                .iter()
                .filter(|r| {
                    super::access::is_direct(r) || r.role == super::model::Role::Relay.as_str()
                })
                .map(|r| names.of(r, lang))
                .collect(),
            assigned: match inbox.assigned_user_id {
                Some(a) => user::Entity::find_by_id(a)
                    .one(conn)
                    .await?
                    .map(|u| super::people::user_name(&u, lang)),
                None => None,
            },
            status: inbox.status.clone(),
            last_message_at: c.last_message_at.unwrap_or(c.created_at),
            unread: c.last_message_id.unwrap_or(0)
                > mine.and_then(|r| r.last_read_message_id).unwrap_or(0),
        });
    }
    Ok((out, total.max(0) as u64))
}

#[derive(Serialize)]
struct ListView {
    space: Option<SpaceHeader>,
    rows: Vec<InboxRow>,
    total: u64,
    done: bool,
    pagination: Pagination,
}

fn status_of(query: &ListQuery) -> InboxStatus {
    if query.statut.as_deref() == Some("traitees") {
        InboxStatus::Done
    } else {
        InboxStatus::Open
    }
}

/// `GET /p/{partner}/messages[?statut=traitees]`
pub async fn partner_list(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    acting.require(Action::HandleInbox)?;
    let number = parse_page(query.page.as_deref())?;
    let status = status_of(&query);
    let key = partner_inbox_key(acting.partner.id);
    let (rows, total) = page_of(&state.db, &key, status, &acting.user, number, page.lang()).await?;
    let path = format!("/p/{}/messages", acting.partner.slug);
    let done = status == InboxStatus::Done;
    page.render(
        "messaging/shared_inbox.html",
        &ListView {
            space: Some(SpaceHeader::of(&acting)),
            pagination: Pagination::new(
                number,
                PER_PAGE,
                total,
                &path,
                &[("statut", done.then_some("traitees"))],
            ),
            rows,
            total,
            done,
        },
    )
}

/// `GET /coordination/messages[?statut=traitees]`
pub async fn coordination_list(
    State(state): State<AppState>,
    page: Page,
    Coordinator(me): Coordinator,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let number = parse_page(query.page.as_deref())?;
    let status = status_of(&query);
    let (rows, total) = page_of(
        &state.db,
        COORDINATION_INBOX_KEY,
        status,
        &me,
        number,
        page.lang(),
    )
    .await?;
    let done = status == InboxStatus::Done;
    page.render(
        "messaging/shared_inbox.html",
        &ListView {
            space: None,
            pagination: Pagination::new(
                number,
                PER_PAGE,
                total,
                "/coordination/messages",
                &[("statut", done.then_some("traitees"))],
            ),
            rows,
            total,
            done,
        },
    )
}

async fn inbox_of(
    state: &AppState,
    conversation_id: i64,
    key: &str,
) -> AppResult<conversation_inbox::Model> {
    conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::ConversationId.eq(conversation_id))
        .filter(conversation_inbox::Column::InboxKey.eq(key))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("conversation"))
}

#[derive(Debug, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    user_id: String,
}

#[derive(Serialize)]
struct AssignedMail {
    name: String,
    by: String,
    subject: String,
    inbox: String,
    link: String,
}

/// Assigns (or, with an empty choice, unassigns) a conversation of `inbox`.
async fn assign(
    state: &AppState,
    inbox: &conversation_inbox::Model,
    form: &AssignForm,
    by: &user::Model,
    lang: Lang,
) -> AppResult<()> {
    let choice = form.user_id.trim();
    let assignee = if choice.is_empty() {
        None
    } else {
        let id: i64 = choice
            .parse()
            .map_err(|_| AppError::invalid("user_id", "inbox-assignee-unknown"))?;
        let allowed = super::thread::assignable(&state.db, inbox).await?;
        if !allowed.iter().any(|a| a.user_id == id) {
            return Err(AppError::invalid("user_id", "inbox-assignee-unknown"));
        }
        Some(id)
    };
    let now = state.clock.now();
    conversation_inbox::Entity::update_many()
        .col_expr(
            conversation_inbox::Column::AssignedUserId,
            Expr::value(assignee),
        )
        .col_expr(conversation_inbox::Column::UpdatedAt, Expr::value(now))
        .filter(conversation_inbox::Column::Id.eq(inbox.id))
        .exec(&state.db)
        .await?;
    let Some(assignee) = assignee.filter(|a| *a != by.id) else {
        return Ok(());
    };
    super::service::handler_row(&state.db, inbox.conversation_id, assignee, inbox.id, now).await?;
    let Some(to) = user::Entity::find_by_id(assignee).one(&state.db).await? else {
        return Ok(());
    };
    if notifications::delivery(&state.db, to.id, super::notify::KIND_INBOX).await?
        == Delivery::Never
    {
        return Ok(());
    }
    let conversation = conversation::Entity::find_by_id(inbox.conversation_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("conversation"))?;
    let to_lang = Lang::parse(&to.preferred_lang).unwrap_or(lang);
    let inbox_name = Names::load(&state.db, &[], &[inbox.id])
        .await?
        .inbox(inbox.id, to_lang);
    let mail = AssignedMail {
        name: to.display_name.clone(),
        by: by.display_name.clone(),
        subject: conversation.subject,
        inbox: inbox_name,
        link: format!(
            "{}/messages/{}",
            state.settings.server.public_url, inbox.conversation_id
        ),
    };
    crate::mail::queue(state, "inbox_assigned", to_lang, &to.email, None, &mail).await
}

async fn set_status(
    state: &AppState,
    inbox: &conversation_inbox::Model,
    done: bool,
    by: i64,
) -> AppResult<()> {
    let now = state.clock.now();
    let (status, at, who) = if done {
        (InboxStatus::Done, Some(now), Some(by))
    } else {
        (InboxStatus::Open, None, None)
    };
    conversation_inbox::Entity::update_many()
        .col_expr(
            conversation_inbox::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(conversation_inbox::Column::DoneAt, Expr::value(at))
        .col_expr(conversation_inbox::Column::DoneBy, Expr::value(who))
        .col_expr(conversation_inbox::Column::UpdatedAt, Expr::value(now))
        .filter(conversation_inbox::Column::Id.eq(inbox.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// `POST /p/{partner}/messages/{id}/attribuer`
pub async fn partner_assign(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<AssignForm>,
) -> AppResult<Response> {
    acting.require(Action::HandleInbox)?;
    let inbox = inbox_of(&state, id, &partner_inbox_key(acting.partner.id)).await?;
    assign(&state, &inbox, &form, &acting.user, page.lang()).await?;
    flash(&session, "success", "inbox-assigned").await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}

/// Handlers and the member it is assigned to may close or reopen a conversation.
fn may_close(acting: &ActingPartner, inbox: &conversation_inbox::Model) -> AppResult<()> {
    if acting.can(Action::HandleInbox)
        || (acting.role.is_some() && inbox.assigned_user_id == Some(acting.user.id))
    {
        Ok(())
    } else {
        Err(AppError::forbidden("partner-role"))
    }
}

/// `POST /p/{partner}/messages/{id}/traiter`
pub async fn partner_done(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    let inbox = inbox_of(&state, id, &partner_inbox_key(acting.partner.id)).await?;
    may_close(&acting, &inbox)?;
    set_status(&state, &inbox, true, acting.user.id).await?;
    flash(&session, "success", "inbox-done-flash").await?;
    Ok(Redirect::to(&format!("/p/{}/messages", acting.partner.slug)).into_response())
}

/// `POST /p/{partner}/messages/{id}/rouvrir`
pub async fn partner_reopen(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    let inbox = inbox_of(&state, id, &partner_inbox_key(acting.partner.id)).await?;
    may_close(&acting, &inbox)?;
    set_status(&state, &inbox, false, acting.user.id).await?;
    flash(&session, "success", "inbox-reopened").await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}

/// `POST /coordination/messages/{id}/attribuer`
pub async fn coordination_assign(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<AssignForm>,
) -> AppResult<Response> {
    let inbox = inbox_of(&state, id, COORDINATION_INBOX_KEY).await?;
    assign(&state, &inbox, &form, &me, page.lang()).await?;
    flash(&session, "success", "inbox-assigned").await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}

/// `POST /coordination/messages/{id}/traiter`
pub async fn coordination_done(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    let inbox = inbox_of(&state, id, COORDINATION_INBOX_KEY).await?;
    set_status(&state, &inbox, true, me.id).await?;
    flash(&session, "success", "inbox-done-flash").await?;
    Ok(Redirect::to("/coordination/messages").into_response())
}

/// `POST /coordination/messages/{id}/rouvrir`
pub async fn coordination_reopen(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    let inbox = inbox_of(&state, id, COORDINATION_INBOX_KEY).await?;
    set_status(&state, &inbox, false, me.id).await?;
    flash(&session, "success", "inbox-reopened").await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}
