//! Starting a conversation: with a project's holders (`/messages/nouveau/projet/{id}`),
//! a partner (`/messages/nouveau/partenaire/{slug}`, optionally about a project) or the
//! coordinators (`/messages/nouveau/coordination`). Only signed-in people with a verified
//! address start conversations, within limits per day and per recipient; a blocked
//! sender is told so; a new account's first messages with links wait for review.
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::queries::{ProjectRef, project_ref};
use super::service::{self, Draft, Recipients, Target};
use crate::accounts::rate_limit;
use crate::accounts::session::CurrentUser;
use crate::entities::{partner, project, user};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::{CsrfForm, Lang, Page, flash};

/// The form as typed (and shown again on error).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

/// Who the conversation will reach, as the form explains it.
#[derive(Debug, Clone, Serialize)]
struct Reach {
    /// `holders`, `relay`, `partners` or `coordination`.
    kind: String,
    names: Vec<String>,
}

#[derive(Serialize)]
struct StartView {
    /// `project`, `partner` or `coordination`.
    target: String,
    project: Option<ProjectRef>,
    partner_name: Option<String>,
    reach: Option<Reach>,
    /// Why nobody can be written to (a localisation key).
    unreachable: Option<&'static str>,
    verified: bool,
    action: String,
    form: StartForm,
    errors: FieldErrors,
}

fn reach_of(to: &Recipients, lang: Lang) -> Reach {
    if !to.holders.is_empty() {
        Reach {
            kind: "holders".into(),
            names: to.holders.iter().map(|u| u.display_name.clone()).collect(),
        }
    } else if let Some(relay) = &to.relay {
        Reach {
            kind: "relay".into(),
            names: relay.name.iter().cloned().collect(),
        }
    } else if !to.partners.is_empty() {
        Reach {
            kind: "partners".into(),
            names: to.partners.iter().map(|p| p.name.clone()).collect(),
        }
    } else {
        Reach {
            kind: "coordination".into(),
            names: vec![lang.t("messaging-coordination")],
        }
    }
}

struct Resolved {
    target: Target,
    action: String,
}

async fn view(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    resolved: &Resolved,
    form: StartForm,
    errors: FieldErrors,
) -> AppResult<StartView> {
    let lang = page.lang();
    let (reach, unreachable) = match service::recipients(&state.db, &resolved.target).await? {
        Ok(to) => (Some(reach_of(&to, lang)), None),
        Err(why) => (None, Some(why.message_key())),
    };
    let (kind, project_id, partner_name) = match &resolved.target {
        Target::Project(p) => ("project", Some(p.id), None),
        Target::Partner(p, project) => (
            "partner",
            project.as_ref().map(|p| p.id),
            Some(p.name.clone()),
        ),
        Target::Coordination => ("coordination", None, None),
    };
    Ok(StartView {
        target: kind.into(),
        project: project_ref(&state.db, project_id).await?,
        partner_name,
        reach,
        unreachable,
        verified: me.verified_at.is_some(),
        action: resolved.action.clone(),
        form,
        errors,
    })
}

async fn show(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    resolved: Resolved,
) -> AppResult<Response> {
    let v = view(
        state,
        page,
        me,
        &resolved,
        StartForm::default(),
        FieldErrors::new(),
    )
    .await?;
    page.render("messaging/start.html", &v)
}

async fn refuse(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    resolved: &Resolved,
    form: StartForm,
    errors: FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let v = view(state, page, me, resolved, form, errors).await?;
    page.render_with_status(status, "messaging/start.html", &v)
}

fn form_error(key: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.insert("form".into(), vec![key.into()]);
    errors
}

