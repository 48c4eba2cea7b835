//! One-click unsubscribe (RFC 8058). Every notice to a subscriber carries
//! `List-Unsubscribe: <https://…/unsubscribe/TOKEN>` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. A mail program
//! `POST`s that form body to the address; a person who opens the link gets
//! the page (`pages/`) with a button that posts `page=yes` to it, answered
//! with `303` back to the page, which then says the notices have stopped.
//! A mail program's body may be URL-encoded or `multipart/form-data`, as
//! providers send either.
//!
//! The token in the address is the authority: no session, and no
//! same-origin check (mail programs post from their own servers). It is 256
//! random bits, so it cannot be guessed; it only ever ends a subscription.

use crate::error::{ApiError, Result};
use crate::services;
use crate::session::Cookies;
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use pulse_api::i18n::Msg;
use pulse_api::wire::Unsubscribed;

/// The one-click `POST`; the page itself is `pages/`'s.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/unsubscribe/{token}", post(one_click))
        .layer(DefaultBodyLimit::max(1024))
}

async fn one_click(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Result<Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let asked = asked(content_type, &body);
    if asked == Asked::SomethingElse {
        return Err(ApiError::bad_request(Msg::SendOneClick));
    }
    let left: Unsubscribed = services::subscriptions::unsubscribe(&state, &token).await?;
    if asked == Asked::ByThePage {
        let back = format!("/unsubscribe/{token}");
        return Ok(crate::rendering::see_other(&back, Cookies(Vec::new())));
    }
    Ok(Json(left).into_response())
}

/// What a `POST` to an unsubscribe link asks.
#[derive(Debug, PartialEq, Eq)]
enum Asked {
    /// RFC 8058's one click (`List-Unsubscribe=One-Click`), or an empty
    /// body, as a mail program sends it.
    OneClick,
    /// The link's own page's button (`page=yes`).
    ByThePage,
    /// Someone else's form.
    SomethingElse,
}

/// Reads the body as mail programs send it: URL-encoded, or, as several
/// large providers do, `multipart/form-data`.
fn asked(content_type: &str, body: &str) -> Asked {
    let fields = match boundary(content_type) {
        Some(boundary) => multipart_fields(body, &boundary),
        None => Some(
            body.trim()
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        ),
    };
    let Some(fields) = fields else {
        return Asked::SomethingElse;
    };
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    match fields.as_slice() {
        [] | [("List-Unsubscribe", "One-Click")] => Asked::OneClick,
        [("page", "yes")] => Asked::ByThePage,
        _ => Asked::SomethingElse,
    }
}

/// The `boundary` of a `multipart/form-data` content type.
fn boundary(content_type: &str) -> Option<String> {
    let mut parts = content_type.split(';');
    let kind = parts.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parts.find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty())
    })
}

/// The fields of a small `multipart/form-data` body (RFC 7578), by name;
/// `None` when it is not one.
fn multipart_fields(body: &str, boundary: &str) -> Option<Vec<(String, String)>> {
    let delimiter = format!("--{boundary}");
    let mut parts = body.split(delimiter.as_str());
    // Whatever comes before the first delimiter is a preamble.
    parts.next()?;
    let mut fields = Vec::new();
    let mut closed = false;
    for part in parts {
        if part.starts_with("--") {
            closed = true;
            break;
        }
        let part = part
            .strip_prefix("\r\n")
            .or_else(|| part.strip_prefix('\n'))?;
        let (head, value) = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))?;
        let name = head.lines().find_map(|line| {
            let (field, rest) = line.split_once(':')?;
            if !field.trim().eq_ignore_ascii_case("content-disposition") {
                return None;
            }
            let at = rest.find("name=\"")? + "name=\"".len();
            let len = rest[at..].find('"')?;
            Some(rest[at..at + len].to_string())
        })?;
        let value = value
            .strip_suffix("\r\n")
            .or_else(|| value.strip_suffix('\n'))
            .unwrap_or(value);
        fields.push((name, value.to_string()));
    }
    closed.then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::{Asked, asked};

    const FORM: &str = "application/x-www-form-urlencoded";

    #[test]
    fn a_mail_programs_one_click_is_read_urlencoded_or_multipart() {
        assert_eq!(asked(FORM, "List-Unsubscribe=One-Click"), Asked::OneClick);
        assert_eq!(asked("", ""), Asked::OneClick);
        assert_eq!(asked(FORM, "page=yes"), Asked::ByThePage);
        let multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
        assert_eq!(
            asked("multipart/form-data; boundary=XyZ", multipart),
            Asked::OneClick
        );
        assert_eq!(
            asked("Multipart/Form-Data; boundary=\"XyZ\"", multipart),
            Asked::OneClick
        );
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(
            asked(FORM, "List-Unsubscribe=Two-Clicks"),
            Asked::SomethingElse
        );
        assert_eq!(
            asked(FORM, "List-Unsubscribe=One-Click&also=this"),
            Asked::SomethingElse
        );
        let other = "--b\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhi\r\n--b--";
        assert_eq!(
            asked("multipart/form-data; boundary=b", other),
            Asked::SomethingElse
        );
        // A body never closed is not a form; one without its boundary is
        // read as URL-encoded.
        let open =
            "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click";
        assert_eq!(
            asked("multipart/form-data; boundary=b", open),
            Asked::SomethingElse
        );
        assert_eq!(
            asked("multipart/form-data", "List-Unsubscribe=One-Click"),
            Asked::OneClick
        );
    }
}
