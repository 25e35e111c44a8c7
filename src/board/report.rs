//! Reports: anyone signed in reports a request on the board; the posting organisation
//! reports an answer it received (only it and the respondent see answers). A person
//! reports a target once (unique keys). Coordinators are told (kind `board_report`) and
//! decide in `/courtage/moderation`: dismiss the report, or take the request off the
//! board / hide the answer — then the organisation is told (kind `board_moderated`) and
//! every open report on that target is closed with the decision.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::Status;
use super::views::{request_path, show_date};
use crate::accounts::session::{Coordinator, CurrentUser};
use crate::entities::{board_answer, board_report, board_request, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::notifications;
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::{CsrfForm, Lang, Page, flash};

/// Kind of the coordinators' alert about a new report.
pub const KIND_REPORT: &str = "board_report";
/// Kind of the organisation's notice that a coordinator acted on a report.
pub const KIND_MODERATED: &str = "board_moderated";

/// Shortest and longest reason, in characters.
const REASON_MIN: usize = 10;
const REASON_MAX: usize = 1000;

/// What is reported.
enum Target {
    Request(board_request::Model),
    Answer(board_answer::Model, board_request::Model),
}

impl Target {
    fn request(&self) -> &board_request::Model {
        match self {
            Target::Request(r) | Target::Answer(_, r) => r,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Target::Request(_) => "request",
            Target::Answer(..) => "answer",
        }
    }

    fn form_path(&self) -> String {
        match self {
            Target::Request(r) => format!("{}/signaler", request_path(r.id)),
            Target::Answer(a, _) => format!("/courtage/reponses/{}/signaler", a.id),
        }
    }

    /// Where the reporter goes back to.
    fn back_path(&self) -> String {
        match self {
            Target::Request(r) => request_path(r.id),
            Target::Answer(a, r) => format!("{}/reponses#reponse-{}", request_path(r.id), a.id),
        }
    }
}

/// A request anyone may report: one on the board.
async fn reportable_request(state: &AppState, id: i64) -> AppResult<Target> {
    let request = super::service::find(&state.db, id).await?;
    if !Status::parse(&request.status).is_some_and(Status::is_public) {
        return Err(AppError::not_found("board-request"));
    }
    Ok(Target::Request(request))
}

/// An answer its request's organisation may report.
async fn reportable_answer(state: &AppState, me: &user::Model, id: i64) -> AppResult<Target> {
    let (answer, request) = super::inbox::managed_answer(state, me, id).await?;
    Ok(Target::Answer(answer, request))
}

/// The reason given.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    reason: String,
}

#[derive(Serialize)]
struct ReportView {
    target: &'static str,
    title: String,
    respondent: Option<String>,
    action: String,
    back: String,
    form: ReportForm,
    errors: FieldErrors,
}

fn render(
    page: &Page,
    target: &Target,
    form: ReportForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let view = ReportView {
        target: target.code(),
        title: target.request().title.clone(),
        respondent: match target {
            Target::Answer(a, _) => Some(a.respondent_name.clone()),
            Target::Request(_) => None,
        },
        action: target.form_path(),
        back: target.back_path(),
        form,
        errors,
    };
    page.render_with_status(status, "board/report.html", &view)
}

/// `GET /courtage/demandes/{id}/signaler`
pub async fn request_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(_): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let target = reportable_request(&state, id).await?;
    render(
        &page,
        &target,
        ReportForm::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
}

/// `POST /courtage/demandes/{id}/signaler`
pub async fn report_request(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> AppResult<Response> {
    let target = reportable_request(&state, id).await?;
    submit(&state, &page, &session, &me, target, form).await
}

/// `GET /courtage/reponses/{id}/signaler`
pub async fn answer_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let target = reportable_answer(&state, &me, id).await?;
    render(
        &page,
        &target,
        ReportForm::default(),
        FieldErrors::new(),
        StatusCode::OK,
    )
}

