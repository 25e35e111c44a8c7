//! The public governance pages: `/gouvernance` (open votes with each partner's
//! participation, deliberations, past decisions, notification choices), a proposal's
//! page (text, differences, timeline, deliberation, ballot, coordinators' actions) and
//! its result page (charts, ballots to download and recount).
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::diff::{self, WordDiff};
use super::model::{Kind, Status};
use super::policy::Actor;
use super::routes::{Percent, percent};
use super::tally::{Choice, Grade, Method, Tally, YesNo};
use super::{notify, proposals, versions};
use crate::entities::{
    ballot, governance_log, partner, proposal, proposal_comment, proposal_electorate,
    proposal_option, secret_choice, user,
};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::notifications::{self, Delivery};
use crate::state::AppState;
use crate::web::pagination::{self, Pagination};
use crate::web::{CsrfForm, Page, flash};

/// A date as pages show it.
pub fn when(at: Option<DateTime<Utc>>) -> String {
    at.map(|a| a.format("%d/%m/%Y %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// What lists show of a proposal.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: i64,
    pub kind: String,
    pub method: String,
    pub status: String,
    pub title: String,
    pub secret: bool,
    pub partner_name: String,
    pub partner_slug: String,
    pub created_at: String,
    pub submitted_at: String,
    pub deliberation_ends_at: String,
    pub vote_opens_at: String,
    pub opened_at: String,
    pub closes_at: String,
    pub closed_at: String,
    pub outcome: Option<String>,
    pub charter_version: Option<i32>,
    pub electorate_size: i32,
    pub ballots: u64,
    pub participation_percent: Percent,
}

async fn partner_of<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<partner::Model> {
    partner::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))
}

async fn ballot_count<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(ballot::Entity::find()
        .filter(ballot::Column::ProposalId.eq(id))
        .count(conn)
        .await?)
}

pub async fn summary<C: ConnectionTrait>(conn: &C, p: &proposal::Model) -> AppResult<Summary> {
    let author = partner_of(conn, p.partner_id).await?;
    let ballots = ballot_count(conn, p.id).await?;
    let electorate = p.electorate_size.unwrap_or(0);
    Ok(Summary {
        id: p.id,
        kind: p.kind.clone(),
        method: p.method.clone(),
        status: p.status.clone(),
        title: p.title.clone(),
        secret: p.secret,
        partner_name: author.name,
        partner_slug: author.slug,
        created_at: when(Some(p.created_at)),
        submitted_at: when(p.submitted_at),
        deliberation_ends_at: when(p.deliberation_ends_at),
        vote_opens_at: when(p.vote_opens_at),
        opened_at: when(p.opened_at),
        closes_at: when(p.closes_at),
        closed_at: when(p.closed_at),
        outcome: p.outcome.clone(),
        charter_version: p.charter_version,
        electorate_size: electorate,
        ballots,
        participation_percent: if electorate > 0 {
            percent(ballots as f64 / f64::from(electorate))
        } else {
            Percent(0.0)
        },
    })
}

/// Whether `actor` may see proposal `p` (drafts: its partner's members and coordinators).
pub fn visible(p: &proposal::Model, actor: Option<&Actor>) -> bool {
    p.status != Status::Draft.as_str()
        || actor.is_some_and(|a| {
            a.is_coordinator() || a.memberships.iter().any(|m| m.partner.id == p.partner_id)
        })
}

/// The proposal `id` if `actor` may see it.
pub async fn visible_proposal(
    state: &AppState,
    id: &str,
    actor: Option<&Actor>,
) -> AppResult<proposal::Model> {
    let id: i64 = id.parse().map_err(|_| AppError::not_found("proposal"))?;
    let p = proposals::find(&state.db, id).await?;
    if !visible(&p, actor) {
        return Err(AppError::not_found("proposal"));
    }
    Ok(p)
}

/// A partner of an electorate and whether it voted (never what).
#[derive(Debug, Clone, Serialize)]
pub struct Participation {
    pub slug: String,
    pub name: String,
    pub voted: bool,
}

