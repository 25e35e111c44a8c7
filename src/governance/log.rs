//! The governance log: every vote event appended to a hash chain. Entry `n` stores the
//! hash of entry `n - 1`; its own hash covers its number, time, proposal, event name,
//! payload and that previous hash, so changing, removing or reordering any entry breaks
//! every hash after it. The head row (last number and hash) is locked by each append, so
//! entries are written one after the other even with many web nodes and workers.
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryOrder,
    QuerySelect, Statement,
};
use serde::Serialize;

use crate::entities::{governance_log, governance_log_head};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry, as anyone can recompute it from the published fields.
pub fn entry_hash(
    seq: i64,
    at: &DateTime<Utc>,
    proposal_id: Option<i64>,
    event: &str,
    payload: &str,
    prev_hash: &str,
) -> String {
    let proposal = proposal_id.map(|id| id.to_string()).unwrap_or_default();
    let text = format!(
        "{seq}\n{}\n{proposal}\n{event}\n{payload}\n{prev_hash}",
        at.format("%Y-%m-%dT%H:%M:%SZ")
    );
    crate::digest::sha256_hex(text.as_bytes())
}

/// Appends an event inside the caller's transaction, after the current head.
pub async fn append<C: ConnectionTrait>(
    txn: &C,
    proposal_id: Option<i64>,
    event: &str,
    payload: &impl Serialize,
) -> Result<governance_log::Model, DbErr> {
    let backend = txn.get_database_backend();
    // PostgreSQL: wait for any other append to commit (SQLite writers are serial).
    if backend == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_string(
            backend,
            "SELECT id FROM governance_log_head WHERE id = 1 FOR UPDATE",
        ))
        .await?;
    }
    let head = governance_log_head::Entity::find_by_id(1)
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("governance_log_head".into()))?;
    let seq = head.seq + 1;
    // Whole seconds: the time reads back the same from either database.
    let at = Utc::now().trunc_subsecs(0);
    let payload = serde_json::to_string(payload).map_err(|e| DbErr::Custom(e.to_string()))?;
    let hash = entry_hash(seq, &at, proposal_id, event, &payload, &head.hash);
    let entry = governance_log::ActiveModel {
        seq: Set(seq),
        at: Set(at),
        proposal_id: Set(proposal_id),
        event: Set(event.to_owned()),
        payload: Set(payload),
        prev_hash: Set(head.hash.clone()),
        hash: Set(hash.clone()),
    };
    governance_log::Entity::insert(entry)
        .exec_without_returning(txn)
        .await?;
    governance_log_head::Entity::update(governance_log_head::ActiveModel {
        id: Set(1),
        seq: Set(seq),
        hash: Set(hash),
    })
    .exec(txn)
    .await?;
    governance_log::Entity::find_by_id(seq)
        .one(txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("governance_log".into()))
}

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Entries checked.
    pub entries: i64,
    /// The last hash (the genesis hash for an empty log).
    pub head: String,
    /// The first broken entry and why, if any.
    pub broken: Option<Break>,
}

/// Where and how the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    pub seq: i64,
    /// `gap`, `prev_hash`, `hash` or `head`.
    pub reason: &'static str,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// Checks a run of entries in order, from `expected_seq` and `prev`.
fn check<'a>(
    entries: impl IntoIterator<Item = &'a governance_log::Model>,
    expected_seq: &mut i64,
    prev: &mut String,
) -> Option<Break> {
    for entry in entries {
        let fail = |reason| {
            Some(Break {
                seq: entry.seq,
                reason,
            })
        };
        if entry.seq != *expected_seq {
            return Some(Break {
                seq: *expected_seq,
                reason: "gap",
            });
        }
        if entry.prev_hash != *prev {
            return fail("prev_hash");
        }
        let hash = entry_hash(
            entry.seq,
            &entry.at,
            entry.proposal_id,
            &entry.event,
            &entry.payload,
            &entry.prev_hash,
        );
        if hash != entry.hash {
            return fail("hash");
        }
        *prev = entry.hash.clone();
        *expected_seq += 1;
    }
    None
}

/// Recomputes the whole chain from the first entry, in pages, and compares its end with
/// the head (so that removing the last entries is noticed too).
pub async fn verify<C: ConnectionTrait>(conn: &C) -> Result<Verification, DbErr> {
    const PAGE: u64 = 1000;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_owned();
    loop {
        let page = governance_log::Entity::find()
            .order_by_asc(governance_log::Column::Seq)
            .offset((expected_seq - 1) as u64)
            .limit(PAGE)
            .all(conn)
            .await?;
        let done = (page.len() as u64) < PAGE;
        if let Some(broken) = check(&page, &mut expected_seq, &mut prev) {
            return Ok(Verification {
                entries: expected_seq - 1,
                head: prev,
                broken: Some(broken),
            });
        }
        if done {
            break;
        }
    }
    let entries = expected_seq - 1;
    let head = governance_log_head::Entity::find_by_id(1).one(conn).await?;
    let head_matches = head.is_some_and(|h| h.seq == entries && h.hash == prev);
    Ok(Verification {
        entries,
        head: prev,
        broken: (!head_matches).then_some(Break {
            seq: entries + 1,
            reason: "head",
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, prev: &str, payload: &str) -> governance_log::Model {
        let at = DateTime::from_timestamp(1_800_000_000 + seq, 0).unwrap();
        governance_log::Model {
            seq,
            at,
            proposal_id: Some(7),
            event: "ballot_cast".into(),
            payload: payload.into(),
            prev_hash: prev.into(),
            hash: entry_hash(seq, &at, Some(7), "ballot_cast", payload, prev),
        }
    }

    fn chain() -> Vec<governance_log::Model> {
        let first = entry(1, GENESIS, r#"{"partner":"a"}"#);
        let second = entry(2, &first.hash, r#"{"partner":"b"}"#);
        let third = entry(3, &second.hash, r#"{"partner":"c"}"#);
        vec![first, second, third]
    }

    fn run(entries: &[governance_log::Model]) -> Option<Break> {
        check(entries, &mut 1, &mut GENESIS.to_owned())
    }

    #[test]
    fn an_intact_chain_passes() {
        assert_eq!(run(&chain()), None);
    }

    #[test]
    fn edits_removals_and_reordering_are_found() {
        let mut edited = chain();
        edited[1].payload = r#"{"partner":"z"}"#.into();
        assert_eq!(
            run(&edited),
            Some(Break {
                seq: 2,
                reason: "hash"
            })
        );

        let mut rehashed = chain();
        rehashed[1].payload = r#"{"partner":"z"}"#.into();
        let r = &rehashed[1];
        rehashed[1].hash = entry_hash(
            r.seq,
            &r.at,
            r.proposal_id,
            &r.event,
            &r.payload,
            &r.prev_hash,
        );
        assert_eq!(
            run(&rehashed),
            Some(Break {
                seq: 3,
                reason: "prev_hash"
            })
        );

        let mut removed = chain();
        removed.remove(1);
        assert_eq!(
            run(&removed),
            Some(Break {
                seq: 2,
                reason: "gap"
            })
        );
    }
}
