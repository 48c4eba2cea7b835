//! Builds the application from a [`Config`] and runs it: what `pulse serve`
//! does, and what tests start on port 0 with a fresh database.

use crate::config::Config;
use crate::db::{self, Db};
use crate::mail::{self, worker::Worker};
use crate::state::{AppState, Limiters, Shared};
use crate::{
    api, clock, connections, demo, feeds, health, language, pages, security_headers, services,
    static_files, unsubscribe,
};
use anyhow::Context;
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// A bound, migrated, ready-to-run server.
pub struct Server {
    listener: TcpListener,
    /// `--metrics-bind`: `/metrics` alone, on an address of its own.
    metrics: Option<(TcpListener, Router)>,
    app: Router,
    db: Db,
    config: Arc<Config>,
    limits: Arc<Limiters>,
    mail: Option<Worker>,
}

/// Connects, migrates, loads the demo when asked, and binds the port.
pub async fn build(config: Config) -> anyhow::Result<Server> {
    let db = Db::connect(&config.database_url).await?;
    db::migrate::run(&db)
        .await
        .context("migrating the database")?;
    if config.demo {
        demo::load(&db, clock::now())
            .await
            .context("loading the demo")?;
    }
    crate::services::public_record::begin_missing(&db)
        .await
        .context("beginning the public record")?;
    let listener = TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("listening on {}", config.bind))?;
    let metrics_listener = match &config.metrics_bind {
        Some(addr) => Some(
            TcpListener::bind(addr)
                .await
                .with_context(|| format!("listening for /metrics on {addr}"))?,
        ),
        None => None,
    };
    let config = Arc::new(config);
    let mail_wake = Arc::new(Notify::new());
    let bound = listener.local_addr().context("reading the bound address")?;
    let site = config
        .mail
        .public_url
        .clone()
        .or_else(|| config.public_origin.clone())
        .unwrap_or_else(|| format!("http://{bound}"))
        .trim_end_matches('/')
        .to_string();
    let city = Arc::new(crate::city_pages::City::load(&config)?);
    let link_key = crate::link_key::LinkKey::load(&db)
        .await
        .context("reading the unsubscribe link key")?;
    let mail_running = config
        .mail
        .worker
        .then(|| Arc::new(std::sync::atomic::AtomicBool::new(true)));
    let mail = if let Some(running) = &mail_running {
        Some(Worker {
            running: Arc::clone(running),
            db: db.clone(),
            transport: mail::Transport::new(&config.mail)?,
            from: mail::sender(&config.mail)?,
            contact: city.contact(&site),
            site: site.clone(),
            config: config.mail.clone(),
            wake: Arc::clone(&mail_wake),
            link_key: link_key.clone(),
        })
    } else {
        None
    };
    let writer = crate::writer::Writer::start(db.clone(), Arc::clone(&mail_wake));
    let limits = Arc::new(Limiters::new(&config, db.backend));
    let state = AppState::new(Shared {
        db: db.clone(),
        limits: Arc::clone(&limits),
        config: Arc::clone(&config),
        mail_wake,
        link_key,
        site: Arc::from(site),
        cache: Arc::new(crate::cache::Cache::new(Arc::clone(&db.metrics))),
        writer,
        mail_running,
        city,
    });
    let metrics = metrics_listener.map(|l| (l, health::metrics_router(state.clone())));
    Ok(Server {
        app: app(state),
        metrics,
        listener,
        db,
        config,
        limits,
        mail,
    })
}

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    let templates = crate::rendering::Templates::load(&state.config.client_dir, &state.city);
    let missing = pages::not_found_service(state.clone(), templates.clone());
    let client = static_files::router(&state.config.client_dir, missing);
    let https = state.config.secure_cookies;
    let body_timeout = state.config.connections.body_timeout;
    let metrics = Arc::clone(&state.db.metrics);
    let app = Router::new()
        .nest("/api/v1", api::router(state.clone()))
        .merge(unsubscribe::router())
        .merge(feeds::router())
        .merge(health::router())
        .merge(language::router())
        .merge(pages::router(&state, templates))
        .merge(state.city.logo_router())
        .merge(client)
        .route_layer(axum::middleware::from_fn(crate::metrics::note_route))
        // What is said (a problem's sentence) is said in the reader's language.
        .layer(axum::middleware::from_fn(language::answer_in_language))
        .with_state(state);
    security_headers::wrap(app, https)
        // A body that stops arriving ends the request (see connections.rs).
        .layer(RequestBodyTimeoutLayer::new(body_timeout))
        .layer(
            TraceLayer::new_for_http()
                // Whatever is logged while answering carries the request's
                // id, method and path (its span). A line per request costs
                // more than serving a kept answer: requests are logged at
                // debug (`PULSE_LOG=debug`); failures whatever the level.
                .make_span_with(|request: &axum::http::Request<_>| {
                    let id = request
                        .extensions()
                        .get::<crate::request_id::RequestId>()
                        .and_then(|id| id.0.to_str().ok())
                        .unwrap_or("");
                    tracing::info_span!(
                        "request",
                        id,
                        method = %request.method(),
                        path = request.uri().path(),
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::DEBUG)),
        )
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            crate::metrics::track,
        ))
        .layer(axum::middleware::from_fn(crate::request_id::assign))
}

