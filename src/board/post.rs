//! Posting and editing a request (`/courtage/nouvelle`, `/courtage/demandes/{id}/modifier`):
//! only signed-in people with a verified address who belong to an active partner or
//! hold a project; within a daily limit; a new request starts as a draft that its
//! organisation publishes (or that waits for a coordinator, see `publish`).
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access::{self, PostingRights};
use super::form::{Choices, OnBehalf, RequestForm};
use super::model::{Contract, Kind, PayPeriod, Reach, Status};
use super::service;
use super::views::request_path;
use crate::accounts::rate_limit;
use crate::accounts::session::CurrentUser;
use crate::entities::{board_request, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{CsrfForm, Lang, Page, flash};

/// A choice of a select or a list of boxes.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// 1 for a sub-theme.
    pub depth: u8,
}

#[derive(Serialize)]
struct FormView {
    /// `new` or `edit`.
    mode: &'static str,
    action: String,
    request_id: Option<i64>,
    /// Why the person cannot post (a locale key).
    refused: Option<&'static str>,
    form: RequestForm,
    errors: FieldErrors,
    kinds: Vec<&'static str>,
    contracts: Vec<&'static str>,
    pay_periods: Vec<&'static str>,
    reaches: Vec<&'static str>,
    on_behalf: Vec<Choice>,
    departments: Vec<Choice>,
    regions: Vec<Choice>,
    themes: Vec<Choice>,
    publics: Vec<Choice>,
}

fn term_choices(terms: &Terms, vocabulary: &str, lang: Lang) -> Vec<Choice> {
    terms
        .tree(vocabulary, lang)
        .into_iter()
        .map(|(t, depth)| Choice {
            value: t.code,
            label: t.label,
            depth,
        })
        .collect()
}

fn behalf_choices(rights: &PostingRights, lang: Lang) -> Vec<Choice> {
    let partners = rights.partners.iter().map(|p| Choice {
        value: OnBehalf::Partner(p.id).code(),
        label: p.name.clone(),
        depth: 0,
    });
    let projects = rights.projects.iter().map(|p| Choice {
        value: OnBehalf::Project(p.id).code(),
        label: crate::web::i18n::Lang::t_args(
            lang,
            "board-on-behalf-project",
            &[("project", p.title.clone().into())],
        ),
        depth: 0,
    });
    partners.chain(projects).collect()
}

async fn view(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    rights: &PostingRights,
    existing: Option<&board_request::Model>,
    form: RequestForm,
    errors: FieldErrors,
) -> AppResult<FormView> {
    let lang = page.lang();
    let terms = Terms::load(&state.db).await?;
    let index = crate::geo::communes::index();
    let refused = if me.verified_at.is_none() {
        Some("board-verify-first")
    } else if rights.is_empty() {
        Some("board-no-right-to-post")
    } else {
        None
    };
    Ok(FormView {
        mode: if existing.is_some() { "edit" } else { "new" },
        action: match existing {
            Some(r) => format!("{}/modifier", request_path(r.id)),
            None => "/courtage/nouvelle".into(),
        },
        request_id: existing.map(|r| r.id),
        refused,
        form,
        errors,
        kinds: Kind::codes(),
        contracts: Contract::codes(),
        pay_periods: PayPeriod::codes(),
        reaches: Reach::codes(),
        on_behalf: behalf_choices(rights, lang),
        departments: index
            .departments
            .iter()
            .map(|d| Choice {
                value: d.code.into(),
                label: format!("{} – {}", d.code, d.name),
                depth: 0,
            })
            .collect(),
        regions: crate::geo::communes::regions()
            .into_iter()
            .map(|(code, name)| Choice {
                value: code.into(),
                label: name.into(),
                depth: 0,
            })
            .collect(),
        themes: term_choices(&terms, "theme", lang),
        publics: term_choices(&terms, "public", lang),
    })
}

/// One mistake on one field.
pub fn one_error(field: &str, key: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.insert(field.into(), vec![key.into()]);
    errors
}

/// `?projet={id}` prefills the project (the link of a project page).
#[derive(Debug, Default, Deserialize)]
pub struct Prefill {
    projet: Option<i64>,
    genre: Option<String>,
}

/// `GET /courtage/nouvelle`
pub async fn new_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Query(prefill): Query<Prefill>,
) -> AppResult<Response> {
    let rights = access::posting_rights(&state.db, &me).await?;
    let mut form = RequestForm {
        answer_mode: "carrefour".into(),
        kind: prefill.genre.unwrap_or_default(),
        ..Default::default()
    };
    if let Some(id) = prefill.projet {
        form.projects = id.to_string();
        if rights.projects.iter().any(|p| p.id == id) {
            form.on_behalf = OnBehalf::Project(id).code();
        }
    }
    if form.on_behalf.is_empty() && rights.projects.is_empty() && rights.partners.len() == 1 {
        form.on_behalf = OnBehalf::Partner(rights.partners[0].id).code();
    }
    let v = view(&state, &page, &me, &rights, None, form, FieldErrors::new()).await?;
    page.render("board/form.html", &v)
}

