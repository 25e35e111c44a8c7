//! A community's discussions (`/communautes/{slug}/discussions/…`): topics and replies
//! in sanitised Markdown by its members; `@Name` of a member notifies them (kind
//! `community_mention`, by their notification preferences). Hosts pin and lock topics
//! and remove messages (the author may remove their own); removed messages keep their
//! text for the coordinators, who see it with the reports. Anyone who sees the content
//! may report a message: its hosts and the coordinators are told (kind
//! `community_report`).
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access::{self, Access};
use super::model::MemberStatus;
use super::views::community_path;
use crate::accounts::session::{Coordinator, CurrentUser};
use crate::entities::{
    community, community_member, community_post, community_report, community_topic, user,
};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::notifications::{self, Delivery};
use crate::state::AppState;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Lang, Page, flash};

/// Kind of the notification of a mention.
pub const KIND_MENTION: &str = "community_mention";
/// Kind of the alert of a reported message (hosts and coordinators).
pub const KIND_REPORT: &str = "community_report";

pub(super) const VISIBLE: &str = "visible";
const REMOVED: &str = "removed";

/// `/communautes/{slug}/discussions/{id}`.
pub fn topic_path(slug: &str, id: i64) -> String {
    format!("/communautes/{slug}/discussions/{id}")
}

/// The people `@`-mentioned in `body` among `members` (id, name): after each `@`, the
/// longest member name that follows (case folded), ending at a non-alphanumeric
/// character.
pub fn mentioned(body: &str, members: &[(i64, String)]) -> Vec<i64> {
    let lower = body.to_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices('@') {
        let rest = &lower[at + 1..];
        let best = members
            .iter()
            .filter(|(_, name)| {
                let name = name.to_lowercase();
                !name.is_empty()
                    && rest.starts_with(&name)
                    && !rest[name.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .max_by_key(|(_, name)| name.len());
        if let Some((id, _)) = best
            && !found.contains(id)
        {
            found.push(*id);
        }
    }
    found
}

/// A topic in a list.
#[derive(Debug, Clone, Serialize)]
pub struct TopicCard {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub author: String,
    pub replies: u64,
    pub last_post: String,
    pub pinned: bool,
    pub locked: bool,
}

pub(super) fn show_time(at: DateTime<Utc>, lang: Lang) -> String {
    crate::messaging::notify::format_time(at, lang)
}

pub(super) async fn names(
    state: &AppState,
    ids: impl IntoIterator<Item = i64>,
) -> AppResult<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&state.db)
        .await?)
}

pub(super) fn name_of(people: &[user::Model], id: Option<i64>, lang: Lang) -> String {
    id.and_then(|id| people.iter().find(|p| p.id == id))
        .filter(|p| p.deleted_at.is_none())
        .map(|p| p.display_name.clone())
        .unwrap_or_else(|| lang.t("messaging-deleted-user"))
}

/// The visible topics of a community, pinned first, then by latest message.
pub async fn cards(state: &AppState, access: &Access, lang: Lang) -> AppResult<Vec<TopicCard>> {
    let topics = community_topic::Entity::find()
        .filter(community_topic::Column::CommunityId.eq(access.community.id))
        .filter(community_topic::Column::Status.eq(VISIBLE))
        .order_by_desc(community_topic::Column::Pinned)
        .order_by_desc(community_topic::Column::LastPostAt)
        .all(&state.db)
        .await?;
    let people = names(state, topics.iter().filter_map(|t| t.author_id)).await?;
    let mut out = Vec::new();
    for t in topics {
        let posts = community_post::Entity::find()
            .filter(community_post::Column::TopicId.eq(t.id))
            .filter(community_post::Column::Status.eq(VISIBLE))
            .count(&state.db)
            .await?;
        out.push(TopicCard {
            id: t.id,
            url: topic_path(&access.community.slug, t.id),
            author: name_of(&people, t.author_id, lang),
            replies: posts.saturating_sub(1),
            last_post: show_time(t.last_post_at, lang),
            pinned: t.pinned,
            locked: t.locked,
            title: t.title,
        })
    }
    Ok(out)
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicForm {
    pub title: String,
    pub body: String,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub body: String,
}

#[derive(Serialize)]
struct NewView {
    community_name: String,
    community_url: String,
    action: String,
    form: TopicForm,
    errors: FieldErrors,
}

pub(super) async fn member_access(
    state: &AppState,
    slug: &str,
    me: user::Model,
) -> AppResult<Access> {
    let access = access::load(&state.db, slug, Some(me)).await?;
    access.require_member()?;
    Ok(access)
}

/// `GET /communautes/{slug}/discussions/nouvelle`
pub async fn new_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me).await?;
    page.render(
        "communities/topic_form.html",
        &NewView {
            community_name: access.community.name.clone(),
            community_url: community_path(&slug),
            action: format!("{}/discussions/nouvelle", community_path(&slug)),
            form: TopicForm::default(),
            errors: FieldErrors::new(),
        },
    )
}

