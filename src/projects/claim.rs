//! Claiming a project: a person becomes one of its holders by proving control of its
//! contact address (a link mailed there, or the relay link of a message mailed there),
//! or by a request that a partner listing the project approves. Holders receive the
//! project's messages in their inbox, correct its public description (`holder.rs`) and
//! choose whether they can be contacted. A partner listing it or a coordinator can
//! revoke a claim, with a reason; the holder is told by mail.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::rate_limit;
use crate::accounts::session::{Coordinator, CurrentUser};
use crate::entities::{
    conversation, conversation_participant, membership, partner, project, project_attribution,
    project_claim, user,
};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::messaging::model::{ClaimMethod, ClaimStatus, Role};
use crate::messaging::service::{self as messaging, Target};
use crate::messaging::tokens::{self, Binding, Purpose};
use crate::notifications::{self, Delivery};
use crate::partners::policy::{ActingPartner, Action};
use crate::partners::profile::SpaceHeader;
use crate::state::AppState;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Lang, Page, flash};

/// Kind of the notification of a request to hold a project (partners' editors).
pub const KIND_CLAIM_REQUEST: &str = "claim_request";
/// How long the link mailed to a project's contact address works.
const CLAIM_LINK_LIFETIME: Duration = Duration::hours(48);

/// The claim routes: a project's claim page, the mailed link, the partners' and the
/// coordinators' lists.
pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/projets/{id}/revendiquer", get(show))
        .route("/projets/{id}/revendiquer/adresse", post(send_link))
        .route("/projets/{id}/revendiquer/demande", post(request))
        .route("/revendication/{secret}", get(confirm_form).post(confirm))
        .route("/p/{partner}/revendications", get(partner_list))
        .route("/p/{partner}/revendications/{id}", post(partner_decide))
        .route(
            "/p/{partner}/revendications/{id}/retirer",
            post(partner_revoke),
        )
        .route("/coordination/revendications", get(coordination_list))
        .route(
            "/coordination/revendications/{id}/retirer",
            post(coordination_revoke),
        )
}

/// True when `user_id` holds `project_id` (an approved claim).
pub async fn is_holder<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    user_id: i64,
) -> Result<bool, DbErr> {
    Ok(project_claim::Entity::find()
        .filter(project_claim::Column::ProjectId.eq(project_id))
        .filter(project_claim::Column::UserId.eq(user_id))
        .filter(project_claim::Column::Status.eq(ClaimStatus::Approved.as_str()))
        .one(conn)
        .await?
        .is_some())
}

/// `a•••@domain`: enough for a holder to recognise their address, not enough to harvest it.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

