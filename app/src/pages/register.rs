//! Create an account: email, the name shown with comments, a password.

use super::account_form::{
    AccountForm, AlreadySignedIn, ErrorSummary, Field, FormHidden, LanguageField, Mistakes,
    account_form, with_next,
};
use crate::api;
use crate::app::set_title;
use crate::i18n::{t, tf};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::validate::{PASSWORD_MIN_CHARS, Password};
use pulse_api::wire::NewAccount;

/// The form's id for each field the server may name.
fn ids(field: &str) -> &'static str {
    match field {
        "display_name" => "display-name",
        "password" => "new-password",
        _ => "email",
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_title(t(M::CreateAccountTitle));
    crate::app::ready_after_render();
    let email = RwSignal::new(crate::forms::sent("email"));
    let name = RwSignal::new(crate::forms::sent("display-name"));
    let password = RwSignal::new(String::new());
    let lang = RwSignal::new(
        pulse_api::i18n::Lang::parse(&crate::forms::sent("lang")).unwrap_or_else(crate::i18n::lang),
    );
    let AccountForm {
        send,
        mistakes,
        next,
    } = account_form(
        |new: NewAccount| async move { api::register(&new).await },
        ids,
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        // What can be checked here is, all at once. The address's and the
        // name's finer rules (Unicode forms, hidden characters, mixed
        // alphabets, staff names) and common passwords need tables that
        // would weigh on every resident's phone: the server checks those
        // and names each field it refuses.
        let mut found = Vec::new();
        if email.get_untracked().trim().is_empty() {
            found.push(("email".to_string(), t(M::EnterEmail).to_string()));
        }
        if name.get_untracked().trim().is_empty() {
            found.push(("display-name".to_string(), t(M::EnterName).to_string()));
        }
        if let Err(said) = Password::parse(&password.get_untracked()) {
            found.push(("new-password".to_string(), crate::i18n::say(&said)));
        }
        mistakes.set(Mistakes(found));
        if !mistakes.with_untracked(Mistakes::is_empty) {
            return;
        }
        send.dispatch(NewAccount {
            email: email.get(),
            display_name: name.get(),
            password: password.get(),
            lang: Some(lang.get()),
        });
    };
    view! {
        <h1>{t(M::CreateAccountTitle)}</h1>
        <AlreadySignedIn next/>
        <p>{t(M::MustHaveAccount)}</p>
        <p class="meta">{t(M::CommentsArePublic)}</p>
        <ErrorSummary mistakes id="register-errors"/>
        <form class="account-form" method="post" action="/register" on:submit=submit novalidate>
            <FormHidden next/>
            <Field id="email" label=t(M::EmailAddress) kind="email" autocomplete="email" value=email mistakes/>
            <Field id="display-name" label=t(M::NameWithComments) kind="text" autocomplete="nickname" value=name mistakes/>
            <Field
                id="new-password"
                label=t(M::Password)
                kind="password"
                autocomplete="new-password"
                value=password
                hint=tf(M::PasswordHint, &[("n", &PASSWORD_MIN_CHARS.to_string())])
                mistakes
            />
            <LanguageField id="lang" value=lang/>
            // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || send.pending().get().to_string()>
                {move || if send.pending().get() { t(M::CreatingAccount) } else { t(M::CreateAccount) }}
            </button>
        </form>
        <p>{t(M::AlreadyHaveAccount)} " " <a href=move || with_next("/sign-in", &next.get())>{t(M::SignIn)}</a></p>
    }
}
