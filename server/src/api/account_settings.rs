//! The account in its owner's hands, as routes: its name, address and
//! password, its activity, its deletion. See `services::accounts`.

use crate::error::Result;
use crate::extract::{AuthUser, Body};
use crate::services::accounts;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pulse_api::wire::{
    AccountChange, AccountDeletion, Activity, EmailChange, PasswordChange, Problem, Session,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(change_account, delete_account))
        .routes(routes!(change_password))
        .routes(routes!(change_email))
        .routes(routes!(activity))
}

#[utoipa::path(get, path = "/account/activity", tag = "accounts", security(("session" = [])), responses((status = 200, body = Activity), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn activity(State(state): State<AppState>, me: AuthUser) -> Result<Json<Activity>> {
    Ok(Json(accounts::activity(&state, &me.0).await?))
}

#[utoipa::path(patch, path = "/account", tag = "accounts", request_body = AccountChange, security(("session" = [])), responses((status = 200, body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change_account(
    State(state): State<AppState>,
    me: AuthUser,
    Body(change): Body<AccountChange>,
) -> Result<Json<Session>> {
    let account = accounts::change_account(&state, me.0, change).await?;
    Ok(Json(Session {
        account: Some(account),
    }))
}

#[utoipa::path(put, path = "/account/password", tag = "accounts", request_body = PasswordChange, security(("session" = [])), responses((status = 204, description = "Changed; every other session of the account has ended"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change_password(
    State(state): State<AppState>,
    me: AuthUser,
    headers: HeaderMap,
    Body(change): Body<PasswordChange>,
) -> Result<StatusCode> {
    accounts::change_password(&state, &me.0, &headers, change).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/account/email", tag = "accounts", request_body = EmailChange, security(("session" = [])), responses((status = 200, description = "Changed, not confirmed yet: a link is on its way to the new address", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change_email(
    State(state): State<AppState>,
    me: AuthUser,
    Body(change): Body<EmailChange>,
) -> Result<Json<Session>> {
    let account = accounts::change_email(&state, me.0, change).await?;
    Ok(Json(Session {
        account: Some(account),
    }))
}

#[utoipa::path(delete, path = "/account", tag = "accounts", request_body = AccountDeletion, security(("session" = [])), responses((status = 204, description = "Deleted and signed out everywhere"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn delete_account(
    State(state): State<AppState>,
    me: AuthUser,
    Body(deletion): Body<AccountDeletion>,
) -> Result<Response> {
    let cookies = accounts::delete(&state, &me.0, deletion).await?;
    Ok((StatusCode::NO_CONTENT, cookies, ()).into_response())
}
