//! One-click unsubscribe (RFC 8058). Every notice to a subscriber carries
//! `List-Unsubscribe: <https://…/unsubscribe/TOKEN>` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. A mail program
//! `POST`s that form body to the address; a person who opens the link gets
//! the page (`pages/`) with a button that posts `page=yes` to it, answered
//! with `303` back to the page, which then says the notices have stopped.
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
    body: String,
) -> Result<Response> {
    // RFC 8058's body, or none; the link's own page's button; anything
    // else is someone else's form.
    let body = body.trim();
    let from_page = body == "page=yes";
    if !(body.is_empty() || body == "List-Unsubscribe=One-Click" || from_page) {
        return Err(ApiError::bad_request(Msg::SendOneClick));
    }
    let left: Unsubscribed = services::subscriptions::unsubscribe(&state, &token).await?;
    if from_page {
        let back = format!("/unsubscribe/{token}");
        return Ok(crate::rendering::see_other(&back, Cookies(Vec::new())));
    }
    Ok(Json(left).into_response())
}
