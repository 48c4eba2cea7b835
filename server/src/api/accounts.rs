//! Accounts and sessions: register, sign in, who am I, sign out.

use crate::client_addr::ClientAddr;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, SESSION_COOKIE, hash_token, session_token};
use crate::state::AppState;
use crate::{clock, db};
use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::{Credentials, NewAccount, Session};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", post(register))
        .route("/session", post(sign_in).get(current).delete(sign_out))
}

/// How long a session lasts without signing in again.
const SESSION_SECONDS: i64 = 30 * 24 * 3600;

const WRONG_CREDENTIALS: &str =
    "That email address and password do not match an account. Check them and try again.";

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
    let created = db::accounts::create(
        &state.db,
        db::accounts::NewAccount {
            email: &email,
            display_name: &display_name,
            password_hash: &password_hash,
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
    let found = db::accounts::find_for_sign_in(&state.db, &email).await?;
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
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(Session {
            account: Some(account),
        }),
    )
        .into_response())
}

async fn current(user: Option<AuthUser>) -> Json<Session> {
    Json(Session {
        account: user.map(|AuthUser(account)| account),
    })
}

async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = session_token(&headers) {
        db::accounts::delete_session(&state.db, &hash_token(token)).await?;
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
    db::accounts::create_session(
        &state.db,
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

/// A hash of a random password nobody knows, made once per process.
async fn dummy_hash() -> Result<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let hash = DUMMY
        .get_or_try_init(|| async {
            let mut secret = [0u8; 24];
            getrandom::fill(&mut secret)
                .map_err(|e| anyhow::anyhow!("reading random bytes: {e}"))?;
            let password = Password::parse(&format!("{secret:?}")).map_err(anyhow::Error::msg)?;
            hash_password(password).await
        })
        .await?;
    Ok(hash.clone())
}

async fn hash_password(password: Password) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| anyhow::anyhow!("reading random bytes for a salt: {e}"))?;
    let hash = tokio::task::spawn_blocking(move || -> anyhow::Result<String> {
        let salt =
            SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("encoding a salt: {e}"))?;
        let hash = Argon2::default()
            .hash_password(password.as_str().as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
        Ok(hash.to_string())
    })
    .await
    .context("joining the hashing task")??;
    Ok(hash)
}

async fn verify_password(password: String, hash: String) -> Result<bool> {
    let matches = tokio::task::spawn_blocking(move || -> anyhow::Result<bool> {
        let parsed =
            PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("reading a stored hash: {e}"))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .context("joining the verifying task")??;
    Ok(matches)
}
