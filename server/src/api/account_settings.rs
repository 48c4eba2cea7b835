//! The account in its owner's hands: change the name shown, the address
//! (confirmed again by mail), the password (which ends every other
//! session), or delete the account. Each change asks for what it needs:
//! the address, the password and deleting need the current password.

use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body};
use crate::password::{hash_password, too_easy, verify_password};
use crate::state::AppState;
use crate::{clock, db, session};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Msg, Said};
use pulse_api::validate::{DisplayName, Email, Password};
use pulse_api::wire::{
    AccountDeletion, Activity, EmailChange, KeepComments, NameChange, PasswordChange, Problem,
    Session,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(change_name, delete_account))
        .routes(routes!(change_password))
        .routes(routes!(change_email))
        .routes(routes!(activity))
}

#[utoipa::path(get, path = "/account/activity", tag = "accounts", security(("session" = [])), responses((status = 200, body = Activity), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn activity(State(state): State<AppState>, me: AuthUser) -> Result<Json<Activity>> {
    let mut conn = state.db.read().await?;
    Ok(Json(db::accounts::activity(&mut conn, me.id()).await?))
}

/// Checks `password` against the account's; a wrong one is a 403. Counted
/// with the account's sign-in attempts, so a session left open on a shared
/// computer cannot be used to guess the password.
async fn check_password(
    state: &AppState,
    me: &AuthUser,
    password: String,
    field: &str,
) -> Result<()> {
    let hash = {
        let mut conn = state.db.read().await?;
        state
            .limits
            .sign_in_per_account
            .check(
                &mut conn,
                &format!("account {}", me.0.email),
                Msg::LimitAccountSignIns,
            )
            .await?;
        db::accounts::password_hash(&mut conn, me.id()).await?
    };
    if verify_password(password, hash).await? {
        Ok(())
    } else {
        Err(ApiError::field(
            StatusCode::FORBIDDEN,
            field,
            Msg::WrongCurrentPassword,
        ))
    }
}

#[utoipa::path(patch, path = "/account", tag = "accounts", request_body = NameChange, security(("session" = [])), responses((status = 200, body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change_name(
    State(state): State<AppState>,
    me: AuthUser,
    Body(change): Body<NameChange>,
) -> Result<Json<Session>> {
    let unprocessable = |e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "display_name", e);
    let name = DisplayName::for_resident(&change.display_name).map_err(unprocessable)?;
    if me.0.role != pulse_api::wire::Role::Admin
        && let Some(refusal) = super::accounts::staff_name_taken(&state, &name).await?
    {
        return Err(unprocessable(refusal));
    }
    let mut tx = state.db.write().await?;
    db::accounts::set_display_name(&mut tx, me.id(), &name).await?;
    db::commit(tx).await?;
    let mut account = me.0;
    account.display_name = name.as_str().to_string();
    Ok(Json(Session {
        account: Some(super::accounts::with_hosts(&state, account).await?),
    }))
}

#[utoipa::path(put, path = "/account/password", tag = "accounts", request_body = PasswordChange, security(("session" = [])), responses((status = 204, description = "Changed; every other session of the account has ended"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change_password(
    State(state): State<AppState>,
    me: AuthUser,
    headers: HeaderMap,
    Body(change): Body<PasswordChange>,
) -> Result<StatusCode> {
    let unprocessable =
        |e: Said| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "new_password", e);
    let new = Password::parse(&change.new_password).map_err(unprocessable)?;
    if let Some(why) = too_easy(new.as_str(), &me.0.email, &me.0.display_name) {
        return Err(unprocessable(why.into()));
    }
    check_password(&state, &me, change.current_password, "current_password").await?;
    let hash = hash_password(new).await?;
    let this_session = session::session_token(&headers, &state.config)
        .map(session::hash_token)
        .unwrap_or_default();
    let mut tx = state.db.write().await?;
    db::accounts::set_password(&mut tx, me.id(), &hash).await?;
    db::accounts::end_other_sessions(&mut tx, me.id(), &this_session).await?;
    db::commit(tx).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/account/email", tag = "accounts", request_body = EmailChange, security(("session" = [])), responses((status = 200, description = "Changed, not confirmed yet: a link is on its way to the new address", body = Session), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change_email(
    State(state): State<AppState>,
    me: AuthUser,
    Body(change): Body<EmailChange>,
) -> Result<Json<Session>> {
    let email = Email::parse(&change.email)
        .map_err(|e| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "email", e))?;
    check_password(&state, &me, change.current_password, "current_password").await?;
    let mut account = me.0;
    if email.as_str() == account.email {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "email",
            Msg::AlreadyYourAddress,
        ));
    }
    let mut tx = state.db.write().await?;
    if !db::accounts::set_email(&mut tx, account.id, &email).await? {
        return Err(ApiError::field(
            StatusCode::CONFLICT,
            "email",
            Msg::AddressTakenByOther,
        ));
    }
    let now = clock::now();
    // The address the account had is told, in case it was not its owner
    // who changed it (someone who knew the password).
    db::mail::enqueue(
        &mut tx,
        db::mail::Notice {
            kind: db::mail::Kind::EmailChanged,
            recipient: &account.email,
            subscription_id: None,
            topic_id: None,
            subject_id: None,
            token: None,
        },
        now,
    )
    .await?;
    account.email = email.as_str().to_string();
    account.email_verified = false;
    super::account_mail::send_verification(&mut tx, &account, now).await?;
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok(Json(Session {
        account: Some(super::accounts::with_hosts(&state, account).await?),
    }))
}

#[utoipa::path(delete, path = "/account", tag = "accounts", request_body = AccountDeletion, security(("session" = [])), responses((status = 204, description = "Deleted and signed out everywhere"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn delete_account(
    State(state): State<AppState>,
    me: AuthUser,
    Body(deletion): Body<AccountDeletion>,
) -> Result<Response> {
    check_password(&state, &me, deletion.password, "password").await?;
    let withdraw = deletion.comments == KeepComments::Withdraw;
    let mut tx = state.db.write().await?;
    db::accounts::delete(&mut tx, me.id(), withdraw, clock::now().0).await?;
    db::commit(tx).await?;
    let cookie = session::cleared(&state.config)?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