impl Server {
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        self.listener
            .local_addr()
            .context("reading the bound address")
    }

    /// Where `/metrics` is answered on its own (`--metrics-bind`).
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|(l, _)| l.local_addr().ok())
    }

    /// Serves until `shutdown` resolves, then finishes the requests in
    /// flight, within the grace period.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let sweeper = tokio::spawn(sweep_sessions(
            self.db.clone(),
            self.config.sessions.idle_seconds,
        ));
        let limits_sweeper = tokio::spawn(sweep_rate_counts(self.db.clone(), self.limits));
        let recorder = tokio::spawn(record_chores(self.db.clone()));
        let metrics = self.metrics.map(|(listener, router)| {
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, router).await {
                    tracing::warn!(%error, "/metrics stopped answering");
                }
            })
        });
        // The mail worker stops with the connections: it finishes the batch
        // in hand (sent and marked, so a normal restart sends nothing twice)
        // while requests in flight finish, within the same grace period.
        let (stop_mail, stopped) = watch::channel(false);
        let mail = self.mail.map(|worker| tokio::spawn(worker.run(stopped)));
        // Everything ends within the grace period from the signal.
        let grace = self.config.connections.shutdown_grace;
        let deadline = Arc::new(std::sync::OnceLock::new());
        let stopping = Arc::clone(&deadline);
        let shutdown = async move {
            shutdown.await;
            let _ = stopping.set(tokio::time::Instant::now() + grace);
            let _ = stop_mail.send(true);
        };
        connections::serve(
            self.listener,
            self.app,
            self.config.connections.clone(),
            self.config.trusted_proxies.clone(),
            Arc::clone(&self.db.metrics),
            shutdown,
        )
        .await;
        sweeper.abort();
        limits_sweeper.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        recorder.abort();
        let deadline = deadline
            .get()
            .copied()
            .unwrap_or_else(|| tokio::time::Instant::now() + grace);
        if let Some(mail) = mail
            && tokio::time::timeout_at(deadline, mail).await.is_err()
        {
            tracing::warn!("the mail worker did not finish within the grace period");
        }
        if tokio::time::timeout_at(deadline, self.db.pool.close())
            .await
            .is_err()
        {
            tracing::warn!("the database's connections did not close within the grace period");
        }
        Ok(())
    }
}

/// What time brings to the public record (a close, a head published each
/// day), every five seconds: once across instances, whichever is first.
async fn record_chores(db: Db) {
    let mut every = tokio::time::interval(Duration::from_secs(5));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(error) = services::public_record::chores(&db, clock::now()).await {
            tracing::warn!(
                error = format!("{error:#}"),
                "the public record's chores failed"
            );
        }
    }
}

async fn sweep_sessions(db: Db, idle: i64) {
    let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let swept = async {
            let mut conn = db.read().await?;
            db::accounts::delete_expired_sessions(&mut conn, clock::now().0, idle).await
        };
        if let Err(error) = swept.await {
            tracing::warn!(
                error = format!("{error:#}"),
                "could not sweep expired sessions"
            );
        }
    }
}

/// Forgets the rate limits' ended windows kept in the database, once a
/// minute (each instance: a row another holds is left for the next).
async fn sweep_rate_counts(db: Db, limits: Arc<Limiters>) {
    let mut every_minute = tokio::time::interval(Duration::from_secs(60));
    every_minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every_minute.tick().await;
        let swept = async {
            let mut conn = db.write().await?;
            for limiter in limits.all() {
                limiter.sweep(&mut conn).await?;
            }
            db::commit(conn).await
        };
        if let Err(error) = swept.await {
            tracing::warn!(
                error = format!("{error:#}"),
                "could not forget ended rate-limit windows"
            );
        }
    }
}

/// Listens for SIGTERM and Ctrl-C now, and resolves on the first of them.
///
/// The handlers are installed before this returns, so a signal sent as soon
/// as "listening on" is logged is not met by the default action (ending the
/// process at once).
#[cfg(unix)]
pub fn shutdown_signal() -> anyhow::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("listening for Ctrl-C")?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = interrupt.recv() => {}
        }
        tracing::info!("shutting down");
    })
}

/// Resolves on Ctrl-C.
#[cfg(not(unix))]
pub fn shutdown_signal() -> anyhow::Result<impl Future<Output = ()>> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("shutting down");
        } else {
            std::future::pending::<()>().await;
        }
    })
}
