//! "Follow this topic": notices by email of the host's updates, the last
//! 48 hours and the close. Signed in, one tap; signed out, an address that
//! confirms from the mailed link. Every notice has a link to stop them.

use crate::api;
use crate::auth::Auth;
use crate::pages::account_form::Field;
use leptos::prelude::*;
use pulse_api::wire::{Cadence, Subscription};

#[component]
pub fn Subscribe(slug: String) -> impl IntoView {
    let auth = Auth::get();
    let slug = StoredValue::new(slug);
    let daily = RwSignal::new(false);
    let cadence = move || {
        if daily.get() {
            Cadence::Daily
        } else {
            Cadence::Instant
        }
    };
    // The account's subscription to this topic, once known.
    let mine = RwSignal::new(None::<Subscription>);
    let signed_in = move || auth.account.with(Option::is_some);
    let _look = LocalResource::new(move || {
        let signed_in = signed_in();
        async move {
            if signed_in {
                let slug = slug.get_value();
                if let Ok(list) = api::my_subscriptions().await {
                    mine.set(list.into_iter().find(|s| s.topic_slug == slug));
                }
            } else {
                mine.set(None);
            }
        }
    });
    let error = RwSignal::new(None::<String>);
    let subscribe = Action::new_local(move |cadence: &Cadence| {
        let cadence = *cadence;
        async move { api::subscribe(&slug.get_value(), cadence).await }
    });
    Effect::new(move |_| match subscribe.value().get() {
        Some(Ok(s)) => mine.set(Some(s)),
        Some(Err(message)) => error.set(Some(message)),
        None => {}
    });
    let leave = Action::new_local(move |id: &i64| api::end_subscription(*id));
    Effect::new(move |_| match leave.value().get() {
        Some(Ok(())) => mine.set(None),
        Some(Err(message)) => error.set(Some(message)),
        None => {}
    });
    let email = RwSignal::new(String::new());
    let by_address = Action::new_local(move |(email, cadence): &(String, Cadence)| {
        let (email, cadence) = (email.clone(), *cadence);
        async move { api::subscribe_address(&slug.get_value(), email, cadence).await }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !by_address.pending().get_untracked() {
            by_address.dispatch((email.get(), cadence()));
        }
    };
    let how_often = move || {
        view! {
            <div class="check">
                <input type="checkbox" id="follow-daily" prop:checked=move || daily.get()
                    on:change=move |ev| daily.set(event_target_checked(&ev))/>
                <label for="follow-daily">"One email a day, not one per notice"</label>
            </div>
        }
    };
    view! {
        <section class="follow" id="follow" aria-labelledby="follow-title">
            <h2 id="follow-title">"Follow this topic"</h2>
            <p>"Get the host's updates by email, a reminder 48 hours before it closes, and the results."</p>
            <p class="meta">
                "Or follow in a feed reader: "
                <a href=format!("/topics/{}/updates.atom", slug.get_value()) download="">"updates (Atom)"</a>
                " · "
                <a href=format!("/topics/{}/dates.ics", slug.get_value()) download="">"dates for your calendar"</a>
            </p>
            {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {move || {
                if let Some(s) = mine.get() {
                    let id = s.id;
                    return view! {
                        <p class="notice" role="status">
                            {if s.cadence == Cadence::Daily { "You are subscribed: one email a day. " } else { "You are subscribed. " }}
                            <a href="/account">"Manage on your account page"</a>
                        </p>
                        <button type="button" class="secondary" on:click=move |_| { leave.dispatch(id); }>"Unsubscribe"</button>
                    }
                    .into_any();
                }
                if signed_in() {
                    return view! {
                        {how_often()}
                        <button type="button" aria-disabled=move || subscribe.pending().get().to_string()
                            on:click=move |_| { if !subscribe.pending().get_untracked() { subscribe.dispatch(cadence()); } }>
                            "Subscribe"
                        </button>
                    }
                    .into_any();
                }
                match by_address.value().get() {
                    Some(Ok(sentence)) => view! { <p class="notice" role="status">{sentence}</p> }.into_any(),
                    other => view! {
                        <form class="follow-form" on:submit=submit novalidate>
                            {other.and_then(Result::err).map(|m| view! { <p class="error" role="alert">{m}</p> })}
                            <Field id="follow-email" label="Your email address" kind="email" autocomplete="email" value=email
                                hint="We send a link to confirm it. Nothing else, and never shown to anyone."/>
                            {how_often()}
                            <button type="submit" aria-disabled=move || by_address.pending().get().to_string()>"Subscribe"</button>
                        </form>
                    }
                    .into_any(),
                }
            }}
        </section>
    }
}