/// `POST /courtage/reponses/{id}/signaler`
pub async fn report_answer(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> AppResult<Response> {
    let target = reportable_answer(&state, &me, id).await?;
    submit(&state, &page, &session, &me, target, form).await
}

/// Board keys for the generic length problems, so that the message names the reason.
fn reason_errors(form: &ReportForm) -> (String, FieldErrors) {
    let mut generic = FieldErrors::new();
    let reason = check_length(&mut generic, "reason", &form.reason, REASON_MIN, REASON_MAX);
    let mut errors = FieldErrors::new();
    for key in generic.remove("reason").unwrap_or_default() {
        let board = match key.as_str() {
            "field-required" => "board-report-reason-required",
            "field-too-short" => "board-report-reason-too-short",
            _ => "board-report-reason-too-long",
        };
        errors
            .entry("reason".into())
            .or_default()
            .push(board.into());
    }
    (reason, errors)
}

async fn submit(
    state: &AppState,
    page: &Page,
    session: &Session,
    me: &user::Model,
    target: Target,
    form: ReportForm,
) -> AppResult<Response> {
    let (reason, errors) = reason_errors(&form);
    if !errors.is_empty() {
        return render(
            page,
            &target,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let (request_id, answer_id, conflict) = match &target {
        Target::Request(r) => (Some(r.id), None, board_report::Column::RequestId),
        Target::Answer(a, _) => (None, Some(a.id), board_report::Column::AnswerId),
    };
    let inserted = board_report::Entity::insert(board_report::ActiveModel {
        request_id: Set(request_id),
        answer_id: Set(answer_id),
        reporter_id: Set(Some(me.id)),
        reason: Set(reason.clone()),
        status: Set("open".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([conflict, board_report::Column::ReporterId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&state.db)
    .await?;
    if inserted == 1 {
        alert_coordinators(state, &target, &reason).await?;
    }
    let key = if inserted == 1 {
        "board-report-sent"
    } else {
        "board-report-already"
    };
    flash(session, "success", key).await?;
    Ok(Redirect::to(&target.back_path()).into_response())
}

#[derive(Serialize)]
struct ReportMail {
    name: String,
    target: &'static str,
    title: String,
    reason: String,
    link: String,
}

async fn alert_coordinators(state: &AppState, target: &Target, reason: &str) -> AppResult<()> {
    let coordinators = notifications::coordinators(&state.db).await?;
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    for person in notifications::recipients(&state.db, coordinators, KIND_REPORT).await? {
        let mail = ReportMail {
            name: person.display_name.clone(),
            target: target.code(),
            title: target.request().title.clone(),
            reason: reason.to_owned(),
            link: format!("{public_url}/courtage/moderation"),
        };
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        crate::mail::queue(state, "board_report", lang, &person.email, None, &mail).await?;
    }
    Ok(())
}

/// An open report in the coordinators' queue.
#[derive(Serialize)]
pub struct ReportRow {
    id: i64,
    target: &'static str,
    title: String,
    url: String,
    reason: String,
    reporter: String,
    reported: String,
    /// The reported answer's respondent and text (coordinators judge what they read).
    respondent: Option<String>,
    answer: Option<String>,
    /// The request is off the board or the answer hidden already.
    settled: bool,
}

/// Open reports, oldest first, for `/courtage/moderation`.
pub async fn open_reports(state: &AppState, lang: Lang) -> AppResult<Vec<ReportRow>> {
    let rows = board_report::Entity::find()
        .filter(board_report::Column::Status.eq("open"))
        .order_by_asc(board_report::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for report in rows {
        let target = target_of(state, &report).await?;
        let reporter = match report.reporter_id {
            Some(id) => user::Entity::find_by_id(id)
                .one(&state.db)
                .await?
                .map(|u| u.display_name),
            None => None,
        };
        let request = target.request();
        let (respondent, answer, settled) = match &target {
            Target::Request(r) => (None, None, r.status == Status::Unpublished.as_str()),
            Target::Answer(a, _) => (
                Some(a.respondent_name.clone()),
                Some(a.body.clone()),
                a.hidden_at.is_some(),
            ),
        };
        out.push(ReportRow {
            id: report.id,
            target: target.code(),
            title: request.title.clone(),
            url: request_path(request.id),
            reason: report.reason,
            reporter: reporter.unwrap_or_else(|| lang.t("board-respondent-gone")),
            reported: show_date(report.created_at.date_naive(), lang),
            respondent,
            answer,
            settled,
        });
    }
    Ok(out)
}

async fn target_of(state: &AppState, report: &board_report::Model) -> AppResult<Target> {
    if let Some(answer_id) = report.answer_id {
        let answer = board_answer::Entity::find_by_id(answer_id)
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::not_found("board-answer"))?;
        let request = super::service::find(&state.db, answer.request_id).await?;
        return Ok(Target::Answer(answer, request));
    }
    let id = report
        .request_id
        .ok_or_else(|| AppError::not_found("board-report"))?;
    Ok(Target::Request(super::service::find(&state.db, id).await?))
}

/// A coordinator's decision on a report.
#[derive(Debug, Deserialize)]
pub struct ReportDecision {
    /// `dismiss`, or `act` (take the request off / hide the answer).
    #[serde(default)]
    decision: String,
    /// Shown to the organisation when acting; the report's reason when empty.
    #[serde(default)]
    note: String,
}

/// `POST /courtage/moderation/signalements/{id}`
pub async fn decide(
    State(state): State<AppState>,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<ReportDecision>,
) -> AppResult<Response> {
    let report = board_report::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|r| r.status == "open")
        .ok_or_else(|| AppError::not_found("board-report"))?;
    match form.decision.as_str() {
        "dismiss" => {
            settle(&state, &me, board_report::Column::Id.eq(id), "dismissed").await?;
        }
        "act" => {
            let target = target_of(&state, &report).await?;
            let note: String = form.note.trim().chars().take(REASON_MAX).collect();
            let note = if note.is_empty() { report.reason } else { note };
            act(&state, &me, &target, &note).await?;
        }
        _ => return Err(AppError::invalid("decision", "board-decision-required")),
    }
    flash(&session, "success", "board-moderation-done").await?;
    Ok(Redirect::to("/courtage/moderation").into_response())
}

/// Takes the request off or hides the answer, closes the target's open reports, and
/// tells the organisation when something changed.
async fn act(state: &AppState, me: &user::Model, target: &Target, note: &str) -> AppResult<()> {
    let (changed, reports) = match target {
        Target::Request(r) => (
            super::lifecycle::take_off(state, r.id, me, note).await?,
            board_report::Column::RequestId.eq(r.id),
        ),
        Target::Answer(a, _) => {
            let hidden = board_answer::Entity::update_many()
                .col_expr(
                    board_answer::Column::HiddenAt,
                    Expr::value(state.clock.now()),
                )
                .col_expr(board_answer::Column::UpdatedAt, Expr::value(Utc::now()))
                .filter(board_answer::Column::Id.eq(a.id))
                .filter(board_answer::Column::HiddenAt.is_null())
                .exec(&state.db)
                .await?;
            (
                hidden.rows_affected == 1,
                board_report::Column::AnswerId.eq(a.id),
            )
        }
    };
    settle(state, me, reports, "acted").await?;
    if changed {
        tell_organisation(state, target, note).await?;
    }
    Ok(())
}

/// Closes the open reports `which` picks with `outcome`.
async fn settle(
    state: &AppState,
    me: &user::Model,
    which: sea_orm::sea_query::SimpleExpr,
    outcome: &str,
) -> AppResult<()> {
    board_report::Entity::update_many()
        .col_expr(board_report::Column::Status, Expr::value(outcome))
        .col_expr(board_report::Column::DecidedBy, Expr::value(me.id))
        .col_expr(board_report::Column::DecidedAt, Expr::value(Utc::now()))
        .filter(which)
        .filter(board_report::Column::Status.eq("open"))
        .exec(&state.db)
        .await?;
    Ok(())
}

#[derive(Serialize)]
struct ModeratedMail {
    name: String,
    target: &'static str,
    title: String,
    respondent: String,
    note: String,
    link: String,
}

async fn tell_organisation(state: &AppState, target: &Target, note: &str) -> AppResult<()> {
    let request = target.request();
    let members = super::access::organisation_members(&state.db, request).await?;
    let public_url = state.settings.server.public_url.trim_end_matches('/');
    for person in notifications::recipients(&state.db, members, KIND_MODERATED).await? {
        let mail = ModeratedMail {
            name: person.display_name.clone(),
            target: target.code(),
            title: request.title.clone(),
            respondent: match target {
                Target::Answer(a, _) => a.respondent_name.clone(),
                Target::Request(_) => String::new(),
            },
            note: note.to_owned(),
            link: format!("{public_url}{}", request_path(request.id)),
        };
        let lang = Lang::parse(&person.preferred_lang).unwrap_or(Lang::Fr);
        crate::mail::queue(state, "board_moderated", lang, &person.email, None, &mail).await?;
    }
    Ok(())
}