/// `user` proved control of `proven_email`, the project's contact address: their claim
/// is approved at once, and the conversations relayed to that address come to their
/// inbox (the relay links stop working).
pub async fn approve_by_proof(
    state: &AppState,
    project_id: i64,
    user: &user::Model,
    method: ClaimMethod,
    proven_email: &str,
) -> AppResult<()> {
    let now = state.clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    let live = project_claim::Entity::find()
        .filter(project_claim::Column::ProjectId.eq(project_id))
        .filter(project_claim::Column::UserId.eq(user.id))
        .filter(project_claim::Column::Status.is_in([
            ClaimStatus::Pending.as_str(),
            ClaimStatus::Approved.as_str(),
        ]))
        .one(&txn)
        .await?;
    match live {
        Some(claim) if claim.status == ClaimStatus::Approved.as_str() => {}
        Some(claim) => {
            let mut row: project_claim::ActiveModel = claim.into();
            row.status = Set(ClaimStatus::Approved.as_str().into());
            row.method = Set(method.as_str().into());
            row.decided_at = Set(Some(now));
            row.updated_at = Set(now);
            row.update(&txn).await?;
        }
        None => {
            new_claim(
                &txn,
                project_id,
                user.id,
                ClaimStatus::Approved,
                method,
                "",
                now,
            )
            .await?;
        }
    }
    take_over_relayed(&txn, project_id, user.id, proven_email, now).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor: Some(user.id),
            action: "project_claimed",
            target_kind: "project",
            target_id: Some(project_id),
            details: serde_json::json!({ "method": method.as_str() }),
            ip: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn new_claim<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    user_id: i64,
    status: ClaimStatus,
    method: ClaimMethod,
    message: &str,
    now: DateTime<Utc>,
) -> Result<project_claim::Model, DbErr> {
    project_claim::ActiveModel {
        project_id: Set(project_id),
        user_id: Set(user_id),
        status: Set(status.as_str().into()),
        method: Set(method.as_str().into()),
        message: Set(message.into()),
        decided_by: Set(None),
        decided_at: Set((status == ClaimStatus::Approved).then_some(now)),
        reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// The relayed conversations of the project to `email` become the holder's own.
async fn take_over_relayed<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    user_id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let conversations: Vec<i64> = conversation::Entity::find()
        .filter(conversation::Column::ProjectId.eq(project_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let relayed = conversation_participant::Entity::find()
        .filter(conversation_participant::Column::ConversationId.is_in(conversations))
        .filter(conversation_participant::Column::Role.eq(Role::Relay.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .filter(|p| {
            p.email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
        });
    let mut taken = Vec::new();
    for row in relayed {
        let already = conversation_participant::Entity::find()
            .filter(conversation_participant::Column::ConversationId.eq(row.conversation_id))
            .filter(conversation_participant::Column::UserId.eq(user_id))
            .one(conn)
            .await?;
        taken.push(row.id);
        if already.is_some() {
            continue;
        }
        conversation_participant::Entity::update_many()
            .col_expr(
                conversation_participant::Column::UserId,
                Expr::value(user_id),
            )
            .col_expr(
                conversation_participant::Column::Role,
                Expr::value(Role::Holder.as_str()),
            )
            .col_expr(
                conversation_participant::Column::Email,
                Expr::value(Option::<String>::None),
            )
            .filter(conversation_participant::Column::Id.eq(row.id))
            .exec(conn)
            .await?;
    }
    tokens::revoke_participants(conn, taken, now).await?;
    Ok(())
}

/// What the project page says about its holders and how to reach them.
#[derive(Debug, Clone, Serialize)]
pub struct HolderPanel {
    pub project_id: i64,
    pub claimed: bool,
    pub holders: Vec<String>,
    /// The holders corrected the partners' description.
    pub corrected: bool,
    /// `holders`, `relay`, `partners`, `declined` or `none`.
    pub reach: String,
    /// The active partners listing it, to write to them.
    pub partners: Vec<PartnerRef>,
    pub signed_in: bool,
    pub is_holder: bool,
    /// The visitor's own claim, pending or approved.
    pub my_claim: Option<String>,
}

/// A partner as links show it.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerRef {
    pub slug: String,
    pub name: String,
}

/// The panel of project `project`, for the signed-in person `viewer` (if any).
pub async fn panel<C: ConnectionTrait>(
    conn: &C,
    project: &project::Model,
    viewer: Option<i64>,
    corrected: bool,
) -> Result<HolderPanel, DbErr> {
    let holders = messaging::holders_of(conn, project.id).await?;
    let reach = match messaging::recipients(conn, &Target::Project(project.clone())).await? {
        Ok(to) if !to.holders.is_empty() => "holders",
        Ok(to) if to.relay.is_some() => "relay",
        Ok(_) => "partners",
        Err(messaging::Unreachable::Declined) => "declined",
        Err(messaging::Unreachable::Nobody) => "none",
    };
    let my_claim = match viewer {
        Some(uid) => project_claim::Entity::find()
            .filter(project_claim::Column::ProjectId.eq(project.id))
            .filter(project_claim::Column::UserId.eq(uid))
            .filter(project_claim::Column::Status.is_in([
                ClaimStatus::Pending.as_str(),
                ClaimStatus::Approved.as_str(),
            ]))
            .one(conn)
            .await?
            .map(|c| c.status),
        None => None,
    };
    Ok(HolderPanel {
        project_id: project.id,
        claimed: !holders.is_empty(),
        is_holder: viewer.is_some_and(|uid| holders.iter().any(|h| h.id == uid)),
        holders: holders.into_iter().map(|h| h.display_name).collect(),
        corrected,
        reach: reach.into(),
        partners: messaging::listing_partners(conn, project.id)
            .await?
            .into_iter()
            .map(|p| PartnerRef {
                slug: p.slug,
                name: p.name,
            })
            .collect(),
        signed_in: viewer.is_some(),
        my_claim,
    })
}

async fn load_project(state: &AppState, id: i64) -> AppResult<project::Model> {
    project::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|p| p.merged_into.is_none())
        .ok_or_else(|| AppError::not_found("project"))
}

/// The request form as typed.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub message: String,
}

/// The visitor's latest claim of the project.
#[derive(Serialize)]
struct MyClaim {
    status: String,
    method: String,
    reason: Option<String>,
    created_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct ClaimPage {
    project: crate::messaging::queries::ProjectRef,
    masked_email: Option<String>,
    my_claim: Option<MyClaim>,
    partners: Vec<PartnerRef>,
    partner_names: String,
    verified: bool,
    form: RequestForm,
    errors: FieldErrors,
}

async fn claim_page(
    state: &AppState,
    page: &Page,
    me: &user::Model,
    project: &project::Model,
    form: RequestForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let my_claim = project_claim::Entity::find()
        .filter(project_claim::Column::ProjectId.eq(project.id))
        .filter(project_claim::Column::UserId.eq(me.id))
        .order_by_desc(project_claim::Column::Id)
        .one(&state.db)
        .await?
        .map(|c| MyClaim {
            status: c.status,
            method: c.method,
            reason: c.reason,
            created_at: c.created_at,
        });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let partners: Vec<PartnerRef> = messaging::listing_partners(&state.db, project.id)
        .await?
        .into_iter()
        .map(|p| PartnerRef {
            slug: p.slug,
            name: p.name,
        })
        .collect();
    let view = ClaimPage {
        partner_names: partners
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        project: crate::messaging::queries::ProjectRef {
            id: project.id,
            title: project.title.clone(),
            url: super::service::project_path(project.id, &project.slug),
        },
        masked_email: project.contact_email.as_deref().map(mask_email),
        my_claim,
        partners,
        verified: me.verified_at.is_some(),
        form,
        errors,
    };
    page.render_with_status(status, "messaging/claim.html", &view)
}

/// `GET /projets/{id}/revendiquer`
pub async fn show(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let project = load_project(&state, id).await?;
    claim_page(
        &state,
        &page,
        &me,
        &project,
        RequestForm::default(),
        FieldErrors::new(),
    )
    .await
}

fn form_error(key: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.insert("form".into(), vec![key.into()]);
    errors
}

#[derive(Serialize)]
struct ConfirmMail {
    name: String,
    project: String,
    link: String,
}

/// `POST /projets/{id}/revendiquer/adresse`: mails a link to the project's contact
/// address; following it while signed in as the same person proves the claim.
pub async fn send_link(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let project = load_project(&state, id).await?;
    if me.verified_at.is_none() {
        return claim_page(
            &state,
            &page,
            &me,
            &project,
            RequestForm::default(),
            form_error("messaging-verify-first"),
        )
        .await;
    }
    let Some(email) = project.contact_email.clone() else {
        return claim_page(
            &state,
            &page,
            &me,
            &project,
            RequestForm::default(),
            form_error("claim-no-address"),
        )
        .await;
    };
    if is_holder(&state.db, project.id, me.id).await? {
        return claim_page(
            &state,
            &page,
            &me,
            &project,
            RequestForm::default(),
            form_error("claim-already"),
        )
        .await;
    }
    if rate_limit::hit(
        &state.db,
        &format!("claim-link:{}", me.id),
        5,
        Duration::days(1),
    )
    .await
    .is_err()
    {
        return claim_page(
            &state,
            &page,
            &me,
            &project,
            RequestForm::default(),
            form_error("claim-limit"),
        )
        .await;
    }
    let secret = tokens::issue(
        &state.db,
        Purpose::Claim,
        Binding {
            project_id: Some(project.id),
            user_id: Some(me.id),
            ..Default::default()
        },
        state.clock.now(),
        CLAIM_LINK_LIFETIME,
    )
    .await?;
    let mail = ConfirmMail {
        name: me.display_name.clone(),
        project: project.title.clone(),
        link: format!(
            "{}/revendication/{secret}",
            state.settings.server.public_url
        ),
    };
    crate::mail::queue(&state, "claim_confirm", Lang::Fr, &email, None, &mail).await?;
    flash(&session, "info", "claim-link-sent").await?;
    Ok(Redirect::to(&format!("/projets/{}/revendiquer", project.id)).into_response())
}

#[derive(Serialize)]
struct ConfirmView {
    secret: String,
    project: String,
    /// Signed in as someone else than who asked.
    other_account: bool,
}

async fn claim_token(
    state: &AppState,
    page: &Page,
    secret: &str,
) -> AppResult<Result<crate::entities::messaging_token::Model, Response>> {
    match tokens::find(&state.db, Purpose::Claim, secret, state.clock.now()).await? {
        Ok(token) => Ok(Ok(token)),
        Err(problem) => {
            let status = if problem == tokens::Problem::Unknown {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::GONE
            };
            #[derive(Serialize)]
            struct Invalid {
                message: &'static str,
            }
            Ok(Err(page.render_with_status(
                status,
                "messaging/relay_invalid.html",
                &Invalid {
                    message: problem.message_key(),
                },
            )?))
        }
    }
}

/// `GET /revendication/{secret}`: the link from the mail, confirmed with a button (mail
/// scanners that open links confirm nothing).
pub async fn confirm_form(
    State(state): State<AppState>,
    page: Page,
    CurrentUser(me): CurrentUser,
    Path(secret): Path<String>,
) -> AppResult<Response> {
    let token = match claim_token(&state, &page, &secret).await? {
        Ok(token) => token,
        Err(response) => return Ok(response),
    };
    let project = load_project(&state, token.project_id.unwrap_or_default()).await?;
    page.render(
        "messaging/claim_confirm.html",
        &ConfirmView {
            secret,
            project: project.title,
            other_account: token.user_id != Some(me.id),
        },
    )
}

/// `POST /revendication/{secret}`
pub async fn confirm(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(secret): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let token = match claim_token(&state, &page, &secret).await? {
        Ok(token) => token,
        Err(response) => return Ok(response),
    };
    if token.user_id != Some(me.id) {
        return Err(AppError::forbidden("claim-other-account"));
    }
    let token = match tokens::consume(&state.db, Purpose::Claim, &secret, state.clock.now()).await?
    {
        Ok(token) => token,
        Err(problem) => {
            flash(&session, "error", problem.message_key()).await?;
            return Ok(Redirect::to("/").into_response());
        }
    };
    let project = load_project(&state, token.project_id.unwrap_or_default()).await?;
    let email = project.contact_email.clone().unwrap_or_default();
    approve_by_proof(&state, project.id, &me, ClaimMethod::Email, &email).await?;
    flash(&session, "success", "claim-approved").await?;
    Ok(Redirect::to(&super::service::project_path(project.id, &project.slug)).into_response())
}

#[derive(Serialize)]
struct RequestMail {
    name: String,
    claimant: String,
    project: String,
    message: String,
    link: String,
}

/// `POST /projets/{id}/revendiquer/demande`: a request the listing partners decide on.
pub async fn request(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> AppResult<Response> {
    let project = load_project(&state, id).await?;
    if me.verified_at.is_none() {
        return claim_page(
            &state,
            &page,
            &me,
            &project,
            form,
            form_error("messaging-verify-first"),
        )
        .await;
    }
    let mut errors = FieldErrors::new();
    let message = check_length(&mut errors, "message", &form.message, 10, 2000);
    if !errors.is_empty() {
        return claim_page(&state, &page, &me, &project, form, errors).await;
    }
    let partners = messaging::listing_partners(&state.db, project.id).await?;
    if partners.is_empty() {
        return claim_page(
            &state,
            &page,
            &me,
            &project,
            form,
            form_error("claim-no-partner"),
        )
        .await;
    }
    let now = state.clock.now();
    match new_claim(
        &state.db,
        project.id,
        me.id,
        ClaimStatus::Pending,
        ClaimMethod::Request,
        &message,
        now,
    )
    .await
    {
        Ok(_) => {}
        Err(err) if crate::accounts::users::is_unique_violation(&err) => {
            return claim_page(
                &state,
                &page,
                &me,
                &project,
                form,
                form_error("claim-already"),
            )
            .await;
        }
        Err(err) => return Err(err.into()),
    }
    for p in &partners {
        tell_partner(&state, p, &me, &project, &message).await?;
    }
    flash(&session, "success", "claim-requested").await?;
    Ok(Redirect::to(&format!("/projets/{}/revendiquer", project.id)).into_response())
}

async fn tell_partner(
    state: &AppState,
    p: &partner::Model,
    claimant: &user::Model,
    project: &project::Model,
    message: &str,
) -> AppResult<()> {
    let deciders: Vec<i64> = membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(p.id))
        .filter(membership::Column::Role.is_in(["admin", "editor"]))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    for u in user::Entity::find()
        .filter(user::Column::Id.is_in(deciders))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Disabled.eq(false))
        .all(&state.db)
        .await?
    {
        if notifications::delivery(&state.db, u.id, KIND_CLAIM_REQUEST).await? == Delivery::Never {
            continue;
        }
        let mail = RequestMail {
            name: u.display_name.clone(),
            claimant: claimant.display_name.clone(),
            project: project.title.clone(),
            message: message.to_owned(),
            link: format!(
                "{}/p/{}/revendications",
                state.settings.server.public_url, p.slug
            ),
        };
        let lang = Lang::parse(&u.preferred_lang).unwrap_or(Lang::Fr);
        crate::mail::queue(state, "claim_request", lang, &u.email, None, &mail).await?;
    }
    Ok(())
}

/// A claim as the partners' and coordinators' lists show it.
#[derive(Debug, Serialize)]
struct ClaimRow {
    id: i64,
    project: crate::messaging::queries::ProjectRef,
    claimant: String,
    claimant_email: String,
    status: String,
    method: String,
    message: String,
    created_at: DateTime<Utc>,
}

#[derive(Serialize)]
struct ClaimsView {
    space: Option<SpaceHeader>,
    pending: Vec<ClaimRow>,
    approved: Vec<ClaimRow>,
    /// The claim whose form has errors, with what was typed.
    failed: Option<i64>,
    reason: String,
    errors: FieldErrors,
    action_base: String,
}

async fn rows(state: &AppState, claims: Vec<project_claim::Model>) -> AppResult<Vec<ClaimRow>> {
    let mut out = Vec::with_capacity(claims.len());
    for c in claims {
        let (Some(p), Some(u)) = (
            project::Entity::find_by_id(c.project_id)
                .one(&state.db)
                .await?,
            user::Entity::find_by_id(c.user_id).one(&state.db).await?,
        ) else {
            continue;
        };
        out.push(ClaimRow {
            id: c.id,
            project: crate::messaging::queries::ProjectRef {
                id: p.id,
                url: super::service::project_path(p.id, &p.slug),
                title: p.title,
            },
            claimant: u.display_name,
            claimant_email: u.email,
            status: c.status,
            method: c.method,
            message: c.message,
            created_at: c.created_at,
        });
    }
    Ok(out)
}

/// Live claims (pending, approved) of the projects a partner lists (or of all).
async fn live_claims(
    state: &AppState,
    partner_id: Option<i64>,
    status: ClaimStatus,
) -> AppResult<Vec<ClaimRow>> {
    let mut select = project_claim::Entity::find()
        .filter(project_claim::Column::Status.eq(status.as_str()))
        .order_by_asc(project_claim::Column::Id);
    if let Some(partner_id) = partner_id {
        let listed: Vec<i64> = project_attribution::Entity::find()
            .filter(project_attribution::Column::PartnerId.eq(partner_id))
            .filter(project_attribution::Column::GoneAt.is_null())
            .all(&state.db)
            .await?
            .into_iter()
            .map(|a| a.project_id)
            .collect();
        select = select.filter(project_claim::Column::ProjectId.is_in(listed));
    }
    rows(state, select.all(&state.db).await?).await
}

async fn partner_view(
    state: &AppState,
    page: &Page,
    acting: &ActingPartner,
    failed: Option<i64>,
    reason: String,
    errors: FieldErrors,
) -> AppResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ClaimsView {
        space: Some(SpaceHeader::of(acting)),
        pending: live_claims(state, Some(acting.partner.id), ClaimStatus::Pending).await?,
        approved: live_claims(state, Some(acting.partner.id), ClaimStatus::Approved).await?,
        failed,
        reason,
        errors,
        action_base: format!("/p/{}/revendications", acting.partner.slug),
    };
    page.render_with_status(status, "messaging/claims.html", &view)
}

/// `GET /p/{partner}/revendications`
pub async fn partner_list(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
) -> AppResult<Response> {
    acting.require(Action::DecideClaims)?;
    partner_view(
        &state,
        &page,
        &acting,
        None,
        String::new(),
        FieldErrors::new(),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// A claim of a project the partner lists.
async fn claim_of_partner(
    state: &AppState,
    partner_id: i64,
    id: i64,
) -> AppResult<project_claim::Model> {
    let claim = project_claim::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("claim"))?;
    let listed = project_attribution::Entity::find()
        .filter(project_attribution::Column::PartnerId.eq(partner_id))
        .filter(project_attribution::Column::ProjectId.eq(claim.project_id))
        .filter(project_attribution::Column::GoneAt.is_null())
        .one(&state.db)
        .await?;
    if listed.is_none() {
        return Err(AppError::not_found("claim"));
    }
    Ok(claim)
}

#[derive(Serialize)]
struct DecidedMail {
    name: String,
    project: String,
    /// `approved`, `rejected` or `revoked`.
    outcome: String,
    reason: Option<String>,
    by: String,
    link: String,
}

/// Records a decision on a claim and tells its claimant.
async fn settle(
    state: &AppState,
    claim: &project_claim::Model,
    outcome: ClaimStatus,
    reason: Option<String>,
    by: &user::Model,
    by_name: &str,
) -> AppResult<()> {
    let now = state.clock.now();
    let from: &[&str] = match outcome {
        ClaimStatus::Revoked => &[
            ClaimStatus::Approved.as_str(),
            ClaimStatus::Pending.as_str(),
        ],
        _ => &[ClaimStatus::Pending.as_str()],
    };
    let done = project_claim::Entity::update_many()
        .col_expr(project_claim::Column::Status, Expr::value(outcome.as_str()))
        .col_expr(project_claim::Column::Reason, Expr::value(reason.clone()))
        .col_expr(project_claim::Column::DecidedBy, Expr::value(by.id))
        .col_expr(project_claim::Column::DecidedAt, Expr::value(now))
        .col_expr(project_claim::Column::UpdatedAt, Expr::value(now))
        .filter(project_claim::Column::Id.eq(claim.id))
        .filter(project_claim::Column::Status.is_in(from.iter().copied()))
        .exec(&state.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::Conflict("claim-already-decided".into()));
    }
    if outcome == ClaimStatus::Revoked {
        super::holder::forget_if_unheld(&state.db, claim.project_id, Some(by.id)).await?;
    }
    audit::record(
        &state.db,
        AuditEntry {
            actor: Some(by.id),
            action: "project_claim_decided",
            target_kind: "project",
            target_id: Some(claim.project_id),
            details: serde_json::json!({ "claim": claim.id, "outcome": outcome.as_str(), "reason": reason }),
            ip: None,
        },
    )
    .await?;
    let (Some(claimant), Some(p)) = (
        user::Entity::find_by_id(claim.user_id)
            .one(&state.db)
            .await?,
        project::Entity::find_by_id(claim.project_id)
            .one(&state.db)
            .await?,
    ) else {
        return Ok(());
    };
    if claimant.deleted_at.is_some() {
        return Ok(());
    }
    let mail = DecidedMail {
        name: claimant.display_name.clone(),
        project: p.title.clone(),
        outcome: outcome.as_str().into(),
        reason,
        by: by_name.to_owned(),
        link: format!(
            "{}{}",
            state.settings.server.public_url,
            super::service::project_path(p.id, &p.slug)
        ),
    };
    let lang = Lang::parse(&claimant.preferred_lang).unwrap_or(Lang::Fr);
    crate::mail::queue(state, "claim_decided", lang, &claimant.email, None, &mail).await
}

fn reason_of(form: &DecisionForm, required: bool) -> Result<Option<String>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let min = if required { 3 } else { 0 };
    let reason = check_length(&mut errors, "reason", &form.reason, min, 1000);
    if errors.is_empty() {
        Ok(Some(reason).filter(|r| !r.is_empty()))
    } else {
        Err(errors)
    }
}

