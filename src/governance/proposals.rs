//! Proposals from draft to vote: the draft form parsed into a [`Draft`], creation, edits
//! while the text may still change, submission to deliberation, and opening the vote
//! (electorate snapshot, rules of the charter in force, text frozen and hashed in the log).
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::charter::{Charter, GovernanceRules};
use super::model::{Kind, Status};
use super::tally::Method;
use super::{log, notify, versions};
use crate::entities::{proposal, proposal_electorate, proposal_option, roadmap_item};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;

/// Most options a ballot may list.
pub const MAX_OPTIONS: usize = 20;
const MAX_TEXT: usize = 200_000;

/// The draft form as typed (kept as is to show again with its errors).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct DraftForm {
    /// The drafting partner's slug (new proposals).
    #[serde(default)]
    pub partner: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
    /// One option per line (general decisions between options).
    #[serde(default)]
    pub options: String,
    /// Roadmap items put to the vote (roadmap decisions).
    #[serde(default)]
    pub roadmap_items: Vec<String>,
    /// `preview` to see the text rendered without saving.
    #[serde(default)]
    pub action: String,
}

/// An option of a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOption {
    pub label: String,
    pub description: String,
    pub roadmap_item_id: Option<i64>,
}

/// A valid draft.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: Kind,
    pub method: Method,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub options: Vec<NewOption>,
}

fn push(errors: &mut FieldErrors, field: &str, key: &str) {
    errors.entry(field.into()).or_default().push(key.into());
}

/// Items that may be put to a roadmap vote.
pub fn votable(item: &roadmap_item::Model) -> bool {
    matches!(item.status.as_str(), "proposed" | "prioritised")
}

impl DraftForm {
    /// The form with the line ends browsers send (CRLF) made plain.
    pub fn normalized(mut self) -> Self {
        for text in [&mut self.summary, &mut self.body, &mut self.options] {
            *text = text.replace("\r\n", "\n");
        }
        self
    }

    /// Parses the form; `current` is the charter in force (an amendment must change it),
    /// `items` the roadmap.
    pub fn parse(
        &self,
        current: &Charter,
        current_document: &str,
        items: &[roadmap_item::Model],
    ) -> Result<Draft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = Kind::parse(&self.kind).filter(|k| k.drafted_by_partners());
        let Some(kind) = kind else {
            push(&mut errors, "kind", "proposal-kind-invalid");
            return Err(errors);
        };
        let method = Method::parse(&self.method).filter(|m| kind.methods().contains(m));
        if method.is_none() {
            push(&mut errors, "method", "proposal-method-invalid");
        }
        let title = check_length(&mut errors, "title", &self.title, 3, 200);
        let summary = check_length(&mut errors, "summary", &self.summary, 0, 20_000);
        let body = self.body.trim().replace("\r\n", "\n");
        if body.chars().count() > MAX_TEXT {
            push(&mut errors, "body", "field-too-long");
        }
        match kind {
            Kind::CharterAmendment => match Charter::parse(&body) {
                Err(_) => push(&mut errors, "body", "proposal-body-charter-invalid"),
                Ok(new) => {
                    if new.body_markdown.trim() == current.body_markdown.trim()
                        && new.rules == current.rules
                        && body.trim() == current_document.trim()
                    {
                        push(&mut errors, "body", "proposal-body-unchanged");
                    }
                }
            },
            _ if method == Some(Method::YesNo) && body.is_empty() => {
                push(&mut errors, "body", "field-required")
            }
            _ => {}
        }
        let mut options = Vec::new();
        if method.is_some_and(Method::has_options) {
            if kind == Kind::RoadmapDecision {
                for raw in &self.roadmap_items {
                    let item = raw
                        .parse::<i64>()
                        .ok()
                        .and_then(|id| items.iter().find(|i| i.id == id))
                        .filter(|i| votable(i));
                    match item {
                        Some(i)
                            if !options
                                .iter()
                                .any(|o: &NewOption| o.roadmap_item_id == Some(i.id)) =>
                        {
                            options.push(NewOption {
                                label: i.title.clone(),
                                description: i.description.clone(),
                                roadmap_item_id: Some(i.id),
                            })
                        }
                        Some(_) => {}
                        None => push(
                            &mut errors,
                            "roadmap_items",
                            "proposal-roadmap-item-invalid",
                        ),
                    }
                }
            } else {
                for line in self
                    .options
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                {
                    if line.chars().count() > 200 {
                        push(&mut errors, "options", "proposal-option-too-long");
                    } else if options.iter().any(|o: &NewOption| o.label == line) {
                        push(&mut errors, "options", "proposal-option-duplicate");
                    } else {
                        options.push(NewOption {
                            label: line.to_owned(),
                            description: String::new(),
                            roadmap_item_id: None,
                        });
                    }
                }
            }
            let field = if kind == Kind::RoadmapDecision {
                "roadmap_items"
            } else {
                "options"
            };
            if options.len() < 2 {
                push(&mut errors, field, "proposal-options-too-few");
            } else if options.len() > MAX_OPTIONS {
                push(&mut errors, field, "proposal-options-too-many");
            }
        }
        match method {
            Some(method) if errors.is_empty() => Ok(Draft {
                kind,
                method,
                title,
                summary,
                body,
                options,
            }),
            _ => Err(errors),
        }
    }

    /// The form filled from a stored proposal.
    pub fn of(proposal: &proposal::Model, options: &[proposal_option::Model]) -> Self {
        DraftForm {
            partner: String::new(),
            kind: proposal.kind.clone(),
            method: proposal.method.clone(),
            title: proposal.title.clone(),
            summary: proposal.summary.clone(),
            body: proposal.body.clone(),
            options: if proposal.kind == Kind::RoadmapDecision.as_str() {
                String::new()
            } else {
                options
                    .iter()
                    .map(|o| o.label.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            },
            roadmap_items: options
                .iter()
                .filter_map(|o| o.roadmap_item_id.map(|id| id.to_string()))
                .collect(),
            action: String::new(),
        }
    }
}

