//! State shared by every request handler and background task.
use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::config::Settings;
use crate::mail::Mailer;
use crate::web::templates::Templates;

/// Cheap to clone: every field is shared.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub templates: Arc<Templates>,
    pub mailer: Arc<Mailer>,
    /// Woken when a job is queued, so an in-process worker picks it up at once.
    pub jobs_queued: Arc<Notify>,
    /// OAuth providers' endpoints and HTTP client.
    pub oauth: Arc<crate::accounts::oauth::Providers>,
    /// The crawler's fetcher, shared by every crawl (politeness and robots.txt cache).
    pub fetcher: crate::crawler::fetch::Fetcher,
    /// The online geocoder, when the settings turn it on.
    pub geocoder: Option<Arc<crate::geo::online::OnlineGeocoder>>,
    /// This node's search index.
    pub search: Arc<crate::search::SearchIndex>,
    /// Search answers given to visitors who are not signed in, on this node.
    pub search_pages: Arc<crate::search::page_cache::PageCache>,
    /// This node's board index (in memory, refreshed from the database).
    pub board: Arc<crate::board::index::BoardIndex>,
    /// The API's rate limit on this node.
    pub api_limiter: Arc<crate::opendata::http::RateLimiter>,
    /// "Now" for decisions a test may want to move in time (notification grouping).
    pub clock: crate::clock::Clock,
}
