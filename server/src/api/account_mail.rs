//! An account by email, as routes: confirming its address from the mailed
//! link, and a forgotten password reset. See `services::accounts`.

use crate::error::{Result, accepted};
use crate::extract::{AuthUser, Body, ClientAddr};
use crate::services::accounts;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::i18n::Msg;
use pulse_api::wire::{Accepted, MailedToken, PasswordResetConfirm, PasswordResetRequest, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify))
        .routes(routes!(send_again))
        .routes(routes!(reset))
        .routes(routes!(reset_confirm))
}

/// Confirms an account's address from the mailed link (signed in or not:
/// the link may be opened on another device).
#[utoipa::path(post, path = "/account/verify", tag = "accounts", request_body = MailedToken, responses((status = 204, description = "The address is confirmed"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn verify(
    State(state): State<AppState>,
    Body(body): Body<MailedToken>,
) -> Result<StatusCode> {
    accounts::verify(&state, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mails the signed-in account's confirmation link again.
#[utoipa::path(post, path = "/account/verification", tag = "accounts", security(("session" = [])), responses((status = 202, description = "A new link is on its way (at most three an hour)", body = Accepted), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn send_again(State(state): State<AppState>, me: AuthUser) -> Result<Response> {
    accounts::send_again(&state, &me.0).await?;
    Ok(accepted(
        Msg::NewLinkOnItsWay.with([("email", me.0.email.as_str())]),
    ))
}

/// Asks for a password reset link. The answer is the same whether or not
/// the address has an account.
#[utoipa::path(post, path = "/password-reset", tag = "accounts", request_body = PasswordResetRequest, responses((status = 202, description = "If the address has an account, a link is mailed", body = Accepted), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn reset(
    State(state): State<AppState>,
    addr: ClientAddr,
    Body(body): Body<PasswordResetRequest>,
) -> Result<Response> {
    accounts::reset(&state, &addr.limit_key(), body).await?;
    Ok(accepted(Msg::ResetLinkSent))
}

/// Sets a new password from the mailed link: the link is used up, every
/// other reset link voided, and every session of the account ends.
#[utoipa::path(post, path = "/password-reset/confirm", tag = "accounts", request_body = PasswordResetConfirm, responses((status = 204, description = "The password is changed and every session has ended: sign in with it"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn reset_confirm(
    State(state): State<AppState>,
    Body(body): Body<PasswordResetConfirm>,
) -> Result<StatusCode> {
    accounts::reset_confirm(&state, body).await?;
    Ok(StatusCode::NO_CONTENT)
}
