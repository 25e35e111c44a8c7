//! Mail to the partners' voters: a vote opened, a vote closes in 48 hours and their
//! partner has not voted, a vote's result. Each person's preference is asked first
//! (`notifications::delivery`); the mails are queued in the caller's transaction, so a
//! vote opened or closed always has its mails and a rolled-back one has none.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use super::tally::{Outcome, Tally};
use crate::entities::{ballot, membership, partner, proposal, proposal_electorate, user};
use crate::error::AppResult;
use crate::notifications::{self, Delivery};
use crate::state::AppState;
use crate::web::Lang;

/// Notification kinds (declared in `notifications::KINDS`).
pub const VOTE_OPENED: &str = "governance_vote_opened";
pub const VOTE_CLOSING: &str = "governance_vote_closing";
pub const VOTE_RESULT: &str = "governance_vote_result";
pub const KINDS: [&str; 3] = [VOTE_OPENED, VOTE_CLOSING, VOTE_RESULT];

#[derive(Serialize)]
struct VoteMail {
    name: String,
    partner: String,
    title: String,
    link: String,
    closes_at: String,
    outcome: String,
    preferences: String,
}

/// Who hears for each partner: its voters and admins, with an account in use.
async fn recipients<C: ConnectionTrait>(
    conn: &C,
    partner_ids: &[i64],
    kind: &str,
) -> AppResult<Vec<(user::Model, partner::Model)>> {
    let members = membership::Entity::find()
        .filter(membership::Column::PartnerId.is_in(partner_ids.to_vec()))
        .filter(membership::Column::Role.is_in(["admin", "voter"]))
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for m in members {
        let Some(person) = user::Entity::find_by_id(m.user_id)
            .filter(user::Column::DeletedAt.is_null())
            .filter(user::Column::Disabled.eq(false))
            .filter(user::Column::VerifiedAt.is_not_null())
            .one(conn)
            .await?
        else {
            continue;
        };
        if notifications::delivery(conn, person.id, kind).await? == Delivery::Never {
            continue;
        }
        if let Some(p) = partner::Entity::find_by_id(m.partner_id).one(conn).await? {
            out.push((person, p));
        }
    }
    Ok(out)
}

async fn electorate<C: ConnectionTrait>(conn: &C, proposal_id: i64) -> AppResult<Vec<i64>> {
    Ok(proposal_electorate::Entity::find()
        .filter(proposal_electorate::Column::ProposalId.eq(proposal_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|e| e.partner_id)
        .collect())
}

fn date(at: Option<DateTime<Utc>>) -> String {
    at.map(|a| a.format("%d/%m/%Y %H:%M UTC").to_string())
        .unwrap_or_default()
}

async fn send<C: ConnectionTrait>(
    state: &AppState,
    txn: &C,
    template: &str,
    kind: &str,
    proposal: &proposal::Model,
    partner_ids: &[i64],
    outcome: Option<Outcome>,
) -> AppResult<()> {
    let base = &state.settings.server.public_url;
    for (person, partner) in recipients(txn, partner_ids, kind).await? {
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        let view = VoteMail {
            name: person.display_name.clone(),
            partner: partner.name.clone(),
            title: proposal.title.clone(),
            link: format!("{base}/gouvernance/propositions/{}", proposal.id),
            closes_at: date(proposal.closes_at),
            outcome: outcome.map(|o| o.as_str().to_owned()).unwrap_or_default(),
            preferences: format!("{base}/gouvernance#notifications"),
        };
        let mail = crate::mail::render(state, template, lang, &person.email, None, &view)?;
        crate::worker::queue::insert(txn, &mail, Utc::now(), state.settings.worker.max_attempts)
            .await?;
    }
    state.jobs_queued.notify_one();
    Ok(())
}

/// Every voter of the electorate: the vote is open.
pub async fn vote_opened<C: ConnectionTrait>(
    state: &AppState,
    txn: &C,
    proposal: &proposal::Model,
) -> AppResult<()> {
    let partners = electorate(txn, proposal.id).await?;
    send(
        state,
        txn,
        "vote_opened",
        VOTE_OPENED,
        proposal,
        &partners,
        None,
    )
    .await
}

/// Voters of the partners of the electorate that have not voted yet.
pub async fn vote_closing<C: ConnectionTrait>(
    state: &AppState,
    txn: &C,
    proposal: &proposal::Model,
) -> AppResult<()> {
    let voted: Vec<i64> = ballot::Entity::find()
        .filter(ballot::Column::ProposalId.eq(proposal.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|b| b.partner_id)
        .collect();
    // Partners suspended since the opening cannot vote any more: no reminder.
    let active: Vec<i64> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(electorate(txn, proposal.id).await?))
        .filter(partner::Column::Status.eq("active"))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let waiting: Vec<i64> = active.into_iter().filter(|p| !voted.contains(p)).collect();
    send(
        state,
        txn,
        "vote_closing",
        VOTE_CLOSING,
        proposal,
        &waiting,
        None,
    )
    .await
}

/// Every voter of the electorate: the result.
pub async fn vote_result<C: ConnectionTrait>(
    state: &AppState,
    txn: &C,
    proposal: &proposal::Model,
    result: &Tally,
) -> AppResult<()> {
    let partners = electorate(txn, proposal.id).await?;
    send(
        state,
        txn,
        "vote_result",
        VOTE_RESULT,
        proposal,
        &partners,
        Some(result.outcome),
    )
    .await
}