#[derive(Serialize)]
struct MentionMail {
    name: String,
    author: String,
    topic: String,
    community: String,
    text: String,
    link: String,
}

/// Mails the members mentioned in `post` (not its author, nor those `previous` — the
/// text before an edit — already mentioned), by their preferences.
pub(super) async fn notify_mentions(
    state: &AppState,
    c: &community::Model,
    topic: &community_topic::Model,
    post: &community_post::Model,
    author: &user::Model,
    previous: Option<&str>,
) -> AppResult<()> {
    let members: Vec<i64> = community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(c.id))
        .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let people = names(state, members).await?;
    let pairs: Vec<(i64, String)> = people
        .iter()
        .filter(|p| p.deleted_at.is_none())
        .map(|p| (p.id, p.display_name.clone()))
        .collect();
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let told = previous
        .map(|text| mentioned(text, &pairs))
        .unwrap_or_default();
    for id in mentioned(&post.body, &pairs) {
        if id == author.id || told.contains(&id) {
            continue;
        }
        let Some(person) = people.iter().find(|p| p.id == id) else {
            continue;
        };
        let delivery = notifications::delivery(&state.db, id, KIND_MENTION).await?;
        if person.disabled || delivery == Delivery::Never {
            continue;
        }
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        let link = format!(
            "{public_url}{}#message-{}",
            topic_path(&c.slug, topic.id),
            post.id
        );
        if delivery == Delivery::Daily {
            let line = lang.t_args(
                "mail-community-mention",
                &[
                    ("author", author.display_name.clone().into()),
                    ("topic", topic.title.clone().into()),
                    ("community", c.name.clone().into()),
                ],
            );
            notifications::hold_for_digest(
                &state.db,
                id,
                KIND_MENTION,
                line,
                post.body.clone(),
                link,
            )
            .await?;
            continue;
        }
        crate::mail::queue(
            state,
            "community_mention",
            lang,
            &person.email,
            None,
            &MentionMail {
                name: person.display_name.clone(),
                author: author.display_name.clone(),
                topic: topic.title.clone(),
                community: c.name.clone(),
                text: post.body.clone(),
                link,
            },
        )
        .await?;
    }
    Ok(())
}

async fn insert_post(
    state: &AppState,
    topic_id: i64,
    author: &user::Model,
    body: &str,
) -> AppResult<community_post::Model> {
    let now = Utc::now();
    Ok(community_post::ActiveModel {
        topic_id: Set(topic_id),
        author_id: Set(Some(author.id)),
        body: Set(body.to_owned()),
        body_html: Set(crate::web::markdown::to_safe_html(body)),
        status: Set(VISIBLE.into()),
        removed_by: Set(None),
        removed_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?)
}

/// `POST /communautes/{slug}/discussions/nouvelle`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<TopicForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let mut errors = FieldErrors::new();
    let title = check_length(&mut errors, "title", &form.title, 3, 200);
    let body = check_length(&mut errors, "body", &form.body, 2, 20_000);
    if !errors.is_empty() {
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "communities/topic_form.html",
            &NewView {
                community_name: access.community.name.clone(),
                community_url: community_path(&slug),
                action: format!("{}/discussions/nouvelle", community_path(&slug)),
                form,
                errors,
            },
        );
    }
    let now = Utc::now();
    let topic = community_topic::ActiveModel {
        community_id: Set(access.community.id),
        title: Set(title),
        author_id: Set(Some(me.id)),
        pinned: Set(false),
        locked: Set(false),
        status: Set(VISIBLE.into()),
        removed_by: Set(None),
        removed_at: Set(None),
        last_post_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let post = insert_post(&state, topic.id, &me, &body).await?;
    notify_mentions(&state, &access.community, &topic, &post, &me, None).await?;
    Ok(Redirect::to(&topic_path(&slug, topic.id)).into_response())
}

