//! Answering a request on Carrefour (`POST /courtage/demandes/{id}/repondre`, multipart):
//! a signed-in person with a verified address writes a message and may attach up to
//! three documents (PDF, ODT, DOCX — recognised by their bytes, never by their name —
//! of 5 MB each). One answer per person and request (a unique key); a daily limit; a
//! honeypot; a new account's answer with links waits for a coordinator.
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use tower_sessions::Session;

use super::model::{AnswerMode, AnswerStatus};
use super::post::one_error;
use super::service;
use super::views::request_path;
use crate::accounts::rate_limit;
use crate::accounts::session::CurrentUser;
use crate::entities::{board_answer, board_answer_file, board_request, file, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::{Page, flash};

/// Largest attached document.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most documents per answer.
pub const MAX_FILES: usize = 3;
/// The body limit of the answer route: three documents, a message, and room to say
/// "too large" about a bigger one rather than cutting the connection.
pub const MAX_BODY_BYTES: usize = 4 * MAX_FILE_BYTES;

/// The answer as typed (shown again on error; files must be chosen again).
#[derive(Debug, Default, Clone, Serialize)]
pub struct AnswerForm {
    pub body: String,
}

/// A document as sent.
struct Upload {
    name: String,
    bytes: Vec<u8>,
}

/// The type of a document from its bytes: a PDF, or an OpenDocument text or Word file
/// (ZIP archives whose first entry, resp. directory, says so). Anything else is refused,
/// whatever its name.
pub fn sniff_document(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    // OpenDocument puts an uncompressed `mimetype` entry first (ODF 1.2, part 3, 3.3).
    const ODT: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";
    if bytes.len() >= 30 + ODT.len() && &bytes[30..30 + ODT.len()] == ODT {
        return Some("application/vnd.oasis.opendocument.text");
    }
    // Office Open XML: the archive's directory names its content types and main part
    // (names are stored uncompressed).
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if has(b"[Content_Types].xml") && has(b"word/document.xml") {
        return Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
    None
}

/// The file name as sent, without its path, of printable characters, 1–120 long.
pub fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

/// Reads the multipart form: the CSRF token, the fields and the documents.
async fn read(
    multipart: &mut Multipart,
) -> Result<(Option<String>, String, String, Vec<Upload>), &'static str> {
    let (mut csrf, mut body, mut honeypot, mut uploads) =
        (None, String::new(), String::new(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err("board-files-too-large"),
        };
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "_csrf" => csrf = field.text().await.ok(),
            "body" => body = field.text().await.map_err(|_| "form-malformed")?,
            "website" => honeypot = field.text().await.unwrap_or_default(),
            "documents" => {
                let file_name = clean_name(field.file_name().unwrap_or_default());
                let bytes = field.bytes().await.map_err(|_| "board-files-too-large")?;
                if !bytes.is_empty() {
                    uploads.push(Upload {
                        name: file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            _ => {}
        }
    }
    Ok((csrf, body, honeypot, uploads))
}

/// The documents' mistakes, or their types.
fn check_documents(uploads: &[Upload]) -> Result<Vec<&'static str>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if uploads.len() > MAX_FILES {
        errors
            .entry("documents".into())
            .or_default()
            .push("board-files-too-many".into());
    }
    let mut types = Vec::new();
    for upload in uploads {
        if upload.bytes.len() > MAX_FILE_BYTES {
            errors
                .entry("documents".into())
                .or_default()
                .push("board-file-too-large".into());
        } else if let Some(t) = sniff_document(&upload.bytes) {
            types.push(t);
        } else {
            errors
                .entry("documents".into())
                .or_default()
                .push("board-file-wrong-type".into());
        }
    }
    if errors.is_empty() {
        Ok(types)
    } else {
        Err(errors)
    }
}

/// `POST /courtage/demandes/{id}/repondre`
pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let read = read(&mut multipart).await;
    let csrf = read.as_ref().ok().and_then(|r| r.0.clone());
    crate::web::csrf::verify(&session, csrf.as_deref()).await?;
    let request = service::find(&state.db, id).await?;
    let refuse = |form: AnswerForm, errors: FieldErrors, status: StatusCode| {
        let page = &page;
        let request = &request;
        let me = &me;
        let state = &state;
        async move { super::show::render(state, page, Some(me), request, form, errors, status).await }
    };
    let (_, body, honeypot, uploads) = match read {
        Ok(read) => read,
        Err(key) => {
            return refuse(
                AnswerForm::default(),
                one_error("documents", key),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let form = AnswerForm { body: body.clone() };
    if !super::views::is_open(&request) || request.answer_mode != AnswerMode::Carrefour.as_str() {
        return refuse(
            form,
            one_error("form", "board-not-open"),
            StatusCode::CONFLICT,
        )
        .await;
    }
    if super::access::manages(&state.db, &request, &me).await? {
        return refuse(
            form,
            one_error("form", "board-own-request"),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    if me.verified_at.is_none() {
        return refuse(
            form,
            one_error("form", "board-verify-first"),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let mut errors = FieldErrors::new();
    if !honeypot.trim().is_empty() {
        errors.insert("form".into(), vec!["board-honeypot".into()]);
    }
    let body = crate::web::forms::check_length(&mut errors, "body", &body, 20, 10_000);
    let types = match check_documents(&uploads) {
        Ok(types) => types,
        Err(more) => {
            errors.extend(more);
            Vec::new()
        }
    };
    if !errors.is_empty() {
        return refuse(form, errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    if already_answered(&state, id, me.id).await? {
        return refuse(
            form,
            one_error("form", "board-already-answered"),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let key = format!("board-answer:{}", me.id);
    if rate_limit::hit(
        &state.db,
        &key,
        state.settings.board.answers_per_day,
        Duration::days(1),
    )
    .await
    .is_err()
    {
        return refuse(
            form,
            one_error("form", "board-limit-answers"),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    }
    let held = held_for_review(&state, &me, &body);
    store(&state, &request, &me, &body, held, uploads, &types).await?;
    let key = if held {
        "board-answer-held"
    } else {
        "board-answer-sent"
    };
    flash(&session, if held { "info" } else { "success" }, key).await?;
    Ok(Redirect::to(&request_path(id)).into_response())
}

async fn already_answered(state: &AppState, request_id: i64, user_id: i64) -> AppResult<bool> {
    Ok(board_answer::Entity::find()
        .filter(board_answer::Column::RequestId.eq(request_id))
        .filter(board_answer::Column::UserId.eq(user_id))
        .one(&state.db)
        .await?
        .is_some())
}

/// Links in an answer of an account younger than the messaging's "new account" days.
fn held_for_review(state: &AppState, me: &user::Model, body: &str) -> bool {
    let young = Duration::days(i64::from(state.settings.messaging.new_account_days));
    crate::messaging::render::contains_link(body) && me.created_at > state.clock.now() - young
}

async fn store(
    state: &AppState,
    request: &board_request::Model,
    me: &user::Model,
    body: &str,
    held: bool,
    uploads: Vec<Upload>,
    types: &[&'static str],
) -> AppResult<()> {
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let answer = board_answer::ActiveModel {
        request_id: Set(request.id),
        user_id: Set(Some(me.id)),
        respondent_name: Set(me.display_name.clone()),
        body: Set(body.to_owned()),
        status: Set(AnswerStatus::New.as_str().into()),
        note: Set(String::new()),
        held: Set(held),
        status_changed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Conflict("board-already-answered".into())
        }
        _ => e.into(),
    })?;
    for (upload, content_type) in uploads.into_iter().zip(types) {
        let stored = file::ActiveModel {
            content_type: Set((*content_type).into()),
            sha256: Set(crate::digest::sha256_hex(&upload.bytes)),
            size: Set(upload.bytes.len() as i64),
            bytes: Set(upload.bytes),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        board_answer_file::ActiveModel {
            answer_id: Set(answer.id),
            file_id: Set(stored.id),
            name: Set(upload.name),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_known_by_their_bytes() {
        assert_eq!(sniff_document(b"%PDF-1.7\n..."), Some("application/pdf"));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(
            sniff_document(&odt),
            Some("application/vnd.oasis.opendocument.text")
        );
        let mut docx = b"PK\x03\x04".to_vec();
        docx.extend_from_slice(b"....[Content_Types].xml....word/document.xml....");
        assert!(sniff_document(&docx).unwrap().contains("wordprocessingml"));
        // An executable renamed .pdf, a ZIP of something else, a text file.
        assert_eq!(sniff_document(b"MZ\x90\x00\x03"), None);
        assert_eq!(sniff_document(b"\x7fELF\x02\x01"), None);
        assert_eq!(sniff_document(b"PK\x03\x04 other.txt"), None);
        assert_eq!(sniff_document(b"hello"), None);
    }

    #[test]
    fn names_lose_their_path_and_quotes() {
        assert_eq!(clean_name("C:\\Users\\x\\cv \"final\".pdf"), "cv final.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name(""), "document");
    }
}
