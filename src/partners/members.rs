//! `/p/{partner}/membres`: the member list, invitations by mail, role changes, removal
//! and leaving. A partner always keeps at least one admin.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::Role;
use super::policy::{ActingPartner, Action};
use super::profile::SpaceHeader;
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::client::ClientIp;
use crate::accounts::tokens::{self, NewToken, Purpose};
use crate::accounts::{rate_limit, users};
use crate::entities::{membership, partner, user, user_token};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::{Email, NoFields};
use crate::web::{CsrfForm, Page, flash};

#[derive(Serialize)]
struct MemberRow {
    user_id: i64,
    display_name: String,
    email: String,
    role: String,
    since: DateTime<Utc>,
    is_me: bool,
}

#[derive(Serialize)]
struct InvitationRow {
    id: i64,
    email: String,
    role: String,
    expires_at: DateTime<Utc>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

#[derive(Serialize)]
struct MembersView {
    space: SpaceHeader,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationRow>,
    roles: Vec<&'static str>,
    form: InviteForm,
    errors: FieldErrors,
}

async fn members_view(
    state: &AppState,
    acting: &ActingPartner,
    form: InviteForm,
    errors: FieldErrors,
) -> AppResult<MembersView> {
    let members = membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(acting.partner.id))
        .find_also_related(user::Entity)
        .order_by_asc(membership::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|(m, u)| {
            u.map(|u| MemberRow {
                is_me: u.id == acting.user.id,
                user_id: u.id,
                display_name: u.display_name,
                email: u.email,
                role: m.role,
                since: m.created_at,
            })
        })
        .collect();
    let invitations = if acting.can(Action::ManageMembers) {
        pending_invitations(state, acting.partner.id).await?
    } else {
        Vec::new()
    };
    Ok(MembersView {
        space: SpaceHeader::of(acting),
        members,
        invitations,
        roles: Role::codes(),
        form,
        errors,
    })
}

async fn pending_invitations(state: &AppState, partner_id: i64) -> AppResult<Vec<InvitationRow>> {
    Ok(user_token::Entity::find()
        .filter(user_token::Column::Purpose.eq(Purpose::Invite.as_str()))
        .filter(user_token::Column::PartnerId.eq(partner_id))
        .filter(user_token::Column::UsedAt.is_null())
        .filter(user_token::Column::ExpiresAt.gt(Utc::now()))
        .order_by_asc(user_token::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|t| InvitationRow {
            id: t.id,
            email: t.email,
            role: t.role.unwrap_or_default(),
            expires_at: t.expires_at,
        })
        .collect())
}

fn members_url(acting: &ActingPartner) -> String {
    format!("/p/{}/membres", acting.partner.slug)
}

/// `GET /p/{partner}/membres`
pub async fn list(
    State(state): State<AppState>,
    page: Page,
    acting: ActingPartner,
) -> AppResult<Response> {
    acting.require(Action::ViewMembers)?;
    let form = InviteForm {
        role: Role::Member.as_str().into(),
        ..Default::default()
    };
    let view = members_view(&state, &acting, form, FieldErrors::new()).await?;
    page.render("partners/space/members.html", &view)
}

#[derive(Serialize)]
struct InvitationMail {
    partner: String,
    inviter: String,
    role: String,
    link: String,
}

