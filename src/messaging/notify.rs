//! Mail about new messages, grouped: at most one mail per person and conversation per
//! quarter of an hour, none while the person has the thread open (it polls the server,
//! which records when), and nothing for kinds they turned off or put in the daily digest.
//! Holders reached by mail get the messages themselves with their relay link; everyone
//! else gets a notification. Every such mail has its own reply address.
//!
//! A new message queues a `notify_participant` job per recipient (sent at once when
//! nothing holds it back); what waits is picked up by the `messaging_upkeep` job the
//! scheduler queues at every tick. Both decide with the state's clock, which tests move.
use chrono::{DateTime, Duration, Timelike, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::model::{MessageStatus, Role};
use super::people::Names;
use super::tokens::{self, Binding, Purpose};
use crate::entities::{
    conversation, conversation_participant, message, partner, project, settings_kv, user,
};
use crate::error::AppResult;
use crate::notifications::{self, Delivery};
use crate::state::AppState;
use crate::web::Lang;
use crate::worker::{self, Job};

/// The least time between two mails about one conversation to one person.
pub const GROUP_WINDOW: Duration = Duration::minutes(15);
/// A thread that asked for news this recently is open in front of someone.
pub const READING_WINDOW: Duration = Duration::seconds(45);
/// Kind of the notification of a new message in one's own conversation.
pub const KIND_MESSAGE: &str = "message_received";
/// Kind of the notification of a new message in a shared inbox one handles.
pub const KIND_INBOX: &str = "inbox_message";
/// Kind of the alert of a message waiting for moderation (coordinators).
pub const KIND_MODERATION: &str = "moderation";
/// The hour (UTC) after which the day's digest goes out.
const DIGEST_HOUR: u32 = 6;
const DIGEST_DAY_KEY: &str = "messaging_digest_day";

/// Tells one participant about what waits for them (if nothing holds it back).
#[derive(Debug, Serialize, Deserialize)]
pub struct NotifyParticipant {
    pub participant_id: i64,
}

impl Job for NotifyParticipant {
    const KIND: &'static str = "notify_participant";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        deliver(state, self.participant_id).await?;
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(format!("{}:{}", Self::KIND, self.participant_id))
    }
}

/// Queues a notification job for each participant.
pub async fn queue(state: &AppState, participant_ids: &[i64]) -> AppResult<()> {
    for id in participant_ids {
        worker::enqueue(
            state,
            &NotifyParticipant {
                participant_id: *id,
            },
        )
        .await?;
    }
    Ok(())
}

/// What [`deliver`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing waits (read already, muted, gone, or the person turned the kind off).
    Nothing,
    /// The person has the thread open: the messages will be read there.
    Reading,
    /// A mail went out less than a quarter of an hour ago: later.
    TooSoon,
    /// Kept for the daily digest.
    Digest,
    Sent,
}

/// The messages waiting for `p`: visible, not theirs, after what they read and what they
/// were told of.
async fn waiting<C: ConnectionTrait>(
    conn: &C,
    p: &conversation_participant::Model,
) -> Result<Vec<message::Model>, DbErr> {
    let after = p
        .last_read_message_id
        .max(p.last_notified_message_id)
        .unwrap_or(0);
    message::Entity::find()
        .filter(message::Column::ConversationId.eq(p.conversation_id))
        .filter(message::Column::Status.eq(MessageStatus::Visible.as_str()))
        .filter(message::Column::Id.gt(after))
        .filter(
            Condition::any()
                .add(message::Column::AuthorId.is_null())
                .add(message::Column::AuthorId.ne(p.id)),
        )
        .order_by_asc(message::Column::Id)
        .all(conn)
        .await
}

