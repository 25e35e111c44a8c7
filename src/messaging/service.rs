//! Writing conversations: who a new conversation reaches, starting one, adding a message,
//! and reading up to a message. Every visible message marks its recipients as waiting for
//! a notification (`notify.rs` mails them, grouped); a shared inbox's message goes to the
//! member it is assigned to, else to all who handle it.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use super::model::{
    COORDINATION_INBOX_KEY, Format, InboxKind, InboxStatus, MessageStatus, Role, Via,
    partner_inbox_key,
};
use super::render;
use crate::entities::{
    conversation, conversation_inbox, conversation_participant, membership, message, partner,
    project, project_attribution, project_claim, project_holder_profile, user,
};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;

/// A validated subject and first message.
#[derive(Debug, Clone)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

/// Checks a message body; the error is recorded under `field`.
pub fn parse_body(errors: &mut FieldErrors, field: &str, raw: &str) -> String {
    check_length(errors, field, raw, 1, render::MAX_BODY_CHARS)
}

impl Draft {
    /// Checks a subject and a body typed in the new-conversation form.
    pub fn parse(subject: &str, body: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let subject = check_length(&mut errors, "subject", subject, 3, 200);
        let body = parse_body(&mut errors, "body", body);
        if errors.is_empty() {
            Ok(Self { subject, body })
        } else {
            Err(errors)
        }
    }
}

/// Whom a new conversation is addressed to.
#[derive(Debug, Clone)]
#[expect(clippy::large_enum_variant, reason = "one per request, never stored")]
pub enum Target {
    /// The holders of a project (their inbox, a relayed mail, or the listing partners).
    Project(project::Model),
    /// A partner's shared inbox, optionally about a project.
    Partner(partner::Model, Option<project::Model>),
    /// The coordinators' shared inbox.
    Coordination,
}

impl Target {
    /// The key of this recipient in the per-recipient limit.
    pub fn limit_key(&self) -> String {
        match self {
            Target::Project(p) => format!("project:{}", p.id),
            Target::Partner(p, _) => format!("partner:{}", p.id),
            Target::Coordination => "coordination".into(),
        }
    }

    fn project(&self) -> Option<&project::Model> {
        match self {
            Target::Project(p) | Target::Partner(_, Some(p)) => Some(p),
            _ => None,
        }
    }
}

/// A holder reached by mail (the project's contact address, never shown).
#[derive(Debug, Clone)]
pub struct Relay {
    pub email: String,
    pub name: Option<String>,
}

/// Who a new conversation reaches.
#[derive(Debug, Clone, Default)]
pub struct Recipients {
    pub holders: Vec<user::Model>,
    pub relay: Option<Relay>,
    pub partners: Vec<partner::Model>,
    pub coordination: bool,
}

/// Why a conversation cannot be started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreachable {
    /// The holders chose not to be contacted.
    Declined,
    /// Nobody can be reached (no holder, no address, no active partner).
    Nobody,
}

impl Unreachable {
    pub fn message_key(self) -> &'static str {
        match self {
            Unreachable::Declined => "messaging-holders-declined",
            Unreachable::Nobody => "messaging-nobody",
        }
    }
}

/// The approved holders of a project, live accounts only.
pub async fn holders_of<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<user::Model>, DbErr> {
    let ids: Vec<i64> = project_claim::Entity::find()
        .filter(project_claim::Column::ProjectId.eq(project_id))
        .filter(project_claim::Column::Status.eq("approved"))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.user_id)
        .collect();
    user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::Id)
        .all(conn)
        .await
}

