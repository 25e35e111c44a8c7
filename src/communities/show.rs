//! A community's page (`/communautes/{slug}`): its description, scope and rules for
//! everyone; its members (what they do, their partner or project), upcoming events and
//! discussions for those who see its content; requests and invitations for its hosts;
//! the decision form for coordinators while it is proposed.
use axum::extract::{Path, State};
use axum::response::Response;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::access::{self, Access};
use super::model::{MemberStatus, Role};
use super::views::{self, CommunityCard};
use crate::accounts::session::CurrentUser;
use crate::board::form::OnBehalf;
use crate::board::post::Choice;
use crate::entities::{community_member, partner, project, user};
use crate::error::AppResult;
use crate::projects::service::project_path;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::{Lang, Page};

/// A member as the page lists them.
#[derive(Debug, Serialize)]
pub struct MemberView {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub status: String,
    pub what_they_do: String,
    pub affiliation: Option<String>,
    pub affiliation_url: Option<String>,
    pub is_me: bool,
}

#[derive(Serialize)]
struct ShowView {
    card: CommunityCard,
    /// What happens in its scope.
    activity: super::activity::FeedView,
    /// The viewer, a member, gets the weekly digest.
    digest: bool,
    description_html: String,
    signed_in: bool,
    sees_content: bool,
    is_member: bool,
    is_host: bool,
    /// `requested` or `invited` while not a member.
    pending: Option<String>,
    moderates: bool,
    members: Vec<MemberView>,
    requests: Vec<MemberView>,
    invitations: Vec<MemberView>,
    affiliations: Vec<Choice>,
    my_what: String,
    my_affiliation: String,
    events: Vec<super::events::EventCard>,
    past_events: Vec<super::events::EventCard>,
    calendar_url: Option<String>,
    topics: Vec<super::discussions::TopicCard>,
    collections: Vec<super::collections::CollectionCard>,
    decision_reason: Option<String>,
}

/// The members of a community, hosts first, by name.
pub async fn members(
    state: &AppState,
    community_id: i64,
    me: Option<i64>,
) -> AppResult<Vec<MemberView>> {
    let rows = community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(community_id))
        .order_by_asc(community_member::Column::Id)
        .all(&state.db)
        .await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(&state.db)
        .await?;
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(rows.iter().filter_map(|r| r.partner_id)))
        .all(&state.db)
        .await?;
    let projects = project::Entity::find()
        .filter(project::Column::Id.is_in(rows.iter().filter_map(|r| r.project_id)))
        .all(&state.db)
        .await?;
    let mut out: Vec<MemberView> = rows
        .into_iter()
        .filter_map(|r| {
            let person = people
                .iter()
                .find(|p| p.id == r.user_id && p.deleted_at.is_none())?;
            let (affiliation, affiliation_url) = if let Some(p) = r
                .partner_id
                .and_then(|id| partners.iter().find(|p| p.id == id))
            {
                (
                    Some(p.name.clone()),
                    Some(format!("/partenaires/{}", p.slug)),
                )
            } else if let Some(p) = r
                .project_id
                .and_then(|id| projects.iter().find(|p| p.id == id))
            {
                (Some(p.title.clone()), Some(project_path(p.id, &p.slug)))
            } else {
                (None, None)
            };
            Some(MemberView {
                id: r.id,
                name: person.display_name.clone(),
                role: r.role,
                status: r.status,
                what_they_do: r.what_they_do,
                affiliation,
                affiliation_url,
                is_me: me == Some(r.user_id),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (a.role != Role::Host.as_str(), a.name.to_lowercase())
            .cmp(&(b.role != Role::Host.as_str(), b.name.to_lowercase()))
    });
    Ok(out)
}

async fn affiliations(state: &AppState, me: &user::Model, lang: Lang) -> AppResult<Vec<Choice>> {
    let rights = crate::board::access::posting_rights(&state.db, me).await?;
    let partners = rights.partners.iter().map(|p| Choice {
        value: OnBehalf::Partner(p.id).code(),
        label: p.name.clone(),
        depth: 0,
    });
    let projects = rights.projects.iter().map(|p| Choice {
        value: OnBehalf::Project(p.id).code(),
        label: lang.t_args(
            "community-affiliation-project",
            &[("project", p.title.clone().into())],
        ),
        depth: 0,
    });
    Ok(partners.chain(projects).collect())
}

/// `GET /communautes/{slug}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let me = me.map(|CurrentUser(u)| u);
    let access = access::load(&state.db, &slug, me.clone()).await?;
    render(&state, &page, &access).await
}

async fn render(state: &AppState, page: &Page, access: &Access) -> AppResult<Response> {
    let lang = page.lang();
    let c = &access.community;
    let terms = Terms::load(&state.db).await?;
    let card = views::cards(&state.db, std::slice::from_ref(c), &terms, lang)
        .await?
        .remove(0);
    let me_id = access.me.as_ref().map(|u| u.id);
    let sees = access.sees_content();
    let all = if sees || access.is_host() {
        members(state, c.id, me_id).await?
    } else {
        Vec::new()
    };
    let (active, waiting): (Vec<MemberView>, Vec<MemberView>) = all
        .into_iter()
        .partition(|m| m.status == MemberStatus::Active.as_str());
    let (requests, invitations): (Vec<MemberView>, Vec<MemberView>) = if access.is_host() {
        waiting
            .into_iter()
            .partition(|m| m.status == MemberStatus::Requested.as_str())
    } else {
        (Vec::new(), Vec::new())
    };
    let (events, past_events) = if sees {
        super::events::cards_of_community(state, access, lang).await?
    } else {
        (Vec::new(), Vec::new())
    };
    let topics = if sees {
        super::discussions::cards(state, access, lang).await?
    } else {
        Vec::new()
    };
    let collections = if sees {
        super::collections::cards(state, access).await?
    } else {
        Vec::new()
    };
    let pending = access
        .membership
        .as_ref()
        .filter(|m| m.status != MemberStatus::Active.as_str())
        .map(|m| m.status.clone());
    let digest = match (&access.me, access.is_member()) {
        (Some(me), true) => super::digest::subscribed(state, c.id, me.id).await?,
        _ => false,
    };
    let view = ShowView {
        digest,
        activity: super::activity::FeedView {
            url: super::activity::activity_path(&c.slug),
            items: super::activity::feed(state, c, lang).await?,
        },
        description_html: c.description_html.clone(),
        signed_in: access.me.is_some(),
        sees_content: sees,
        is_member: access.is_member(),
        is_host: access.is_host(),
        pending,
        moderates: access.is_coordinator() && c.status == super::model::Status::Proposed.as_str(),
        members: active,
        requests,
        invitations,
        affiliations: match &access.me {
            Some(me) => affiliations(state, me, lang).await?,
            None => Vec::new(),
        },
        my_what: access
            .membership
            .as_ref()
            .map(|m| m.what_they_do.clone())
            .unwrap_or_default(),
        my_affiliation: access
            .membership
            .as_ref()
            .and_then(|m| {
                m.partner_id
                    .map(|id| OnBehalf::Partner(id).code())
                    .or(m.project_id.map(|id| OnBehalf::Project(id).code()))
            })
            .unwrap_or_default(),
        events,
        past_events,
        calendar_url: super::ics::feed_url(state, access),
        topics,
        collections,
        decision_reason: c.decision_reason.clone(),
        card,
    };
    page.render("communities/show.html", &view)
}
