//! `/projets/{id}/porteur`: a project's holders correct its public summary, description
//! and web site, and choose whether they can be contacted. What they write is shown
//! instead of the partners' values, which stay as they are (in the listings and the
//! provenance) and come back if the holders empty a field.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::service::ProjectDetail;
use crate::accounts::session::CurrentUser;
use crate::entities::{project, project_claim, project_holder_profile};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::messaging::model::ClaimStatus;
use crate::state::AppState;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Page, flash};

/// The holder routes.
pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/projets/{id}/porteur", get(show).post(save))
        .route("/projets/{id}/porteur/renoncer", post(give_up))
}

/// Shows the holders' corrections instead of the partners' values; true when there are.
pub async fn apply<C: ConnectionTrait>(
    conn: &C,
    detail: &mut ProjectDetail,
) -> Result<bool, DbErr> {
    let Some(profile) = project_holder_profile::Entity::find_by_id(detail.card.id)
        .one(conn)
        .await?
    else {
        return Ok(false);
    };
    Ok(put_corrections(
        profile,
        &mut detail.card.summary,
        &mut detail.description_html,
        &mut detail.website,
    ))
}

/// Puts the holders' non-empty values in place of the partners'; true when there were.
fn put_corrections(
    profile: project_holder_profile::Model,
    summary: &mut String,
    description_html: &mut String,
    website: &mut Option<String>,
) -> bool {
    let mut corrected = false;
    if let Some(value) = profile.summary.filter(|s| !s.is_empty()) {
        *summary = value;
        corrected = true;
    }
    if let Some(html) = profile.description_html.filter(|s| !s.is_empty()) {
        *description_html = html;
        corrected = true;
    }
    if let Some(value) = profile.website.filter(|s| !s.is_empty()) {
        *website = Some(value);
        corrected = true;
    }
    corrected
}

/// Puts the holders' corrections in place of the partners' values of `projects`, for
/// what is derived from them (the search index, the API and exports).
pub async fn overlay<C: ConnectionTrait>(
    conn: &C,
    projects: &mut [project::Model],
) -> Result<(), DbErr> {
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let mut profiles: std::collections::HashMap<i64, project_holder_profile::Model> =
        project_holder_profile::Entity::find()
            .filter(project_holder_profile::Column::ProjectId.is_in(ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| (p.project_id, p))
            .collect();
    for p in projects.iter_mut() {
        if let Some(profile) = profiles.remove(&p.id) {
            put_corrections(
                profile,
                &mut p.summary,
                &mut p.description_html,
                &mut p.website,
            );
        }
    }
    Ok(())
}

/// What the project's history records of the holders' public text.
fn corrected_fields(
    profile: Option<&project_holder_profile::Model>,
) -> std::collections::BTreeMap<&'static str, serde_json::Value> {
    let value = |v: Option<&String>| {
        v.filter(|s| !s.is_empty())
            .map_or(serde_json::Value::Null, |s| serde_json::json!(s))
    };
    std::collections::BTreeMap::from([
        ("summary", value(profile.and_then(|p| p.summary.as_ref()))),
        (
            "description",
            value(profile.and_then(|p| p.description_md.as_ref())),
        ),
        ("website", value(profile.and_then(|p| p.website.as_ref()))),
    ])
}

/// Records in the project's history and for the search index that the holders' text
/// went from `before` to `after`.
async fn note_correction<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    before: Option<&project_holder_profile::Model>,
    after: Option<&project_holder_profile::Model>,
    by_user: Option<i64>,
) -> anyhow::Result<()> {
    let (before, after) = (corrected_fields(before), corrected_fields(after));
    let changes: serde_json::Map<String, serde_json::Value> = before
        .iter()
        .filter(|(field, value)| after.get(*field) != Some(*value))
        .map(|(field, value)| {
            (
                (*field).to_owned(),
                serde_json::json!([value, after[field]]),
            )
        })
        .collect();
    if !changes.is_empty() {
        crate::consolidation::service::record_revision(
            conn,
            project_id,
            crate::consolidation::service::Cause::Corrected,
            serde_json::Value::Object(changes),
            by_user,
        )
        .await?;
    }
    crate::search::changes::note(conn, &[project_id]).await?;
    Ok(())
}

/// Withdraws the holders' corrections of a project nobody holds any more (the last
/// approved claim was revoked or given up): the partners' values show again.
pub async fn forget_if_unheld<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    by_user: Option<i64>,
) -> anyhow::Result<()> {
    let held = project_claim::Entity::find()
        .filter(project_claim::Column::ProjectId.eq(project_id))
        .filter(project_claim::Column::Status.eq(ClaimStatus::Approved.as_str()))
        .one(conn)
        .await?
        .is_some();
    if held {
        return Ok(());
    }
    let Some(profile) = project_holder_profile::Entity::find_by_id(project_id)
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    project_holder_profile::Entity::delete_by_id(project_id)
        .exec(conn)
        .await?;
    note_correction(conn, project_id, Some(&profile), None, by_user).await
}

