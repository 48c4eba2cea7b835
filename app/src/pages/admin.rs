//! The admin's topics (`/admin`): every topic, those saved unpublished
//! too, by status; each with its dates, comments and hosts. An admin names
//! a host by address (with their name, an address with no account is
//! invited: an account is made and a link to choose its password mailed),
//! removes one, and publishes a topic saved unpublished.
//!
//! The server renders the page whole ([`AdminKnown`]); each decision is a
//! form posting to the page with its `do` (`add-host`, `remove-host`,
//! `publish`), answered with `303` back to the page saying what was done,
//! or the page again with the form's mistake. With the app, the same
//! decisions go through the API and the list is read again.

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::forms::{Doing, form_mistake, sent_value};
use crate::i18n::{t, tf};
use crate::pages::account_form::with_next;
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{AdminTopic, AdminTopicList};

/// What the page shows, as the server found it for its first view.
#[derive(Clone)]
pub struct AdminKnown(pub Result<AdminTopicList, String>);

/// The statuses the list is filtered by, as its address says them.
const TABS: [&str; 5] = ["", "unpublished", "upcoming", "open", "closed"];

/// What a decision sent without the app did (`?done=`).
pub fn done_message(done: &str) -> Option<&'static str> {
    Some(t(match done {
        "host-added" => M::HostAdded,
        "host-removed" => M::HostRemoved,
        "published" => M::TopicNowPublic,
        _ => return None,
    }))
}