/// The active partners with a live listing of a project.
pub async fn listing_partners<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Vec<partner::Model>, DbErr> {
    let ids: Vec<i64> = project_attribution::Entity::find()
        .filter(project_attribution::Column::ProjectId.eq(project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|a| a.partner_id)
        .collect();
    partner::Entity::find()
        .filter(partner::Column::Id.is_in(ids))
        .filter(partner::Column::Status.eq("active"))
        .order_by_asc(partner::Column::Name)
        .all(conn)
        .await
}

/// Who a conversation with `target` would reach, or why none can be started.
pub async fn recipients<C: ConnectionTrait>(
    conn: &C,
    target: &Target,
) -> Result<Result<Recipients, Unreachable>, DbErr> {
    let mut to = Recipients::default();
    match target {
        Target::Project(p) => {
            let profile = project_holder_profile::Entity::find_by_id(p.id)
                .one(conn)
                .await?;
            if profile.is_some_and(|h| !h.contactable) {
                return Ok(Err(Unreachable::Declined));
            }
            to.holders = holders_of(conn, p.id).await?;
            if to.holders.is_empty() {
                if let Some(email) = &p.contact_email {
                    to.relay = Some(Relay {
                        email: email.clone(),
                        name: p.holder_name.clone(),
                    });
                } else {
                    to.partners = listing_partners(conn, p.id).await?;
                }
            }
        }
        Target::Partner(p, _) if p.status == "active" => to.partners = vec![p.clone()],
        Target::Partner(..) => {}
        Target::Coordination => to.coordination = true,
    }
    let nobody =
        to.holders.is_empty() && to.relay.is_none() && to.partners.is_empty() && !to.coordination;
    Ok(if nobody {
        Err(Unreachable::Nobody)
    } else {
        Ok(to)
    })
}

/// Why `sender` cannot write to `target` themselves (they would write to their own inbox).
pub async fn own_target<C: ConnectionTrait>(
    conn: &C,
    sender: &user::Model,
    target: &Target,
    to: &Recipients,
) -> Result<Option<&'static str>, DbErr> {
    if to.holders.iter().any(|h| h.id == sender.id) {
        return Ok(Some("messaging-own-project"));
    }
    if to.coordination && sender.is_coordinator {
        return Ok(Some("messaging-own-inbox"));
    }
    let partner_ids: Vec<i64> = to.partners.iter().map(|p| p.id).collect();
    let member = membership::Entity::find()
        .filter(membership::Column::UserId.eq(sender.id))
        .filter(membership::Column::PartnerId.is_in(partner_ids))
        .one(conn)
        .await?;
    if member.is_some() && !matches!(target, Target::Project(_)) {
        return Ok(Some("messaging-own-inbox"));
    }
    Ok(None)
}

/// A conversation just started.
#[derive(Debug, Clone, Copy)]
pub struct Started {
    pub conversation_id: i64,
    pub message_id: i64,
    pub held: bool,
}

