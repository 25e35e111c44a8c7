//! Assembles the hub: state, the whole URL map, background tasks and graceful shutdown.
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::http::{HeaderName, Request};
use axum::routing::get;
use axum::{Router, middleware};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::accounts::session_store::DbSessionStore;
use crate::config::Settings;
use crate::error::AppError;
use crate::mail::Mailer;
use crate::state::AppState;
use crate::web::{assets, errors, health, i18n, templates::Templates};

/// What to run besides the web server.
#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    /// Run the job worker and scheduler in this process.
    pub worker: bool,
    /// Seed demo content into an empty database.
    pub demo: bool,
}

/// Connects, migrates, seeds reference data (and demo data when asked) and builds the state.
pub async fn prepare(settings: Settings, demo: bool) -> anyhow::Result<AppState> {
    prepare_with(settings, demo, Templates::load()?).await
}

/// [`prepare`] with the given templates (`carrefour crawl`: [`Templates::on_demand`]).
pub async fn prepare_with(
    settings: Settings,
    demo: bool,
    templates: Templates,
) -> anyhow::Result<AppState> {
    let db = crate::db::connect(&settings).await?;
    crate::db::migrate(&db).await?;
    crate::taxonomy::store::seed(&db)
        .await
        .context("seeding the taxonomy")?;
    crate::territories::seed(&db)
        .await
        .context("seeding territories")?;
    crate::governance::versions::seed(&db)
        .await
        .context("seeding the charter")?;
    // Where the hub reaches its own demo feeds (the port may still be 0 here; the
    // pipeline points the sources at the actual one).
    let demo_loopback = crate::demo::feeds::loopback_of(settings.server.bind);
    if demo {
        match demo_loopback {
            Some(loopback) => {
                let created = crate::demo::seed::seed_if_empty(&db, loopback).await?;
                if created > 0 {
                    tracing::info!(
                        sources = created,
                        "demo partners and sources seeded; collected once the server listens"
                    );
                }
            }
            None => tracing::warn!(
                bind = %settings.server.bind,
                "demo content not seeded: the hub does not listen on loopback"
            ),
        }
        let accounts = crate::demo::accounts::ensure(&db).await?;
        if accounts > 0 {
            tracing::info!(accounts, "demo accounts created (see README)");
        }
    } else if !settings.demo.enabled {
        // Demo accounts never outlive demo mode (a worker of a demo hub keeps them).
        let removed = crate::demo::accounts::remove(&db).await?;
        if removed > 0 {
            tracing::info!(accounts = removed, "demo accounts removed");
        }
        // Nothing serves the demo feeds any more: their sources stop being crawled.
        crate::demo::pipeline::park(&db).await?;
    }
    let mailer = Mailer::from_settings(&settings)?;
    let mut fetch_settings = crate::crawler::fetch::FetcherSettings::new(
        crate::crawler::fetch::user_agent(&settings.server.public_url),
    );
    fetch_settings.allowlist = settings.crawler.allowlist()?;
    // Scheduled re-crawls of the demo sources reach the hub itself, on exactly its
    // loopback address; no other private address is opened.
    if settings.demo.enabled
        && let Some(loopback) = demo_loopback
    {
        fetch_settings
            .allowlist
            .push(ipnet::IpNet::from(loopback.ip()));
    }
    fetch_settings.per_host_delay =
        std::time::Duration::from_millis(settings.crawler.per_host_delay_ms);
    fetch_settings.per_host_connections = settings.crawler.per_host_connections.max(1);
    let fetcher = crate::crawler::fetch::Fetcher::new(fetch_settings)?;
    let geocoder = crate::geo::online::OnlineGeocoder::from_settings(
        &settings.geocoder,
        &settings.server.public_url,
    )?
    .map(Arc::new);
    let search = Arc::new(crate::search::SearchIndex::new(
        &settings.server.data_dir.join("index"),
    ));
    let state = AppState {
        search,
        search_pages: Arc::new(crate::search::page_cache::PageCache::new(&settings.search)),
        board: Arc::default(),
        api_limiter: Arc::default(),
        fetcher,
        geocoder,
        db,
        templates: Arc::new(templates),
        mailer: Arc::new(mailer),
        jobs_queued: Arc::new(Notify::new()),
        oauth: Arc::new(crate::accounts::oauth::Providers::new()?),
        settings: Arc::new(settings),
        clock: crate::clock::Clock::default(),
    };
    if demo && crate::governance::demo::seed_if_empty(&state).await? {
        tracing::info!(
            "demo governance seeded: a roadmap vote, a decision, an amendment being voted on"
        );
    }
    if demo {
        let communities = crate::communities::demo::seed_if_empty(&state).await?;
        if communities > 0 {
            tracing::info!(communities, "demo communities seeded");
        }
    }
    Ok(state)
}