/// `POST /p/{partner}/membres/inviter`
pub async fn invite(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageMembers)?;
    let mut errors = FieldErrors::new();
    let email = Email::parse(&form.email)
        .map_err(|key| errors.insert("email".into(), vec![key.into()]))
        .ok();
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.insert("role".into(), vec!["role-unknown".into()]);
    }
    if let Some(email) = &email
        && let Some(existing) = users::find_by_email(&state.db, email.as_str()).await?
        && membership_of(&state, acting.partner.id, existing.id)
            .await?
            .is_some()
    {
        errors.insert("email".into(), vec!["already-member".into()]);
    }
    let (Some(email), Some(role)) = (email, role.filter(|_| errors.is_empty())) else {
        let view = members_view(&state, &acting, form, errors).await?;
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "partners/space/members.html",
            &view,
        );
    };
    rate_limit::hit(
        &state.db,
        &format!("invite:partner:{}", acting.partner.id),
        50,
        chrono::Duration::hours(24),
    )
    .await?;
    // One pending invitation per address: a new one replaces the old links.
    let address = users::normalize_email(email.as_str());
    withdraw_invitations(state.db.clone(), acting.partner.id, &address).await?;
    let secret = tokens::issue(
        &state.db,
        NewToken {
            purpose: Purpose::Invite,
            user_id: None,
            email: &address,
            partner_id: Some(acting.partner.id),
            role: Some(role.as_str()),
            created_by: Some(acting.user.id),
        },
    )
    .await?;
    let link = format!("{}/invitation/{secret}", state.settings.server.public_url);
    let mail = InvitationMail {
        partner: acting.partner.name.clone(),
        inviter: acting.user.display_name.clone(),
        role: role.as_str().into(),
        link,
    };
    crate::mail::queue(
        &state,
        "invitation",
        page.lang(),
        email.as_str(),
        None,
        &mail,
    )
    .await?;
    flash(&session, "success", "invitation-sent").await?;
    Ok(Redirect::to(&members_url(&acting)).into_response())
}

async fn membership_of(
    state: &AppState,
    partner_id: i64,
    user_id: i64,
) -> AppResult<Option<membership::Model>> {
    Ok(membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(&state.db)
        .await?)
}

/// `POST /p/{partner}/invitations/{id}/annuler`
pub async fn revoke_invitation(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    Path((_, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    acting.require(Action::ManageMembers)?;
    let deleted = user_token::Entity::delete_many()
        .filter(user_token::Column::Id.eq(id))
        .filter(user_token::Column::PartnerId.eq(acting.partner.id))
        .filter(user_token::Column::Purpose.eq(Purpose::Invite.as_str()))
        .exec(&state.db)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::not_found("page"));
    }
    flash(&session, "success", "invitation-revoked").await?;
    Ok(Redirect::to(&members_url(&acting)).into_response())
}

/// Deletes the unused invitations of `partner_id` sent to `address` (normalised).
pub async fn withdraw_invitations(
    db: sea_orm::DatabaseConnection,
    partner_id: i64,
    address: &str,
) -> AppResult<()> {
    user_token::Entity::delete_many()
        .filter(user_token::Column::Purpose.eq(Purpose::Invite.as_str()))
        .filter(user_token::Column::PartnerId.eq(partner_id))
        .filter(user_token::Column::Email.eq(users::normalize_email(address)))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(&db)
        .await?;
    Ok(())
}

/// Serialises membership changes of one partner (PostgreSQL row lock; SQLite writes are
/// serial already), so that two admins demoting each other cannot leave none.
async fn lock_partner(txn: &DatabaseTransaction, partner_id: i64) -> AppResult<()> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_raw(sea_orm::Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT id FROM partners WHERE id = $1 FOR UPDATE",
            [partner_id.into()],
        ))
        .await?;
    }
    Ok(())
}

async fn admin_count(txn: &DatabaseTransaction, partner_id: i64) -> AppResult<usize> {
    Ok(membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner_id))
        .filter(membership::Column::Role.eq(Role::Admin.as_str()))
        .all(txn)
        .await?
        .len())
}

/// What a membership change does, checked and applied under the partner's lock.
enum Change {
    Role(Role),
    Remove,
    /// Leaving a partner that left the collective: no admin needs to stay.
    RemoveFromClosed,
}

