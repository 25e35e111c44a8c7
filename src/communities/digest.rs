//! The weekly digest of a community, by mail, for the members who ask for it on its page
//! (`POST /communautes/{slug}/resume`). Once a week after subscribing (and then after
//! each digest) the scheduled job `community_weekly_digest` mails what happened since:
//! discussions with new messages, the events of the coming two weeks, the members who
//! joined, and the feed of the community's scope. A week with nothing new sends nothing.
//! Leaving the community ends the digest.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::discussions::{VISIBLE, member_access, topic_path};
use super::model::{MemberStatus, Status};
use super::views::community_path;
use crate::accounts::session::CurrentUser;
use crate::entities::{
    community, community_digest, community_event, community_member, community_post,
    community_topic, user,
};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::{CsrfForm, Lang, flash};
use crate::worker::Job;

/// Between two digests.
const WEEK: Duration = Duration::days(7);
/// Events announced ahead.
const AHEAD: Duration = Duration::days(14);

/// Whether `user_id` gets the digest of `community_id`.
pub async fn subscribed(state: &AppState, community_id: i64, user_id: i64) -> AppResult<bool> {
    Ok(
        community_digest::Entity::find_by_id((community_id, user_id))
            .one(&state.db)
            .await?
            .is_some(),
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DigestForm {
    /// `1` to get the digest, anything else to stop it.
    weekly: String,
}

/// `POST /communautes/{slug}/resume`
pub async fn choose(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<DigestForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let id = access.community.id;
    if form.weekly == "1" {
        community_digest::Entity::insert(community_digest::ActiveModel {
            community_id: Set(id),
            user_id: Set(me.id),
            subscribed_at: Set(state.clock.now()),
            last_sent_at: Set(None),
        })
        .on_conflict(
            OnConflict::columns([
                community_digest::Column::CommunityId,
                community_digest::Column::UserId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
        flash(&session, "success", "community-digest-on").await?;
    } else {
        community_digest::Entity::delete_by_id((id, me.id))
            .exec(&state.db)
            .await?;
        flash(&session, "success", "community-digest-off").await?;
    }
    Ok(Redirect::to(&format!("{}#digest", community_path(&slug))).into_response())
}

#[derive(Serialize)]
struct TopicLine {
    title: String,
    new_messages: u64,
    link: String,
}

#[derive(Serialize)]
struct EventLine {
    title: String,
    when: String,
    link: String,
}

#[derive(Serialize)]
struct ActivityLine {
    title: String,
    link: String,
}

#[derive(Serialize)]
struct DigestMail {
    name: String,
    community: String,
    topics: Vec<TopicLine>,
    events: Vec<EventLine>,
    joined: u64,
    activity: Vec<ActivityLine>,
    link: String,
}

/// Sends the digests due now; returns how many mails were queued.
pub async fn send_due(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let week_ago = now - WEEK;
    // Due a week after the last digest, or after subscribing when none went yet.
    let due = community_digest::Entity::find()
        .filter(
            Condition::any()
                .add(community_digest::Column::LastSentAt.lte(week_ago))
                .add(
                    Condition::all()
                        .add(community_digest::Column::LastSentAt.is_null())
                        .add(community_digest::Column::SubscribedAt.lte(week_ago)),
                ),
        )
        .all(&state.db)
        .await?;
    let mut sent = 0;
    for subscription in due {
        if send_one(state, &subscription, now).await? {
            sent += 1;
        }
    }
    if sent > 0 {
        state.jobs_queued.notify_one();
    }
    Ok(sent)
}

/// The digest of one subscription; whether a mail went.
async fn send_one(
    state: &AppState,
    subscription: &community_digest::Model,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let key = (subscription.community_id, subscription.user_id);
    let community = community::Entity::find_by_id(subscription.community_id)
        .one(&state.db)
        .await?;
    let membership = community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(subscription.community_id))
        .filter(community_member::Column::UserId.eq(subscription.user_id))
        .one(&state.db)
        .await?;
    let person = user::Entity::find_by_id(subscription.user_id)
        .one(&state.db)
        .await?
        .filter(|u| u.deleted_at.is_none() && !u.disabled);
    let (Some(community), Some(_), Some(person)) = (
        community.filter(|c| c.status == Status::Active.as_str()),
        membership.filter(|m| m.status == MemberStatus::Active.as_str()),
        person,
    ) else {
        // No longer a member of an active community: the digest ends.
        community_digest::Entity::delete_by_id(key)
            .exec(&state.db)
            .await?;
        return Ok(false);
    };
    let since = subscription
        .last_sent_at
        .unwrap_or(subscription.subscribed_at);
    let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let mail = DigestMail {
        name: person.display_name.clone(),
        community: community.name.clone(),
        topics: topics_since(state, &community, since, public_url).await?,
        events: events_ahead(state, &community, now, lang, public_url).await?,
        joined: community_member::Entity::find()
            .filter(community_member::Column::CommunityId.eq(community.id))
            .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
            .filter(community_member::Column::CreatedAt.gt(since))
            .filter(community_member::Column::UserId.ne(person.id))
            .count(&state.db)
            .await?,
        activity: super::activity::feed(state, &community, lang)
            .await?
            .into_iter()
            .filter(|i| i.at_utc() > since)
            .map(|i| ActivityLine {
                link: format!("{public_url}{}", i.url),
                title: i.title,
            })
            .collect(),
        link: format!("{public_url}{}", community_path(&community.slug)),
    };
    community_digest::Entity::update_many()
        .col_expr(
            community_digest::Column::LastSentAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(community_digest::Column::CommunityId.eq(key.0))
        .filter(community_digest::Column::UserId.eq(key.1))
        .exec(&state.db)
        .await?;
    let nothing = mail.topics.is_empty()
        && mail.events.is_empty()
        && mail.joined == 0
        && mail.activity.is_empty();
    if nothing {
        return Ok(false);
    }
    crate::mail::queue(state, "community_digest", lang, &person.email, None, &mail).await?;
    Ok(true)
}

async fn topics_since(
    state: &AppState,
    community: &community::Model,
    since: DateTime<Utc>,
    public_url: &str,
) -> anyhow::Result<Vec<TopicLine>> {
    let topics = community_topic::Entity::find()
        .filter(community_topic::Column::CommunityId.eq(community.id))
        .filter(community_topic::Column::Status.eq(VISIBLE))
        .filter(community_topic::Column::LastPostAt.gt(since))
        .order_by_desc(community_topic::Column::LastPostAt)
        .all(&state.db)
        .await?;
    let mut lines = Vec::with_capacity(topics.len());
    for topic in topics {
        let new_messages = community_post::Entity::find()
            .filter(community_post::Column::TopicId.eq(topic.id))
            .filter(community_post::Column::Status.eq(VISIBLE))
            .filter(community_post::Column::CreatedAt.gt(since))
            .count(&state.db)
            .await?;
        if new_messages > 0 {
            lines.push(TopicLine {
                link: format!("{public_url}{}", topic_path(&community.slug, topic.id)),
                title: topic.title,
                new_messages,
            });
        }
    }
    Ok(lines)
}

async fn events_ahead(
    state: &AppState,
    community: &community::Model,
    now: DateTime<Utc>,
    lang: Lang,
    public_url: &str,
) -> anyhow::Result<Vec<EventLine>> {
    let events = community_event::Entity::find()
        .filter(community_event::Column::CommunityId.eq(community.id))
        .filter(community_event::Column::Status.eq("scheduled"))
        .all(&state.db)
        .await?;
    let mut lines: Vec<(DateTime<Utc>, EventLine)> = Vec::new();
    for event in &events {
        let tz = super::recurrence::zone(event);
        for occurrence in super::recurrence::between(event, now, now + AHEAD, 3) {
            if occurrence.starts_at <= now {
                continue;
            }
            lines.push((
                occurrence.starts_at,
                EventLine {
                    title: event.title.clone(),
                    when: super::events::local_label(occurrence.local, tz, lang),
                    link: format!(
                        "{public_url}{}",
                        super::events::event_path(&community.slug, event.id)
                    ),
                },
            ));
        }
    }
    lines.sort_by_key(|(at, _)| *at);
    Ok(lines.into_iter().map(|(_, line)| line).collect())
}

/// The scheduler's job running [`send_due`].
#[derive(Debug, Serialize, Deserialize)]
pub struct SendCommunityDigests;

impl Job for SendCommunityDigests {
    const KIND: &'static str = "community_weekly_digest";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        send_due(state).await?;
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}