async fn not_found() -> AppError {
    AppError::not_found("page")
}

/// The whole URL map, grouped by audience.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("carrefour_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.is_https())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)));
    let request_id = HeaderName::from_static("x-request-id");
    let public = Router::new()
        .merge(crate::home::router())
        .merge(crate::projects::router())
        .merge(crate::territories::router())
        .merge(crate::trends::router())
        .merge(crate::partners::router())
        .merge(crate::governance::routes::router())
        .merge(crate::accounts::router())
        .merge(crate::coordination::router())
        .merge(crate::consolidation::routes::router())
        .merge(crate::search::routes::router())
        .merge(crate::opendata::router())
        .merge(crate::messaging::router())
        .merge(crate::board::router())
        .merge(crate::communities::router());
    // The demo partners' feeds, which the demo sources crawl.
    let public = if state.settings.demo.enabled {
        public.merge(crate::demo::feeds::router())
    } else {
        public
    };
    let operations = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/static/{*path}", get(assets::serve));
    public
        .merge(operations)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), errors::render))
        // Outside the error pages, so that API errors carry CORS and rate-limit headers.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::opendata::http::api_headers,
        ))
        .layer(middleware::from_fn(crate::web::csrf::keep_fresh_token))
        .layer(sessions)
        .layer(middleware::from_fn(i18n::negotiate))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Spawns the worker and the scheduler; returns their handles.
pub fn spawn_background(
    state: &AppState,
    shutdown: &CancellationToken,
) -> Vec<tokio::task::JoinHandle<()>> {
    vec![
        tokio::spawn(crate::worker::runner::run(state.clone(), shutdown.clone())),
        tokio::spawn(crate::worker::scheduler::run(
            state.clone(),
            shutdown.clone(),
            Duration::from_secs(state.settings.worker.scheduler_interval_secs),
        )),
    ]
}

/// Serves on `listener` until `shutdown` is cancelled, then waits for background tasks.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    options: ServeOptions,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    let mut background = if options.worker {
        spawn_background(&state, &shutdown)
    } else {
        Vec::new()
    };
    // Every web node keeps its own index, worker or not.
    background.push(tokio::spawn(crate::search::indexer::run(
        state.clone(),
        shutdown.clone(),
    )));
    if options.demo {
        let listening = listener
            .local_addr()
            .context("the listener has no address")?;
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(err) = crate::demo::pipeline::run(&state, listening).await {
                tracing::error!(error = ?err, "the demo sources could not be collected");
            }
        });
    }
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown.clone().cancelled_owned())
    .await
    .context("server error")?;
    shutdown.cancel();
    for task in background {
        if tokio::time::timeout(Duration::from_secs(30), task)
            .await
            .is_err()
        {
            tracing::warn!("a background task did not stop within 30 s");
        }
    }
    Ok(())
}

/// Cancels `token` on Ctrl-C or SIGTERM.
pub fn cancel_on_signal(token: CancellationToken) {
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => {}
            _ = term => {}
        }
        tracing::info!("shutting down");
        token.cancel();
    });
}
