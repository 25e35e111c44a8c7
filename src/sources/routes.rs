//! `/p/{partner}/sources…`: a partner's editors and admins declare and change sources.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::form::{self, PostedSource, Problems, SourceForm};
use super::service::{self, Upload};
use crate::crawler::problem::Problem;
use crate::entities::{crawl_error, crawl_run, source};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Lang, Page, flash};

#[derive(Serialize)]
struct SourceRow {
    id: i64,
    name: String,
    kind: String,
    enabled: bool,
    interval_hours: i32,
    next_run_at: Option<DateTime<Utc>>,
    warning: Option<String>,
    /// Name of the uploaded CSV file, if the source keeps one.
    upload_name: Option<String>,
    /// Status and end of the latest run (`running` while one is under way).
    last_status: Option<String>,
    last_finished_at: Option<DateTime<Utc>>,
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
            upload_name: s.upload_file_id.and(s.upload_name),
            last_status: None,
            last_finished_at: None,
        }
    }
}

/// The latest run of each source (two queries, whatever the number of sources).
async fn latest_runs(
    state: &AppState,
    source_ids: Vec<i64>,
) -> AppResult<std::collections::HashMap<i64, crawl_run::Model>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let ids: Vec<i64> = crawl_run::Entity::find()
        .select_only()
        .column_as(crawl_run::Column::Id.max(), "id")
        .filter(crawl_run::Column::SourceId.is_in(source_ids))
        .group_by(crawl_run::Column::SourceId)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(crawl_run::Entity::find()
        .filter(crawl_run::Column::Id.is_in(ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.source_id, r))
        .collect())
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
    let models = service::list(&state.db, acting.partner.id).await?;
    let latest = latest_runs(&state, models.iter().map(|m| m.id).collect()).await?;
    let sources = models
        .into_iter()
        .map(|model| {
            let run = latest.get(&model.id);
            let mut row = SourceRow::from(model);
            row.last_status = run.map(|r| r.status.clone());
            row.last_finished_at = run.and_then(|r| r.finished_at);
            row
        })
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
    /// The parsers' own words about what they refused, by input key.
    details: std::collections::BTreeMap<String, String>,
    choices: Choices,
    /// A CSV file was chosen but refused (too large): it must be chosen again.
    file_again: bool,
    /// A CSV file chosen earlier in this form, kept until it is saved.
    kept_file: Option<String>,
    max_upload_mb: usize,
    can_manage: bool,
    runs: Vec<RunRow>,
    /// The URLs the latest run could not read (the first ones).
    crawl_errors: Vec<CrawlErrorRow>,
    /// How many errors the latest run has in all.
    crawl_error_count: u64,
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

impl RunRow {
    fn new(r: crawl_run::Model, lang: Lang) -> Self {
        let failure = r.failure.as_deref().map(|text| {
            Problem::stored_text(
                lang,
                r.failure_code.as_deref(),
                r.failure_args.as_deref(),
                text,
            )
        });
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
            failure,
        }
    }
}

#[derive(Serialize)]
struct CrawlErrorRow {
    url: String,
    message: String,
}

/// Errors of a run shown on the source's page; all of them are in the CSV download.
const ERRORS_SHOWN: u64 = 100;

/// The latest runs of a source, the errors and fill rates of the newest one.
#[derive(Default)]
struct History {
    runs: Vec<RunRow>,
    errors: Vec<CrawlErrorRow>,
    /// Errors of the newest run in all.
    error_count: u64,
    fill_rates: Vec<(String, u32)>,
}

fn error_row(e: crawl_error::Model, lang: Lang) -> CrawlErrorRow {
    CrawlErrorRow {
        message: Problem::stored_text(lang, e.code.as_deref(), e.args.as_deref(), &e.message),
        url: e.url,
    }
}

async fn history(state: &AppState, source_id: i64, lang: Lang) -> AppResult<History> {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let runs = crawl_run::Entity::find()
        .filter(crawl_run::Column::SourceId.eq(source_id))
        .order_by_desc(crawl_run::Column::Id)
        .limit(10)
        .all(&state.db)
        .await?;
    let Some(latest) = runs.first().cloned() else {
        return Ok(History::default());
    };
    let of_latest = crawl_error::Entity::find().filter(crawl_error::Column::RunId.eq(latest.id));
    let error_count = of_latest.clone().count(&state.db).await?;
    let errors = of_latest
        .order_by_asc(crawl_error::Column::Id)
        .limit(ERRORS_SHOWN)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|e| error_row(e, lang))
        .collect();
    let rates: std::collections::BTreeMap<String, f64> =
        serde_json::from_str(&latest.fill_rates).unwrap_or_default();
    let fill_rates = rates
        .into_iter()
        .map(|(field, rate)| (field, (rate * 100.0).round() as u32))
        .collect();
    Ok(History {
        runs: runs.into_iter().map(|r| RunRow::new(r, lang)).collect(),
        errors,
        error_count,
        fill_rates,
    })
}