/// `POST /p/{partner}/revendications/{id}`: `approve` or `reject` (with a reason).
pub async fn partner_decide(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    acting.require(Action::DecideClaims)?;
    let claim = claim_of_partner(&state, acting.partner.id, id).await?;
    let outcome = match form.decision.as_str() {
        "approve" => ClaimStatus::Approved,
        "reject" => ClaimStatus::Rejected,
        _ => return Err(AppError::invalid("decision", "claim-decision-unknown")),
    };
    let reason = match reason_of(&form, outcome == ClaimStatus::Rejected) {
        Ok(reason) => reason,
        Err(errors) => {
            return partner_view(&state, &page, &acting, Some(id), form.reason, errors).await;
        }
    };
    settle(
        &state,
        &claim,
        outcome,
        reason,
        &acting.user,
        &acting.partner.name,
    )
    .await?;
    let key = if outcome == ClaimStatus::Approved {
        "claim-approved-by-partner"
    } else {
        "claim-rejected"
    };
    flash(&session, "success", key).await?;
    Ok(Redirect::to(&format!("/p/{}/revendications", acting.partner.slug)).into_response())
}

/// `POST /p/{partner}/revendications/{id}/retirer` (with a reason)
pub async fn partner_revoke(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    acting.require(Action::DecideClaims)?;
    let claim = claim_of_partner(&state, acting.partner.id, id).await?;
    let reason = match reason_of(&form, true) {
        Ok(reason) => reason,
        Err(errors) => {
            return partner_view(&state, &page, &acting, Some(id), form.reason, errors).await;
        }
    };
    settle(
        &state,
        &claim,
        ClaimStatus::Revoked,
        reason,
        &acting.user,
        &acting.partner.name,
    )
    .await?;
    flash(&session, "success", "claim-revoked").await?;
    Ok(Redirect::to(&format!("/p/{}/revendications", acting.partner.slug)).into_response())
}

