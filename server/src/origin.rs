//! Writes only from our own pages. The session cookie is `SameSite=Lax`
//! already; this refuses any state change whose `Origin` (sent by every
//! browser on a cross-site write) is not this site, and any write that is
//! not JSON, which a plain HTML form cannot send.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn same_origin_writes(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if let Some(origin) = req.headers().get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let allowed = match &state.config.public_origin {
            Some(public) => origin.eq_ignore_ascii_case(public.trim_end_matches('/')),
            None => {
                let host = req
                    .headers()
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or_default();
                let origin_host = origin
                    .strip_prefix("http://")
                    .or_else(|| origin.strip_prefix("https://"));
                !host.is_empty() && origin_host.is_some_and(|o| o.eq_ignore_ascii_case(host))
            }
        };
        if !allowed {
            return ApiError::forbidden(
                "This request came from another website and was refused. Use Pulse's own pages.",
            )
            .into_response();
        }
    }
    next.run(req).await
}