/// Starts a conversation from `sender` to `to` (found by [`recipients`]); `held` keeps its
/// first message for a coordinator's review. Notifications are queued once committed.
pub async fn start(
    state: &AppState,
    sender: &user::Model,
    target: &Target,
    to: &Recipients,
    draft: &Draft,
    held: bool,
) -> AppResult<Started> {
    let now = state.clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    let conversation = conversation::ActiveModel {
        subject: Set(draft.subject.clone()),
        project_id: Set(target.project().map(|p| p.id)),
        started_by: Set(Some(sender.id)),
        last_message_id: Set(None),
        last_message_at: Set(None),
        last_activity_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for p in &to.partners {
        new_inbox(&txn, conversation.id, InboxKind::Partner, Some(p.id), now).await?;
    }
    if to.coordination {
        new_inbox(&txn, conversation.id, InboxKind::Coordination, None, now).await?;
    }
    let author = new_participant(
        &txn,
        conversation.id,
        Role::Sender,
        Some(sender.id),
        None,
        now,
    )
    .await?;
    for holder in &to.holders {
        new_participant(
            &txn,
            conversation.id,
            Role::Holder,
            Some(holder.id),
            None,
            now,
        )
        .await?;
    }
    if let Some(relay) = &to.relay {
        new_participant(&txn, conversation.id, Role::Relay, None, Some(relay), now).await?;
    }
    let status = if held {
        MessageStatus::Held
    } else {
        MessageStatus::Visible
    };
    let msg = insert_message(
        &txn,
        &conversation,
        &author,
        None,
        &draft.body,
        Format::Markdown,
        Via::Web,
        status,
        now,
    )
    .await?;
    let notify = if held {
        Vec::new()
    } else {
        fan_out(&txn, &conversation, &msg, &author).await?
    };
    txn.commit().await?;
    super::notify::queue(state, &notify).await?;
    if held {
        super::notify::moderation_alert(state).await?;
    }
    Ok(Started {
        conversation_id: conversation.id,
        message_id: msg.id,
        held,
    })
}

async fn new_inbox<C: ConnectionTrait>(
    conn: &C,
    conversation_id: i64,
    kind: InboxKind,
    partner_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<conversation_inbox::Model, DbErr> {
    let key = match partner_id {
        Some(id) => partner_inbox_key(id),
        None => COORDINATION_INBOX_KEY.to_owned(),
    };
    conversation_inbox::ActiveModel {
        conversation_id: Set(conversation_id),
        kind: Set(kind.as_str().into()),
        partner_id: Set(partner_id),
        inbox_key: Set(key),
        assigned_user_id: Set(None),
        status: Set(InboxStatus::Open.as_str().into()),
        done_at: Set(None),
        done_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

async fn new_participant<C: ConnectionTrait>(
    conn: &C,
    conversation_id: i64,
    role: Role,
    user_id: Option<i64>,
    relay: Option<&Relay>,
    now: DateTime<Utc>,
) -> Result<conversation_participant::Model, DbErr> {
    conversation_participant::ActiveModel {
        conversation_id: Set(conversation_id),
        user_id: Set(user_id),
        role: Set(role.as_str().into()),
        inbox_id: Set(None),
        email: Set(relay.map(|r| r.email.clone())),
        display_name: Set(relay.and_then(|r| r.name.clone())),
        last_read_message_id: Set(None),
        last_seen_at: Set(None),
        archived: Set(false),
        muted: Set(false),
        left_at: Set(None),
        notify_pending: Set(false),
        digest_pending: Set(false),
        last_notified_at: Set(None),
        last_notified_message_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// The row through which `user_id` handles `inbox_id` in a conversation: theirs if they
/// already have one (whatever its role), else a new `inbox` row.
pub async fn handler_row<C: ConnectionTrait>(
    conn: &C,
    conversation_id: i64,
    user_id: i64,
    inbox_id: i64,
    now: DateTime<Utc>,
) -> Result<conversation_participant::Model, DbErr> {
    conversation_participant::Entity::insert(conversation_participant::ActiveModel {
        conversation_id: Set(conversation_id),
        user_id: Set(Some(user_id)),
        role: Set(Role::Inbox.as_str().into()),
        inbox_id: Set(Some(inbox_id)),
        archived: Set(false),
        muted: Set(false),
        notify_pending: Set(false),
        digest_pending: Set(false),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            conversation_participant::Column::ConversationId,
            conversation_participant::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(conversation_id))
        .filter(conversation_participant::Column::UserId.eq(user_id))
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("handler row".into()))
}

#[expect(clippy::too_many_arguments, reason = "one row's columns")]
async fn insert_message<C: ConnectionTrait>(
    conn: &C,
    conversation: &conversation::Model,
    author: &conversation_participant::Model,
    inbox_id: Option<i64>,
    body: &str,
    format: Format,
    via: Via,
    status: MessageStatus,
    now: DateTime<Utc>,
) -> Result<message::Model, DbErr> {
    let msg = message::ActiveModel {
        conversation_id: Set(conversation.id),
        author_id: Set(Some(author.id)),
        inbox_id: Set(inbox_id),
        body: Set(body.to_owned()),
        format: Set(format.as_str().into()),
        body_html: Set(render::body_html(body, format)),
        via: Set(via.as_str().into()),
        status: Set(status.as_str().into()),
        moderated_by: Set(None),
        moderated_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    conversation::Entity::update_many()
        .col_expr(conversation::Column::LastActivityAt, Expr::value(now))
        .filter(conversation::Column::Id.eq(conversation.id))
        .exec(conn)
        .await?;
    // What one writes, one has read.
    if status == MessageStatus::Visible {
        conversation_participant::Entity::update_many()
            .col_expr(
                conversation_participant::Column::LastReadMessageId,
                Expr::value(msg.id),
            )
            .col_expr(
                conversation_participant::Column::Archived,
                Expr::value(false),
            )
            .filter(conversation_participant::Column::Id.eq(author.id))
            .exec(conn)
            .await?;
    }
    Ok(msg)
}

/// The people who handle `inbox` when it is not assigned: the partner's admins and
/// editors, or the coordinators.
async fn inbox_handlers<C: ConnectionTrait>(
    conn: &C,
    inbox: &conversation_inbox::Model,
) -> Result<Vec<i64>, DbErr> {
    if let Some(assignee) = inbox.assigned_user_id {
        return Ok(vec![assignee]);
    }
    match (InboxKind::parse(&inbox.kind), inbox.partner_id) {
        (Some(InboxKind::Partner), Some(partner_id)) => Ok(membership::Entity::find()
            .filter(membership::Column::PartnerId.eq(partner_id))
            .filter(membership::Column::Role.is_in(["admin", "editor"]))
            .all(conn)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect()),
        (Some(InboxKind::Coordination), _) => Ok(user::Entity::find()
            .filter(user::Column::IsCoordinator.eq(true))
            .filter(user::Column::Disabled.eq(false))
            .filter(user::Column::DeletedAt.is_null())
            .all(conn)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect()),
        _ => Ok(Vec::new()),
    }
}

/// Makes a visible message count: the conversation's last message, and a notification
/// waiting for everyone concerned but its author. Returns the participants to notify.
pub async fn fan_out<C: ConnectionTrait>(
    conn: &C,
    conversation: &conversation::Model,
    msg: &message::Model,
    author: &conversation_participant::Model,
) -> Result<Vec<i64>, DbErr> {
    let now = msg.created_at;
    conversation::Entity::update_many()
        .col_expr(conversation::Column::LastMessageId, Expr::value(msg.id))
        .col_expr(conversation::Column::LastMessageAt, Expr::value(now))
        .filter(conversation::Column::Id.eq(conversation.id))
        .filter(
            sea_orm::Condition::any()
                .add(conversation::Column::LastMessageId.is_null())
                .add(conversation::Column::LastMessageId.lt(msg.id)),
        )
        .exec(conn)
        .await?;
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(conversation.id))
        .all(conn)
        .await?;
    let mut recipients: Vec<i64> = rows
        .iter()
        .filter(|r| r.id != author.id && r.left_at.is_none())
        .filter(|r| {
            matches!(
                Role::parse(&r.role),
                Some(Role::Sender | Role::Holder | Role::Relay)
            )
        })
        .map(|r| r.id)
        .collect();
    let inboxes = conversation_inbox::Entity::find()
        .filter(conversation_inbox::Column::ConversationId.eq(conversation.id))
        .all(conn)
        .await?;
    for inbox in inboxes {
        // A colleague's answer is in the shared inbox already: no mail about it.
        if author.role == Role::Inbox.as_str() && author.inbox_id == Some(inbox.id) {
            continue;
        }
        if inbox.status == InboxStatus::Done.as_str() {
            conversation_inbox::Entity::update_many()
                .col_expr(
                    conversation_inbox::Column::Status,
                    Expr::value(InboxStatus::Open.as_str()),
                )
                .col_expr(
                    conversation_inbox::Column::DoneAt,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(conversation_inbox::Column::UpdatedAt, Expr::value(now))
                .filter(conversation_inbox::Column::Id.eq(inbox.id))
                .exec(conn)
                .await?;
        }
        for user_id in inbox_handlers(conn, &inbox).await? {
            if Some(user_id) == author.user_id {
                continue;
            }
            let row = handler_row(conn, conversation.id, user_id, inbox.id, now).await?;
            if row.left_at.is_none() && !recipients.contains(&row.id) {
                recipients.push(row.id);
            }
        }
    }
    if recipients.is_empty() {
        return Ok(recipients);
    }
    conversation_participant::Entity::update_many()
        .col_expr(
            conversation_participant::Column::Archived,
            Expr::value(false),
        )
        .filter(conversation_participant::Column::Id.is_in(recipients.clone()))
        .exec(conn)
        .await?;
    let muted: Vec<i64> = rows.iter().filter(|r| r.muted).map(|r| r.id).collect();
    recipients.retain(|id| !muted.contains(id));
    if !recipients.is_empty() {
        conversation_participant::Entity::update_many()
            .col_expr(
                conversation_participant::Column::NotifyPending,
                Expr::value(true),
            )
            .filter(conversation_participant::Column::Id.is_in(recipients.clone()))
            .filter(conversation_participant::Column::Muted.eq(false))
            .exec(conn)
            .await?;
    }
    Ok(recipients)
}

/// Adds a message by `author` (speaking for `inbox_id` when given) to a conversation.
#[expect(clippy::too_many_arguments, reason = "what a message is")]
pub async fn post(
    state: &AppState,
    conversation: &conversation::Model,
    author: &conversation_participant::Model,
    inbox_id: Option<i64>,
    body: &str,
    format: Format,
    via: Via,
    held: bool,
) -> AppResult<message::Model> {
    let now = state.clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    let status = if held {
        MessageStatus::Held
    } else {
        MessageStatus::Visible
    };
    let msg = insert_message(
        &txn,
        conversation,
        author,
        inbox_id,
        body,
        format,
        via,
        status,
        now,
    )
    .await?;
    let notify = if held {
        Vec::new()
    } else {
        fan_out(&txn, conversation, &msg, author).await?
    };
    txn.commit().await?;
    super::notify::queue(state, &notify).await?;
    if held {
        super::notify::moderation_alert(state).await?;
    }
    Ok(msg)
}

/// Records that a participant read the conversation up to `message_id` (and is reading
/// it now); nothing waits for them once they read the last message.
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    participant: &conversation_participant::Model,
    conversation: &conversation::Model,
    message_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let read = match (participant.last_read_message_id, message_id) {
        (Some(before), Some(up_to)) => Some(before.max(up_to)),
        (before, up_to) => before.or(up_to),
    };
    let caught_up = match (read, conversation.last_message_id) {
        (_, None) => true,
        (Some(read), Some(last)) => read >= last,
        (None, Some(_)) => false,
    };
    let mut update = conversation_participant::Entity::update_many()
        .col_expr(
            conversation_participant::Column::LastSeenAt,
            Expr::value(now),
        )
        .filter(conversation_participant::Column::Id.eq(participant.id));
    if read != participant.last_read_message_id {
        update = update.col_expr(
            conversation_participant::Column::LastReadMessageId,
            Expr::value(read),
        );
    }
    if caught_up {
        update = update
            .col_expr(
                conversation_participant::Column::NotifyPending,
                Expr::value(false),
            )
            .col_expr(
                conversation_participant::Column::DigestPending,
                Expr::value(false),
            );
    }
    update.exec(conn).await?;
    Ok(())
}

/// Refuses with a form error when a participant of the conversation blocked `author`.
pub async fn check_not_blocked<C: ConnectionTrait>(
    conn: &C,
    conversation_id: i64,
    author: i64,
) -> AppResult<()> {
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.eq(conversation_id))
        .filter(conversation_participant::Column::LeftAt.is_null())
        .all(conn)
        .await?;
    let users: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.user_id)
        .filter(|id| *id != author)
        .collect();
    let addresses: Vec<String> = rows.iter().filter_map(|r| r.email.clone()).collect();
    if super::blocks::blocked_by_any(conn, author, &users, &addresses).await? {
        return Err(AppError::invalid("body", "messaging-blocked"));
    }
    Ok(())
}
