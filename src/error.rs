//! One error type whose variants are HTTP meanings. Handlers return `AppError`; the
//! `web::errors` middleware renders it as a localised HTML page or as JSON by `Accept`.
use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Field name → localisation keys of what is wrong with it.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// What went wrong, in terms a client can act on.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden: {reason}")]
    Forbidden { reason: String },
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// `what` is a localisation key suffix such as `project` or `page`.
    pub fn not_found(what: &str) -> Self {
        Self::NotFound { what: what.into() }
    }

    /// `reason` is a localisation key suffix such as `csrf`.
    pub fn forbidden(reason: &str) -> Self {
        Self::Forbidden {
            reason: reason.into(),
        }
    }

    /// A single invalid field with one message key.
    pub fn invalid(field: &str, message_key: &str) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.into(), vec![message_key.into()]);
        Self::Invalid(errors)
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable machine-readable code, also the suffix of the localisation key `error-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "not-found",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden { .. } => "forbidden",
            Self::Invalid(_) => "invalid",
            Self::Conflict(_) => "conflict",
            Self::TooManyRequests { .. } => "too-many-requests",
            Self::Unavailable => "unavailable",
            Self::Internal(_) => "internal",
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match err {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                tracing::error!(error = %err, "database unreachable");
                Self::Unavailable
            }
            other => Self::Internal(other.into()),
        }
    }
}

/// The part of an error that the rendering middleware needs; internal details stay out.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: Option<String>,
    pub fields: FieldErrors,
    pub retry_after_secs: Option<u64>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(err) = &self {
            tracing::error!(error = ?err, "internal error");
        }
        let report = ErrorReport {
            status: self.status(),
            code: self.code(),
            detail: match &self {
                Self::NotFound { what } => Some(what.clone()),
                Self::Forbidden { reason } => Some(reason.clone()),
                Self::Conflict(what) => Some(what.clone()),
                _ => None,
            },
            fields: match &self {
                Self::Invalid(fields) => fields.clone(),
                _ => FieldErrors::new(),
            },
            retry_after_secs: match &self {
                Self::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
                Self::Unavailable => Some(5),
                _ => None,
            },
        };
        let mut response = report.status.into_response();
        response.extensions_mut().insert(report);
        response
    }
}

/// Result alias for handlers and services.
pub type AppResult<T> = Result<T, AppError>;
