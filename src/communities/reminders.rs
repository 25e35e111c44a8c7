//! The reminder mail the day before: at every scheduler tick a job looks for the
//! occurrences starting within the next 24 hours (by the state's clock) and mails the
//! people going. A row per (event, occurrence), written in the same transaction as the
//! mails, makes each reminder go out once whatever the number of workers.
use chrono::{Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::model::{Answer, Recurrence, Status};
use super::recurrence;
use crate::entities::{
    community, community_event, community_registration, community_reminder, user,
};
use crate::state::AppState;
use crate::web::Lang;
use crate::worker::Job;

/// How long before an occurrence its reminder goes.
pub const AHEAD: Duration = Duration::hours(24);

/// Mails the reminders that are due.
#[derive(Debug, Serialize, Deserialize)]
pub struct SendEventReminders;

impl Job for SendEventReminders {
    const KIND: &'static str = "community_event_reminders";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        send_due(state).await?;
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}

#[derive(Serialize)]
struct ReminderMail {
    name: String,
    title: String,
    community: String,
    when: String,
    place: String,
    online_url: Option<String>,
    link: String,
}

/// Sends the reminders due now; returns how many mails were queued.
pub async fn send_due(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let horizon = now + AHEAD;
    let events = community_event::Entity::find()
        .filter(community_event::Column::Status.eq("scheduled"))
        .filter(community_event::Column::StartsAt.lte(horizon))
        .filter(
            Condition::any()
                .add(community_event::Column::StartsAt.gt(now))
                .add(community_event::Column::Recurrence.ne(Recurrence::None.as_str())),
        )
        .all(&state.db)
        .await?;
    let mut queued = 0;
    for event in events {
        let Some(c) = community::Entity::find_by_id(event.community_id)
            .one(&state.db)
            .await?
            .filter(|c| c.status == Status::Active.as_str())
        else {
            continue;
        };
        for occurrence in recurrence::between(&event, now, horizon, 2) {
            if occurrence.starts_at <= now {
                continue;
            }
            queued += remind(state, &c, &event, occurrence).await?;
        }
    }
    if queued > 0 {
        state.jobs_queued.notify_one();
    }
    Ok(queued)
}

async fn remind(
    state: &AppState,
    c: &community::Model,
    event: &community_event::Model,
    occurrence: recurrence::Occurrence,
) -> anyhow::Result<usize> {
    let txn = crate::db::begin_write(&state.db).await?;
    let inserted = community_reminder::Entity::insert(community_reminder::ActiveModel {
        event_id: Set(event.id),
        occurrence_at: Set(occurrence.starts_at),
        sent_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            community_reminder::Column::EventId,
            community_reminder::Column::OccurrenceAt,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Ok(0);
    }
    let going: Vec<i64> = community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event.id))
        .filter(community_registration::Column::Answer.eq(Answer::Going.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(going))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Disabled.eq(false))
        .all(&txn)
        .await?;
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let tz = recurrence::zone(event);
    for person in &people {
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        let mail = crate::mail::render(
            state,
            "community_reminder",
            lang,
            &person.email,
            None,
            &ReminderMail {
                name: person.display_name.clone(),
                title: event.title.clone(),
                community: c.name.clone(),
                when: super::events::local_label(occurrence.local, tz, lang),
                place: super::events::place_text(event, lang),
                online_url: event.online_url.clone(),
                link: format!(
                    "{public_url}{}",
                    super::events::event_path(&c.slug, event.id)
                ),
            },
        )?;
        crate::worker::queue::insert(&txn, &mail, Utc::now(), state.settings.worker.max_attempts)
            .await?;
    }
    txn.commit().await?;
    Ok(people.len())
}
