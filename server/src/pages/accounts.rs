//! Signing in, creating an account and signing out by the pages' own
//! forms, sent without the app: the same services as `api/accounts.rs`,
//! answered with a redirect to where the visitor was going, or the form
//! again with its mistakes.

use crate::error::ApiError;
use crate::extract::FormBody;
use crate::rendering::{About, Visit, see_other};
use crate::services::accounts;
use crate::session::Cookies;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::wire::{Credentials, NewAccount, PasswordResetConfirm, PasswordResetRequest};
use pulse_app::ssr::Page;
use serde::Deserialize;

/// The sign-in form's fields, by their `name`s.
#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// The register form's fields, by their `name`s.
#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    email: String,
    #[serde(default, rename = "display-name")]
    display_name: String,
    #[serde(default, rename = "new-password")]
    new_password: String,
    /// The language for mail (`en`, `es`); the page's when left out.
    #[serde(default)]
    lang: Option<String>,
}

/// The forgotten-password forms: an address to mail a link to, or the
/// mailed token and a new password.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    token: Option<String>,
    #[serde(default)]
    password: String,
}

/// The sign-out button's form.
#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

pub async fn sign_in_page(visit: Visit) -> Response {
    visit.answer(Page::SignIn, About::with_forms(), None, StatusCode::OK)
}

pub async fn register_page(visit: Visit) -> Response {
    visit.answer(Page::Register, About::with_forms(), None, StatusCode::OK)
}

pub async fn reset_page(visit: Visit) -> Response {
    visit.answer(
        Page::ResetPassword,
        About::with_forms(),
        None,
        StatusCode::OK,
    )
}

/// Mails a link, or saves the new password; then the page says which
/// (`?sent`, `?changed`).
pub async fn reset(visit: Visit, FormBody(form): FormBody<ResetForm>) -> Response {
    let query = form
        .token
        .as_deref()
        .map(|token| format!("token={}", pulse_api::links::encode_component(token)))
        .unwrap_or_default();
    let kept = vec![("email".to_string(), form.email.clone())];
    if !visit.token_is(&form.csrf) {
        return visit.again(Page::ResetPassword, kept, query, expired());
    }
    let done = match form.token {
        Some(token) => {
            let confirm = PasswordResetConfirm {
                token,
                password: form.password,
            };
            accounts::reset_confirm(&visit.state, confirm)
                .await
                .map(|()| "/reset-password?changed")
        }
        None => {
            let request = PasswordResetRequest { email: form.email };
            accounts::reset(&visit.state, &visit.limit_key(), request)
                .await
                .map(|()| "/reset-password?sent")
        }
    };
    match done {
        Ok(to) => see_other(to, Cookies(Vec::new())),
        Err(error) => visit.again(Page::ResetPassword, kept, query, error),
    }
}

pub async fn sign_in(visit: Visit, FormBody(form): FormBody<SignInForm>) -> Response {
    let kept = vec![("email".to_string(), form.email.clone())];
    if !visit.token_is(&form.csrf) {
        return visit.again(Page::SignIn, kept, going_on(&form.next), expired());
    }
    let credentials = Credentials {
        email: form.email,
        password: form.password,
    };
    match accounts::sign_in(
        &visit.state,
        &visit.limit_key(),
        &visit.headers,
        credentials,
    )
    .await
    {
        Ok((_, cookies)) => see_other(&form.next, cookies),
        Err(error) => visit.again(Page::SignIn, kept, going_on(&form.next), error),
    }
}

pub async fn register(visit: Visit, FormBody(form): FormBody<RegisterForm>) -> Response {
    let kept = vec![
        ("email".to_string(), form.email.clone()),
        ("display-name".to_string(), form.display_name.clone()),
        ("lang".to_string(), form.lang.clone().unwrap_or_default()),
    ];
    if !visit.token_is(&form.csrf) {
        return visit.again(Page::Register, kept, going_on(&form.next), expired());
    }
    let new = NewAccount {
        email: form.email,
        display_name: form.display_name,
        password: form.new_password,
        lang: form.lang.as_deref().and_then(Lang::parse),
    };
    let (state, key) = (&visit.state, visit.limit_key());
    match accounts::register(state, &key, &visit.headers, new, visit.lang).await {
        Ok((_, cookies)) => see_other(&form.next, cookies),
        Err(error) => visit.again(Page::Register, kept, going_on(&form.next), error),
    }
}

pub async fn sign_out(visit: Visit, FormBody(form): FormBody<SignOutForm>) -> Response {
    if !visit.token_is(&form.csrf) {
        return visit.problem(expired());
    }
    match accounts::sign_out(&visit.state, &visit.headers).await {
        Ok(cookies) => see_other(&form.next, cookies),
        Err(error) => visit.problem(error),
    }
}

/// The page's query that keeps where the form goes on to.
fn going_on(next: &str) -> String {
    pulse_api::links::local_path(next)
        .map(|next| format!("next={}", pulse_api::links::encode_component(&next)))
        .unwrap_or_default()
}

fn expired() -> ApiError {
    ApiError::forbidden(Msg::FormExpired)
}
