//! Closing a vote: one conditional update claims it (so with several workers or
//! coordinators exactly one closes it), the ballots are counted with the rules copied at
//! opening, the result is published and logged, and the effect of an adopted proposal
//! is applied in the same transaction (charter version, roadmap ranks) or right after
//! it (admission, through `partners::admission::decide`).
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::model::{Kind, Status, thresholds};
use super::tally::{self, Choice, Grade, Method, Outcome, Tally};
use super::{log, notify, proposals, versions};
use crate::entities::{
    ballot, proposal, proposal_option, roadmap_event, roadmap_item, secret_choice,
};
use crate::error::{AppError, AppResult};
use crate::partners::admission::{self, Decision};
use crate::state::AppState;

/// When a close is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// The closing date has passed (the scheduler).
    Due,
    /// A coordinator closes early because every partner of the electorate has voted.
    AllVoted,
}

/// Closes proposal `id` if `when` allows it; `Ok(None)` when it was not (or no longer)
/// to be closed.
pub async fn close(state: &AppState, id: i64, when: When) -> AppResult<Option<Tally>> {
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let mut claim = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Status,
            Expr::value(Status::Closed.as_str()),
        )
        .col_expr(proposal::Column::ClosedAt, Expr::value(now))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::Status.eq(Status::Voting.as_str()));
    claim = match when {
        When::Due => claim.filter(proposal::Column::ClosesAt.lte(now)),
        When::AllVoted => claim.filter(Expr::cust(format!(
            "(SELECT COUNT(*) FROM ballots WHERE ballots.proposal_id = {id}) >= proposals.electorate_size"
        ))),
    };
    if claim.exec(&txn).await?.rows_affected == 0 {
        return Ok(None);
    }
    let found = proposals::find(&txn, id).await?;
    let options = proposals::options(&txn, id).await?;
    let labels: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
    let choices = if found.secret {
        mix_secret_choices(&txn, id).await?
    } else {
        open_choices(&txn, id).await?
    };
    let rules = proposals::rules_of(&txn, &found).await?;
    let kind = Kind::parse(&found.kind).unwrap_or(Kind::GeneralDecision);
    let method = Method::parse(&found.method).unwrap_or(Method::YesNo);
    let electorate = found.electorate_size.unwrap_or(0).max(0) as u32;
    let result = tally::count(
        method,
        &labels,
        electorate,
        thresholds(&rules, kind),
        &choices,
    );
    let result_json = serde_json::to_string(&result).map_err(anyhow::Error::from)?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::Result, Expr::value(Some(result_json)))
        .col_expr(
            proposal::Column::Outcome,
            Expr::value(Some(result.outcome.as_str())),
        )
        .filter(proposal::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    log::append(
        &txn,
        Some(id),
        "vote_closed",
        &serde_json::json!({"proposal": id, "ballots": result.ballots, "electorate": electorate, "early": when == When::AllVoted}),
    )
    .await?;
    log::append(
        &txn,
        Some(id),
        "result",
        &serde_json::json!({"proposal": id, "result": result}),
    )
    .await?;
    if result.outcome == Outcome::Adopted {
        apply_in_transaction(&txn, &found, kind, &options, &result).await?;
    }
    notify::vote_result(state, &txn, &found, &result).await?;
    txn.commit().await?;
    if kind == Kind::PartnerAdmission {
        apply_admission(state, id).await?;
    }
    Ok(Some(result))
}

async fn open_choices<C: ConnectionTrait>(txn: &C, id: i64) -> Result<Vec<Choice>, DbErr> {
    Ok(ballot::Entity::find()
        .filter(ballot::Column::ProposalId.eq(id))
        .all(txn)
        .await?
        .iter()
        .filter_map(|b| b.choice.as_deref().and_then(Choice::from_json))
        .collect())
}

/// Reads the secret choices and writes them again in the order of their random keys, in
/// this one transaction: afterwards neither the rows' physical order nor their system
/// columns (PostgreSQL's transaction ids) say when each was cast.
async fn mix_secret_choices<C: ConnectionTrait>(txn: &C, id: i64) -> Result<Vec<Choice>, DbErr> {
    let rows = secret_choice::Entity::find()
        .filter(secret_choice::Column::ProposalId.eq(id))
        .order_by_asc(secret_choice::Column::BallotKey)
        .all(txn)
        .await?;
    secret_choice::Entity::delete_many()
        .filter(secret_choice::Column::ProposalId.eq(id))
        .exec(txn)
        .await?;
    for row in &rows {
        secret_choice::Entity::insert(secret_choice::ActiveModel {
            proposal_id: Set(row.proposal_id),
            ballot_key: Set(row.ballot_key.clone()),
            choice: Set(row.choice.clone()),
        })
        .exec_without_returning(txn)
        .await?;
    }
    Ok(rows
        .iter()
        .filter_map(|r| Choice::from_json(&r.choice))
        .collect())
}

