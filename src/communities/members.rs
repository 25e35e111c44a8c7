//! Joining and leaving: an open community takes people at once, one on request waits for
//! a host, one by invitation only takes the people its hosts invited. Hosts accept
//! requests, invite people by the address of their account, remove members and make
//! other members hosts; a community always keeps one host.
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::access::{self, Access};
use super::model::{MemberStatus, Role, Rule};
use super::service;
use super::views::community_path;
use crate::accounts::session::CurrentUser;
use crate::board::form::OnBehalf;
use crate::entities::{community_member, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::forms::NoFields;
use crate::web::{CsrfForm, Lang, flash};

/// What a member says of themselves.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub what_they_do: String,
    /// `partner:{id}`, `project:{id}` or empty.
    pub affiliation: String,
}

/// The profile as stored: the text and at most one partner or project of the person's.
async fn parse_profile(
    state: &AppState,
    me: &user::Model,
    form: &ProfileForm,
) -> AppResult<(String, Option<i64>, Option<i64>)> {
    let text = form.what_they_do.trim();
    if text.chars().count() > 300 {
        return Err(AppError::invalid("what_they_do", "field-too-long"));
    }
    let rights = crate::board::access::posting_rights(&state.db, me).await?;
    let (partner, project) = match OnBehalf::parse(&form.affiliation) {
        None if form.affiliation.trim().is_empty() => (None, None),
        Some(OnBehalf::Partner(id)) if rights.partners.iter().any(|p| p.id == id) => {
            (Some(id), None)
        }
        Some(OnBehalf::Project(id)) if rights.projects.iter().any(|p| p.id == id) => {
            (None, Some(id))
        }
        _ => {
            return Err(AppError::invalid(
                "affiliation",
                "community-affiliation-invalid",
            ));
        }
    };
    Ok((text.to_owned(), partner, project))
}

