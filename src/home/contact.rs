//! `/contact`: anyone can write to the collective's coordinators. The message is mailed
//! (through the job queue) with the sender as reply-to.
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::{AppResult, FieldErrors};
use crate::state::AppState;
use crate::web::forms::{Email, check_length};
use crate::web::{CsrfForm, Page, flash};

/// The form as submitted (and re-shown on error).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// Honeypot: people leave it empty, naive bots fill it.
    #[serde(default)]
    pub website: String,
}

/// A message that passed validation.
struct ContactMessage {
    name: String,
    email: Email,
    subject: String,
    message: String,
}

impl TryFrom<&ContactForm> for ContactMessage {
    type Error = FieldErrors;

    fn try_from(form: &ContactForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = check_length(&mut errors, "name", &form.name, 1, 120);
        let subject = check_length(&mut errors, "subject", &form.subject, 3, 200);
        let message = check_length(&mut errors, "message", &form.message, 10, 5000);
        let email = match Email::parse(&form.email) {
            Ok(email) => Some(email),
            Err(key) => {
                errors.entry("email".into()).or_default().push(key.into());
                None
            }
        };
        match email {
            Some(email) if errors.is_empty() => Ok(ContactMessage {
                name,
                email,
                subject,
                message,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Serialize)]
struct ContactView {
    form: ContactForm,
    errors: FieldErrors,
}

pub async fn show(page: Page) -> AppResult<Response> {
    page.render(
        "home/contact.html",
        &ContactView {
            form: ContactForm::default(),
            errors: FieldErrors::new(),
        },
    )
}

#[derive(Serialize)]
struct ContactMail {
    name: String,
    email: String,
    subject: String,
    message: String,
}

pub async fn send(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    CsrfForm(form): CsrfForm<ContactForm>,
) -> AppResult<Response> {
    if !form.website.is_empty() {
        // Looks like a bot: answer as if sent, send nothing.
        flash(&session, "success", "contact-sent").await?;
        return Ok(Redirect::to("/contact").into_response());
    }
    let message = match ContactMessage::try_from(&form) {
        Ok(message) => message,
        Err(errors) => {
            return page.render_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                "home/contact.html",
                &ContactView { form, errors },
            );
        }
    };
    let reply_to = format!(
        "{} <{}>",
        message.name.replace(['<', '>', '"'], ""),
        message.email.as_str()
    );
    crate::mail::queue(
        &state,
        "contact",
        page.lang(),
        &state.settings.mail.coordinators,
        Some(&reply_to),
        &ContactMail {
            name: message.name,
            email: message.email.as_str().to_owned(),
            subject: message.subject,
            message: message.message,
        },
    )
    .await?;
    flash(&session, "success", "contact-sent").await?;
    Ok(Redirect::to("/contact").into_response())
}