/// The day's and the recipient's limits, checked before and counted after sending.
fn limits(
    state: &AppState,
    me: &user::Model,
    target: &Target,
) -> [(String, i32, Duration, &'static str); 2] {
    let m = &state.settings.messaging;
    [
        (
            format!("msg-new:{}", me.id),
            m.conversations_per_day,
            Duration::days(1),
            "messaging-limit-day",
        ),
        (
            format!("msg-to:{}:{}", me.id, target.limit_key()),
            m.conversations_per_recipient_per_week,
            Duration::days(7),
            "messaging-limit-recipient",
        ),
    ]
}

async fn submit(
    state: &AppState,
    page: &Page,
    session: &Session,
    me: &user::Model,
    resolved: Resolved,
    form: StartForm,
) -> AppResult<Response> {
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if me.verified_at.is_none() {
        let errors = form_error("messaging-verify-first");
        return refuse(
            state,
            page,
            me,
            &resolved,
            form,
            errors,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let draft = match Draft::parse(&form.subject, &form.body) {
        Ok(draft) => draft,
        Err(errors) => {
            return refuse(state, page, me, &resolved, form, errors, unprocessable).await;
        }
    };
    let to = match service::recipients(&state.db, &resolved.target).await? {
        Ok(to) => to,
        Err(why) => {
            let errors = form_error(why.message_key());
            return refuse(
                state,
                page,
                me,
                &resolved,
                form,
                errors,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    if let Some(key) = service::own_target(&state.db, me, &resolved.target, &to).await? {
        return refuse(
            state,
            page,
            me,
            &resolved,
            form,
            form_error(key),
            unprocessable,
        )
        .await;
    }
    let holder_ids: Vec<i64> = to.holders.iter().map(|u| u.id).collect();
    let addresses: Vec<String> = to.relay.iter().map(|r| r.email.clone()).collect();
    if super::blocks::blocked_by_any(&state.db, me.id, &holder_ids, &addresses).await? {
        let errors = form_error("messaging-blocked");
        return refuse(
            state,
            page,
            me,
            &resolved,
            form,
            errors,
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let limits = limits(state, me, &resolved.target);
    for (key, limit, window, message) in &limits {
        if let Err(AppError::TooManyRequests { .. }) =
            rate_limit::check(&state.db, key, *limit, *window).await
        {
            let errors = form_error(message);
            return refuse(
                state,
                page,
                me,
                &resolved,
                form,
                errors,
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await;
        }
    }
    let held = super::thread::held_for_review(&state.db, state, me, &draft.body).await?;
    let started = service::start(state, me, &resolved.target, &to, &draft, held).await?;
    for (key, limit, window, _) in &limits {
        // Checked above; a concurrent request may have taken the last one, and this
        // conversation is started anyway.
        let _ = rate_limit::hit(&state.db, key, *limit, *window).await;
    }
    let key = if started.held {
        "messaging-held"
    } else {
        "messaging-sent"
    };
    flash(session, if started.held { "info" } else { "success" }, key).await?;
    Ok(Redirect::to(&format!("/messages/{}", started.conversation_id)).into_response())
}

async fn project_target(state: &AppState, id: i64) -> AppResult<Resolved> {
    let project = project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|p| p.merged_into.is_none())
        .ok_or_else(|| AppError::not_found("project"))?;
    Ok(Resolved {
        action: format!("/messages/nouveau/projet/{}", project.id),
        target: Target::Project(project),
    })
}

/// `GET /messages/nouveau/projet/{id}`
pub async fn project_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let resolved = project_target(&state, id).await?;
    show(&state, &page, &me, resolved).await
}

/// `POST /messages/nouveau/projet/{id}`
pub async fn project_submit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<StartForm>,
) -> AppResult<Response> {
    let resolved = project_target(&state, id).await?;
    submit(&state, &page, &session, &me, resolved, form).await
}

#[derive(Debug, Deserialize)]
pub struct AboutQuery {
    projet: Option<String>,
}

async fn partner_target(state: &AppState, slug: &str, about: &AboutQuery) -> AppResult<Resolved> {
    let partner = partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug))
        .filter(partner::Column::Status.eq("active"))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))?;
    let project = match about
        .projet
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(text) => {
            let id: i64 = text.parse().map_err(|_| AppError::not_found("project"))?;
            Some(
                project::Entity::find_by_id(id)
                    .one(&state.db)
                    .await?
                    .filter(|p| p.merged_into.is_none())
                    .ok_or_else(|| AppError::not_found("project"))?,
            )
        }
        None => None,
    };
    let action = match &project {
        Some(p) => format!(
            "/messages/nouveau/partenaire/{}?projet={}",
            partner.slug, p.id
        ),
        None => format!("/messages/nouveau/partenaire/{}", partner.slug),
    };
    Ok(Resolved {
        action,
        target: Target::Partner(partner, project),
    })
}

/// `GET /messages/nouveau/partenaire/{slug}[?projet={id}]`
pub async fn partner_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    Query(about): Query<AboutQuery>,
) -> AppResult<Response> {
    let resolved = partner_target(&state, &slug, &about).await?;
    show(&state, &page, &me, resolved).await
}

/// `POST /messages/nouveau/partenaire/{slug}[?projet={id}]`
pub async fn partner_submit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    Query(about): Query<AboutQuery>,
    CsrfForm(form): CsrfForm<StartForm>,
) -> AppResult<Response> {
    let resolved = partner_target(&state, &slug, &about).await?;
    submit(&state, &page, &session, &me, resolved, form).await
}

fn coordination_target() -> Resolved {
    Resolved {
        target: Target::Coordination,
        action: "/messages/nouveau/coordination".into(),
    }
}

/// `GET /messages/nouveau/coordination`
pub async fn coordination_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    show(&state, &page, &me, coordination_target()).await
}

/// `POST /messages/nouveau/coordination`
pub async fn coordination_submit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<StartForm>,
) -> AppResult<Response> {
    submit(&state, &page, &session, &me, coordination_target(), form).await
}

#[derive(Debug, Deserialize)]
pub struct ResendForm {
    #[serde(default)]
    back: String,
}

/// `POST /messages/verification`: sends the address verification link again, for
/// people who must verify before writing.
pub async fn resend_verification(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    CsrfForm(form): CsrfForm<ResendForm>,
) -> AppResult<Response> {
    let back = crate::accounts::safe_next(Some(&form.back));
    if me.verified_at.is_none() {
        rate_limit::hit(
            &state.db,
            &format!("verify-resend:{}", me.id),
            3,
            Duration::hours(1),
        )
        .await?;
        crate::accounts::sign_up::send_verification(
            &state,
            page.lang(),
            me.id,
            &me.display_name,
            &me.email,
        )
        .await?;
        flash(&session, "info", "messaging-verification-sent").await?;
    }
    Ok(Redirect::to(&back).into_response())
}
