//! Create an account: email, the name shown with comments, a password.

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use leptos::prelude::*;
use pulse_api::validate::{DisplayName, Email, PASSWORD_MIN_CHARS, Password};
use pulse_api::wire::NewAccount;

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_title("Create an account");
    crate::app::ready_after_render();
    let auth = Auth::get();
    let next = next_path();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let send = Action::new_local(|new: &NewAccount| {
        let new = new.clone();
        async move { api::register(&new).await }
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
        // The same rules the server enforces, checked before sending.
        let checked = Email::parse(&email.get())
            .and_then(|_| DisplayName::parse(&name.get()))
            .and_then(|_| Password::parse(&password.get()));
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
            .filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'))
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
