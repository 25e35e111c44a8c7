//! Proposing a community (`/communautes/proposer`): any signed-in person with a
//! verified address. Coordinators approve proposals (`/communautes/moderation`), unless
//! the hub lets members of active partners create communities directly
//! (`communities.partners_create_directly`). Hosts edit their community.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access;
use super::form::CommunityForm;
use super::list::{Choice, department_choices, region_choices, theme_choices};
use super::model::{Rule, Scope, Status, Visibility};
use super::views::{CommunityCard, cards, community_path};
use crate::accounts::rate_limit;
use crate::accounts::session::{Coordinator, CurrentUser};
use crate::entities::{community, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{CsrfForm, Lang, Page, flash};

/// Proposals a person may make per day.
const PROPOSALS_PER_DAY: i32 = 5;

#[derive(Serialize)]
struct FormView {
    /// `new` or `edit`.
    mode: &'static str,
    action: String,
    slug: Option<String>,
    refused: Option<&'static str>,
    /// A new community goes to the coordinators first.
    needs_approval: bool,
    form: CommunityForm,
    errors: FieldErrors,
    scopes: Vec<&'static str>,
    visibilities: Vec<&'static str>,
    rules: Vec<&'static str>,
    regions: Vec<Choice>,
    departments: Vec<Choice>,
    themes: Vec<Choice>,
}

async fn theme_codes(state: &AppState) -> AppResult<Vec<String>> {
    let terms = Terms::load(&state.db).await?;
    Ok(terms
        .tree("theme", Lang::Fr)
        .into_iter()
        .map(|(t, _)| t.code)
        .collect())
}

/// Whether `me` creates communities without a coordinator's approval.
async fn creates_directly(state: &AppState, me: &user::Model) -> AppResult<bool> {
    if me.is_coordinator {
        return Ok(true);
    }
    if !state.settings.communities.partners_create_directly {
        return Ok(false);
    }
    let rights = crate::board::access::posting_rights(&state.db, me).await?;
    Ok(!rights.partners.is_empty())
}

async fn view(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    existing: Option<&community::Model>,
    form: CommunityForm,
    errors: FieldErrors,
) -> AppResult<FormView> {
    let terms = Terms::load(&state.db).await?;
    Ok(FormView {
        mode: if existing.is_some() { "edit" } else { "new" },
        action: match existing {
            Some(c) => format!("{}/modifier", community_path(&c.slug)),
            None => "/communautes/proposer".into(),
        },
        slug: existing.map(|c| c.slug.clone()),
        refused: me.verified_at.is_none().then_some("community-verify-first"),
        needs_approval: existing.is_none() && !creates_directly(state, me).await?,
        form,
        errors,
        scopes: Scope::codes(),
        visibilities: Visibility::codes(),
        rules: Rule::codes(),
        regions: region_choices(),
        departments: department_choices(),
        themes: theme_choices(&terms, page.lang()),
    })
}

fn render_form(page: &Page, status: StatusCode, v: &FormView) -> AppResult<Response> {
    page.render_with_status(status, "communities/form.html", v)
}

/// `GET /communautes/proposer`
pub async fn new_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let form = CommunityForm {
        visibility: Visibility::Public.as_str().into(),
        membership_rule: Rule::Open.as_str().into(),
        ..Default::default()
    };
    let v = view(&state, &page, &me, None, form, FieldErrors::new()).await?;
    render_form(&page, StatusCode::OK, &v)
}

/// `POST /communautes/proposer`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<CommunityForm>,
) -> AppResult<Response> {
    if me.verified_at.is_none() {
        let v = view(&state, &page, &me, None, form, FieldErrors::new()).await?;
        return render_form(&page, StatusCode::FORBIDDEN, &v);
    }
    let input = match form.parse(&theme_codes(&state).await?) {
        Ok(input) => input,
        Err(errors) => {
            let v = view(&state, &page, &me, None, form, errors).await?;
            return render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    };
    let key = format!("community-propose:{}", me.id);
    if rate_limit::hit(&state.db, &key, PROPOSALS_PER_DAY, Duration::days(1))
        .await
        .is_err()
    {
        let errors = crate::board::post::one_error("form", "community-limit-proposals");
        let v = view(&state, &page, &me, None, form, errors).await?;
        return render_form(&page, StatusCode::TOO_MANY_REQUESTS, &v);
    }
    let status = if creates_directly(&state, &me).await? {
        Status::Active
    } else {
        Status::Proposed
    };
    let saved = super::service::create(&state.db, &me, &input, status).await?;
    let message = match status {
        Status::Active => "community-created",
        _ => "community-proposed",
    };
    flash(&session, "success", message).await?;
    Ok(Redirect::to(&community_path(&saved.slug)).into_response())
}

/// The form of a saved community.
async fn form_of(state: &AppState, c: &community::Model) -> AppResult<CommunityForm> {
    let themes = super::views::themes_of(&state.db, &[c.id])
        .await?
        .remove(&c.id)
        .unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(CommunityForm {
        name: c.name.clone(),
        description: c.description.clone(),
        scope: c.scope.clone(),
        commune: text(&c.commune_insee),
        department: text(&c.department_code),
        region: text(&c.region_code),
        themes,
        visibility: c.visibility.clone(),
        membership_rule: c.membership_rule.clone(),
    })
}

/// `GET /communautes/{slug}/modifier`
pub async fn edit_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, Some(me.clone())).await?;
    access.require_host()?;
    let form = form_of(&state, &access.community).await?;
    let v = view(
        &state,
        &page,
        &me,
        Some(&access.community),
        form,
        FieldErrors::new(),
    )
    .await?;
    render_form(&page, StatusCode::OK, &v)
}