/// Applies `change` to the membership of `user_id`; `Err(key)` when it would leave the
/// partner without an admin or the person is not a member.
async fn apply_change(
    state: &AppState,
    partner_id: i64,
    user_id: i64,
    change: Change,
) -> AppResult<Result<String, &'static str>> {
    let txn = crate::db::begin_write(&state.db).await?;
    lock_partner(&txn, partner_id).await?;
    let Some(current) = membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(partner_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(&txn)
        .await?
    else {
        return Ok(Err("member-unknown"));
    };
    let was_admin = current.role == Role::Admin.as_str();
    let stays_admin = matches!(change, Change::Role(Role::Admin));
    let needs_admin = !matches!(change, Change::RemoveFromClosed);
    if needs_admin && was_admin && !stays_admin && admin_count(&txn, partner_id).await? <= 1 {
        return Ok(Err("last-admin"));
    }
    let previous = current.role.clone();
    match change {
        Change::Role(role) => {
            let mut row: membership::ActiveModel = current.into();
            row.role = Set(role.as_str().into());
            row.update(&txn).await?;
        }
        Change::Remove | Change::RemoveFromClosed => {
            membership::Entity::delete_by_id(current.id)
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(Ok(previous))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

/// `POST /p/{partner}/membres/{user}/role`
pub async fn change_role(
    State(state): State<AppState>,
    session: Session,
    ClientIp(ip): ClientIp,
    acting: ActingPartner,
    Path((_, user_id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> AppResult<Response> {
    acting.require(Action::ManageMembers)?;
    let Some(role) = Role::parse(&form.role) else {
        return Err(AppError::invalid("role", "role-unknown"));
    };
    match apply_change(&state, acting.partner.id, user_id, Change::Role(role)).await? {
        Ok(previous) => {
            audit::record(
                &state.db,
                AuditEntry {
                    actor: Some(acting.user.id),
                    action: "member_role_changed",
                    target_kind: "partner",
                    target_id: Some(acting.partner.id),
                    details: serde_json::json!({"user_id": user_id, "from": previous, "to": role.as_str()}),
                    ip: Some(&ip),
                },
            )
            .await?;
            flash(&session, "success", "member-role-changed").await?;
        }
        Err("member-unknown") => return Err(AppError::not_found("page")),
        Err(key) => flash(&session, "error", key).await?,
    }
    Ok(Redirect::to(&members_url(&acting)).into_response())
}

/// `POST /p/{partner}/membres/{user}/retirer`
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    ClientIp(ip): ClientIp,
    acting: ActingPartner,
    Path((_, user_id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    acting.require(Action::ManageMembers)?;
    match apply_change(&state, acting.partner.id, user_id, Change::Remove).await? {
        Ok(previous) => {
            // A removed member must not come back through an old invitation link.
            if let Some(removed) = user::Entity::find_by_id(user_id).one(&state.db).await? {
                withdraw_invitations(state.db.clone(), acting.partner.id, &removed.email).await?;
            }
            audit::record(
                &state.db,
                AuditEntry {
                    actor: Some(acting.user.id),
                    action: "member_removed",
                    target_kind: "partner",
                    target_id: Some(acting.partner.id),
                    details: serde_json::json!({"user_id": user_id, "role": previous}),
                    ip: Some(&ip),
                },
            )
            .await?;
            flash(&session, "success", "member-removed").await?;
        }
        Err("member-unknown") => return Err(AppError::not_found("page")),
        Err(key) => flash(&session, "error", key).await?,
    }
    Ok(Redirect::to(&members_url(&acting)).into_response())
}

/// `POST /p/{partner}/quitter`
pub async fn leave(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    acting.require(Action::Leave)?;
    let change = if acting.status == super::model::Status::Left {
        Change::RemoveFromClosed
    } else {
        Change::Remove
    };
    match apply_change(&state, acting.partner.id, acting.user.id, change).await? {
        Ok(_) => {
            flash(&session, "success", "member-left").await?;
            Ok(Redirect::to("/compte").into_response())
        }
        Err(key) => {
            flash(&session, "error", key).await?;
            Ok(Redirect::to(&members_url(&acting)).into_response())
        }
    }
}

/// Adds `user_id` to `partner_id` with `role` unless already a member (then keeps the role).
pub async fn join(state: &AppState, partner_id: i64, user_id: i64, role: Role) -> AppResult<bool> {
    if membership_of(state, partner_id, user_id).await?.is_some() {
        return Ok(false);
    }
    let inserted = membership::ActiveModel {
        user_id: Set(user_id),
        partner_id: Set(partner_id),
        role: Set(role.as_str().into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if users::is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err.into()),
    }
}

/// The partner a token invites to.
pub async fn partner_of_invitation(
    state: &AppState,
    token: &user_token::Model,
) -> AppResult<partner::Model> {
    let id = token
        .partner_id
        .ok_or_else(|| AppError::not_found("page"))?;
    partner::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))
}