async fn coordination_view(
    state: &AppState,
    page: &Page,
    failed: Option<i64>,
    reason: String,
    errors: FieldErrors,
) -> AppResult<Response> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = ClaimsView {
        space: None,
        pending: live_claims(state, None, ClaimStatus::Pending).await?,
        approved: live_claims(state, None, ClaimStatus::Approved).await?,
        failed,
        reason,
        errors,
        action_base: "/coordination/revendications".into(),
    };
    page.render_with_status(status, "messaging/claims.html", &view)
}

/// `GET /coordination/revendications`
pub async fn coordination_list(
    State(state): State<AppState>,
    page: Page,
    _: Coordinator,
) -> AppResult<Response> {
    coordination_view(&state, &page, None, String::new(), FieldErrors::new()).await
}

/// `POST /coordination/revendications/{id}/retirer` (with a reason)
pub async fn coordination_revoke(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    Coordinator(me): Coordinator,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> AppResult<Response> {
    let claim = project_claim::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("claim"))?;
    let reason = match reason_of(&form, true) {
        Ok(reason) => reason,
        Err(errors) => {
            return coordination_view(&state, &page, Some(id), form.reason, errors).await;
        }
    };
    let by = page.lang().t("messaging-coordination");
    settle(&state, &claim, ClaimStatus::Revoked, reason, &me, &by).await?;
    flash(&session, "success", "claim-revoked").await?;
    Ok(Redirect::to("/coordination/revendications").into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_masked() {
        assert_eq!(
            super::mask_email("contact@jardin.example.org"),
            "c•••@jardin.example.org"
        );
        assert_eq!(super::mask_email("nope"), "•••");
    }
}
