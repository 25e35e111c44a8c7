//! Sign-in through OAuth2 / OpenID Connect providers declared in settings: authorization
//! code with PKCE and state, then the provider's userinfo endpoint. The first sign-in
//! links an existing account with the same *verified* address, or creates one.
use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use base64::Engine as _;
use chrono::Utc;
use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::RwLock;
use tower_sessions::Session;

use super::client::ClientIp;
use super::session::CurrentUser;
use super::users::{self, NewUser};
use crate::config::OAuthProvider;
use crate::entities::{oauth_identity, user};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::{CsrfForm, Page, flash};

const PENDING_KEY: &str = "oauth_pending";

/// The three URLs of a provider, configured or discovered.
#[derive(Debug, Clone, Deserialize)]
pub struct Endpoints {
    #[serde(rename = "authorization_endpoint")]
    pub auth_url: String,
    #[serde(rename = "token_endpoint")]
    pub token_url: String,
    #[serde(rename = "userinfo_endpoint")]
    pub userinfo_url: String,
}

/// Providers' endpoints (discovery is fetched once) and the HTTP client that talks to them.
pub struct Providers {
    discovered: RwLock<HashMap<String, Endpoints>>,
    http: reqwest::Client,
}

impl Providers {
    pub fn new() -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            // Token endpoints must not redirect (RFC 6749 §10.6 style mix-up attacks).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .user_agent(concat!("Carrefour/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            discovered: RwLock::new(HashMap::new()),
            http,
        })
    }

    async fn endpoints(&self, provider: &OAuthProvider) -> anyhow::Result<Endpoints> {
        if let (Some(auth), Some(token), Some(userinfo)) = (
            &provider.auth_url,
            &provider.token_url,
            &provider.userinfo_url,
        ) {
            return Ok(Endpoints {
                auth_url: auth.clone(),
                token_url: token.clone(),
                userinfo_url: userinfo.clone(),
            });
        }
        let issuer = provider
            .issuer
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("provider {} has no issuer", provider.id))?;
        if let Some(found) = self.discovered.read().await.get(&provider.id) {
            return Ok(found.clone());
        }
        let url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let mut found: Endpoints = self
            .http
            .get(&url)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        // Explicit URLs in settings win over discovered ones.
        if let Some(auth) = &provider.auth_url {
            found.auth_url = auth.clone();
        }
        if let Some(token) = &provider.token_url {
            found.token_url = token.clone();
        }
        if let Some(userinfo) = &provider.userinfo_url {
            found.userinfo_url = userinfo.clone();
        }
        self.discovered
            .write()
            .await
            .insert(provider.id.clone(), found.clone());
        Ok(found)
    }
}

/// reqwest's error, as the oauth2 crate wants an `Error` type it can name.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct HttpError(reqwest::Error);

/// The oauth2 crate's requests, sent through our reqwest client.
struct OAuthHttp<'a>(&'a reqwest::Client);

impl<'c> oauth2::AsyncHttpClient<'c> for OAuthHttp<'_> {
    type Error = HttpError;
    type Future = std::pin::Pin<
        Box<dyn Future<Output = Result<oauth2::HttpResponse, HttpError>> + Send + 'c>,
    >;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let response = self
                .0
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(HttpError)?;
            let mut builder = axum::http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = response.bytes().await.map_err(HttpError)?.to_vec();
            Ok(builder
                .body(body)
                .expect("status and headers come from a valid response"))
        })
    }
}

/// A sign-in button.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderButton {
    pub id: String,
    pub label: String,
}

pub fn buttons(state: &AppState) -> Vec<ProviderButton> {
    state
        .settings
        .oauth
        .providers
        .iter()
        .map(|p| ProviderButton {
            id: p.id.clone(),
            label: p.label.clone(),
        })
        .collect()
}

/// The label of a provider, or its id when it was removed from settings since.
pub fn label_of(state: &AppState, provider: &str) -> String {
    find_provider(state, provider)
        .map(|p| p.label.clone())
        .unwrap_or_else(|| provider.to_owned())
}

