//! Deciding on an application. Today coordinators decide; the governance issue will let
//! partners vote and then call `decide` with the outcome, so the rule of who decides stays
//! outside this module.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;

use super::model::Status;
use crate::accounts::audit::{self, AuditEntry};
use crate::entities::{partner, partner_application, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::Lang;

/// The outcome of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Decline,
}

impl Decision {
    fn application_status(self) -> &'static str {
        match self {
            Decision::Accept => "accepted",
            Decision::Decline => "declined",
        }
    }
}

#[derive(Serialize)]
struct DecisionMail {
    partner: String,
    name: String,
    accepted: bool,
    message: String,
    link: String,
}

/// Records the decision on a pending application, updates the partner and tells the
/// applicant by mail. `Ok(false)` when the application was already decided.
pub async fn decide(
    state: &AppState,
    application_id: i64,
    decision: Decision,
    message: &str,
    decided_by: i64,
    ip: Option<&str>,
) -> AppResult<bool> {
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    // Only a pending application changes: two coordinators clicking at once decide once.
    let updated = partner_application::Entity::update_many()
        .col_expr(
            partner_application::Column::Status,
            sea_orm::sea_query::Expr::value(decision.application_status()),
        )
        .col_expr(
            partner_application::Column::DecisionMessage,
            sea_orm::sea_query::Expr::value(Some(message.to_owned())),
        )
        .col_expr(
            partner_application::Column::DecidedBy,
            sea_orm::sea_query::Expr::value(Some(decided_by)),
        )
        .col_expr(
            partner_application::Column::DecidedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(partner_application::Column::Id.eq(application_id))
        .filter(partner_application::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Ok(false);
    }
    let application = partner_application::Entity::find_by_id(application_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::not_found("page"))?;
    let found = partner::Entity::find_by_id(application.partner_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))?;
    // A declined applicant is closed (`left`): its space stays readable with the
    // decision, nobody can change it any more.
    let mut row: partner::ActiveModel = found.clone().into();
    match decision {
        Decision::Accept => {
            row.status = Set(Status::Active.as_str().into());
            row.admitted_at = Set(Some(now));
        }
        Decision::Decline => row.status = Set(Status::Left.as_str().into()),
    }
    row.status_changed_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor: Some(decided_by),
            action: match decision {
                Decision::Accept => "partner_admitted",
                Decision::Decline => "partner_declined",
            },
            target_kind: "partner",
            target_id: Some(found.id),
            details: serde_json::json!({"application_id": application_id, "message": message}),
            ip,
        },
    )
    .await?;
    txn.commit().await?;
    if let Some(applicant_id) = application.applicant_user_id
        && let Some(applicant) = user::Entity::find_by_id(applicant_id)
            .filter(user::Column::DeletedAt.is_null())
            .one(&state.db)
            .await?
    {
        let lang = Lang::parse(&applicant.preferred_lang).unwrap_or(Lang::Fr);
        let mail = DecisionMail {
            partner: found.name.clone(),
            name: applicant.display_name.clone(),
            accepted: decision == Decision::Accept,
            message: message.to_owned(),
            link: format!("{}/p/{}", state.settings.server.public_url, found.slug),
        };
        crate::mail::queue(
            state,
            "application_decided",
            lang,
            &applicant.email,
            None,
            &mail,
        )
        .await?;
    }
    Ok(true)
}
