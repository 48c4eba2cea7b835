//! `GET /api/v1/openapi.json`: the API described for people and tools,
//! generated from the handlers' annotations and the wire types (utoipa).
//! Each route is registered together with its description (`routes!`), so
//! the document cannot name a route the server lacks or miss one it has.

use crate::state::AppState;
use axum::http::header;
use axum::response::IntoResponse;
use std::sync::OnceLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pulse API",
        version = "1",
        description = "Civic engagement: topics with a draft cut into sections, comments on sections and on the topic as a whole, polls and ballots; the topic host's moderation, official responses and updates; an audit log and a report for council. Reading is public; taking part needs a session cookie (set by POST /accounts or POST /session). Writes must be JSON and, when an Origin header is sent, come from this site. Errors are application/problem+json (RFC 9457) whose detail is a sentence to show as it is. The server's clock decides whether a topic is open."
    ),
    servers((url = "/api/v1")),
    modifiers(&SessionCookie)
)]
pub struct ApiDoc;

struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        doc.components.get_or_insert_default().add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::session::SESSION))),
        );
    }
}

/// The document, made once when the router is built.
static DOCUMENT: OnceLock<String> = OnceLock::new();

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(document))
}

/// Keeps the finished document to serve.
pub fn publish(doc: &utoipa::openapi::OpenApi) -> anyhow::Result<()> {
    let json = doc.to_pretty_json()?;
    // Every router built in one process describes the same API.
    let _ = DOCUMENT.set(json);
    Ok(())
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
async fn document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.get().cloned().unwrap_or_default(),
    )
}