fn find_provider<'a>(state: &'a AppState, id: &str) -> Option<&'a OAuthProvider> {
    state.settings.oauth.providers.iter().find(|p| p.id == id)
}

/// What the callback needs to finish what `start` began, kept in the session.
#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    provider: String,
    state: String,
    verifier: String,
    next: String,
    /// Set when a signed-in person links this provider to their account.
    link_user: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    next: String,
    /// `1` from the account page: link instead of signing in.
    #[serde(default)]
    link: String,
}

fn redirect_url(state: &AppState, provider: &str) -> String {
    format!(
        "{}/auth/{provider}/retour",
        state.settings.server.public_url.trim_end_matches('/')
    )
}

/// A client with its authorization and token endpoints set.
type ConfiguredClient = oauth2::Client<
    oauth2::basic::BasicErrorResponse,
    oauth2::basic::BasicTokenResponse,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

fn client(
    provider: &OAuthProvider,
    endpoints: &Endpoints,
    redirect: String,
) -> anyhow::Result<ConfiguredClient> {
    let mut client = BasicClient::new(ClientId::new(provider.client_id.clone()))
        .set_auth_uri(AuthUrl::new(endpoints.auth_url.clone())?)
        .set_token_uri(TokenUrl::new(endpoints.token_url.clone())?)
        .set_redirect_uri(RedirectUrl::new(redirect)?);
    if let Some(secret) = &provider.client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.expose().to_owned()));
    }
    Ok(client)
}

/// `POST /auth/{provider}`: off to the provider's consent page.
pub async fn start(
    State(state): State<AppState>,
    session: Session,
    current: Option<CurrentUser>,
    Path(provider_id): Path<String>,
    CsrfForm(form): CsrfForm<StartForm>,
) -> AppResult<Response> {
    let provider = find_provider(&state, &provider_id).ok_or(AppError::not_found("page"))?;
    let endpoints = match state.oauth.endpoints(provider).await {
        Ok(endpoints) => endpoints,
        Err(err) => {
            tracing::warn!(provider = %provider.id, error = %err, "provider unreachable");
            flash(&session, "error", "oauth-unavailable").await?;
            return Ok(Redirect::to("/connexion").into_response());
        }
    };
    let client = client(provider, &endpoints, redirect_url(&state, &provider.id))?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(CsrfToken::new_random)
        .set_pkce_challenge(challenge);
    for scope in &provider.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, csrf) = request.url();
    let link_user = current.filter(|_| form.link == "1").map(|c| c.id());
    let pending = Pending {
        provider: provider.id.clone(),
        state: csrf.secret().clone(),
        verifier: verifier.secret().clone(),
        next: super::safe_next(Some(&form.next)),
        link_user,
    };
    session
        .insert(PENDING_KEY, pending)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// What the provider says about the person.
#[derive(Debug, PartialEq)]
pub struct Profile {
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// Reads a userinfo document (JSON object) with the provider's conventions.
pub fn read_profile(provider: &OAuthProvider, info: &Value) -> Option<Profile> {
    let text = |v: &Value| match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let subject = info.get(&provider.subject_claim).and_then(text)?;
    let email = info.get("email").and_then(text);
    let verified_claim = match info.get("email_verified") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true",
        _ => false,
    };
    let name = info
        .get("name")
        .and_then(text)
        .or_else(|| {
            let given = info.get("given_name").and_then(text);
            let family = info
                .get("usual_name")
                .or_else(|| info.get("family_name"))
                .and_then(text);
            match (given, family) {
                (Some(g), Some(f)) => Some(format!("{g} {f}")),
                (g, f) => g.or(f),
            }
        })
        .or_else(|| info.get("preferred_username").and_then(text))
        .or_else(|| info.get("login").and_then(text));
    Some(Profile {
        subject,
        email_verified: email.is_some() && (verified_claim || provider.email_always_verified),
        email,
        name,
    })
}