/// `GET /p/{partner}/sources/{id}/erreurs.csv`: every error of the latest run.
pub async fn errors_csv(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    acting.require(Action::ViewSources)?;
    let found = load(&state, &acting, id).await?;
    let latest = crawl_run::Entity::find()
        .filter(crawl_run::Column::SourceId.eq(found.id))
        .order_by_desc(crawl_run::Column::Id)
        .one(&state.db)
        .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let lang = page.lang();
    let write = |out: &mut csv::Writer<Vec<u8>>, cells: [&str; 2]| {
        out.write_record(cells)
            .map_err(|e| AppError::Internal(e.into()))
    };
    write(
        &mut out,
        [
            &lang.t("runs-errors-col-url"),
            &lang.t("runs-errors-col-message"),
        ],
    )?;
    if let Some(run) = latest {
        let errors = crawl_error::Entity::find()
            .filter(crawl_error::Column::RunId.eq(run.id))
            .order_by_asc(crawl_error::Column::Id)
            .all(&state.db)
            .await?;
        for e in errors {
            let row = error_row(e, lang);
            write(&mut out, [&row.url, &row.message])?;
        }
    }
    let body = out
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let name = format!("attachment; filename=\"erreurs-source-{}.csv\"", found.id);
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

/// A select's option: its value and the message key of its label (or the value itself
/// when it is not one of those offered, e.g. a separator typed in an import file).
#[derive(Serialize)]
struct Choice {
    value: String,
    label_key: String,
    literal: bool,
}

impl Choice {
    fn list(values: &[&str], key_prefix: &str, current: &str) -> Vec<Choice> {
        let mut choices: Vec<Choice> = values
            .iter()
            .map(|v| Choice {
                value: (*v).to_owned(),
                label_key: choice_key(key_prefix, v),
                literal: false,
            })
            .collect();
        if !values.contains(&current) {
            choices.push(Choice {
                value: current.to_owned(),
                label_key: String::new(),
                literal: true,
            });
        }
        choices
    }
}

/// The label key of a select's value (`auto` for the empty value).
fn choice_key(prefix: &str, value: &str) -> String {
    let value = match value {
        "" => "auto",
        "," => "comma",
        ";" => "semicolon",
        "|" => "bar",
        other => other,
    };
    format!("{prefix}{value}")
}

/// The options of the form's selects.
#[derive(Serialize)]
struct Choices {
    kinds: Vec<Choice>,
    standard_fields: &'static [&'static str],
    field_types: Vec<Choice>,
    list_modes: Vec<Choice>,
    date_formats: Vec<Choice>,
    next_by: Vec<Choice>,
    json_page_by: Vec<Choice>,
    csv_separators: Vec<Choice>,
    csv_encodings: Vec<Choice>,
}

/// Values of the select offering how list pages chain.
const NEXT_BY: &[&str] = &["none", "link", "query_param", "path_pattern"];
/// Values of the select offering how a JSON API pages.
const JSON_PAGE_BY: &[&str] = &["none", "page_param", "next_link"];

impl Choices {
    fn for_form(form: &SourceForm) -> Self {
        Self {
            kinds: Choice::list(form::KINDS, "source-kind-", form::KINDS[0]),
            standard_fields: super::config::STANDARD_FIELDS,
            field_types: Choice::list(form::FIELD_TYPES, "source-type-", "text"),
            list_modes: Choice::list(form::LIST_MODES, "source-list-mode-", ""),
            date_formats: Choice::list(form::DATE_FORMATS, "source-date-format-", ""),
            next_by: Choice::list(NEXT_BY, "source-next-by-", "none"),
            json_page_by: Choice::list(JSON_PAGE_BY, "source-json-page-by-", "none"),
            csv_separators: Choice::list(
                form::CSV_SEPARATORS,
                "source-csv-separator-",
                &form.csv.separator,
            ),
            csv_encodings: Choice::list(
                form::CSV_ENCODINGS,
                "source-csv-encoding-",
                &form.csv.encoding,
            ),
        }
    }
}

