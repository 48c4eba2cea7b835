//! An account by email: confirming its address from the link mailed at
//! registration (or sent again), and a forgotten password reset from a
//! single-use link valid for an hour, which ends every session.

use crate::client_addr::ClientAddr;
use crate::db::mail::{self as outbox, Kind, Purpose};
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body};
use crate::mail::{MailedLink, mail_link};
use crate::password::hash_password;
use crate::state::AppState;
use crate::{clock, db, session};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::Timestamp;
use pulse_api::i18n::{Msg, Said};
use pulse_api::validate::{Email, Password};
use pulse_api::wire::{
    Accepted, Account, MailedToken, PasswordResetConfirm, PasswordResetRequest, Problem,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify))
        .routes(routes!(send_again))
        .routes(routes!(reset))
        .routes(routes!(reset_confirm))
}

/// How long a confirmation link works.
const VERIFY_WITHIN: i64 = 7 * 24 * 3600;
/// How long a reset link works.
const RESET_WITHIN: i64 = 3600;
/// Links of one kind one address may be sent in an hour.
const LINKS_PER_HOUR: i64 = 3;

/// Puts the "confirm your address" mail in the outbox (in the caller's
/// transaction), unless the address had its share this hour.
pub async fn send_verification(
    conn: &mut sqlx::AnyConnection,
    account: &Account,
    now: Timestamp,
) -> anyhow::Result<()> {
    let recent = outbox::recent_tokens(
        conn,
        &account.email,
        Purpose::Verify,
        Timestamp(now.0 - 3600),
    )
    .await?;
    if recent >= LINKS_PER_HOUR {
        return Ok(());
    }
    mail_link(
        conn,
        MailedLink {
            kind: Kind::VerifyEmail,
            purpose: Purpose::Verify,
            recipient: &account.email,
            account_id: Some(account.id),
            subscription_id: None,
            topic_id: None,
            valid_for: VERIFY_WITHIN,
        },
        now,
    )
    .await
}

/// Confirms an account's address from the mailed link (signed in or not:
/// the link may be opened on another device).
#[utoipa::path(post, path = "/account/verify", tag = "accounts", request_body = MailedToken, responses((status = 204, description = "The address is confirmed"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn verify(
    State(state): State<AppState>,
    Body(body): Body<MailedToken>,
) -> Result<StatusCode> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let used = outbox::use_token(
        &mut tx,
        &session::hash_token(body.token.trim()),
        Purpose::Verify,
        now,
    )
    .await?
    .ok_or_else(super::subscriptions::expired_link)?;
    let account_id = used
        .account_id
        .ok_or_else(|| anyhow::anyhow!("a confirmation link without its account"))?;
    // A link sent to an address the account no longer has confirms nothing.
    if !db::accounts::set_email_verified(&mut tx, account_id, &used.email).await? {
        return Err(super::subscriptions::expired_link());
    }
    db::commit(tx).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mails the signed-in account's confirmation link again.
#[utoipa::path(post, path = "/account/verification", tag = "accounts", security(("session" = [])), responses((status = 202, description = "A new link is on its way (at most three an hour)", body = Accepted), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn send_again(State(state): State<AppState>, me: AuthUser) -> Result<Response> {
    if me.0.email_verified {
        return Err(ApiError::conflict(Msg::AddressConfirmedAlready));
    }
    let mut tx = state.db.write().await?;
    send_verification(&mut tx, &me.0, clock::now()).await?;
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok(super::subscriptions::accepted(
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
    let email = Email::parse(&body.email).map_err(ApiError::unprocessable)?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    state
        .limits
        .password_resets
        .check(&mut tx, &addr.limit_key(), Msg::LimitPasswordResets)
        .await?;
    if let Some(account) = db::accounts::find_by_email(&mut tx, &email).await? {
        let recent = outbox::recent_tokens(
            &mut tx,
            &account.email,
            Purpose::Reset,
            Timestamp(now.0 - 3600),
        )
        .await?;
        if recent < LINKS_PER_HOUR {
            mail_link(
                &mut tx,
                MailedLink {
                    kind: Kind::ResetPassword,
                    purpose: Purpose::Reset,
                    recipient: &account.email,
                    account_id: Some(account.id),
                    subscription_id: None,
                    topic_id: None,
                    valid_for: RESET_WITHIN,
                },
                now,
            )
            .await?;
        }
    }
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok(super::subscriptions::accepted(Msg::ResetLinkSent))
}

/// Sets a new password from the mailed link: the link is used up, every
/// other reset link voided, and every session of the account ends.
#[utoipa::path(post, path = "/password-reset/confirm", tag = "accounts", request_body = PasswordResetConfirm, responses((status = 204, description = "The password is changed and every session has ended: sign in with it"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn reset_confirm(
    State(state): State<AppState>,
    Body(body): Body<PasswordResetConfirm>,
) -> Result<StatusCode> {
    let unprocessable = |e: Said| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "password", e);
    let password = Password::parse(&body.password).map_err(unprocessable)?;
    if let Some(why) = crate::password::too_easy(password.as_str(), "", "") {
        return Err(unprocessable(why.into()));
    }
    let hash = hash_password(password).await?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let used = outbox::use_token(
        &mut tx,
        &session::hash_token(body.token.trim()),
        Purpose::Reset,
        now,
    )
    .await?
    .ok_or_else(super::subscriptions::expired_link)?;
    let account_id = used
        .account_id
        .ok_or_else(|| anyhow::anyhow!("a reset link without its account"))?;
    db::accounts::set_password(&mut tx, account_id, &hash).await?;
    db::accounts::end_all_sessions(&mut tx, account_id).await?;
    outbox::void_tokens(&mut tx, account_id, Purpose::Reset, now).await?;
    // The link reached the address, so the address is confirmed too.
    db::accounts::set_email_verified(&mut tx, account_id, &used.email).await?;
    db::commit(tx).await?;
    Ok(StatusCode::NO_CONTENT)
}
