//! Saved board searches ("alertes"): anyone signed in saves a `/courtage` search and
//! hears of new matching requests by mail, at once, daily or weekly. Every mail carries
//! a one-click unsubscribe link (RFC 8058: `List-Unsubscribe` with
//! `List-Unsubscribe-Post`). The link's token is an HMAC of the alert's id under a hub
//! secret, so the database keeps only its hash and every mail of an alert has the same
//! working link.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::index::Sort;
use super::model::Status;
use super::search::{self, Params};
use super::views::{self, RequestCard};
use crate::accounts::session::CurrentUser;
use crate::digest::{hmac_sha256_hex, sha256_hex};
use crate::entities::{board_request, board_saved_search, settings_kv, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::mail;
use crate::state::AppState;
use crate::taxonomy::Terms;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Lang, Page, flash};
use crate::worker::{self, Job};

/// Requests listed in one mail; the mail links to the search for the rest.
const LISTED_PER_MAIL: usize = 20;
/// Requests published this recently wait for the next look: a request's publication
/// time is taken before its transaction commits, and this node's index must see it.
const SETTLE: Duration = Duration::seconds(60);
const KEY_NAME: &str = "board_alert_key";
const LABEL_MAX: usize = 200;

/// How often an alert mails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Immediate,
    Daily,
    Weekly,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// The shortest time between two looks.
    fn interval(self) -> Duration {
        match self {
            Frequency::Immediate => Duration::zero(),
            Frequency::Daily => Duration::days(1),
            Frequency::Weekly => Duration::days(7),
        }
    }
}

/// The hub's secret for unsubscribe tokens, made once (the first node to ask wins).
async fn hub_key<C: ConnectionTrait>(db: &C) -> Result<Vec<u8>, sea_orm::DbErr> {
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    settings_kv::Entity::insert(settings_kv::ActiveModel {
        key: Set(KEY_NAME.into()),
        value: Set(base64::engine::general_purpose::STANDARD.encode(fresh)),
    })
    .on_conflict(
        OnConflict::column(settings_kv::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let stored = settings_kv::Entity::find_by_id(KEY_NAME.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound(KEY_NAME.into()))?;
    base64::engine::general_purpose::STANDARD
        .decode(stored.value)
        .map_err(|e| sea_orm::DbErr::Custom(format!("{KEY_NAME} is not base64: {e}")))
}

/// The unsubscribe token of alert `id`.
fn token(key: &[u8], id: i64) -> String {
    hmac_sha256_hex(key, format!("board-alert:{id}").as_bytes())
}

/// The one-click unsubscribe address of alert `id`.
pub async fn unsubscribe_url(state: &AppState, id: i64) -> AppResult<String> {
    let key = hub_key(&state.db).await?;
    Ok(format!(
        "{}/courtage/alertes/desabonnement/{}",
        state.settings.server.public_url.trim_end_matches('/'),
        token(&key, id)
    ))
}

/// What the save form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertForm {
    pub label: String,
    pub frequency: String,
    /// The search's query string, as `/courtage` reads it.
    pub query: String,
}

/// The normalised query string of a search (no page number).
fn normalised_query(raw: &str) -> String {
    let mut params = Params::from_query(Some(raw));
    params.page = String::new();
    params.to_query()
}

#[derive(Serialize)]
struct AlertView {
    id: i64,
    label: String,
    frequency: String,
    search_url: String,
    sent_at: Option<String>,
    created_at: String,
}

#[derive(Serialize)]
struct AlertsView {
    alerts: Vec<AlertView>,
    frequencies: Vec<&'static str>,
    /// The save form, shown when it came with mistakes.
    form: Option<AlertForm>,
    errors: FieldErrors,
    max: u64,
}

async fn alerts_of(state: &AppState, user_id: i64, lang: Lang) -> AppResult<Vec<AlertView>> {
    let rows = board_saved_search::Entity::find()
        .filter(board_saved_search::Column::UserId.eq(user_id))
        .order_by_desc(board_saved_search::Column::CreatedAt)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| AlertView {
            id: a.id,
            search_url: search::url_of("/courtage", &Params::from_query(Some(&a.query))),
            label: a.label,
            frequency: a.frequency,
            sent_at: a.sent_at.map(|at| views::show_date(at.date_naive(), lang)),
            created_at: views::show_date(a.created_at.date_naive(), lang),
        })
        .collect())
}

