//! Moderation: participants report messages; held messages (a new account's first
//! messages with links) and reported ones wait in the coordinators' queue at
//! `/coordination/moderation` with their context (the conversation's subject and the
//! messages before). Coordinators publish or remove them, dismiss reports, or withdraw a
//! conversation's relay links. This is the only way coordinators read a thread they do
//! not take part in.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::{MessageStatus, Role};
use super::people::Names;
use super::queries::{ProjectRef, project_ref};
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::session::{Coordinator, CurrentUser};
use crate::entities::{conversation, conversation_participant, message, message_report};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Lang, Page, flash};

const MAX_REASON_CHARS: usize = 1000;

#[derive(Debug, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    message_id: String,
    #[serde(default)]
    reason: String,
}

/// Files a report of `message_id` by the participant `reporter`; a second report by the
/// same person changes nothing. Returns false when the message cannot be reported.
async fn file(
    state: &AppState,
    conversation_id: i64,
    reporter: &conversation_participant::Model,
    form: &ReportForm,
) -> AppResult<bool> {
    let Ok(message_id) = form.message_id.trim().parse::<i64>() else {
        return Ok(false);
    };
    let reportable = message::Entity::find_by_id(message_id)
        .one(&state.db)
        .await?
        .filter(|m| m.conversation_id == conversation_id)
        .filter(|m| m.status == MessageStatus::Visible.as_str())
        .filter(|m| m.author_id != Some(reporter.id));
    if reportable.is_none() {
        return Ok(false);
    }
    let reason: String = form.reason.trim().chars().take(MAX_REASON_CHARS).collect();
    message_report::Entity::insert(message_report::ActiveModel {
        message_id: Set(message_id),
        reporter_id: Set(reporter.id),
        reason: Set(reason),
        status: Set("open".into()),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(state.clock.now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            message_report::Column::MessageId,
            message_report::Column::ReporterId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    super::notify::moderation_alert(state).await?;
    Ok(true)
}

/// `POST /messages/{id}/signaler`
pub async fn report(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> AppResult<Response> {
    let access = super::access::load(&state.db, id, &me)
        .await?
        .ok_or_else(|| AppError::not_found("conversation"))?;
    let row = super::thread::my_row(&state, &access, &me).await?;
    if !file(&state, id, &row, &form).await? {
        return Err(AppError::invalid("message_id", "messaging-report-unknown"));
    }
    flash(&session, "success", "messaging-reported").await?;
    Ok(Redirect::to(&format!("/messages/{id}")).into_response())
}

/// `POST /relais/{secret}/signaler`
pub async fn report_relayed(
    State(state): State<AppState>,
    session: Session,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> AppResult<Response> {
    let relay = super::relay::resolve(&state, &secret)
        .await?
        .map_err(|_| AppError::not_found("conversation"))?;
    if !file(&state, relay.conversation.id, &relay.participant, &form).await? {
        return Err(AppError::invalid("message_id", "messaging-report-unknown"));
    }
    flash(&session, "success", "messaging-reported").await?;
    Ok(Redirect::to(&format!("/relais/{secret}")).into_response())
}

/// A message of the context shown with a queued one.
#[derive(Serialize)]
struct ContextMessage {
    author: String,
    at: DateTime<Utc>,
    html: String,
}

#[derive(Serialize)]
struct ReportView {
    id: i64,
    reporter: String,
    reason: String,
    at: DateTime<Utc>,
}

#[derive(Serialize)]
struct QueueItem {
    message_id: i64,
    /// `held` or `visible` (reported).
    status: String,
    author: String,
    /// The author's account in the coordinators' list of accounts (to disable it).
    author_url: Option<String>,
    at: DateTime<Utc>,
    html: String,
    conversation_id: i64,
    subject: String,
    project: Option<ProjectRef>,
    has_relay: bool,
    context: Vec<ContextMessage>,
    reports: Vec<ReportView>,
}

#[derive(Serialize)]
struct QueueView {
    items: Vec<QueueItem>,
}

async fn item(state: &AppState, msg: message::Model, lang: Lang) -> AppResult<Option<QueueItem>> {
    let db = &state.db;
    let Some(c) = conversation::Entity::find_by_id(msg.conversation_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(c.id))
        .all(db)
        .await?;
    let inbox_ids: Vec<i64> = msg.inbox_id.into_iter().collect();
    let names = Names::load(db, &rows, &inbox_ids).await?;
    let name_of = |author: Option<i64>| {
        author
            .and_then(|a| rows.iter().find(|r| r.id == a))
            .map(|r| names.of(r, lang))
            .unwrap_or_else(|| lang.t("messaging-deleted-user"))
    };
    let mut before = message::Entity::find()
        .filter(message::Column::ConversationId.eq(c.id))
        .filter(message::Column::Id.lt(msg.id))
        .filter(message::Column::Status.eq(MessageStatus::Visible.as_str()))
        .order_by_desc(message::Column::Id)
        .limit(3)
        .all(db)
        .await?;
    before.reverse();
    let context = before
        .into_iter()
        .map(|m| ContextMessage {
            author: name_of(m.author_id),
            at: m.created_at,
            html: m.body_html,
        })
        .collect();
    let reports = message_report::Entity::find()
        .filter(message_report::Column::MessageId.eq(msg.id))
        .filter(message_report::Column::Status.eq("open"))
        .order_by_asc(message_report::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ReportView {
            id: r.id,
            reporter: name_of(Some(r.reporter_id)),
            reason: r.reason,
            at: r.created_at,
        })
        .collect();
    let author_url = msg
        .author_id
        .and_then(|a| rows.iter().find(|r| r.id == a))
        .and_then(|r| r.user_id)
        .and_then(|id| names.user(id))
        .filter(|u| u.deleted_at.is_none())
        .map(|u| {
            let q: String = url::form_urlencoded::byte_serialize(u.email.as_bytes()).collect();
            format!("/coordination/utilisateurs?q={q}")
        });
    Ok(Some(QueueItem {
        message_id: msg.id,
        status: msg.status.clone(),
        author: name_of(msg.author_id),
        author_url,
        at: msg.created_at,
        html: msg.body_html,
        conversation_id: c.id,
        subject: c.subject.clone(),
        project: project_ref(db, c.project_id).await?,
        has_relay: rows
            .iter()
            .any(|r| r.role == Role::Relay.as_str() && r.left_at.is_none()),
        context,
        reports,
    }))
}

/// `GET /coordination/moderation`: held messages and open reports, oldest first.
pub async fn queue(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
) -> AppResult<Response> {
    let reported: Vec<i64> = message_report::Entity::find()
        .filter(message_report::Column::Status.eq("open"))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.message_id)
        .collect();
    let messages = message::Entity::find()
        .filter(
            Condition::any()
                .add(message::Column::Status.eq(MessageStatus::Held.as_str()))
                .add(message::Column::Id.is_in(reported)),
        )
        .order_by_asc(message::Column::Id)
        .all(&state.db)
        .await?;
    let mut items = Vec::with_capacity(messages.len());
    for msg in messages {
        if let Some(item) = item(&state, msg, page.lang()).await? {
            items.push(item);
        }
    }
    page.render("messaging/moderation.html", &QueueView { items })
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
}

async fn close_reports(state: &AppState, message_id: i64, status: &str, by: i64) -> AppResult<()> {
    message_report::Entity::update_many()
        .col_expr(message_report::Column::Status, Expr::value(status))
        .col_expr(message_report::Column::DecidedBy, Expr::value(by))
        .col_expr(
            message_report::Column::DecidedAt,
            Expr::value(state.clock.now()),
        )
        .filter(message_report::Column::MessageId.eq(message_id))
        .filter(message_report::Column::Status.eq("open"))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// `POST /coordination/moderation/messages/{id}`: `publish` (a held message, or keeps a
/// reported one) or `remove`.
pub async fn decide_message(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    let msg = message::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("conversation-message"))?;
    let now = state.clock.now();
    match form.decision.as_str() {
        "publish" => {
            if msg.status == MessageStatus::Held.as_str() {
                publish(&state, &msg, me.id).await?;
            }
            close_reports(&state, id, "dismissed", me.id).await?;
            flash(&session, "success", "moderation-published").await?;
        }
        "remove" => {
            message::Entity::update_many()
                .col_expr(
                    message::Column::Status,
                    Expr::value(MessageStatus::Removed.as_str()),
                )
                .col_expr(message::Column::ModeratedBy, Expr::value(me.id))
                .col_expr(message::Column::ModeratedAt, Expr::value(now))
                .filter(message::Column::Id.eq(id))
                .exec(&state.db)
                .await?;
            close_reports(&state, id, "upheld", me.id).await?;
            flash(&session, "success", "moderation-removed").await?;
        }
        _ => return Err(AppError::invalid("decision", "moderation-decision-unknown")),
    }
    audit::record(
        &state.db,
        AuditEntry {
            actor: Some(me.id),
            action: "message_moderated",
            target_kind: "message",
            target_id: Some(id),
            details: serde_json::json!({ "decision": form.decision, "conversation": msg.conversation_id }),
            ip: None,
        },
    )
    .await?;
    Ok(Redirect::to("/coordination/moderation").into_response())
}

/// A held message becomes visible and reaches its recipients.
async fn publish(state: &AppState, msg: &message::Model, by: i64) -> AppResult<()> {
    let txn = crate::db::begin_write(&state.db).await?;
    message::Entity::update_many()
        .col_expr(
            message::Column::Status,
            Expr::value(MessageStatus::Visible.as_str()),
        )
        .col_expr(message::Column::ModeratedBy, Expr::value(by))
        .col_expr(message::Column::ModeratedAt, Expr::value(state.clock.now()))
        .filter(message::Column::Id.eq(msg.id))
        .exec(&txn)
        .await?;
    let conversation = conversation::Entity::find_by_id(msg.conversation_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::not_found("conversation"))?;
    let author = match msg.author_id {
        Some(a) => {
            conversation_participant::Entity::find_by_id(a)
                .one(&txn)
                .await?
        }
        None => None,
    };
    let notify = match author {
        Some(author) => super::service::fan_out(&txn, &conversation, msg, &author).await?,
        None => Vec::new(),
    };
    txn.commit().await?;
    super::notify::queue(state, &notify).await
}

/// `POST /coordination/moderation/signalements/{id}`: the report is dismissed.
pub async fn dismiss_report(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let done = message_report::Entity::update_many()
        .col_expr(message_report::Column::Status, Expr::value("dismissed"))
        .col_expr(message_report::Column::DecidedBy, Expr::value(me.id))
        .col_expr(
            message_report::Column::DecidedAt,
            Expr::value(state.clock.now()),
        )
        .filter(message_report::Column::Id.eq(id))
        .filter(message_report::Column::Status.eq("open"))
        .exec(&state.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::not_found("report"));
    }
    flash(&session, "success", "moderation-dismissed").await?;
    Ok(Redirect::to("/coordination/moderation").into_response())
}

/// `POST /coordination/moderation/conversations/{id}/relais`: every relay link and reply
/// address of the conversation stops working and nothing more is relayed.
pub async fn revoke_relay(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let ids: Vec<i64> = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(id))
        .filter(conversation_participant::Column::Role.eq(Role::Relay.as_str()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    if ids.is_empty() {
        return Err(AppError::not_found("conversation"));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    conversation_participant::Entity::update_many()
        .col_expr(conversation_participant::Column::LeftAt, Expr::value(now))
        .col_expr(
            conversation_participant::Column::NotifyPending,
            Expr::value(false),
        )
        .filter(conversation_participant::Column::Id.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    super::tokens::revoke_participants(&txn, ids, now).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor: Some(me.id),
            action: "relay_revoked",
            target_kind: "conversation",
            target_id: Some(id),
            details: serde_json::json!({}),
            ip: None,
        },
    )
    .await?;
    txn.commit().await?;
    flash(&session, "success", "moderation-relay-revoked").await?;
    Ok(Redirect::to("/coordination/moderation").into_response())
}
