//! The signed-in account: its address (confirmed or not, with the link sent
//! again on request), the topics it follows, and signing out — here, or on
//! every device (a lost phone, a library computer left signed in).

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use leptos::prelude::*;
use pulse_api::wire::{Cadence, Subscription, SubscriptionEdit};

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
                    <dd>{account.email}{if account.email_verified { " (confirmed)" } else { " (not confirmed yet)" }}</dd>
                </dl>
                {(!account.email_verified).then(|| view! { <SendLinkAgain/> })}
                <Following/>
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

/// For an address not confirmed yet: the link, sent again.
#[component]
fn SendLinkAgain() -> impl IntoView {
    let answer = RwSignal::new(None::<Result<String, String>>);
    let send = move |_| {
        leptos::task::spawn_local(async move { answer.set(Some(api::send_verification().await)) });
    };
    view! {
        <p>"Some topics ask for a confirmed address before you take part. We sent a link when you made your account."</p>
        {move || match answer.get() {
            Some(Ok(sentence)) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            other => view! {
                {other.and_then(Result::err).map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="button" class="secondary" on:click=send>"Send the link again"</button>
            }
            .into_any(),
        }}
    }
}

/// The topics this account follows by email, each with how often and a way
/// to stop.
#[component]
fn Following() -> impl IntoView {
    let list = RwSignal::new(None::<Result<Vec<Subscription>, String>>);
    let error = RwSignal::new(None::<String>);
    let load = move || {
        leptos::task::spawn_local(async move { list.set(Some(api::my_subscriptions().await)) });
    };
    load();
    // A change, then the list as it now is.
    let act =
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>>>>| {
            error.set(None);
            leptos::task::spawn_local(async move {
                match work.await {
                    Ok(()) => load(),
                    Err(message) => error.set(Some(message)),
                }
            });
        };
    view! {
        <h2>"Topics you follow"</h2>
        {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        {move || match list.get() {
            None => view! { <p class="loading">"Loading…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(subscriptions)) if subscriptions.is_empty() => view! {
                <p>"None yet. On a topic's page, “Follow this topic” sends its updates by email."</p>
            }
            .into_any(),
            Some(Ok(subscriptions)) => view! {
                <ul class="following">
                    {subscriptions.into_iter().map(|s| {
                        let id = s.id;
                        let daily = s.cadence == Cadence::Daily;
                        let check_id = format!("daily-{id}");
                        view! {
                            <li>
                                <a href=format!("/topics/{}", s.topic_slug)>{s.topic_title.clone()}</a>
                                <div class="check">
                                    <input type="checkbox" id=check_id.clone() prop:checked=daily
                                        on:change=move |ev| {
                                            let cadence = if event_target_checked(&ev) { Cadence::Daily } else { Cadence::Instant };
                                            let edit = SubscriptionEdit { cadence: Some(cadence), section: None };
                                            act(Box::pin(async move { api::change_subscription(id, edit).await.map(|_| ()) }));
                                        }/>
                                    <label for=check_id>"One email a day"</label>
                                </div>
                                {s.section_label.clone().map(|place| {
                                    let stop = SubscriptionEdit { cadence: None, section: Some(None) };
                                    view! {
                                        <p class="meta">{format!("With each new comment in {place}.")}</p>
                                        <button type="button" class="secondary"
                                            aria-label=format!("Stop the new comments of {place} on {}", s.topic_title)
                                            on:click=move |_| {
                                                let stop = stop.clone();
                                                act(Box::pin(async move { api::change_subscription(id, stop).await.map(|_| ()) }))
                                            }>"Stop the new comments"</button>
                                    }
                                })}
                                <button type="button" class="secondary"
                                    aria-label=format!("Unsubscribe from {}", s.topic_title)
                                    on:click=move |_| act(Box::pin(api::end_subscription(id)))>"Unsubscribe"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}
