//! A partner's public profile: validation shared by the application form and the
//! partner space's profile page, and the logo.
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::model::{Kind, Scale, Status};
use super::policy::{Abilities, ActingPartner, Action};
use crate::entities::{file, partner};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::{NoFields, check_length};
use crate::web::{CsrfForm, Page, flash};

/// Largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// The profile fields as typed (and shown again on error).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub scale: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description: String,
}

impl ProfileForm {
    pub fn from_partner(p: &partner::Model) -> Self {
        Self {
            name: p.name.clone(),
            kind: p.kind.clone(),
            scale: p.scale.clone(),
            website: p.website.clone().unwrap_or_default(),
            description: p.description.clone(),
        }
    }
}

/// A profile that passed validation.
#[derive(Debug, Clone)]
pub struct ValidProfile {
    pub name: String,
    pub kind: Kind,
    pub scale: Scale,
    pub website: Option<String>,
    pub description: String,
}

/// A website address: http(s) with a host; empty means none.
pub fn check_website(errors: &mut FieldErrors, field: &str, raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match crate::web::forms::http_url(raw) {
        Some(_) if raw.len() <= 300 => Some(raw.to_owned()),
        _ => {
            errors
                .entry(field.into())
                .or_default()
                .push("url-invalid".into());
            None
        }
    }
}

pub fn validate(form: &ProfileForm, errors: &mut FieldErrors) -> Option<ValidProfile> {
    let name = check_length(errors, "name", &form.name, 2, 150);
    let description = check_length(errors, "description", &form.description, 0, 5000);
    let kind = Kind::parse(&form.kind);
    if kind.is_none() {
        errors.insert("kind".into(), vec!["choice-invalid".into()]);
    }
    let scale = Scale::parse(&form.scale);
    if scale.is_none() {
        errors.insert("scale".into(), vec!["choice-invalid".into()]);
    }
    let website = check_website(errors, "website", &form.website);
    match (kind, scale) {
        (Some(kind), Some(scale)) if errors.is_empty() => Some(ValidProfile {
            name,
            kind,
            scale,
            website,
            description,
        }),
        _ => None,
    }
}

/// The choices of the kind and scale selects.
#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    pub kinds: Vec<&'static str>,
    pub scales: Vec<&'static str>,
}

impl Default for Choices {
    fn default() -> Self {
        Self {
            kinds: Kind::codes(),
            scales: Scale::codes(),
        }
    }
}

/// What every partner-space page shows in its header.
#[derive(Debug, Clone, Serialize)]
pub struct SpaceHeader {
    pub slug: String,
    pub name: String,
    pub status: &'static str,
    pub role: Option<&'static str>,
    pub has_logo: bool,
    /// Closed without ever being admitted: its application was declined.
    pub declined: bool,
    pub can: Abilities,
}

impl SpaceHeader {
    pub fn of(acting: &ActingPartner) -> Self {
        Self {
            slug: acting.partner.slug.clone(),
            name: acting.partner.name.clone(),
            status: acting.status.as_str(),
            role: acting.role.map(|r| r.as_str()),
            has_logo: acting.partner.logo_file_id.is_some(),
            declined: acting.status == Status::Left && acting.partner.admitted_at.is_none(),
            can: acting.abilities(),
        }
    }
}

#[derive(Serialize)]
struct ProfileView {
    space: SpaceHeader,
    form: ProfileForm,
    errors: FieldErrors,
    choices: Choices,
    max_logo_kb: usize,
}

fn profile_view(acting: &ActingPartner, form: ProfileForm, errors: FieldErrors) -> ProfileView {
    ProfileView {
        space: SpaceHeader::of(acting),
        form,
        errors,
        choices: Choices::default(),
        max_logo_kb: MAX_LOGO_BYTES / 1024,
    }
}

/// `GET /p/{partner}/profil`
pub async fn show(page: Page, acting: ActingPartner) -> AppResult<Response> {
    acting.require(Action::EditProfile)?;
    let form = ProfileForm::from_partner(&acting.partner);
    page.render(
        "partners/space/profile.html",
        &profile_view(&acting, form, FieldErrors::new()),
    )
}

