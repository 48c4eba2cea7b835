//! Create an account: email, the name shown with comments, a password.

use super::account_form::{AccountForm, AlreadySignedIn, Field, account_form, with_next};
use crate::api;
use crate::app::set_title;
use leptos::prelude::*;
use pulse_api::validate::{PASSWORD_MIN_CHARS, Password};
use pulse_api::wire::NewAccount;

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_title("Create an account");
    crate::app::ready_after_render();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let AccountForm { send, error, next } =
        account_form(|new: NewAccount| async move { api::register(&new).await });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        // The password's length is checked before sending. The address's and
        // the name's rules (Unicode forms, hidden characters, mixed alphabets,
        // staff titles) need Unicode tables that would weigh on every
        // resident's phone: the server checks them and answers with the
        // same sentence.
        let checked = Password::parse(&password.get());
        if let Err(message) = checked {
            error.set(Some(message));
            return;
        }
        error.set(None);
        send.dispatch(NewAccount {
            email: email.get(),
            display_name: name.get(),
            password: password.get(),
        });
    };
    view! {
        <h1>"Create an account"</h1>
        <AlreadySignedIn next/>
        <p>"You must have an account to participate. Reading is open to everyone."</p>
        <form class="account-form" on:submit=submit novalidate>
            {move || error.get().map(|message| view! { <p class="error" role="alert" id="form-error">{message}</p> })}
            <Field id="email" label="Email address" kind="email" autocomplete="email" value=email/>
            <Field id="display-name" label="Name shown with your comments" kind="text" autocomplete="nickname" value=name/>
            <Field
                id="new-password"
                label="Password"
                kind="password"
                autocomplete="new-password"
                value=password
                hint=format!("At least {PASSWORD_MIN_CHARS} characters.")
            />
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { "Creating your account…" } else { "Create account" }}
            </button>
        </form>
        <p>"Already have an account? " <a href=move || with_next("/sign-in", &next.get())>"Sign in"</a> "."</p>
    }
}
