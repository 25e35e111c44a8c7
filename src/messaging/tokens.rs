//! Mailed messaging secrets: relay links (a holder without an account reads and answers
//! one thread), reply addresses (one per notification mail) and claim proofs. Each is 160
//! random bits written as 40 lower-case hex digits (so it survives mail systems that
//! change the case of addresses); only its SHA-256 is stored. A secret is bound to one
//! participant (hence one conversation) or to one project and person, expires, and can
//! be revoked.
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::messaging_token;

/// What a secret lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Relay,
    Reply,
    Claim,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Relay => "relay",
            Purpose::Reply => "reply",
            Purpose::Claim => "claim",
        }
    }
}

/// What a new secret is bound to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Binding {
    pub participant_id: Option<i64>,
    pub project_id: Option<i64>,
    pub user_id: Option<i64>,
}

/// A fresh secret: 40 lower-case hex digits.
fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// True when `text` has the shape of a secret (checked before any lookup).
pub fn well_formed(text: &str) -> bool {
    text.len() == 40
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Stores a new secret valid for `lifetime` from `now`; returns the secret to mail.
pub async fn issue<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    binding: Binding,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> Result<String, DbErr> {
    let secret = new_secret();
    messaging_token::Entity::insert(messaging_token::ActiveModel {
        purpose: Set(purpose.as_str().into()),
        token_hash: Set(crate::digest::sha256_hex(secret.as_bytes())),
        participant_id: Set(binding.participant_id),
        project_id: Set(binding.project_id),
        user_id: Set(binding.user_id),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(secret)
}

/// Why a secret does not open anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Unknown,
    Expired,
    Revoked,
    Used,
}

impl Problem {
    /// Localisation key of the explanation.
    pub fn message_key(self) -> &'static str {
        match self {
            Problem::Unknown => "messaging-link-unknown",
            Problem::Expired => "messaging-link-expired",
            Problem::Revoked => "messaging-link-revoked",
            Problem::Used => "messaging-link-used",
        }
    }
}

/// The live secret `secret` for `purpose` at `now`.
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Result<messaging_token::Model, Problem>, DbErr> {
    if !well_formed(secret) {
        return Ok(Err(Problem::Unknown));
    }
    let found = messaging_token::Entity::find()
        .filter(messaging_token::Column::TokenHash.eq(crate::digest::sha256_hex(secret.as_bytes())))
        .filter(messaging_token::Column::Purpose.eq(purpose.as_str()))
        .one(conn)
        .await?;
    Ok(match found {
        None => Err(Problem::Unknown),
        Some(token) if token.revoked_at.is_some() => Err(Problem::Revoked),
        Some(token) if token.used_at.is_some() => Err(Problem::Used),
        Some(token) if token.expires_at <= now => Err(Problem::Expired),
        Some(token) => Ok(token),
    })
}

/// Uses a single-use secret (claims): succeeds once, even under concurrent attempts.
pub async fn consume<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Result<messaging_token::Model, Problem>, DbErr> {
    let token = match find(conn, purpose, secret, now).await? {
        Ok(token) => token,
        Err(problem) => return Ok(Err(problem)),
    };
    let updated = messaging_token::Entity::update_many()
        .col_expr(messaging_token::Column::UsedAt, Expr::value(now))
        .filter(messaging_token::Column::Id.eq(token.id))
        .filter(messaging_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(if updated.rows_affected == 1 {
        Ok(token)
    } else {
        Err(Problem::Used)
    })
}

/// Withdraws every relay link and reply address of the participants `ids`.
pub async fn revoke_participants<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if ids.is_empty() {
        return Ok(0);
    }
    let done = messaging_token::Entity::update_many()
        .col_expr(messaging_token::Column::RevokedAt, Expr::value(now))
        .filter(messaging_token::Column::ParticipantId.is_in(ids))
        .filter(messaging_token::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_lower_hex_and_checked_before_lookup() {
        let secret = new_secret();
        assert!(well_formed(&secret), "{secret}");
        assert_ne!(secret, new_secret());
        assert!(!well_formed(&secret.to_uppercase()));
        assert!(!well_formed("abc"));
        assert!(!well_formed(&"g".repeat(40)));
    }
}
