//! The audit log of sensitive actions (role changes, admissions, suspensions, new devices).
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::entities::audit_log;

/// One entry to record.
pub struct AuditEntry<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: Option<i64>,
    pub details: serde_json::Value,
    pub ip: Option<&'a str>,
}

/// Appends an entry.
pub async fn record<C: ConnectionTrait>(conn: &C, entry: AuditEntry<'_>) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_user_id: Set(entry.actor),
        action: Set(entry.action.into()),
        target_kind: Set(entry.target_kind.into()),
        target_id: Set(entry.target_id),
        details: Set(entry.details.to_string()),
        ip: Set(entry.ip.map(str::to_owned)),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}
