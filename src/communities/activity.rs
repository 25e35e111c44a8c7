//! A community's live feed: what happens in its scope — projects arriving on the hub in
//! its territory and themes, brokerage requests published there, the collective's
//! governance decisions — newest first. The community page shows it and asks
//! `/communautes/{slug}/activite` for it again every minute (htmx), so it follows
//! without a reload. Everything in it is public on the hub, so whoever sees the
//! community sees its feed.
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use super::access;
use super::model::Scope;
use crate::accounts::session::CurrentUser;
use crate::entities::{
    board_request, board_request_term, community, community_theme, project, project_term, proposal,
    taxonomy_term,
};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::{Lang, Page};

/// Items of each source, and of the feed.
const PER_SOURCE: u64 = 8;
const SHOWN: usize = 12;

/// Something that happened in the scope.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityItem {
    /// `project`, `request` or `decision`.
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    /// When, as shown.
    pub when: String,
    /// ISO 8601, for machines and tests.
    pub at: String,
    #[serde(skip)]
    sort_at: DateTime<Utc>,
}

impl ActivityItem {
    /// When it happened.
    pub fn at_utc(&self) -> DateTime<Utc> {
        self.sort_at
    }
}

/// The feed of `community`, newest first.
pub async fn feed(
    state: &AppState,
    community: &community::Model,
    lang: Lang,
) -> Result<Vec<ActivityItem>, DbErr> {
    let themes = scope_themes(state, community.id).await?;
    let mut items = projects(state, community, &themes, lang).await?;
    items.extend(requests(state, community, &themes, lang).await?);
    items.extend(decisions(state, lang).await?);
    items.sort_by_key(|i| std::cmp::Reverse(i.sort_at));
    items.truncate(SHOWN);
    Ok(items)
}

fn item(
    kind: &'static str,
    title: String,
    url: String,
    at: DateTime<Utc>,
    lang: Lang,
) -> ActivityItem {
    ActivityItem {
        kind,
        title,
        url,
        when: crate::messaging::notify::format_time(at, lang),
        at: at.to_rfc3339(),
        sort_at: at,
    }
}

/// The community's themes and their sub-themes (empty: any theme).
async fn scope_themes(state: &AppState, community_id: i64) -> Result<Vec<String>, DbErr> {
    let chosen: Vec<String> = community_theme::Entity::find()
        .filter(community_theme::Column::CommunityId.eq(community_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| t.term_code)
        .collect();
    if chosen.is_empty() {
        return Ok(chosen);
    }
    let children = taxonomy_term::Entity::find()
        .filter(taxonomy_term::Column::ParentCode.is_in(chosen.clone()))
        .all(&state.db)
        .await?;
    Ok(chosen
        .into_iter()
        .chain(children.into_iter().map(|t| t.code))
        .collect())
}

/// Rows placed in the community's territory, by their commune, department and region
/// columns (everything for a national community).
fn in_territory<C: ColumnTrait>(
    community: &community::Model,
    commune: C,
    department: C,
    region: C,
) -> Condition {
    let code = |c: &Option<String>| c.clone().unwrap_or_default();
    match Scope::parse(&community.scope) {
        Some(Scope::Commune) => Condition::all().add(commune.eq(code(&community.commune_insee))),
        Some(Scope::Department) => {
            Condition::all().add(department.eq(code(&community.department_code)))
        }
        Some(Scope::Region) => Condition::all().add(region.eq(code(&community.region_code))),
        Some(Scope::France) | None => Condition::all(),
    }
}

async fn projects(
    state: &AppState,
    community: &community::Model,
    themes: &[String],
    lang: Lang,
) -> Result<Vec<ActivityItem>, DbErr> {
    let mut find = project::Entity::find()
        .filter(project::Column::Status.eq("active"))
        .filter(project::Column::MergedInto.is_null())
        .filter(in_territory(
            community,
            project::Column::CommuneInsee,
            project::Column::DepartmentCode,
            project::Column::RegionCode,
        ));
    if !themes.is_empty() {
        find = find.filter(
            project::Column::Id.in_subquery(
                Query::select()
                    .column(project_term::Column::ProjectId)
                    .from(project_term::Entity)
                    .and_where(project_term::Column::TermCode.is_in(themes.to_vec()))
                    .to_owned(),
            ),
        );
    }
    Ok(find
        .order_by_desc(project::Column::CreatedAt)
        .limit(PER_SOURCE)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| {
            let url = crate::projects::service::project_path(p.id, &p.slug);
            item("project", p.title, url, p.created_at, lang)
        })
        .collect())
}

async fn requests(
    state: &AppState,
    community: &community::Model,
    themes: &[String],
    lang: Lang,
) -> Result<Vec<ActivityItem>, DbErr> {
    let mut find = board_request::Entity::find()
        .filter(board_request::Column::Status.eq(crate::board::model::Status::Published.as_str()))
        .filter(board_request::Column::PublishedAt.is_not_null())
        .filter(in_territory(
            community,
            board_request::Column::CommuneInsee,
            board_request::Column::DepartmentCode,
            board_request::Column::RegionCode,
        ));
    if !themes.is_empty() {
        find = find.filter(
            board_request::Column::Id.in_subquery(
                Query::select()
                    .column(board_request_term::Column::RequestId)
                    .from(board_request_term::Entity)
                    .and_where(board_request_term::Column::TermCode.is_in(themes.to_vec()))
                    .to_owned(),
            ),
        );
    }
    Ok(find
        .order_by_desc(board_request::Column::PublishedAt)
        .limit(PER_SOURCE)
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|r| {
            let at = r.published_at?;
            let url = crate::board::views::request_path(r.id);
            Some(item("request", r.title, url, at, lang))
        })
        .collect())
}

/// The collective's latest decisions (the whole collective's, whatever the scope).
async fn decisions(state: &AppState, lang: Lang) -> Result<Vec<ActivityItem>, DbErr> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::Status.eq(crate::governance::model::Status::Closed.as_str()))
        .filter(proposal::Column::ClosedAt.is_not_null())
        .order_by_desc(proposal::Column::ClosedAt)
        .limit(PER_SOURCE / 2)
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|p| {
            let at = p.closed_at?;
            let outcome = p
                .outcome
                .as_deref()
                .map(|o| lang.t(&format!("outcome-{o}")))
                .unwrap_or_default();
            let title = if outcome.is_empty() {
                p.title
            } else {
                format!("{} — {outcome}", p.title)
            };
            Some(item(
                "decision",
                title,
                format!("/gouvernance/propositions/{}", p.id),
                at,
                lang,
            ))
        })
        .collect())
}

#[derive(Serialize)]
pub struct FeedView {
    pub url: String,
    pub items: Vec<ActivityItem>,
}

/// `GET /communautes/{slug}/activite`: the feed alone, as the page refreshes it.
pub async fn fragment(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    let view = FeedView {
        url: activity_path(&access.community.slug),
        items: feed(&state, &access.community, page.lang()).await?,
    };
    page.render("communities/activity.html", &view)
}

/// `/communautes/{slug}/activite`.
pub fn activity_path(slug: &str) -> String {
    format!("/communautes/{slug}/activite")
}
