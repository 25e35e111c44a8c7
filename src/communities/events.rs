//! A community's events (`/communautes/{slug}/evenements/…`): members create them; their
//! creator and the hosts (the organisers) edit or cancel them and see and export who
//! comes; whoever sees the community's content answers going, maybe or not going. The
//! online link is shown to organisers and to people who answered going or maybe.
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access::{self, Access};
use super::event_form::{EventForm, EventInput, Limits, ZONES};
use super::model::{Answer, Place, Recurrence};
use super::recurrence::{self, Occurrence};
use super::registration;
use super::views::community_path;
use crate::accounts::session::CurrentUser;
use crate::entities::{community_event, community_registration, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Lang, Page, flash};

/// `/communautes/{slug}/evenements/{id}`.
pub fn event_path(slug: &str, id: i64) -> String {
    format!("/communautes/{slug}/evenements/{id}")
}

/// A wall-clock time in its zone, as people read it.
pub fn local_label(local: NaiveDateTime, tz: Tz, lang: Lang) -> String {
    let zone = if tz == chrono_tz::Europe::Paris {
        String::new()
    } else {
        format!(" ({})", tz.name())
    };
    match lang {
        Lang::Fr => format!("{}{zone}", local.format("%d/%m/%Y à %H:%M")),
        Lang::En => format!("{}{zone}", local.format("%Y-%m-%d at %H:%M")),
    }
}

/// When an event (first) happens and how it repeats.
pub fn when_label(event: &community_event::Model, lang: Lang) -> String {
    let tz = recurrence::zone(event);
    let first = local_label(event.starts_local, tz, lang);
    match Recurrence::parse(&event.recurrence) {
        Some(Recurrence::Weekly) => {
            format!("{first} — {}", lang.t("community-event-recurrence-weekly"))
        }
        Some(Recurrence::Monthly) => {
            format!("{first} — {}", lang.t("community-event-recurrence-monthly"))
        }
        _ => first,
    }
}

/// Where an event takes place, as people read it.
pub fn place_text(event: &community_event::Model, lang: Lang) -> String {
    match Place::parse(&event.place) {
        Some(Place::Commune) => {
            let commune = event
                .commune_insee
                .as_deref()
                .and_then(crate::geo::communes::commune)
                .map(|c| format!("{} ({})", c.name, c.department))
                .unwrap_or_default();
            if event.address.is_empty() {
                commune
            } else {
                format!("{}, {commune}", event.address)
            }
        }
        _ => lang.t("community-event-online"),
    }
}

/// An event in a list: its next (or last) occurrence.
#[derive(Debug, Clone, Serialize)]
pub struct EventCard {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub when: String,
    pub repeats: bool,
    pub place: String,
    pub cancelled: bool,
    pub capacity: Option<i32>,
    pub going: u64,
}

async fn card(
    state: &AppState,
    slug: &str,
    event: &community_event::Model,
    occurrence: Option<Occurrence>,
    lang: Lang,
) -> AppResult<EventCard> {
    let tz = recurrence::zone(event);
    Ok(EventCard {
        id: event.id,
        title: event.title.clone(),
        url: event_path(slug, event.id),
        when: local_label(occurrence.map_or(event.starts_local, |o| o.local), tz, lang),
        repeats: event.recurrence != Recurrence::None.as_str(),
        place: place_text(event, lang),
        cancelled: event.status == "cancelled",
        capacity: event.capacity,
        going: registration::going_count(&state.db, event.id).await?,
    })
}

/// Upcoming events (by their next occurrence) and the latest past ones of a community.
pub async fn cards_of_community(
    state: &AppState,
    access: &Access,
    lang: Lang,
) -> AppResult<(Vec<EventCard>, Vec<EventCard>)> {
    let now = state.clock.now();
    let events = community_event::Entity::find()
        .filter(community_event::Column::CommunityId.eq(access.community.id))
        .order_by_asc(community_event::Column::StartsAt)
        .all(&state.db)
        .await?;
    let mut upcoming: Vec<(DateTime<Utc>, EventCard)> = Vec::new();
    let mut past: Vec<(DateTime<Utc>, EventCard)> = Vec::new();
    for event in &events {
        match recurrence::next(event, now) {
            Some(next) => upcoming.push((
                next.starts_at,
                card(state, &access.community.slug, event, Some(next), lang).await?,
            )),
            None => past.push((
                event.starts_at,
                card(state, &access.community.slug, event, None, lang).await?,
            )),
        }
    }
    upcoming.sort_by_key(|(at, _)| *at);
    past.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    past.truncate(10);
    Ok((
        upcoming.into_iter().map(|(_, c)| c).collect(),
        past.into_iter().map(|(_, c)| c).collect(),
    ))
}

