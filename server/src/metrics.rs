//! What an instance counts and measures, for `GET /metrics` (issue 24):
//! requests by route template and status, their latency, the database
//! pool, the writer's batches, the outbox, mail, the answer cache, rate
//! limits and slow clients. One [`Metrics`] per instance (a test process
//! runs several servers): the database handle carries it, so the writer
//! and the mail worker reach it as they reach the database.
//!
//! Encoded by `prometheus-client` in the OpenMetrics text format, which
//! Prometheus reads (`application/openmetrics-text`). Every name begins
//! `pulse_`; times are in seconds. Labels are bounded: a route is its
//! template (`/api/v1/topics/{slug}`), never the address asked for.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use std::time::Duration;

/// The media type of what [`Metrics::encode`] writes.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The route label of a request no route took (a static file, the
/// not-found page).
pub const OTHER_ROUTE: &str = "other";

// Labels are `&'static str` (a route template interned once, see
// [`interned`]), so counting a request allocates nothing.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: &'static str,
    pub route: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: &'static str,
    pub route: &'static str,
}

/// A route template as a `&'static str`: kept once for the process. The
/// templates are the application's routes, a set that does not grow.
fn interned(route: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{OnceLock, PoisonError, RwLock};
    static ROUTES: OnceLock<RwLock<HashSet<&'static str>>> = OnceLock::new();
    let routes = ROUTES.get_or_init(RwLock::default);
    if let Some(known) = routes
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(route)
    {
        return known;
    }
    let mut routes = routes.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = routes.get(route) {
        return known;
    }
    let kept: &'static str = Box::leak(route.to_owned().into_boxed_str());
    routes.insert(kept);
    kept
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
    pub kind: &'static str,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency() -> Histogram {
    // 0.5 ms to about 16 s.
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

pub struct Metrics {
    registry: Registry,
    /// Requests answered, by method, route template and status.
    pub requests: Family<RequestLabels, Counter>,
    /// Time from a request's headers to its answer's headers.
    pub request_seconds: Histograms<RouteLabels>,
    pub in_flight: Gauge,
    /// Requests refused by a rate limit (`429`), by route.
    pub rate_limited: Family<RouteLabels, Counter>,
    /// Time waited for a pooled connection (and, for a write on SQLite,
    /// for the write lock), by `kind`: read, write or snapshot.
    pub db_wait_seconds: Histograms<KindLabel>,
    /// The pool's connections, by `kind`: idle or busy (set when read).
    pub db_connections: Family<KindLabel, Gauge>,
    pub db_connections_max: Gauge,
    /// Writes committed together by the writer (`writer.rs`).
    pub writer_batch_size: Histogram,
    pub writer_commit_seconds: Histogram,
    /// Mail in the outbox, by `kind`: due (to send now) or waiting (a
    /// digest held for its hour, a retry for its time). Set when read.
    pub outbox_messages: Family<KindLabel, Gauge>,
    /// How long the oldest due message has waited (0 when none).
    pub outbox_oldest_due_seconds: Gauge,
    /// Messages handed to the mail server, given up on, or to be tried
    /// again, by `kind`: sent, failed or retried.
    pub mail: Family<KindLabel, Counter>,
    /// Answers served from memory (`cache.rs`), by `kind`: hit or miss.
    pub cache: Family<KindLabel, Counter>,
    pub connections_open: Gauge,
    /// Connections closed as soon as accepted: over a bound.
    pub connections_refused: Counter,
    /// Connections closed while waiting for a request, to make room near
    /// the bound (`connections.rs`).
    pub connections_shed: Counter,
    /// Connections ended because the client did not send a request's
    /// headers in time.
    pub slow_clients: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("pulse");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by method, route template and status",
            requests.clone(),
        );
        let request_seconds: Histograms<RouteLabels> = Family::new_with_constructor(latency);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer a request, by method and route template",
            Unit::Seconds,
            request_seconds.clone(),
        );
        let in_flight = Gauge::default();
        registry.register(
            "http_requests_in_flight",
            "Requests being answered now",
            in_flight.clone(),
        );
        let rate_limited = Family::<RouteLabels, Counter>::default();
        registry.register(
            "rate_limit_refusals",
            "Requests refused by a rate limit (429), by method and route template",
            rate_limited.clone(),
        );
        let db_wait_seconds: Histograms<KindLabel> = Family::new_with_constructor(|| {
            // 0.1 ms to about 6.5 s.
            Histogram::new(exponential_buckets(0.0001, 2.0, 17))
        });
        registry.register_with_unit(
            "db_wait",
            "Time waited for a database connection (for a write on SQLite, also for the write lock), by kind: read, write, snapshot",
            Unit::Seconds,
            db_wait_seconds.clone(),
        );
        let db_connections = Family::<KindLabel, Gauge>::default();
        registry.register(
            "db_connections",
            "The database pool's connections, by kind: idle, busy",
            db_connections.clone(),
        );
        let db_connections_max = Gauge::default();
        registry.register(
            "db_connections_max",
            "The most connections the database pool opens",
            db_connections_max.clone(),
        );
        let writer_batch_size = Histogram::new(exponential_buckets(1.0, 2.0, 8));
        registry.register(
            "writer_batch_size",
            "Writes committed in one transaction by the group-commit writer",
            writer_batch_size.clone(),
        );
        let writer_commit_seconds = Histogram::new(exponential_buckets(0.0001, 2.0, 17));
        registry.register_with_unit(
            "writer_commit",
            "Time the group-commit writer's commit took",
            Unit::Seconds,
            writer_commit_seconds.clone(),
        );
        let outbox_messages = Family::<KindLabel, Gauge>::default();
        registry.register(
            "outbox_messages",
            "Mail in the outbox not yet sent nor given up on, by kind: due, waiting",
            outbox_messages.clone(),
        );
        let outbox_oldest_due_seconds = Gauge::default();
        registry.register_with_unit(
            "outbox_oldest_due_age",
            "How long the oldest due message has waited since it was written",
            Unit::Seconds,
            outbox_oldest_due_seconds.clone(),
        );
        let mail = Family::<KindLabel, Counter>::default();
        registry.register(
            "mail_messages",
            "Messages sent to the mail server, given up on, or to be tried again, by kind: sent, failed, retried",
            mail.clone(),
        );
        let cache = Family::<KindLabel, Counter>::default();
        registry.register(
            "cache_lookups",
            "Answers looked for in memory, by kind: hit, miss",
            cache.clone(),
        );
        let connections_open = Gauge::default();
        registry.register(
            "connections_open",
            "Client connections open now",
            connections_open.clone(),
        );
        let connections_refused = Counter::default();
        registry.register(
            "connections_refused",
            "Connections closed as soon as accepted, over the bound in all or per address",
            connections_refused.clone(),
        );
        let connections_shed = Counter::default();
        registry.register(
            "connections_shed",
            "Connections waiting for a request closed near the bound, those of the addresses holding the most first",
            connections_shed.clone(),
        );
        let slow_clients = Counter::default();
        registry.register(
            "slow_client_disconnects",
            "Connections ended because the client did not send a request's headers in time",
            slow_clients.clone(),
        );
        // Series that are counted from nothing show as 0 from the start.
        for kind in ["sent", "failed", "retried"] {
            drop(mail.get_or_create(&KindLabel { kind }));
        }
        for kind in ["hit", "miss"] {
            drop(cache.get_or_create(&KindLabel { kind }));
        }
        Metrics {
            registry,
            requests,
            request_seconds,
            in_flight,
            rate_limited,
            db_wait_seconds,
            db_connections,
            db_connections_max,
            writer_batch_size,
            writer_commit_seconds,
            outbox_messages,
            outbox_oldest_due_seconds,
            mail,
            cache,
            connections_open,
            connections_refused,
            connections_shed,
            slow_clients,
        }
    }

    /// Everything, in the OpenMetrics text format.
    pub fn encode(&self) -> String {
        let mut text = String::with_capacity(16 * 1024);
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }

    /// One answered request.
    pub fn answered(&self, method: &'static str, route: &str, status: u16, took: Duration) {
        let route = interned(route);
        let labels = RouteLabels { method, route };
        self.request_seconds
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
        if status == 429 {
            self.rate_limited.get_or_create(&labels).inc();
        }
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route,
                status,
            })
            .inc();
    }

    /// Time waited for a connection of this `kind`.
    pub fn waited(&self, kind: &'static str, took: Duration) {
        self.db_wait_seconds
            .get_or_create(&KindLabel { kind })
            .observe(took.as_secs_f64());
    }

    pub fn mailed(&self, kind: &'static str, count: u64) {
        if count > 0 {
            self.mail.get_or_create(&KindLabel { kind }).inc_by(count);
        }
    }

    pub fn looked_up(&self, hit: bool) {
        let kind = if hit { "hit" } else { "miss" };
        self.cache.get_or_create(&KindLabel { kind }).inc();
    }

    /// Sets a gauge of a family by kind.
    pub fn set(family: &Family<KindLabel, Gauge>, kind: &'static str, value: i64) {
        family.get_or_create(&KindLabel { kind }).set(value);
    }
}

