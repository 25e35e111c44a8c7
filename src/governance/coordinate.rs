//! What coordinators do in governance: open a vote (now or at a date, open or secret
//! ballot, closing date), close it early once every partner of the electorate voted,
//! and put an application to the partners' vote.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::close::{self, When};
use super::model::{Kind, Status};
use super::pages::{self, Extras};
use super::policy::Actor;
use super::proposals::{self, Draft, Opening};
use super::tally::Method;
use super::versions;
use crate::entities::{partner, partner_application, proposal};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

/// The opening form.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct OpenForm {
    /// `YYYY-MM-DDTHH:MM` (UTC), empty for now.
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    closes_at: String,
    /// `on` for a secret ballot.
    #[serde(default)]
    secret: Option<String>,
}

fn parse_time(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .map(|n| n.and_utc())
}

/// `POST /gouvernance/propositions/{id}/ouvrir`
pub async fn open(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<OpenForm>,
) -> AppResult<Response> {
    actor.require_coordinator()?;
    let p = pages::visible_proposal(&state, &id, Some(&actor)).await?;
    if p.status != Status::Deliberation.as_str() {
        return Err(AppError::forbidden(if p.status == Status::Draft.as_str() {
            "vote-open-draft"
        } else {
            "vote-already-open"
        }));
    }
    let now = Utc::now();
    let mut errors = FieldErrors::new();
    let opens_at = match form.opens_at.trim() {
        "" => None,
        raw => match parse_time(raw) {
            Some(at) if at > now => Some(at),
            Some(_) => None,
            None => {
                errors.insert("opens_at".into(), vec!["vote-date-invalid".into()]);
                None
            }
        },
    };
    let closes_at = match parse_time(&form.closes_at) {
        Some(at) if at > opens_at.unwrap_or(now) + chrono::Duration::hours(1) => Some(at),
        Some(_) => {
            errors.insert("closes_at".into(), vec!["vote-closes-too-soon".into()]);
            None
        }
        None => {
            errors.insert("closes_at".into(), vec!["vote-date-invalid".into()]);
            None
        }
    };
    let (Some(closes_at), true) = (closes_at, errors.is_empty()) else {
        return pages::render_proposal(
            &state,
            &page,
            Some(&actor),
            &p,
            Extras {
                open_errors: errors,
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let secret = form.secret.is_some();
    match opens_at {
        Some(at) => {
            proposal::Entity::update_many()
                .col_expr(proposal::Column::VoteOpensAt, Expr::value(Some(at)))
                .col_expr(proposal::Column::VoteClosesAt, Expr::value(Some(closes_at)))
                .col_expr(proposal::Column::Secret, Expr::value(secret))
                .col_expr(proposal::Column::OpenedBy, Expr::value(Some(actor.user.id)))
                .filter(proposal::Column::Id.eq(p.id))
                .filter(proposal::Column::Status.eq(Status::Deliberation.as_str()))
                .exec(&state.db)
                .await?;
            flash(&session, "success", "vote-scheduled").await?;
        }
        None => {
            let opening = Opening { closes_at, secret };
            if !proposals::open(&state, p.id, Some(actor.user.id), opening).await? {
                return Err(AppError::forbidden("vote-already-open"));
            }
            flash(&session, "success", "vote-opened").await?;
        }
    }
    Ok(Redirect::to(&format!("/gouvernance/propositions/{}", p.id)).into_response())
}

/// `POST /gouvernance/propositions/{id}/clore`: only once every partner voted.
pub async fn close(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    actor.require_coordinator()?;
    let p = pages::visible_proposal(&state, &id, Some(&actor)).await?;
    if close::close(&state, p.id, When::AllVoted).await?.is_none() {
        return Err(AppError::forbidden("vote-close-early-refused"));
    }
    flash(&session, "success", "vote-closed").await?;
    Ok(Redirect::to(&format!("/gouvernance/propositions/{}/resultat", p.id)).into_response())
}

/// `POST /gouvernance/admissions/{application}`: a pending application becomes an
/// admission proposal in deliberation, drafted in the name of the applicant.
pub async fn admission(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    Path(application): Path<String>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    actor.require_coordinator()?;
    let application_id: i64 = application
        .parse()
        .map_err(|_| AppError::not_found("page"))?;
    let found = partner_application::Entity::find_by_id(application_id)
        .one(&state.db)
        .await?
        .filter(|a| a.status == "pending")
        .ok_or_else(|| AppError::not_found("page"))?;
    let existing = proposal::Entity::find()
        .filter(proposal::Column::ApplicationId.eq(application_id))
        .filter(proposal::Column::Outcome.is_null())
        .one(&state.db)
        .await?;
    if let Some(existing) = existing {
        return Ok(
            Redirect::to(&format!("/gouvernance/propositions/{}", existing.id)).into_response(),
        );
    }
    let applicant = partner::Entity::find_by_id(found.partner_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))?;
    let lang = crate::web::Lang::Fr;
    let draft = Draft {
        kind: Kind::PartnerAdmission,
        method: Method::YesNo,
        title: lang.t_args(
            "admission-proposal-title",
            &[("partner", applicant.name.clone().into())],
        ),
        summary: found.message.clone(),
        body: format!(
            "{}\n\n{}",
            lang.t_args(
                "admission-proposal-body",
                &[("partner", applicant.name.clone().into())]
            ),
            applicant.description
        ),
        options: Vec::new(),
    };
    let base = versions::current(&state.db).await?.row.version;
    let id = proposals::create(
        &state.db,
        applicant.id,
        actor.user.id,
        &draft,
        Some(base),
        Some(application_id),
    )
    .await?;
    proposals::submit(&state.db, id, actor.user.id).await?;
    flash(&session, "success", "admission-proposal-created").await?;
    Ok(Redirect::to(&format!("/gouvernance/propositions/{id}")).into_response())
}
