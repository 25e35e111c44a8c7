//! Single-use, expiring secrets sent by mail. Only their SHA-256 is stored.
use base64::Engine as _;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entities::user_token;

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
    Invite,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
            Purpose::Invite => "invite",
        }
    }

    /// How long a token stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail | Purpose::ChangeEmail => Duration::hours(48),
            Purpose::ResetPassword => Duration::hours(1),
            Purpose::Invite => Duration::days(14),
        }
    }
}

/// Hex SHA-256 of a secret.
pub fn digest(secret: &str) -> String {
    crate::digest::sha256_hex(secret.as_bytes())
}

/// What a new token is about.
pub struct NewToken<'a> {
    pub purpose: Purpose,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub partner_id: Option<i64>,
    pub role: Option<&'a str>,
    pub created_by: Option<i64>,
}

/// Stores a new token and returns the secret to put in the mail.
pub async fn issue<C: ConnectionTrait>(conn: &C, new: NewToken<'_>) -> Result<String, DbErr> {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    user_token::Entity::insert(user_token::ActiveModel {
        purpose: Set(new.purpose.as_str().into()),
        token_hash: Set(digest(&secret)),
        user_id: Set(new.user_id),
        email: Set(new.email.to_owned()),
        partner_id: Set(new.partner_id),
        role: Set(new.role.map(str::to_owned)),
        created_by: Set(new.created_by),
        expires_at: Set(now + new.purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(secret)
}

/// Why a token cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Used,
    Expired,
}

impl TokenProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            TokenProblem::Unknown => "token-unknown",
            TokenProblem::Used => "token-used",
            TokenProblem::Expired => "token-expired",
        }
    }
}

/// Looks a token up without using it (to show a form first).
pub async fn peek<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    secret: &str,
) -> Result<Result<user_token::Model, TokenProblem>, DbErr> {
    let found = user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(digest(secret)))
        .filter(user_token::Column::Purpose.eq(purpose.as_str()))
        .one(conn)
        .await?;
    Ok(match found {
        None => Err(TokenProblem::Unknown),
        Some(token) if token.used_at.is_some() => Err(TokenProblem::Used),
        Some(token) if token.expires_at <= Utc::now() => Err(TokenProblem::Expired),
        Some(token) => Ok(token),
    })
}

/// Uses a token: succeeds once, atomically, even under concurrent attempts.
pub async fn consume<C: ConnectionTrait>(
    conn: &C,
    purpose: Purpose,
    secret: &str,
) -> Result<Result<user_token::Model, TokenProblem>, DbErr> {
    let token = match peek(conn, purpose, secret).await? {
        Ok(token) => token,
        Err(problem) => return Ok(Err(problem)),
    };
    let now = Utc::now();
    let updated = user_token::Entity::update_many()
        .col_expr(
            user_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(user_token::Column::Id.eq(token.id))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    if updated.rows_affected == 1 {
        Ok(Ok(token))
    } else {
        Ok(Err(TokenProblem::Used))
    }
}

/// Withdraws the unused tokens of `user_id` for `purpose` (e.g. reset links once the
/// password or the address changed).
pub async fn revoke<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    purpose: Purpose,
) -> Result<(), DbErr> {
    user_token::Entity::delete_many()
        .filter(user_token::Column::UserId.eq(user_id))
        .filter(user_token::Column::Purpose.eq(purpose.as_str()))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
