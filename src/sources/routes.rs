//! `/p/{partner}/sources…`: a partner's editors and admins declare and change sources.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::service::{self, SourceForm};
use crate::entities::{crawl_error, crawl_run, source};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Page, flash};

#[derive(Serialize)]
struct SourceRow {
    id: i64,
    name: String,
    kind: String,
    enabled: bool,
    interval_hours: i32,
    next_run_at: Option<DateTime<Utc>>,
    warning: Option<String>,
}

impl From<source::Model> for SourceRow {
    fn from(s: source::Model) -> Self {
        Self {
            id: s.id,
            name: s.name,
            kind: s.kind,
            enabled: s.enabled,
            interval_hours: s.interval_hours,
            next_run_at: s.next_run_at,
            warning: s.warning,
        }
    }
}

#[derive(Serialize)]
struct ListView {
    space: SpaceHeader,
    sources: Vec<SourceRow>,
}

/// `GET /p/{partner}/sources`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
) -> AppResult<Response> {
    acting.require(Action::ViewSources)?;
    let sources = service::list(&state.db, acting.partner.id)
        .await?
        .into_iter()
        .map(SourceRow::from)
        .collect();
    page.render(
        "sources/list.html",
        &ListView {
            space: SpaceHeader::of(&acting),
            sources,
        },
    )
}

#[derive(Serialize)]
struct FormView {
    space: SpaceHeader,
    /// `None` for a new source.
    source: Option<SourceRow>,
    form: SourceForm,
    errors: FieldErrors,
    /// The parser's own words about a configuration it refused.
    config_detail: Option<String>,
    can_manage: bool,
    runs: Vec<RunRow>,
    /// The URLs the latest run could not read.
    crawl_errors: Vec<CrawlErrorRow>,
    /// Field → percentage of the latest run's items that have it.
    fill_rates: Vec<(String, u32)>,
    /// What "test the configuration" found.
    preview: Option<super::preview::Preview>,
}

#[derive(Serialize)]
struct RunRow {
    id: i64,
    status: String,
    trigger: String,
    queued_at: DateTime<Utc>,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
    duration_secs: Option<i64>,
    pages_fetched: i32,
    pages_unchanged: i32,
    pages_failed: i32,
    items_new: i32,
    items_changed: i32,
    items_unchanged: i32,
    items_gone: i32,
    failure: Option<String>,
}

impl From<crawl_run::Model> for RunRow {
    fn from(r: crawl_run::Model) -> Self {
        Self {
            duration_secs: r
                .started_at
                .zip(r.finished_at)
                .map(|(a, b)| (b - a).num_seconds()),
            id: r.id,
            status: r.status,
            trigger: r.trigger,
            queued_at: r.queued_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
            pages_fetched: r.pages_fetched,
            pages_unchanged: r.pages_unchanged,
            pages_failed: r.pages_failed,
            items_new: r.items_new,
            items_changed: r.items_changed,
            items_unchanged: r.items_unchanged,
            items_gone: r.items_gone,
            failure: r.failure,
        }
    }
}

#[derive(Serialize)]
struct CrawlErrorRow {
    url: String,
    message: String,
}

/// The latest runs of a source, the errors and fill rates of the newest one.
async fn history(
    state: &AppState,
    source_id: i64,
) -> AppResult<(Vec<RunRow>, Vec<CrawlErrorRow>, Vec<(String, u32)>)> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let runs = crawl_run::Entity::find()
        .filter(crawl_run::Column::SourceId.eq(source_id))
        .order_by_desc(crawl_run::Column::Id)
        .limit(10)
        .all(&state.db)
        .await?;
    let Some(latest) = runs.first().cloned() else {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    };
    let errors = crawl_error::Entity::find()
        .filter(crawl_error::Column::RunId.eq(latest.id))
        .order_by_asc(crawl_error::Column::Id)
        .limit(100)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| CrawlErrorRow {
            url: e.url,
            message: e.message,
        })
        .collect();
    let rates: std::collections::BTreeMap<String, f64> =
        serde_json::from_str(&latest.fill_rates).unwrap_or_default();
    let fill_rates = rates
        .into_iter()
        .map(|(field, rate)| (field, (rate * 100.0).round() as u32))
        .collect();
    Ok((
        runs.into_iter().map(RunRow::from).collect(),
        errors,
        fill_rates,
    ))
}

fn form_view(
    acting: &ActingPartner,
    source: Option<source::Model>,
    form: SourceForm,
    errors: FieldErrors,
    config_detail: Option<String>,
) -> FormView {
    FormView {
        space: SpaceHeader::of(acting),
        source: source.map(SourceRow::from),
        form,
        errors,
        config_detail,
        can_manage: acting.can(Action::ManageSources),
        runs: Vec::new(),
        crawl_errors: Vec::new(),
        fill_rates: Vec::new(),
        preview: None,
    }
}

