//! Drafting: the proposal form (with a preview of the rendered text and, for charter
//! amendments, the word-level differences from the charter in force), edits while the
//! text may change, submission to deliberation, and deliberation comments.
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::diff::{self, WordDiff};
use super::model::{Kind, Status};
use super::pages::{self, CommentForm, Extras};
use super::policy::{Actor, reason};
use super::proposals::{self, DraftForm};
use super::versions;
use crate::entities::{partner, proposal_comment, roadmap_item};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Page, flash};

#[derive(Deserialize)]
pub struct NewQuery {
    partenaire: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Serialize)]
struct ItemChoice {
    id: i64,
    title: String,
    status: String,
    checked: bool,
}

#[derive(Serialize)]
struct DraftView {
    /// `None` for a new proposal.
    id: Option<i64>,
    status: String,
    partner_slug: String,
    partner_name: String,
    form: DraftForm,
    errors: FieldErrors,
    methods: Vec<&'static str>,
    roadmap_items: Vec<ItemChoice>,
    current_charter_version: i32,
    preview_summary: Option<String>,
    preview_body: Option<String>,
    diff: Option<WordDiff>,
}

async fn roadmap(state: &AppState) -> AppResult<Vec<roadmap_item::Model>> {
    Ok(roadmap_item::Entity::find()
        .order_by_asc(roadmap_item::Column::Id)
        .all(&state.db)
        .await?)
}

#[expect(clippy::too_many_arguments, reason = "one call per form state")]
async fn render_form(
    state: &AppState,
    page: &Page,
    id: Option<i64>,
    status: Status,
    partner: &partner::Model,
    form: DraftForm,
    errors: FieldErrors,
    preview: bool,
    http_status: StatusCode,
) -> AppResult<Response> {
    let current = versions::current(&state.db).await?;
    let kind = Kind::parse(&form.kind).unwrap_or(Kind::GeneralDecision);
    let items = roadmap(state).await?;
    let view = DraftView {
        id,
        status: status.as_str().into(),
        partner_slug: partner.slug.clone(),
        partner_name: partner.name.clone(),
        methods: kind.methods().iter().map(|m| m.as_str()).collect(),
        roadmap_items: items
            .iter()
            .filter(|i| proposals::votable(i))
            .map(|i| ItemChoice {
                id: i.id,
                title: i.title.clone(),
                status: i.status.clone(),
                checked: form.roadmap_items.contains(&i.id.to_string()),
            })
            .collect(),
        current_charter_version: current.row.version,
        preview_summary: preview.then(|| crate::web::markdown::to_safe_html(&form.summary)),
        preview_body: preview.then(|| match kind {
            Kind::CharterAmendment => super::charter::Charter::parse(&form.body)
                .map(|c| c.body_html())
                .unwrap_or_default(),
            _ => crate::web::markdown::to_safe_html(&form.body),
        }),
        diff: (kind == Kind::CharterAmendment && !form.body.trim().is_empty())
            .then(|| diff::words(&current.row.document, form.body.trim())),
        form,
        errors,
    };
    page.render_with_status(http_status, "governance/draft.html", &view)
}

fn drafting_partner<'a>(actor: &'a Actor, slug: Option<&str>) -> AppResult<&'a partner::Model> {
    let partners = actor.drafting_partners();
    let chosen = match slug {
        Some(slug) => partners.into_iter().find(|p| p.slug == slug),
        None => partners.into_iter().next(),
    };
    chosen.ok_or_else(|| AppError::forbidden(reason::CANNOT_DRAFT))
}

/// `GET /gouvernance/propositions/nouvelle?partenaire=…&type=…`
pub async fn new(
    State(state): State<AppState>,
    page: Page,
    actor: Actor,
    Query(query): Query<NewQuery>,
) -> AppResult<Response> {
    let partner = drafting_partner(&actor, query.partenaire.as_deref())?.clone();
    let kind = query
        .kind
        .as_deref()
        .and_then(Kind::parse)
        .filter(|k| k.drafted_by_partners())
        .unwrap_or(Kind::GeneralDecision);
    let mut form = DraftForm {
        partner: partner.slug.clone(),
        kind: kind.as_str().into(),
        method: kind.methods()[0].as_str().into(),
        ..Default::default()
    };
    if kind == Kind::CharterAmendment {
        form.body = versions::current(&state.db).await?.row.document;
    }
    render_form(
        &state,
        &page,
        None,
        Status::Draft,
        &partner,
        form,
        FieldErrors::new(),
        false,
        StatusCode::OK,
    )
    .await
}

/// `POST /gouvernance/propositions/nouvelle`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    actor: Actor,
    CsrfForm(form): CsrfForm<DraftForm>,
) -> AppResult<Response> {
    let form = form.normalized();
    let partner = drafting_partner(&actor, Some(&form.partner))?.clone();
    let current = versions::current(&state.db).await?;
    let items = roadmap(&state).await?;
    let parsed = form.parse(&current.charter, &current.row.document, &items);
    let preview = form.action == "preview";
    match parsed {
        Ok(draft) if !preview => {
            let base = (draft.kind == Kind::CharterAmendment).then_some(current.row.version);
            let id =
                proposals::create(&state.db, partner.id, actor.user.id, &draft, base, None).await?;
            flash(&session, "success", "proposal-created").await?;
            Ok(Redirect::to(&format!("/gouvernance/propositions/{id}")).into_response())
        }
        outcome => {
            let errors = if preview {
                FieldErrors::new()
            } else {
                outcome.err().unwrap_or_default()
            };
            let status = if errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render_form(
                &state,
                &page,
                None,
                Status::Draft,
                &partner,
                form,
                errors,
                preview,
                status,
            )
            .await
        }
    }
}

