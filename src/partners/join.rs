//! `/rejoindre`: a signed-in person applies for their organisation to join the
//! collective. The partner is created as `applicant` with them as admin; coordinators
//! decide (see `admission`).
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::{Role, Status};
use super::profile::{Choices, ProfileForm, validate};
use crate::accounts::audit::{self, AuditEntry};
use crate::accounts::client::ClientIp;
use crate::accounts::session::CurrentUser;
use crate::accounts::{rate_limit, users};
use crate::entities::{membership, partner, partner_application};
use crate::error::{AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::check_length;
use crate::web::slug::slugify;
use crate::web::{CsrfForm, Page, flash};

/// Paths that a partner slug may not take (they would read oddly in `/p/{slug}`).
const RESERVED_SLUGS: &[&str] = &["admin", "api", "coordination", "nouveau", "new", "static"];

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct ApplicationForm {
    #[serde(flatten)]
    profile: ProfileForm,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    message: String,
}

#[derive(Serialize)]
struct ApplicationView {
    signed_in: bool,
    form: ApplicationForm,
    errors: FieldErrors,
    choices: Choices,
}

/// `GET /rejoindre`
pub async fn show(page: Page, current: Option<CurrentUser>) -> AppResult<Response> {
    let form = ApplicationForm {
        profile: ProfileForm {
            kind: "association".into(),
            scale: "local".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    page.render(
        "partners/join.html",
        &ApplicationView {
            signed_in: current.is_some(),
            form,
            errors: FieldErrors::new(),
            choices: Choices::default(),
        },
    )
}

/// A slug typed by the applicant, or one made from the name.
fn check_slug(errors: &mut FieldErrors, typed: &str, name: &str) -> String {
    let slug = if typed.trim().is_empty() {
        slugify(name, 60)
    } else {
        typed.trim().to_owned()
    };
    let well_formed = (2..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if !well_formed && typed.trim().is_empty() {
        // Made from the name: a problem with the name is reported next to the name.
        if !errors.contains_key("name") {
            errors.insert("name".into(), vec!["partner-name-no-slug".into()]);
        }
    } else if !well_formed {
        errors.insert("slug".into(), vec!["slug-invalid".into()]);
    } else if RESERVED_SLUGS.contains(&slug.as_str()) {
        errors.insert("slug".into(), vec!["slug-taken".into()]);
    }
    slug
}

#[derive(Serialize)]
struct ApplicationMail {
    partner: String,
    applicant: String,
    applicant_email: String,
    message: String,
    link: String,
}

/// `POST /rejoindre`
pub async fn submit(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    ClientIp(ip): ClientIp,
    CurrentUser(user): CurrentUser,
    CsrfForm(form): CsrfForm<ApplicationForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let profile = validate(&form.profile, &mut errors);
    let slug = check_slug(&mut errors, &form.slug, &form.profile.name);
    let message = check_length(&mut errors, "message", &form.message, 10, 5000);
    // A declined application of one's own may be made again under the same address.
    let mut reopen = None;
    if !errors.contains_key("slug")
        && let Some(existing) = partner_with_slug(&state, &slug).await?
    {
        if reapplicable(&state, &existing, user.id).await? {
            reopen = Some(existing);
        } else if form.slug.trim().is_empty() {
            // The address came from the name: say so next to the name.
            errors.insert("name".into(), vec!["partner-name-taken".into()]);
        } else {
            errors.insert("slug".into(), vec!["slug-taken".into()]);
        }
    }
    let invalid = |form: ApplicationForm, errors: FieldErrors| {
        page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "partners/join.html",
            &ApplicationView {
                signed_in: true,
                form,
                errors,
                choices: Choices::default(),
            },
        )
    };
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        return invalid(form, errors);
    };
    rate_limit::hit(
        &state.db,
        &format!("apply:user:{}", user.id),
        5,
        chrono::Duration::days(1),
    )
    .await?;
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    if let Some(existing) = reopen {
        let mut row: partner::ActiveModel = existing.into();
        row.name = Set(profile.name.clone());
        row.kind = Set(profile.kind.as_str().into());
        row.scale = Set(profile.scale.as_str().into());
        row.website = Set(profile.website.clone());
        row.description = Set(profile.description.clone());
        row.status = Set(Status::Applicant.as_str().into());
        row.status_changed_at = Set(Some(now));
        row.updated_at = Set(now);
        let reopened = row.update(&txn).await?;
        return finish(&state, &session, txn, &user, reopened, message, &ip, true).await;
    }
    let created = partner::ActiveModel {
        slug: Set(slug.clone()),
        name: Set(profile.name.clone()),
        kind: Set(profile.kind.as_str().into()),
        scale: Set(profile.scale.as_str().into()),
        website: Set(profile.website),
        description: Set(profile.description),
        status: Set(Status::Applicant.as_str().into()),
        region_code: Set(None),
        logo_file_id: Set(None),
        admitted_at: Set(None),
        status_changed_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let created = match created {
        Ok(created) => created,
        Err(err) if users::is_unique_violation(&err) => {
            drop(txn);
            errors.insert("slug".into(), vec!["slug-taken".into()]);
            return invalid(form, errors);
        }
        Err(err) => return Err(err.into()),
    };
    membership::ActiveModel {
        user_id: Set(user.id),
        partner_id: Set(created.id),
        role: Set(Role::Admin.as_str().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    finish(&state, &session, txn, &user, created, message, &ip, false).await
}

/// Records the pending application, tells the coordinators, and goes to the new space.
#[allow(clippy::too_many_arguments)]
async fn finish(
    state: &AppState,
    session: &Session,
    txn: sea_orm::DatabaseTransaction,
    user: &crate::entities::user::Model,
    created: partner::Model,
    message: String,
    ip: &str,
    reopened: bool,
) -> AppResult<Response> {
    let now = Utc::now();
    let slug = created.slug.clone();
    partner_application::ActiveModel {
        partner_id: Set(created.id),
        applicant_user_id: Set(Some(user.id)),
        message: Set(message.clone()),
        status: Set("pending".into()),
        decision_message: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            actor: Some(user.id),
            action: "partner_applied",
            target_kind: "partner",
            target_id: Some(created.id),
            details: serde_json::json!({"slug": slug, "again": reopened}),
            ip: Some(ip),
        },
    )
    .await?;
    txn.commit().await?;
    let mail = ApplicationMail {
        partner: created.name.clone(),
        applicant: user.display_name.clone(),
        applicant_email: user.email.clone(),
        message,
        link: format!(
            "{}/coordination/candidatures",
            state.settings.server.public_url
        ),
    };
    crate::mail::queue(
        state,
        "application_received",
        // For the coordinators, in the hub's first language, not the applicant's.
        crate::web::Lang::Fr,
        &state.settings.mail.coordinators,
        Some(&user.email),
        &mail,
    )
    .await?;
    flash(session, "success", "application-sent").await?;
    Ok(Redirect::to(&format!("/p/{slug}")).into_response())
}

async fn partner_with_slug(state: &AppState, slug: &str) -> AppResult<Option<partner::Model>> {
    Ok(partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug))
        .one(&state.db)
        .await?)
}

/// A partner closed without ever being admitted, of which `user_id` is an admin.
async fn reapplicable(state: &AppState, p: &partner::Model, user_id: i64) -> AppResult<bool> {
    if p.status != Status::Left.as_str() || p.admitted_at.is_some() {
        return Ok(false);
    }
    Ok(membership::Entity::find()
        .filter(membership::Column::PartnerId.eq(p.id))
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Role.eq(Role::Admin.as_str()))
        .one(&state.db)
        .await?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_made_from_names_and_checked() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            check_slug(&mut errors, "", "Réseau Solidarité Île-de-France"),
            "reseau-solidarite-ile-de-france"
        );
        assert!(errors.is_empty());
        check_slug(&mut errors, "Bad Slug!", "x");
        assert_eq!(errors["slug"], ["slug-invalid"]);
        let mut errors = FieldErrors::new();
        check_slug(&mut errors, "coordination", "x");
        assert_eq!(errors["slug"], ["slug-taken"]);
    }
}
