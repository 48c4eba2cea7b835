//! Writes only from our own pages. The session cookie is `SameSite=Lax`
//! already; this refuses any state change that a browser says came from
//! elsewhere: an `Origin` (sent by every browser on a cross-site write) that
//! is not this site — scheme, host and port — or a `Sec-Fetch-Site` other
//! than `same-origin` (or `none`, a person's own action). Writes must also be
//! JSON (see `extract.rs`), which a plain HTML form cannot send.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::Msg;

pub async fn same_origin_writes(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let site = site_origin(
        state.config.public_origin.as_deref(),
        state.config.secure_cookies,
        req.headers(),
    );
    if !from_this_site(req.headers(), site.as_deref()) {
        return ApiError::forbidden(Msg::OtherWebsite).into_response();
    }
    next.run(req).await
}

/// This site's origin: the configured public origin, or the scheme it is
/// served with and the request's `Host`.
fn site_origin(public: Option<&str>, https: bool, headers: &HeaderMap) -> Option<String> {
    if let Some(public) = public {
        return Some(public.trim_end_matches('/').to_ascii_lowercase());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let scheme = if https { "https" } else { "http" };
    (!host.is_empty()).then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

fn from_this_site(headers: &HeaderMap, site: Option<&str>) -> bool {
    if let Some(fetch_site) = headers.get("sec-fetch-site")
        && !matches!(fetch_site.to_str(), Ok("same-origin" | "none"))
    {
        return false;
    }
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let origin = origin.to_str().unwrap_or("null").to_ascii_lowercase();
            site.is_some_and(|site| origin == site)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_scheme_host_and_port_must_all_match() {
        let h = headers(&[("host", "pulse.example:8080")]);
        let site = site_origin(None, false, &h);
        assert_eq!(site.as_deref(), Some("http://pulse.example:8080"));
        let check = |origin: &'static str| {
            let mut h = h.clone();
            h.insert(header::ORIGIN, HeaderValue::from_static(origin));
            from_this_site(&h, site.as_deref())
        };
        assert!(check("http://pulse.example:8080"));
        assert!(check("HTTP://Pulse.Example:8080"));
        assert!(!check("https://pulse.example:8080"));
        assert!(!check("http://pulse.example"));
        assert!(!check("http://evil.example"));
        assert!(!check("null"));
        let https = site_origin(None, true, &h);
        assert_eq!(https.as_deref(), Some("https://pulse.example:8080"));
        let public = site_origin(Some("https://Pulse.Example.gov/"), false, &h);
        assert_eq!(public.as_deref(), Some("https://pulse.example.gov"));
    }

    #[test]
    fn a_browser_saying_cross_site_is_refused_even_without_origin() {
        let site = Some("http://pulse.example");
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            site
        ));
        assert!(!from_this_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            site
        ));
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            site
        ));
        assert!(from_this_site(
            &headers(&[("sec-fetch-site", "none")]),
            site
        ));
        // Not a browser: the JSON-only rule and the cookie stand.
        assert!(from_this_site(&HeaderMap::new(), site));
    }
}