async fn write_options<C: ConnectionTrait>(
    conn: &C,
    proposal_id: i64,
    options: &[NewOption],
) -> Result<(), DbErr> {
    proposal_option::Entity::delete_many()
        .filter(proposal_option::Column::ProposalId.eq(proposal_id))
        .exec(conn)
        .await?;
    for (position, option) in options.iter().enumerate() {
        proposal_option::Entity::insert(proposal_option::ActiveModel {
            proposal_id: Set(proposal_id),
            position: Set(position as i32),
            label: Set(option.label.clone()),
            description: Set(option.description.clone()),
            roadmap_item_id: Set(option.roadmap_item_id),
            ..Default::default()
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Stores a new draft of `partner_id` by `author_id`.
pub async fn create(
    db: &DatabaseConnection,
    partner_id: i64,
    author_id: i64,
    draft: &Draft,
    base_charter_version: Option<i32>,
    application_id: Option<i64>,
) -> AppResult<i64> {
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let id = proposal::Entity::insert(proposal::ActiveModel {
        kind: Set(draft.kind.as_str().into()),
        method: Set(draft.method.as_str().into()),
        status: Set(Status::Draft.as_str().into()),
        title: Set(draft.title.clone()),
        summary: Set(draft.summary.clone()),
        body: Set(draft.body.clone()),
        secret: Set(false),
        partner_id: Set(partner_id),
        author_id: Set(Some(author_id)),
        application_id: Set(application_id),
        base_charter_version: Set(base_charter_version),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    write_options(&txn, id, &draft.options).await?;
    txn.commit().await?;
    Ok(id)
}

/// Replaces the text and options while the proposal is a draft or in deliberation.
pub async fn update(db: &DatabaseConnection, id: i64, draft: &Draft) -> AppResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let updated = proposal::Entity::update_many()
        .col_expr(proposal::Column::Title, Expr::value(draft.title.clone()))
        .col_expr(
            proposal::Column::Summary,
            Expr::value(draft.summary.clone()),
        )
        .col_expr(proposal::Column::Body, Expr::value(draft.body.clone()))
        .col_expr(proposal::Column::Method, Expr::value(draft.method.as_str()))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(proposal::Column::Id.eq(id))
        .filter(
            proposal::Column::Status.is_in([Status::Draft.as_str(), Status::Deliberation.as_str()]),
        )
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::forbidden(super::policy::reason::FROZEN));
    }
    write_options(&txn, id, &draft.options).await?;
    let found = find(&txn, id).await?;
    if found.status == Status::Deliberation.as_str() {
        log::append(
            &txn,
            Some(id),
            "text_amended",
            &serde_json::json!({"proposal": id, "text_sha256": text_digest(&found, &draft.options.iter().map(|o| o.label.clone()).collect::<Vec<_>>())}),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The proposal `id`.
pub async fn find<C: ConnectionTrait>(conn: &C, id: i64) -> AppResult<proposal::Model> {
    proposal::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("proposal"))
}

/// Its options in ballot order.
pub async fn options<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Vec<proposal_option::Model>, DbErr> {
    proposal_option::Entity::find()
        .filter(proposal_option::Column::ProposalId.eq(id))
        .order_by_asc(proposal_option::Column::Position)
        .all(conn)
        .await
}

/// SHA-256 of what is put to the vote (title, summary, text and options), so the log
/// proves the text that was voted on.
pub fn text_digest(proposal: &proposal::Model, labels: &[String]) -> String {
    let text = serde_json::json!({
        "title": proposal.title,
        "summary": proposal.summary,
        "body": proposal.body,
        "options": labels,
    });
    crate::digest::sha256_hex(text.to_string().as_bytes())
}

/// Sends a draft to deliberation for the period the charter in force sets.
pub async fn submit(db: &DatabaseConnection, id: i64, by: i64) -> AppResult<()> {
    let rules = versions::current(db).await?.charter.rules;
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let updated = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Status,
            Expr::value(Status::Deliberation.as_str()),
        )
        .col_expr(proposal::Column::SubmittedAt, Expr::value(now))
        .col_expr(
            proposal::Column::DeliberationEndsAt,
            Expr::value(now + Duration::days(i64::from(rules.deliberation_days))),
        )
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::Status.eq(Status::Draft.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::forbidden("proposal-not-draft"));
    }
    log::append(
        &txn,
        Some(id),
        "submitted",
        &serde_json::json!({"proposal": id, "by": by, "deliberation_days": rules.deliberation_days}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// How coordinators open a vote.
#[derive(Debug, Clone, Copy)]
pub struct Opening {
    pub closes_at: DateTime<Utc>,
    pub secret: bool,
}

/// The default opening under `rules`: closes after the voting period.
pub fn default_opening(rules: &GovernanceRules, now: DateTime<Utc>) -> Opening {
    Opening {
        closes_at: now + Duration::days(i64::from(rules.voting_days)),
        secret: rules.default_secret_ballot,
    }
}

/// Opens the vote now: the partners active at this moment are the electorate; the
/// charter in force gives the rules. `Ok(false)` when the proposal is no longer in
/// deliberation (another coordinator or the scheduler opened it first).
pub async fn open(
    state: &AppState,
    id: i64,
    opened_by: Option<i64>,
    opening: Opening,
) -> AppResult<bool> {
    let now = Utc::now();
    if opening.closes_at <= now {
        return Err(AppError::invalid("closes_at", "vote-closes-in-past"));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    let charter = versions::current(&txn).await?;
    let rules_json = serde_json::to_string(&charter.charter.rules).map_err(anyhow::Error::from)?;
    let claimed = proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Status,
            Expr::value(Status::Voting.as_str()),
        )
        .col_expr(proposal::Column::OpenedAt, Expr::value(now))
        .col_expr(proposal::Column::OpenedBy, Expr::value(opened_by))
        .col_expr(proposal::Column::ClosesAt, Expr::value(opening.closes_at))
        .col_expr(proposal::Column::Secret, Expr::value(opening.secret))
        .col_expr(
            proposal::Column::CharterVersion,
            Expr::value(charter.row.version),
        )
        .col_expr(proposal::Column::Rules, Expr::value(rules_json))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(id))
        .filter(proposal::Column::Status.eq(Status::Deliberation.as_str()))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(false);
    }
    let backend = txn.get_database_backend();
    txn.execute_raw(crate::db::statement(
        backend,
        "INSERT INTO proposal_electorate (proposal_id, partner_id) \
         SELECT $1, id FROM partners WHERE status = 'active'",
        [id.into()],
    ))
    .await?;
    let electorate = electorate_slugs(&txn, id).await?;
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::ElectorateSize,
            Expr::value(electorate.len() as i32),
        )
        .filter(proposal::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let found = find(&txn, id).await?;
    let labels: Vec<String> = options(&txn, id)
        .await?
        .into_iter()
        .map(|o| o.label)
        .collect();
    let kind = Kind::parse(&found.kind).unwrap_or(Kind::GeneralDecision);
    log::append(
        &txn,
        Some(id),
        "vote_opened",
        &serde_json::json!({
            "proposal": id,
            "kind": found.kind,
            "method": found.method,
            "secret": opening.secret,
            "closes_at": opening.closes_at.to_rfc3339(),
            "charter_version": charter.row.version,
            "thresholds": super::model::thresholds(&charter.charter.rules, kind),
            "electorate": electorate,
            "text_sha256": text_digest(&found, &labels),
        }),
    )
    .await?;
    notify::vote_opened(state, &txn, &found).await?;
    txn.commit().await?;
    Ok(true)
}

/// Slugs of the vote's electorate, sorted.
pub async fn electorate_slugs<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Vec<String>, DbErr> {
    use crate::entities::partner;
    let ids: Vec<i64> = proposal_electorate::Entity::find()
        .filter(proposal_electorate::Column::ProposalId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|e| e.partner_id)
        .collect();
    let mut slugs: Vec<String> = partner::Entity::find()
        .filter(partner::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| p.slug)
        .collect();
    slugs.sort();
    Ok(slugs)
}

/// The rules a vote follows (its copy taken at opening; the charter in force before).
pub async fn rules_of<C: ConnectionTrait>(
    conn: &C,
    proposal: &proposal::Model,
) -> AppResult<GovernanceRules> {
    match &proposal.rules {
        Some(json) => Ok(serde_json::from_str(json).map_err(anyhow::Error::from)?),
        None => Ok(versions::current(conn).await?.charter.rules),
    }
}