async fn find_topic(
    state: &AppState,
    access: &Access,
    id: i64,
) -> AppResult<community_topic::Model> {
    community_topic::Entity::find_by_id(id)
        .filter(community_topic::Column::CommunityId.eq(access.community.id))
        .one(&state.db)
        .await?
        .filter(|t| t.status == VISIBLE)
        .ok_or_else(|| AppError::not_found("community-topic"))
}

#[derive(Serialize)]
struct PostView {
    id: i64,
    author: String,
    at: String,
    html: String,
    removed: bool,
    /// The viewer may remove it (a host, or its author).
    removable: bool,
    /// Its author may edit it.
    editable: bool,
    edited: bool,
    /// Its versions, for hosts and coordinators, once edited.
    history_url: Option<String>,
    reactions: Vec<super::reactions::ReactionView>,
}

#[derive(Serialize)]
struct TopicView {
    community_name: String,
    community_url: String,
    url: String,
    title: String,
    pinned: bool,
    locked: bool,
    posts: Vec<PostView>,
    is_host: bool,
    may_reply: bool,
    /// Members react to messages.
    may_react: bool,
    may_report: bool,
    form: ReplyForm,
    errors: FieldErrors,
}

async fn render_topic(
    state: &AppState,
    page: &Page,
    access: &Access,
    topic: &community_topic::Model,
    form: ReplyForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let lang = page.lang();
    let posts = community_post::Entity::find()
        .filter(community_post::Column::TopicId.eq(topic.id))
        .order_by_asc(community_post::Column::Id)
        .all(&state.db)
        .await?;
    let people = names(state, posts.iter().filter_map(|p| p.author_id)).await?;
    let me = access.me.as_ref().map(|u| u.id);
    let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    let edited = super::post_edits::edited(state, &ids).await?;
    let mut reactions = super::reactions::of_posts(state, &ids, me).await?;
    let slug = &access.community.slug;
    let view = TopicView {
        community_name: access.community.name.clone(),
        community_url: community_path(&access.community.slug),
        url: topic_path(&access.community.slug, topic.id),
        title: topic.title.clone(),
        pinned: topic.pinned,
        locked: topic.locked,
        posts: posts
            .iter()
            .map(|p| {
                let removed = p.status == REMOVED;
                PostView {
                    id: p.id,
                    author: name_of(&people, p.author_id, lang),
                    at: show_time(p.created_at, lang),
                    html: if removed {
                        String::new()
                    } else {
                        p.body_html.clone()
                    },
                    removed,
                    removable: !removed
                        && (access.is_host() || (me.is_some() && p.author_id == me)),
                    editable: !removed && access.is_member() && me.is_some() && p.author_id == me,
                    edited: edited.contains(&p.id),
                    history_url: (edited.contains(&p.id)
                        && super::post_edits::reads_history(access))
                    .then(|| super::post_edits::history_path(slug, p.id)),
                    reactions: reactions.remove(&p.id).unwrap_or_default(),
                }
            })
            .collect(),
        is_host: access.is_host(),
        may_reply: access.is_member() && (!topic.locked || access.is_host()),
        may_react: access.is_member(),
        may_report: access.me.is_some(),
        form,
        errors,
    };
    page.render_with_status(status, "communities/topic.html", &view)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TopicQuery {
    /// A message of the topic to quote in the reply box.
    citer: Option<String>,
}

/// `GET /communautes/{slug}/discussions/{id}` (`?citer={message}` starts the reply with
/// that message quoted).
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path((slug, id)): Path<(String, i64)>,
    axum::extract::Query(query): axum::extract::Query<TopicQuery>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    access.require_content()?;
    let topic = find_topic(&state, &access, id).await?;
    let mut form = ReplyForm::default();
    if let Some(quoted) = query.citer.as_deref().and_then(|q| q.parse::<i64>().ok()) {
        let post = community_post::Entity::find_by_id(quoted)
            .filter(community_post::Column::TopicId.eq(topic.id))
            .filter(community_post::Column::Status.eq(VISIBLE))
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::not_found("community-post"))?;
        let people = names(&state, post.author_id).await?;
        form.body = quote(&name_of(&people, post.author_id, page.lang()), &post.body);
    }
    render_topic(
        &state,
        &page,
        &access,
        &topic,
        form,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

/// `body` as a Markdown quote signed by `author`, then an empty line to answer on.
pub fn quote(author: &str, body: &str) -> String {
    let mut out = format!("> **{author}** :\n");
    for line in body.lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// `POST /communautes/{slug}/discussions/{id}/repondre`
pub async fn reply(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let topic = find_topic(&state, &access, id).await?;
    if topic.locked && !access.is_host() {
        return Err(AppError::forbidden("community-topic-locked"));
    }
    let mut errors = FieldErrors::new();
    let body = check_length(&mut errors, "body", &form.body, 2, 20_000);
    if !errors.is_empty() {
        return render_topic(
            &state,
            &page,
            &access,
            &topic,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let post = insert_post(&state, topic.id, &me, &body).await?;
    community_topic::Entity::update_many()
        .col_expr(
            community_topic::Column::LastPostAt,
            Expr::value(post.created_at),
        )
        .filter(community_topic::Column::Id.eq(topic.id))
        .exec(&state.db)
        .await?;
    notify_mentions(&state, &access.community, &topic, &post, &me, None).await?;
    Ok(Redirect::to(&format!("{}#message-{}", topic_path(&slug, id), post.id)).into_response())
}

async fn toggle(
    state: &AppState,
    session: &Session,
    me: user::Model,
    slug: &str,
    id: i64,
    column: community_topic::Column,
    value: impl Fn(&community_topic::Model) -> bool,
) -> AppResult<Response> {
    let access = access::load(&state.db, slug, Some(me)).await?;
    access.require_host()?;
    let topic = find_topic(state, &access, id).await?;
    community_topic::Entity::update_many()
        .col_expr(column, Expr::value(!value(&topic)))
        .filter(community_topic::Column::Id.eq(topic.id))
        .exec(&state.db)
        .await?;
    flash(session, "success", "community-topic-saved").await?;
    Ok(Redirect::to(&topic_path(slug, id)).into_response())
}

/// `POST /communautes/{slug}/discussions/{id}/epingler` (hosts): pins or unpins.
pub async fn pin(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    toggle(
        &state,
        &session,
        me,
        &slug,
        id,
        community_topic::Column::Pinned,
        |t| t.pinned,
    )
    .await
}

/// `POST /communautes/{slug}/discussions/{id}/verrouiller` (hosts): locks or unlocks.
pub async fn lock(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    toggle(
        &state,
        &session,
        me,
        &slug,
        id,
        community_topic::Column::Locked,
        |t| t.locked,
    )
    .await
}

/// The message `id` of the community (its topic visible), or 404.
pub(super) async fn find_post(
    state: &AppState,
    access: &Access,
    id: i64,
) -> AppResult<(community_post::Model, community_topic::Model)> {
    let post = community_post::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("community-post"))?;
    let topic = find_topic(state, access, post.topic_id).await?;
    Ok((post, topic))
}

/// `POST /communautes/{slug}/messages/{id}/retirer` (hosts, or the author): the text is
/// kept for the coordinators; removing the first message removes the topic.
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, Some(me.clone())).await?;
    access.require_member()?;
    let (post, topic) = find_post(&state, &access, id).await?;
    if !(access.is_host() || post.author_id == Some(me.id)) {
        return Err(AppError::forbidden("community-hosts-only"));
    }
    let now = Utc::now();
    community_post::Entity::update_many()
        .col_expr(community_post::Column::Status, Expr::value(REMOVED))
        .col_expr(community_post::Column::RemovedBy, Expr::value(me.id))
        .col_expr(community_post::Column::RemovedAt, Expr::value(now))
        .filter(community_post::Column::Id.eq(post.id))
        .exec(&state.db)
        .await?;
    let first = community_post::Entity::find()
        .filter(community_post::Column::TopicId.eq(topic.id))
        .order_by_asc(community_post::Column::Id)
        .one(&state.db)
        .await?;
    flash(&session, "success", "community-post-removed").await?;
    if first.is_some_and(|f| f.id == post.id) {
        community_topic::Entity::update_many()
            .col_expr(community_topic::Column::Status, Expr::value(REMOVED))
            .col_expr(community_topic::Column::RemovedBy, Expr::value(me.id))
            .col_expr(community_topic::Column::RemovedAt, Expr::value(now))
            .filter(community_topic::Column::Id.eq(topic.id))
            .exec(&state.db)
            .await?;
        return Ok(Redirect::to(&community_path(&slug)).into_response());
    }
    Ok(Redirect::to(&topic_path(&slug, topic.id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    reason: String,
}

#[derive(Serialize)]
struct ReportMail {
    name: String,
    community: String,
    topic: String,
    reason: String,
    text: String,
    link: String,
}

/// `POST /communautes/{slug}/messages/{id}/signaler`: hosts and coordinators are told.
pub async fn report(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, Some(me.clone())).await?;
    access.require_content()?;
    let (post, topic) = find_post(&state, &access, id).await?;
    let mut errors = FieldErrors::new();
    let reason = check_length(&mut errors, "reason", &form.reason, 0, 500);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let inserted = community_report::Entity::insert(community_report::ActiveModel {
        post_id: Set(post.id),
        reporter_id: Set(Some(me.id)),
        reason: Set(reason.clone()),
        status: Set("open".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            community_report::Column::PostId,
            community_report::Column::ReporterId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    if inserted == 1 {
        let mut told = super::service::hosts(&state.db, access.community.id).await?;
        for c in user::Entity::find()
            .filter(user::Column::IsCoordinator.eq(true))
            .filter(user::Column::DeletedAt.is_null())
            .all(&state.db)
            .await?
        {
            if !told.iter().any(|t| t.id == c.id) {
                told.push(c);
            }
        }
        let public_url = state.settings.server.public_url.trim_end_matches('/');
        for person in told.iter().filter(|p| !p.disabled) {
            if notifications::delivery(&state.db, person.id, KIND_REPORT).await? == Delivery::Never
            {
                continue;
            }
            let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
            let link = if person.is_coordinator {
                format!("{public_url}/communautes/signalements")
            } else {
                format!(
                    "{public_url}{}#message-{}",
                    topic_path(&slug, topic.id),
                    post.id
                )
            };
            crate::mail::queue(
                &state,
                "community_report",
                lang,
                &person.email,
                None,
                &ReportMail {
                    name: person.display_name.clone(),
                    community: access.community.name.clone(),
                    topic: topic.title.clone(),
                    reason: reason.clone(),
                    text: post.body.clone(),
                    link,
                },
            )
            .await?;
        }
    }
    flash(&session, "success", "community-post-reported").await?;
    Ok(Redirect::to(&topic_path(&slug, topic.id)).into_response())
}

#[derive(Serialize)]
struct ReportView {
    id: i64,
    community: String,
    topic: String,
    url: String,
    reason: String,
    text: String,
    removed: bool,
    reported: String,
}

#[derive(Serialize)]
struct ReportsView {
    reports: Vec<ReportView>,
}

/// `GET /communautes/signalements` (coordinators): open reports, with the text of the
/// messages (removed ones included).
pub async fn reports(
    State(state): State<AppState>,
    page: Page,
    Coordinator(_): Coordinator,
) -> AppResult<Response> {
    let lang = page.lang();
    let rows = community_report::Entity::find()
        .filter(community_report::Column::Status.eq("open"))
        .order_by_asc(community_report::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let Some(post) = community_post::Entity::find_by_id(r.post_id)
            .one(&state.db)
            .await?
        else {
            continue;
        };
        let Some(topic) = community_topic::Entity::find_by_id(post.topic_id)
            .one(&state.db)
            .await?
        else {
            continue;
        };
        let Some(c) = community::Entity::find_by_id(topic.community_id)
            .one(&state.db)
            .await?
        else {
            continue;
        };
        out.push(ReportView {
            id: r.id,
            community: c.name.clone(),
            url: topic_path(&c.slug, topic.id),
            topic: topic.title,
            reason: r.reason,
            text: post.body,
            removed: post.status == REMOVED,
            reported: show_time(r.created_at, lang),
        });
    }
    page.render("communities/reports.html", &ReportsView { reports: out })
}

/// `POST /communautes/signalements/{id}/clore` (coordinators)
pub async fn close_report(
    State(state): State<AppState>,
    session: Session,
    Coordinator(_): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let done = community_report::Entity::update_many()
        .col_expr(community_report::Column::Status, Expr::value("closed"))
        .filter(community_report::Column::Id.eq(id))
        .filter(community_report::Column::Status.eq("open"))
        .exec(&state.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::not_found("community-report"));
    }
    flash(&session, "success", "community-report-closed").await?;
    Ok(Redirect::to("/communautes/signalements").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_take_the_longest_member_name() {
        let members = vec![
            (1, "Marie".to_owned()),
            (2, "Marie Dupont".to_owned()),
            (3, "Léo".to_owned()),
        ];
        assert_eq!(
            mentioned("Merci @marie dupont, et @Léo !", &members),
            vec![2, 3]
        );
        assert_eq!(mentioned("@Marie: oui", &members), vec![1]);
        assert!(mentioned("@Mariette et marie@exemple.fr", &members).is_empty());
    }
}
