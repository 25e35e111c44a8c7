//! Casting a partner's ballot: one per partner and vote (a unique key), changeable until
//! closing. Every cast or change appends a commitment to the log, never the choice:
//! open ballots publish their choice and salt after closing, so anyone can check the
//! commitments and recount; secret ballots keep the choice in `secret_choices`, found
//! again only through the receipt the voter was shown.
use base64::Engine as _;
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, QueryFilter, Statement,
};

use super::log;
use super::model::Status;
use super::policy::reason;
use super::proposals;
use super::tally::{Choice, Method};
use crate::entities::{ballot, partner, proposal, proposal_electorate, secret_choice};
use crate::error::{AppError, AppResult};

/// What casting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    /// A change of the partner's earlier ballot.
    pub changed: bool,
    /// Secret ballots, first cast: the receipt to keep (shown once, never stored).
    pub receipt: Option<String>,
}

/// Whether an insert that does nothing on conflict wrote its row.
fn inserted(result: sea_orm::TryInsertResult<u64>) -> bool {
    matches!(result, sea_orm::TryInsertResult::Inserted(rows) if rows > 0)
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Commitment of an open ballot: published with its salt after closing.
pub fn open_commitment(proposal_id: i64, partner_slug: &str, salt: &str, choice: &str) -> String {
    crate::digest::sha256_hex(
        format!("carrefour-ballot\n{proposal_id}\n{partner_slug}\n{salt}\n{choice}").as_bytes(),
    )
}

/// Commitment of a secret ballot: only the receipt's holder can link it to a choice.
pub fn secret_commitment(proposal_id: i64, receipt: &str, choice: &str) -> String {
    crate::digest::sha256_hex(
        format!("carrefour-secret-ballot\n{proposal_id}\n{receipt}\n{choice}").as_bytes(),
    )
}

/// Where a secret choice is kept: nothing in it says whose it is.
pub fn ballot_key(proposal_id: i64, receipt: &str) -> String {
    crate::digest::sha256_hex(format!("carrefour-ballot-key\n{proposal_id}\n{receipt}").as_bytes())
}

/// Checks that `partner` may vote on `proposal` now (inside the casting transaction).
async fn check_open<C: ConnectionTrait>(
    txn: &C,
    proposal: &proposal::Model,
    partner: &partner::Model,
) -> AppResult<()> {
    let now = Utc::now();
    match Status::parse(&proposal.status) {
        Some(Status::Voting) if proposal.closes_at.is_some_and(|c| c > now) => {}
        Some(Status::Voting) | Some(Status::Closed) => {
            return Err(AppError::forbidden(reason::VOTE_CLOSED));
        }
        _ => return Err(AppError::forbidden(reason::VOTE_NOT_OPEN)),
    }
    let listed = proposal_electorate::Entity::find_by_id((proposal.id, partner.id))
        .one(txn)
        .await?;
    if listed.is_none() {
        return Err(AppError::forbidden(reason::NOT_IN_ELECTORATE));
    }
    Ok(())
}

/// Casts or changes `partner`'s ballot on proposal `proposal_id` for `user_id`, who must
/// already have been checked as one of its voters. `receipt` changes a secret ballot.
pub async fn cast(
    db: &DatabaseConnection,
    proposal_id: i64,
    partner: &partner::Model,
    user_id: i64,
    choice: &Choice,
    receipt: Option<&str>,
) -> AppResult<Cast> {
    let txn = crate::db::begin_write(db).await?;
    // PostgreSQL: a vote being closed waits for the ballots being cast, and a ballot
    // cast after the close started waits for it, then sees it closed.
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT id FROM proposals WHERE id = $1 FOR SHARE",
            [proposal_id.into()],
        ))
        .await?;
    }
    let proposal = proposals::find(&txn, proposal_id).await?;
    check_open(&txn, &proposal, partner).await?;
    let method = Method::parse(&proposal.method).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "proposal {proposal_id} has no known method"
        ))
    })?;
    let option_count = proposals::options(&txn, proposal_id).await?.len();
    if !choice.fits(method, option_count) {
        return Err(AppError::invalid("choice", "vote-choice-incomplete"));
    }
    let choice_json = choice.to_json();
    let now = Utc::now();
    let (changed, commitment, receipt_out) = if proposal.secret {
        cast_secret(&txn, &proposal, partner, user_id, &choice_json, receipt).await?
    } else {
        let salt = random_token();
        let inserted = ballot::Entity::insert(ballot::ActiveModel {
            proposal_id: Set(proposal_id),
            partner_id: Set(partner.id),
            cast_by: Set(Some(user_id)),
            changed_by: Set(None),
            choice: Set(Some(choice_json.clone())),
            salt: Set(Some(salt.clone())),
            cast_at: Set(now),
            changed_at: Set(None),
            changes: Set(0),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([ballot::Column::ProposalId, ballot::Column::PartnerId])
        .exec_without_returning(&txn)
        .await
        .map(inserted)?;
        if !inserted {
            change_participation(proposal_id, partner.id, user_id)
                .col_expr(
                    ballot::Column::Choice,
                    Expr::value(Some(choice_json.clone())),
                )
                .col_expr(ballot::Column::Salt, Expr::value(Some(salt.clone())))
                .exec(&txn)
                .await?;
        }
        let commitment = open_commitment(proposal_id, &partner.slug, &salt, &choice_json);
        (!inserted, commitment, None)
    };
    log::append(
        &txn,
        Some(proposal_id),
        if changed {
            "ballot_changed"
        } else {
            "ballot_cast"
        },
        &serde_json::json!({
            "proposal": proposal_id,
            "partner": partner.slug,
            "by": user_id,
            "secret": proposal.secret,
            "commitment": commitment,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(Cast {
        changed,
        receipt: receipt_out,
    })
}

/// The update that records a change of `partner_id`'s ballot by `user_id`.
fn change_participation(
    proposal_id: i64,
    partner_id: i64,
    user_id: i64,
) -> sea_orm::UpdateMany<ballot::Entity> {
    ballot::Entity::update_many()
        .col_expr(ballot::Column::ChangedBy, Expr::value(Some(user_id)))
        .col_expr(ballot::Column::ChangedAt, Expr::value(Some(Utc::now())))
        .col_expr(
            ballot::Column::Changes,
            Expr::col(ballot::Column::Changes).add(1),
        )
        .filter(ballot::Column::ProposalId.eq(proposal_id))
        .filter(ballot::Column::PartnerId.eq(partner_id))
}

/// A secret ballot: the participation row says the partner voted; the choice goes,
/// without partner, id or time, under the key derived from the receipt.
async fn cast_secret<C: ConnectionTrait>(
    txn: &C,
    proposal: &proposal::Model,
    partner: &partner::Model,
    user_id: i64,
    choice_json: &str,
    receipt: Option<&str>,
) -> AppResult<(bool, String, Option<String>)> {
    let proposal_id = proposal.id;
    if let Some(receipt) = receipt.map(str::trim).filter(|r| !r.is_empty()) {
        let voted = ballot::Entity::find()
            .filter(ballot::Column::ProposalId.eq(proposal_id))
            .filter(ballot::Column::PartnerId.eq(partner.id))
            .one(txn)
            .await?;
        if voted.is_none() {
            return Err(AppError::invalid("receipt", "vote-receipt-without-ballot"));
        }
        let key = ballot_key(proposal_id, receipt);
        let updated = secret_choice::Entity::update_many()
            .col_expr(secret_choice::Column::Choice, Expr::value(choice_json))
            .filter(secret_choice::Column::ProposalId.eq(proposal_id))
            .filter(secret_choice::Column::BallotKey.eq(key))
            .exec(txn)
            .await?;
        if updated.rows_affected == 0 {
            return Err(AppError::invalid("receipt", "vote-receipt-unknown"));
        }
        change_participation(proposal_id, partner.id, user_id)
            .exec(txn)
            .await?;
        return Ok((
            true,
            secret_commitment(proposal_id, receipt, choice_json),
            None,
        ));
    }
    let inserted = ballot::Entity::insert(ballot::ActiveModel {
        proposal_id: Set(proposal_id),
        partner_id: Set(partner.id),
        cast_by: Set(Some(user_id)),
        changed_by: Set(None),
        choice: Set(None),
        salt: Set(None),
        cast_at: Set(Utc::now()),
        changed_at: Set(None),
        changes: Set(0),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([ballot::Column::ProposalId, ballot::Column::PartnerId])
    .exec_without_returning(txn)
    .await
    .map(inserted)?;
    if !inserted {
        return Err(AppError::invalid("receipt", "vote-secret-already-cast"));
    }
    let receipt = random_token();
    secret_choice::Entity::insert(secret_choice::ActiveModel {
        proposal_id: Set(proposal_id),
        ballot_key: Set(ballot_key(proposal_id, &receipt)),
        choice: Set(choice_json.to_owned()),
    })
    .exec_without_returning(txn)
    .await?;
    Ok((
        false,
        secret_commitment(proposal_id, &receipt, choice_json),
        Some(receipt),
    ))
}