/// The form checked against what the poster may choose; the projects it names.
async fn parse(
    state: &AppState,
    rights: &PostingRights,
    form: &RequestForm,
) -> AppResult<Result<(super::form::RequestInput, Vec<i64>), FieldErrors>> {
    let terms = Terms::load(&state.db).await?;
    let codes = |vocabulary: &str| {
        terms
            .tree(vocabulary, Lang::Fr)
            .into_iter()
            .map(|(t, _)| t.code)
            .collect::<Vec<_>>()
    };
    let held: Vec<i64> = rights.projects.iter().map(|p| p.id).collect();
    let choices = Choices {
        partners: rights.partners.iter().map(|p| p.id).collect(),
        held_projects: held.clone(),
        themes: codes("theme"),
        publics: codes("public"),
        today: state.clock.now().date_naive(),
    };
    let input = match form.parse(&choices) {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    match service::check_projects(&state.db, &input, &held).await? {
        Ok(projects) => Ok(Ok((input, projects))),
        Err(_) => Ok(Err(one_error("projects", "board-project-not-yours"))),
    }
}

/// `POST /courtage/nouvelle`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> AppResult<Response> {
    let rights = access::posting_rights(&state.db, &me).await?;
    if me.verified_at.is_none() || rights.is_empty() {
        let v = view(&state, &page, &me, &rights, None, form, FieldErrors::new()).await?;
        return page.render_with_status(StatusCode::FORBIDDEN, "board/form.html", &v);
    }
    let (input, projects) = match parse(&state, &rights, &form).await? {
        Ok(parsed) => parsed,
        Err(errors) => {
            let v = view(&state, &page, &me, &rights, None, form, errors).await?;
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "board/form.html",
                &v,
            );
        }
    };
    let key = format!("board-post:{}", me.id);
    let limit = state.settings.board.requests_per_day;
    if rate_limit::hit(&state.db, &key, limit, Duration::days(1))
        .await
        .is_err()
    {
        let errors = one_error("form", "board-limit-requests");
        let v = view(&state, &page, &me, &rights, None, form, errors).await?;
        return page.render_with_status(StatusCode::TOO_MANY_REQUESTS, "board/form.html", &v);
    }
    let saved = service::create(&state.db, &me, &input, &projects).await?;
    flash(&session, "success", "board-draft-saved").await?;
    Ok(Redirect::to(&request_path(saved.id)).into_response())
}

/// The request `id` if `me` belongs to its organisation (404 otherwise: drafts are
/// nobody else's business, and a published one is edited by its organisation only).
pub async fn managed(
    state: &AppState,
    me: &user::Model,
    id: i64,
) -> AppResult<board_request::Model> {
    let request = service::find(&state.db, id).await?;
    if access::manages(&state.db, &request, me).await? {
        Ok(request)
    } else if Status::parse(&request.status).is_some_and(Status::is_public) {
        Err(AppError::forbidden("board-not-yours"))
    } else {
        Err(AppError::not_found("board-request"))
    }
}

/// The form of a saved request.
pub async fn form_of(state: &AppState, request: &board_request::Model) -> AppResult<RequestForm> {
    let ids = [request.id];
    let mut terms = super::views::terms_of(&state.db, &ids).await?;
    let mut projects = super::views::projects_of(&state.db, &ids).await?;
    let thesaurus = Terms::load(&state.db).await?;
    let codes = terms.remove(&request.id).unwrap_or_default();
    let (themes, publics): (Vec<String>, Vec<String>) = codes
        .into_iter()
        .partition(|c| thesaurus.row(c).is_some_and(|t| t.vocabulary == "theme"));
    let on_behalf = match (request.partner_id, request.holder_project_id) {
        (Some(id), _) => OnBehalf::Partner(id).code(),
        (None, Some(id)) => OnBehalf::Project(id).code(),
        (None, None) => String::new(),
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    Ok(RequestForm {
        kind: request.kind.clone(),
        title: request.title.clone(),
        description: request.description.clone(),
        on_behalf,
        projects: projects
            .remove(&request.id)
            .unwrap_or_default()
            .iter()
            .map(|p| p.id.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        territory: request.territory.clone(),
        commune: text(&request.commune_insee),
        department: text(&request.department_code),
        region: text(&request.region_code),
        themes,
        publics,
        contract: text(&request.contract),
        pay_min: request.pay_min.map(|n| n.to_string()).unwrap_or_default(),
        pay_max: request.pay_max.map(|n| n.to_string()).unwrap_or_default(),
        pay_period: text(&request.pay_period),
        workload: text(&request.workload),
        starts_on: request.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        ends_on: request.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        deadline: request.deadline.to_string(),
        answer_mode: request.answer_mode.clone(),
        answer_url: text(&request.answer_url),
        answer_email: text(&request.answer_email),
        website: String::new(),
    })
}

/// `GET /courtage/demandes/{id}/modifier`
pub async fn edit_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let request = managed(&state, &me, id).await?;
    let rights = access::posting_rights(&state.db, &me).await?;
    let form = form_of(&state, &request).await?;
    let v = view(
        &state,
        &page,
        &me,
        &rights,
        Some(&request),
        form,
        FieldErrors::new(),
    )
    .await?;
    page.render("board/form.html", &v)
}

/// `POST /courtage/demandes/{id}/modifier`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> AppResult<Response> {
    let request = managed(&state, &me, id).await?;
    let rights = access::posting_rights(&state.db, &me).await?;
    let (input, projects) = match parse(&state, &rights, &form).await? {
        Ok(parsed) => parsed,
        Err(errors) => {
            let v = view(&state, &page, &me, &rights, Some(&request), form, errors).await?;
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "board/form.html",
                &v,
            );
        }
    };
    service::update(&state.db, &request, &input, &projects).await?;
    flash(&session, "success", "board-saved").await?;
    Ok(Redirect::to(&request_path(request.id)).into_response())
}
