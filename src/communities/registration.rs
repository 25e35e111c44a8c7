//! Answers to events. Whoever wants to go gets a seat while there is one, else a place
//! on the waiting list; when someone with a seat stops going, the first person waiting
//! takes it and is mailed. Every change runs in one write transaction that first locks
//! the event row (PostgreSQL `FOR UPDATE`; SQLite takes its write lock at `BEGIN
//! IMMEDIATE`), so sixty people answering at once fill twenty seats exactly.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use super::model::Answer;
use crate::entities::{community, community_event, community_registration, user};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Lang;

async fn lock_event(txn: &DatabaseTransaction, event_id: i64) -> AppResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(sea_orm::Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT id FROM community_events WHERE id = $1 FOR UPDATE",
            [event_id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// People with a seat.
pub async fn going_count<C: ConnectionTrait>(conn: &C, event_id: i64) -> AppResult<u64> {
    Ok(community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event_id))
        .filter(community_registration::Column::Answer.eq(Answer::Going.as_str()))
        .count(conn)
        .await?)
}

async fn next_rank(txn: &DatabaseTransaction, event_id: i64) -> AppResult<i64> {
    let last = community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event_id))
        .filter(community_registration::Column::WaitingRank.is_not_null())
        .order_by_desc(community_registration::Column::WaitingRank)
        .limit(1)
        .one(txn)
        .await?;
    Ok(last.and_then(|r| r.waiting_rank).unwrap_or(0) + 1)
}

#[derive(Serialize)]
struct PromotedMail {
    name: String,
    title: String,
    community: String,
    when: String,
    link: String,
}

/// Gives free seats to the first people waiting, mailing each (inside `txn`).
async fn promote(
    state: &AppState,
    txn: &DatabaseTransaction,
    event: &community_event::Model,
) -> AppResult<Vec<i64>> {
    let Some(capacity) = event.capacity else {
        return Ok(Vec::new());
    };
    let going = going_count(txn, event.id).await?;
    let free = (capacity as u64).saturating_sub(going);
    if free == 0 {
        return Ok(Vec::new());
    }
    let waiting = community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event.id))
        .filter(community_registration::Column::Answer.eq(Answer::Waiting.as_str()))
        .order_by_asc(community_registration::Column::WaitingRank)
        .limit(free)
        .all(txn)
        .await?;
    let community = community::Entity::find_by_id(event.community_id)
        .one(txn)
        .await?;
    let mut promoted = Vec::new();
    for row in waiting {
        community_registration::Entity::update_many()
            .col_expr(
                community_registration::Column::Answer,
                Expr::value(Answer::Going.as_str()),
            )
            .col_expr(
                community_registration::Column::WaitingRank,
                Expr::value(Option::<i64>::None),
            )
            .col_expr(
                community_registration::Column::UpdatedAt,
                Expr::value(Utc::now()),
            )
            .filter(community_registration::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        promoted.push(row.user_id);
        let Some(person) = user::Entity::find_by_id(row.user_id).one(txn).await? else {
            continue;
        };
        if person.deleted_at.is_some() || person.disabled {
            continue;
        }
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        let slug = community
            .as_ref()
            .map(|c| c.slug.clone())
            .unwrap_or_default();
        let public_url = state.settings.server.public_url.trim_end_matches('/');
        let mail = crate::mail::render(
            state,
            "community_promoted",
            lang,
            &person.email,
            None,
            &PromotedMail {
                name: person.display_name.clone(),
                title: event.title.clone(),
                community: community
                    .as_ref()
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                when: super::events::when_label(event, lang),
                link: format!("{public_url}{}", super::events::event_path(&slug, event.id)),
            },
        )?;
        crate::worker::queue::insert(txn, &mail, Utc::now(), state.settings.worker.max_attempts)
            .await?;
    }
    Ok(promoted)
}

/// What became of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The answer recorded (`Waiting` when `Going` found the event full).
    pub answer: Answer,
    /// People who took a seat freed by this change.
    pub promoted: usize,
}

/// Records `user_id`'s answer to `event`.
pub async fn answer(
    state: &AppState,
    event: &community_event::Model,
    user_id: i64,
    wanted: Answer,
) -> AppResult<Outcome> {
    let txn = crate::db::begin_write(&state.db).await?;
    lock_event(&txn, event.id).await?;
    let existing = community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event.id))
        .filter(community_registration::Column::UserId.eq(user_id))
        .one(&txn)
        .await?;
    let before = existing.as_ref().and_then(|r| Answer::parse(&r.answer));
    let recorded = match wanted {
        // Asking again keeps one's seat or one's place in the queue.
        Answer::Going | Answer::Waiting
            if matches!(before, Some(Answer::Going) | Some(Answer::Waiting)) =>
        {
            before.unwrap_or(Answer::Going)
        }
        Answer::Going | Answer::Waiting => {
            let full = match event.capacity {
                Some(capacity) => going_count(&txn, event.id).await? >= capacity as u64,
                None => false,
            };
            if full { Answer::Waiting } else { Answer::Going }
        }
        other => other,
    };
    let rank = if recorded == Answer::Waiting {
        match existing.as_ref().and_then(|r| r.waiting_rank) {
            Some(rank) => Some(rank),
            None => Some(next_rank(&txn, event.id).await?),
        }
    } else {
        None
    };
    let now = Utc::now();
    match existing {
        Some(row) => {
            let mut row: community_registration::ActiveModel = row.into();
            row.answer = Set(recorded.as_str().into());
            row.waiting_rank = Set(rank);
            row.updated_at = Set(now);
            row.update(&txn).await?;
        }
        None => {
            community_registration::ActiveModel {
                event_id: Set(event.id),
                user_id: Set(user_id),
                answer: Set(recorded.as_str().into()),
                waiting_rank: Set(rank),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let promoted = if before == Some(Answer::Going) && recorded != Answer::Going {
        promote(state, &txn, event).await?.len()
    } else {
        0
    };
    txn.commit().await?;
    if promoted > 0 {
        state.jobs_queued.notify_one();
    }
    Ok(Outcome {
        answer: recorded,
        promoted,
    })
}

/// After a capacity change: seats that opened go to the people waiting.
pub async fn fill_seats(state: &AppState, event: &community_event::Model) -> AppResult<usize> {
    let txn = crate::db::begin_write(&state.db).await?;
    lock_event(&txn, event.id).await?;
    let promoted = promote(state, &txn, event).await?.len();
    txn.commit().await?;
    if promoted > 0 {
        state.jobs_queued.notify_one();
    }
    Ok(promoted)
}

/// `user_id`'s answer, if any.
pub async fn of<C: ConnectionTrait>(
    conn: &C,
    event_id: i64,
    user_id: i64,
) -> AppResult<Option<community_registration::Model>> {
    Ok(community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event_id))
        .filter(community_registration::Column::UserId.eq(user_id))
        .one(conn)
        .await?)
}
