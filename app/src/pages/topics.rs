//! The topic list, with the Upcoming / Currently Open / Closed tabs
//! (ARIA tabs: arrow keys move between them).

use crate::api;
use crate::app::set_title;
use crate::format;
use crate::i18n::{t, tf};
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::TopicStatus;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{TopicList, TopicSummary};

#[component]
pub fn TopicsPage() -> impl IntoView {
    let topics = LocalResource::new(api::topics);
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(M::LoadingTopics)}</p> }>
            {move || {
                topics.get().inspect(|_| crate::app::ready_after_render()).map(|result| match result {
                    Ok(list) => view! { <TopicsView list/> }.into_any(),
                    Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                })
            }}
        </Suspense>
    }
}

/// The list, the tab `?status=` names selected (Currently Open if none).
/// Each tab is a link, so the list works before the app has loaded; in the
/// app, choosing one stays on the page.
#[component]
pub fn TopicsView(list: TopicList) -> impl IntoView {
    set_title(t(M::TopicsTitle));
    let location = crate::nav::use_location();
    let selected = Memo::new(move |_| {
        crate::nav::query_value(&location.query.read(), "status")
            .and_then(|s| TopicStatus::parse(&s))
            .unwrap_or(TopicStatus::Open)
    });
    let select = move |status: TopicStatus, focus: bool| {
        crate::nav::navigate(&format!("/?status={}", status.as_str()));
        if focus
            && let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", status.as_str())))
        {
            use wasm_bindgen::JsCast;
            if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
        }
    };
    // ARIA tabs: arrows move between tabs, Home and End to the ends.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let all = TopicStatus::ALL;
        let at = all.iter().position(|s| *s == selected.get()).unwrap_or(1);
        let next = match ev.key().as_str() {
            "ArrowRight" => all[(at + 1) % all.len()],
            "ArrowLeft" => all[(at + all.len() - 1) % all.len()],
            "Home" => all[0],
            "End" => all[all.len() - 1],
            _ => return,
        };
        ev.prevent_default();
        select(next, true);
    };
    let TopicList { city, topics, .. } = list;

    view! {
        <h1>{crate::i18n::lang().site_name(&city)}</h1>
        <p class="lead">{t(M::TopicsLead)}</p>
        {move || {
            crate::nav::query_value(&location.query.read(), "deleted").map(|_| {
                view! { <p class="notice" role="status">{t(M::AccountDeleted)}</p> }
            })
        }}
        <div role="tablist" aria-label=t(M::TopicsByStatus) class="tabs" on:keydown=on_key>
            {TopicStatus::ALL
                .into_iter()
                .map(|status| {
                    let is = move || selected.get() == status;
                    view! {
                        <a
                            role="tab"
                            href=format!("/?status={}", status.as_str())
                            id=format!("tab-{}", status.as_str())
                            aria-controls="topic-panel"
                            aria-selected=move || is().to_string()
                            tabindex=move || if is() { "0" } else { "-1" }
                            on:click=move |ev| {
                                ev.prevent_default();
                                select(status, false);
                            }
                        >
                            {t(status.msg())}
                        </a>
                    }
                })
                .collect_view()}
        </div>
        <section
            id="topic-panel"
            role="tabpanel"
            aria-labelledby=move || format!("tab-{}", selected.get().as_str())
        >
            {move || {
                let status = selected.get();
                let shown: Vec<TopicSummary> =
                    topics.iter().filter(|t| t.status == status).cloned().collect();
                if shown.is_empty() {
                    let none = match status {
                        TopicStatus::Upcoming => M::NoTopicsUpcoming,
                        TopicStatus::Open => M::NoTopicsOpen,
                        TopicStatus::Closed => M::NoTopicsClosed,
                    };
                    view! { <p>{t(none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="topic-list">
                            {shown.into_iter().map(|t| view! { <TopicCard topic=t/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn TopicCard(topic: TopicSummary) -> impl IntoView {
    let when = match topic.status {
        TopicStatus::Upcoming => tf(M::TopicOpens, &[("date", &topic.opens_on)]),
        TopicStatus::Open => tf(M::TopicOpenUntil, &[("date", &topic.closes_on)]),
        TopicStatus::Closed => tf(M::TopicClosedOn, &[("date", &topic.closes_on)]),
    };
    let comments = format::comments(topic.comment_count);
    view! {
        <li class="topic-card">
            <h2><a href=format!("/topics/{}", topic.slug) lang=crate::i18n::mark(topic.lang)>{topic.title}</a></h2>
            <p class="meta">
                <span class=format!("status status-{}", topic.status.as_str())>{t(topic.status.one_msg())}</span>
                " · " {when} " · " {comments}
            </p>
            <Prose html=topic.summary_html class="summary" written_in=topic.lang/>
        </li>
    }
}
