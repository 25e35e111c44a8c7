//! A community's collections (`/communautes/{slug}/collections/…`): lists of hub projects
//! its members curate ("à suivre sur notre territoire"), a note per project, exported as
//! CSV. Members create collections and add projects; hosts and whoever added a project
//! remove it. Shown to those who see the community's content.
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access::{self, Access};
use super::events::spreadsheet_safe;
use super::views::{MapPoint, community_path, points_json};
use crate::accounts::session::CurrentUser;
use crate::entities::{community_collection, community_collection_item, project, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::projects::service::project_path;
use crate::state::AppState;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Page, flash};

/// `/communautes/{slug}/collections/{id}`.
pub fn collection_path(slug: &str, id: i64) -> String {
    format!("/communautes/{slug}/collections/{id}")
}

/// A collection in the community page's list.
#[derive(Debug, Serialize)]
pub struct CollectionCard {
    pub title: String,
    pub url: String,
}

/// The collections of a community, newest first.
pub async fn cards(state: &AppState, access: &Access) -> AppResult<Vec<CollectionCard>> {
    Ok(community_collection::Entity::find()
        .filter(community_collection::Column::CommunityId.eq(access.community.id))
        .order_by_desc(community_collection::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| CollectionCard {
            url: collection_path(&access.community.slug, c.id),
            title: c.title,
        })
        .collect())
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct CollectionForm {
    pub title: String,
    pub description: String,
}

#[derive(Serialize)]
struct NewView {
    community_name: String,
    community_url: String,
    action: String,
    form: CollectionForm,
    errors: FieldErrors,
}

async fn member_access(state: &AppState, slug: &str, me: user::Model) -> AppResult<Access> {
    let access = access::load(&state.db, slug, Some(me)).await?;
    access.require_member()?;
    Ok(access)
}

fn new_view(access: &Access, form: CollectionForm, errors: FieldErrors) -> NewView {
    let url = community_path(&access.community.slug);
    NewView {
        community_name: access.community.name.clone(),
        action: format!("{url}/collections/nouvelle"),
        community_url: url,
        form,
        errors,
    }
}

/// `GET /communautes/{slug}/collections/nouvelle`
pub async fn new_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me).await?;
    page.render(
        "communities/collection_form.html",
        &new_view(&access, CollectionForm::default(), FieldErrors::new()),
    )
}

/// `POST /communautes/{slug}/collections/nouvelle`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<CollectionForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let mut errors = FieldErrors::new();
    let title = check_length(&mut errors, "title", &form.title, 3, 200);
    let description = check_length(&mut errors, "description", &form.description, 0, 2000);
    if !errors.is_empty() {
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "communities/collection_form.html",
            &new_view(&access, form, errors),
        );
    }
    let saved = community_collection::ActiveModel {
        community_id: Set(access.community.id),
        title: Set(title),
        description: Set(description),
        created_by: Set(Some(me.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(Redirect::to(&collection_path(&slug, saved.id)).into_response())
}

async fn find(
    state: &AppState,
    access: &Access,
    id: i64,
) -> AppResult<community_collection::Model> {
    community_collection::Entity::find_by_id(id)
        .filter(community_collection::Column::CommunityId.eq(access.community.id))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("community-collection"))
}

/// A project of a collection.
#[derive(Debug, Serialize)]
struct Item {
    project_id: i64,
    title: String,
    url: String,
    place: String,
    note: String,
    removable: bool,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

async fn items(
    state: &AppState,
    access: &Access,
    collection: &community_collection::Model,
) -> AppResult<Vec<Item>> {
    let rows = community_collection_item::Entity::find()
        .filter(community_collection_item::Column::CollectionId.eq(collection.id))
        .order_by_asc(community_collection_item::Column::AddedAt)
        .all(&state.db)
        .await?;
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(rows.iter().map(|r| r.project_id)))
        .all(&state.db)
        .await?;
    let me = access.me.as_ref().map(|u| u.id);
    let index = crate::geo::communes::index();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let p = projects.iter().find(|p| p.id == r.project_id)?;
            Some(Item {
                project_id: p.id,
                title: p.title.clone(),
                url: project_path(p.id, &p.slug),
                place: p
                    .commune_insee
                    .as_deref()
                    .and_then(|i| index.commune(i))
                    .map(|c| format!("{} ({})", c.name, c.department))
                    .unwrap_or_default(),
                note: r.note,
                removable: access.is_host() || (me.is_some() && r.added_by == me),
                latitude: p.latitude,
                longitude: p.longitude,
            })
        })
        .collect())
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct AddForm {
    /// A project id or its page's address.
    pub project: String,
    pub note: String,
}