/// Some providers (ProConnect) answer userinfo with a signed JWT; the payload is what
/// matters here because the answer came straight from the provider over our own request.
fn userinfo_document(content_type: &str, body: &[u8]) -> anyhow::Result<Value> {
    if content_type.starts_with("application/jwt") {
        let text = std::str::from_utf8(body)?.trim();
        let payload = text
            .split('.')
            .nth(1)
            .ok_or_else(|| anyhow::anyhow!("userinfo JWT has no payload"))?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))?;
        return Ok(serde_json::from_slice(&bytes)?);
    }
    Ok(serde_json::from_slice(body)?)
}

async fn fetch_profile(
    state: &AppState,
    provider: &OAuthProvider,
    code: String,
    verifier: String,
) -> anyhow::Result<Profile> {
    let endpoints = state.oauth.endpoints(provider).await?;
    let client = client(provider, &endpoints, redirect_url(state, &provider.id))?;
    let http = OAuthHttp(&state.oauth.http);
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&http)
        .await
        .map_err(|e| anyhow::anyhow!("token exchange failed: {e}"))?;
    let response = state
        .oauth
        .http
        .get(&endpoints.userinfo_url)
        .bearer_auth(token.access_token().secret())
        .header("accept", "application/json")
        .send()
        .await?
        .error_for_status()?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_owned();
    let body = response.bytes().await?;
    let info = userinfo_document(&content_type, &body)?;
    read_profile(provider, &info).ok_or_else(|| anyhow::anyhow!("userinfo has no subject"))
}

async fn fail(session: &Session, key: &str, to: &str) -> AppResult<Response> {
    flash(session, "error", key).await?;
    Ok(Redirect::to(to).into_response())
}

