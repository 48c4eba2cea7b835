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
//! - **Shedding.** Above nine tenths of `max_connections`, each newcomer
//!   makes room: a connection that waits for a request (a slow client's
//!   half-sent headers, or an idle keep-alive) of the address holding the
//!   most is closed, so that many addresses each holding a few cannot
//!   take the last places from a resident's fresh request.
//! - **Shutdown.** On the signal, the listener stops completing new
//!   handshakes, the connections already let in are taken and it closes;
//!   idle connections close, requests in flight finish, and whatever is
//!   still open after `shutdown_grace` is dropped, so the process always
//!   ends in time.

use crate::client_addr::{ProxyNet, limit_key};
use crate::config::ConnectionLimits;
use crate::metrics::Metrics;
use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tower::ServiceExt;

/// Counts open connections in all and per client address, and knows
/// which of them wait for a request (and so may be shed).
struct Open {
    limits: ConnectionLimits,
    trusted: Vec<ProxyNet>,
    held: Mutex<Held>,
    metrics: Arc<Metrics>,
}

#[derive(Default)]
struct Held {
    total: usize,
    /// Told to close, not yet closed: no longer counted against the bound.
    shedding: usize,
    next: u64,
    by_address: HashMap<String, Holder>,
}

#[derive(Default)]
struct Holder {
    lines: HashMap<u64, Arc<Line>>,
    /// Of `lines`, those told to close.
    shedding: usize,
}

/// One connection as the bounds see it.
pub struct Line {
    /// A request is being answered on it (from its headers' arrival to its
    /// answer's last byte); otherwise it waits for a request's headers.
    busy: AtomicBool,
    /// Told to close (see [`Open::shed`]).
    shed_marked: AtomicBool,
    /// A request has come on it.
    served: AtomicBool,
    shed: tokio::sync::Notify,
    /// Since when it waits: its opening, or its last answer's end.
    waiting_since: Mutex<Instant>,
}

/// One admitted connection; dropping it gives its place back.
struct Admitted {
    open: Arc<Open>,
    key: Option<(String, u64)>,
    line: Arc<Line>,
}

/// The share of `max_connections` above which waiting connections of the
/// addresses holding the most are shed, so that a newcomer always finds
/// room: nine tenths.
fn low_water(max: usize) -> usize {
    (max - max / 10).max(1)
}

impl Open {
    fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<Admitted> {
        let key = (!self.trusted.iter().any(|net| net.contains(peer))).then(|| limit_key(peer));
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(key) = &key
            && held
                .by_address
                .get(key)
                .is_some_and(|h| h.lines.len() >= self.limits.max_connections_per_address)
        {
            self.metrics.connections_refused.inc();
            return None;
        }
        let low = low_water(self.limits.max_connections);
        let live = held.total - held.shedding;
        if live >= low {
            let shed = self.shed(&mut held, live + 1 - low);
            self.metrics.connections_shed.inc_by(shed as u64);
        }
        if held.total - held.shedding >= self.limits.max_connections {
            self.metrics.connections_refused.inc();
            return None;
        }
        held.total += 1;
        self.metrics.connections_open.inc();
        let line = Arc::new(Line::new());
        let key = key.map(|key| {
            held.next += 1;
            let id = held.next;
            held.by_address
                .entry(key.clone())
                .or_default()
                .lines
                .insert(id, Arc::clone(&line));
            (key, id)
        });
        Some(Admitted {
            open: Arc::clone(self),
            key,
            line,
        })
    }

    /// Tells up to `wanted` connections to close: each time one that has
    /// waited a second or more for a request, of the address holding the
    /// most such (and two connections at least). A fresh connection whose
    /// request is on its way is not shed, nor a trusted proxy's (they are
    /// everyone's).
    fn shed(&self, held: &mut Held, wanted: usize) -> usize {
        let now = Instant::now();
        let mut shed = 0;
        while shed < wanted {
            let Some((holder, line)) = held
                .by_address
                .values_mut()
                .filter(|h| h.lines.len() - h.shedding >= 2)
                .filter_map(|h| {
                    let waiting: Vec<_> = h.lines.values().filter(|l| l.sheddable(now)).collect();
                    let first = Arc::clone(waiting.first()?);
                    Some((waiting.len(), h, first))
                })
                .max_by_key(|(waiting, _, _)| *waiting)
                .map(|(_, h, line)| (h, line))
            else {
                break;
            };
            line.mark_shed();
            holder.shedding += 1;
            held.shedding += 1;
            shed += 1;
        }
        shed
    }
}

