//! The JSON API under `/api/v1`: one router per feature, merged here, with
//! the same-origin check in front of every write.

mod account_mail;
mod account_settings;
mod accounts;
mod city_pages;
mod comments;
mod dates;
mod moderation;
mod openapi;
mod polls;
mod record;
mod report;
mod subscriptions;
mod topics;
mod versions;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use pulse_api::i18n::Msg;
use pulse_api::validate::REQUEST_MAX_BYTES;
use tower_http::compression::CompressionLayer;

/// An answer that depends on who asks — about one's account or session, or
/// to any request that carries a session — is stored by no browser's or
/// proxy's cache (`private, no-store`), unless it says itself how it may
/// be kept.
async fn personal_no_store(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let path = request.uri().path();
    let personal = path == "/account"
        || path.starts_with("/account/")
        || path == "/session"
        || path.starts_with("/session/")
        || request.headers().get_all(header::COOKIE).iter().any(|c| {
            c.to_str()
                .is_ok_and(|c| c.contains(crate::session::SESSION))
        });
    let mut response = next.run(request).await;
    if personal && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

pub fn router(state: AppState) -> Router<AppState> {
    use utoipa::OpenApi;
    let (routes, doc) =
        utoipa_axum::router::OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
            .merge(accounts::router())
            .merge(account_mail::router())
            .merge(account_settings::router())
            .merge(city_pages::router())
            .merge(subscriptions::router())
            .merge(dates::router())
            .merge(topics::router())
            .merge(versions::router())
            .merge(comments::router())
            .merge(polls::router())
            .merge(moderation::router())
            .merge(report::router())
            .merge(record::router())
            .merge(openapi::router())
            .split_for_parts();
    if let Err(error) = openapi::publish(&doc) {
        tracing::error!(%error, "could not write the OpenAPI document");
    }
    routes
        .fallback(|| async { ApiError::not_found(Msg::NoSuchEndpoint) })
        .method_not_allowed_fallback(|| async {
            ApiError::Client(StatusCode::METHOD_NOT_ALLOWED, Msg::MethodNotAllowed.into())
        })
        .layer(axum::middleware::from_fn_with_state(
            std::sync::Arc::clone(&state.cache),
            crate::cache::end_on_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::origin::same_origin_writes,
        ))
        .layer(DefaultBodyLimit::max(REQUEST_MAX_BYTES))
        .layer(axum::middleware::from_fn(personal_no_store))
        // A topic with its draft is tens of kilobytes of JSON: a few on the wire.
        .layer(CompressionLayer::new())
}
