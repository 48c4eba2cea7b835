//! Whether this instance can serve, for a load balancer or a supervisor
//! (issue 24): `GET /healthz` says the process answers; `GET /readyz` that
//! it can do its work (`services::health`): `200`, or `503` with a JSON
//! body naming what is not ready. Both are cheap, neither is rate-limited,
//! and neither is kept in a cache.

use crate::services;
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_here))
}

/// `/metrics` alone, for `--metrics-bind`: whoever reaches that address
/// is answered (the operator chose who can).
pub fn metrics_router(state: AppState) -> axum::Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
}

/// `/metrics` on the main address: to a peer on this machine that is not
/// a proxy passing a request on (no `X-Forwarded-For`), and only when no
/// `--metrics-bind` was given; to anyone else it does not exist. A trusted
/// proxy is no exception: behind one, every request comes from it.
async fn metrics_here(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let local = peer.is_some_and(|ip| crate::client_addr::canonical(ip).is_loopback());
    let forwarded = request.headers().contains_key("x-forwarded-for")
        || request.headers().contains_key(header::FORWARDED);
    if state.config.metrics_bind.is_some() || !local || forwarded {
        return crate::error::ApiError::not_found(pulse_api::i18n::Msg::NoSuchEndpoint)
            .into_response();
    }
    metrics(State(state)).await
}

async fn metrics(State(state): State<AppState>) -> Response {
    let text = services::health::metrics(&state).await;
    uncached(([(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)], text).into_response())
}

fn uncached(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn healthz() -> Response {
    uncached(
        (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "ok\n",
        )
            .into_response(),
    )
}

async fn readyz(State(state): State<AppState>) -> Response {
    let readiness = services::health::readiness(&state).await;
    let status = if readiness.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    uncached((status, Json(readiness)).into_response())
}
