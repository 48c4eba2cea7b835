//! Session and device cookies: what they are called, how they are made,
//! and how they end.
//!
//! - A session token is 32 random bytes; only its SHA-256 is stored. Signing
//!   in or registering ends the session the request came with (a new token
//!   every time: a token planted before sign-in is worth nothing after it).
//! - A session ends after `idle_seconds` unused and `max_seconds` after it
//!   began; "sign out everywhere" ends all of an account's sessions.
//! - A device cookie marks a browser that has signed in to an account
//!   before. Its sign-in attempts are counted apart from everyone else's, so
//!   strangers guessing at an account never lock its owner out (OWASP,
//!   "Slow down online guessing attacks with device cookies").
//! - With `--secure-cookies` both names take the `__Host-` prefix: the
//!   browser then accepts them only over HTTPS, for this host alone, from
//!   this host alone.

use crate::config::Config;
use crate::error::Result;
use crate::{clock, db};
use anyhow::Context;
use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// The session cookie's name (`__Host-pulse_session` with secure cookies).
pub const SESSION: &str = "pulse_session";
const DEVICE: &str = "pulse_device";
/// How long a browser stays trusted after signing in.
const DEVICE_SECONDS: i64 = 365 * 24 * 3600;

fn name(config: &Config, base: &'static str) -> String {
    if config.secure_cookies {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// The name of the session cookie under `config`.
pub fn session_cookie_name(config: &Config) -> String {
    name(config, SESSION)
}

/// The value of the cookie called `wanted` the request carries, read by the
/// `cookie` crate (RFC 6265), from every `Cookie` header.
pub(crate) fn cookie_value<'a>(headers: &'a HeaderMap, wanted: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == wanted)
        .and_then(|c| c.value_raw())
}

/// The session token a request carries, if any.
pub fn session_token<'a>(headers: &'a HeaderMap, config: &Config) -> Option<&'a str> {
    cookie_value(headers, &name(config, SESSION))
}

/// The device token a request carries, if any.
pub fn device_token<'a>(headers: &'a HeaderMap, config: &Config) -> Option<&'a str> {
    cookie_value(headers, &name(config, DEVICE))
}

/// Tokens are looked up by their hash, never by themselves.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("reading random bytes: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn cookie(config: &Config, base: &'static str, value: &str, max_age: i64) -> Result<HeaderValue> {
    let cookie = cookie::Cookie::build((name(config, base), value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age))
        .secure(config.secure_cookies)
        .build();
    Ok(HeaderValue::from_str(&cookie.to_string()).context("building a cookie")?)
}

/// Starts a session for `account_id`, ending the one the request came with;
/// returns the cookies to set (the session's, and the device's when this
/// browser was not yet trusted by the account). `trusted_by` is what
/// [`trusted_for`] said of this request.
pub async fn start(
    conn: &mut AnyConnection,
    config: &Config,
    headers: &HeaderMap,
    account_id: i64,
    email: &str,
    trusted_by: Option<&str>,
) -> Result<Vec<HeaderValue>> {
    let now = clock::now().0;
    if let Some(old) = session_token(headers, config) {
        db::accounts::delete_session(conn, &hash_token(old)).await?;
    }
    let token = new_token()?;
    let max = config.sessions.max_seconds;
    db::accounts::create_session(conn, &hash_token(&token), account_id, now, now + max).await?;
    let mut cookies = vec![cookie(config, SESSION, &token, max)?];
    if trusted_by != Some(email) {
        let device = new_token()?;
        db::accounts::trust_device(
            conn,
            &hash_token(&device),
            account_id,
            now,
            now + DEVICE_SECONDS,
        )
        .await?;
        cookies.push(cookie(config, DEVICE, &device, DEVICE_SECONDS)?);
    }
    Ok(cookies)
}

/// The email of the account that trusts the browser this request came from.
pub async fn trusted_for(
    conn: &mut AnyConnection,
    config: &Config,
    headers: &HeaderMap,
) -> Result<Option<String>> {
    let Some(device) = device_token(headers, config) else {
        return Ok(None);
    };
    Ok(db::accounts::trusted_device_email(conn, &hash_token(device), clock::now().0).await?)
}

/// The cookie that removes the session from the browser.
pub fn cleared(config: &Config) -> Result<HeaderValue> {
    cookie(config, SESSION, "", 0)
}

/// `Set-Cookie` headers for the browser, set on the answer they go with.
pub struct Cookies(pub Vec<HeaderValue>);

impl axum::response::IntoResponseParts for Cookies {
    type Error = std::convert::Infallible;

    fn into_response_parts(
        self,
        mut parts: axum::response::ResponseParts,
    ) -> std::result::Result<axum::response::ResponseParts, Self::Error> {
        for cookie in self.0 {
            parts
                .headers_mut()
                .append(axum::http::header::SET_COOKIE, cookie);
        }
        Ok(parts)
    }
}
