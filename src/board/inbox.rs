//! The posting organisation's answers to a request (`/courtage/demandes/{id}/reponses`):
//! each answer with its documents, a status (new, shortlisted, declined, accepted) and
//! a private note; the respondent is mailed about a status change when the organisation
//! ticks "tell them". Respondents see their own answers at `/courtage/mes-reponses`.
//! Documents are served only to the respondent and the organisation, always as
//! downloads (`Content-Disposition: attachment`), never rendered.
use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::AnswerStatus;
use super::post::managed;
use super::views::{request_path, show_date};
use crate::accounts::session::CurrentUser;
use crate::entities::{board_answer, board_answer_file, board_request, file, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::{CsrfForm, Lang, Page, flash};

#[derive(Serialize)]
struct Document {
    name: String,
    url: String,
    size_kb: i64,
}

#[derive(Serialize)]
struct AnswerRow {
    id: i64,
    respondent: String,
    body_html: String,
    status: String,
    note: String,
    sent: String,
    documents: Vec<Document>,
    /// The respondent deleted their account.
    gone: bool,
}

#[derive(Serialize)]
struct InboxView {
    request_id: i64,
    request_url: String,
    title: String,
    status: String,
    answers: Vec<AnswerRow>,
    statuses: Vec<&'static str>,
}

async fn documents_of(
    state: &AppState,
    answer_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<Document>>> {
    let links = board_answer_file::Entity::find()
        .filter(board_answer_file::Column::AnswerId.is_in(answer_ids.to_vec()))
        .order_by_asc(board_answer_file::Column::Id)
        .all(&state.db)
        .await?;
    let sizes: HashMap<i64, i64> = file::Entity::find()
        .select_only_size(links.iter().map(|l| l.file_id).collect())
        .all(&state.db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.size))
        .collect();
    let mut out: HashMap<i64, Vec<Document>> = HashMap::new();
    for link in links {
        out.entry(link.answer_id).or_default().push(Document {
            url: format!("/courtage/reponses/{}/pieces/{}", link.answer_id, link.id),
            size_kb: sizes
                .get(&link.file_id)
                .copied()
                .map_or(0, |s| (s + 1023) / 1024),
            name: link.name,
        });
    }
    Ok(out)
}

/// Reading file sizes without their bytes.
trait SizesOnly {
    fn select_only_size(self, ids: Vec<i64>) -> sea_orm::Selector<sea_orm::SelectModel<FileSize>>;
}

#[derive(Debug, sea_orm::FromQueryResult)]
struct FileSize {
    id: i64,
    size: i64,
}

impl SizesOnly for sea_orm::Select<file::Entity> {
    fn select_only_size(self, ids: Vec<i64>) -> sea_orm::Selector<sea_orm::SelectModel<FileSize>> {
        use sea_orm::QuerySelect;
        self.select_only()
            .column(file::Column::Id)
            .column(file::Column::Size)
            .filter(file::Column::Id.is_in(ids))
            .into_model::<FileSize>()
    }
}

/// `GET /courtage/demandes/{id}/reponses`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let request = managed(&state, &me, id).await?;
    let lang = page.lang();
    let rows = board_answer::Entity::find()
        .filter(board_answer::Column::RequestId.eq(id))
        .filter(board_answer::Column::Held.eq(false))
        .filter(board_answer::Column::HiddenAt.is_null())
        .order_by_asc(board_answer::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut documents = documents_of(&state, &ids).await?;
    let answers = rows
        .into_iter()
        .map(|a| AnswerRow {
            id: a.id,
            respondent: if a.user_id.is_some() {
                a.respondent_name
            } else {
                lang.t("board-respondent-gone")
            },
            body_html: crate::web::markdown::to_safe_html(&a.body),
            status: a.status,
            note: a.note,
            sent: show_date(a.created_at.date_naive(), lang),
            documents: documents.remove(&a.id).unwrap_or_default(),
            gone: a.user_id.is_none(),
        })
        .collect();
    let view = InboxView {
        request_id: id,
        request_url: request_path(id),
        title: request.title,
        status: request.status,
        answers,
        statuses: AnswerStatus::codes(),
    };
    page.render("board/answers.html", &view)
}

/// The answer `id` and its request, when `me` belongs to the request's organisation
/// (an answer held for review or hidden by a coordinator is not theirs to see).
pub async fn managed_answer(
    state: &AppState,
    me: &user::Model,
    id: i64,
) -> AppResult<(board_answer::Model, board_request::Model)> {
    let answer = board_answer::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|a| !a.held && a.hidden_at.is_none())
        .ok_or_else(|| AppError::not_found("board-answer"))?;
    let request = super::service::find(&state.db, answer.request_id).await?;
    if !super::access::manages(&state.db, &request, me).await? {
        return Err(AppError::not_found("board-answer"));
    }
    Ok((answer, request))
}

