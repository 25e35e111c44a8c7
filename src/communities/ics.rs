//! Calendars in iCalendar (RFC 5545), written here: each event as a `.ics` file, each
//! community's agenda (`/communautes/{slug}/agenda.ics`) and the hub's agenda of public
//! events (`/communautes/agenda.ics`). Times are wall-clock times with their IANA zone
//! (`DTSTART;TZID=Europe/Paris:…`) with a VTIMEZONE describing the zone's changes over
//! the calendar's span, and repeating events carry their RRULE, so calendar
//! applications expand them across daylight-saving changes themselves.
//!
//! A members-only community's agenda is read with the private token of a member
//! (`?jeton=`), which calendar applications keep in the address; it also adds the
//! online links of the events that member registered for.
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;

use super::access::{self, Access};
use super::model::{Answer, MemberStatus, Place, Status, Visibility};
use super::recurrence;
use crate::accounts::session::CurrentUser;
use crate::entities::{community, community_event, community_member, community_registration, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::Lang;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A calendar being written: content lines folded at 75 octets, ended by CRLF.
#[derive(Default)]
struct Ics(String);

impl Ics {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += len;
        }
        self.0.push_str("\r\n");
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

fn offset_at(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The instants in `[from, to)` where `tz`'s offset changes, with the offsets before
/// and after (found day by day, then to the second).
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, i32, i32)> {
    let mut out = Vec::new();
    let mut day = from;
    while day < to {
        let next = day + Duration::days(1);
        let (before, after) = (offset_at(tz, day), offset_at(tz, next));
        if before != after {
            // Whole seconds: the first one with the new offset.
            let (mut lo, mut hi) = (day.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let at = DateTime::from_timestamp(mid, 0).unwrap_or(day);
                if offset_at(tz, at) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push((
                DateTime::from_timestamp(hi, 0).unwrap_or(next),
                before,
                after,
            ));
        }
        day = next;
    }
    out
}

/// The VTIMEZONE of `tz` over the years `from..=to`.
fn vtimezone(ics: &mut Ics, tz: Tz, from: i32, to: i32) {
    ics.line("BEGIN:VTIMEZONE");
    ics.line(&format!("TZID:{}", tz.name()));
    let start = Utc.with_ymd_and_hms(from, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(to + 1, 1, 1, 0, 0, 0).unwrap();
    let changes = transitions(tz, start, end);
    // The zone as it stands when the span opens.
    let first = offset_at(tz, start);
    let opening_is_summer = changes
        .first()
        .is_some_and(|(_, before, after)| before > after);
    let opening = if opening_is_summer {
        "DAYLIGHT"
    } else {
        "STANDARD"
    };
    ics.line(&format!("BEGIN:{opening}"));
    ics.line(&format!(
        "DTSTART:{}",
        local((start + Duration::seconds(i64::from(first))).naive_utc())
    ));
    ics.line(&format!("TZOFFSETFROM:{}", offset(first)));
    ics.line(&format!("TZOFFSETTO:{}", offset(first)));
    ics.line(&format!("END:{opening}"));
    for (at, before, after) in changes {
        let kind = if after > before {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        ics.line(&format!("BEGIN:{kind}"));
        // DTSTART of an observance is the local time before the change.
        ics.line(&format!(
            "DTSTART:{}",
            local((at + Duration::seconds(i64::from(before))).naive_utc())
        ));
        ics.line(&format!("TZOFFSETFROM:{}", offset(before)));
        ics.line(&format!("TZOFFSETTO:{}", offset(after)));
        ics.line(&format!("END:{kind}"));
    }
    ics.line("END:VTIMEZONE");
}

/// Last year an event's calendar needs its zone for.
fn last_year(event: &community_event::Model) -> i32 {
    let first = event.starts_local.year();
    match (event.recurrence.as_str(), event.repeat_until) {
        ("none", _) => event.ends_local.year(),
        (_, Some(until)) => until.year().min(first + 10),
        // An open-ended repetition: ten years of the zone's rules.
        _ => first + 10,
    }
}

/// What an agenda shows of each event.
struct Entry<'a> {
    event: &'a community_event::Model,
    community: &'a community::Model,
    /// The online link, for people who registered.
    online_url: Option<&'a str>,
}

fn vevent(ics: &mut Ics, state: &AppState, entry: &Entry<'_>) {
    let e = entry.event;
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let host = url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "carrefour".into());
    let tz = recurrence::zone(e);
    let page = format!(
        "{public_url}{}",
        super::events::event_path(&entry.community.slug, e.id)
    );
    ics.line("BEGIN:VEVENT");
    ics.line(&format!("UID:community-event-{}@{host}", e.id));
    ics.line(&format!("DTSTAMP:{}", stamp(e.updated_at)));
    ics.line(&format!("CREATED:{}", stamp(e.created_at)));
    ics.line(&format!("LAST-MODIFIED:{}", stamp(e.updated_at)));
    ics.line(&format!(
        "DTSTART;TZID={}:{}",
        tz.name(),
        local(e.starts_local)
    ));
    ics.line(&format!("DTEND;TZID={}:{}", tz.name(), local(e.ends_local)));
    if let Some(rule) = recurrence::rrule(e) {
        ics.line(&format!("RRULE:{rule}"));
    }
    ics.line(&format!("SUMMARY:{}", text(&e.title)));
    let mut description = e.description.clone();
    if let Some(link) = entry.online_url {
        description = format!("{link}\n\n{description}");
    }
    description.push_str(&format!("\n\n{page}"));
    ics.line(&format!("DESCRIPTION:{}", text(description.trim())));
    let location = match Place::parse(&e.place) {
        Some(Place::Commune) => {
            let commune = e
                .commune_insee
                .as_deref()
                .and_then(crate::geo::communes::commune)
                .map(|c| {
                    format!(
                        "{} {}",
                        c.postcodes.first().copied().unwrap_or_default(),
                        c.name
                    )
                })
                .unwrap_or_default();
            Some(if e.address.is_empty() {
                commune
            } else {
                format!("{}, {commune}", e.address)
            })
        }
        _ => entry.online_url.map(str::to_owned),
    };
    if let Some(location) = location.filter(|l| !l.trim().is_empty()) {
        ics.line(&format!("LOCATION:{}", text(location.trim())));
    }
    if let Some(c) = e
        .commune_insee
        .as_deref()
        .and_then(crate::geo::communes::commune)
    {
        ics.line(&format!("GEO:{:.5};{:.5}", c.lat, c.lon));
    }
    ics.line(&format!("URL:{page}"));
    ics.line(&format!(
        "ORGANIZER;CN={}:{public_url}{}",
        param(&entry.community.name),
        super::views::community_path(&entry.community.slug)
    ));
    ics.line(&format!(
        "STATUS:{}",
        if e.status == "cancelled" {
            "CANCELLED"
        } else {
            "CONFIRMED"
        }
    ));
    ics.line("END:VEVENT");
}

/// A parameter value, quoted (RFC 5545 §3.1: no DQUOTE inside).
fn param(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "'"))
}

