//! Sign in with email and password.

use super::account_form::{
    AccountForm, AlreadySignedIn, ErrorSummary, Field, FormHidden, Mistakes, account_form,
    with_next,
};
use crate::api;
use crate::app::set_title;
use crate::i18n::t;
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::Credentials;

/// The form's id for each field the server may name.
fn ids(field: &str) -> &'static str {
    match field {
        "password" => "password",
        _ => "email",
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    set_title(t(M::SignIn));
    crate::app::ready_after_render();
    let email = RwSignal::new(crate::forms::sent("email"));
    let password = RwSignal::new(String::new());
    let AccountForm {
        send,
        mistakes,
        next,
    } = account_form(|c: Credentials| async move { api::sign_in(&c).await }, ids);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        // Every empty field is told at once, before anything is sent.
        let mut found = Vec::new();
        if email.get_untracked().trim().is_empty() {
            found.push(("email".to_string(), t(M::EnterEmail).to_string()));
        }
        if password.get_untracked().is_empty() {
            found.push(("password".to_string(), t(M::EnterPassword).to_string()));
        }
        mistakes.set(Mistakes(found));
        if !mistakes.with_untracked(Mistakes::is_empty) {
            return;
        }
        send.dispatch(Credentials {
            email: email.get(),
            password: password.get(),
        });
    };
    view! {
        <h1>{t(M::SignIn)}</h1>
        <AlreadySignedIn next/>
        <ErrorSummary mistakes id="sign-in-errors"/>
        <form class="account-form" method="post" action="/sign-in" on:submit=submit novalidate>
            <FormHidden next/>
            <Field id="email" label=t(M::EmailAddress) kind="email" autocomplete="email" value=email mistakes/>
            <Field id="password" label=t(M::Password) kind="password" autocomplete="current-password" value=password mistakes/>
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { t(M::SigningIn) } else { t(M::SignIn) }}
            </button>
        </form>
        <p><a href="/reset-password">{t(M::ForgottenPasswordLink)}</a></p>
        <p>{t(M::NewHere)} " " <a href=move || with_next("/register", &next.get())>{t(M::CreateAnAccount)}</a></p>
    }
}
