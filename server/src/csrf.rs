//! The token a form sent without the app carries, so that the server knows
//! it came from one of our own pages and not from another site's form
//! aimed at a resident's session (the JSON API needs none: no form on
//! another site can send JSON).
//!
//! The token is the SHA-256 of a secret only this browser and the server
//! know: the session token when the browser has one, else a random value
//! kept in a form cookie for visitors not signed in (set by the pages with
//! forms, [`issue`]). Another site can neither read the cookie nor work the
//! token out from anything it can see. It is checked together with
//! `Origin` and `Sec-Fetch-Site` (`origin.rs`), never instead of them.

use crate::config::Config;
use crate::error::Result;
use crate::session::{cookie_value, new_token, session_cookie_name};
use anyhow::Context;
use axum::http::{HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

/// The form cookie of a visitor not signed in.
const COOKIE: &str = "pulse_form";

fn cookie_name(config: &Config) -> String {
    if config.secure_cookies {
        format!("__Host-{COOKIE}")
    } else {
        COOKIE.to_string()
    }
}

fn token_of(secret: &str) -> String {
    let digest = Sha256::digest(format!("pulse form\n{secret}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The token this request's forms carry, if it has a secret to make one
/// from: its session, else its form cookie.
pub fn token(headers: &HeaderMap, config: &Config) -> Option<String> {
    cookie_value(headers, &session_cookie_name(config))
        .or_else(|| cookie_value(headers, &cookie_name(config)))
        .filter(|secret| !secret.is_empty())
        .map(token_of)
}

/// A new form cookie and the token it makes, for a visitor who has neither
/// session nor form cookie yet. It lasts as long as the browser is open.
pub fn issue(config: &Config) -> Result<(String, HeaderValue)> {
    let secret = new_token()?;
    let cookie = cookie::Cookie::build((cookie_name(config), secret.as_str()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(config.secure_cookies)
        .build();
    let value = HeaderValue::from_str(&cookie.to_string()).context("building the form cookie")?;
    Ok((token_of(&secret), value))
}

/// Whether `given` is this request's token (compared in constant time).
pub fn check(headers: &HeaderMap, config: &Config, given: &str) -> bool {
    let Some(expected) = token(headers, config) else {
        return false;
    };
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cookie(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(cookie).expect("a cookie header"),
        );
        headers
    }

    #[test]
    fn the_token_is_the_sessions_else_the_form_cookies() {
        let config = Config::new("sqlite::memory:");
        assert_eq!(token(&HeaderMap::new(), &config), None);
        let form = with_cookie("pulse_form=abc");
        let by_form = token(&form, &config).expect("a token");
        assert!(check(&form, &config, &by_form));
        assert!(!check(&form, &config, "abc"));
        assert!(!check(&form, &config, ""));
        let both = with_cookie("pulse_form=abc; pulse_session=def");
        let by_session = token(&both, &config).expect("a token");
        assert_ne!(by_form, by_session);
        assert!(check(&both, &config, &by_session));
        assert!(!check(&both, &config, &by_form));
        assert!(!check(&HeaderMap::new(), &config, &by_form));
    }
}
