//! `/relais/{secret}`: a holder without an account reads one conversation and answers
//! it, from the link of a relayed mail. The link opens that thread only, expires, can be
//! withdrawn, and never signs anyone in (the page works without a session user; its
//! forms carry the anonymous session's CSRF token). It also lets the holder stop the
//! messages, block the sender, report a message, or claim the project.
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::{Format, Role, Via};
use super::queries::{ProjectRef, project_ref};
use super::service;
use super::thread::{self, MessageView, PollQuery, ReplyForm};
use super::tokens::{self, Problem, Purpose};
use crate::accounts::session::CurrentUser;
use crate::entities::{conversation, conversation_participant, messaging_token};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Page, flash};

/// A live relay link and what it opens.
pub struct RelayAccess {
    pub token: messaging_token::Model,
    pub participant: conversation_participant::Model,
    pub conversation: conversation::Model,
}

/// The conversation a relay secret opens, or why it opens nothing.
pub async fn resolve(state: &AppState, secret: &str) -> AppResult<Result<RelayAccess, Problem>> {
    let token = match tokens::find(&state.db, Purpose::Relay, secret, state.clock.now()).await? {
        Ok(token) => token,
        Err(problem) => return Ok(Err(problem)),
    };
    let participant = match token.participant_id {
        Some(id) => {
            conversation_participant::Entity::find_by_id(id)
                .one(&state.db)
                .await?
        }
        None => None,
    };
    let Some(participant) = participant.filter(|p| p.role == Role::Relay.as_str()) else {
        return Ok(Err(Problem::Revoked));
    };
    if participant.left_at.is_some() {
        return Ok(Err(Problem::Revoked));
    }
    let Some(conversation) = conversation::Entity::find_by_id(participant.conversation_id)
        .one(&state.db)
        .await?
    else {
        return Ok(Err(Problem::Unknown));
    };
    Ok(Ok(RelayAccess {
        token,
        participant,
        conversation,
    }))
}

/// Relay pages name a secret in their address: no referrer leaves them, nothing caches
/// them, no search engine keeps them.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

#[derive(Serialize)]
struct InvalidView {
    message: &'static str,
}

fn invalid(page: &Page, problem: Problem) -> AppResult<Response> {
    let status = if problem == Problem::Unknown {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::GONE
    };
    Ok(private(page.render_with_status(
        status,
        "messaging/relay_invalid.html",
        &InvalidView {
            message: problem.message_key(),
        },
    )?))
}

#[derive(Serialize)]
struct RelayView {
    base: String,
    can_block: bool,
    subject: String,
    project: Option<ProjectRef>,
    messages: Vec<MessageView>,
    poll_url: String,
    expires_at: chrono::DateTime<chrono::Utc>,
    expires_label: String,
    /// The sender has an account one can block.
    sender: Option<SenderView>,
    form: ReplyForm,
    errors: FieldErrors,
}

#[derive(Serialize)]
struct SenderView {
    participant_id: i64,
    name: String,
}

async fn render(
    state: &AppState,
    page: &Page,
    secret: &str,
    relay: &RelayAccess,
    form: ReplyForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let lang = page.lang();
    let c = &relay.conversation;
    let messages = thread::messages_after(&state.db, c.id, relay.participant.id, 0, lang).await?;
    let last_id = messages.last().map_or(0, |m| m.id);
    service::mark_read(
        &state.db,
        &relay.participant,
        c,
        c.last_message_id,
        state.clock.now(),
    )
    .await?;
    let sender = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(c.id))
        .filter(conversation_participant::Column::Role.eq(Role::Sender.as_str()))
        .one(&state.db)
        .await?
        .filter(|r| r.user_id.is_some());
    let sender = match sender {
        Some(row) => {
            let names =
                super::people::Names::load(&state.db, std::slice::from_ref(&row), &[]).await?;
            Some(SenderView {
                participant_id: row.id,
                name: names.of(&row, lang),
            })
        }
        None => None,
    };
    let base = format!("/relais/{secret}");
    let view = RelayView {
        poll_url: format!("{base}/nouveaux?apres={last_id}"),
        base,
        can_block: false,
        subject: c.subject.clone(),
        project: project_ref(&state.db, c.project_id).await?,
        messages,
        expires_at: relay.token.expires_at,
        expires_label: match lang {
            crate::web::Lang::Fr => relay.token.expires_at.format("%d/%m/%Y").to_string(),
            crate::web::Lang::En => relay.token.expires_at.format("%Y-%m-%d").to_string(),
        },
        sender,
        form,
        errors,
    };
    let status = if view.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(private(page.render_with_status(
        status,
        "messaging/relay.html",
        &view,
    )?))
}

/// `GET /relais/{secret}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    match resolve(&state, &secret).await? {
        Ok(relay) => {
            render(
                &state,
                &page,
                &secret,
                &relay,
                ReplyForm::default(),
                FieldErrors::new(),
            )
            .await
        }
        Err(problem) => invalid(&page, problem),
    }
}

