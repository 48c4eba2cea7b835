//! Accounts and sessions, as routes: register, sign in, who am I, sign
//! out. See `services::accounts`.

use crate::error::Result;
use crate::extract::{Asker, AuthUser, Body, ClientAddr};
use crate::language::Language;
use crate::services::accounts;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pulse_api::wire::Problem;
use pulse_api::wire::{Credentials, NewAccount, Session};
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
    Language(lang): Language,
    Body(new): Body<NewAccount>,
) -> Result<Response> {
    let (account, cookies) =
        accounts::register(&state, &addr.limit_key(), &headers, new, lang).await?;
    let session = Session {
        account: Some(account),
    };
    Ok((StatusCode::CREATED, cookies, Json(session)).into_response())
}

#[utoipa::path(post, path = "/session", tag = "accounts", request_body = Credentials, responses((status = 200, description = "Signed in (sets the session cookie)", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_in(
    State(state): State<AppState>,
    addr: ClientAddr,
    headers: HeaderMap,
    Body(credentials): Body<Credentials>,
) -> Result<Response> {
    let (account, cookies) =
        accounts::sign_in(&state, &addr.limit_key(), &headers, credentials).await?;
    let session = Session {
        account: Some(account),
    };
    Ok((cookies, Json(session)).into_response())
}

#[utoipa::path(get, path = "/session", tag = "accounts", responses((status = 200, body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn current(State(state): State<AppState>, Asker(user): Asker) -> Result<Json<Session>> {
    let account = accounts::current(&state, user).await?;
    Ok(Json(Session { account }))
}

#[utoipa::path(delete, path = "/session", tag = "accounts", responses((status = 204, description = "Signed out (the session is deleted)"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<Response> {
    let cookies = accounts::sign_out(&state, &headers).await?;
    Ok((StatusCode::NO_CONTENT, cookies, ()).into_response())
}

/// Sign out everywhere: ends every session of the account, this one too,
/// and forgets every browser it trusted (for a lost phone or a shared
/// computer).
#[utoipa::path(delete, path = "/account/sessions", tag = "accounts", responses((status = 204, description = "Every session of the account has ended"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn sign_out_everywhere(State(state): State<AppState>, me: AuthUser) -> Result<Response> {
    let cookies = accounts::sign_out_everywhere(&state, &me.0).await?;
    Ok((StatusCode::NO_CONTENT, cookies, ()).into_response())
}
