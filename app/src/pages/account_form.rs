//! What the sign-in and register forms share: labelled fields, where to go
//! afterwards, and signing the returned account in.

use crate::api::ApiResult;
use crate::auth::Auth;
use crate::i18n::{t, tf};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::Account;
use std::future::Future;

/// A form that answers with an account: sending it, its error, and the
/// page to go on to once signed in.
pub struct AccountForm<T: 'static> {
    pub send: Action<T, ApiResult<Account>>,
    pub error: RwSignal<Option<String>>,
    pub next: Memo<String>,
}

/// Sends the form with `call`; an account that comes back is signed in
/// here and the visitor goes on to `?next=`, an error is kept to show.
pub fn account_form<T, Fut>(call: impl Fn(T) -> Fut + 'static) -> AccountForm<T>
where
    T: Clone + 'static,
    Fut: Future<Output = ApiResult<Account>> + 'static,
{
    let auth = Auth::get();
    let next = next_path();
    let error = RwSignal::new(None::<String>);
    let send = Action::new_local(move |input: &T| call(input.clone()));
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
    AccountForm { send, error, next }
}

/// Said above the form to someone who is already signed in, so they do not
/// make a second account by mistake (the account page signs out).
#[component]
pub fn AlreadySignedIn(next: Memo<String>) -> impl IntoView {
    let auth = Auth::get();
    move || {
        auth.account.get().map(|account| {
            view! {
                <p class="notice">
                    {tf(M::SignedInAs, &[("name", &account.display_name)])} " "
                    <a href=next.get()>{t(M::CarryOn)}</a>
                </p>
            }
        })
    }
}

/// A labelled text input bound to a signal.
#[component]
pub fn Field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// Where to go after signing in: the page named by `?next=` (the topic the
/// visitor wanted to take part in), if it is a path on this site.
pub fn next_path() -> Memo<String> {
    let location = crate::nav::use_location();
    Memo::new(move |_| {
        crate::nav::query_value(&location.query.read(), "next")
            .and_then(|p| pulse_api::links::local_path(&p))
            .unwrap_or_else(|| "/".to_string())
    })
}

/// A link to `page` (sign-in or register) that comes back to `here`.
pub fn with_next(page: &str, here: &str) -> String {
    format!(
        "{page}?next={}",
        String::from(js_sys::encode_uri_component(here))
    )
}