async fn render_list(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    form: Option<AlertForm>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = AlertsView {
        alerts: alerts_of(state, me.id, page.lang()).await?,
        frequencies: Frequency::ALL.iter().map(|f| f.as_str()).collect(),
        form,
        errors,
        max: state.settings.board.alerts_per_person,
    };
    page.render_with_status(status, "board/alerts.html", &view)
}

/// `GET /courtage/mes-alertes`
pub async fn mine(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    render_list(&state, &page, &me, None, FieldErrors::new()).await
}

/// `POST /courtage/alertes`: saves the search the form carries.
pub async fn create(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<AlertForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let label = check_length(&mut errors, "label", &form.label, 1, LABEL_MAX);
    let frequency = Frequency::parse(&form.frequency);
    if frequency.is_none() {
        errors
            .entry("frequency".into())
            .or_default()
            .push("board-alert-frequency-unknown".into());
    }
    let kept = board_saved_search::Entity::find()
        .filter(board_saved_search::Column::UserId.eq(me.id))
        .count(&state.db)
        .await?;
    if kept >= state.settings.board.alerts_per_person {
        errors
            .entry("label".into())
            .or_default()
            .push("board-alert-too-many".into());
    }
    let (Some(frequency), true) = (frequency, errors.is_empty()) else {
        return render_list(&state, &page, &me, Some(form), errors).await;
    };
    let now = state.clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    let key = hub_key(&txn).await?;
    // The hash needs the id: a random placeholder first, the real hash once numbered.
    let placeholder = sha256_hex(&rand::random::<[u8; 32]>());
    let inserted = board_saved_search::Entity::insert(board_saved_search::ActiveModel {
        user_id: Set(me.id),
        query: Set(normalised_query(&form.query)),
        label: Set(label),
        frequency: Set(frequency.as_str().into()),
        unsubscribe_hash: Set(placeholder),
        checked_at: Set(now),
        sent_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let id = inserted.last_insert_id;
    board_saved_search::Entity::update_many()
        .col_expr(
            board_saved_search::Column::UnsubscribeHash,
            Expr::value(sha256_hex(token(&key, id).as_bytes())),
        )
        .filter(board_saved_search::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    flash(&session, "success", "board-alert-saved").await?;
    Ok(Redirect::to("/courtage/mes-alertes").into_response())
}

/// The alert `id` if it is `me`'s.
async fn owned(
    state: &AppState,
    me: &user::Model,
    id: i64,
) -> AppResult<board_saved_search::Model> {
    board_saved_search::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|a| a.user_id == me.id)
        .ok_or_else(|| AppError::NotFound {
            what: "alert".into(),
        })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FrequencyForm {
    pub frequency: String,
}

/// `POST /courtage/alertes/{id}`: changes how often the alert mails.
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<FrequencyForm>,
) -> AppResult<Response> {
    owned(&state, &me, id).await?;
    let Some(frequency) = Frequency::parse(&form.frequency) else {
        let mut errors = FieldErrors::new();
        errors.insert(
            format!("frequency-{id}"),
            vec!["board-alert-frequency-unknown".into()],
        );
        return render_list(&state, &page, &me, None, errors).await;
    };
    board_saved_search::Entity::update_many()
        .col_expr(
            board_saved_search::Column::Frequency,
            Expr::value(frequency.as_str()),
        )
        .filter(board_saved_search::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    flash(&session, "success", "board-alert-updated").await?;
    Ok(Redirect::to("/courtage/mes-alertes").into_response())
}

/// `POST /courtage/alertes/{id}/supprimer`
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    owned(&state, &me, id).await?;
    board_saved_search::Entity::delete_by_id(id)
        .exec(&state.db)
        .await?;
    flash(&session, "success", "board-alert-deleted").await?;
    Ok(Redirect::to("/courtage/mes-alertes").into_response())
}

#[derive(Serialize)]
struct UnsubscribeView {
    /// The alert's label while it exists.
    label: Option<String>,
    done: bool,
    action: String,
}

async fn by_token(state: &AppState, token: &str) -> AppResult<Option<board_saved_search::Model>> {
    Ok(board_saved_search::Entity::find()
        .filter(board_saved_search::Column::UnsubscribeHash.eq(sha256_hex(token.as_bytes())))
        .one(&state.db)
        .await?)
}

/// `GET /courtage/alertes/desabonnement/{token}`: asks to confirm (link checkers in
/// mailboxes follow links; only the POST unsubscribes).
pub async fn unsubscribe_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let alert = by_token(&state, &token).await?;
    let status = if alert.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let view = UnsubscribeView {
        label: alert.map(|a| a.label),
        done: false,
        action: format!("/courtage/alertes/desabonnement/{token}"),
    };
    page.render_with_status(status, "board/unsubscribe.html", &view)
}

/// `POST /courtage/alertes/desabonnement/{token}`: the one-click unsubscribe (RFC 8058;
/// mail providers post `List-Unsubscribe=One-Click` without cookies, so the token is
/// the only credential and no form token is asked).
pub async fn unsubscribe(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let alert = by_token(&state, &token).await?;
    let Some(alert) = alert else {
        let view = UnsubscribeView {
            label: None,
            done: false,
            action: String::new(),
        };
        return page.render_with_status(StatusCode::NOT_FOUND, "board/unsubscribe.html", &view);
    };
    board_saved_search::Entity::delete_by_id(alert.id)
        .exec(&state.db)
        .await?;
    let view = UnsubscribeView {
        label: Some(alert.label),
        done: true,
        action: String::new(),
    };
    page.render("board/unsubscribe.html", &view)
}

/// Mails the alerts that are due. Run by the scheduler; an alert's window moves forward
/// with a conditional update, so several workers mail it once.
#[derive(Debug, Serialize, Deserialize)]
pub struct SendBoardAlerts;

impl Job for SendBoardAlerts {
    const KIND: &'static str = "send_board_alerts";

    async fn run(self, state: &AppState) -> anyhow::Result<()> {
        let mailed = send_due(state).await?;
        if mailed > 0 {
            tracing::info!(mailed, "board alerts mailed");
        }
        Ok(())
    }

    fn unique_key(&self) -> Option<String> {
        Some(Self::KIND.into())
    }
}

#[derive(Serialize)]
struct AlertMail {
    name: String,
    label: String,
    count: usize,
    requests: Vec<RequestCard>,
    more: usize,
    search_url: String,
    manage_url: String,
    unsubscribe_url: String,
}

/// Looks at every due alert; returns how many mails were queued.
pub async fn send_due(state: &AppState) -> anyhow::Result<usize> {
    let until = state.clock.now() - SETTLE;
    let latest = board_request::Entity::find()
        .filter(board_request::Column::Status.eq(Status::Published.as_str()))
        .select_only()
        .column_as(board_request::Column::PublishedAt.max(), "latest")
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(&state.db)
        .await?
        .flatten();
    let key = hub_key(&state.db).await?;
    let mut mailed = 0;
    let mut after_id = 0;
    loop {
        let batch = board_saved_search::Entity::find()
            .filter(board_saved_search::Column::Id.gt(after_id))
            .filter(board_saved_search::Column::CheckedAt.lt(until))
            .order_by_asc(board_saved_search::Column::Id)
            .limit(500)
            .all(&state.db)
            .await?;
        let Some(last) = batch.last() else { break };
        after_id = last.id;
        for alert in batch {
            let interval = Frequency::parse(&alert.frequency)
                .unwrap_or(Frequency::Daily)
                .interval();
            if until - alert.checked_at < interval {
                continue;
            }
            let fresh = match latest {
                Some(latest) if latest > alert.checked_at => {
                    new_matches(state, &alert, until).await?
                }
                _ => Vec::new(),
            };
            if look(state, &key, &alert, fresh, until).await? {
                mailed += 1;
            }
        }
    }
    Ok(mailed)
}

/// The published requests of the alert's search that appeared in its window, newest
/// first.
async fn new_matches(
    state: &AppState,
    alert: &board_saved_search::Model,
    until: DateTime<Utc>,
) -> anyhow::Result<Vec<board_request::Model>> {
    let mut params = Params::from_query(Some(&alert.query));
    params.ended = String::new();
    params.sort = Sort::Newest.param().into();
    let mut found_rows = Vec::new();
    let mut page = 1;
    loop {
        params.page = page.to_string();
        let found = search::run(state, &params.query(100)).await?;
        if found.ids.is_empty() {
            break;
        }
        let rows = board_request::Entity::find()
            .filter(board_request::Column::Id.is_in(found.ids.clone()))
            .all(&state.db)
            .await?;
        let mut older_seen = false;
        for row in rows {
            match row.published_at {
                Some(at)
                    if at > alert.checked_at
                        && at <= until
                        && row.status == Status::Published.as_str() =>
                {
                    found_rows.push(row);
                }
                Some(at) if at <= alert.checked_at => older_seen = true,
                _ => {}
            }
        }
        // Newest first: once a page reaches requests older than the window, stop.
        if older_seen || found.ids.len() < 100 {
            break;
        }
        page += 1;
    }
    found_rows.sort_by_key(|r| std::cmp::Reverse(r.published_at));
    Ok(found_rows)
}

/// Moves the alert's window to `until` and, when it found requests, queues the mail in
/// the same transaction; false when another worker moved it first or nothing was new.
async fn look(
    state: &AppState,
    key: &[u8],
    alert: &board_saved_search::Model,
    fresh: Vec<board_request::Model>,
    until: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let person = user::Entity::find_by_id(alert.user_id)
        .one(&state.db)
        .await?
        .filter(|u| u.verified_at.is_some() && !u.disabled && u.deleted_at.is_none());
    let txn = crate::db::begin_write(&state.db).await?;
    let mut update = board_saved_search::Entity::update_many()
        .col_expr(board_saved_search::Column::CheckedAt, Expr::value(until))
        .filter(board_saved_search::Column::Id.eq(alert.id))
        .filter(board_saved_search::Column::CheckedAt.eq(alert.checked_at));
    let mailing = !fresh.is_empty() && person.is_some();
    if mailing {
        update = update.col_expr(
            board_saved_search::Column::SentAt,
            Expr::value(state.clock.now()),
        );
    }
    if update.exec(&txn).await?.rows_affected != 1 || !mailing {
        txn.commit().await?;
        return Ok(false);
    }
    let person = person.expect("checked above");
    let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
    let terms = Terms::load(&state.db).await?;
    let count = fresh.len();
    let listed: Vec<board_request::Model> = fresh.into_iter().take(LISTED_PER_MAIL).collect();
    let mut requests = views::cards(&state.db, &listed, &terms, lang).await?;
    let base = state.settings.server.public_url.trim_end_matches('/');
    for card in &mut requests {
        card.url = format!("{base}{}", card.url);
    }
    let mut newest = Params::from_query(Some(&alert.query));
    newest.sort = Sort::Newest.param().into();
    let unsubscribe_url = format!(
        "{base}/courtage/alertes/desabonnement/{}",
        token(key, alert.id)
    );
    let view = AlertMail {
        name: person.display_name.clone(),
        label: alert.label.clone(),
        count,
        more: count - requests.len(),
        requests,
        search_url: format!("{base}{}", search::url_of("/courtage", &newest)),
        manage_url: format!("{base}/courtage/mes-alertes"),
        unsubscribe_url: unsubscribe_url.clone(),
    };
    let mut mail = mail::render(state, "board_alert", lang, &person.email, None, &view)?;
    mail.list_unsubscribe = Some(unsubscribe_url);
    worker::queue::insert(&txn, &mail, Utc::now(), state.settings.worker.max_attempts).await?;
    txn.commit().await?;
    state.jobs_queued.notify_one();
    Ok(true)
}