fn calendar(state: &AppState, name: &str, entries: &[Entry<'_>]) -> String {
    let mut ics = Ics::default();
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line("PRODID:-//Carrefour//Communautes//FR");
    ics.line("CALSCALE:GREGORIAN");
    ics.line("METHOD:PUBLISH");
    ics.line(&format!("X-WR-CALNAME:{}", text(name)));
    let mut zones: Vec<(Tz, i32, i32)> = Vec::new();
    for entry in entries {
        let tz = recurrence::zone(entry.event);
        let (from, to) = (entry.event.starts_local.year(), last_year(entry.event));
        match zones.iter_mut().find(|(z, _, _)| *z == tz) {
            Some(zone) => {
                zone.1 = zone.1.min(from);
                zone.2 = zone.2.max(to);
            }
            None => zones.push((tz, from, to)),
        }
    }
    for (tz, from, to) in zones {
        vtimezone(&mut ics, tz, from, to);
    }
    for entry in entries {
        vevent(&mut ics, state, entry);
    }
    ics.line("END:VCALENDAR");
    ics.0
}

fn ics_response(body: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Events of `user_id` answered going or maybe, among `events`.
async fn registered(
    state: &AppState,
    user_id: Option<i64>,
    events: &[community_event::Model],
) -> AppResult<Vec<i64>> {
    let Some(user_id) = user_id else {
        return Ok(Vec::new());
    };
    Ok(community_registration::Entity::find()
        .filter(community_registration::Column::UserId.eq(user_id))
        .filter(community_registration::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .filter(
            community_registration::Column::Answer
                .is_in([Answer::Going.as_str(), Answer::Maybe.as_str()]),
        )
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.event_id)
        .collect())
}

/// `GET /communautes/{slug}/evenements/{id}/evenement.ics`
pub async fn event(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    access.require_content()?;
    let event = super::events::find(&access, &state, id).await?;
    let mine = registered(
        &state,
        access.me.as_ref().map(|u| u.id),
        std::slice::from_ref(&event),
    )
    .await?;
    let shows_link = mine.contains(&event.id) || super::events::organises(&access, &event);
    let entry = Entry {
        event: &event,
        community: &access.community,
        online_url: event.online_url.as_deref().filter(|_| shows_link),
    };
    Ok(ics_response(
        calendar(&state, &event.title, &[entry]),
        &format!("evenement-{id}.ics"),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    jeton: Option<String>,
}

/// The person a private token stands for in community `community_id`.
async fn token_holder(
    state: &AppState,
    community_id: i64,
    token: &str,
) -> AppResult<Option<user::Model>> {
    let Some(member) = community_member::Entity::find()
        .filter(community_member::Column::CalendarToken.eq(token))
        .filter(community_member::Column::CommunityId.eq(community_id))
        .filter(community_member::Column::Status.eq(MemberStatus::Active.as_str()))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    Ok(user::Entity::find_by_id(member.user_id)
        .one(&state.db)
        .await?
        .filter(|u| u.deleted_at.is_none() && !u.disabled))
}

/// `GET /communautes/{slug}/agenda.ics[?jeton=…]`
pub async fn community_feed(
    State(state): State<AppState>,
    me: Option<CurrentUser>,
    Path(slug): Path<String>,
    Query(query): Query<FeedQuery>,
) -> AppResult<Response> {
    let me = me.map(|CurrentUser(u)| u);
    let found = access::load(&state.db, &slug, me.clone()).await?;
    let access = match query.jeton.as_deref().filter(|t| !t.is_empty()) {
        Some(token) => match token_holder(&state, found.community.id, token).await? {
            Some(holder) => access::load(&state.db, &slug, Some(holder)).await?,
            // A wrong token opens nothing, even for a public community.
            None => return Err(AppError::not_found("community-calendar")),
        },
        None => found,
    };
    if !access.sees_content() {
        return Err(AppError::not_found("community-calendar"));
    }
    let events = community_event::Entity::find()
        .filter(community_event::Column::CommunityId.eq(access.community.id))
        .order_by_asc(community_event::Column::StartsAt)
        .all(&state.db)
        .await?;
    let mine = registered(&state, access.me.as_ref().map(|u| u.id), &events).await?;
    let entries: Vec<Entry<'_>> = events
        .iter()
        .map(|e| Entry {
            event: e,
            community: &access.community,
            online_url: e
                .online_url
                .as_deref()
                .filter(|_| mine.contains(&e.id) || super::events::organises(&access, e)),
        })
        .collect();
    Ok(ics_response(
        calendar(&state, &access.community.name, &entries),
        &format!("{slug}.ics"),
    ))
}

/// `GET /communautes/agenda.ics`: every event of the active public communities.
pub async fn hub_feed(State(state): State<AppState>) -> AppResult<Response> {
    let communities = community::Entity::find()
        .filter(community::Column::Status.eq(Status::Active.as_str()))
        .filter(community::Column::Visibility.eq(Visibility::Public.as_str()))
        .all(&state.db)
        .await?;
    let events = community_event::Entity::find()
        .filter(community_event::Column::CommunityId.is_in(communities.iter().map(|c| c.id)))
        .order_by_asc(community_event::Column::StartsAt)
        .all(&state.db)
        .await?;
    let entries: Vec<Entry<'_>> = events
        .iter()
        .filter_map(|e| {
            Some(Entry {
                event: e,
                community: communities.iter().find(|c| c.id == e.community_id)?,
                online_url: None,
            })
        })
        .collect();
    let name = Lang::Fr.t("community-hub-agenda");
    Ok(ics_response(
        calendar(&state, &name, &entries),
        "carrefour.ics",
    ))
}

/// The agenda address the community page offers: a member's private one, or the
/// public one of a public community.
pub fn feed_url(state: &AppState, access: &Access) -> Option<String> {
    if !access.sees_content() {
        return None;
    }
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    let base = format!(
        "{public_url}{}/agenda.ics",
        super::views::community_path(&access.community.slug)
    );
    match &access.membership {
        Some(m) if access.is_member() => Some(format!("{base}?jeton={}", m.calendar_token)),
        _ => Some(base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_on_character_boundaries() {
        let mut ics = Ics::default();
        ics.line(&format!("SUMMARY:{}", "é".repeat(60)));
        for line in ics.0.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(ics.0.contains("\r\n "));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn paris_changes_twice_a_year() {
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let changes = transitions(chrono_tz::Europe::Paris, from, to);
        assert_eq!(changes.len(), 2);
        assert_eq!(
            changes[0].0,
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap()
        );
        assert_eq!((changes[0].1, changes[0].2), (3600, 7200));
        assert!(transitions(chrono_tz::America::Cayenne, from, to).is_empty());
    }
}
