//! A request's page (`/courtage/demandes/{id}`): everyone sees a published, filled,
//! closed or expired request; its organisation (and coordinators, to review) also sees
//! drafts and requests taken off the board. It shows how to answer, the answer form
//! for signed-in people, and its organisation's actions. Job offers carry schema.org
//! `JobPosting` JSON-LD.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::Serialize;

use super::answer::{AnswerForm, MAX_FILES};
use super::model::{AnswerMode, Contract, PayPeriod, Reach, Status};
use super::views::{self, RequestCard, place_label, show_date};
use crate::accounts::session::CurrentUser;
use crate::entities::{board_answer, board_request, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::projects::service::project_path;
use crate::state::AppState;
use crate::taxonomy::{Term, Terms};
use crate::web::{Lang, Page};

#[derive(Serialize)]
struct ProjectLink {
    title: String,
    url: String,
}

/// The person's own answer, when they sent one.
#[derive(Serialize)]
struct OwnAnswer {
    status: String,
    sent: String,
}

#[derive(Serialize)]
struct ShowView {
    card: RequestCard,
    description_html: String,
    publics: Vec<Term>,
    projects: Vec<ProjectLink>,
    workload: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    answer_mode: String,
    answer_url: Option<String>,
    answer_email: Option<String>,
    open: bool,
    signed_in: bool,
    manages: bool,
    /// A coordinator who does not belong to the organisation.
    moderates: bool,
    own_answer: Option<OwnAnswer>,
    answers: u64,
    new_answers: u64,
    form: AnswerForm,
    errors: FieldErrors,
    max_files: usize,
    json_ld: Option<String>,
    moderation_reason: Option<String>,
    /// Published expertise profiles that match, with why.
    profiles: Vec<super::matching::ProfileCard>,
}

/// `GET /courtage/demandes/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let request = super::service::find(&state.db, id).await?;
    let me = me.map(|CurrentUser(u)| u);
    render(
        &state,
        &page,
        me.as_ref(),
        &request,
        AnswerForm::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// The page, with the answer form as given (after a failed answer).
pub async fn render(
    state: &AppState,
    page: &Page,
    me: Option<&user::Model>,
    request: &board_request::Model,
    form: AnswerForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let lang = page.lang();
    let manages = match me {
        Some(me) => super::access::manages(&state.db, request, me).await?,
        None => false,
    };
    let moderates = !manages && me.is_some_and(|m| m.is_coordinator);
    let public = Status::parse(&request.status).is_some_and(Status::is_public);
    if !public && !manages && !moderates {
        return Err(AppError::not_found("board-request"));
    }
    let terms = Terms::load(&state.db).await?;
    let card = views::cards(&state.db, std::slice::from_ref(request), &terms, lang)
        .await?
        .remove(0);
    let codes = views::terms_of(&state.db, &[request.id])
        .await?
        .remove(&request.id)
        .unwrap_or_default();
    let projects = views::projects_of(&state.db, &[request.id])
        .await?
        .remove(&request.id)
        .unwrap_or_default();
    let own_answer = match me {
        Some(me) => board_answer::Entity::find()
            .filter(board_answer::Column::RequestId.eq(request.id))
            .filter(board_answer::Column::UserId.eq(me.id))
            .one(&state.db)
            .await?
            .map(|a| OwnAnswer {
                status: a.status,
                sent: show_date(a.created_at.date_naive(), lang),
            }),
        None => None,
    };
    let (answers, new_answers) = if manages {
        let visible = board_answer::Entity::find()
            .filter(board_answer::Column::RequestId.eq(request.id))
            .filter(board_answer::Column::Held.eq(false))
            .filter(board_answer::Column::HiddenAt.is_null());
        (
            visible.clone().count(&state.db).await?,
            visible
                .filter(board_answer::Column::Status.eq("new"))
                .count(&state.db)
                .await?,
        )
    } else {
        (0, 0)
    };
    let json_ld = (views::is_job(request) && public)
        .then(|| job_posting(state, request, &card, lang))
        .map(|value| crate::web::script_json(&value))
        .transpose()
        .map_err(|e| AppError::Internal(e.into()))?;
    let profiles = if public {
        super::matching::profiles_for(&state.db, request, &codes, &terms, lang).await?
    } else {
        Vec::new()
    };
    let view = ShowView {
        profiles,
        description_html: request.description_html.clone(),
        publics: codes
            .iter()
            .filter_map(|c| terms.get(c, lang))
            .filter(|t| t.vocabulary == "public")
            .collect(),
        projects: projects
            .into_iter()
            .map(|p| ProjectLink {
                url: project_path(p.id, &p.slug),
                title: p.title,
            })
            .collect(),
        workload: request.workload.clone(),
        starts_on: request.starts_on.map(|d| show_date(d, lang)),
        ends_on: request.ends_on.map(|d| show_date(d, lang)),
        answer_mode: request.answer_mode.clone(),
        answer_url: request.answer_url.clone(),
        answer_email: request.answer_email.clone(),
        open: views::is_open(request),
        signed_in: me.is_some(),
        manages,
        moderates,
        own_answer,
        answers,
        new_answers,
        form,
        errors,
        max_files: MAX_FILES,
        json_ld,
        moderation_reason: request.moderation_reason.clone(),
        card,
    };
    page.render_with_status(status, "board/show.html", &view)
}

/// schema.org `JobPosting` of a job offer, with the properties job search engines
/// require (title, description, datePosted, validThrough, hiringOrganization,
/// jobLocation or remote work) and the employment type and salary when known.
fn job_posting(
    state: &AppState,
    request: &board_request::Model,
    card: &RequestCard,
    lang: Lang,
) -> serde_json::Value {
    use serde_json::json;
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let mut posting = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": request.title,
        "description": request.description_html,
        "identifier": {"@type": "PropertyValue", "name": "Carrefour", "value": request.id.to_string()},
        "datePosted": request.published_at.unwrap_or(request.created_at).date_naive().to_string(),
        "validThrough": format!("{}T23:59:59+00:00", request.deadline),
        "hiringOrganization": {"@type": "Organization", "name": request.organisation},
        "url": format!("{public_url}{}", card.url),
        "directApply": request.answer_mode == AnswerMode::Carrefour.as_str(),
    });
    if let Some(contract) = request.contract.as_deref().and_then(Contract::parse) {
        posting["employmentType"] = json!(contract.employment_type());
    }
    let index = crate::geo::communes::index();
    let address = match Reach::parse(&request.territory) {
        Some(Reach::Remote) => None,
        _ => {
            let commune = request
                .commune_insee
                .as_deref()
                .and_then(|i| index.commune(i));
            let region = views::region_name(request.region_code.as_deref());
            Some(json!({
                "@type": "PostalAddress",
                "addressLocality": commune.map(|c| c.name).unwrap_or_default(),
                "postalCode": commune.and_then(|c| c.postcodes.first().copied()).unwrap_or_default(),
                "addressRegion": region.unwrap_or_else(|| place_label(request, lang)),
                "addressCountry": "FR",
            }))
        }
    };
    match address {
        Some(address) => posting["jobLocation"] = json!({"@type": "Place", "address": address}),
        None => {
            posting["jobLocationType"] = json!("TELECOMMUTE");
            posting["applicantLocationRequirements"] = json!({"@type": "Country", "name": "FR"});
        }
    }
    if let Some(period) = request.pay_period.as_deref().and_then(PayPeriod::parse) {
        let mut value = json!({"@type": "QuantitativeValue", "unitText": period.unit_text()});
        if let Some(min) = request.pay_min {
            value["minValue"] = json!(min);
        }
        if let Some(max) = request.pay_max {
            value["maxValue"] = json!(max);
        }
        posting["baseSalary"] =
            json!({"@type": "MonetaryAmount", "currency": "EUR", "value": value});
    }
    posting
}
