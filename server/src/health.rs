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