async fn clear_pending<C: ConnectionTrait>(conn: &C, id: i64, digest: bool) -> Result<(), DbErr> {
    conversation_participant::Entity::update_many()
        .col_expr(
            conversation_participant::Column::NotifyPending,
            Expr::value(false),
        )
        .col_expr(
            conversation_participant::Column::DigestPending,
            Expr::value(digest),
        )
        .filter(conversation_participant::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The kind of notification a participant gets.
fn kind_of(p: &conversation_participant::Model) -> &'static str {
    if p.role == Role::Inbox.as_str() {
        KIND_INBOX
    } else {
        KIND_MESSAGE
    }
}

/// Mails participant `id` about what waits for them, unless something holds it back.
pub async fn deliver(state: &AppState, id: i64) -> anyhow::Result<Outcome> {
    let now = state.clock.now();
    let db = &state.db;
    let Some(p) = conversation_participant::Entity::find_by_id(id)
        .one(db)
        .await?
    else {
        return Ok(Outcome::Nothing);
    };
    if !p.notify_pending {
        return Ok(Outcome::Nothing);
    }
    let pending = waiting(db, &p).await?;
    if p.left_at.is_some() || p.muted || pending.is_empty() {
        clear_pending(db, p.id, false).await?;
        return Ok(Outcome::Nothing);
    }
    let recipient = match p.user_id {
        Some(user_id) => match user::Entity::find_by_id(user_id).one(db).await? {
            Some(u) if u.deleted_at.is_none() && !u.disabled => Some(u),
            _ => {
                clear_pending(db, p.id, false).await?;
                return Ok(Outcome::Nothing);
            }
        },
        None if p.email.is_some() => None,
        None => {
            clear_pending(db, p.id, false).await?;
            return Ok(Outcome::Nothing);
        }
    };
    if let Some(u) = &recipient {
        match notifications::delivery(db, u.id, kind_of(&p)).await? {
            Delivery::Never => {
                clear_pending(db, p.id, false).await?;
                return Ok(Outcome::Nothing);
            }
            Delivery::Daily => {
                clear_pending(db, p.id, true).await?;
                return Ok(Outcome::Digest);
            }
            Delivery::Immediate => {}
        }
    }
    if p.last_seen_at.is_some_and(|at| at > now - READING_WINDOW) {
        return Ok(Outcome::Reading);
    }
    if p.last_notified_at.is_some_and(|at| at > now - GROUP_WINDOW) {
        return Ok(Outcome::TooSoon);
    }
    let last = pending.last().map(|m| m.id);
    let txn = crate::db::begin_write(db).await?;
    // Only one of several workers wins the right to mail this window.
    let claimed = conversation_participant::Entity::update_many()
        .col_expr(
            conversation_participant::Column::NotifyPending,
            Expr::value(false),
        )
        .col_expr(
            conversation_participant::Column::LastNotifiedAt,
            Expr::value(now),
        )
        .col_expr(
            conversation_participant::Column::LastNotifiedMessageId,
            Expr::value(last),
        )
        .filter(conversation_participant::Column::Id.eq(p.id))
        .filter(conversation_participant::Column::NotifyPending.eq(true))
        .filter(
            Condition::any()
                .add(conversation_participant::Column::LastNotifiedAt.is_null())
                .add(conversation_participant::Column::LastNotifiedAt.lte(now - GROUP_WINDOW)),
        )
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(Outcome::TooSoon);
    }
    let mail = match &recipient {
        Some(u) => notification_mail(state, &txn, &p, u, &pending, now).await?,
        None => relay_mail(state, &txn, &p, &pending, now).await?,
    };
    worker::queue::insert(&txn, &mail, Utc::now(), state.settings.worker.max_attempts).await?;
    txn.commit().await?;
    state.jobs_queued.notify_one();
    Ok(Outcome::Sent)
}

/// One message as a mail shows it.
#[derive(Serialize)]
struct MailMessage {
    author: String,
    at: String,
    text: String,
    html: String,
}

async fn mail_messages<C: ConnectionTrait>(
    conn: &C,
    messages: &[message::Model],
    lang: Lang,
) -> Result<Vec<MailMessage>, DbErr> {
    let author_ids: Vec<i64> = messages.iter().filter_map(|m| m.author_id).collect();
    let authors = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::Id.is_in(author_ids))
        .all(conn)
        .await?;
    let inbox_ids: Vec<i64> = messages.iter().filter_map(|m| m.inbox_id).collect();
    let names = Names::load(conn, &authors, &inbox_ids).await?;
    Ok(messages
        .iter()
        .map(|m| {
            let mut author = m
                .author_id
                .and_then(|a| authors.iter().find(|r| r.id == a))
                .map(|r| names.of(r, lang))
                .unwrap_or_else(|| lang.t("messaging-deleted-user"));
            if let Some(inbox) = m.inbox_id {
                author = format!("{author} ({})", names.inbox(inbox, lang));
            }
            MailMessage {
                author,
                at: format_time(m.created_at, lang),
                text: m.body.clone(),
                html: m.body_html.clone(),
            }
        })
        .collect())
}