/// At shutdown, how long a connection that has served nothing yet is given
/// for its first request to arrive.
const FIRST_REQUEST: Duration = Duration::from_millis(500);

/// How long a connection waits for a request before it may be shed.
const SHED_AFTER: Duration = Duration::from_secs(1);

impl Line {
    fn new() -> Line {
        Line {
            busy: AtomicBool::new(false),
            shed_marked: AtomicBool::new(false),
            served: AtomicBool::new(false),
            shed: tokio::sync::Notify::new(),
            waiting_since: Mutex::new(Instant::now()),
        }
    }

    /// Waiting for a request for a while, and not told to close yet.
    fn sheddable(&self, now: Instant) -> bool {
        !self.busy.load(Ordering::Acquire)
            && !self.is_shed()
            && now.duration_since(
                *self
                    .waiting_since
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner),
            ) >= SHED_AFTER
    }

    fn is_shed(&self) -> bool {
        self.shed_marked.load(Ordering::Acquire)
    }

    fn mark_shed(&self) {
        self.shed_marked.store(true, Ordering::Release);
        // Kept if the connection's task is not waiting yet.
        self.shed.notify_one();
    }
}

/// Marks its line waiting again when dropped: with the last byte of an
/// answer's body, or when the answer is abandoned.
struct Answering(Arc<Line>);

