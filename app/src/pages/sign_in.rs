//! Sign in with email and password.

use super::account_form::{AccountForm, AlreadySignedIn, Field, account_form, with_next};
use crate::api;
use crate::app::set_title;
use crate::i18n::t;
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::Credentials;

#[component]
pub fn SignInPage() -> impl IntoView {
    set_title(t(M::SignIn));
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
        <h1>{t(M::SignIn)}</h1>
        <AlreadySignedIn next/>
        <form class="account-form" on:submit=submit novalidate>
            {move || error.get().map(|message| view! { <p class="error" role="alert" id="form-error">{message}</p> })}
            <Field id="email" label=t(M::EmailAddress) kind="email" autocomplete="email" value=email/>
            <Field id="password" label=t(M::Password) kind="password" autocomplete="current-password" value=password/>
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { t(M::SigningIn) } else { t(M::SignIn) }}
            </button>
        </form>
        <p><a href="/reset-password">{t(M::ForgottenPasswordLink)}</a></p>
        <p>{t(M::NewHere)} " " <a href=move || with_next("/register", &next.get())>{t(M::CreateAnAccount)}</a></p>
    }
}