/// A date and time in mails (UTC: the hub does not know the reader's zone).
pub fn format_time(at: DateTime<Utc>, lang: Lang) -> String {
    match lang {
        Lang::Fr => at.format("%d/%m/%Y %H:%M UTC").to_string(),
        Lang::En => at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// A new reply address for `participant_id`, valid as long as a relay link.
async fn reply_address<C: ConnectionTrait>(
    state: &AppState,
    conn: &C,
    participant_id: i64,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let secret = tokens::issue(
        conn,
        Purpose::Reply,
        Binding {
            participant_id: Some(participant_id),
            ..Default::default()
        },
        now,
        relay_lifetime(state),
    )
    .await?;
    Ok(format!(
        "{}+{secret}@{}",
        state.settings.messaging.reply_local_part,
        state.settings.reply_domain()
    ))
}

/// How long relay links and reply addresses work.
pub fn relay_lifetime(state: &AppState) -> Duration {
    Duration::days(i64::from(state.settings.messaging.relay_link_days))
}

#[derive(Serialize)]
struct NotificationView {
    name: String,
    subject: String,
    project: Option<String>,
    inbox: Option<String>,
    messages: Vec<MailMessage>,
    thread_url: String,
    preferences_url: String,
}

async fn notification_mail<C: ConnectionTrait>(
    state: &AppState,
    conn: &C,
    p: &conversation_participant::Model,
    to: &user::Model,
    pending: &[message::Model],
    now: DateTime<Utc>,
) -> anyhow::Result<crate::mail::SendMail> {
    let lang = Lang::parse(&to.preferred_lang).unwrap_or(Lang::Fr);
    let conversation = conversation::Entity::find_by_id(p.conversation_id)
        .one(conn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("conversation {} vanished", p.conversation_id))?;
    let project = project_title(conn, conversation.project_id).await?;
    let inbox = match p.inbox_id {
        Some(id) => Some(Names::load(conn, &[], &[id]).await?.inbox(id, lang)),
        None => None,
    };
    let base = &state.settings.server.public_url;
    let view = NotificationView {
        name: to.display_name.clone(),
        subject: conversation.subject.clone(),
        project,
        inbox,
        messages: mail_messages(conn, pending, lang).await?,
        thread_url: format!("{base}/messages/{}", conversation.id),
        preferences_url: format!("{base}/compte/notifications"),
    };
    let reply_to = reply_address(state, conn, p.id, now).await?;
    Ok(crate::mail::render(
        state,
        "message_notification",
        lang,
        &to.email,
        Some(&reply_to),
        &view,
    )?)
}

async fn project_title<C: ConnectionTrait>(
    conn: &C,
    id: Option<i64>,
) -> Result<Option<String>, DbErr> {
    Ok(match id {
        Some(id) => project::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|p| p.title),
        None => None,
    })
}

/// A partner credited for listing the project, in the relay mail.
#[derive(Serialize)]
struct ListedBy {
    name: String,
    original_url: String,
}

#[derive(Serialize)]
struct RelayView {
    subject: String,
    project: String,
    project_url: String,
    listed_by: Vec<ListedBy>,
    messages: Vec<MailMessage>,
    relay_url: String,
    expires: String,
    claim_url: String,
}

async fn relay_mail<C: ConnectionTrait>(
    state: &AppState,
    conn: &C,
    p: &conversation_participant::Model,
    pending: &[message::Model],
    now: DateTime<Utc>,
) -> anyhow::Result<crate::mail::SendMail> {
    // Holders reached by mail read French, the language of the projects listed.
    let lang = Lang::Fr;
    let conversation = conversation::Entity::find_by_id(p.conversation_id)
        .one(conn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("conversation {} vanished", p.conversation_id))?;
    let project = match conversation.project_id {
        Some(id) => project::Entity::find_by_id(id).one(conn).await?,
        None => None,
    }
    .ok_or_else(|| anyhow::anyhow!("relayed conversation {} has no project", conversation.id))?;
    let listings = crate::entities::project_attribution::Entity::find()
        .filter(crate::entities::project_attribution::Column::ProjectId.eq(project.id))
        .filter(crate::entities::project_attribution::Column::GoneAt.is_null())
        .all(conn)
        .await?;
    let partner_ids: Vec<i64> = listings.iter().map(|l| l.partner_id).collect();
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(partner_ids))
        .all(conn)
        .await?;
    let listed_by = listings
        .iter()
        .filter_map(|l| {
            let partner = partners.iter().find(|p| p.id == l.partner_id)?;
            Some(ListedBy {
                name: partner.name.clone(),
                original_url: l.original_url.clone(),
            })
        })
        .collect();
    let lifetime = relay_lifetime(state);
    let secret = tokens::issue(
        conn,
        Purpose::Relay,
        Binding {
            participant_id: Some(p.id),
            ..Default::default()
        },
        now,
        lifetime,
    )
    .await?;
    let base = &state.settings.server.public_url;
    let relay_url = format!("{base}/relais/{secret}");
    let view = RelayView {
        subject: conversation.subject.clone(),
        project_url: format!(
            "{base}{}",
            crate::projects::service::project_path(project.id, &project.slug)
        ),
        project: project.title.clone(),
        listed_by,
        messages: mail_messages(conn, pending, lang).await?,
        claim_url: format!("{relay_url}/revendiquer"),
        relay_url,
        expires: (now + lifetime).format("%d/%m/%Y").to_string(),
    };
    let to = p
        .email
        .clone()
        .ok_or_else(|| anyhow::anyhow!("relay participant {} has no address", p.id))?;
    let reply_to = reply_address(state, conn, p.id, now).await?;
    Ok(crate::mail::render(
        state,
        "relay_message",
        lang,
        &to,
        Some(&reply_to),
        &view,
    )?)
}