/// The event `id` of the community, or 404.
pub async fn find(access: &Access, state: &AppState, id: i64) -> AppResult<community_event::Model> {
    community_event::Entity::find_by_id(id)
        .filter(community_event::Column::CommunityId.eq(access.community.id))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("community-event"))
}

/// The creator (still a member) or a host.
pub fn organises(access: &Access, event: &community_event::Model) -> bool {
    access.is_host()
        || (access.is_member()
            && access
                .me
                .as_ref()
                .is_some_and(|u| event.created_by == Some(u.id)))
}

#[derive(Serialize)]
struct FormView {
    mode: &'static str,
    action: String,
    community_name: String,
    community_url: String,
    form: EventForm,
    errors: FieldErrors,
    zones: Vec<&'static str>,
    recurrences: Vec<&'static str>,
}

fn form_view(
    access: &Access,
    existing: Option<&community_event::Model>,
    form: EventForm,
    errors: FieldErrors,
) -> FormView {
    let slug = &access.community.slug;
    FormView {
        mode: if existing.is_some() { "edit" } else { "new" },
        action: match existing {
            Some(e) => format!("{}/modifier", event_path(slug, e.id)),
            None => format!("{}/evenements/nouveau", community_path(slug)),
        },
        community_name: access.community.name.clone(),
        community_url: community_path(slug),
        form,
        errors,
        zones: ZONES.to_vec(),
        recurrences: Recurrence::codes(),
    }
}

fn fill(row: &mut community_event::ActiveModel, input: &EventInput) {
    row.title = Set(input.title.clone());
    row.description = Set(input.description.clone());
    row.description_html = Set(crate::web::markdown::to_safe_html(&input.description));
    row.starts_local = Set(input.starts_local);
    row.ends_local = Set(input.ends_local);
    row.time_zone = Set(input.time_zone.name().to_owned());
    row.starts_at = Set(input.starts_at);
    row.ends_at = Set(input.ends_at);
    row.recurrence = Set(input.recurrence.as_str().into());
    row.repeat_until = Set(input.repeat_until);
    row.place = Set(input.place.as_str().into());
    row.commune_insee = Set(input.commune_insee.clone());
    row.department_code = Set(input.department_code.clone());
    row.region_code = Set(input.region_code.clone());
    row.address = Set(input.address.clone());
    row.online_url = Set(input.online_url.clone());
    row.capacity = Set(input.capacity);
    row.updated_at = Set(Utc::now());
}

/// Saves a new event of `community_id` by `creator`.
pub async fn insert(
    state: &AppState,
    community_id: i64,
    creator: Option<i64>,
    input: &EventInput,
) -> AppResult<community_event::Model> {
    let mut row = community_event::ActiveModel {
        community_id: Set(community_id),
        status: Set("scheduled".into()),
        created_by: Set(creator),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    fill(&mut row, input);
    Ok(row.insert(&state.db).await?)
}

async fn member_access(state: &AppState, slug: &str, me: user::Model) -> AppResult<Access> {
    let access = access::load(&state.db, slug, Some(me)).await?;
    access.require_member()?;
    Ok(access)
}

/// `GET /communautes/{slug}/evenements/nouveau`
pub async fn new_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me).await?;
    let form = EventForm {
        time_zone: "Europe/Paris".into(),
        recurrence: "none".into(),
        place: "commune".into(),
        ..Default::default()
    };
    page.render(
        "communities/event_form.html",
        &form_view(&access, None, form, FieldErrors::new()),
    )
}

/// `POST /communautes/{slug}/evenements/nouveau`
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<EventForm>,
) -> AppResult<Response> {
    let access = member_access(&state, &slug, me.clone()).await?;
    let limits = Limits {
        now: state.clock.now(),
        going: 0,
        is_new: true,
    };
    let input = match form.parse(&limits) {
        Ok(input) => input,
        Err(errors) => {
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "communities/event_form.html",
                &form_view(&access, None, form, errors),
            );
        }
    };
    let saved = insert(&state, access.community.id, Some(me.id), &input).await?;
    flash(&session, "success", "community-event-created").await?;
    Ok(Redirect::to(&event_path(&slug, saved.id)).into_response())
}

