//! A forgotten password: ask for a link by email (`/reset-password`), then
//! choose a new password from it (`/reset-password?token=`). Every session
//! of the account ends, so the resident signs in again with the new one.

use super::account_form::Field;
use crate::api;
use crate::app::set_title;
use crate::nav::{query_value, use_location};
use leptos::prelude::*;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    crate::app::ready_after_render();
    let token = query_value(&use_location().query.get_untracked(), "token");
    match token {
        Some(token) => view! { <ChooseNew token/> }.into_any(),
        None => view! { <AskForLink/> }.into_any(),
    }
}

#[component]
fn AskForLink() -> impl IntoView {
    set_title("Forgotten password");
    let email = RwSignal::new(String::new());
    let send = Action::new_local(|email: &String| api::request_password_reset(email.clone()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !send.pending().get_untracked() {
            send.dispatch(email.get());
        }
    };
    view! {
        <h1>"Forgotten password"</h1>
        <p>"Give the email address of your account. We will send a link to choose a new password; it works once, for one hour."</p>
        {move || match send.value().get() {
            Some(Ok(sentence)) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            other => view! {
                <form class="account-form" on:submit=submit novalidate>
                    {other.and_then(Result::err).map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    <Field id="email" label="Email address" kind="email" autocomplete="email" value=email/>
                    <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                        {move || if send.pending().get() { "Sending…" } else { "Send me a link" }}
                    </button>
                </form>
            }
            .into_any(),
        }}
        <p><a href="/sign-in">"Back to sign in"</a></p>
    }
}

#[component]
fn ChooseNew(token: String) -> impl IntoView {
    set_title("Choose a new password");
    let password = RwSignal::new(String::new());
    let auth = crate::auth::Auth::get();
    let send = Action::new_local(move |password: &String| {
        let token = token.clone();
        let password = password.clone();
        async move { api::reset_password(token, password).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = send.value().get() {
            // Every session ended, this browser's too.
            auth.account.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !send.pending().get_untracked() {
            send.dispatch(password.get());
        }
    };
    view! {
        <h1>"Choose a new password"</h1>
        {move || match send.value().get() {
            Some(Ok(())) => view! {
                <p class="notice" role="status">"Your password is changed, and you are signed out everywhere."</p>
                <p><a href="/sign-in">"Sign in with your new password"</a></p>
            }
            .into_any(),
            other => view! {
                <form class="account-form" on:submit=submit novalidate>
                    {other.and_then(Result::err).map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    <Field id="password" label="New password" kind="password" autocomplete="new-password" value=password hint=format!("At least {} characters.", pulse_api::validate::PASSWORD_MIN_CHARS)/>
                    <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                        {move || if send.pending().get() { "Saving…" } else { "Save the new password" }}
                    </button>
                </form>
            }
            .into_any(),
        }}
    }
}