async fn save_profile(
    state: &AppState,
    member_id: i64,
    profile: (String, Option<i64>, Option<i64>),
) -> AppResult<()> {
    community_member::Entity::update_many()
        .col_expr(community_member::Column::WhatTheyDo, Expr::value(profile.0))
        .col_expr(community_member::Column::PartnerId, Expr::value(profile.1))
        .col_expr(community_member::Column::ProjectId, Expr::value(profile.2))
        .col_expr(community_member::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(community_member::Column::Id.eq(member_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

async fn load_signed_in(state: &AppState, slug: &str, me: user::Model) -> AppResult<Access> {
    let access = access::load(&state.db, slug, Some(me)).await?;
    if !access.is_active() {
        return Err(AppError::forbidden("community-not-active"));
    }
    Ok(access)
}

fn back(slug: &str) -> Response {
    Redirect::to(&community_path(slug)).into_response()
}

/// `POST /communautes/{slug}/rejoindre`: join, ask to join, or accept an invitation.
pub async fn join(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me.clone()).await?;
    if me.verified_at.is_none() {
        return Err(AppError::forbidden("community-verify-first"));
    }
    let profile = parse_profile(&state, &me, &form).await?;
    let message = match &access.membership {
        Some(m) if m.status == MemberStatus::Active.as_str() => "community-already-member",
        Some(m) if m.status == MemberStatus::Requested.as_str() => "community-request-waiting",
        Some(m) => {
            service::activate(&state.db, m.id).await?;
            save_profile(&state, m.id, profile).await?;
            "community-joined"
        }
        None => {
            let status = match Rule::parse(&access.community.membership_rule) {
                Some(Rule::Open) => MemberStatus::Active,
                Some(Rule::Request) => MemberStatus::Requested,
                _ => return Err(AppError::forbidden("community-invitation-only")),
            };
            let row = service::add_member(
                &state.db,
                access.community.id,
                me.id,
                Role::Member,
                status,
                None,
            )
            .await?;
            save_profile(&state, row.id, profile).await?;
            if status == MemberStatus::Active {
                "community-joined"
            } else {
                "community-request-sent"
            }
        }
    };
    flash(&session, "success", message).await?;
    Ok(back(&slug))
}

/// `POST /communautes/{slug}/profil`: what a member says they do, their partner or
/// project.
pub async fn profile(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me.clone()).await?;
    access.require_member()?;
    let profile = parse_profile(&state, &me, &form).await?;
    if let Some(m) = &access.membership {
        save_profile(&state, m.id, profile).await?;
    }
    flash(&session, "success", "community-profile-saved").await?;
    Ok(back(&slug))
}

/// `POST /communautes/{slug}/quitter`: leave, withdraw a request or decline an
/// invitation.
pub async fn leave(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me).await?;
    let Some(member) = &access.membership else {
        return Err(AppError::forbidden("community-members-only"));
    };
    if service::remove_member(&state.db, member).await? {
        flash(&session, "success", "community-left").await?;
    } else {
        flash(&session, "error", "community-last-host").await?;
    }
    Ok(back(&slug))
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
}

#[derive(Serialize)]
struct InvitationMail {
    name: String,
    host: String,
    community: String,
    link: String,
}

/// `POST /communautes/{slug}/inviter` (hosts): invites the person with that account.
pub async fn invite(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me.clone()).await?;
    access.require_host()?;
    let email = crate::web::forms::Email::parse(&form.email)
        .map_err(|key| AppError::invalid("email", key))?;
    let Some(invitee) = crate::accounts::users::find_by_email(&state.db, email.as_str()).await?
    else {
        flash(&session, "error", "community-invite-unknown").await?;
        return Ok(back(&slug));
    };
    let existing = community_member::Entity::find()
        .filter(community_member::Column::CommunityId.eq(access.community.id))
        .filter(community_member::Column::UserId.eq(invitee.id))
        .one(&state.db)
        .await?;
    let key = match existing {
        Some(m) if m.status == MemberStatus::Requested.as_str() => {
            // They asked already: the invitation is the answer.
            service::activate(&state.db, m.id).await?;
            "community-request-accepted"
        }
        Some(_) => "community-invite-already",
        None => {
            service::add_member(
                &state.db,
                access.community.id,
                invitee.id,
                Role::Member,
                MemberStatus::Invited,
                Some(me.id),
            )
            .await?;
            let lang = Lang::parse(&invitee.preferred_lang).unwrap_or(Lang::Fr);
            let public_url = state.settings.server.public_url.trim_end_matches('/');
            crate::mail::queue(
                &state,
                "community_invitation",
                lang,
                &invitee.email,
                None,
                &InvitationMail {
                    name: invitee.display_name.clone(),
                    host: me.display_name.clone(),
                    community: access.community.name.clone(),
                    link: format!("{public_url}{}", community_path(&slug)),
                },
            )
            .await?;
            "community-invited"
        }
    };
    flash(&session, "success", key).await?;
    Ok(back(&slug))
}

/// `POST /communautes/{slug}/membres/{id}/accepter` (hosts)
pub async fn accept(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me).await?;
    access.require_host()?;
    let member = service::member_of(&state.db, access.community.id, id).await?;
    if member.status != MemberStatus::Requested.as_str() {
        return Err(AppError::Conflict("community-not-a-request".into()));
    }
    service::activate(&state.db, member.id).await?;
    flash(&session, "success", "community-request-accepted").await?;
    Ok(back(&slug))
}

/// `POST /communautes/{slug}/membres/{id}/retirer` (hosts): removes a member, declines
/// a request or withdraws an invitation.
pub async fn remove(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me).await?;
    access.require_host()?;
    let member = service::member_of(&state.db, access.community.id, id).await?;
    if service::remove_member(&state.db, &member).await? {
        flash(&session, "success", "community-member-removed").await?;
    } else {
        flash(&session, "error", "community-last-host").await?;
    }
    Ok(back(&slug))
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

/// `POST /communautes/{slug}/membres/{id}/role` (hosts)
pub async fn set_role(
    State(state): State<AppState>,
    session: Session,
    CurrentUser(me): CurrentUser,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> AppResult<Response> {
    let access = load_signed_in(&state, &slug, me).await?;
    access.require_host()?;
    let role = Role::parse(&form.role)
        .ok_or_else(|| AppError::invalid("role", "community-role-invalid"))?;
    let member = service::member_of(&state.db, access.community.id, id).await?;
    if member.status != MemberStatus::Active.as_str() {
        return Err(AppError::Conflict("community-not-a-member".into()));
    }
    if service::set_role(&state.db, &member, role).await? {
        flash(&session, "success", "community-role-saved").await?;
    } else {
        flash(&session, "error", "community-last-host").await?;
    }
    Ok(back(&slug))
}
