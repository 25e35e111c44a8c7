//! Open data of the communities: `GET /api/v1/communities` (the list's search) and
//! `GET /api/v1/events` (occurrences of the public communities' events in a window, by
//! region and theme), both in the OpenAPI document. A members-only community is listed
//! (its name and purpose are public) but its events are not.
use axum::Json;
use axum::extract::{Query, State};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::list::{self, matching};
use super::model::{Status, Visibility};
use super::recurrence;
use super::views::{community_path, place_label, themes_of};
use crate::entities::{community, community_event};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::opendata::items::Coded;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::Lang;

/// The territory of a community.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiScope {
    /// `france`, `region`, `department` or `commune`.
    pub kind: String,
    pub commune: Option<String>,
    pub department: Option<String>,
    pub region: Option<String>,
    /// In words.
    pub label: String,
}

/// A local action community.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiCommunity {
    pub slug: String,
    pub name: String,
    /// Markdown, as its hosts wrote it.
    pub description: String,
    pub scope: ApiScope,
    pub themes: Vec<Coded>,
    /// `public` or `members` (members, discussions and events for members only).
    pub visibility: String,
    /// `open`, `request` or `invitation`.
    pub membership_rule: String,
    pub members: u64,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: String,
    /// Its public calendar (iCalendar), for public communities.
    pub calendar_url: Option<String>,
}

/// A page of communities.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiCommunityPage {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub items: Vec<ApiCommunity>,
}

/// The query string of `/api/v1/communities`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct CommunityParams {
    /// Words, all required (accents and case folded), in the name and description.
    q: String,
    /// Region code: the communities placed in it.
    region: String,
    /// Department code.
    department: String,
    /// Theme code (a theme finds its sub-themes).
    theme: String,
    /// From 1.
    page: Option<usize>,
    /// 1–100 (20 by default).
    per_page: Option<usize>,
}

fn bad(errors: &mut FieldErrors, field: &str, key: &str) {
    errors.entry(field.into()).or_default().push(key.into());
}

fn check_places(
    errors: &mut FieldErrors,
    region: &str,
    department: &str,
    theme: &str,
    terms: &Terms,
) {
    if !region.is_empty() && crate::board::views::region_name(Some(region)).is_none() {
        bad(errors, "region", "board-region-unknown");
    }
    if !department.is_empty()
        && crate::geo::communes::index()
            .department(department)
            .is_none_or(|d| d.code != department)
    {
        bad(errors, "department", "board-department-unknown");
    }
    if !theme.is_empty() && terms.row(theme).is_none_or(|t| t.vocabulary != "theme") {
        bad(errors, "theme", "community-theme-unknown");
    }
}

/// Active communities matching the search.
#[utoipa::path(
    get,
    path = "/api/v1/communities",
    operation_id = "list_communities",
    tag = "communities",
    params(CommunityParams),
    responses(
        (status = 200, description = "A page of communities", body = ApiCommunityPage),
        (status = 422, description = "A parameter is invalid (each one named with its message)", body = crate::opendata::openapi::ApiError),
        (status = 429, description = "Too many requests from this address", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn communities(
    State(state): State<AppState>,
    lang: Lang,
    Query(params): Query<CommunityParams>,
) -> AppResult<Json<ApiCommunityPage>> {
    let terms = Terms::load(&state.db).await?;
    let mut errors = FieldErrors::new();
    check_places(
        &mut errors,
        params.region.trim(),
        params.department.trim(),
        params.theme.trim(),
        &terms,
    );
    let page = params.page.unwrap_or(1);
    if page == 0 {
        bad(&mut errors, "page", "board-page-invalid");
    }
    let per_page = params.per_page.unwrap_or(20);
    if !(1..=100).contains(&per_page) {
        bad(&mut errors, "per_page", "board-per-page-invalid");
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let query = list::Query {
        q: params.q.clone(),
        region: params.region.clone(),
        department: params.department.clone(),
        theme: params.theme.clone(),
        page: None,
    };
    let rows = matching(&state, &terms, &query).await?;
    let total = rows.len();
    let shown: Vec<community::Model> = rows
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    let cards = super::views::cards(&state.db, &shown, &terms, lang).await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    let items = shown
        .iter()
        .zip(cards)
        .map(|(c, card)| ApiCommunity {
            slug: c.slug.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            scope: ApiScope {
                kind: c.scope.clone(),
                commune: c.commune_insee.clone(),
                department: c.department_code.clone(),
                region: c.region_code.clone(),
                label: place_label(c, lang),
            },
            themes: card
                .themes
                .into_iter()
                .map(|t| Coded {
                    code: t.code,
                    label: t.label,
                })
                .collect(),
            visibility: c.visibility.clone(),
            membership_rule: c.membership_rule.clone(),
            members: card.members,
            latitude: c.latitude,
            longitude: c.longitude,
            url: format!("{base}{}", community_path(&c.slug)),
            calendar_url: (c.visibility == Visibility::Public.as_str())
                .then(|| format!("{base}{}/agenda.ics", community_path(&c.slug))),
        })
        .collect();
    Ok(Json(ApiCommunityPage {
        total,
        page,
        per_page,
        items,
    }))
}

/// One occurrence of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiEvent {
    pub event_id: i64,
    pub title: String,
    /// Markdown.
    pub description: String,
    /// The occurrence's start and end (RFC 3339, UTC).
    pub starts_at: String,
    pub ends_at: String,
    /// Wall-clock start in the event's zone (`YYYY-MM-DDTHH:MM:SS`) and that zone (IANA).
    pub local_start: String,
    pub time_zone: String,
    /// `none`, `weekly` or `monthly`; `rrule` is the RFC 5545 rule of a repeating event.
    pub recurrence: String,
    pub rrule: Option<String>,
    /// `commune` or `online` (the link is given to registered people only).
    pub place: String,
    pub commune: Option<String>,
    pub department: Option<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub capacity: Option<i32>,
    /// `scheduled` or `cancelled`.
    pub status: String,
    pub community: String,
    pub community_name: String,
    pub url: String,
    /// The event as an iCalendar file.
    pub ics_url: String,
}

/// Occurrences in the window, by start.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiEventList {
    pub from: String,
    pub to: String,
    pub total: usize,
    pub items: Vec<ApiEvent>,
}

/// The query string of `/api/v1/events`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct EventParams {
    /// Start of the window: a date (`2026-03-01`, midnight UTC) or an RFC 3339 instant;
    /// now by default.
    from: String,
    /// End of the window (excluded), same forms; 90 days after `from` by default, at
    /// most 366 days after it.
    to: String,
    /// Region code: events placed there (online ones: their community's region).
    region: String,
    /// Theme code of the event's community (a theme finds its sub-themes).
    theme: String,
}

