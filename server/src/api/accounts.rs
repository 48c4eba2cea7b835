//! Accounts and sessions: register, sign in, who am I, sign out.

use crate::client_addr::ClientAddr;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, SESSION_COOKIE, hash_token, session_token};
use crate::password::{dummy_hash, hash_password, verify_password};
use crate::state::AppState;
use crate::{clock, db};
use anyhow::Context;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::Problem;
use pulse_api::wire::{Account, Credentials, NewAccount, Role, Session};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(sign_in, current, sign_out))
}

/// How long a session lasts without signing in again.
const SESSION_SECONDS: i64 = 30 * 24 * 3600;

const WRONG_CREDENTIALS: &str =
    "That email address and password do not match an account. Check them and try again.";

#[utoipa::path(post, path = "/accounts", tag = "accounts", request_body = NewAccount, responses((status = 201, description = "Created and signed in (sets the session cookie)", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn register(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Body(new): Body<NewAccount>,
) -> Result<Response> {
    state
        .limits
        .sign_in
        .check(&addr.to_string(), "attempts to register or sign in")?;
    let email = Email::parse(&new.email).map_err(ApiError::unprocessable)?;
    let display_name = DisplayName::parse(&new.display_name).map_err(ApiError::unprocessable)?;
    let password = Password::parse(&new.password).map_err(ApiError::unprocessable)?;
    let password_hash = hash_password(password).await?;
    let mut conn = state.db.read().await?;
    let created = db::accounts::create(
        &mut conn,
        db::accounts::NewAccount {
            email: &email,
            display_name: &display_name,
            password_hash: &password_hash,
            role: Role::Resident,
            created_at: clock::now().0,
        },
    )
    .await?;
    let account = match created {
        db::accounts::Created::Account(account) => account,
        db::accounts::Created::EmailTaken => {
            return Err(ApiError::conflict(
                "An account with this email address already exists. Sign in instead.",
            ));
        }
    };
    let cookie = start_session(&state, account.id).await?;
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, cookie)],
        Json(Session {
            account: Some(account),
        }),
    )
        .into_response())
}

#[utoipa::path(post, path = "/session", tag = "accounts", request_body = Credentials, responses((status = 200, description = "Signed in (sets the session cookie)", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Body(credentials): Body<Credentials>,
) -> Result<Response> {
    state
        .limits
        .sign_in
        .check(&addr.to_string(), "attempts to register or sign in")?;
    let email = Email::parse(&credentials.email).map_err(ApiError::unprocessable)?;
    // Guesses spread over many addresses still meet this one. It can hold up
    // the account's owner for a minute at most, which is the lesser harm.
    state
        .limits
        .sign_in_per_account
        .check(email.as_str(), "attempts to sign in to this account")?;
    let found = {
        let mut conn = state.db.read().await?;
        db::accounts::find_for_sign_in(&mut conn, &email).await?
    };
    // An unknown address costs the same hashing as a wrong password, so the
    // answer's timing does not tell which addresses have accounts.
    let (account, hash) = match found {
        Some((account, hash)) => (Some(account), hash),
        None => (None, dummy_hash().await?),
    };
    let matches = verify_password(credentials.password, hash).await?;
    let Some(account) = account.filter(|_| matches) else {
        return Err(ApiError::unauthorized(WRONG_CREDENTIALS));
    };
    let cookie = start_session(&state, account.id).await?;
    let account = with_hosts(&state, account).await?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(Session {
            account: Some(account),
        }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/session", tag = "accounts", responses((status = 200, body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn current(State(state): State<AppState>, user: Option<AuthUser>) -> Result<Json<Session>> {
    let account = match user {
        Some(AuthUser(account)) => Some(with_hosts(&state, account).await?),
        None => None,
    };
    Ok(Json(Session { account }))
}

/// The account with the topics it hosts, for the client to offer host views.
async fn with_hosts(state: &AppState, mut account: Account) -> Result<Account> {
    let mut conn = state.db.read().await?;
    account.hosts = db::hosts::topics_of(&mut conn, account.id).await?;
    Ok(account)
}

#[utoipa::path(delete, path = "/session", tag = "accounts", responses((status = 204, description = "Signed out (the session is deleted)"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = session_token(&headers) {
        let mut conn = state.db.read().await?;
        db::accounts::delete_session(&mut conn, &hash_token(token)).await?;
    }
    let cookie = cookie_header(&state, "", 0)?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

async fn start_session(state: &AppState, account_id: i64) -> Result<HeaderValue> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("reading random bytes for a session: {e}"))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let now = clock::now().0;
    let mut conn = state.db.read().await?;
    db::accounts::create_session(
        &mut conn,
        &hash_token(&token),
        account_id,
        now,
        now + SESSION_SECONDS,
    )
    .await?;
    cookie_header(state, &token, SESSION_SECONDS)
}

fn cookie_header(state: &AppState, token: &str, max_age: i64) -> Result<HeaderValue> {
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    Ok(HeaderValue::from_str(&cookie).context("building the session cookie")?)
}
