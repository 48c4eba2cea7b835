//! The pages a mailed link opens: confirming a subscription
//! (`/subscriptions/confirm?token=`), confirming an account's address
//! (`/account/verify?token=`) and leaving a topic's notices
//! (`/unsubscribe/TOKEN`). Confirming happens on arrival; leaving takes a
//! press of the button, so a mail scanner that opens links ends nothing.

use crate::api;
use crate::app::set_title;
use crate::i18n::{t, tf};
use crate::nav::{query_value, use_location};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;

/// Says how a confirmation went: waiting, done (`done` shows it), or why not.
fn outcome<T>(result: Option<Result<T, String>>, done: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        None => view! { <p class="loading" role="status">{t(M::Confirming)}</p> }.into_any(),
        Some(Ok(value)) => done(value),
        Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
    }
}

fn token() -> String {
    query_value(&use_location().query.get_untracked(), "token").unwrap_or_default()
}

#[component]
pub fn ConfirmSubscriptionPage() -> impl IntoView {
    set_title(t(M::ConfirmSubscriptionTitle));
    crate::app::ready_after_render();
    let result = LocalResource::new(move || api::confirm_subscription(token()));
    view! {
        <h1>{t(M::YourSubscription)}</h1>
        {move || outcome(result.get(), |s| view! {
            <p class="notice" role="status">
                {tf(M::SubscribedTo, &[("topic", &s.topic_title)])}
            </p>
            <p><a href=format!("/topics/{}", s.topic_slug)>{tf(M::GoTo, &[("topic", &s.topic_title)])}</a></p>
        }.into_any())}
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    set_title(t(M::ConfirmEmailTitle));
    crate::app::ready_after_render();
    let auth = crate::auth::Auth::get();
    let result = LocalResource::new(move || async move {
        let done = api::verify_email(token()).await;
        if done.is_ok() {
            auth.account.update(|a| {
                if let Some(a) = a {
                    a.email_verified = true;
                }
            });
        }
        done
    });
    view! {
        <h1>{t(M::YourEmailAddress)}</h1>
        {move || outcome(result.get(), |()| view! {
            <p class="notice" role="status">{t(M::EmailConfirmed)}</p>
            <p><a href="/">{t(M::GoToTopics)}</a></p>
        }.into_any())}
    }
}

#[component]
pub fn UnsubscribePage(token: String) -> impl IntoView {
    set_title(t(M::Unsubscribe));
    crate::app::ready_after_render();
    let leave = Action::new_local(move |(): &()| {
        let token = token.clone();
        async move { api::unsubscribe(&token).await }
    });
    view! {
        <h1>{t(M::Unsubscribe)}</h1>
        {move || match leave.value().get() {
            None => view! {
                <p>{t(M::UnsubscribeLead)}</p>
                <button type="button" aria-disabled=move || leave.pending().get().to_string()
                    on:click=move |_| { if !leave.pending().get_untracked() { leave.dispatch(()); } }>
                    {move || if leave.pending().get() { t(M::Unsubscribing) } else { t(M::Unsubscribe) }}
                </button>
            }
            .into_any(),
            Some(Ok(left)) => view! {
                <p class="notice" role="status">{tf(M::UnsubscribedFrom, &[("topic", &left.topic_title)])}</p>
                <p><a href=format!("/topics/{}", left.topic_slug)>{tf(M::GoTo, &[("topic", &left.topic_title)])}</a></p>
            }
            .into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        }}
    }
}