#[derive(Serialize)]
struct ShowView {
    community_name: String,
    community_url: String,
    url: String,
    title: String,
    description: String,
    items: Vec<Item>,
    /// The placed projects, as JSON for the map.
    points: String,
    placed: usize,
    /// Projects without a known place.
    unplaced: usize,
    tiles: String,
    attribution: String,
    is_member: bool,
    form: AddForm,
    errors: FieldErrors,
}

async fn render(
    state: &AppState,
    page: &Page,
    access: &Access,
    collection: &community_collection::Model,
    form: AddForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let items = items(state, access, collection).await?;
    let points: Vec<MapPoint<'_>> = items
        .iter()
        .filter_map(|i| {
            Some(MapPoint {
                name: &i.title,
                url: i.url.clone(),
                lat: i.latitude?,
                lon: i.longitude?,
            })
        })
        .collect();
    let view = ShowView {
        placed: points.len(),
        unplaced: items.len() - points.len(),
        points: points_json(&points)?,
        tiles: state.settings.map.tile_url.clone(),
        attribution: state.settings.map.attribution.clone(),
        community_name: access.community.name.clone(),
        community_url: community_path(&access.community.slug),
        url: collection_path(&access.community.slug, collection.id),
        title: collection.title.clone(),
        description: collection.description.clone(),
        items,
        is_member: access.is_member(),
        form,
        errors,
    };
    page.render_with_status(status, "communities/collection.html", &view)
}

/// `GET /communautes/{slug}/collections/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    access.require_content()?;
    let collection = find(&state, &access, id).await?;
    render(
        &state,
        &page,
        &access,
        &collection,
        AddForm::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /communautes/{slug}/collections/{id}/projets`
pub async fn add(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<AddForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let collection = find(&state, &access, id).await?;
    let mut errors = FieldErrors::new();
    let note = check_length(&mut errors, "note", &form.note, 0, 1000);
    let found = match crate::board::form::project_ids(&form.project).as_deref() {
        Ok([id]) => {
            project::Entity::find_by_id(*id)
                .filter(project::Column::MergedInto.is_null())
                .one(&state.db)
                .await?
        }
        _ => None,
    };
    if found.is_none() {
        errors.insert(
            "project".into(),
            vec!["community-collection-project-unknown".into()],
        );
    }
    let Some(p) = found.filter(|_| errors.is_empty()) else {
        return render(
            &state,
            &page,
            &access,
            &collection,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let inserted =
        community_collection_item::Entity::insert(community_collection_item::ActiveModel {
            collection_id: Set(collection.id),
            project_id: Set(p.id),
            note: Set(note),
            added_by: Set(Some(me.id)),
            added_at: Set(Utc::now()),
        })
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                community_collection_item::Column::CollectionId,
                community_collection_item::Column::ProjectId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
    let key = if inserted == 1 {
        "community-collection-added"
    } else {
        "community-collection-already"
    };
    flash(&session, "success", key).await?;
    Ok(Redirect::to(&collection_path(&slug, id)).into_response())
}

/// `POST /communautes/{slug}/collections/{id}/projets/{project}/retirer`
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id, project_id)): Path<(String, i64, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let collection = find(&state, &access, id).await?;
    let item = community_collection_item::Entity::find_by_id((collection.id, project_id))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("community-collection"))?;
    if !(access.is_host() || item.added_by == Some(me.id)) {
        return Err(AppError::forbidden("community-hosts-only"));
    }
    community_collection_item::Entity::delete_by_id((collection.id, project_id))
        .exec(&state.db)
        .await?;
    flash(&session, "success", "community-collection-removed").await?;
    Ok(Redirect::to(&collection_path(&slug, id)).into_response())
}

/// `GET /communautes/{slug}/collections/{id}/export.csv`
pub async fn export(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    access.require_content()?;
    let collection = find(&state, &access, id).await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(e.into());
    out.write_record([
        "project_id",
        "title",
        "place",
        "latitude",
        "longitude",
        "note",
        "url",
    ])
    .map_err(fail)?;
    for item in items(&state, &access, &collection).await? {
        let coordinate = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        out.write_record([
            item.project_id.to_string(),
            spreadsheet_safe(&item.title),
            spreadsheet_safe(&item.place),
            coordinate(item.latitude),
            coordinate(item.longitude),
            spreadsheet_safe(&item.note),
            format!("{base}{}", item.url),
        ])
        .map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"collection-{}.csv\"", collection.id),
            ),
        ],
        bytes,
    )
        .into_response())
}