/// Delivers what waits and may go now; returns how many mails were sent.
pub async fn deliver_due(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let ids: Vec<i64> = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::NotifyPending.eq(true))
        .filter(
            Condition::any()
                .add(conversation_participant::Column::LastNotifiedAt.is_null())
                .add(conversation_participant::Column::LastNotifiedAt.lte(now - GROUP_WINDOW)),
        )
        .filter(
            Condition::any()
                .add(conversation_participant::Column::LastSeenAt.is_null())
                .add(conversation_participant::Column::LastSeenAt.lte(now - READING_WINDOW)),
        )
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let mut sent = 0;
    for id in ids {
        if deliver(state, id).await? == Outcome::Sent {
            sent += 1;
        }
    }
    Ok(sent)
}

/// One conversation in a digest.
#[derive(Serialize)]
struct DigestThread {
    subject: String,
    inbox: Option<String>,
    url: String,
    messages: Vec<MailMessage>,
}

#[derive(Serialize)]
struct DigestView {
    name: String,
    threads: Vec<DigestThread>,
    /// Notifications of other kinds chosen for the digest (mentions…).
    others: Vec<DigestItem>,
    /// Threads and other items.
    count: usize,
    preferences_url: String,
}

#[derive(Serialize)]
struct DigestItem {
    line: String,
    excerpt: String,
    link: String,
}

