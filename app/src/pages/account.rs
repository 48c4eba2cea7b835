//! The signed-in account, and signing out: here, or on every device (a lost
//! phone, a library computer left signed in).

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
    let sign_out = Action::new_local(|everywhere: &bool| {
        let everywhere = *everywhere;
        async move {
            if everywhere {
                api::sign_out_everywhere().await
            } else {
                api::sign_out().await
            }
        }
    });
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
                <button type="button" on:click=move |_| { sign_out.dispatch(false); }>"Sign out"</button>
                <h2>"Signed in somewhere else?"</h2>
                <p>"If you signed in on a phone you lost or a computer others use, sign out on every device. You will need your password to sign in again."</p>
                <button type="button" class="secondary" on:click=move |_| { sign_out.dispatch(true); }>"Sign out everywhere"</button>
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
