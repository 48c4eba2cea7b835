//! Sign in with email and password.

use super::account_form::{AccountForm, AlreadySignedIn, Field, account_form, with_next};
use crate::api;
use crate::app::set_title;
use leptos::prelude::*;
use pulse_api::wire::Credentials;

#[component]
pub fn SignInPage() -> impl IntoView {
    set_title("Sign in");
    crate::app::ready_after_render();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let AccountForm { send, error, next } =
        account_form(|c: Credentials| async move { api::sign_in(&c).await });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        error.set(None);
        send.dispatch(Credentials {
            email: email.get(),
            password: password.get(),
        });
    };
    view! {
        <h1>"Sign in"</h1>
        <AlreadySignedIn next/>
        <form class="account-form" on:submit=submit novalidate>
            {move || error.get().map(|message| view! { <p class="error" role="alert" id="form-error">{message}</p> })}
            <Field id="email" label="Email address" kind="email" autocomplete="email" value=email/>
            <Field id="password" label="Password" kind="password" autocomplete="current-password" value=password/>
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
        <p><a href="/reset-password">"Forgotten your password?"</a></p>
        <p>"New here? " <a href=move || with_next("/register", &next.get())>"Create an account"</a> "."</p>
    }
}