/// Takes the day's digest for this node if it is due and nobody took it; true if taken.
async fn take_digest_day(state: &AppState, now: DateTime<Utc>) -> Result<bool, DbErr> {
    if now.hour() < DIGEST_HOUR {
        return Ok(false);
    }
    let today = now.format("%Y-%m-%d").to_string();
    let db = &state.db;
    // Insert the row once, then move it forward only from another day: one node wins.
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(DIGEST_DAY_KEY.into()),
        value: Set(String::new()),
    })
    .on_conflict(
        OnConflict::column(settings_kv::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let taken = settings_kv::Entity::update_many()
        .col_expr(settings_kv::Column::Value, Expr::value(today.clone()))
        .filter(settings_kv::Column::Key.eq(DIGEST_DAY_KEY))
        .filter(settings_kv::Column::Value.ne(today))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Sends the day's digests when due (once a day, from 06:00 UTC); returns how many.
pub async fn send_digests(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now();
    if !take_digest_day(state, now).await? {
        return Ok(0);
    }
    let db = &state.db;
    let rows = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::DigestPending.eq(true))
        .order_by_asc(conversation_participant::Column::UserId)
        .order_by_asc(conversation_participant::Column::ConversationId)
        .all(db)
        .await?;
    // Each person's participations with messages waiting, and the people who have only
    // other notifications waiting.
    let mut people: std::collections::BTreeMap<i64, Vec<conversation_participant::Model>> =
        std::collections::BTreeMap::new();
    for row in rows {
        if let Some(user_id) = row.user_id {
            people.entry(user_id).or_default().push(row);
        }
    }
    let held: Vec<i64> = crate::entities::notification_item::Entity::find()
        .select_only()
        .column(crate::entities::notification_item::Column::UserId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    for user_id in held {
        people.entry(user_id).or_default();
    }
    let mut sent = 0;
    for (user_id, rows) in people {
        if digest_for(state, user_id, &rows, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Mails one person's digest of `rows` (their participations with messages waiting).
async fn digest_for(
    state: &AppState,
    user_id: i64,
    rows: &[conversation_participant::Model],
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let db = &state.db;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let Some(to) = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.deleted_at.is_none() && !u.disabled)
    else {
        conversation_participant::Entity::update_many()
            .col_expr(
                conversation_participant::Column::DigestPending,
                Expr::value(false),
            )
            .filter(conversation_participant::Column::Id.is_in(ids))
            .exec(db)
            .await?;
        crate::entities::notification_item::Entity::delete_many()
            .filter(crate::entities::notification_item::Column::UserId.eq(user_id))
            .exec(db)
            .await?;
        return Ok(false);
    };
    let lang = Lang::parse(&to.preferred_lang).unwrap_or(Lang::Fr);
    let base = &state.settings.server.public_url;
    let txn = crate::db::begin_write(db).await?;
    let mut threads = Vec::new();
    for row in rows {
        let pending = waiting(&txn, row).await?;
        conversation_participant::Entity::update_many()
            .col_expr(
                conversation_participant::Column::DigestPending,
                Expr::value(false),
            )
            .col_expr(
                conversation_participant::Column::LastNotifiedAt,
                Expr::value(now),
            )
            .col_expr(
                conversation_participant::Column::LastNotifiedMessageId,
                Expr::value(
                    pending
                        .last()
                        .map(|m| m.id)
                        .or(row.last_notified_message_id),
                ),
            )
            .filter(conversation_participant::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        if pending.is_empty() || row.muted || row.left_at.is_some() {
            continue;
        }
        let Some(conversation) = conversation::Entity::find_by_id(row.conversation_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let inbox = match row.inbox_id {
            Some(id) => Some(Names::load(&txn, &[], &[id]).await?.inbox(id, lang)),
            None => None,
        };
        threads.push(DigestThread {
            subject: conversation.subject,
            inbox,
            url: format!("{base}/messages/{}", conversation.id),
            messages: mail_messages(&txn, &pending, lang).await?,
        });
    }
    let items = crate::entities::notification_item::Entity::find()
        .filter(crate::entities::notification_item::Column::UserId.eq(user_id))
        .order_by_asc(crate::entities::notification_item::Column::Id)
        .all(&txn)
        .await?;
    crate::entities::notification_item::Entity::delete_many()
        .filter(crate::entities::notification_item::Column::Id.is_in(items.iter().map(|i| i.id)))
        .exec(&txn)
        .await?;
    if threads.is_empty() && items.is_empty() {
        txn.commit().await?;
        return Ok(false);
    }
    let others: Vec<DigestItem> = items
        .into_iter()
        .map(|i| DigestItem {
            line: i.line,
            excerpt: i.excerpt,
            link: i.link,
        })
        .collect();
    let view = DigestView {
        name: to.display_name.clone(),
        count: threads.len() + others.len(),
        threads,
        others,
        preferences_url: format!("{base}/compte/notifications"),
    };
    let mail = crate::mail::render(state, "message_digest", lang, &to.email, None, &view)?;
    worker::queue::insert(&txn, &mail, Utc::now(), state.settings.worker.max_attempts).await?;
    txn.commit().await?;
    state.jobs_queued.notify_one();
    Ok(true)
}

#[derive(Serialize)]
struct ModerationView {
    name: String,
    queue_url: String,
}

/// Tells the coordinators (who want it) that something waits in the moderation queue,
/// at most once per quarter of an hour each.
pub async fn moderation_alert(state: &AppState) -> AppResult<()> {
    let coordinators = user::Entity::find()
        .filter(user::Column::IsCoordinator.eq(true))
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::DeletedAt.is_null())
        .all(&state.db)
        .await?;
    let queue_url = format!(
        "{}/coordination/moderation",
        state.settings.server.public_url
    );
    for c in coordinators {
        if notifications::delivery(&state.db, c.id, KIND_MODERATION).await? == Delivery::Never {
            continue;
        }
        let key = format!("moderation-alert:{}", c.id);
        if crate::accounts::rate_limit::hit(&state.db, &key, 1, GROUP_WINDOW)
            .await
            .is_err()
        {
            // Told less than a quarter of an hour ago; the queue shows everything.
            continue;
        }
        let lang = Lang::parse(&c.preferred_lang).unwrap_or(Lang::Fr);
        let view = ModerationView {
            name: c.display_name.clone(),
            queue_url: queue_url.clone(),
        };
        crate::mail::queue(state, "moderation_alert", lang, &c.email, None, &view).await?;
    }
    Ok(())
}

/// Messaging's periodic work, queued by the scheduler at every tick: the notifications
/// that may go now, the daily digest when due, and the retention period.
#[derive(Debug, Serialize, Deserialize)]
pub struct MessagingUpkeep;

impl Job for MessagingUpkeep {
    const KIND: &'static str = "messaging_upkeep";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        deliver_due(state).await?;
        send_digests(state).await?;
        super::retention::purge(state).await?;
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}
