//! A topic: its status and countdown, summary, host card, documents,
//! updates, polls, and the draft inline, section by section, each with its
//! comment count and a button that opens the section's thread (beneath it
//! on a phone, beside it on a wide screen).

mod polls;
mod quote;
mod thread;

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::format;
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::html;
use leptos::prelude::*;
use pulse_api::TopicStatus;
use pulse_api::wire::{HostCard, Section, Topic};

#[component]
pub fn TopicPage(slug: String) -> impl IntoView {
    let topic = LocalResource::new(move || {
        let slug = slug.clone();
        async move { api::topic(&slug).await }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the topic…"</p> }>
            {move || {
                topic.get().inspect(|_| crate::app::ready_after_render()).map(|result| match result {
                    Ok(topic) => view! { <TopicView topic/> }.into_any(),
                    Err(message) => {
                        set_title("Topic not available");
                        view! {
                            <h1>"Topic not available"</h1>
                            <p class="error" role="alert">{message}</p>
                            <p><a href="/">"See all topics"</a></p>
                        }
                        .into_any()
                    }
                })
            }}
        </Suspense>
    }
}

/// Whether residents may take part now, as the server said when the page
/// loaded, and who is signed in.
#[derive(Clone)]
pub(crate) struct Participation {
    pub slug: String,
    pub status: TopicStatus,
    pub time_zone: String,
}

#[component]
fn TopicView(topic: Topic) -> impl IntoView {
    set_title(&topic.title);
    let participation = Participation {
        slug: topic.slug.clone(),
        status: topic.status,
        time_zone: topic.time_zone.clone(),
    };
    let countdown = countdown(&topic);
    let draft = topic.draft.clone();
    view! {
        <article class="topic">
            <header class="topic-header">
                <p class="meta">
                    <span class=format!("status status-{}", topic.status.as_str())>{topic.status.label()}</span>
                </p>
                <h1>{topic.title.clone()}</h1>
                <p class="countdown">{countdown}</p>
            </header>
            <Participate status=topic.status here=format!("/topics/{}", topic.slug)/>
            <div class="topic-columns">
                <div class="topic-main">
                    <Prose html=topic.summary_html.clone() class="summary"/>
                    <Documents documents=topic.documents.clone()/>
                    <Updates topic=topic.clone()/>
                </div>
                <aside class="topic-aside" aria-label="Topic host">
                    <HostCardView host=topic.host.clone()/>
                </aside>
            </div>
            <polls::Polls participation=participation.clone()/>
            {draft.map(|draft| {
                let participation = participation.clone();
                view! {
                    <section class="draft" aria-labelledby="draft-title">
                        <h2 id="draft-title">{draft.title}</h2>
                        <p class="meta">{format!("Version {}", draft.version)}</p>
                        {draft
                            .sections
                            .into_iter()
                            .map(|section| view! { <SectionView section participation=participation.clone()/> })
                            .collect_view()}
                    </section>
                }
            })}
        </article>
    }
}

fn countdown(topic: &Topic) -> String {
    // Count from the server's clock, not the phone's, which may be wrong.
    let left = |until: i64| format::duration(until - topic.now.0);
    match topic.status {
        TopicStatus::Upcoming => format!(
            "Opens in {} — on {}.",
            left(topic.opens_at.0),
            format::date_time(topic.opens_at, &topic.time_zone)
        ),
        TopicStatus::Open => format!(
            "Closes in {} — on {}.",
            left(topic.closes_at.0),
            format::date_time(topic.closes_at, &topic.time_zone)
        ),
        TopicStatus::Closed => format!(
            "Closed on {}.",
            format::date_time(topic.closes_at, &topic.time_zone)
        ),
    }
}

/// What a visitor can do here now: the deadline message, or how to join.
#[component]
fn Participate(status: TopicStatus, here: String) -> impl IntoView {
    let auth = Auth::get();
    move || {
        match status {
        TopicStatus::Closed => view! {
            <p class="notice notice-closed">
                "The deadline to participate has passed. To follow updates, be sure to subscribe to the topic."
            </p>
        }
        .into_any(),
        TopicStatus::Upcoming => view! {
            <p class="notice">"This topic is not open yet. You can read the draft now and take part once it opens."</p>
        }
        .into_any(),
        TopicStatus::Open if auth.known.get() && auth.account.get().is_none() => view! {
            <p class="notice">
                "You must have an account to participate. "
                <a href=with_next("/register", &here)>"Create an account"</a>
                " or "
                <a href=with_next("/sign-in", &here)>"sign in"</a>
                "."
            </p>
        }
        .into_any(),
        TopicStatus::Open => ().into_any(),
    }
    }
}

#[component]
fn Documents(documents: Vec<pulse_api::wire::Document>) -> impl IntoView {
    (!documents.is_empty()).then(|| {
        view! {
            <section class="documents" aria-labelledby="documents-title">
                <h2 id="documents-title">"Documents"</h2>
                <ul>
                    {documents
                        .into_iter()
                        .map(|d| {
                            // A document's address is never trusted to be a web address.
                            if pulse_api::markdown::is_safe_url(&d.url) {
                                view! { <li><a href=d.url rel="noopener">{d.title}</a></li> }.into_any()
                            } else {
                                view! { <li>{d.title}</li> }.into_any()
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Updates(topic: Topic) -> impl IntoView {
    let zone = topic.time_zone.clone();
    (!topic.updates.is_empty()).then(|| {
        view! {
            <section class="updates" aria-labelledby="updates-title">
                <h2 id="updates-title">"Updates"</h2>
                {topic
                    .updates
                    .into_iter()
                    .map(|u| {
                        view! {
                            <article class="update">
                                <h3>{u.title}</h3>
                                <p class="meta">{format!("Posted {}", format::date_time(u.posted_at, &zone))}</p>
                                <Prose html=u.body_html/>
                            </article>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

#[component]
fn HostCardView(host: HostCard) -> impl IntoView {
    let initials: String = host
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    view! {
        <section class="host-card" aria-labelledby="host-title">
            <h2 id="host-title">"Topic Host"</h2>
            <p class="host-name"><span class="initials" aria-hidden="true">{initials}</span> {host.name}</p>
            <dl>
                <dt>"Role"</dt>
                <dd>{host.role}</dd>
                {host.phone.map(|phone| {
                    let href = format!("tel:{}", phone.replace(|c: char| !c.is_ascii_digit() && c != '+', ""));
                    view! { <dt>"Phone"</dt><dd><a href=href>{phone}</a></dd> }
                })}
                {host.email.map(|email| {
                    let href = format!("mailto:{email}");
                    view! { <dt>"Email"</dt><dd><a href=href>{email}</a></dd> }
                })}
            </dl>
        </section>
    }
}

#[component]
fn SectionView(section: Section, participation: Participation) -> impl IntoView {
    let count = RwSignal::new(section.comment_count);
    let expanded = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let heading_id = format!("h-{}", section.anchor);
    let thread_id = format!("thread-{}", section.anchor);
    let label = if section.number.is_empty() {
        "Introduction".to_string()
    } else {
        format!("§ {} {}", section.number, section.heading)
    };
    let heading = if section.number.is_empty() {
        view! { <h3 id=heading_id.clone()>"Introduction"</h3> }.into_any()
    } else if section.level <= 1 {
        view! { <h3 id=heading_id.clone()><span class="num">{format!("§ {}", section.number)}</span> " " {section.heading.clone()}</h3> }.into_any()
    } else {
        view! { <h4 id=heading_id.clone()><span class="num">{format!("§ {}", section.number)}</span> " " {section.heading.clone()}</h4> }.into_any()
    };
    let close = Callback::new(move |()| {
        expanded.set(false);
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    // The button's name starts with its visible words (WCAG 2.5.3); whether
    // the thread is open is aria-expanded's to tell.
    let name = {
        let label = label.clone();
        move || format!("{} on {label}", format::comments(count.get()))
    };
    let anchor = section.anchor.clone();
    view! {
        <article class="section" class:expanded=move || expanded.get() id=section.anchor.clone() aria-labelledby=heading_id>
            <div class="section-text">
                {heading}
                <Prose html=section.html/>
                <button
                    type="button"
                    class="comments-toggle"
                    node_ref=button
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls=thread_id.clone()
                    aria-label=name
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    <span aria-hidden="true" class="bubble"></span>
                    {move || format::comments(count.get())}
                </button>
            </div>
            <Show when=move || expanded.get()>
                <thread::Thread
                    id=thread_id.clone()
                    anchor=anchor.clone()
                    label=label.clone()
                    participation=participation.clone()
                    count
                    on_close=close
                />
            </Show>
        </article>
    }
}