/// `GET /auth/{provider}/retour`: the provider sends the person back here.
#[allow(clippy::too_many_arguments)]
pub async fn callback(
    State(state): State<AppState>,
    page: Page,
    session: Session,
    jar: CookieJar,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Path(provider_id): Path<String>,
    Query(query): Query<CallbackQuery>,
) -> AppResult<Response> {
    let pending: Option<Pending> = session
        .remove(PENDING_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let provider = find_provider(&state, &provider_id).ok_or(AppError::not_found("page"))?;
    let Some(pending) = pending.filter(|p| p.provider == provider.id) else {
        return fail(&session, "oauth-failed", "/connexion").await;
    };
    if query.error.is_some() {
        return fail(&session, "oauth-cancelled", "/connexion").await;
    }
    let (Some(code), Some(returned_state)) = (query.code, query.state) else {
        return fail(&session, "oauth-failed", "/connexion").await;
    };
    if returned_state != pending.state {
        return fail(&session, "oauth-failed", "/connexion").await;
    }
    let profile = match fetch_profile(&state, provider, code, pending.verifier).await {
        Ok(profile) => profile,
        Err(err) => {
            tracing::warn!(provider = %provider.id, error = %err, "OAuth sign-in failed");
            return fail(&session, "oauth-failed", "/connexion").await;
        }
    };
    let linked = find_identity(&state, &provider.id, &profile.subject).await?;
    if let Some(user_id) = pending.link_user {
        return link_to_account(&state, &session, user_id, linked, provider, &profile).await;
    }
    let user = match linked {
        Some(identity) => user::Entity::find_by_id(identity.user_id)
            .one(&state.db)
            .await?
            .ok_or(AppError::not_found("page"))?,
        None => match account_for_new_identity(&state, &page, provider, &profile).await? {
            Some(user) => user,
            None => return fail(&session, "oauth-email-unverified", "/connexion").await,
        },
    };
    if user.disabled || user.deleted_at.is_some() {
        return fail(&session, "signin-disabled", "/connexion").await;
    }
    super::session::sign_in(&session, user.id).await?;
    let jar = super::sign_in::remember_device(&state, jar, &headers, &user, &ip).await?;
    flash(&session, "success", "signin-welcome").await?;
    Ok((jar, Redirect::to(&pending.next)).into_response())
}

async fn find_identity(
    state: &AppState,
    provider: &str,
    subject: &str,
) -> AppResult<Option<oauth_identity::Model>> {
    Ok(oauth_identity::Entity::find()
        .filter(oauth_identity::Column::Provider.eq(provider))
        .filter(oauth_identity::Column::Subject.eq(subject))
        .one(&state.db)
        .await?)
}

async fn insert_identity(
    state: &AppState,
    user_id: i64,
    provider: &OAuthProvider,
    profile: &Profile,
) -> AppResult<()> {
    let now = Utc::now();
    oauth_identity::ActiveModel {
        user_id: Set(user_id),
        provider: Set(provider.id.clone()),
        subject: Set(profile.subject.clone()),
        email: Set(profile.email.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

/// First sign-in with this identity: the account with the same verified address, or a
/// new one. `None` when the provider does not vouch for the address.
async fn account_for_new_identity(
    state: &AppState,
    page: &Page,
    provider: &OAuthProvider,
    profile: &Profile,
) -> AppResult<Option<user::Model>> {
    let Some(email) = profile.email.as_deref().filter(|_| profile.email_verified) else {
        return Ok(None);
    };
    let user = match users::find_by_email(&state.db, email).await? {
        Some(existing) => {
            if existing.verified_at.is_none() {
                // Whoever created this unverified account did not prove the address; the
                // provider did. Their password and sessions must not survive the link.
                users::take_over_unverified(&state.db, existing.id).await?;
            }
            existing
        }
        None => {
            let fallback = email.split('@').next().unwrap_or(email).to_owned();
            let name = profile.name.clone().unwrap_or(fallback);
            let name: String = name.chars().take(120).collect();
            users::create(
                &state.db,
                NewUser {
                    email,
                    display_name: &name,
                    password_hash: None,
                    verified: true,
                    lang: page.lang(),
                },
            )
            .await?
        }
    };
    insert_identity(state, user.id, provider, profile).await?;
    Ok(Some(user))
}

async fn link_to_account(
    state: &AppState,
    session: &Session,
    user_id: i64,
    linked: Option<oauth_identity::Model>,
    provider: &OAuthProvider,
    profile: &Profile,
) -> AppResult<Response> {
    match linked {
        Some(identity) if identity.user_id == user_id => {
            flash(session, "info", "identity-already-linked").await?;
        }
        Some(_) => return fail(session, "identity-taken", "/compte").await,
        None => {
            insert_identity(state, user_id, provider, profile).await?;
            flash(session, "success", "identity-linked").await?;
        }
    }
    Ok(Redirect::to("/compte").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn provider(subject_claim: &str, always_verified: bool) -> OAuthProvider {
        OAuthProvider {
            id: "p".into(),
            label: "P".into(),
            issuer: Some("https://idp.example".into()),
            auth_url: None,
            token_url: None,
            userinfo_url: None,
            client_id: "c".into(),
            client_secret: None,
            scopes: vec![],
            subject_claim: subject_claim.into(),
            email_always_verified: always_verified,
        }
    }

    #[test]
    fn oidc_userinfo_is_read() {
        let info = json!({"sub": "abc", "email": "a@b.fr", "email_verified": true,
                          "given_name": "Léa", "usual_name": "Martin"});
        let profile = read_profile(&provider("sub", false), &info).unwrap();
        assert_eq!(profile.subject, "abc");
        assert!(profile.email_verified);
        assert_eq!(profile.name.as_deref(), Some("Léa Martin"));
    }

    #[test]
    fn unverified_addresses_are_not_trusted_unless_the_provider_is() {
        let info = json!({"id": 42, "email": "a@b.fr", "login": "lea"});
        let profile = read_profile(&provider("id", false), &info).unwrap();
        assert_eq!(profile.subject, "42");
        assert!(!profile.email_verified);
        assert_eq!(profile.name.as_deref(), Some("lea"));
        assert!(
            read_profile(&provider("id", true), &info)
                .unwrap()
                .email_verified
        );
        assert!(read_profile(&provider("sub", false), &info).is_none());
    }

    #[test]
    fn jwt_userinfo_payload_is_decoded() {
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"sub":"x"}"#);
        let doc =
            userinfo_document("application/jwt", format!("h.{payload}.s").as_bytes()).unwrap();
        assert_eq!(doc["sub"], "x");
    }
}