async fn participation<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<Vec<Participation>> {
    let listed: Vec<i64> = proposal_electorate::Entity::find()
        .filter(proposal_electorate::Column::ProposalId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|e| e.partner_id)
        .collect();
    let voted: Vec<i64> = ballot::Entity::find()
        .filter(ballot::Column::ProposalId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|b| b.partner_id)
        .collect();
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(listed))
        .order_by_asc(partner::Column::Name)
        .all(conn)
        .await?;
    Ok(partners
        .into_iter()
        .map(|p| Participation {
            voted: voted.contains(&p.id),
            slug: p.slug,
            name: p.name,
        })
        .collect())
}

#[derive(Serialize)]
struct OpenVote {
    summary: Summary,
    partners: Vec<Participation>,
}

#[derive(Serialize)]
struct PartnerLink {
    slug: String,
    name: String,
}

#[derive(Serialize)]
struct NotificationChoice {
    code: &'static str,
    delivery: &'static str,
}

#[derive(Serialize)]
struct IndexView {
    voting: Vec<OpenVote>,
    deliberation: Vec<Summary>,
    closed: Vec<Summary>,
    pagination: Pagination,
    drafts: Vec<Summary>,
    drafting_partners: Vec<PartnerLink>,
    /// Mean participation of closed votes, in percent.
    mean_participation: Option<Percent>,
    notifications: Option<Vec<NotificationChoice>>,
    charter_version: i32,
}

/// Past decisions per page of `/gouvernance`.
const PAST_PER_PAGE: u64 = 25;

#[derive(Deserialize)]
pub struct IndexQuery {
    page: Option<String>,
}

/// Mean participation of `closed` votes, in percent (ballots counted in one query).
async fn mean_participation(
    state: &AppState,
    closed: &[proposal::Model],
) -> AppResult<Option<Percent>> {
    use sea_orm::{FromQueryResult, QuerySelect};
    #[derive(FromQueryResult)]
    struct Count {
        proposal_id: i64,
        ballots: i64,
    }
    if closed.is_empty() {
        return Ok(None);
    }
    let counts: HashMap<i64, i64> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::ProposalId)
        .column_as(ballot::Column::Id.count(), "ballots")
        .filter(ballot::Column::ProposalId.is_in(closed.iter().map(|p| p.id).collect::<Vec<_>>()))
        .group_by(ballot::Column::ProposalId)
        .into_model::<Count>()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| (c.proposal_id, c.ballots))
        .collect();
    let shares: Vec<f64> = closed
        .iter()
        .filter_map(|p| {
            let electorate = p.electorate_size.filter(|&e| e > 0)?;
            Some(*counts.get(&p.id).unwrap_or(&0) as f64 / f64::from(electorate))
        })
        .collect();
    Ok((!shares.is_empty()).then(|| percent(shares.iter().sum::<f64>() / shares.len() as f64)))
}

async fn by_status(state: &AppState, status: Status) -> AppResult<Vec<proposal::Model>> {
    let query = proposal::Entity::find().filter(proposal::Column::Status.eq(status.as_str()));
    let query = match status {
        Status::Closed => query.order_by_desc(proposal::Column::ClosedAt),
        Status::Voting => query.order_by_asc(proposal::Column::ClosesAt),
        _ => query.order_by_desc(proposal::Column::UpdatedAt),
    };
    Ok(query.all(&state.db).await?)
}

