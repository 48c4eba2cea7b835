//! Accepting connections, with deadlines and bounds, so that a few clients
//! holding sockets open cannot take the server from everyone else.
//!
//! - **Deadline for a request's headers.** A connection must deliver a
//!   request's complete headers within `header_timeout` of being opened or of
//!   its previous response; that one deadline is also the idle keep-alive
//!   deadline. A body must keep arriving (`body_timeout`, see `startup.rs`).
//! - **Bounds.** At most `max_connections` open in all (kept below the
//!   process's file-descriptor limit) and `max_connections_per_address` from
//!   one client address — one IPv4 address, or one IPv6 /64, which is what a
//!   single subscriber is given. Trusted proxies are bounded only in all:
//!   every resident arrives through them. A connection over a bound is
//!   closed as soon as it is accepted.
//! - **Shutdown.** On the signal, the listener closes, idle connections
//!   close, requests in flight finish, and whatever is still open after
//!   `shutdown_grace` is dropped, so the process always ends in time.

use crate::client_addr::{ProxyNet, limit_key};
use crate::config::ConnectionLimits;
use crate::metrics::Metrics;
use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Counts open connections in all and per client address.
struct Open {
    limits: ConnectionLimits,
    trusted: Vec<ProxyNet>,
    counts: Mutex<(usize, HashMap<String, usize>)>,
    metrics: Arc<Metrics>,
}

/// One admitted connection; dropping it gives its place back.
struct Admitted {
    open: Arc<Open>,
    key: Option<String>,
}

impl Open {
    fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<Admitted> {
        let key = (!self.trusted.iter().any(|net| net.contains(peer))).then(|| limit_key(peer));
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if counts.0 >= self.limits.max_connections {
            self.metrics.connections_refused.inc();
            return None;
        }
        if let Some(key) = &key {
            let from_here = counts.1.entry(key.clone()).or_insert(0);
            if *from_here >= self.limits.max_connections_per_address {
                self.metrics.connections_refused.inc();
                return None;
            }
            *from_here += 1;
        }
        counts.0 += 1;
        self.metrics.connections_open.inc();
        Some(Admitted {
            open: Arc::clone(self),
            key,
        })
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut counts = self
            .open
            .counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counts.0 = counts.0.saturating_sub(1);
        self.open.metrics.connections_open.dec();
        if let Some(key) = &self.key
            && let Some(from_here) = counts.1.get_mut(key)
        {
            *from_here -= 1;
            if *from_here == 0 {
                counts.1.remove(key);
            }
        }
    }
}

/// The most connections this process can hold open: its file-descriptor
/// limit (raised to the hard limit first), less some for the database,
/// files and logs.
fn descriptor_room() -> usize {
    let limit = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    usize::try_from(limit.saturating_sub(256))
        .unwrap_or(usize::MAX)
        .max(64)
}

/// What of a grace period is kept for what ends after the connections: a
/// tenth of it, at most a second.
pub fn after_connections(grace: Duration) -> Duration {
    (grace / 10).min(Duration::from_secs(1))
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops within
/// the grace period.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    mut limits: ConnectionLimits,
    trusted: Vec<ProxyNet>,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let room = descriptor_room();
    if limits.max_connections > room {
        tracing::info!(
            configured = limits.max_connections,
            room,
            "fewer open files are allowed than connections configured: bounding connections by the open-file limit"
        );
        limits.max_connections = room;
    }
    // The requests in flight have the grace period but for a little kept
    // for what ends after them (the mail worker's batch, the database's
    // connections), so that the process is gone within the grace period,
    // before a supervisor's SIGKILL.
    let grace = limits
        .shutdown_grace
        .saturating_sub(after_connections(limits.shutdown_grace));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(64 * 1024);
    let open = Arc::new(Open {
        limits,
        trusted,
        counts: Mutex::new((0, HashMap::new())),
        metrics,
    });
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors, or a connection reset before it was
                    // accepted: wait a moment rather than spin.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(admitted) = open.admit(peer.ip()) else {
            tracing::debug!(%peer, "connection refused: too many open");
            drop(stream);
            continue;
        };
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
        let service =
            app.clone()
                .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(peer));
                    request
                });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = watched.await {
                // Its request's headers did not arrive in time.
                if error.is_timeout() {
                    admitted.open.metrics.slow_clients.inc();
                }
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            drop(admitted);
        });
    }
    drop(listener);
    tracing::info!("no longer accepting connections; finishing the requests in flight");
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            grace_seconds = grace.as_secs(),
            "connections still open after the grace period were dropped"
        );
    }
}
