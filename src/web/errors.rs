//! Renders every `AppError` (and unmatched routes) as a localised HTML page or as JSON,
//! chosen by the `Accept` header; internal details never leave the server.
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

use super::i18n::Lang;
use super::page::Page;
use crate::error::ErrorReport;
use crate::state::AppState;

#[derive(Serialize)]
struct FieldMessage {
    field: String,
    messages: Vec<String>,
}

#[derive(Serialize)]
struct ErrorView {
    status: u16,
    code: &'static str,
    title: String,
    message: String,
    fields: Vec<FieldMessage>,
}

#[derive(Serialize)]
struct ErrorLayout {
    lang: Lang,
    other_lang: Lang,
    path: String,
    switch_lang_url: String,
    csrf_token: String,
    flashes: Vec<()>,
    public_url: String,
    user: Option<()>,
}

fn wants_json(request: &Request) -> bool {
    if request.uri().path().starts_with("/api/") {
        return true;
    }
    let accept = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    accept.contains("application/json") && !accept.contains("text/html")
}

fn view(report: &ErrorReport, lang: Lang) -> ErrorView {
    let message = match (&report.detail, report.code) {
        (Some(what), "not-found") => lang.t(&format!("error-not-found-{what}")),
        (Some(reason), "forbidden") => lang.t(&format!("error-forbidden-{reason}")),
        _ => lang.t(&format!("error-{}-message", report.code)),
    };
    ErrorView {
        status: report.status.as_u16(),
        code: report.code,
        title: lang.t(&format!("error-{}", report.code)),
        message,
        fields: report
            .fields
            .iter()
            .map(|(field, keys)| FieldMessage {
                field: field.clone(),
                messages: keys.iter().map(|k| lang.t(k)).collect(),
            })
            .collect(),
    }
}

/// Middleware: turns error reports and bare 404/405 responses into full responses.
pub async fn render(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let json = wants_json(&request);
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or(Lang::Fr);
    let path = request.uri().path().to_owned();
    // After signing in, come back to the page; a form post cannot be replayed, so its
    // sign-in goes back to where the form was.
    let path_and_query = if request.method() == axum::http::Method::GET {
        request
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| path.clone())
    } else {
        request
            .headers()
            .get(axum::http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .map(|u| u.path().to_owned())
            .unwrap_or_else(|| "/".to_owned())
    };
    // The error page shows the header as the page would (signed in, partner spaces).
    let mut replay = Request::new(axum::body::Body::empty());
    *replay.method_mut() = request.method().clone();
    *replay.uri_mut() = request.uri().clone();
    *replay.headers_mut() = request.headers().clone();
    *replay.extensions_mut() = request.extensions().clone();
    let response = next.run(request).await;
    let report = match response.extensions().get::<ErrorReport>() {
        Some(report) => report.clone(),
        None if matches!(
            response.status(),
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ) && !response.headers().contains_key(CONTENT_TYPE) =>
        {
            ErrorReport {
                status: response.status(),
                code: if response.status() == StatusCode::NOT_FOUND {
                    "not-found"
                } else {
                    "method-not-allowed"
                },
                detail: (response.status() == StatusCode::NOT_FOUND).then(|| "page".to_owned()),
                fields: Default::default(),
                retry_after_secs: None,
            }
        }
        None => return response,
    };
    if !json && report.status == StatusCode::UNAUTHORIZED {
        let next: String =
            url::form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect();
        return axum::response::Redirect::to(&format!("/connexion?suivant={next}")).into_response();
    }
    let view = view(&report, lang);
    let mut rendered = if json {
        let body = serde_json::json!({
            "error": { "status": view.status, "code": view.code, "message": view.message,
                        "fields": view.fields.iter().map(|f| (f.field.clone(), f.messages.clone())).collect::<std::collections::BTreeMap<_, _>>() }
        });
        (report.status, axum::Json(body)).into_response()
    } else {
        let (mut parts, _) = replay.into_parts();
        match Page::from_request_parts(&mut parts, &state).await {
            Ok(page) => page
                .render_with_status(report.status, "error.html", &view)
                .unwrap_or_else(|err| {
                    tracing::error!(error = ?err, "error page failed to render");
                    html_page(&state, lang, &path, &view, report.status)
                }),
            // The database is away, say: the page without the person's header.
            Err(_) => html_page(&state, lang, &path, &view, report.status),
        }
    };
    if let Some(secs) = report.retry_after_secs {
        rendered
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    rendered
}

fn html_page(
    state: &AppState,
    lang: Lang,
    path: &str,
    view: &ErrorView,
    status: StatusCode,
) -> Response {
    let other_lang = if lang == Lang::Fr { Lang::En } else { Lang::Fr };
    let layout = ErrorLayout {
        lang,
        other_lang,
        path: path.to_owned(),
        switch_lang_url: format!("{path}?lang={}", other_lang.code()),
        csrf_token: String::new(),
        flashes: Vec::new(),
        public_url: state.settings.server.public_url.clone(),
        user: None,
    };
    let mut context = tera::Context::new();
    context.insert("lang", lang.code());
    context.insert("layout", &layout);
    context.insert("page", view);
    match state.templates.render("error.html", &context) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = ?err, "error page failed to render");
            (status, format!("{} — {}", view.title, view.message)).into_response()
        }
    }
}