/// `GET /gouvernance`
pub async fn index(
    State(state): State<AppState>,
    page: Page,
    actor: Option<Actor>,
    Query(query): Query<IndexQuery>,
) -> AppResult<Response> {
    let page_number = pagination::parse_page(query.page.as_deref())?;
    let mut voting = Vec::new();
    for p in by_status(&state, Status::Voting).await? {
        voting.push(OpenVote {
            summary: summary(&state.db, &p).await?,
            partners: participation(&state.db, p.id).await?,
        });
    }
    let mut deliberation = Vec::new();
    for p in by_status(&state, Status::Deliberation).await? {
        deliberation.push(summary(&state.db, &p).await?);
    }
    // Past decisions, a page at a time; the mean participation covers them all.
    let all_closed = by_status(&state, Status::Closed).await?;
    let mean_participation = mean_participation(&state, &all_closed).await?;
    let pager = Pagination::new(
        page_number,
        PAST_PER_PAGE,
        all_closed.len() as u64,
        "/gouvernance",
        &[],
    );
    let mut closed = Vec::new();
    for p in all_closed
        .iter()
        .skip(((page_number - 1) * PAST_PER_PAGE) as usize)
        .take(PAST_PER_PAGE as usize)
    {
        closed.push(summary(&state.db, p).await?);
    }
    let mut drafts = Vec::new();
    if let Some(actor) = &actor {
        for p in by_status(&state, Status::Draft).await? {
            if actor
                .memberships
                .iter()
                .any(|m| m.partner.id == p.partner_id)
            {
                drafts.push(summary(&state.db, &p).await?);
            }
        }
    }
    let notifications = match &actor {
        Some(actor) => {
            let mut choices = Vec::new();
            for code in notify::KINDS {
                let delivery = notifications::delivery(&state.db, actor.user.id, code).await?;
                choices.push(NotificationChoice {
                    code,
                    delivery: delivery.as_str(),
                });
            }
            Some(choices)
        }
        None => None,
    };
    let view = IndexView {
        voting,
        deliberation,
        closed,
        pagination: pager,
        drafts,
        drafting_partners: actor
            .as_ref()
            .map(|a| {
                a.drafting_partners()
                    .into_iter()
                    .map(|p| PartnerLink {
                        slug: p.slug.clone(),
                        name: p.name.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        mean_participation,
        notifications,
        charter_version: versions::current(&state.db).await?.row.version,
    };
    page.render("governance/index.html", &view)
}

/// `POST /gouvernance/notifications`: each governance kind on (mail) or off.
pub async fn save_notifications(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> AppResult<Response> {
    for code in notify::KINDS {
        let delivery = match form.get(code).map(String::as_str) {
            Some("immediate") => Delivery::Immediate,
            Some("never") => Delivery::Never,
            _ => return Err(AppError::invalid(code, "notification-delivery-invalid")),
        };
        notifications::set(&state.db, actor.user.id, code, delivery)
            .await?
            .map_err(|_| AppError::invalid(code, "notification-delivery-invalid"))?;
    }
    flash(&session, "success", "governance-notifications-saved").await?;
    Ok(Redirect::to("/gouvernance#notifications").into_response())
}

/// An option as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub position: i32,
    pub label: String,
    pub description: String,
    pub roadmap_item_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
struct TimelineEntry {
    seq: i64,
    at: String,
    event: String,
    partner: Option<String>,
    by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct CommentView {
    id: i64,
    depth: usize,
    author: String,
    partner: Option<String>,
    at: String,
    body_html: String,
}

/// The comment form as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub partner: String,
}

/// A voting partner's ballot box on the proposal page.
#[derive(Debug, Clone, Serialize)]
struct BallotBox {
    slug: String,
    name: String,
    voted: bool,
    cast_at: String,
    cast_by: String,
    changed_at: String,
    changed_by: String,
    /// What the form shows selected: what was just sent back after an error, else the
    /// partner's own current choice (open ballots: its voters may see it).
    vote: String,
    rows: Vec<BallotOption>,
}

/// One option of a ballot form, with what is selected.
#[derive(Debug, Clone, Serialize)]
struct BallotOption {
    position: i32,
    label: String,
    grade: String,
    approved: bool,
}

/// What a ballot form sent back after an error, to show again.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BallotEcho {
    pub partner: String,
    pub vote: String,
    pub grades: HashMap<String, String>,
    pub approved: Vec<i32>,
}

/// Extra state of the proposal page after a failed form.
#[derive(Default)]
pub struct Extras {
    pub comment_form: CommentForm,
    pub comment_errors: FieldErrors,
    pub ballot: Option<BallotEcho>,
    pub ballot_errors: FieldErrors,
    pub open_errors: FieldErrors,
}

#[derive(Serialize)]
struct GradeView {
    code: &'static str,
}

#[derive(Serialize)]
struct ProposalView {
    p: Summary,
    summary_html: String,
    body_html: String,
    body_is_charter: bool,
    diff: Option<WordDiff>,
    current_charter_version: i32,
    application_id: Option<i64>,
    options: Vec<OptionView>,
    timeline: Vec<TimelineEntry>,
    comments: Vec<CommentView>,
    can_comment: bool,
    commenting_partners: Vec<PartnerLink>,
    comment_form: CommentForm,
    comment_errors: FieldErrors,
    can_edit: bool,
    can_submit: bool,
    is_coordinator: bool,
    can_close_early: bool,
    open_default_closes_at: String,
    open_default_secret: bool,
    open_errors: FieldErrors,
    voting_open: bool,
    ballot_boxes: Vec<BallotBox>,
    ballot_errors: FieldErrors,
    grades: Vec<GradeView>,
    participation: Vec<Participation>,
    rules_quorum_percent: Percent,
    rules_threshold_percent: Percent,
    rules_qualified: bool,
    signed_in: bool,
}

async fn names<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> AppResult<HashMap<i64, String>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.to_vec()))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

async fn timeline<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<Vec<TimelineEntry>> {
    let entries = governance_log::Entity::find()
        .filter(governance_log::Column::ProposalId.eq(id))
        .order_by_asc(governance_log::Column::Seq)
        .all(conn)
        .await?;
    let payloads: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| serde_json::from_str(&e.payload).unwrap_or_default())
        .collect();
    let ids: Vec<i64> = payloads.iter().filter_map(|p| p["by"].as_i64()).collect();
    let people = names(conn, &ids).await?;
    let slugs: Vec<String> = payloads
        .iter()
        .filter_map(|p| p["partner"].as_str().map(str::to_owned))
        .collect();
    let partners: HashMap<String, String> = partner::Entity::find()
        .filter(partner::Column::Slug.is_in(slugs))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.slug, p.name))
        .collect();
    Ok(entries
        .iter()
        .zip(&payloads)
        .map(|(e, payload)| TimelineEntry {
            seq: e.seq,
            at: when(Some(e.at)),
            event: e.event.clone(),
            partner: payload["partner"].as_str().map(|slug| {
                partners
                    .get(slug)
                    .cloned()
                    .unwrap_or_else(|| slug.to_owned())
            }),
            by: payload["by"]
                .as_i64()
                .and_then(|id| people.get(&id).cloned()),
        })
        .collect())
}

