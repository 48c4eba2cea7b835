//! Sign in with email and password.

use super::register::{Field, next_path, with_next};
use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use leptos::prelude::*;
use pulse_api::wire::Credentials;

#[component]
pub fn SignInPage() -> impl IntoView {
    set_title("Sign in");
    crate::app::ready_after_render();
    let auth = Auth::get();
    let next = next_path();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let send = Action::new_local(|credentials: &Credentials| {
        let credentials = credentials.clone();
        async move { api::sign_in(&credentials).await }
    });
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            match result {
                Ok(account) => {
                    auth.account.set(Some(account));
                    crate::nav::navigate(&next.get_untracked());
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
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
        <form class="account-form" on:submit=submit novalidate>
            {move || error.get().map(|message| view! { <p class="error" role="alert" id="form-error">{message}</p> })}
            <Field id="email" label="Email address" kind="email" autocomplete="email" value=email/>
            <Field id="password" label="Password" kind="password" autocomplete="current-password" value=password/>
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
        <p>"New here? " <a href=move || with_next("/register", &next.get())>"Create an account"</a> "."</p>
    }
}