async fn editable(
    state: &AppState,
    actor: &Actor,
    id: &str,
) -> AppResult<(crate::entities::proposal::Model, partner::Model)> {
    let p = pages::visible_proposal(state, id, Some(actor)).await?;
    let partner = actor.require_drafter(p.partner_id)?.clone();
    if !Kind::parse(&p.kind).is_some_and(Kind::drafted_by_partners) {
        return Err(AppError::forbidden(reason::NOT_AUTHOR));
    }
    if !Status::parse(&p.status).is_some_and(Status::editable) {
        return Err(AppError::forbidden(reason::FROZEN));
    }
    Ok((p, partner))
}

/// `GET /gouvernance/propositions/{id}/modifier`
pub async fn edit(
    State(state): State<AppState>,
    page: Page,
    actor: Actor,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, partner) = editable(&state, &actor, &id).await?;
    let options = proposals::options(&state.db, p.id).await?;
    render_form(
        &state,
        &page,
        Some(p.id),
        Status::parse(&p.status).unwrap_or(Status::Draft),
        &partner,
        DraftForm::of(&p, &options),
        FieldErrors::new(),
        false,
        StatusCode::OK,
    )
    .await
}

/// `POST /gouvernance/propositions/{id}/modifier`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(mut form): CsrfForm<DraftForm>,
) -> AppResult<Response> {
    let (p, partner) = editable(&state, &actor, &id).await?;
    form = form.normalized();
    // The kind is the proposal's; only its text and options change.
    form.kind = p.kind.clone();
    let current = versions::current(&state.db).await?;
    let items = roadmap(&state).await?;
    let preview = form.action == "preview";
    match form.parse(&current.charter, &current.row.document, &items) {
        Ok(draft) if !preview => {
            proposals::update(&state.db, p.id, &draft).await?;
            flash(&session, "success", "proposal-saved").await?;
            Ok(Redirect::to(&format!("/gouvernance/propositions/{}", p.id)).into_response())
        }
        outcome => {
            let errors = if preview {
                FieldErrors::new()
            } else {
                outcome.err().unwrap_or_default()
            };
            let status = if errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render_form(
                &state,
                &page,
                Some(p.id),
                Status::parse(&p.status).unwrap_or(Status::Draft),
                &partner,
                form,
                errors,
                preview,
                status,
            )
            .await
        }
    }
}

/// `POST /gouvernance/propositions/{id}/soumettre`
pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    let (p, _) = editable(&state, &actor, &id).await?;
    proposals::submit(&state.db, p.id, actor.user.id).await?;
    flash(&session, "success", "proposal-sent-to-deliberation").await?;
    Ok(Redirect::to(&format!("/gouvernance/propositions/{}", p.id)).into_response())
}

/// `POST /gouvernance/propositions/{id}/supprimer`: a draft only (once submitted, a
/// proposal is part of the collective's record).
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<crate::web::forms::NoFields>,
) -> AppResult<Response> {
    let (p, _) = editable(&state, &actor, &id).await?;
    let deleted = crate::entities::proposal::Entity::delete_many()
        .filter(crate::entities::proposal::Column::Id.eq(p.id))
        .filter(crate::entities::proposal::Column::Status.eq(Status::Draft.as_str()))
        .exec(&state.db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::forbidden("proposal-not-draft"));
    }
    flash(&session, "success", "proposal-deleted").await?;
    Ok(Redirect::to("/gouvernance").into_response())
}

/// `POST /gouvernance/propositions/{id}/commentaires`
pub async fn comment(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    actor: Actor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> AppResult<Response> {
    let p = pages::visible_proposal(&state, &id, Some(&actor)).await?;
    if !matches!(
        Status::parse(&p.status),
        Some(Status::Deliberation | Status::Voting)
    ) {
        return Err(AppError::forbidden(reason::CANNOT_COMMENT));
    }
    let partner_id = match form.partner.as_str() {
        "" => None,
        slug => Some(
            actor
                .commenting_partners()
                .into_iter()
                .find(|x| x.slug == slug)
                .map(|x| x.id)
                .ok_or_else(|| AppError::forbidden(reason::CANNOT_COMMENT))?,
        ),
    };
    // Members speak for a partner; only a coordinator without one may speak alone.
    let partner_id = match (partner_id, actor.commenting_partners().first()) {
        (None, Some(first)) => Some(first.id),
        (chosen, _) => chosen,
    };
    let partner_id = actor.require_commenter(partner_id)?;
    let mut errors = FieldErrors::new();
    let body = check_length(&mut errors, "body", &form.body, 1, 20_000);
    let parent = match form.parent.as_str() {
        "" => None,
        raw => {
            let parent = raw.parse::<i64>().ok();
            let found = match parent {
                Some(pid) => proposal_comment::Entity::find_by_id(pid)
                    .one(&state.db)
                    .await?
                    .filter(|c| c.proposal_id == p.id),
                None => None,
            };
            if found.is_none() {
                errors.insert("parent".into(), vec!["comment-parent-invalid".into()]);
            }
            found.map(|c| c.id)
        }
    };
    if !errors.is_empty() {
        return pages::render_proposal(
            &state,
            &page,
            Some(&actor),
            &p,
            Extras {
                comment_form: form,
                comment_errors: errors,
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    proposal_comment::Entity::insert(proposal_comment::ActiveModel {
        proposal_id: Set(p.id),
        parent_id: Set(parent),
        author_id: Set(Some(actor.user.id)),
        partner_id: Set(partner_id),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec_without_returning(&state.db)
    .await?;
    flash(&session, "success", "comment-posted").await?;
    Ok(Redirect::to(&format!("/gouvernance/propositions/{}#deliberation", p.id)).into_response())
}
