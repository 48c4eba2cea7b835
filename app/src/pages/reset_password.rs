//! A forgotten password: ask for a link by email (`/reset-password`), then
//! choose a new password from it (`/reset-password?token=`). Every session
//! of the account ends, so the resident signs in again with the new one.
//! Both forms work without the app: the server answers them with
//! `/reset-password?sent` and `/reset-password?changed`.

use super::account_form::Field;
use crate::api;
use crate::app::set_title;
use crate::i18n::{t, tf};
use crate::nav::{query_value, use_location};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    crate::app::ready_after_render();
    let query = use_location().query.get_untracked();
    if query_value(&query, "changed").is_some() {
        set_title(t(M::ChooseNewPassword));
        return view! { <h1>{t(M::ChooseNewPassword)}</h1> <Changed/> }.into_any();
    }
    match query_value(&query, "token") {
        Some(token) => view! { <ChooseNew token/> }.into_any(),
        None => view! { <AskForLink sent=query_value(&query, "sent").is_some()/> }.into_any(),
    }
}

/// Said once the new password is saved.
#[component]
fn Changed() -> impl IntoView {
    view! {
        <p class="notice" role="status">{t(M::PasswordChanged)}</p>
        <p><a href="/sign-in">{t(M::SignInWithNew)}</a></p>
    }
}

/// Why the server refused the form it is showing again, if it did (in the
/// app, as its first view says).
fn refused() -> Option<Result<(), String>> {
    crate::forms::Posted::get()
        .map(|posted| posted.refusal.summary)
        .or_else(crate::forms::first_view_alert)
        .map(Err)
}

#[component]
fn AskForLink(sent: bool) -> impl IntoView {
    set_title(t(M::ForgottenPassword));
    let email = RwSignal::new(crate::forms::sent("email"));
    let send = Action::new_local(|email: &String| api::request_password_reset(email.clone()));
    let first = if sent {
        Some(Ok(t(M::ResetLinkSent).to_string()))
    } else {
        refused().map(|r| r.map(|()| String::new()))
    };
    let outcome = move || send.value().get().or_else(|| first.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !send.pending().get_untracked() {
            send.dispatch(email.get());
        }
    };
    view! {
        <h1>{t(M::ForgottenPassword)}</h1>
        <p>{t(M::ForgottenLead)}</p>
        {move || match outcome() {
            Some(Ok(sentence)) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            other => view! {
                <form class="account-form" method="post" action="/reset-password" on:submit=submit novalidate>
                    <crate::forms::Token/>
                    {other.and_then(Result::err).map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    <Field id="email" label=t(M::EmailAddress) kind="email" autocomplete="email" value=email/>
                    <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                        {move || if send.pending().get() { t(M::Sending) } else { t(M::SendMeALink) }}
                    </button>
                </form>
            }
            .into_any(),
        }}
        <p><a href="/sign-in">{t(M::BackToSignIn)}</a></p>
    }
}

#[component]
fn ChooseNew(token: String) -> impl IntoView {
    set_title(t(M::ChooseNewPassword));
    let password = RwSignal::new(String::new());
    let auth = crate::auth::Auth::get();
    let sent_token = token.clone();
    let send = Action::new_local(move |password: &String| {
        let token = sent_token.clone();
        let password = password.clone();
        async move { api::reset_password(token, password).await }
    });
    let first = refused();
    let outcome = move || send.value().get().or_else(|| first.clone());
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
        <h1>{t(M::ChooseNewPassword)}</h1>
        {move || match outcome() {
            Some(Ok(())) => view! { <Changed/> }.into_any(),
            other => view! {
                <form class="account-form" method="post" action="/reset-password" on:submit=submit novalidate>
                    <crate::forms::Token/>
                    <input type="hidden" name="token" value=token.clone()/>
                    {other.and_then(Result::err).map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    <Field id="password" label=t(M::NewPassword) kind="password" autocomplete="new-password" value=password hint=tf(M::PasswordHint, &[("n", &pulse_api::validate::PASSWORD_MIN_CHARS.to_string())])/>
                    <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                        {move || if send.pending().get() { t(M::Saving) } else { t(M::SaveNewPassword) }}
                    </button>
                </form>
            }
            .into_any(),
        }}
    }
}