/// The route a request took, as its template: set on the answer by
/// [`note_route`], read by [`track`].
#[derive(Clone)]
struct Route(axum::extract::MatchedPath);

/// Run on every route: says on the answer which route it was.
pub async fn note_route(
    path: Option<axum::extract::MatchedPath>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    if let Some(path) = path {
        response.extensions_mut().insert(Route(path));
    }
    response
}

/// Run on every request: counts it, its time and its status by route.
pub async fn track(
    axum::extract::State(metrics): axum::extract::State<std::sync::Arc<Metrics>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let method = request.method().clone();
    let started = std::time::Instant::now();
    metrics.in_flight.inc();
    // Counted down even when the client goes away mid-answer.
    struct Leaving<'a>(&'a Gauge);
    impl Drop for Leaving<'_> {
        fn drop(&mut self) {
            self.0.dec();
        }
    }
    let _leaving = Leaving(&metrics.in_flight);
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map(|r| r.0.as_str())
        // A nested router's catch-all (an unknown address under /api/v1)
        // is not a route of ours.
        .filter(|r| !r.contains("__private__"))
        .unwrap_or(OTHER_ROUTE);
    let method = match method.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    metrics.answered(method, route, response.status().as_u16(), started.elapsed());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels_are_as_documented() {
        let metrics = Metrics::new();
        metrics.answered(
            "GET",
            "/api/v1/topics/{slug}",
            200,
            Duration::from_millis(3),
        );
        metrics.answered("POST", "/api/v1/session", 429, Duration::from_millis(1));
        metrics.looked_up(true);
        metrics.mailed("sent", 3);
        metrics.mailed("failed", 0);
        let text = metrics.encode();
        assert!(text.contains(
            "pulse_http_requests_total{method=\"GET\",route=\"/api/v1/topics/{slug}\",status=\"200\"} 1"
        ), "{text}");
        assert!(
            text.contains("pulse_http_request_duration_seconds_bucket{"),
            "{text}"
        );
        assert!(
            text.contains(
                "pulse_rate_limit_refusals_total{method=\"POST\",route=\"/api/v1/session\"} 1"
            ),
            "{text}"
        );
        assert!(
            text.contains("pulse_cache_lookups_total{kind=\"hit\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("pulse_mail_messages_total{kind=\"sent\"} 3"),
            "{text}"
        );
        assert!(
            text.contains("pulse_mail_messages_total{kind=\"failed\"} 0"),
            "{text}"
        );
        assert!(text.ends_with("# EOF\n"), "{text}");
    }
}