fn form_view(
    acting: &ActingPartner,
    source: Option<source::Model>,
    form: SourceForm,
    problems: Problems,
) -> FormView {
    FormView {
        space: SpaceHeader::of(acting),
        source: source.map(SourceRow::from),
        choices: Choices::for_form(&form),
        form,
        errors: problems.errors,
        details: problems.details,
        file_again: false,
        kept_file: None,
        max_upload_mb: super::uploads::MAX_UPLOAD_BYTES / (1024 * 1024),
        can_manage: acting.can(Action::ManageSources),
        runs: Vec::new(),
        crawl_errors: Vec::new(),
        crawl_error_count: 0,
        fill_rates: Vec::new(),
        preview: None,
    }
}

/// `GET /p/{partner}/sources/nouvelle`
pub async fn new(page: Page, acting: ActingPartner) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let view = form_view(&acting, None, SourceForm::default(), Problems::default());
    page.render("sources/form.html", &view)
}

/// What the submission brings about the CSV file, for `validate` (`kept`: a file chosen
/// earlier in this form is pending).
fn upload_of(existing: Option<&source::Model>, posted: &PostedSource, kept: bool) -> Upload {
    Upload {
        stored: existing.is_some_and(|s| s.upload_file_id.is_some()),
        posted: posted.file.is_some() || posted.file_too_large || kept,
    }
}

/// A file posted with a form that is shown again (tested, refused, more rows) is kept as
/// the session's pending file; otherwise the one kept earlier, if any.
async fn keep_file(
    state: &AppState,
    session: &Session,
    acting: &ActingPartner,
    posted: &mut PostedSource,
) -> AppResult<Option<super::uploads::PendingFile>> {
    match posted.file.take() {
        Some(file) => Ok(Some(
            super::uploads::stash(
                &state.db,
                session,
                acting.partner.id,
                &file.name,
                file.bytes,
            )
            .await?,
        )),
        None => super::uploads::pending(session, acting.partner.id).await,
    }
}

/// Validates like saving; a file too large is refused next to the file input.
fn check(
    existing: Option<&source::Model>,
    posted: &PostedSource,
    kept: bool,
) -> Result<service::ValidSource, Problems> {
    let checked = service::validate(&posted.form, upload_of(existing, posted, kept));
    if !posted.file_too_large {
        return checked;
    }
    let mut problems = checked.err().unwrap_or_default();
    problems.error("csv_file", "source-csv-too-large");
    Err(problems)
}

/// The form again as typed, with 3 more blank rows in the tables of its kind.
fn more_rows(
    page: &Page,
    acting: &ActingPartner,
    existing: Option<source::Model>,
    posted: PostedSource,
    kept: Option<super::uploads::PendingFile>,
) -> AppResult<Response> {
    let PostedSource {
        mut form,
        file_too_large,
        ..
    } = posted;
    let kind = form.kind.clone();
    form.add_blank_rows(Some(&kind));
    let mut view = form_view(acting, existing, form, Problems::default());
    view.file_again = file_too_large;
    view.kept_file = kept.map(|k| k.name);
    page.render("sources/form.html", &view)
}

/// Validates and stores (with the CSV file posted, if any); on error shows the form
/// again with everything typed.
async fn store(
    state: &AppState,
    page: &Page,
    session: &Session,
    acting: &ActingPartner,
    existing: Option<source::Model>,
    mut posted: PostedSource,
) -> AppResult<Response> {
    if posted.form.action == "more-rows" {
        let kept = keep_file(state, session, acting, &mut posted).await?;
        return more_rows(page, acting, existing, posted, kept);
    }
    let kept = match posted.file {
        Some(_) => None,
        None => super::uploads::pending(session, acting.partner.id).await?,
    };
    let valid = match check(existing.as_ref(), &posted, kept.is_some()) {
        Ok(valid) => valid,
        Err(problems) => {
            let kept = keep_file(state, session, acting, &mut posted).await?;
            let mut view = form_view(acting, existing, posted.form, problems);
            view.file_again = posted.file_too_large;
            view.kept_file = kept.map(|k| k.name);
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "sources/form.html",
                &view,
            );
        }
    };
    let is_csv = matches!(valid.config, super::config::SourceConfig::Csv(_));
    let saved = service::save(
        &state.db,
        acting.partner.id,
        existing.as_ref(),
        valid,
        Some(acting.user.id),
    )
    .await?;
    match saved {
        Ok(model) => {
            match (posted.file.filter(|_| is_csv), kept.filter(|_| is_csv)) {
                (Some(file), _) => {
                    super::uploads::attach(&state.db, &model, &file.name, file.bytes).await?;
                    super::uploads::discard(&state.db, session).await?;
                }
                (None, Some(kept)) => {
                    super::uploads::adopt(&state.db, session, &model, &kept).await?;
                }
                (None, None) => {}
            }
            flash(session, "success", "source-saved").await?;
            Ok(
                Redirect::to(&format!("/p/{}/sources/{}", acting.partner.slug, model.id))
                    .into_response(),
            )
        }
        Err(()) => {
            let mut problems = Problems::default();
            problems.error("name", "source-name-taken");
            let kept = keep_file(state, session, acting, &mut posted).await?;
            let mut view = form_view(acting, existing, posted.form, problems);
            view.kept_file = kept.map(|k| k.name);
            page.render_with_status(StatusCode::UNPROCESSABLE_ENTITY, "sources/form.html", &view)
        }
    }
}