fn form_of(event: &community_event::Model) -> EventForm {
    EventForm {
        title: event.title.clone(),
        description: event.description.clone(),
        starts: event.starts_local.format("%Y-%m-%dT%H:%M").to_string(),
        ends: event.ends_local.format("%Y-%m-%dT%H:%M").to_string(),
        time_zone: event.time_zone.clone(),
        recurrence: event.recurrence.clone(),
        repeat_until: event
            .repeat_until
            .map(|d| d.to_string())
            .unwrap_or_default(),
        place: event.place.clone(),
        commune: event.commune_insee.clone().unwrap_or_default(),
        address: event.address.clone(),
        online_url: event.online_url.clone().unwrap_or_default(),
        capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
    }
}

async fn organiser_access(
    state: &AppState,
    slug: &str,
    me: user::Model,
    id: i64,
) -> AppResult<(Access, community_event::Model)> {
    let access = access::load(&state.db, slug, Some(me)).await?;
    access.require_content()?;
    let event = find(&access, state, id).await?;
    if !organises(&access, &event) {
        return Err(AppError::forbidden("community-event-organisers-only"));
    }
    Ok((access, event))
}

/// `GET /communautes/{slug}/evenements/{id}/modifier`
pub async fn edit_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (access, event) = organiser_access(&state, &slug, me, id).await?;
    page.render(
        "communities/event_form.html",
        &form_view(&access, Some(&event), form_of(&event), FieldErrors::new()),
    )
}

/// `POST /communautes/{slug}/evenements/{id}/modifier`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<EventForm>,
) -> AppResult<Response> {
    let (access, event) = organiser_access(&state, &slug, me, id).await?;
    let limits = Limits {
        now: state.clock.now(),
        going: registration::going_count(&state.db, event.id).await?,
        is_new: false,
    };
    let input = match form.parse(&limits) {
        Ok(input) => input,
        Err(errors) => {
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "communities/event_form.html",
                &form_view(&access, Some(&event), form, errors),
            );
        }
    };
    let mut row: community_event::ActiveModel = event.into();
    fill(&mut row, &input);
    let saved = row.update(&state.db).await?;
    // A larger room seats the people waiting, in order.
    registration::fill_seats(&state, &saved).await?;
    flash(&session, "success", "community-event-saved").await?;
    Ok(Redirect::to(&event_path(&slug, id)).into_response())
}

/// `POST /communautes/{slug}/evenements/{id}/annuler`
pub async fn cancel(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let (_, event) = organiser_access(&state, &slug, me, id).await?;
    let mut row: community_event::ActiveModel = event.into();
    row.status = Set("cancelled".into());
    row.updated_at = Set(Utc::now());
    row.update(&state.db).await?;
    flash(&session, "success", "community-event-cancelled").await?;
    Ok(Redirect::to(&event_path(&slug, id)).into_response())
}

/// A participant as organisers see them.
#[derive(Debug, Serialize)]
pub struct Participant {
    pub name: String,
    pub answer: String,
    pub waiting_rank: Option<i64>,
    pub answered: String,
}

async fn participants(state: &AppState, event_id: i64) -> AppResult<Vec<Participant>> {
    let rows = community_registration::Entity::find()
        .filter(community_registration::Column::EventId.eq(event_id))
        .order_by_asc(community_registration::Column::Id)
        .all(&state.db)
        .await?;
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(&state.db)
        .await?;
    let order = |a: &str| match Answer::parse(a) {
        Some(Answer::Going) => 0,
        Some(Answer::Waiting) => 1,
        Some(Answer::Maybe) => 2,
        _ => 3,
    };
    let mut out: Vec<(i32, i64, Participant)> = rows
        .into_iter()
        .filter_map(|r| {
            let person = people.iter().find(|p| p.id == r.user_id)?;
            Some((
                order(&r.answer),
                r.waiting_rank.unwrap_or(r.id),
                Participant {
                    name: person.display_name.clone(),
                    answer: r.answer,
                    waiting_rank: r.waiting_rank,
                    answered: r.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                },
            ))
        })
        .collect();
    out.sort_by_key(|(o, rank, _)| (*o, *rank));
    Ok(out.into_iter().map(|(_, _, p)| p).collect())
}