#[component]
pub fn AdminPage() -> impl IntoView {
    set_title(t(M::AdminTopics));
    let auth = Auth::get();
    let location = crate::nav::use_location();
    let status = Memo::new(move |_| {
        crate::nav::query_value(&location.query.get(), "status").unwrap_or_default()
    });
    let announce = RwSignal::new(
        crate::nav::query_value(&location.query.get_untracked(), "done")
            .and_then(|done| done_message(&done))
            .unwrap_or_default()
            .to_string(),
    );
    let reload = RwSignal::new(0u32);
    let known = use_context::<AdminKnown>();
    let first = RwSignal::new(true);
    let fetched = crate::LIVE.then(|| {
        LocalResource::new(move || {
            reload.track();
            auth.account.track();
            let status = status.get();
            async move { api::admin_topics(&status).await }
        })
    });
    let shown = RwSignal::new(known.map(|AdminKnown(found)| found));
    Effect::new(move |_| {
        if let Some(found) = fetched.and_then(|f| f.get()) {
            // The server's first view stands until something changes: only
            // the first answer may repeat it. A page reached in the app has
            // no first view, and shows every answer.
            if first.get_untracked() {
                first.set(false);
                if shown.with_untracked(Option::is_some) {
                    return;
                }
            }
            shown.set(Some(found));
        }
    });
    let done = Callback::new(move |message: String| {
        announce.set(message);
        reload.update(|n| *n += 1);
    });
    let mistakes = RwSignal::new(crate::pages::account_form::Mistakes::sent_as_named());
    view! {
        <h1>{t(M::AdminTopics)}</h1>
        <p><a href="/admin/topics/new" class="button-link">{t(M::NewTopic)}</a></p>
        <crate::pages::account_form::ErrorSummary mistakes id="admin-errors"/>
        <p role="status" class="notice host-done">{move || announce.get()}</p>
        <nav class="status-filter" aria-label=t(M::AdminByStatus)>
            {TABS.into_iter().map(|tab| {
                let href = if tab.is_empty() { "/admin".to_string() } else { format!("/admin?status={tab}") };
                view! {
                    <a href=href aria-current=move || (status.get() == tab).then_some("page")>{t(tab_msg(tab))}</a>
                }
            }).collect_view()}
        </nav>
        {move || {
            let Some(found) = shown.get() else {
                return view! { <p class="loading">{t(M::Loading)}</p> }.into_any();
            };
            crate::app::ready_after_render();
            match found {
                Err(message) if auth.known.get() && auth.account.get().is_none() => view! {
                    <p class="notice">{message} " " <a href=with_next("/sign-in", "/admin")>{t(M::SignIn)}</a></p>
                }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Ok(list) if list.topics.is_empty() => view! { <p class="empty">{t(M::AdminNoTopics)}</p> }.into_any(),
                Ok(list) => {
                    let here = match status.get_untracked().as_str() {
                        "" => "/admin".to_string(),
                        s => format!("/admin?status={s}"),
                    };
                    view! {
                        <ul class="admin-topics">
                            {list.topics.into_iter().map(|topic| view! { <li><AdminTopicItem topic here=here.clone() done/></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }
        }}
    }
}

fn tab_msg(tab: &str) -> M {
    match tab {
        "unpublished" => M::AdminUnpublished,
        "upcoming" => M::StatusUpcoming,
        "open" => M::StatusOpen,
        "closed" => M::StatusClosed,
        _ => M::AdminAllTopics,
    }
}

/// One topic: what it is, its hosts, and what an admin does with it.
#[component]
fn AdminTopicItem(topic: AdminTopic, here: String, done: Callback<String>) -> impl IntoView {
    let AdminTopic { topic, hosts } = topic;
    let slug = StoredValue::new(topic.slug.clone());
    let add_id = format!("add-host-{}", topic.slug);
    let email = RwSignal::new(sent_value(&add_id, "email").unwrap_or_default());
    let name = RwSignal::new(sent_value(&add_id, "name").unwrap_or_default());
    let error = RwSignal::new(form_mistake(&add_id));
    let act = Action::new_local(move |step: &AdminStep| {
        let (step, slug) = (step.clone(), slug.get_value());
        async move {
            match step {
                AdminStep::Add(email, name) => api::grant_host(&slug, &email, &name)
                    .await
                    .map(|()| t(M::HostAdded)),
                AdminStep::Remove(email) => api::revoke_host(&slug, &email)
                    .await
                    .map(|()| t(M::HostRemoved)),
                AdminStep::Publish => api::publish_topic(&slug)
                    .await
                    .map(|_| t(M::TopicNowPublic)),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            match result {
                Ok(message) => {
                    email.set(String::new());
                    name.set(String::new());
                    error.set(None);
                    done.run(message.to_string());
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    let title_id = format!("topic-{}", topic.slug);
    let labelled_by = title_id.clone();
    let status = if topic.published {
        t(topic.status.one_msg()).to_string()
    } else {
        t(M::AdminUnpublishedOne).to_string()
    };
    let status_class = if topic.published {
        format!("status status-{}", topic.status.as_str())
    } else {
        "status status-unpublished".to_string()
    };
    let (email_id, name_id) = (format!("{add_id}-email"), format!("{add_id}-name"));
    view! {
        <article class="admin-topic" aria-labelledby=labelled_by>
            <h2 id=title_id><a href=format!("/topics/{}", topic.slug)>{topic.title.clone()}</a></h2>
            <p class="meta"><span class=status_class>{status}</span>
                " · " {tf(M::AdminDates, &[("opens", &topic.opens_on), ("closes", &topic.closes_on)])}
                " · " {crate::i18n::count(topic.comment_count, M::CommentsCount)}</p>
            <p>
                <a href=format!("/admin/topics/{}/edit", topic.slug)>{t(M::EditTopicLink)}</a>
                " · " <a href=format!("/topics/{}/host", topic.slug)>{t(M::HostTools)}</a>
                {topic.published.then(|| view! {
                    " · " <a href=format!("/topics/{}/revise", topic.slug)>{t(M::ReviseLink)}</a>
                })}
                " · " <a href=format!("/topics/{}/report", topic.slug)>{t(M::ReportForCouncil)}</a>
            </p>
            {(!topic.published).then(|| {
                let here = here.clone();
                view! {
                    <form method="post" action=here on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        act.dispatch(AdminStep::Publish);
                    }>
                        <Doing what="publish" form=format!("publish-{}", slug.get_value())/>
                        <input type="hidden" name="topic" value=slug.get_value()/>
                        <button type="submit">{t(M::PublishTopic)}</button>
                    </form>
                }
            })}
            <h3>{t(M::AdminHosts)}</h3>
            {if hosts.is_empty() {
                view! { <p class="empty">{t(M::AdminNoHosts)}</p> }.into_any()
            } else {
                view! {
                    <ul class="following">
                        {hosts.into_iter().map(|host| {
                            let (here, gone) = (here.clone(), host.clone());
                            view! {
                                <li><span>{host.clone()}</span>
                                    <form method="post" action=here on:submit=move |ev: leptos::ev::SubmitEvent| {
                                        ev.prevent_default();
                                        act.dispatch(AdminStep::Remove(gone.clone()));
                                    }>
                                        <Doing what="remove-host" form=format!("remove-{}", slug.get_value())/>
                                        <input type="hidden" name="topic" value=slug.get_value()/>
                                        <input type="hidden" name="email" value=host.clone()/>
                                        <button type="submit" class="secondary" aria-label=tf(M::AdminRemoveHost, &[("email", &host)])>{t(M::Remove)}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="inline-form" method="post" action=here.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                act.dispatch(AdminStep::Add(email.get(), name.get()));
            }>
                <Doing what="add-host" form=add_id.clone()/>
                <input type="hidden" name="topic" value=slug.get_value()/>
                <label for=email_id.clone()>{t(M::AdminHostEmail)}</label>
                <input id=email_id.clone() name="email" type="email" autocomplete="off"
                    value=email.get_untracked() prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))/>
                <label for=name_id.clone()>{t(M::AdminHostName)}</label>
                <input id=name_id.clone() name="name" type="text" maxlength="80" aria-describedby=format!("{name_id}-hint")
                    value=name.get_untracked() prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <p class="hint" id=format!("{name_id}-hint")>{t(M::AdminHostNameHint)}</p>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit">{t(M::AdminAddHost)}</button>
            </form>
        </article>
    }
}

#[derive(Clone)]
enum AdminStep {
    Add(String, String),
    Remove(String),
    Publish,
}
