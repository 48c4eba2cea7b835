//! The signed-in account, and signing out.

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    set_title("Your account");
    crate::app::ready_after_render();
    let auth = Auth::get();
    let error = RwSignal::new(None::<String>);
    let sign_out = Action::new_local(|(): &()| api::sign_out());
    Effect::new(move |_| {
        if let Some(result) = sign_out.value().get() {
            match result {
                Ok(()) => {
                    auth.account.set(None);
                    crate::nav::navigate("/");
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    view! {
        <h1>"Your account"</h1>
        {move || match auth.account.get() {
            Some(account) => view! {
                <dl class="account">
                    <dt>"Name shown with your comments"</dt>
                    <dd>{account.display_name}</dd>
                    <dt>"Email address"</dt>
                    <dd>{account.email}</dd>
                </dl>
                {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                <button type="button" on:click=move |_| { sign_out.dispatch(()); }>"Sign out"</button>
            }
            .into_any(),
            None if auth.known.get() => view! {
                <p>"You are not signed in. " <a href="/sign-in">"Sign in"</a> "."</p>
            }
            .into_any(),
            None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        }}
    }
}