#[derive(Serialize)]
struct ShowView {
    community_name: String,
    community_url: String,
    slug: String,
    card: EventCard,
    when: String,
    time_zone: String,
    description_html: String,
    /// The next occurrences of a repeating event.
    next_dates: Vec<String>,
    online: bool,
    online_url: Option<String>,
    signed_in: bool,
    may_answer: bool,
    my_answer: Option<String>,
    my_rank: Option<i64>,
    waiting: usize,
    organises: bool,
    participants: Vec<Participant>,
    ics_url: String,
}

/// `GET /communautes/{slug}/evenements/{id}`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    me: Option<CurrentUser>,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let lang = page.lang();
    let access = access::load(&state.db, &slug, me.map(|CurrentUser(u)| u)).await?;
    access.require_content()?;
    let event = find(&access, &state, id).await?;
    let now = state.clock.now();
    let next = recurrence::next(&event, now);
    let mine = match &access.me {
        Some(u) => registration::of(&state.db, event.id, u.id).await?,
        None => None,
    };
    let organises = organises(&access, &event);
    let registered = mine.as_ref().is_some_and(|r| {
        matches!(
            Answer::parse(&r.answer),
            Some(Answer::Going | Answer::Maybe)
        )
    });
    let all = participants(&state, event.id).await?;
    let tz = recurrence::zone(&event);
    let view = ShowView {
        community_name: access.community.name.clone(),
        community_url: community_path(&slug),
        slug: slug.clone(),
        card: card(&state, &slug, &event, next, lang).await?,
        when: when_label(&event, lang),
        time_zone: event.time_zone.clone(),
        description_html: event.description_html.clone(),
        next_dates: if event.recurrence == Recurrence::None.as_str() {
            Vec::new()
        } else {
            recurrence::between(&event, now, DateTime::<Utc>::MAX_UTC, 6)
                .into_iter()
                .map(|o| local_label(o.local, tz, lang))
                .collect()
        },
        online: event.place == Place::Online.as_str(),
        online_url: (registered || organises)
            .then(|| event.online_url.clone())
            .flatten(),
        signed_in: access.me.is_some(),
        may_answer: access.me.is_some() && event.status != "cancelled",
        my_answer: mine.as_ref().map(|r| r.answer.clone()),
        my_rank: mine.as_ref().and_then(|r| r.waiting_rank),
        waiting: all
            .iter()
            .filter(|p| p.answer == Answer::Waiting.as_str())
            .count(),
        organises,
        participants: if organises { all } else { Vec::new() },
        ics_url: format!("{}/evenement.ics", event_path(&slug, event.id)),
    };
    page.render("communities/event.html", &view)
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// `POST /communautes/{slug}/evenements/{id}/inscription`
pub async fn answer(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> AppResult<Response> {
    let access = access::load(&state.db, &slug, Some(me.clone())).await?;
    access.require_content()?;
    let event = find(&access, &state, id).await?;
    if event.status == "cancelled" {
        return Err(AppError::Conflict("community-event-cancelled".into()));
    }
    let wanted = match Answer::parse(&form.answer) {
        Some(Answer::Waiting) | None => {
            return Err(AppError::invalid(
                "answer",
                "community-event-answer-invalid",
            ));
        }
        Some(a) => a,
    };
    let outcome = registration::answer(&state, &event, me.id, wanted).await?;
    let key = match outcome.answer {
        Answer::Going => "community-event-flash-going",
        Answer::Waiting => "community-event-flash-waiting",
        Answer::Maybe => "community-event-flash-maybe",
        Answer::NotGoing => "community-event-flash-not-going",
    };
    flash(&session, "success", key).await?;
    Ok(Redirect::to(&event_path(&slug, id)).into_response())
}

/// A cell that spreadsheets will not read as a formula.
pub fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// `GET /communautes/{slug}/evenements/{id}/participants.csv` (organisers)
pub async fn participants_csv(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (_, event) = organiser_access(&state, &slug, me, id).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, row: [&str; 4]| {
        out.write_record(row.map(spreadsheet_safe))
            .map_err(|e| AppError::Internal(e.into()))
    };
    write(&mut out, ["name", "answer", "waiting_rank", "answered_at"])?;
    for p in participants(&state, event.id).await? {
        let rank = p.waiting_rank.map(|r| r.to_string()).unwrap_or_default();
        write(&mut out, [&p.name, &p.answer, &rank, &p.answered])?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"participants-{}.csv\"", event.id),
            ),
        ],
        bytes,
    )
        .into_response())
}
