//! The built client: content-hashed files under `/assets/` cached for a
//! year, precompressed copies (`.br`, `.gz`) chosen by `Accept-Encoding`,
//! `host.html` for the host's pages, the account page and the pages a
//! mailed link opens, and
//! `index.html` for every other path
//! so deep links work (with `404` for a path that is no page of the app's). The two pages are sent in the reader's language
//! (`<html lang>`, which the app reads, and the few words of the shell),
//! each made once per language at start.
//!
//! A name under `/assets/` that is not there is a plain 404, never the page:
//! during a rolling deploy a cache would otherwise keep the old page under
//! the new bundle's name for a year. Nothing here redirects (a directory's
//! "add a slash" redirect would turn `//assets` into a link off the site).

use crate::cache::{Effort, Encoded};
use crate::city_pages::City;
use crate::language::Language;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Lang, Msg};
use std::path::Path;
use tower_http::services::ServeDir;

pub fn router<S: Clone + Send + Sync + 'static>(client_dir: &Path, city: &City) -> Router<S> {
    let index = Shell::load(&client_dir.join("index.html"), city);
    // The host's pages load the host's bundle: residents never download it.
    let host = Shell::load(&client_dir.join("host.html"), city);
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

/// A page of the app (`index.html` or `host.html`) in each language, plain
/// and compressed, made once; served for the paths that load it.
#[derive(Clone)]
struct Shell {
    pages: std::sync::Arc<Vec<(Lang, Encoded)>>,
}

impl Shell {
    /// The page at `path` in every language; an empty page list when the
    /// client is not built (the paths then answer 404).
    fn load(path: &Path, city: &City) -> Shell {
        let pages = std::fs::read_to_string(path)
            .map(|html| {
                Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        let page = with_city(&in_language(&html, lang), city);
                        (lang, Encoded::new(page.into_bytes(), Effort::Best))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Shell {
            pages: std::sync::Arc::new(pages),
        }
    }
}

/// The shell's own words and `<html lang>` in `lang`. (The prerendered
/// pages fill the same template the same way: `prerender.rs`.)
pub fn in_language(html: &str, lang: Lang) -> String {
    // The app has English built in; another language's words come with the
    // page, as data (never run: `application/json`), for the app to read.
    let html = if lang == Lang::En {
        html.to_string()
    } else {
        let json = serde_json::to_string(&pulse_api::i18n::messages(lang))
            .unwrap_or_else(|_| "[]".into())
            .replace("</", "<\\/");
        html.replacen(
            "</head>",
            &format!(
                "<script type=\"application/json\" id=\"pulse-messages\">{json}</script></head>"
            ),
            1,
        )
    };
    html.replacen(
        "<html lang=\"en\">",
        &format!("<html lang=\"{}\">", lang.code()),
        1,
    )
    .replacen(
        ">Skip to content<",
        &format!(">{}<", lang.text(Msg::SkipToContent)),
        1,
    )
    .replacen(
        ">Loading Pulse…<",
        &format!(">{}<", lang.text(Msg::LoadingPulse)),
        1,
    )
    .replacen(
        ">Reading works without JavaScript; to comment and vote, turn JavaScript on.<",
        &format!(">{}<", lang.text(Msg::Noscript)),
        1,
    )
}

/// The page with the city's name, website and pages in `<head>`, where
/// the app reads them to draw the footer.
pub fn with_city(html: &str, city: &City) -> String {
    html.replacen("</head>", &format!("{}</head>", city.meta()), 1)
        .replacen("<a class=\"brand\" href=\"/\">Pulse</a>", &city.brand(), 1)
}

impl<B: Send + 'static> tower::Service<axum::http::Request<B>> for Shell {
    type Response = Response;
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Response, Self::Error>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: axum::http::Request<B>) -> Self::Future {
        let lang = Language::of(req.headers());
        let Some((_, page)) = self.pages.iter().find(|(l, _)| *l == lang) else {
            return std::future::ready(Ok(StatusCode::NOT_FOUND.into_response()));
        };
        let (body, coding) = page.for_request(req.headers());
        let mut response = axum::body::Body::from(body).into_response();
        // An address that is no page of Pulse's (a mistyped link, `/healthz`)
        // must not look like a working page: the app, which the shell loads,
        // shows its not-found page, and the status says so.
        if !pulse_app::nav::Route::exists(req.uri().path()) {
            *response.status_mut() = StatusCode::NOT_FOUND;
        }
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        if let Some(coding) = coding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        // Read by `cache_control` below, which adds the encoding.
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        std::future::ready(Ok(response))
    }
}