async fn comments<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<Vec<CommentView>> {
    let rows = proposal_comment::Entity::find()
        .filter(proposal_comment::Column::ProposalId.eq(id))
        .order_by_asc(proposal_comment::Column::Id)
        .all(conn)
        .await?;
    let authors: Vec<i64> = rows.iter().filter_map(|c| c.author_id).collect();
    let people = names(conn, &authors).await?;
    let partner_ids: Vec<i64> = rows.iter().filter_map(|c| c.partner_id).collect();
    let partners: HashMap<i64, String> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(partner_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    // Depth-first: each answer right under what it answers.
    let mut out = Vec::with_capacity(rows.len());
    fn walk(
        rows: &[proposal_comment::Model],
        parent: Option<i64>,
        depth: usize,
        people: &HashMap<i64, String>,
        partners: &HashMap<i64, String>,
        out: &mut Vec<CommentView>,
    ) {
        for c in rows.iter().filter(|c| c.parent_id == parent) {
            out.push(CommentView {
                id: c.id,
                depth: depth.min(6),
                author: c
                    .author_id
                    .and_then(|id| people.get(&id).cloned())
                    .unwrap_or_default(),
                partner: c.partner_id.and_then(|id| partners.get(&id).cloned()),
                at: when(Some(c.created_at)),
                body_html: crate::web::markdown::to_safe_html(&c.body),
            });
            walk(rows, Some(c.id), depth + 1, people, partners, out);
        }
    }
    walk(&rows, None, 0, &people, &partners, &mut out);
    Ok(out)
}

pub fn option_views(options: &[proposal_option::Model]) -> Vec<OptionView> {
    options
        .iter()
        .map(|o| OptionView {
            position: o.position,
            label: o.label.clone(),
            description: o.description.clone(),
            roadmap_item_id: o.roadmap_item_id,
        })
        .collect()
}

async fn ballot_boxes(
    state: &AppState,
    p: &proposal::Model,
    actor: Option<&Actor>,
    echo: Option<&BallotEcho>,
) -> AppResult<Vec<BallotBox>> {
    let Some(actor) = actor else {
        return Ok(Vec::new());
    };
    let options = proposals::options(&state.db, p.id).await?;
    let mut boxes = Vec::new();
    for partner in actor.voting_partners() {
        let listed = proposal_electorate::Entity::find_by_id((p.id, partner.id))
            .one(&state.db)
            .await?
            .is_some();
        if !listed {
            continue;
        }
        let existing = ballot::Entity::find()
            .filter(ballot::Column::ProposalId.eq(p.id))
            .filter(ballot::Column::PartnerId.eq(partner.id))
            .one(&state.db)
            .await?;
        let people = names(
            &state.db,
            &existing
                .iter()
                .flat_map(|b| [b.cast_by, b.changed_by])
                .flatten()
                .collect::<Vec<_>>(),
        )
        .await?;
        let name_of = |id: Option<i64>| {
            id.and_then(|id| people.get(&id).cloned())
                .unwrap_or_default()
        };
        let stored = existing
            .as_ref()
            .and_then(|b| b.choice.as_deref())
            .and_then(Choice::from_json);
        let echo = echo.filter(|e| e.partner == partner.slug);
        let vote = match (echo, &stored) {
            (Some(e), _) => e.vote.clone(),
            (None, Some(Choice::YesNo(v))) => v.as_str().to_owned(),
            _ => String::new(),
        };
        let rows = options
            .iter()
            .map(|o| {
                let position = o.position as usize;
                let (grade, approved) = match (echo, &stored) {
                    (Some(e), _) => (
                        e.grades
                            .get(&o.position.to_string())
                            .cloned()
                            .unwrap_or_default(),
                        e.approved.contains(&o.position),
                    ),
                    (None, Some(Choice::Grades(g))) => (
                        g.get(position)
                            .map(|g| g.as_str().to_owned())
                            .unwrap_or_default(),
                        false,
                    ),
                    (None, Some(Choice::Approved(a))) => {
                        (String::new(), a.contains(&(o.position as u32)))
                    }
                    _ => (String::new(), false),
                };
                BallotOption {
                    position: o.position,
                    label: o.label.clone(),
                    grade,
                    approved,
                }
            })
            .collect();
        boxes.push(BallotBox {
            slug: partner.slug.clone(),
            name: partner.name.clone(),
            voted: existing.is_some(),
            cast_at: when(existing.as_ref().map(|b| b.cast_at)),
            cast_by: name_of(existing.as_ref().and_then(|b| b.cast_by)),
            changed_at: when(existing.as_ref().and_then(|b| b.changed_at)),
            changed_by: name_of(existing.as_ref().and_then(|b| b.changed_by)),
            vote,
            rows,
        });
    }
    Ok(boxes)
}

/// Renders the proposal page (with what a failed form sent, when there is one).
pub async fn render_proposal(
    state: &AppState,
    page: &Page,
    actor: Option<&Actor>,
    p: &proposal::Model,
    extras: Extras,
    status: StatusCode,
) -> AppResult<Response> {
    let options = proposals::options(&state.db, p.id).await?;
    let current = versions::current(&state.db).await?;
    let kind = Kind::parse(&p.kind);
    let is_amendment = kind == Some(Kind::CharterAmendment);
    let status_now = Status::parse(&p.status).unwrap_or(Status::Closed);
    // An amendment still to be voted on is compared with the charter in force; an
    // adopted one with the version it replaced.
    let diff = if is_amendment {
        let base = match (status_now, p.outcome.as_deref()) {
            (Status::Closed, _) => match p.charter_version {
                Some(v) => versions::find(&state.db, v).await?,
                None => None,
            },
            _ => Some(current.clone()),
        };
        base.map(|b| diff::words(&b.row.document, &p.body))
    } else {
        None
    };
    let rules = proposals::rules_of(&state.db, p).await?;
    let thresholds = super::model::thresholds(&rules, kind.unwrap_or(Kind::GeneralDecision));
    let can_edit = status_now.editable()
        && actor.is_some_and(|a| a.require_drafter(p.partner_id).is_ok())
        && kind.is_some_and(Kind::drafted_by_partners);
    let is_coordinator = actor.is_some_and(Actor::is_coordinator);
    let participation = participation(&state.db, p.id).await?;
    let rules_now = &current.charter.rules;
    let defaults = proposals::default_opening(rules_now, Utc::now());
    let view = ProposalView {
        p: summary(&state.db, p).await?,
        summary_html: crate::web::markdown::to_safe_html(&p.summary),
        body_html: if is_amendment {
            super::charter::Charter::parse(&p.body)
                .map(|c| c.body_html())
                .unwrap_or_default()
        } else {
            crate::web::markdown::to_safe_html(&p.body)
        },
        body_is_charter: is_amendment,
        diff,
        current_charter_version: current.row.version,
        application_id: p.application_id,
        options: option_views(&options),
        timeline: timeline(&state.db, p.id).await?,
        comments: comments(&state.db, p.id).await?,
        can_comment: matches!(status_now, Status::Deliberation | Status::Voting)
            && actor.is_some_and(|a| a.is_coordinator() || !a.commenting_partners().is_empty()),
        commenting_partners: actor
            .map(|a| {
                a.commenting_partners()
                    .into_iter()
                    .map(|p| PartnerLink {
                        slug: p.slug.clone(),
                        name: p.name.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        comment_form: extras.comment_form,
        comment_errors: extras.comment_errors,
        can_edit,
        can_submit: can_edit && status_now == Status::Draft,
        is_coordinator,
        can_close_early: is_coordinator
            && status_now == Status::Voting
            && !participation.is_empty()
            && participation.iter().all(|x| x.voted),
        open_default_closes_at: defaults.closes_at.format("%Y-%m-%dT%H:%M").to_string(),
        open_default_secret: defaults.secret,
        open_errors: extras.open_errors,
        voting_open: status_now == Status::Voting && p.closes_at.is_some_and(|c| c > Utc::now()),
        ballot_boxes: ballot_boxes(state, p, actor, extras.ballot.as_ref()).await?,
        ballot_errors: extras.ballot_errors,
        grades: Grade::BEST_FIRST
            .iter()
            .map(|g| GradeView { code: g.as_str() })
            .collect(),
        participation,
        rules_quorum_percent: percent(thresholds.quorum),
        rules_threshold_percent: percent(thresholds.threshold),
        rules_qualified: thresholds.qualified,
        signed_in: actor.is_some(),
    };
    page.render_with_status(status, "governance/proposal.html", &view)
}

/// `GET /gouvernance/propositions/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    actor: Option<Actor>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let p = visible_proposal(&state, &id, actor.as_ref()).await?;
    render_proposal(
        &state,
        &page,
        actor.as_ref(),
        &p,
        Extras::default(),
        StatusCode::OK,
    )
    .await
}

/// One ballot as published after closing.
#[derive(Debug, Clone, Serialize)]
pub struct PublishedBallot {
    /// The partner (open ballots) or the ballot's key (secret ballots).
    pub partner: Option<String>,
    pub partner_name: Option<String>,
    pub ballot_key: Option<String>,
    pub choice: serde_json::Value,
    pub salt: Option<String>,
    pub commitment: Option<String>,
    pub cast_at: Option<String>,
    pub changed_at: Option<String>,
    pub changes: Option<i32>,
}

/// The ballots of a closed vote: open ballots with partner, choice and salt; secret
/// ones as (key, choice) in key order. Nothing before closing.
pub async fn published_ballots<C: ConnectionTrait>(
    conn: &C,
    p: &proposal::Model,
) -> AppResult<Vec<PublishedBallot>> {
    if p.status != Status::Closed.as_str() {
        return Ok(Vec::new());
    }
    if p.secret {
        let rows = secret_choice::Entity::find()
            .filter(secret_choice::Column::ProposalId.eq(p.id))
            .order_by_asc(secret_choice::Column::BallotKey)
            .all(conn)
            .await?;
        return Ok(rows
            .into_iter()
            .map(|r| PublishedBallot {
                partner: None,
                partner_name: None,
                ballot_key: Some(r.ballot_key),
                choice: serde_json::from_str(&r.choice).unwrap_or_default(),
                salt: None,
                commitment: None,
                cast_at: None,
                changed_at: None,
                changes: None,
            })
            .collect());
    }
    let rows = ballot::Entity::find()
        .filter(ballot::Column::ProposalId.eq(p.id))
        .all(conn)
        .await?;
    let partners: HashMap<i64, partner::Model> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(rows.iter().map(|b| b.partner_id).collect::<Vec<_>>()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out: Vec<PublishedBallot> = rows
        .into_iter()
        .filter_map(|b| {
            let partner = partners.get(&b.partner_id)?;
            let choice = b.choice?;
            let salt = b.salt?;
            Some(PublishedBallot {
                commitment: Some(super::ballots::open_commitment(
                    p.id,
                    &partner.slug,
                    &salt,
                    &choice,
                )),
                partner: Some(partner.slug.clone()),
                partner_name: Some(partner.name.clone()),
                ballot_key: None,
                choice: serde_json::from_str(&choice).unwrap_or_default(),
                salt: Some(salt),
                cast_at: Some(b.cast_at.to_rfc3339()),
                changed_at: b.changed_at.map(|c| c.to_rfc3339()),
                changes: Some(b.changes),
            })
        })
        .collect();
    out.sort_by(|a, b| a.partner.cmp(&b.partner));
    Ok(out)
}

/// A bar of a chart: a label and its share.
#[derive(Debug, Clone, Serialize)]
struct Bar {
    key: String,
    count: u32,
    percent: Percent,
}

#[derive(Debug, Clone, Serialize)]
struct OptionChart {
    position: u32,
    label: String,
    rank: u32,
    majority_grade: Option<String>,
    approvals: Option<u32>,
    approval_percent: Percent,
    /// Merit profile, best grade first, with where each band starts (for the SVG).
    bands: Vec<Band>,
}

#[derive(Debug, Clone, Serialize)]
struct Band {
    grade: String,
    count: u32,
    percent: Percent,
    offset: Percent,
}

#[derive(Debug, Clone, Serialize)]
struct BallotRow {
    partner: Option<String>,
    ballot_key: Option<String>,
    /// Readable choice: a yes/no key, or per option a grade key, or approved labels.
    vote: Option<String>,
    grades: Vec<GradeOf>,
    approved: Vec<String>,
}

/// The grade a ballot gave one option.
#[derive(Debug, Clone, Serialize)]
struct GradeOf {
    option: String,
    grade: String,
}

#[derive(Serialize)]
struct ResultView {
    p: Summary,
    tally: Tally,
    participation_percent: Percent,
    quorum_percent: Percent,
    threshold_percent: Percent,
    share_for_percent: Option<Percent>,
    yes_no_bars: Vec<Bar>,
    options: Vec<OptionChart>,
    ballots: Vec<BallotRow>,
}

fn charts(tally: &Tally) -> (Vec<Bar>, Vec<OptionChart>) {
    let total = tally.ballots.max(1);
    let pct = |n: u32| percent(f64::from(n) / f64::from(total));
    let yes_no = tally
        .yes_no
        .as_ref()
        .map(|c| {
            [
                ("for", c.for_),
                ("against", c.against),
                ("abstain", c.abstain),
            ]
            .into_iter()
            .map(|(key, count)| Bar {
                key: key.into(),
                count,
                percent: pct(count),
            })
            .collect()
        })
        .unwrap_or_default();
    let options = tally
        .options
        .iter()
        .flatten()
        .map(|o| {
            let mut offset = 0.0;
            let bands = o
                .merit_profile
                .iter()
                .flatten()
                .zip(Grade::BEST_FIRST)
                .map(|(&count, grade)| {
                    let band = Band {
                        grade: grade.as_str().into(),
                        count,
                        percent: pct(count),
                        offset: Percent(offset),
                    };
                    offset += band.percent.0;
                    band
                })
                .collect();
            OptionChart {
                position: o.position,
                label: o.label.clone(),
                rank: o.rank,
                majority_grade: o.majority_grade.map(|g| g.as_str().to_owned()),
                approvals: o.approvals,
                approval_percent: o.approvals.map(pct).unwrap_or_default(),
                bands,
            }
        })
        .collect();
    (yes_no, options)
}

fn ballot_row(b: &PublishedBallot, labels: &[String]) -> BallotRow {
    let choice: Option<Choice> = serde_json::from_value(b.choice.clone()).ok();
    BallotRow {
        partner: b.partner_name.clone(),
        ballot_key: b.ballot_key.clone(),
        vote: match &choice {
            Some(Choice::YesNo(v)) => Some(v.as_str().to_owned()),
            _ => None,
        },
        grades: match &choice {
            Some(Choice::Grades(g)) => labels
                .iter()
                .zip(g)
                .map(|(option, grade)| GradeOf {
                    option: option.clone(),
                    grade: grade.as_str().to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        },
        approved: match &choice {
            Some(Choice::Approved(a)) => a
                .iter()
                .filter_map(|&i| labels.get(i as usize).cloned())
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// `GET /gouvernance/propositions/{id}/resultat`
pub async fn result(
    State(state): State<AppState>,
    page: Page,
    actor: Option<Actor>,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let p = visible_proposal(&state, &id, actor.as_ref()).await?;
    let Some(tally) = p
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str::<Tally>(r).ok())
    else {
        return Err(AppError::not_found("result"));
    };
    let labels: Vec<String> = proposals::options(&state.db, p.id)
        .await?
        .into_iter()
        .map(|o| o.label)
        .collect();
    let ballots = published_ballots(&state.db, &p)
        .await?
        .iter()
        .map(|b| ballot_row(b, &labels))
        .collect();
    let (yes_no_bars, options) = charts(&tally);
    let view = ResultView {
        p: summary(&state.db, &p).await?,
        participation_percent: percent(tally.participation),
        quorum_percent: percent(tally.thresholds.quorum),
        threshold_percent: percent(tally.thresholds.threshold),
        share_for_percent: tally.yes_no.as_ref().and_then(|c| c.share_for).map(percent),
        yes_no_bars,
        options,
        ballots,
        tally,
    };
    page.render("governance/result.html", &view)
}

/// Reads the ballot form: `partner`, then `vote` (yes/no), `grade-<position>` (majority
/// judgment) or `approve` (approval, repeated).
pub fn parse_ballot(
    method: Method,
    option_count: usize,
    pairs: &[(String, String)],
) -> (BallotEcho, Result<Choice, FieldErrors>, Option<String>) {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut echo = BallotEcho {
        partner: get("partner"),
        vote: get("vote"),
        ..Default::default()
    };
    let receipt = Some(get("receipt")).filter(|r| !r.trim().is_empty());
    let mut errors = FieldErrors::new();
    let choice = match method {
        Method::YesNo => match YesNo::parse(&echo.vote) {
            Some(v) => Some(Choice::YesNo(v)),
            None => {
                errors.insert("choice".into(), vec!["vote-choose-one".into()]);
                None
            }
        },
        Method::MajorityJudgment => {
            let mut grades = Vec::with_capacity(option_count);
            for position in 0..option_count {
                let raw = get(&format!("grade-{position}"));
                echo.grades.insert(position.to_string(), raw.clone());
                grades.push(Grade::parse(&raw));
            }
            if grades.iter().all(Option::is_some) {
                Some(Choice::Grades(grades.into_iter().flatten().collect()))
            } else {
                errors.insert("choice".into(), vec!["vote-grade-every-option".into()]);
                None
            }
        }
        Method::Approval => {
            let mut approved: Vec<u32> = pairs
                .iter()
                .filter(|(k, _)| k == "approve")
                .filter_map(|(_, v)| v.parse::<u32>().ok())
                .filter(|&p| (p as usize) < option_count)
                .collect();
            approved.sort_unstable();
            approved.dedup();
            echo.approved = approved.iter().map(|&a| a as i32).collect();
            Some(Choice::Approved(approved))
        }
    };
    let result = match choice {
        Some(c) if errors.is_empty() => Ok(c),
        _ => Err(errors),
    };
    (echo, result, receipt)
}
