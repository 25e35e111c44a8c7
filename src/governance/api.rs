//! `GET /api/v1/proposals/{id}`: a proposal as JSON — its text and options, the rules it
//! is counted with, the electorate's size, how many partners voted, the ballots once
//! closed (open ballots with partner, choice and salt; secret ballots as key and choice)
//! and the result. The shape is described in `docs/governance.md`.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Json, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::pages::{self, PublishedBallot};
use super::policy::Actor;
use super::proposals;
use super::tally::{Tally, Thresholds};
use crate::error::AppResult;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ApiOption {
    position: i32,
    label: String,
    description: String,
    roadmap_item_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiPartner {
    slug: String,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApiProposal {
    id: i64,
    kind: String,
    method: String,
    status: String,
    title: String,
    summary: String,
    body: String,
    secret: bool,
    partner: ApiPartner,
    application_id: Option<i64>,
    created_at: String,
    submitted_at: Option<String>,
    deliberation_ends_at: Option<String>,
    vote_opens_at: Option<String>,
    opened_at: Option<String>,
    closes_at: Option<String>,
    closed_at: Option<String>,
    charter_version: Option<i32>,
    /// Quorum and majority this vote is counted with (docs/governance.md).
    #[schema(value_type = Object)]
    thresholds: Thresholds,
    options: Vec<ApiOption>,
    electorate_size: Option<i32>,
    ballots_cast: u64,
    /// Empty until the vote is closed.
    #[schema(value_type = Vec<Object>)]
    ballots: Vec<PublishedBallot>,
    outcome: Option<String>,
    /// By method: counts and shares, or each option's merit profile, majority grade and rank.
    #[schema(value_type = Option<Object>)]
    result: Option<Tally>,
    /// Where the log of this proposal's events can be checked.
    log_url: String,
}

fn rfc3339(at: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    at.map(|a| a.to_rfc3339())
}

/// A proposal of the collective's governance, its ballots once closed and its result.
#[utoipa::path(
    get,
    path = "/api/v1/proposals/{id}",
    tag = "governance",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The proposal (shape in docs/governance.md)", body = ApiProposal),
        (status = 404, description = "No such proposal, or a draft not shown to this reader", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn proposal(
    State(state): State<AppState>,
    actor: Option<Actor>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let p = pages::visible_proposal(&state, &id, actor.as_ref()).await?;
    let summary = pages::summary(&state.db, &p).await?;
    let rules = proposals::rules_of(&state.db, &p).await?;
    let kind = super::model::Kind::parse(&p.kind).unwrap_or(super::model::Kind::GeneralDecision);
    let options = proposals::options(&state.db, p.id).await?;
    let body = ApiProposal {
        id: p.id,
        kind: p.kind.clone(),
        method: p.method.clone(),
        status: p.status.clone(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.body.clone(),
        secret: p.secret,
        partner: ApiPartner {
            slug: summary.partner_slug,
            name: summary.partner_name,
        },
        application_id: p.application_id,
        created_at: p.created_at.to_rfc3339(),
        submitted_at: rfc3339(p.submitted_at),
        deliberation_ends_at: rfc3339(p.deliberation_ends_at),
        vote_opens_at: rfc3339(p.vote_opens_at),
        opened_at: rfc3339(p.opened_at),
        closes_at: rfc3339(p.closes_at),
        closed_at: rfc3339(p.closed_at),
        charter_version: p.charter_version,
        thresholds: super::model::thresholds(&rules, kind),
        options: options
            .into_iter()
            .map(|o| ApiOption {
                position: o.position,
                label: o.label,
                description: o.description,
                roadmap_item_id: o.roadmap_item_id,
            })
            .collect(),
        electorate_size: p.electorate_size,
        ballots_cast: summary.ballots,
        ballots: pages::published_ballots(&state.db, &p).await?,
        outcome: p.outcome.clone(),
        result: p
            .result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok()),
        log_url: format!(
            "{}/gouvernance/journal.json",
            state.settings.server.public_url
        ),
    };
    Ok(Json(body).into_response())
}
