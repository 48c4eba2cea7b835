//! Create an account: email, the name shown with comments, a password.

use super::account_form::{AccountForm, AlreadySignedIn, Field, account_form, with_next};
use crate::api;
use crate::app::set_title;
use crate::i18n::{t, tf};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::validate::{PASSWORD_MIN_CHARS, Password};
use pulse_api::wire::NewAccount;

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_title(t(M::CreateAccountTitle));
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
        <h1>{t(M::CreateAccountTitle)}</h1>
        <AlreadySignedIn next/>
        <p>{t(M::MustHaveAccount)}</p>
        <form class="account-form" on:submit=submit novalidate>
            {move || error.get().map(|message| view! { <p class="error" role="alert" id="form-error">{message}</p> })}
            <Field id="email" label=t(M::EmailAddress) kind="email" autocomplete="email" value=email/>
            <Field id="display-name" label=t(M::NameWithComments) kind="text" autocomplete="nickname" value=name/>
            <Field
                id="new-password"
                label=t(M::Password)
                kind="password"
                autocomplete="new-password"
                value=password
                hint=tf(M::PasswordHint, &[("n", &PASSWORD_MIN_CHARS.to_string())])
            />
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { t(M::CreatingAccount) } else { t(M::CreateAccount) }}
            </button>
        </form>
        <p>{t(M::AlreadyHaveAccount)} " " <a href=move || with_next("/sign-in", &next.get())>{t(M::SignIn)}</a></p>
    }
}
