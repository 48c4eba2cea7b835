//! "Follow this topic": notices by email of the host's updates, the last
//! 48 hours and the close, and if the reader chooses, each new comment in
//! one section. Signed in, one tap; signed out, an address that confirms
//! from the mailed link. Every notice has a link to stop them.
//! (Plain tasks rather than actions: this is on every topic page, and each
//! action type costs the residents' bundle.) Each is a real form to the
//! topic's page, which the server answers without the app.

use super::{Known, address_value};
use crate::api;
use crate::auth::Auth;
use crate::forms::{Doing, form_mistake};
use crate::i18n::{t, tf};
use crate::pages::account_form::Field;
use leptos::prelude::*;
use leptos::task::spawn_local;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::Cadence;

#[component]
pub fn Subscribe(
    slug: String,
    /// The draft's places to follow: (anchor, "§ 3 Retention").
    places: Vec<(String, String)>,
) -> impl IntoView {
    let auth = Auth::get();
    let slug = StoredValue::new(slug);
    let places = StoredValue::new(places);
    // The anchor whose new comments come too; empty for none.
    let section = RwSignal::new(String::new());
    let chosen = move || Some(section.get_untracked()).filter(|s| !s.is_empty());
    let daily = RwSignal::new(false);
    let cadence = move || {
        if daily.get_untracked() {
            Cadence::Daily
        } else {
            Cadence::Instant
        }
    };
    // The account's subscription to this topic, once known (the server
    // knows it for its first view).
    let mine = RwSignal::new(use_context::<Known>().and_then(|k| k.subscription));
    let busy = RwSignal::new(false);
    let error = RwSignal::new(
        ["follow-email", "follow-section", "follow-leave"]
            .into_iter()
            .find_map(form_mistake),
    );
    // What the server said to an address-only subscription (`?follow=sent`
    // after the form was sent without the app).
    let sent = RwSignal::new(
        (address_value("follow").as_deref() == Some("sent"))
            .then(|| t(M::SubscriptionLinkSent).to_string()),
    );
    let email =
        RwSignal::new(crate::forms::sent_value("follow-email", "follow-email").unwrap_or_default());
    let signed_in = move || auth.account.with(Option::is_some);
    Effect::new(move |_| {
        if !crate::LIVE {
            return;
        }
        if signed_in() {
            spawn_local(async move {
                let slug = slug.get_value();
                if let Ok(list) = api::my_subscriptions().await {
                    mine.set(list.into_iter().find(|s| s.topic_slug == slug));
                }
            });
        } else {
            mine.set(None);
        }
    });
    // Runs one request at a time; its answer goes where `done` puts it.
    let run =
        move |work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>>>>| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                if let Err(message) = work.await {
                    error.set(Some(message));
                }
                busy.set(false);
            });
        };
    let subscribe = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (cadence, section) = (cadence(), chosen());
        run(Box::pin(async move {
            mine.set(Some(
                api::subscribe(&slug.get_value(), cadence, section).await?,
            ));
            Ok(())
        }));
    };
    let leave = move |ev: leptos::ev::SubmitEvent, id: i64| {
        ev.prevent_default();
        run(Box::pin(async move {
            api::end_subscription(id).await?;
            mine.set(None);
            Ok(())
        }));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (address, cadence, section) = (email.get_untracked(), cadence(), chosen());
        run(Box::pin(async move {
            sent.set(Some(
                api::subscribe_address(&slug.get_value(), address, cadence, section).await?,
            ));
            Ok(())
        }));
    };
    let how_often = move || {
        view! {
            <div class="check">
                <input type="checkbox" id="follow-daily" name="daily" value="yes" prop:checked=move || daily.get()
                    on:change=move |ev| daily.set(event_target_checked(&ev))/>
                <label for="follow-daily">{t(M::OneEmailADayLong)}</label>
            </div>
            <div class="field">
                <label for="follow-section">{t(M::AlsoCommentsIn)}</label>
                <select id="follow-section" name="section" on:change=move |ev| section.set(event_target_value(&ev))>
                    <option value="" selected=true>{t(M::NoSection)}</option>
                    {places.get_value().into_iter().map(|(anchor, label)| view! {
                        <option value=anchor>{label}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let pending = move || busy.get().to_string();
    view! {
        <section class="follow" id="follow" aria-labelledby="follow-title">
            <h2 id="follow-title">{t(M::FollowTopic)}</h2>
            <p>{t(M::FollowLead)}</p>
            <p class="meta">
                {t(M::FeedReader)} " "
                <a href=format!("/topics/{}/updates.atom", slug.get_value()) download="">{t(M::UpdatesAtom)}</a>
                " · "
                <a href=format!("/topics/{}/dates.ics", slug.get_value()) download="">{t(M::DatesCalendar)}</a>
                " · "
                <a href=format!("/topics/{}/record", slug.get_value())>{t(M::PublicRecord)}</a>
            </p>
            {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {move || {
                let here = format!("/topics/{}#follow", slug.get_value());
                if let Some(s) = mine.get() {
                    let id = s.id;
                    return view! {
                        <p class="notice" role="status">
                            {if s.cadence == Cadence::Daily { t(M::SubscribedDaily) } else { t(M::Subscribed) }} " "
                            {s.section_label.map(|place| format!("{} ", tf(M::WithCommentsIn, &[("place", &place)])))}
                            <a href="/account">{t(M::ManageOnAccount)}</a>
                        </p>
                        <form method="post" action=here on:submit=move |ev| leave(ev, id)>
                            <Doing what="unsubscribe" form="follow-leave".to_string()/>
                            <input type="hidden" name="subscription" value=id.to_string()/>
                            <button type="submit" class="secondary" aria-disabled=pending>{t(M::Unsubscribe)}</button>
                        </form>
                    }
                    .into_any();
                }
                if signed_in() {
                    return view! {
                        <form class="follow-form" method="post" action=here on:submit=subscribe>
                            <Doing what="subscribe" form="follow-section".to_string()/>
                            {how_often()}
                            <button type="submit" aria-disabled=pending>{t(M::Subscribe)}</button>
                        </form>
                    }
                    .into_any();
                }
                if let Some(sentence) = sent.get() {
                    return view! { <p class="notice" role="status">{sentence}</p> }.into_any();
                }
                // A form to the page itself, so that without the app the
                // address is sent in the request's body, not its address.
                view! {
                    <form class="follow-form" method="post" action=here on:submit=submit novalidate>
                        <Doing what="follow" form="follow-email".to_string()/>
                        <fieldset class="plain-fieldset">
                            <legend class="visually-hidden">{t(M::SubscribeByEmail)}</legend>
                            <Field id="follow-email" label=t(M::YourEmail) kind="email" autocomplete="email" value=email
                                hint=t(M::ConfirmHint)/>
                            {how_often()}
                            <button type="submit" aria-disabled=pending>{t(M::Subscribe)}</button>
                        </fieldset>
                    </form>
                }
                .into_any()
            }}
        </section>
    }
}
