//! Scheduled governance work, run by the `governance_tick` job the scheduler queues:
//! opening votes whose deliberation is over (or whose scheduled opening came), the
//! 48-hour reminders, closing votes at their closing date, and admissions whose result
//! is not yet applied. Every step claims its proposal with a conditional update, so
//! several workers running it at once do each thing once.
use chrono::{Duration, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::close::{self, When};
use super::model::{Kind, Status};
use super::{notify, proposals, versions};
use crate::entities::proposal;
use crate::state::AppState;
use crate::worker::Job;

/// How long before closing the reminder goes out.
pub const REMINDER_BEFORE: Duration = Duration::hours(48);

/// The periodic governance job.
#[derive(Debug, Serialize, Deserialize)]
pub struct GovernanceTick;

impl Job for GovernanceTick {
    const KIND: &'static str = "governance_tick";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let done = run_due(state).await?;
        if done != Done::default() {
            tracing::info!(?done, "governance: scheduled work done");
        }
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Done {
    pub opened: usize,
    pub reminded: usize,
    pub closed: usize,
    pub admissions: usize,
}

/// Does every piece of governance work that is due now.
pub async fn run_due(state: &AppState) -> anyhow::Result<Done> {
    let mut done = Done::default();
    let now = Utc::now();
    let due_openings = proposal::Entity::find()
        .filter(proposal::Column::Status.eq(Status::Deliberation.as_str()))
        .filter(
            Condition::any()
                .add(proposal::Column::VoteOpensAt.lte(now))
                .add(
                    Condition::all()
                        .add(proposal::Column::VoteOpensAt.is_null())
                        .add(proposal::Column::DeliberationEndsAt.lte(now)),
                ),
        )
        .all(&state.db)
        .await?;
    if !due_openings.is_empty() {
        let rules = versions::current(&state.db).await?.charter.rules;
        for p in due_openings {
            let mut opening = proposals::default_opening(&rules, now);
            if p.vote_opens_at.is_some() {
                opening.secret = p.secret;
                if let Some(closes_at) = p.vote_closes_at.filter(|c| *c > now) {
                    opening.closes_at = closes_at;
                }
            }
            if proposals::open(state, p.id, None, opening).await? {
                done.opened += 1;
            }
        }
    }
    let closing_soon = proposal::Entity::find()
        .filter(proposal::Column::Status.eq(Status::Voting.as_str()))
        .filter(proposal::Column::ReminderSentAt.is_null())
        .filter(proposal::Column::ClosesAt.gt(now))
        .filter(proposal::Column::ClosesAt.lte(now + REMINDER_BEFORE))
        .all(&state.db)
        .await?;
    for p in closing_soon {
        // A vote shorter than the reminder's lead gets no reminder.
        if p.opened_at
            .zip(p.closes_at)
            .is_some_and(|(o, c)| c - o <= REMINDER_BEFORE)
        {
            continue;
        }
        if remind(state, p.id).await? {
            done.reminded += 1;
        }
    }
    let due_closings = proposal::Entity::find()
        .filter(proposal::Column::Status.eq(Status::Voting.as_str()))
        .filter(proposal::Column::ClosesAt.lte(now))
        .all(&state.db)
        .await?;
    for p in due_closings {
        if close::close(state, p.id, When::Due).await?.is_some() {
            done.closed += 1;
        }
    }
    let pending_admissions = proposal::Entity::find()
        .filter(proposal::Column::Status.eq(Status::Closed.as_str()))
        .filter(proposal::Column::Kind.eq(Kind::PartnerAdmission.as_str()))
        .filter(proposal::Column::EffectAppliedAt.is_null())
        .all(&state.db)
        .await?;
    for p in pending_admissions {
        close::apply_admission(state, p.id).await?;
        done.admissions += 1;
    }
    Ok(done)
}

/// Sends the reminder of vote `id` once (whoever claims it first).
async fn remind(state: &AppState, id: i64) -> anyhow::Result<bool> {
    let txn = crate::db::begin_write(&state.db).await?;
    let claimed = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::ReminderSentAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::Status.eq(Status::Voting.as_str()))
        .filter(proposal::Column::ReminderSentAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(false);
    }
    let found = proposals::find(&txn, id).await?;
    notify::vote_closing(state, &txn, &found).await?;
    txn.commit().await?;
    Ok(true)
}
