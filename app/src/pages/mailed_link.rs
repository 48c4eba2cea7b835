//! The pages a mailed link opens: confirming a subscription
//! (`/subscriptions/confirm?token=`), confirming an account's address
//! (`/account/verify?token=`) and leaving a topic's notices
//! (`/unsubscribe/TOKEN`). Confirming happens on arrival; leaving takes a
//! press of the button, so a mail scanner that opens links ends nothing.
//!
//! The server renders each whole, having done what the link asks (these
//! pages load no app: nothing on them needs it, and it would ask again);
//! the app renders the same views when it opens one itself.

use crate::api;
use crate::app::set_title;
use crate::i18n::{t, tf};
use crate::nav::{query_value, use_location};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{Subscription, Unsubscribed};

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
    let result = LocalResource::new(move || api::confirm_subscription(token()));
    move || view! { <ConfirmedView result=result.get()/> }
}

/// A subscription confirmed from its mailed link, or why not.
#[component]
pub fn ConfirmedView(result: Option<Result<Subscription, String>>) -> impl IntoView {
    set_title(t(M::ConfirmSubscriptionTitle));
    crate::app::ready_after_render();
    view! {
        <h1>{t(M::YourSubscription)}</h1>
        {outcome(result, |s| view! {
            <p class="notice" role="status">
                {tf(M::SubscribedTo, &[("topic", &s.topic_title)])}
            </p>
            <p><a href=format!("/topics/{}", s.topic_slug)>{tf(M::GoTo, &[("topic", &s.topic_title)])}</a></p>
        }.into_any())}
    }
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
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
    move || view! { <VerifiedView result=result.get()/> }
}

/// An account's address confirmed from its mailed link, or why not.
#[component]
pub fn VerifiedView(result: Option<Result<(), String>>) -> impl IntoView {
    set_title(t(M::ConfirmEmailTitle));
    crate::app::ready_after_render();
    view! {
        <h1>{t(M::YourEmailAddress)}</h1>
        {outcome(result, |()| view! {
            <p class="notice" role="status">{t(M::EmailConfirmed)}</p>
            <p><a href="/">{t(M::GoToTopics)}</a></p>
        }.into_any())}
    }
}

/// What a notice's unsubscribe link is for, as the server found it: the
/// topic, and whether its notices have stopped already.
#[derive(Clone)]
pub struct UnsubscribeLink {
    pub topic: Unsubscribed,
    pub ended: bool,
}

/// A notice's link to stop them: a button, which is a form to the link's
/// own address (the server tells it from a mail program's one-click by
/// its `page` field), naming the topic when the server has found it.
#[component]
pub fn UnsubscribePage(
    token: String,
    /// What the server found the link to be for.
    #[prop(optional)]
    found: Option<Result<UnsubscribeLink, String>>,
) -> impl IntoView {
    set_title(t(M::Unsubscribe));
    crate::app::ready_after_render();
    let address = format!("/unsubscribe/{token}");
    let leave = Action::new_local(move |(): &()| {
        let token = token.clone();
        async move { api::unsubscribe(&token).await }
    });
    let left = |left: Unsubscribed| {
        view! {
            <p class="notice" role="status">{tf(M::UnsubscribedFrom, &[("topic", &left.topic_title)])}</p>
            <p><a href=format!("/topics/{}#follow", left.topic_slug)>{t(M::SubscribeAgain)}</a></p>
            <p><a href=format!("/topics/{}", left.topic_slug)>{tf(M::GoTo, &[("topic", &left.topic_title)])}</a></p>
        }
        .into_any()
    };
    let topic = match found {
        Some(Err(message)) => {
            return view! {
                <h1>{t(M::Unsubscribe)}</h1>
                <p class="error" role="alert">{message}</p>
            }
            .into_any();
        }
        Some(Ok(UnsubscribeLink { topic, ended: true })) => {
            return view! { <h1>{t(M::Unsubscribe)}</h1> {left(topic)} }.into_any();
        }
        Some(Ok(UnsubscribeLink { topic, .. })) => Some(topic),
        None => None,
    };
    view! {
        <h1>{t(M::Unsubscribe)}</h1>
        {move || match leave.value().get() {
            None => view! {
                <p>{t(M::UnsubscribeLead)}</p>
                {topic.clone().map(|topic| view! { <p><strong>{topic.topic_title}</strong></p> })}
                <form method="post" action=address.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    if !leave.pending().get_untracked() {
                        leave.dispatch(());
                    }
                }>
                    <input type="hidden" name="page" value="yes"/>
                    <button type="submit" aria-disabled=move || leave.pending().get().to_string()>
                        {move || if leave.pending().get() { t(M::Unsubscribing) } else { t(M::Unsubscribe) }}
                    </button>
                </form>
            }
            .into_any(),
            Some(Ok(done)) => left(done),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        }}
    }
    .into_any()
}