/// The most occurrences one answer lists.
const MAX_OCCURRENCES: usize = 2000;

fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.to_utc())
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
        })
}

/// Occurrences of the public communities' events in a window.
#[utoipa::path(
    get,
    path = "/api/v1/events",
    operation_id = "list_events",
    tag = "communities",
    params(EventParams),
    responses(
        (status = 200, description = "The occurrences, by start", body = ApiEventList),
        (status = 422, description = "A parameter is invalid (each one named with its message)", body = crate::opendata::openapi::ApiError),
        (status = 429, description = "Too many requests from this address", body = crate::opendata::openapi::ApiError),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    Query(params): Query<EventParams>,
) -> AppResult<Json<ApiEventList>> {
    let terms = Terms::load(&state.db).await?;
    let mut errors = FieldErrors::new();
    let (region, theme) = (params.region.trim(), params.theme.trim());
    check_places(&mut errors, region, "", theme, &terms);
    let from = match params.from.trim() {
        "" => Some(state.clock.now()),
        text => instant(text),
    };
    if from.is_none() {
        bad(&mut errors, "from", "community-api-time-invalid");
    }
    let from = from.unwrap_or_else(|| state.clock.now());
    let to = match params.to.trim() {
        "" => Some(from + Duration::days(90)),
        text => instant(text),
    };
    match to {
        None => bad(&mut errors, "to", "community-api-time-invalid"),
        Some(to) if to <= from => bad(&mut errors, "to", "community-api-window-inverted"),
        Some(to) if to - from > Duration::days(366) => {
            bad(&mut errors, "to", "community-api-window-too-long")
        }
        Some(_) => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let to = to.unwrap_or(from);
    let mut communities = community::Entity::find()
        .filter(community::Column::Status.eq(Status::Active.as_str()))
        .filter(community::Column::Visibility.eq(Visibility::Public.as_str()))
        .all(&state.db)
        .await?;
    if !theme.is_empty() {
        let mut family = vec![theme.to_owned()];
        family.extend(
            terms
                .tree("theme", Lang::Fr)
                .into_iter()
                .filter(|(t, _)| t.parent_code.as_deref() == Some(theme))
                .map(|(t, _)| t.code),
        );
        let ids: Vec<i64> = communities.iter().map(|c| c.id).collect();
        let themes = themes_of(&state.db, &ids).await?;
        communities.retain(|c| {
            themes
                .get(&c.id)
                .is_some_and(|codes| codes.iter().any(|code| family.contains(code)))
        });
    }
    let rows = community_event::Entity::find()
        .filter(community_event::Column::CommunityId.is_in(communities.iter().map(|c| c.id)))
        .filter(community_event::Column::StartsAt.lt(to))
        .all(&state.db)
        .await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    let mut items = Vec::new();
    for e in &rows {
        let Some(c) = communities.iter().find(|c| c.id == e.community_id) else {
            continue;
        };
        let event_region = e.region_code.as_ref().or(c.region_code.as_ref());
        if !region.is_empty() && event_region.map(String::as_str) != Some(region) {
            continue;
        }
        for o in recurrence::between(e, from, to, MAX_OCCURRENCES) {
            let path = super::events::event_path(&c.slug, e.id);
            items.push(ApiEvent {
                event_id: e.id,
                title: e.title.clone(),
                description: e.description.clone(),
                starts_at: o.starts_at.to_rfc3339(),
                ends_at: o.ends_at.to_rfc3339(),
                local_start: o.local.format("%Y-%m-%dT%H:%M:%S").to_string(),
                time_zone: e.time_zone.clone(),
                recurrence: e.recurrence.clone(),
                rrule: recurrence::rrule(e),
                place: e.place.clone(),
                commune: e.commune_insee.clone(),
                department: e.department_code.clone().or(c.department_code.clone()),
                region: event_region.cloned(),
                address: Some(e.address.clone()).filter(|a| !a.is_empty()),
                capacity: e.capacity,
                status: e.status.clone(),
                community: c.slug.clone(),
                community_name: c.name.clone(),
                ics_url: format!("{base}{path}/evenement.ics"),
                url: format!("{base}{path}"),
            });
        }
    }
    items.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then(a.event_id.cmp(&b.event_id))
    });
    if items.len() > MAX_OCCURRENCES {
        return Err(AppError::invalid("to", "community-api-too-many"));
    }
    Ok(Json(ApiEventList {
        from: from.to_rfc3339(),
        to: to.to_rfc3339(),
        total: items.len(),
        items,
    }))
}
