//! The signed-in account: its address (confirmed or not, with the link sent
//! again on request), the topics it follows, and signing out — here, or on
//! every device (a lost phone, a library computer left signed in).

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::i18n::{t, tf};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{Cadence, Subscription, SubscriptionEdit};

#[component]
pub fn AccountPage() -> impl IntoView {
    set_title(t(M::YourAccount));
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
        <h1>{t(M::YourAccount)}</h1>
        {move || match auth.account.get() {
            Some(account) => view! {
                <dl class="account">
                    <dt>{t(M::NameWithComments)}</dt>
                    <dd>{account.display_name}</dd>
                    <dt>{t(M::EmailAddress)}</dt>
                    <dd>{account.email} {if account.email_verified { t(M::Confirmed) } else { t(M::NotConfirmed) }}</dd>
                </dl>
                {(!account.email_verified).then(|| view! { <SendLinkAgain/> })}
                <Following/>
                {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                <button type="button" on:click=move |_| { sign_out.dispatch(false); }>{t(M::SignOut)}</button>
                <h2>{t(M::SignedInElsewhere)}</h2>
                <p>{t(M::SignOutEverywhereLead)}</p>
                <button type="button" class="secondary" on:click=move |_| { sign_out.dispatch(true); }>{t(M::SignOutEverywhere)}</button>
            }
            .into_any(),
            None if auth.known.get() => view! {
                <p>{t(M::NotSignedIn)} " " <a href="/sign-in">{t(M::SignIn)}</a></p>
            }
            .into_any(),
            None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
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
        <p>{t(M::ConfirmAddressLead)}</p>
        {move || match answer.get() {
            Some(Ok(sentence)) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
            other => view! {
                {other.and_then(Result::err).map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="button" class="secondary" on:click=send>{t(M::SendLinkAgain)}</button>
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
        <h2>{t(M::TopicsYouFollow)}</h2>
        {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        {move || match list.get() {
            None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(subscriptions)) if subscriptions.is_empty() => view! {
                <p>{t(M::FollowNone)}</p>
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
                                    <label for=check_id>{t(M::OneEmailADay)}</label>
                                </div>
                                {s.section_label.clone().map(|place| {
                                    let stop = SubscriptionEdit { cadence: None, section: Some(None) };
                                    view! {
                                        <p class="meta">{tf(M::WithCommentsIn, &[("place", &place)])}</p>
                                        <button type="button" class="secondary"
                                            aria-label=tf(M::StopNewCommentsOf, &[("place", &place), ("topic", &s.topic_title)])
                                            on:click=move |_| {
                                                let stop = stop.clone();
                                                act(Box::pin(async move { api::change_subscription(id, stop).await.map(|_| ()) }))
                                            }>{t(M::StopNewComments)}</button>
                                    }
                                })}
                                <button type="button" class="secondary"
                                    aria-label=tf(M::UnsubscribeFrom, &[("topic", &s.topic_title)])
                                    on:click=move |_| act(Box::pin(api::end_subscription(id)))>{t(M::Unsubscribe)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}