impl Drop for Answering {
    fn drop(&mut self) {
        *self
            .0
            .waiting_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.0.busy.store(false, Ordering::Release);
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut held = self
            .open
            .held
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        held.total = held.total.saturating_sub(1);
        self.open.metrics.connections_open.dec();
        let shed = self.line.is_shed();
        if shed {
            held.shedding = held.shedding.saturating_sub(1);
        }
        if let Some((key, id)) = &self.key
            && let Some(holder) = held.by_address.get_mut(key)
        {
            holder.lines.remove(id);
            if shed {
                holder.shedding = holder.shedding.saturating_sub(1);
            }
            if holder.lines.is_empty() {
                held.by_address.remove(key);
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

/// At shutdown, how long the listener is kept open after it stops taking
/// new handshakes, for those already begun to finish and be taken: many
/// round trips of any network between a proxy and its upstreams.
const LAST_HANDSHAKES: Duration = Duration::from_millis(25);

/// Makes the kernel drop every SYN that reaches `listener`, so that no new
/// connection joins its queue; segments of connections already begun pass.
/// A classic socket filter on a TCP socket sees the TCP header at offset 0;
/// byte 13 holds its flags, and 0x02 is SYN.
fn refuse_new_handshakes(listener: &std::net::TcpListener) -> std::io::Result<()> {
    use socket2::SockFilter;
    const LOAD_BYTE: u16 = 0x30; // BPF_LD | BPF_B | BPF_ABS
    const JUMP_IF_SET: u16 = 0x45; // BPF_JMP | BPF_JSET | BPF_K
    const RETURN: u16 = 0x06; // BPF_RET | BPF_K: how many bytes to keep
    const FLAGS: u32 = 13;
    const SYN: u32 = 0x02;
    let program = [
        SockFilter::new(LOAD_BYTE, 0, 0, FLAGS),
        SockFilter::new(JUMP_IF_SET, 0, 1, SYN),
        SockFilter::new(RETURN, 0, 0, 0),
        SockFilter::new(RETURN, 0, 0, u32::MAX),
    ];
    socket2::SockRef::from(listener).attach_filter(&program)
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
        held: Mutex::default(),
        metrics,
    });
    // Told to every connection at the signal; each holds `alive` until it
    // ends, so that the last one's end is heard.
    let (stop, _) = tokio::sync::watch::channel(false);
    let (alive, mut all_ended) = tokio::sync::mpsc::channel::<()>(1);
    let mut shutdown = std::pin::pin!(shutdown);
    let take = |stream: tokio::net::TcpStream, peer: std::net::SocketAddr| {
        let Some(admitted) = open.admit(peer.ip()) else {
            tracing::debug!(%peer, "connection refused: too many open");
            drop(stream);
            return;
        };
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
        let (line, arrived) = (Arc::clone(&admitted.line), Arc::clone(&admitted.line));
        let service = app
            .clone()
            .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                arrived.busy.store(true, Ordering::Release);
                arrived.served.store(true, Ordering::Release);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            })
            .map_response(move |response: axum::response::Response| {
                // Busy from the request's headers until the answer's body
                // is sent or dropped.
                let answering = Answering(Arc::clone(&line));
                response.map(|body| {
                    axum::body::Body::new(http_body_util::BodyExt::map_frame(body, move |frame| {
                        let _ = &answering;
                        frame
                    }))
                })
            });
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let mut stopping = stop.subscribe();
        let alive = alive.clone();
        tokio::spawn(async move {
            let _alive = alive;
            let accepted = Instant::now();
            let mut connection = std::pin::pin!(connection);
            let this = Arc::clone(&admitted.line);
            let mut shed = std::pin::pin!(this.shed.notified());
            let mut closing_at: Option<tokio::time::Instant> = None;
            let mut first_look = true;
            let ended = loop {
                tokio::select! {
                    ended = connection.as_mut() => break ended,
                    () = &mut shed => {
                        // Dropping the connection closes it.
                        tracing::debug!(%peer, "connection shed: it waited for a request while the bound was near");
                        break Ok(());
                    }
                    changed = async {
                        if std::mem::take(&mut first_look) && *stopping.borrow_and_update() {
                            Ok(())
                        } else {
                            stopping.changed().await
                        }
                    }, if closing_at.is_none() => {
                        // A connection that has served nothing yet may have
                        // its first request on the way (a proxy sends it
                        // as soon as it connects, and will not send a POST
                        // again): it has a moment to arrive; any other
                        // connection finishes what it is answering and closes.
                        let fresh = !this.served.load(Ordering::Acquire);
                        let wait = if fresh && changed.is_ok() { FIRST_REQUEST } else { Duration::ZERO };
                        closing_at = Some((accepted + wait).max(Instant::now()).into());
                    }
                    () = tokio::time::sleep_until(closing_at.unwrap_or_else(tokio::time::Instant::now)), if closing_at.is_some() => {
                        connection.as_mut().graceful_shutdown();
                        closing_at = Some(tokio::time::Instant::now() + Duration::from_secs(86_400 * 365));
                    }
                }
            };
            if let Err(error) = ended {
                // Its request's headers did not arrive in time.
                if error.is_timeout() {
                    admitted.open.metrics.slow_clients.inc();
                }
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            drop(admitted);
        });
    };
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => take(stream, peer),
                Err(error) => {
                    // Out of descriptors, or a connection reset before it
                    // was accepted: wait a moment rather than spin.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
    // At the signal, the connections the kernel has let in but not handed
    // over yet are taken, not reset with the listener: a proxy has already
    // sent a request on them, and will not send a POST again. First the
    // listener stops completing new handshakes (their SYNs are dropped, so
    // the client tries again in a second and finds the port shut, or a new
    // instance on it); then the kernel itself is asked until it has none —
    // not the runtime, whose word may be a moment old — for as long as a
    // handshake begun before the filter takes to finish; then it closes.
    match listener.into_std() {
        Ok(listener) => {
            let until = match refuse_new_handshakes(&listener) {
                Ok(()) => Instant::now() + LAST_HANDSHAKES,
                Err(error) => {
                    tracing::debug!(%error, "could not stop new handshakes; closing after one look");
                    Instant::now()
                }
            };
            loop {
                loop {
                    let (stream, peer) = match listener.accept() {
                        Ok(accepted) => accepted,
                        Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(_) => break,
                    };
                    match stream
                        .set_nonblocking(true)
                        .and_then(|()| tokio::net::TcpStream::from_std(stream))
                    {
                        Ok(stream) => take(stream, peer),
                        Err(error) => {
                            tracing::debug!(%peer, %error, "a connection could not be taken");
                        }
                    }
                }
                if Instant::now() >= until {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
        Err(error) => tracing::warn!(%error, "could not take the last connections"),
    }
    tracing::info!("no longer accepting connections; finishing the requests in flight");
    let _ = stop.send(true);
    drop(alive);
    if tokio::time::timeout(grace, all_ended.recv()).await.is_err() {
        tracing::warn!(
            grace_seconds = grace.as_secs(),
            "connections still open after the grace period were dropped"
        );
    }
}