/// A status decision.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
    /// `1` to mail the respondent about the new status.
    #[serde(default)]
    notify: String,
}

/// The mail telling a respondent where their answer stands.
#[derive(Serialize)]
struct StatusMail {
    name: String,
    title: String,
    organisation: String,
    status: String,
    link: String,
}

/// `POST /courtage/reponses/{id}/statut`
pub async fn decide(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> AppResult<Response> {
    let (answer, request) = managed_answer(&state, &me, id).await?;
    let status = AnswerStatus::parse(&form.status)
        .ok_or_else(|| AppError::invalid("status", "board-answer-status-required"))?;
    let note: String = form.note.trim().chars().take(5000).collect();
    let changed = status.as_str() != answer.status;
    let mut update = board_answer::Entity::update_many()
        .col_expr(board_answer::Column::Status, Expr::value(status.as_str()))
        .col_expr(board_answer::Column::Note, Expr::value(note))
        .col_expr(board_answer::Column::UpdatedAt, Expr::value(Utc::now()));
    if changed {
        update = update.col_expr(
            board_answer::Column::StatusChangedAt,
            Expr::value(state.clock.now()),
        );
    }
    update
        .filter(board_answer::Column::Id.eq(id))
        .exec(&state.db)
        .await?;
    let respondent = match answer.user_id {
        Some(uid) if changed && form.notify == "1" => {
            user::Entity::find_by_id(uid).one(&state.db).await?
        }
        _ => None,
    };
    if let Some(respondent) = respondent {
        let lang = Lang::parse(&respondent.preferred_lang).unwrap_or(Lang::Fr);
        let view = StatusMail {
            name: respondent.display_name.clone(),
            title: request.title.clone(),
            organisation: request.organisation.clone(),
            status: status.as_str().into(),
            link: format!(
                "{}/courtage/mes-reponses",
                state.settings.server.public_url.trim_end_matches('/')
            ),
        };
        crate::mail::queue(
            &state,
            "board_answer_status",
            lang,
            &respondent.email,
            None,
            &view,
        )
        .await?;
    }
    flash(&session, "success", "board-answer-updated").await?;
    Ok(Redirect::to(&format!(
        "{}/reponses#reponse-{id}",
        request_path(request.id)
    ))
    .into_response())
}

/// `GET /courtage/reponses/{id}/pieces/{document}`: the respondent's or the
/// organisation's download.
pub async fn download(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Path((id, document)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let answer = board_answer::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("board-answer"))?;
    let own = answer.user_id == Some(me.id);
    if !own {
        managed_answer(&state, &me, id).await?;
    }
    let link = board_answer_file::Entity::find_by_id(document)
        .one(&state.db)
        .await?
        .filter(|l| l.answer_id == id)
        .ok_or_else(|| AppError::not_found("board-answer"))?;
    let stored = file::Entity::find_by_id(link.file_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("board-answer"))?;
    let ascii: String = link
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded =
        percent_encoding::utf8_percent_encode(&link.name, percent_encoding::NON_ALPHANUMERIC);
    Response::builder()
        .header(header::CONTENT_TYPE, stored.content_type)
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
        )
        .header("x-content-type-options", "nosniff")
        .header(header::CACHE_CONTROL, "private, no-store")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .body(Body::from(stored.bytes))
        .map_err(|e| AppError::Internal(e.into()))
}

#[derive(Serialize)]
struct MyAnswer {
    title: String,
    url: String,
    organisation: String,
    status: String,
    held: bool,
    /// Hidden by a coordinator after a report.
    hidden: bool,
    sent: String,
    documents: Vec<Document>,
}

/// `GET /courtage/mes-reponses`
pub async fn mine(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let lang = page.lang();
    let rows = board_answer::Entity::find()
        .filter(board_answer::Column::UserId.eq(me.id))
        .order_by_desc(board_answer::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let requests: HashMap<i64, board_request::Model> = board_request::Entity::find()
        .filter(board_request::Column::Id.is_in(rows.iter().map(|a| a.request_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let mut documents = documents_of(&state, &ids).await?;
    let answers: Vec<MyAnswer> = rows
        .into_iter()
        .filter_map(|a| {
            let r = requests.get(&a.request_id)?;
            Some(MyAnswer {
                title: r.title.clone(),
                url: request_path(r.id),
                organisation: r.organisation.clone(),
                status: a.status,
                held: a.held,
                hidden: a.hidden_at.is_some(),
                sent: show_date(a.created_at.date_naive(), lang),
                documents: documents.remove(&a.id).unwrap_or_default(),
            })
        })
        .collect();
    page.render(
        "board/my_answers.html",
        &serde_json::json!({ "answers": answers }),
    )
}
