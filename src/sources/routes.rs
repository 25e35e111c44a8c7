//! `/p/{partner}/sources…`: a partner's editors and admins declare and change sources.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::service::{self, SourceForm};
use crate::entities::source;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
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
    page.render(
        "sources/form.html",
        &form_view(&acting, Some(found), form, FieldErrors::new(), None),
    )
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
    source::Entity::delete_by_id(found.id)
        .exec(&state.db)
        .await?;
    flash(&session, "success", "source-deleted").await?;
    Ok(Redirect::to(&format!("/p/{}/sources", acting.partner.slug)).into_response())
}
