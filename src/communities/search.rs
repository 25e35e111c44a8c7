//! Search within a community (`/communautes/{slug}/recherche?q=…`): its visible topics
//! and messages and its events, with the project search's French analysis (accents,
//! plurals, stop words) and every typed word required, a word also matching the start
//! of a longer one. Only for those who see the community's content: members-only
//! content never appears to others.
use std::collections::HashSet;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::access;
use super::discussions::topic_path;
use super::events::event_path;
use super::views::{community_path, excerpt};
use crate::accounts::session::CurrentUser;
use crate::entities::{community_event, community_post, community_topic};
use crate::error::AppResult;
use crate::search::analysis;
use crate::state::AppState;
use crate::web::Page;

/// Longest query read, in characters.
const MAX_QUERY: usize = 200;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
}

/// A message or an event that matches.
#[derive(Debug, Serialize)]
pub struct Hit {
    /// `message` or `event`.
    pub kind: &'static str,
    pub title: String,
    pub excerpt: String,
    pub url: String,
}

/// The analysed words of `text`.
fn words(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<String> {
    analysis::tokens(analyzer, text)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

/// Whether every wanted word is among `have`, or starts one of them.
fn matches(wanted: &[String], have: &HashSet<String>) -> bool {
    wanted
        .iter()
        .all(|w| have.contains(w) || have.iter().any(|h| h.starts_with(w.as_str())))
}

#[derive(Serialize)]
struct SearchView {
    community_name: String,
    community_url: String,
    action: String,
    q: String,
    hits: Vec<Hit>,
    /// The query had words to look for.
    searched: bool,
    error: Option<&'static str>,
}

/// `GET /communautes/{slug}/recherche`
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path(slug): Path<String>,
    Query(query): Query<SearchQuery>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    access.require_content()?;
    let q = query.q.trim().to_owned();
    let too_long = q.chars().count() > MAX_QUERY;
    let mut analyzer = analysis::french();
    let wanted = if too_long {
        Vec::new()
    } else {
        words(&mut analyzer, &q)
    };
    let hits = if wanted.is_empty() {
        Vec::new()
    } else {
        find(&state, &access.community, &wanted, &mut analyzer).await?
    };
    let view = SearchView {
        community_name: access.community.name.clone(),
        community_url: community_path(&access.community.slug),
        action: format!("{}/recherche", community_path(&access.community.slug)),
        searched: !wanted.is_empty(),
        error: if too_long {
            Some("community-search-too-long")
        } else if !q.is_empty() && wanted.is_empty() {
            Some("community-search-no-words")
        } else {
            None
        },
        q,
        hits,
    };
    let status = if view.error == Some("community-search-too-long") {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    page.render_with_status(status, "communities/search.html", &view)
}

async fn find(
    state: &AppState,
    community: &crate::entities::community::Model,
    wanted: &[String],
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
) -> AppResult<Vec<Hit>> {
    let topics = community_topic::Entity::find()
        .filter(community_topic::Column::CommunityId.eq(community.id))
        .filter(community_topic::Column::Status.eq("visible"))
        .order_by_desc(community_topic::Column::LastPostAt)
        .all(&state.db)
        .await?;
    let posts = community_post::Entity::find()
        .filter(community_post::Column::TopicId.is_in(topics.iter().map(|t| t.id)))
        .filter(community_post::Column::Status.eq("visible"))
        .order_by_asc(community_post::Column::Id)
        .all(&state.db)
        .await?;
    let mut hits = Vec::new();
    for topic in &topics {
        let title_words: HashSet<String> = words(analyzer, &topic.title).into_iter().collect();
        for post in posts.iter().filter(|p| p.topic_id == topic.id) {
            let mut have = title_words.clone();
            have.extend(words(analyzer, &post.body));
            if matches(wanted, &have) {
                hits.push(Hit {
                    kind: "message",
                    title: topic.title.clone(),
                    excerpt: excerpt(&post.body),
                    url: format!(
                        "{}#message-{}",
                        topic_path(&community.slug, topic.id),
                        post.id
                    ),
                });
            }
        }
    }
    let events = community_event::Entity::find()
        .filter(community_event::Column::CommunityId.eq(community.id))
        .order_by_desc(community_event::Column::StartsAt)
        .all(&state.db)
        .await?;
    for event in events {
        let have: HashSet<String> = words(
            analyzer,
            &format!("{} {} {}", event.title, event.description, event.place),
        )
        .into_iter()
        .collect();
        if matches(wanted, &have) {
            hits.push(Hit {
                kind: "event",
                url: event_path(&community.slug, event.id),
                excerpt: excerpt(&event.description),
                title: event.title,
            });
        }
    }
    Ok(hits)
}