/// Effects written with the result: a new charter version, roadmap ranks.
async fn apply_in_transaction<C: ConnectionTrait>(
    txn: &C,
    found: &proposal::Model,
    kind: Kind,
    options: &[proposal_option::Model],
    result: &Tally,
) -> AppResult<()> {
    match kind {
        Kind::CharterAmendment => {
            let version = versions::adopt(txn, found.id, &found.body).await?;
            let adopted = versions::current(txn).await?;
            log::append(
                txn,
                Some(found.id),
                "charter_adopted",
                &serde_json::json!({
                    "proposal": found.id,
                    "version": version,
                    "document_sha256": crate::digest::sha256_hex(adopted.row.document.as_bytes()),
                }),
            )
            .await?;
        }
        Kind::RoadmapDecision => rank_roadmap(txn, found.id, options, result).await?,
        Kind::PartnerAdmission | Kind::GeneralDecision => return Ok(()),
    }
    mark_applied(txn, found.id).await?;
    Ok(())
}

/// Items whose majority grade is at least Passable (or that any ballot approved) become
/// prioritised with their rank; the others stay proposed. Items already under way keep
/// their status and take the rank.
async fn rank_roadmap<C: ConnectionTrait>(
    txn: &C,
    proposal_id: i64,
    options: &[proposal_option::Model],
    result: &Tally,
) -> AppResult<()> {
    let now = Utc::now();
    for standing in result.options.iter().flatten() {
        let Some(item_id) = options
            .iter()
            .find(|o| o.position as u32 == standing.position)
            .and_then(|o| o.roadmap_item_id)
        else {
            continue;
        };
        let Some(item) = roadmap_item::Entity::find_by_id(item_id).one(txn).await? else {
            continue;
        };
        let supported = standing
            .majority_grade
            .map(|g| g >= Grade::Passable)
            .or(standing.approvals.map(|a| a > 0))
            .unwrap_or(false);
        let status = match item.status.as_str() {
            "proposed" | "prioritised" if supported => "prioritised",
            "proposed" | "prioritised" => "proposed",
            other => other,
        }
        .to_owned();
        let rank = supported.then_some(standing.rank as i32);
        roadmap_item::Entity::update_many()
            .col_expr(roadmap_item::Column::Status, Expr::value(status.clone()))
            .col_expr(roadmap_item::Column::Rank, Expr::value(rank))
            .col_expr(roadmap_item::Column::UpdatedAt, Expr::value(now))
            .filter(roadmap_item::Column::Id.eq(item_id))
            .exec(txn)
            .await?;
        roadmap_event::Entity::insert(roadmap_event::ActiveModel {
            item_id: Set(item_id),
            status: Set(status),
            rank: Set(rank),
            proposal_id: Set(Some(proposal_id)),
            user_id: Set(None),
            at: Set(now),
            ..Default::default()
        })
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

async fn mark_applied<C: ConnectionTrait>(txn: &C, id: i64) -> Result<(), DbErr> {
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::EffectAppliedAt,
            Expr::value(Some(Utc::now())),
        )
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::EffectAppliedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// Decides the application of a closed admission vote through the same service as the
/// coordinators' decision. Safe to repeat: `decide` only changes a pending application,
/// and the proposal records that its effect was applied.
pub async fn apply_admission(state: &AppState, id: i64) -> AppResult<()> {
    let found = proposals::find(&state.db, id).await?;
    if found.effect_applied_at.is_some() || found.status != Status::Closed.as_str() {
        return Ok(());
    }
    let Some(application_id) = found.application_id else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "admission proposal {id} has no application"
        )));
    };
    let adopted = found.outcome.as_deref() == Some(Outcome::Adopted.as_str());
    let decision = if adopted {
        Decision::Accept
    } else {
        Decision::Decline
    };
    let message = format!(
        "{}/gouvernance/propositions/{id}",
        state.settings.server.public_url
    );
    // The coordinator who opened the vote (or submitted it) stands as the decider.
    let decided_by = found.opened_by.or(found.author_id).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "admission proposal {id} has nobody to sign the decision"
        ))
    })?;
    admission::decide(state, application_id, decision, &message, decided_by, None).await?;
    mark_applied(&state.db, id).await?;
    Ok(())
}
