//! Accounts and sessions: register, sign in, who am I, sign out.

use crate::client_addr::ClientAddr;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body};
use crate::password::{dummy_hash, hash_password, too_easy, verify_password};
use crate::state::AppState;
use crate::{clock, db, session};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Msg, Said};
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::Problem;
use pulse_api::wire::{Account, Credentials, NewAccount, Role, Session};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(sign_in, current, sign_out))
        .routes(routes!(sign_out_everywhere))
}

#[utoipa::path(post, path = "/accounts", tag = "accounts", request_body = NewAccount, responses((status = 201, description = "Created and signed in (sets the session cookie)", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn register(
    State(state): State<AppState>,
    addr: ClientAddr,
    headers: HeaderMap,
    Body(new): Body<NewAccount>,
) -> Result<Response> {
    {
        let mut conn = state.db.read().await?;
        state
            .limits
            .registrations
            .check(&mut conn, &addr.limit_key(), Msg::LimitNewAccounts)
            .await?;
    }
    // Every field is checked, and every mistake told at once.
    let mut errors = Vec::new();
    let mut wrong = |field: &str, detail: Said| errors.push((field.to_string(), detail));
    let email = Email::parse(&new.email).map_err(|e| wrong("email", e)).ok();
    let display_name = match DisplayName::for_resident(&new.display_name) {
        Ok(name) => match staff_name_taken(&state, &name).await? {
            Some(refusal) => {
                wrong("display_name", refusal);
                None
            }
            None => Some(name),
        },
        Err(e) => {
            wrong("display_name", e);
            None
        }
    };
    let password = match Password::parse(&new.password) {
        Ok(p) => match too_easy(p.as_str(), &new.email, &new.display_name) {
            Some(why) => {
                wrong("password", why.into());
                None
            }
            None => Some(p),
        },
        Err(e) => {
            wrong("password", e);
            None
        }
    };
    let (Some(email), Some(display_name), Some(password)) = (email, display_name, password) else {
        return Err(ApiError::Fields(StatusCode::UNPROCESSABLE_ENTITY, errors));
    };
    // Hashed first, whether or not the address is taken: the answer takes
    // as long either way.
    let password_hash = hash_password(password).await?;
    let mut tx = state.db.write().await?;
    let created = db::accounts::create(
        &mut tx,
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
            return Err(ApiError::field(
                StatusCode::CONFLICT,
                "email",
                Msg::AccountExists,
            ));
        }
    };
    let cookies = session::start(
        &mut tx,
        &state.config,
        &headers,
        account.id,
        &account.email,
        None,
    )
    .await?;
    super::account_mail::send_verification(&mut tx, &account, clock::now()).await?;
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok(with_cookies(
        (
            StatusCode::CREATED,
            Json(Session {
                account: Some(account),
            }),
        )
            .into_response(),
        cookies,
    ))
}

/// A resident may not go by a name that passes for a staff member's: the
/// sentence saying so, if `name` would.
pub(crate) async fn staff_name_taken(state: &AppState, name: &DisplayName) -> Result<Option<Said>> {
    let mut conn = state.db.read().await?;
    let staff = db::accounts::staff_names(&mut conn).await?;
    Ok(staff
        .iter()
        .find(|s| name.passes_for(s))
        .map(|taken| Msg::NameLikeStaff.with([("name", name.as_str()), ("staff", taken.as_str())])))
}

fn with_cookies(mut response: Response, cookies: Vec<HeaderValue>) -> Response {
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

#[utoipa::path(post, path = "/session", tag = "accounts", request_body = Credentials, responses((status = 200, description = "Signed in (sets the session cookie)", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
    headers: HeaderMap,
    Body(credentials): Body<Credentials>,
) -> Result<Response> {
    let mut conn = state.db.read().await?;
    state
        .limits
        .sign_in
        .check(&mut conn, &addr.limit_key(), Msg::LimitSignIns)
        .await?;
    let email = Email::parse(&credentials.email).map_err(ApiError::unprocessable)?;
    let (found, trusted_by) = {
        // Guesses spread over many addresses still meet the per-account
        // limit; a browser this account signed in from before is counted
        // apart, so strangers' guesses never lock the owner out.
        let trusted_by = session::trusted_for(&mut conn, &state.config, &headers).await?;
        let key = match &trusted_by {
            Some(trusting) if trusting == email.as_str() => {
                format!(
                    "device {}",
                    session::device_token(&headers, &state.config).unwrap_or_default()
                )
            }
            _ => format!("account {}", email.as_str()),
        };
        state
            .limits
            .sign_in_per_account
            .check(&mut conn, &key, Msg::LimitAccountSignIns)
            .await?;
        let found = db::accounts::find_for_sign_in(&mut conn, &email).await?;
        (found, trusted_by)
    };
    drop(conn);
    // An unknown address costs the same hashing as a wrong password, so the
    // answer's timing does not tell which addresses have accounts.
    let (account, hash) = match found {
        Some((account, hash)) => (Some(account), hash),
        None => (None, dummy_hash().await?),
    };
    let matches = verify_password(credentials.password, hash).await?;
    let Some(account) = account.filter(|_| matches) else {
        return Err(ApiError::unauthorized(Msg::WrongCredentials));
    };
    let mut tx = state.db.write().await?;
    let cookies = session::start(
        &mut tx,
        &state.config,
        &headers,
        account.id,
        &account.email,
        trusted_by.as_deref(),
    )
    .await?;
    db::commit(tx).await?;
    let account = with_hosts(&state, account).await?;
    Ok(with_cookies(
        Json(Session {
            account: Some(account),
        })
        .into_response(),
        cookies,
    ))
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
pub(crate) async fn with_hosts(state: &AppState, mut account: Account) -> Result<Account> {
    let mut conn = state.db.read().await?;
    account.hosts = db::hosts::topics_of(&mut conn, account.id).await?;
    Ok(account)
}

#[utoipa::path(delete, path = "/session", tag = "accounts", responses((status = 204, description = "Signed out (the session is deleted)"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    if let Some(token) = session::session_token(&headers, &state.config) {
        let mut conn = state.db.read().await?;
        db::accounts::delete_session(&mut conn, &session::hash_token(token)).await?;
    }
    let cookie = session::cleared(&state.config)?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// Sign out everywhere: ends every session of the account, this one too,
/// and forgets every browser it trusted (for a lost phone or a shared
/// computer).
#[utoipa::path(delete, path = "/account/sessions", tag = "accounts", responses((status = 204, description = "Every session of the account has ended"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_out_everywhere(State(state): State<AppState>, me: AuthUser) -> Result<Response> {
    let mut tx = state.db.write().await?;
    db::accounts::end_all_sessions(&mut tx, me.id()).await?;
    db::commit(tx).await?;
    let cookie = session::cleared(&state.config)?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