/// The form as typed (and shown again on error).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct HolderForm {
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub contactable: String,
}

#[derive(Serialize)]
struct HolderView {
    project: crate::messaging::queries::ProjectRef,
    form: HolderForm,
    errors: FieldErrors,
}

async fn holder_project(state: &AppState, id: i64, user_id: i64) -> AppResult<project::Model> {
    let project = project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|p| p.merged_into.is_none())
        .ok_or_else(|| AppError::not_found("project"))?;
    if !super::claim::is_holder(&state.db, id, user_id).await? {
        return Err(AppError::forbidden("holders-only"));
    }
    Ok(project)
}

fn render(
    page: &Page,
    project: &project::Model,
    form: HolderForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = HolderView {
        project: crate::messaging::queries::ProjectRef {
            id: project.id,
            title: project.title.clone(),
            url: super::service::project_path(project.id, &project.slug),
        },
        form,
        errors,
    };
    page.render_with_status(status, "messaging/holder.html", &view)
}

/// `GET /projets/{id}/porteur`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let project = holder_project(&state, id, me.id).await?;
    let profile = project_holder_profile::Entity::find_by_id(id)
        .one(&state.db)
        .await?;
    let form = match profile {
        Some(p) => HolderForm {
            summary: p.summary.unwrap_or_default(),
            description: p.description_md.unwrap_or_default(),
            website: p.website.unwrap_or_default(),
            contactable: if p.contactable {
                "1".into()
            } else {
                String::new()
            },
        },
        None => HolderForm {
            summary: String::new(),
            description: String::new(),
            website: String::new(),
            contactable: "1".into(),
        },
    };
    render(&page, &project, form, FieldErrors::new())
}

/// `POST /projets/{id}/porteur`
pub async fn save(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<HolderForm>,
) -> AppResult<Response> {
    let project = holder_project(&state, id, me.id).await?;
    let mut errors = FieldErrors::new();
    let summary = check_length(&mut errors, "summary", &form.summary, 0, 500);
    let description = check_length(&mut errors, "description", &form.description, 0, 10_000);
    let website = crate::partners::profile::check_website(&mut errors, "website", &form.website);
    if !errors.is_empty() {
        return render(&page, &project, form, errors);
    }
    let html = (!description.is_empty()).then(|| crate::web::markdown::to_safe_html(&description));
    let now = state.clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    let before = project_holder_profile::Entity::find_by_id(id)
        .one(&txn)
        .await?;
    project_holder_profile::Entity::insert(project_holder_profile::ActiveModel {
        project_id: Set(id),
        summary: Set(Some(summary).filter(|s| !s.is_empty())),
        description_md: Set(Some(description).filter(|s| !s.is_empty())),
        description_html: Set(html),
        website: Set(website),
        contactable: Set(form.contactable == "1"),
        updated_by: Set(Some(me.id)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(project_holder_profile::Column::ProjectId)
            .update_columns([
                project_holder_profile::Column::Summary,
                project_holder_profile::Column::DescriptionMd,
                project_holder_profile::Column::DescriptionHtml,
                project_holder_profile::Column::Website,
                project_holder_profile::Column::Contactable,
                project_holder_profile::Column::UpdatedBy,
                project_holder_profile::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let after = project_holder_profile::Entity::find_by_id(id)
        .one(&txn)
        .await?;
    note_correction(&txn, id, before.as_ref(), after.as_ref(), Some(me.id)).await?;
    txn.commit().await?;
    flash(&session, "success", "holder-saved").await?;
    Ok(Redirect::to(&super::service::project_path(project.id, &project.slug)).into_response())
}

/// `POST /projets/{id}/porteur/renoncer`: the person no longer holds the project.
pub async fn give_up(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let project = holder_project(&state, id, me.id).await?;
    project_claim::Entity::update_many()
        .col_expr(
            project_claim::Column::Status,
            Expr::value(ClaimStatus::Revoked.as_str()),
        )
        .col_expr(project_claim::Column::Reason, Expr::value("given up"))
        .col_expr(
            project_claim::Column::UpdatedAt,
            Expr::value(state.clock.now()),
        )
        .filter(project_claim::Column::ProjectId.eq(id))
        .filter(project_claim::Column::UserId.eq(me.id))
        .filter(project_claim::Column::Status.eq(ClaimStatus::Approved.as_str()))
        .exec(&state.db)
        .await?;
    forget_if_unheld(&state.db, id, Some(me.id)).await?;
    flash(&session, "success", "holder-given-up").await?;
    Ok(Redirect::to(&super::service::project_path(project.id, &project.slug)).into_response())
}
