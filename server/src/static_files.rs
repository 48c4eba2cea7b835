//! The built client's files: content-hashed files under `/assets/` cached
//! for a year, precompressed copies (`.br`, `.gz`) chosen by
//! `Accept-Encoding`, and the few files the site serves by name (icons,
//! manifest, `robots.txt`). Pages are the server's to render
//! (`pages/`); any other address is handed to `missing`, the not-found
//! page.
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
use tower_http::services::ServeDir;

pub fn router<S: Clone + Send + Sync + 'static>(client_dir: &Path, missing: Router) -> Router<S> {
    let assets = ServeDir::new(client_dir.join("assets"))
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(client_dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(missing);
    Router::new()
        .nest_service("/assets", assets)
        .fallback_service(files)
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let hashed = req.uri().path().starts_with("/assets/");
    let mut response = next.run(req).await;
    let success = response.status().is_success();
    let headers = response.headers_mut();
    if hashed && success {
        let year = HeaderValue::from_static("public, max-age=31536000, immutable");
        headers.insert(header::CACHE_CONTROL, year);
    } else if !headers.contains_key(header::CACHE_CONTROL) {
        // (The not-found page says its own: a signed-in reader's is theirs.)
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    // The same path may be answered brotli, gzip or plain, and a page in
    // either language: caches must key on what was asked for.
    let vary = if headers.contains_key(header::CONTENT_LANGUAGE) {
        "accept-encoding, accept-language, cookie"
    } else {
        "accept-encoding"
    };
    headers.insert(header::VARY, HeaderValue::from_static(vary));
    response
}