/// `GET /relais/{secret}/nouveaux?apres={message}`
pub async fn poll(
    State(state): State<AppState>,
    page: Page,
    Path(secret): Path<String>,
    Query(query): Query<PollQuery>,
) -> AppResult<Response> {
    let after = thread::parse_after(&query)?;
    let relay = resolve(&state, &secret)
        .await?
        .map_err(|_| AppError::not_found("conversation"))?;
    let c = &relay.conversation;
    let messages =
        thread::messages_after(&state.db, c.id, relay.participant.id, after, page.lang()).await?;
    service::mark_read(
        &state.db,
        &relay.participant,
        c,
        c.last_message_id,
        state.clock.now(),
    )
    .await?;
    Ok(private(thread::poll_response(
        &page,
        messages,
        &format!("/relais/{secret}"),
        after,
        false,
    )?))
}

/// `POST /relais/{secret}/repondre`
pub async fn reply(
    State(state): State<AppState>,
    page: Page,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    let relay = match resolve(&state, &secret).await? {
        Ok(relay) => relay,
        Err(problem) => return invalid(&page, problem),
    };
    let mut errors = FieldErrors::new();
    let body = service::parse_body(&mut errors, "body", &form.body);
    if !errors.is_empty() {
        return render(&state, &page, &secret, &relay, form, errors).await;
    }
    let msg = service::post(
        &state,
        &relay.conversation,
        &relay.participant,
        None,
        &body,
        Format::Markdown,
        Via::Relay,
        false,
    )
    .await?;
    Ok(private(
        Redirect::to(&format!("/relais/{secret}#m{}", msg.id)).into_response(),
    ))
}

/// The relay participant leaves: every link and reply address of theirs stops working,
/// and no more mail is relayed to them in this conversation.
async fn leave(state: &AppState, relay: &RelayAccess) -> AppResult<()> {
    let now = state.clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    conversation_participant::Entity::update_many()
        .col_expr(conversation_participant::Column::LeftAt, Expr::value(now))
        .col_expr(
            conversation_participant::Column::NotifyPending,
            Expr::value(false),
        )
        .filter(conversation_participant::Column::Id.eq(relay.participant.id))
        .exec(&txn)
        .await?;
    tokens::revoke_participants(&txn, vec![relay.participant.id], now).await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /relais/{secret}/desactiver`: no more messages from this conversation.
pub async fn stop(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let relay = match resolve(&state, &secret).await? {
        Ok(relay) => relay,
        Err(problem) => return invalid(&page, problem),
    };
    leave(&state, &relay).await?;
    flash(&session, "success", "messaging-relay-stopped").await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Debug, Deserialize)]
pub struct RelayBlockForm {
    #[serde(default)]
    participant_id: String,
}

/// `POST /relais/{secret}/bloquer`: refuse the sender's messages (by this address) and
/// stop this conversation.
pub async fn block(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<RelayBlockForm>,
) -> AppResult<Response> {
    let relay = match resolve(&state, &secret).await? {
        Ok(relay) => relay,
        Err(problem) => return invalid(&page, problem),
    };
    let target: i64 = form
        .participant_id
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("participant_id", "messaging-block-unknown"))?;
    let blocked = conversation_participant::Entity::find_by_id(target)
        .one(&state.db)
        .await?
        .filter(|r| r.conversation_id == relay.conversation.id)
        .and_then(|r| r.user_id)
        .ok_or_else(|| AppError::invalid("participant_id", "messaging-block-unknown"))?;
    let email = relay.participant.email.clone().unwrap_or_default();
    super::blocks::block(
        &state.db,
        super::blocks::Blocker::Email(email),
        blocked,
        state.clock.now(),
    )
    .await?;
    leave(&state, &relay).await?;
    flash(&session, "success", "messaging-relay-blocked").await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Serialize)]
struct ClaimView {
    base: String,
    project: Option<ProjectRef>,
}

/// `GET /relais/{secret}/revendiquer`: the holder, signed in, confirms they claim the
/// project (the relay link was mailed to its contact address: that is the proof).
pub async fn claim_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(_me): CurrentUser,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let relay = match resolve(&state, &secret).await? {
        Ok(relay) => relay,
        Err(problem) => return invalid(&page, problem),
    };
    let view = ClaimView {
        base: format!("/relais/{secret}"),
        project: project_ref(&state.db, relay.conversation.project_id).await?,
    };
    Ok(private(page.render("messaging/relay_claim.html", &view)?))
}

/// `POST /relais/{secret}/revendiquer`
pub async fn claim(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let relay = match resolve(&state, &secret).await? {
        Ok(relay) => relay,
        Err(problem) => return invalid(&page, problem),
    };
    if me.verified_at.is_none() {
        flash(&session, "error", "messaging-verify-first").await?;
        return Ok(Redirect::to(&format!("/relais/{secret}/revendiquer")).into_response());
    }
    let project_id = relay
        .conversation
        .project_id
        .ok_or_else(|| AppError::not_found("project"))?;
    let email = relay.participant.email.clone().unwrap_or_default();
    crate::projects::claim::approve_by_proof(
        &state,
        project_id,
        &me,
        crate::messaging::model::ClaimMethod::Relay,
        &email,
    )
    .await?;
    flash(&session, "success", "claim-approved").await?;
    Ok(Redirect::to(&format!("/messages/{}", relay.conversation.id)).into_response())
}
