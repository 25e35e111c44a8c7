//! The OpenAPI 3 document of the API (`/api/v1/openapi.json`), derived from the handlers'
//! annotations and the answers' types, and a readable page of it (`/api/v1/docs`).
use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::{exports, items, projects, reference};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::Page;

/// What an error answer holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub status: u16,
    /// Stable code: `invalid`, `not-found`, `too-many-requests`…
    pub code: String,
    /// In the request's language.
    pub message: String,
    /// Each invalid parameter with its messages.
    pub fields: BTreeMap<String, Vec<String>>,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Carrefour — API des projets",
        version = "1",
        description = "Open data of the Carrefour hub: the social-innovation projects listed by the partners of the collective, searchable with the same parameters as the search page. Reads are open to any origin (CORS), rate-limited per address (`RateLimit-*` headers, `429` with `Retry-After`), and carry an `ETag` (send it back in `If-None-Match` to get `304`). Labels follow `Accept-Language` (French by default). Data under the Licence Ouverte 2.0 (Etalab); credit the collective and the partners listed with each project.",
        license(name = "Licence Ouverte / Open Licence 2.0", url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    ),
    paths(
        projects::list,
        projects::show,
        projects::map,
        exports::csv,
        exports::jsonl,
        exports::geojson,
        reference::partners,
        reference::taxonomy,
        reference::territories,
        reference::commune,
        crate::governance::api::proposal,
        crate::messaging::api::list,
        crate::messaging::api::show,
        crate::board::api::list,
        crate::board::api::show,
        crate::communities::api::communities,
        crate::communities::api::events,
    ),
    components(schemas(
        ApiError,
        ApiErrorBody,
        items::ProjectItem,
        items::ItemPlace,
        items::ItemPartner,
        items::Coded,
        projects::ProjectPage,
        projects::FacetCount,
        projects::YearCount,
        projects::MapAnswer,
        reference::PartnerItem,
        reference::TermItem,
        reference::RegionItem,
        reference::DepartmentItem,
        reference::CommuneItem,
        crate::governance::api::ApiProposal,
        crate::governance::api::ApiOption,
        crate::governance::api::ApiPartner,
        crate::messaging::api::ListJson,
        crate::messaging::queries::Row,
        crate::messaging::queries::ProjectRef,
        crate::messaging::export::ConversationJson,
        crate::messaging::export::MessageJson,
        crate::messaging::export::InboxJson,
        crate::board::api::OfferItem,
        crate::board::api::OfferPage,
        crate::board::api::OfferTerritory,
        crate::communities::api::ApiCommunity,
        crate::communities::api::ApiCommunityPage,
        crate::communities::api::ApiScope,
        crate::communities::api::ApiEvent,
        crate::communities::api::ApiEventList,
    )),
    tags(
        (name = "projects", description = "Search and read projects"),
        (name = "exports", description = "Every project of a search, streamed"),
        (name = "reference", description = "The codes the parameters take"),
        (name = "governance", description = "Decisions of the collective, one partner one vote"),
        (name = "board", description = "Requests of the brokerage board: calls for expertise, job offers, missions"),
        (name = "communities", description = "Local action communities and the events of the public ones"),
        (name = "messaging", description = "The signed-in person's conversations (a session, or a personal token made on the account page)"),
    ),
    modifiers(&SecuritySchemes),
)]
pub struct ApiDoc;

/// How the personal endpoints authenticate: a personal token as a bearer, or the session.
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "personal_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal token (`crf_…`) made on the account page"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("carrefour_session"))),
        );
    }
}

/// The document, with this hub's address as its server.
pub fn document(public_url: &str) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.servers = Some(vec![utoipa::openapi::Server::new(
        public_url.trim_end_matches('/'),
    )]);
    doc
}

pub async fn json(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    Json(document(&state.settings.server.public_url))
}

#[derive(Serialize)]
struct Parameter {
    name: String,
    location: String,
    required: bool,
    description: String,
}

#[derive(Serialize)]
struct Operation {
    method: String,
    path: String,
    summary: String,
    tag: String,
    parameters: Vec<Parameter>,
    responses: Vec<(String, String)>,
}

#[derive(Serialize)]
struct DocsView {
    title: String,
    description: String,
    operations: Vec<Operation>,
}

/// `GET /api/v1/docs`: the document as a page.
pub async fn page(State(state): State<AppState>, page: Page) -> AppResult<Response> {
    let doc = serde_json::to_value(document(&state.settings.server.public_url))
        .map_err(|e| crate::error::AppError::Internal(e.into()))?;
    let text = |v: &serde_json::Value, key: &str| {
        v.get(key)
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let mut operations = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            let Some(methods) = item.as_object() else {
                continue;
            };
            for (method, op) in methods {
                let parameters = op
                    .get("parameters")
                    .and_then(|p| p.as_array())
                    .into_iter()
                    .flatten()
                    .map(|p| Parameter {
                        name: text(p, "name"),
                        location: text(p, "in"),
                        required: p.get("required").and_then(|r| r.as_bool()).unwrap_or(false),
                        description: text(p, "description"),
                    })
                    .collect();
                let responses = op
                    .get("responses")
                    .and_then(|r| r.as_object())
                    .into_iter()
                    .flatten()
                    .map(|(status, r)| (status.clone(), text(r, "description")))
                    .collect();
                operations.push(Operation {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: text(op, "summary"),
                    tag: op
                        .get("tags")
                        .and_then(|t| t.get(0))
                        .and_then(|t| t.as_str())
                        .unwrap_or_default()
                        .to_owned(),
                    parameters,
                    responses,
                });
            }
        }
    }
    let info = doc.get("info").cloned().unwrap_or_default();
    page.render(
        "opendata/docs.html",
        &DocsView {
            title: text(&info, "title"),
            description: text(&info, "description"),
            operations,
        },
    )
}