/// `POST /p/{partner}/sources/nouvelle` (urlencoded, or multipart with a CSV file)
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    posted: PostedSource,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    store(&state, &page, &session, &acting, None, posted).await
}

/// `POST /p/{partner}/sources/essai`: validates like saving, stores nothing, and shows
/// below the form what the configuration reads on the site.
pub async fn preview(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    mut posted: PostedSource,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let existing = match posted
        .form
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
    let kept = keep_file(&state, &session, &acting, &mut posted).await?;
    if posted.form.action == "more-rows" {
        return more_rows(&page, &acting, existing, posted, kept);
    }
    let file_again = posted.file_too_large;
    let valid = match check(existing.as_ref(), &posted, kept.is_some()) {
        Ok(valid) => valid,
        Err(problems) => {
            let mut view = form_view(&acting, existing, posted.form, problems);
            view.file_again = file_again;
            view.kept_file = kept.map(|k| k.name);
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "sources/form.html",
                &view,
            );
        }
    };
    let csv_file = match (&kept, &existing) {
        (Some(kept), _) => super::uploads::pending_bytes(&state.db, kept).await?,
        (None, Some(stored)) => super::uploads::load(&state.db, stored).await?,
        (None, None) => None,
    };
    let found = super::preview::run(&state.fetcher, &valid, csv_file, page.lang()).await;
    let mut view = form_view(&acting, existing, posted.form, Problems::default());
    view.file_again = file_again;
    view.kept_file = kept.map(|k| k.name);
    view.preview = Some(found);
    page.render("sources/form.html", &view)
}

/// The partner's source `id` (404 for another partner's).
pub(super) async fn load(
    state: &AppState,
    acting: &ActingPartner,
    id: i64,
) -> AppResult<source::Model> {
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
    let history = history(&state, found.id, page.lang()).await?;
    let mut view = form_view(&acting, Some(found), form, Problems::default());
    view.runs = history.runs;
    view.crawl_errors = history.errors;
    view.crawl_error_count = history.error_count;
    view.fill_rates = history.fill_rates;
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

/// `POST /p/{partner}/sources/{id}` (urlencoded, or multipart with a CSV file)
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    posted: PostedSource,
) -> AppResult<Response> {
    acting.require(Action::ManageSources)?;
    let found = load(&state, &acting, id).await?;
    store(&state, &page, &session, &acting, Some(found), posted).await
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
    let txn = crate::db::begin_write(&state.db).await?;
    crate::consolidation::service::source_removed(&txn, found.id)
        .await
        .map_err(AppError::Internal)?;
    txn.commit().await?;
    super::uploads::remove(&state.db, &found).await?;
    source::Entity::delete_by_id(found.id)
        .exec(&state.db)
        .await?;
    flash(&session, "success", "source-deleted").await?;
    Ok(Redirect::to(&format!("/p/{}/sources", acting.partner.slug)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::{LOCALES, Lang};
    use fluent_templates::Loader;

    /// The labels of the selects are built from prefixes: each exists in both languages.
    #[test]
    fn every_choice_has_a_label() {
        let choices = Choices::for_form(&SourceForm::default());
        let all = [
            &choices.kinds,
            &choices.field_types,
            &choices.list_modes,
            &choices.date_formats,
            &choices.next_by,
            &choices.json_page_by,
            &choices.csv_separators,
            &choices.csv_encodings,
        ];
        for lang in Lang::ALL {
            for choice in all.iter().flat_map(|c| c.iter()) {
                assert!(
                    LOCALES.try_lookup(&lang.id(), &choice.label_key).is_some(),
                    "{} ({})",
                    choice.label_key,
                    lang.code()
                );
            }
        }
    }
}