/// `GET /p/{partner}/sources/nouvelle`
pub async fn new(page: Page, acting: ActingPartner) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let view = form_view(
        &acting,
        None,
        SourceForm::default(),
        FieldErrors::new(),
        None,
    );
    page.render("sources/form.html", &view)
}

/// Validates and stores; on error shows the form again with everything typed.
async fn store(
    state: &AppState,
    page: &Page,
    session: &Session,
    acting: &ActingPartner,
    existing: Option<source::Model>,
    form: SourceForm,
) -> AppResult<Response> {
    let invalid = |existing, form, errors, detail| {
        page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "sources/form.html",
            &form_view(acting, existing, form, errors, detail),
        )
    };
    let valid = match service::validate(&form) {
        Ok(valid) => valid,
        Err((errors, detail)) => return invalid(existing, form, errors, detail),
    };
    let saved = service::save(
        &state.db,
        acting.partner.id,
        existing.as_ref(),
        valid,
        acting.user.id,
    )
    .await?;
    match saved {
        Ok(model) => {
            flash(session, "success", "source-saved").await?;
            Ok(
                Redirect::to(&format!("/p/{}/sources/{}", acting.partner.slug, model.id))
                    .into_response(),
            )
        }
        Err(()) => {
            let mut errors = FieldErrors::new();
            errors.insert("name".into(), vec!["source-name-taken".into()]);
            invalid(existing, form, errors, None)
        }
    }
}

/// `POST /p/{partner}/sources/nouvelle`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    CsrfForm(form): CsrfForm<SourceForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    store(&state, &page, &session, &acting, None, form).await
}

/// The source form posted to the preview: the fields, and the source being edited.
#[derive(Deserialize)]
pub struct PreviewForm {
    #[serde(flatten)]
    form: SourceForm,
    #[serde(default)]
    source_id: Option<String>,
}

/// `POST /p/{partner}/sources/essai`: validates like saving, stores nothing, and shows
/// below the form what the configuration reads on the site.
pub async fn preview(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    CsrfForm(posted): CsrfForm<PreviewForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let existing = match posted
        .source_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(raw) => {
            let id = raw
                .parse::<i64>()
                .map_err(|_| AppError::not_found("source"))?;
            Some(load(&state, &acting, id).await?)
        }
        None => None,
    };
    let form = posted.form;
    let valid = match service::validate(&form) {
        Ok(valid) => valid,
        Err((errors, detail)) => {
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "sources/form.html",
                &form_view(&acting, existing, form, errors, detail),
            );
        }
    };
    let found = super::preview::run(&state.fetcher, &valid).await;
    let mut view = form_view(&acting, existing, form, FieldErrors::new(), None);
    view.preview = Some(found);
    page.render("sources/form.html", &view)
}

async fn load(state: &AppState, acting: &ActingPartner, id: i64) -> AppResult<source::Model> {
    service::find(&state.db, acting.partner.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("source"))
}

/// `GET /p/{partner}/sources/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    acting.require(Action::ViewSources)?;
    let found = load(&state, &acting, id).await?;
    let form = SourceForm::from_model(&found);
    let (runs, crawl_errors, fill_rates) = history(&state, found.id).await?;
    let mut view = form_view(&acting, Some(found), form, FieldErrors::new(), None);
    view.runs = runs;
    view.crawl_errors = crawl_errors;
    view.fill_rates = fill_rates;
    page.render("sources/form.html", &view)
}

/// `POST /p/{partner}/sources/{id}/collecter`: queue a crawl now.
pub async fn crawl_now(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let found = load(&state, &acting, id).await?;
    let job = crate::crawler::run::CrawlSource {
        source_id: found.id,
        trigger: "manual".into(),
    };
    let queued = crate::worker::queue::enqueue(&state, &job).await?;
    let key = if found.running_run_id.is_some() || queued.is_none() {
        "source-crawl-already"
    } else {
        "source-crawl-queued"
    };
    flash(&session, "info", key).await?;
    Ok(Redirect::to(&format!("/p/{}/sources/{}", acting.partner.slug, found.id)).into_response())
}

/// `POST /p/{partner}/sources/{id}`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<SourceForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let found = load(&state, &acting, id).await?;
    store(&state, &page, &session, &acting, Some(found), form).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /p/{partner}/sources/{id}/supprimer` (with the `confirm` box ticked).
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let found = load(&state, &acting, id).await?;
    if form.confirm.is_none() {
        flash(&session, "error", "source-delete-unconfirmed").await?;
        return Ok(
            Redirect::to(&format!("/p/{}/sources/{}", acting.partner.slug, found.id))
                .into_response(),
        );
    }
    use sea_orm::EntityTrait;
    super::uploads::remove(&state.db, &found).await?;
    source::Entity::delete_by_id(found.id)
        .exec(&state.db)
        .await?;
    flash(&session, "success", "source-deleted").await?;
    Ok(Redirect::to(&format!("/p/{}/sources", acting.partner.slug)).into_response())
}