/// `POST /communautes/{slug}/modifier`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<CommunityForm>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, Some(me.clone())).await?;
    access.require_host()?;
    let input = match form.parse(&theme_codes(&state).await?) {
        Ok(input) => input,
        Err(errors) => {
            let v = view(&state, &page, &me, Some(&access.community), form, errors).await?;
            return render_form(&page, StatusCode::UNPROCESSABLE_ENTITY, &v);
        }
    };
    super::service::update(&state.db, &access.community, &input).await?;
    flash(&session, "success", "community-saved").await?;
    Ok(Redirect::to(&community_path(&slug)).into_response())
}

#[derive(Serialize)]
struct QueueView {
    proposals: Vec<Proposal>,
}

#[derive(Serialize)]
struct Proposal {
    card: CommunityCard,
    proposer: String,
    description_html: String,
}

/// `GET /communautes/moderation`: proposals waiting for a coordinator.
pub async fn queue(
    State(state): State<AppState>,
    page: Page,
    Coordinator(_): Coordinator,
) -> AppResult<Response> {
    let rows = community::Entity::find()
        .filter(community::Column::Status.eq(Status::Proposed.as_str()))
        .order_by_asc(community::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let terms = Terms::load(&state.db).await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.proposed_by)))
        .all(&state.db)
        .await?;
    let proposals = cards(&state.db, &rows, &terms, page.lang())
        .await?
        .into_iter()
        .zip(&rows)
        .map(|(card, row)| Proposal {
            card,
            proposer: people
                .iter()
                .find(|p| Some(p.id) == row.proposed_by)
                .map(|p| p.display_name.clone())
                .unwrap_or_default(),
            description_html: row.description_html.clone(),
        })
        .collect();
    page.render("communities/moderation.html", &QueueView { proposals })
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    /// `approve` or `decline`.
    decision: String,
    #[serde(default)]
    reason: String,
}

#[derive(Serialize)]
struct DecisionMail {
    name: String,
    community: String,
    approved: bool,
    /// `yes` or `no`, for the subject's selector.
    outcome: &'static str,
    reason: String,
    link: String,
}

/// `POST /communautes/{slug}/decision` (coordinators)
pub async fn decide(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, Some(me.clone())).await?;
    let to = match form.decision.as_str() {
        "approve" => Status::Active,
        "decline" => Status::Declined,
        _ => return Err(AppError::invalid("decision", "community-decision-invalid")),
    };
    let reason = Some(form.reason.trim().to_owned()).filter(|r| !r.is_empty());
    let decided = super::service::decide(
        &state.db,
        access.community.id,
        to,
        me.id,
        reason.clone(),
        state.clock.now(),
    )
    .await?;
    if !decided {
        return Err(AppError::Conflict("community-already-decided".into()));
    }
    if let Some(proposer_id) = access.community.proposed_by
        && let Some(proposer) = user::Entity::find_by_id(proposer_id).one(&state.db).await?
        && proposer.deleted_at.is_none()
    {
        let lang = Lang::parse(&proposer.preferred_lang).unwrap_or(Lang::Fr);
        let public_url = state.settings.server.public_url.trim_end_matches('/');
        crate::mail::queue(
            &state,
            "community_decided",
            lang,
            &proposer.email,
            None,
            &DecisionMail {
                name: proposer.display_name.clone(),
                community: access.community.name.clone(),
                approved: to == Status::Active,
                outcome: if to == Status::Active { "yes" } else { "no" },
                reason: reason.unwrap_or_default(),
                link: format!("{public_url}{}", community_path(&slug)),
            },
        )
        .await?;
    }
    let message = if to == Status::Active {
        "community-approved"
    } else {
        "community-declined"
    };
    flash(&session, "success", message).await?;
    Ok(Redirect::to("/communautes/moderation").into_response())
}
