//! Notification preferences: for each kind of notification a domain sends, how a person
//! wants to hear of it. Domains ask [`delivery`] before mailing; the account pages let
//! people choose. Every kind is declared in [`KINDS`] with its default, so that the
//! preferences page lists them all and an unknown kind is a programming error caught by
//! the tests, not a silent "never".
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::entities::notification_preference;

/// How a person hears of one kind of notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    /// A mail as soon as it happens (grouped where the kind says so).
    Immediate,
    /// Gathered into one mail a day.
    Daily,
    /// No mail; the web pages still show it.
    Never,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediate => "immediate",
            Delivery::Daily => "daily",
            Delivery::Never => "never",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "immediate" => Some(Delivery::Immediate),
            "daily" => Some(Delivery::Daily),
            "never" => Some(Delivery::Never),
            _ => None,
        }
    }
}

/// A kind of notification: its stable code, its default, and whether a daily digest
/// makes sense for it (a vote closing in 48 hours does not wait for tomorrow's digest).
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub code: &'static str,
    pub default: Delivery,
    pub digest: bool,
}

/// Every kind of notification the hub sends. Its label is the locale key
/// `notification-kind-<code>` (and `-help`).
pub const KINDS: &[Kind] = &[
    // Governance (`governance::notify`): no digest, a vote does not wait for tomorrow.
    Kind {
        code: "governance_vote_opened",
        default: Delivery::Immediate,
        digest: false,
    },
    Kind {
        code: "governance_vote_closing",
        default: Delivery::Immediate,
        digest: false,
    },
    Kind {
        code: "governance_vote_result",
        default: Delivery::Immediate,
        digest: false,
    },
    // Messaging (`messaging::notify`, `projects::claim`).
    Kind {
        code: crate::messaging::notify::KIND_MESSAGE,
        default: Delivery::Immediate,
        digest: true,
    },
    Kind {
        code: crate::messaging::notify::KIND_INBOX,
        default: Delivery::Immediate,
        digest: true,
    },
    Kind {
        code: crate::projects::claim::KIND_CLAIM_REQUEST,
        default: Delivery::Immediate,
        digest: false,
    },
    Kind {
        code: crate::messaging::notify::KIND_MODERATION,
        default: Delivery::Immediate,
        digest: false,
    },
    // Communities (`communities::discussions`).
    Kind {
        code: crate::communities::discussions::KIND_MENTION,
        default: Delivery::Immediate,
        digest: true,
    },
    Kind {
        code: crate::communities::discussions::KIND_REPORT,
        default: Delivery::Immediate,
        digest: false,
    },
    // Board (`board::report`): a report waits for coordinators; an organisation hears
    // that a coordinator took its request off the board or hid an answer.
    Kind {
        code: crate::board::report::KIND_REPORT,
        default: Delivery::Immediate,
        digest: false,
    },
    Kind {
        code: crate::board::report::KIND_MODERATED,
        default: Delivery::Immediate,
        digest: false,
    },
];

/// The declared kind of `code`.
pub fn kind(code: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.code == code)
}

/// How `user_id` wants to hear of `code` (the kind's default when never chosen).
///
/// # Panics
/// When `code` is not declared in [`KINDS`] (a programming error).
pub async fn delivery<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    code: &str,
) -> Result<Delivery, DbErr> {
    let kind = kind(code).unwrap_or_else(|| panic!("notification kind {code} is not declared"));
    let row = notification_preference::Entity::find_by_id((user_id, code.to_owned()))
        .one(conn)
        .await?;
    Ok(row
        .and_then(|r| Delivery::parse(&r.delivery))
        .unwrap_or(kind.default))
}

/// Keeps a notification of `kind` for `user_id`'s daily digest (sent with messaging's,
/// `messaging::notify::send_digests`): `line` says what happened, in their language.
pub async fn hold_for_digest<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    kind: &str,
    line: String,
    excerpt: String,
    link: String,
) -> Result<(), DbErr> {
    crate::entities::notification_item::Entity::insert(
        crate::entities::notification_item::ActiveModel {
            user_id: Set(user_id),
            kind: Set(kind.to_owned()),
            line: Set(line),
            excerpt: Set(excerpt),
            link: Set(link),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Every declared kind with `user_id`'s delivery, in declaration order.
pub async fn all_of<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
) -> Result<Vec<(&'static Kind, Delivery)>, DbErr> {
    let rows = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    Ok(KINDS
        .iter()
        .map(|kind| {
            let chosen = rows
                .iter()
                .find(|r| r.kind == kind.code)
                .and_then(|r| Delivery::parse(&r.delivery));
            (kind, chosen.unwrap_or(kind.default))
        })
        .collect())
}

/// Why a preference cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PreferenceError {
    #[error("unknown notification kind")]
    UnknownKind,
    #[error("this kind has no digest")]
    NoDigest,
}

/// Records `user_id`'s choice for `code`.
pub async fn set<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    code: &str,
    delivery: Delivery,
) -> Result<Result<(), PreferenceError>, DbErr> {
    let Some(kind) = kind(code) else {
        return Ok(Err(PreferenceError::UnknownKind));
    };
    if delivery == Delivery::Daily && !kind.digest {
        return Ok(Err(PreferenceError::NoDigest));
    }
    notification_preference::Entity::insert(notification_preference::ActiveModel {
        user_id: Set(user_id),
        kind: Set(code.to_owned()),
        delivery: Set(delivery.as_str().to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            notification_preference::Column::UserId,
            notification_preference::Column::Kind,
        ])
        .update_columns([
            notification_preference::Column::Delivery,
            notification_preference::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(Ok(()))
}

/// Of `people`, those who can be mailed and want to hear of `code` (active accounts
/// whose delivery is not `never`).
pub async fn recipients<C: ConnectionTrait>(
    conn: &C,
    people: Vec<crate::entities::user::Model>,
    code: &str,
) -> Result<Vec<crate::entities::user::Model>, DbErr> {
    let mut out = Vec::with_capacity(people.len());
    for person in people {
        if person.disabled || person.deleted_at.is_some() {
            continue;
        }
        if delivery(conn, person.id, code).await? != Delivery::Never {
            out.push(person);
        }
    }
    Ok(out)
}

/// The hub's coordinators (active accounts).
pub async fn coordinators<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<crate::entities::user::Model>, DbErr> {
    use crate::entities::user;
    user::Entity::find()
        .filter(user::Column::IsCoordinator.eq(true))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Disabled.eq(false))
        .all(conn)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_unique_and_deliveries_round_trip() {
        let mut codes: Vec<_> = KINDS.iter().map(|k| k.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), KINDS.len(), "a kind is declared twice");
        for d in [Delivery::Immediate, Delivery::Daily, Delivery::Never] {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        assert_eq!(Delivery::parse("weekly"), None);
    }
}