/// `POST /p/{partner}/profil`
pub async fn update(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    acting: ActingPartner,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    acting.require(Action::EditProfile)?;
    let mut errors = FieldErrors::new();
    let Some(valid) = validate(&form, &mut errors) else {
        return page.render_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "partners/space/profile.html",
            &profile_view(&acting, form, errors),
        );
    };
    partner::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(acting.partner.id),
        name: Set(valid.name),
        kind: Set(valid.kind.as_str().into()),
        scale: Set(valid.scale.as_str().into()),
        website: Set(valid.website),
        description: Set(valid.description),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&state.db)
    .await?;
    flash(&session, "success", "partner-profile-saved").await?;
    Ok(Redirect::to(&format!("/p/{}/profil", acting.partner.slug)).into_response())
}

/// The image type of `bytes`, from their first bytes; SVG is refused (it can carry script).
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// `POST /p/{partner}/logo` (multipart: `_csrf`, `logo`).
pub async fn upload_logo(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let mut csrf = None;
    let mut logo: Option<Vec<u8>> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::invalid("logo", "form-malformed"))?
    {
        match field.name() {
            Some("_csrf") => csrf = field.text().await.ok(),
            Some("logo") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::invalid("logo", "logo-too-large"))?;
                logo = Some(bytes.to_vec());
            }
            _ => {}
        }
    }
    crate::web::csrf::verify(&session, csrf.as_deref()).await?;
    acting.require(Action::EditProfile)?;
    let back = Redirect::to(&format!("/p/{}/profil", acting.partner.slug)).into_response();
    let logo = logo.filter(|b| !b.is_empty());
    let Some(bytes) = logo else {
        flash(&session, "error", "logo-missing").await?;
        return Ok(back);
    };
    if bytes.len() > MAX_LOGO_BYTES {
        flash(&session, "error", "logo-too-large").await?;
        return Ok(back);
    }
    let Some(content_type) = sniff_image(&bytes) else {
        flash(&session, "error", "logo-wrong-type").await?;
        return Ok(back);
    };
    let stored = file::ActiveModel {
        content_type: Set(content_type.into()),
        sha256: Set(crate::digest::sha256_hex(&bytes)),
        size: Set(bytes.len() as i64),
        bytes: Set(bytes),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    replace_logo(&state, &acting.partner, Some(stored.id)).await?;
    flash(&session, "success", "logo-saved").await?;
    Ok(back)
}

/// `POST /p/{partner}/logo/supprimer`
pub async fn remove_logo(
    State(state): State<AppState>,
    session: Session,
    acting: ActingPartner,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<Response> {
    acting.require(Action::EditProfile)?;
    replace_logo(&state, &acting.partner, None).await?;
    flash(&session, "success", "logo-removed").await?;
    Ok(Redirect::to(&format!("/p/{}/profil", acting.partner.slug)).into_response())
}

async fn replace_logo(
    state: &AppState,
    partner: &partner::Model,
    file_id: Option<i64>,
) -> AppResult<()> {
    partner::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(partner.id),
        logo_file_id: Set(file_id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(&state.db)
    .await?;
    if let Some(old) = partner.logo_file_id {
        file::Entity::delete_by_id(old).exec(&state.db).await?;
    }
    Ok(())
}

/// `GET /partenaires/{slug}/logo`: public, for active partners.
pub async fn serve_logo(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let found = partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug))
        .filter(partner::Column::Status.eq(Status::Active.as_str()))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("partner"))?;
    let file_id = found
        .logo_file_id
        .ok_or_else(|| AppError::not_found("page"))?;
    let stored = file::Entity::find_by_id(file_id)
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::not_found("page"))?;
    Response::builder()
        .header(header::CONTENT_TYPE, stored.content_type)
        .header(header::CACHE_CONTROL, "public, max-age=300")
        .header("x-content-type-options", "nosniff")
        .body(Body::from(stored.bytes))
        .map_err(|e| AppError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_profile_input_is_named_per_field() {
        let form = ProfileForm {
            name: "x".repeat(151),
            kind: "club".into(),
            scale: "local".into(),
            website: "javascript:alert(1)".into(),
            description: String::new(),
        };
        let mut errors = FieldErrors::new();
        assert!(validate(&form, &mut errors).is_none());
        assert_eq!(errors["name"], ["field-too-long"]);
        assert_eq!(errors["kind"], ["choice-invalid"]);
        assert_eq!(errors["website"], ["url-invalid"]);
        assert!(!errors.contains_key("scale"));
    }

    #[test]
    fn only_raster_images_are_logos() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff_image(b"<svg onload=alert(1)>"), None);
    }
}
