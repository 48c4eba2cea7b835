//! The reader's language: their own choice, remembered in a cookie by the
//! header's switch (`/language/{code}`), else the one their browser asks
//! for (`Accept-Language`), else English.

use crate::session::cookie_value;
use crate::state::AppState;
use axum::Router;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pulse_api::i18n::Lang;
use std::convert::Infallible;

/// The cookie that keeps the reader's choice. Not HttpOnly: it holds no
/// secret, only `en` or `es`.
const COOKIE: &str = "pulse_lang";
const YEAR: i64 = 365 * 24 * 3600;

/// The language to answer a request in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language(pub Lang);

impl Language {
    pub fn of(headers: &HeaderMap) -> Lang {
        if let Some(chosen) = cookie_value(headers, COOKIE).and_then(Lang::parse) {
            return chosen;
        }
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::En, Lang::negotiate)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Language(Language::of(&parts.headers)))
    }
}

pub fn router() -> Router<AppState> {
    Router::new().route("/language/{code}", get(choose))
}

#[derive(serde::Deserialize)]
struct Next {
    next: Option<String>,
}

/// Remembers the language and goes back to the page (a path on this site;
/// anything else goes to the topic list). A link, so that it works before
/// the app has loaded; a preference, not a change to anyone's data, so a
/// GET is right for it.
async fn choose(
    axum::extract::Path(code): axum::extract::Path<String>,
    Query(next): Query<Next>,
) -> Response {
    let back = next
        .next
        .as_deref()
        .and_then(pulse_api::links::local_path)
        .unwrap_or_else(|| "/".to_string());
    let Some(lang) = Lang::parse(&code).filter(|l| l.code() == code) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Pulse speaks English (/language/en) and Spanish (/language/es).",
        )
            .into_response();
    };
    let cookie = cookie::Cookie::build((COOKIE, lang.code()))
        .path("/")
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(YEAR))
        .build()
        .to_string();
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    // A path a header cannot carry as it is goes to the topic list.
    let back = HeaderValue::from_str(&back).unwrap_or(HeaderValue::from_static("/"));
    headers.insert(header::LOCATION, back);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// In front of every route: answers the request in its reader's language.
pub async fn answer_in_language(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let lang = Language::of(req.headers());
    crate::error::answering(lang, next.run(req)).await
}
