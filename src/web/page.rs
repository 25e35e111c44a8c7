//! What every page needs besides its own view model: language, CSRF token, flash
//! messages and the current path, gathered by the `Page` extractor.
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::csrf;
use super::i18n::Lang;
use crate::accounts::session::CurrentUser;
use crate::entities::{membership, partner};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A one-time message shown on the next page (after a redirect).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    /// `success`, `info` or `error`.
    pub level: String,
    /// Localisation key of the message.
    pub key: String,
}

const FLASH_KEY: &str = "flash";

/// Queues a flash message for the next page this session renders.
pub async fn flash(session: &Session, level: &str, key: &str) -> AppResult<()> {
    let mut pending: Vec<Flash> = session
        .get(FLASH_KEY)
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .unwrap_or_default();
    pending.push(Flash {
        level: level.into(),
        key: key.into(),
    });
    session
        .insert(FLASH_KEY, pending)
        .await
        .map_err(|e| AppError::Internal(e.into()))
}

/// The signed-in person as the layout shows them.
#[derive(Debug, Clone, Serialize)]
pub struct UserBadge {
    pub id: i64,
    pub display_name: String,
    pub is_coordinator: bool,
    pub partners: Vec<PartnerLink>,
    /// Conversations with unread messages.
    pub unread: u64,
}

/// A partner space the signed-in person belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerLink {
    pub slug: String,
    pub name: String,
    pub role: String,
}

/// The layout's view of the request.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub lang: Lang,
    pub other_lang: Lang,
    pub path: String,
    /// The current URL with `lang=` set to the other language, for the switcher.
    pub switch_lang_url: String,
    pub csrf_token: String,
    pub flashes: Vec<Flash>,
    pub public_url: String,
    pub user: Option<UserBadge>,
}

/// Extractor for a rendered page: call `render` with a template and a view model.
pub struct Page {
    pub layout: Layout,
    /// The layout's token is not in the session yet (see `csrf::existing_or_fresh`).
    fresh_csrf: bool,
    state: AppState,
}

fn switch_url(uri: &Uri, other: Lang) -> String {
    let mut pairs: Vec<String> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("lang="))
        .map(str::to_owned)
        .collect();
    pairs.push(format!("lang={}", other.code()));
    format!("{}?{}", uri.path(), pairs.join("&"))
}

async fn partner_links(state: &AppState, user_id: i64) -> AppResult<Vec<PartnerLink>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(partner::Entity)
        .order_by_asc(membership::Column::Id)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(m, p)| {
            p.map(|p| PartnerLink {
                slug: p.slug,
                name: p.name,
                role: m.role,
            })
        })
        .collect())
}

impl FromRequestParts<AppState> for Page {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or(Lang::Fr);
        let other_lang = if lang == Lang::Fr { Lang::En } else { Lang::Fr };
        let session = parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
        let (csrf_token, fresh_csrf) = csrf::existing_or_fresh(&session).await?;
        // Only pages that are shown take the pending messages; a form post that redirects
        // leaves them for the page it redirects to.
        let flashes: Vec<Flash> = if parts.method == axum::http::Method::GET {
            session
                .remove(FLASH_KEY)
                .await
                .map_err(|e| AppError::Internal(e.into()))?
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let current =
            <CurrentUser as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state)
                .await?;
        let user = match current {
            Some(CurrentUser(u)) => Some(UserBadge {
                partners: partner_links(state, u.id).await?,
                unread: crate::messaging::unread::count(&state.db, u.id, u.is_coordinator).await?,
                id: u.id,
                display_name: u.display_name,
                is_coordinator: u.is_coordinator,
            }),
            None => None,
        };
        Ok(Page {
            layout: Layout {
                user,
                lang,
                other_lang,
                path: parts.uri.path().to_owned(),
                switch_lang_url: switch_url(&parts.uri, other_lang),
                csrf_token,
                flashes,
                public_url: state.settings.server.public_url.clone(),
            },
            fresh_csrf,
            state: state.clone(),
        })
    }
}

impl Page {
    pub fn lang(&self) -> Lang {
        self.layout.lang
    }

    /// The state, for handlers that render after doing their work.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Renders `template` with `view` under the key `page` and the layout under `layout`.
    pub fn render<T: Serialize>(&self, template: &str, view: &T) -> AppResult<Response> {
        self.render_with_status(StatusCode::OK, template, view)
    }

    /// The page's HTML, for a handler that keeps it (see `search::page_cache`).
    pub fn html<T: Serialize>(&self, template: &str, view: &T) -> AppResult<String> {
        let mut context = tera::Context::new();
        context.insert("lang", self.layout.lang.code());
        context.insert("layout", &self.layout);
        context.insert("page", view);
        Ok(self.state.templates.render(template, &context)?)
    }

    /// Whether the page is the same for every visitor who is not signed in (no one's
    /// name, no pending message): such a page may be kept and served again.
    pub fn is_anonymous(&self) -> bool {
        self.layout.user.is_none() && self.layout.flashes.is_empty()
    }

    /// Same as `render`, with another status (e.g. 422 for a form with errors).
    pub fn render_with_status<T: Serialize>(
        &self,
        status: StatusCode,
        template: &str,
        view: &T,
    ) -> AppResult<Response> {
        let html = self.html(template, view)?;
        let shows_fresh_token = self.fresh_csrf && html.contains(&self.layout.csrf_token);
        let mut response = (status, Html(html)).into_response();
        if shows_fresh_token {
            response
                .extensions_mut()
                .insert(csrf::FreshToken(self.layout.csrf_token.clone()));
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_switch_keeps_the_query() {
        let uri: Uri = "/projets?page=2&lang=fr".parse().unwrap();
        assert_eq!(switch_url(&uri, Lang::En), "/projets?page=2&lang=en");
        let uri: Uri = "/".parse().unwrap();
        assert_eq!(switch_url(&uri, Lang::Fr), "/?lang=fr");
    }
}
