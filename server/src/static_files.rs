//! The built client: content-hashed files under `/assets/` cached for a
//! year, precompressed copies (`.br`, `.gz`) chosen by `Accept-Encoding`,
//! `host.html` for the host's pages, the account page and the pages a
//! mailed link opens, and
//! `index.html` for every other path
//! so deep links work.
//!
//! A name under `/assets/` that is not there is a plain 404, never the page:
//! during a rolling deploy a cache would otherwise keep the old page under
//! the new bundle's name for a year. Nothing here redirects (a directory's
//! "add a slash" redirect would turn `//assets` into a link off the site).

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn router<S: Clone + Send + Sync + 'static>(client_dir: &Path) -> Router<S> {
    let index = ServeFile::new(client_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    // The host's pages load the host's bundle: residents never download it.
    let host = ServeFile::new(client_dir.join("host.html"))
        .precompressed_br()
        .precompressed_gzip();
    let assets = ServeDir::new(client_dir.join("assets"))
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(client_dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .nest_service("/assets", assets)
        .route_service("/topics/{slug}/host", host.clone())
        .route_service("/topics/{slug}/report", host.clone())
        // The account page and the pages a mailed link opens: rare, so not
        // in every resident's bundle.
        .route_service("/account", host.clone())
        .route_service("/account/verify", host.clone())
        .route_service("/subscriptions/confirm", host.clone())
        .route_service("/reset-password", host)
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let hashed = req.uri().path().starts_with("/assets/");
    let mut response = next.run(req).await;
    let success = response.status().is_success();
    let headers = response.headers_mut();
    let cache = if hashed && success {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The same path may be answered brotli, gzip or plain: caches must key
    // on the encoding asked for.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}
