//! Editing a community message and its history: the author edits their own visible
//! message (`…/messages/{id}/modifier`; a member newly mentioned by the edit is told as
//! for a new message); each edit keeps the earlier text as a revision,
//! the topic shows "edited", and the community's hosts read every version at
//! `…/messages/{id}/historique`.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use tower_sessions::Session;

use super::access::{self, Access};
use super::discussions::{
    ReplyForm, VISIBLE, find_post, member_access, name_of, names, notify_mentions, show_time,
    topic_path,
};
use super::views::community_path;
use crate::accounts::session::CurrentUser;
use crate::entities::{community_post, community_post_revision, community_topic, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Page, flash};

/// `…/messages/{id}/modifier`.
pub fn edit_path(slug: &str, post_id: i64) -> String {
    format!("/communautes/{slug}/messages/{post_id}/modifier")
}

/// `…/messages/{id}/historique`.
pub fn history_path(slug: &str, post_id: i64) -> String {
    format!("/communautes/{slug}/messages/{post_id}/historique")
}

/// Whether a viewer may read a message's history: its community's hosts.
pub fn reads_history(access: &Access) -> bool {
    access.is_host()
}

/// The ids among `post_ids` that were edited.
pub async fn edited(state: &AppState, post_ids: &[i64]) -> AppResult<Vec<i64>> {
    Ok(community_post_revision::Entity::find()
        .filter(community_post_revision::Column::PostId.is_in(post_ids.to_vec()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.post_id)
        .collect())
}

/// The author's own visible message, or 403/404.
async fn own_post(
    state: &AppState,
    access: &Access,
    me: &user::Model,
    id: i64,
) -> AppResult<(community_post::Model, community_topic::Model)> {
    let (post, topic) = find_post(state, access, id).await?;
    if post.status != VISIBLE {
        return Err(AppError::not_found("community-post"));
    }
    if post.author_id != Some(me.id) {
        return Err(AppError::forbidden("community-post-author-only"));
    }
    Ok((post, topic))
}

#[derive(Serialize)]
struct EditView {
    community_name: String,
    community_url: String,
    topic_title: String,
    topic_url: String,
    action: String,
    form: ReplyForm,
    errors: FieldErrors,
}

fn render_edit(
    page: &Page,
    access: &Access,
    topic: &community_topic::Model,
    post_id: i64,
    form: ReplyForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let slug = &access.community.slug;
    let view = EditView {
        community_name: access.community.name.clone(),
        community_url: community_path(slug),
        topic_title: topic.title.clone(),
        topic_url: topic_path(slug, topic.id),
        action: edit_path(slug, post_id),
        form,
        errors,
    };
    page.render_with_status(status, "communities/post_edit.html", &view)
}

/// `GET /communautes/{slug}/messages/{id}/modifier`
pub async fn edit_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let (post, topic) = own_post(&state, &access, &me, id).await?;
    let form = ReplyForm { body: post.body };
    render_edit(
        &page,
        &access,
        &topic,
        id,
        form,
        FieldErrors::new(),
        StatusCode::OK,
    )
}

/// `POST /communautes/{slug}/messages/{id}/modifier`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let (post, topic) = own_post(&state, &access, &me, id).await?;
    let mut errors = FieldErrors::new();
    let body = check_length(&mut errors, "body", &form.body, 2, 20_000);
    if !errors.is_empty() {
        return render_edit(
            &page,
            &access,
            &topic,
            id,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let back = format!("{}#message-{id}", topic_path(&slug, topic.id));
    if body == post.body {
        return Ok(Redirect::to(&back).into_response());
    }
    let txn = crate::db::begin_write(&state.db).await?;
    community_post_revision::ActiveModel {
        post_id: Set(post.id),
        body: Set(post.body.clone()),
        edited_by: Set(Some(me.id)),
        edited_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let previous = post.body.clone();
    let mut row: community_post::ActiveModel = post.into();
    row.body_html = Set(crate::web::markdown::to_safe_html(&body));
    row.body = Set(body);
    let edited = row.update(&txn).await?;
    txn.commit().await?;
    notify_mentions(
        &state,
        &access.community,
        &topic,
        &edited,
        &me,
        Some(&previous),
    )
    .await?;
    flash(&session, "success", "community-post-edited").await?;
    Ok(Redirect::to(&back).into_response())
}

#[derive(Serialize)]
struct Version {
    html: String,
    /// Who wrote this version, and when.
    by: String,
    at: String,
    current: bool,
}

#[derive(Serialize)]
struct HistoryView {
    community_name: String,
    community_url: String,
    topic_title: String,
    topic_url: String,
    /// Newest first.
    versions: Vec<Version>,
}

/// `GET /communautes/{slug}/messages/{id}/historique`
pub async fn history(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let lang = page.lang();
    let access = access::load(&state.db, &slug, Some(me)).await?;
    if !reads_history(&access) {
        return Err(AppError::forbidden("community-hosts-only"));
    }
    let (post, topic) = find_post(&state, &access, id).await?;
    let revisions = community_post_revision::Entity::find()
        .filter(community_post_revision::Column::PostId.eq(post.id))
        .order_by_asc(community_post_revision::Column::Id)
        .all(&state.db)
        .await?;
    let people = names(
        &state,
        revisions
            .iter()
            .filter_map(|r| r.edited_by)
            .chain(post.author_id),
    )
    .await?;
    // Version k was written at the creation (k = 0) or by edit k − 1, and replaced by
    // edit k; the current text is the post's own.
    let mut versions = Vec::with_capacity(revisions.len() + 1);
    for (k, revision) in revisions.iter().enumerate() {
        let (by, at) = if k == 0 {
            (post.author_id, post.created_at)
        } else {
            (revisions[k - 1].edited_by, revisions[k - 1].edited_at)
        };
        versions.push(Version {
            html: crate::web::markdown::to_safe_html(&revision.body),
            by: name_of(&people, by, lang),
            at: show_time(at, lang),
            current: false,
        });
    }
    let (by, at) = revisions
        .last()
        .map_or((post.author_id, post.created_at), |r| {
            (r.edited_by, r.edited_at)
        });
    versions.push(Version {
        html: post.body_html.clone(),
        by: name_of(&people, by, lang),
        at: show_time(at, lang),
        current: true,
    });
    versions.reverse();
    let view = HistoryView {
        community_name: access.community.name.clone(),
        community_url: community_path(&slug),
        topic_title: topic.title.clone(),
        topic_url: topic_path(&slug, topic.id),
        versions,
    };
    page.render("communities/post_history.html", &view)
}
