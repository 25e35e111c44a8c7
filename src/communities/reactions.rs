//! Reactions to community messages: a member adds or takes back one of a few reactions
//! (`…/messages/{id}/reagir`, a toggle); the topic shows each reaction's count and
//! whether the viewer gave it. Works without JavaScript (a form per reaction).
use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use super::discussions::{VISIBLE, find_post, member_access, topic_path};
use crate::accounts::session::CurrentUser;
use crate::entities::community_post_reaction;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::CsrfForm;

/// The reactions, by code, with what they show; each is named in the interface by the
/// locale key `community-reaction-<code>`.
pub const ALL: [(&str, &str); 5] = [
    ("thanks", "🙏"),
    ("agree", "👍"),
    ("bravo", "👏"),
    ("idea", "💡"),
    ("question", "❓"),
];

/// A reaction under a message.
#[derive(Debug, Clone, Serialize)]
pub struct ReactionView {
    pub code: &'static str,
    pub symbol: &'static str,
    pub count: usize,
    /// The viewer gave it.
    pub mine: bool,
}

/// The reactions of each message of `post_ids` (every reaction, counted or not), as
/// `viewer` sees them.
pub async fn of_posts(
    state: &AppState,
    post_ids: &[i64],
    viewer: Option<i64>,
) -> AppResult<HashMap<i64, Vec<ReactionView>>> {
    let rows = community_post_reaction::Entity::find()
        .filter(community_post_reaction::Column::PostId.is_in(post_ids.to_vec()))
        .all(&state.db)
        .await?;
    Ok(post_ids
        .iter()
        .map(|&id| {
            let of_post = rows.iter().filter(|r| r.post_id == id);
            let views = ALL
                .iter()
                .map(|&(code, symbol)| {
                    let given = of_post.clone().filter(|r| r.reaction == code);
                    ReactionView {
                        code,
                        symbol,
                        count: given.clone().count(),
                        mine: viewer.is_some_and(|v| given.clone().any(|r| r.user_id == v)),
                    }
                })
                .collect();
            (id, views)
        })
        .collect())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReactionForm {
    reaction: String,
}

/// `POST /communautes/{slug}/messages/{id}/reagir`: gives the reaction, or takes it back.
pub async fn toggle(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ReactionForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let (post, topic) = find_post(&state, &access, id).await?;
    if post.status != VISIBLE {
        return Err(AppError::not_found("community-post"));
    }
    let Some(&(code, _)) = ALL.iter().find(|(code, _)| *code == form.reaction) else {
        return Err(AppError::invalid("reaction", "community-reaction-unknown"));
    };
    let taken = community_post_reaction::Entity::delete_many()
        .filter(community_post_reaction::Column::PostId.eq(post.id))
        .filter(community_post_reaction::Column::UserId.eq(me.id))
        .filter(community_post_reaction::Column::Reaction.eq(code))
        .exec(&state.db)
        .await?;
    if taken.rows_affected == 0 {
        community_post_reaction::Entity::insert(community_post_reaction::ActiveModel {
            post_id: Set(post.id),
            user_id: Set(me.id),
            reaction: Set(code.into()),
            created_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::columns([
                community_post_reaction::Column::PostId,
                community_post_reaction::Column::UserId,
                community_post_reaction::Column::Reaction,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
    }
    Ok(Redirect::to(&format!(
        "{}#message-{}",
        topic_path(&slug, topic.id),
        post.id
    ))
    .into_response())
}
