//! The host's desk (`/host`): one queue across the topics they host
//! (every topic for admins) — flagged comments first, then those awaiting
//! an official response — with filters (topic, section, what to show,
//! response status, quoted), a sort and pages; each comment with its
//! decisions (answer, hide with a reason, restore, dismiss the flags) and
//! a link to its thread. `/topics/{slug}/host` is the same desk filtered
//! to that topic, with the topic's own tools: posting an update, its
//! dates (council meetings, in its calendar) and its audit log. The server
//! decides who may use them; others are told so.
//!
//! The server renders the page whole ([`HostKnown`]); each decision is a
//! form posting to the page (its filters kept) with its `do` (`hide`,
//! `dismiss`, `restore`, `respond`, `update`, `add-date`, `remove-date`),
//! answered with `303` back to the page saying what was done (`?done=`),
//! or the page again with the form's mistake. With the app, a decision
//! changes its comment in place: the list stays as it is, the reader's
//! place and focus with it, until they filter again.

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::format;
use crate::forms::{Doing, Token, form_mistake, sent_value, server_text};
use crate::i18n::{t, tf};
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::links::encode_component;
use pulse_api::wire::{
    AuditLog, Comment, DeskItem, DeskQueue, DeskShow, DeskSort, ModerationVerb, NewTopicDate,
    NewUpdate, ResponseStatus, Topic, TopicDate,
};

/// What the desk shows, as the server found it for its first view: the
/// topic it is filtered to with that topic's audit log (if it is), and
/// the queue; or why not.
#[derive(Clone)]
pub struct HostKnown(pub Result<Desk, String>);

#[derive(Clone)]
pub struct Desk {
    pub topic: Option<(Topic, AuditLog)>,
    pub queue: DeskQueue,
}

/// The desk's filters, as its address carries them.
pub const FILTERS: [&str; 7] = [
    "topic", "section", "show", "status", "quoted", "sort", "page",
];

/// What a decision sent without the app did, as the page it comes back to
/// says it (`?done=`).
pub fn done_message(done: &str) -> Option<&'static str> {
    Some(t(match done {
        "hidden" => M::CommentHidden,
        "restored" => M::CommentRestored,
        "dismissed" => M::FlagsDismissed,
        "responded" => M::ResponsePosted,
        "updated" => M::UpdatePosted,
        "date-added" => M::DateAdded,
        "date-removed" => M::DateRemoved,
        _ => return None,
    }))
}

/// The desk's query string for `query` with `name` set to `value` (or
/// left out when empty), the page back to the first unless it is the page
/// being set.
pub fn with_filter(query: &str, name: &str, value: &str) -> String {
    let mut pairs: Vec<(String, String)> = FILTERS
        .iter()
        .filter(|f| **f != name && (name == "page" || **f != "page"))
        .filter_map(|f| crate::nav::query_value(query, f).map(|v| (f.to_string(), v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if !value.is_empty() {
        pairs.push((name.to_string(), value.to_string()));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[component]
pub fn HostPage(slug: Option<String>) -> impl IntoView {
    set_title(t(M::HostDesk));
    let auth = Auth::get();
    let location = crate::nav::use_location();
    let announce = RwSignal::new(
        crate::nav::query_value(&location.query.get_untracked(), "done")
            .and_then(|done| done_message(&done))
            .unwrap_or_default()
            .to_string(),
    );
    // The desk's own address: the topic's host tools, or the desk.
    let here = match &slug {
        Some(slug) => format!("/topics/{slug}/host"),
        None => "/host".to_string(),
    };
    let reload = RwSignal::new(0u32);
    // The server renders what it found; the app fetches its own when the
    // filters change (a link, the filter form) or a topic tool was used.
    let known = use_context::<HostKnown>();
    let first = RwSignal::new(true);
    let fetched = crate::LIVE.then(|| {
        let slug = slug.clone();
        LocalResource::new(move || {
            reload.track();
            auth.account.track();
            let query = location.query.get();
            let slug = slug.clone();
            async move {
                let query = match &slug {
                    Some(slug) => with_filter(&query, "topic", slug),
                    None => query,
                };
                let queue = api::desk(&query).await?;
                let topic = match &slug {
                    Some(slug) => Some((
                        api::topic(slug, false, None).await?,
                        api::audit(slug).await?,
                    )),
                    None => None,
                };
                Ok::<_, String>(Desk { topic, queue })
            }
        })
    });
    let shown = RwSignal::new(known.map(|HostKnown(found)| found));
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
    let data = move || shown.get();
    let allowed = Memo::new(move |_| shown.with(|s| matches!(s, Some(Ok(_)))));
    let topic_tools = Memo::new(move |_| {
        shown.with(|s| match s {
            Some(Ok(desk)) => desk.topic.clone(),
            _ => None,
        })
    });
    let done = Callback::new(move |message: String| {
        announce.set(message);
        reload.update(|n| *n += 1);
    });
    // A decision on one comment: said, and the list left as it is.
    let decided = Callback::new(move |message: String| announce.set(message));
    let mistakes = RwSignal::new(crate::pages::account_form::Mistakes::sent_as_named());
    let signed_out_here = here.clone();
    let queue_here = here.clone();
    view! {
        <h1>{move || match topic_tools.get() {
            Some((topic, _)) => tf(M::HostToolsFor, &[("topic", &topic.title)]),
            None => t(M::HostDesk).to_string(),
        }}</h1>
        <crate::pages::account_form::ErrorSummary mistakes id="host-errors"/>
        <p role="status" class="notice host-done">{move || announce.get()}</p>
        {move || {
            let Some(result) = data() else {
                return view! { <p class="loading">{t(M::Loading)}</p> }.into_any();
            };
            crate::app::ready_after_render();
            match result {
                Err(message) if auth.known.get() && auth.account.get().is_none() => view! {
                    <p class="notice">{message} " "
                        <a href=with_next("/sign-in", &signed_out_here)>{t(M::SignInAsHost)}</a></p>
                }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Ok(desk) => {
                    if let Some((topic, _)) = &desk.topic {
                        set_title(&tf(M::HostToolsFor, &[("topic", &topic.title)]));
                    }
                    view! { <Queue desk here=queue_here.clone() decided/> }.into_any()
                }
            }
        }}
        {move || {
            let (topic, audit) = topic_tools.get()?;
            allowed.get().then(|| {
                let zone = topic.time_zone.clone();
                view! {
                    <UpdateForm slug=topic.slug.clone() done/>
                    <DatesForm slug=topic.slug.clone() zone=topic.time_zone.clone() dates=topic.dates.clone() here=format!("/topics/{}/host", topic.slug) done/>
                    <section aria-labelledby="audit-title">
                        <h2 id="audit-title">{t(M::AuditTitle)}</h2>
                        <ol class="audit">
                            {audit.entries.into_iter().map(|e| {
                                let what = [e.subject, e.reason, e.comment_id.map(|id| tf(M::AuditComment, &[("id", &id.to_string())]))]
                                    .into_iter().flatten().collect::<Vec<_>>().join(" · ");
                                view! {
                                    <li><span class="meta">{format::date_time(e.at, &zone)}</span> " "
                                        <strong>{pulse_api::wire::audit_action_name(&e.action).map_or_else(|| e.action.replace('_', " "), |m| t(m).to_string())}</strong> " " {t(M::AuditBy)} " " {e.actor}
                                        {(!what.is_empty()).then(|| format!(" — {what}"))}</li>
                                }
                            }).collect_view()}
                        </ol>
                    </section>
                }
            })
        }}
    }
}

/// The queue: its topics' counts, the filters, the comments, the pages.
#[component]
fn Queue(desk: Desk, here: String, decided: Callback<String>) -> impl IntoView {
    let location = crate::nav::use_location();
    let query = location.query.get_untracked();
    let asked = |name: &str| crate::nav::query_value(&query, name).unwrap_or_default();
    let DeskQueue {
        items,
        total,
        page,
        pages,
        topics,
        sections,
    } = desk.queue;
    let filtered_topic = desk.topic.as_ref().map(|(t, _)| t.slug.clone());
    let show = DeskShow::parse(&asked("show")).unwrap_or_default();
    let sort = DeskSort::parse(&asked("sort")).unwrap_or_default();
    let status = asked("status");
    let section = asked("section");
    let topic = filtered_topic.clone().unwrap_or_else(|| asked("topic"));
    let quoted = !asked("quoted").is_empty();
    let flagged: i64 = topics.iter().map(|t| t.flagged).sum();
    let unanswered: i64 = topics.iter().map(|t| t.unanswered).sum();
    // Where a decision's form posts: this page, its filters kept.
    let action = if query.is_empty() {
        here.clone()
    } else {
        format!("{here}?{}", with_filter(&query, "done", ""))
    };
    let page_link = {
        let (here, query) = (here.clone(), query.clone());
        move |n: i64| format!("{here}?{}", with_filter(&query, "page", &n.to_string()))
    };
    view! {
        <p class="lead desk-counts">{tf(M::DeskCounts, &[("flagged", &flagged.to_string()), ("unanswered", &unanswered.to_string())])}</p>
        {filtered_topic.clone().map(|slug| view! {
            <p><a href=format!("/topics/{slug}")>{t(M::TopicPage)}</a>
                " · " <a href=format!("/topics/{slug}/revise")>{t(M::ReviseLink)}</a>
                " · " <a href=format!("/topics/{slug}/report")>{t(M::ReportForCouncil)}</a>
                " · " <a href="/host">{t(M::AllYourTopics)}</a></p>
        })}
        <form class="desk-filters" method="get" action=here.clone() aria-label=t(M::DeskFilters)>
            {filtered_topic.is_none().then(|| view! {
                <label for="desk-topic">{t(M::DeskTopic)}</label>
                <select id="desk-topic" name="topic">
                    <option value="" selected=topic.is_empty()>{t(M::DeskAllTopics)}</option>
                    {topics.iter().map(|d| view! {
                        <option value=d.slug.clone() selected=d.slug == topic>
                            {tf(M::DeskTopicOption, &[("title", &d.title), ("flagged", &d.flagged.to_string()), ("unanswered", &d.unanswered.to_string())])}
                        </option>
                    }).collect_view()}
                </select>
            })}
            {(!sections.is_empty()).then(|| view! {
                <label for="desk-section">{t(M::DeskSection)}</label>
                <select id="desk-section" name="section">
                    <option value="" selected=section.is_empty()>{t(M::DeskAllSections)}</option>
                    {sections.iter().map(|s| view! {
                        <option value=s.anchor.clone() selected=s.anchor == section>{s.label.clone()}</option>
                    }).collect_view()}
                </select>
            })}
            <label for="desk-show">{t(M::DeskShowLabel)}</label>
            <select id="desk-show" name="show">
                {DeskShow::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=s == show>{t(show_msg(s))}</option>
                }).collect_view()}
            </select>
            <label for="desk-status">{t(M::DeskStatus)}</label>
            <select id="desk-status" name="status">
                <option value="" selected=status.is_empty()>{t(M::DeskAnyStatus)}</option>
                {ResponseStatus::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=s.as_str() == status>{t(s.msg())}</option>
                }).collect_view()}
            </select>
            <label for="desk-sort">{t(M::DeskSortLabel)}</label>
            <select id="desk-sort" name="sort">
                {DeskSort::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=s == sort>{t(sort_msg(s))}</option>
                }).collect_view()}
            </select>
            <span class="check">
                <input id="desk-quoted" type="checkbox" name="quoted" value="1" checked=quoted/>
                <label for="desk-quoted">{t(M::DeskQuoted)}</label>
            </span>
            <button type="submit">{t(M::DeskApply)}</button>
        </form>
        <h2 id="queue-title">{tf(M::DeskShowing, &[("n", &total.to_string())])}</h2>
        {if items.is_empty() {
            view! { <p class="empty">{t(M::DeskEmpty)}</p> }.into_any()
        } else {
            view! {
                <ol class="queue" aria-labelledby="queue-title">
                    {items.into_iter().map(|item| {
                        let action = action.clone();
                        view! { <li><QueueItem item action decided/></li> }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {(pages > 1).then(|| view! {
            <nav class="pages" aria-label=t(M::DeskPages)>
                {(page > 1).then(|| view! { <a rel="prev" href=page_link(page - 1)>{t(M::DeskNewerPage)}</a> })}
                " " <span>{tf(M::DeskPageOf, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span> " "
                {(page < pages).then(|| view! { <a rel="next" href=page_link(page + 1)>{t(M::DeskOlderPage)}</a> })}
            </nav>
        })}
    }
}

fn show_msg(show: DeskShow) -> M {
    match show {
        DeskShow::Attention => M::DeskShowAttention,
        DeskShow::Flagged => M::DeskShowFlagged,
        DeskShow::Unanswered => M::DeskShowUnanswered,
        DeskShow::Answered => M::DeskShowAnswered,
        DeskShow::Hidden => M::DeskShowHidden,
        DeskShow::All => M::DeskShowAll,
    }
}

fn sort_msg(sort: DeskSort) -> M {
    match sort {
        DeskSort::Priority => M::DeskSortPriority,
        DeskSort::Newest => M::DeskSortNewest,
        DeskSort::Oldest => M::DeskSortOldest,
        DeskSort::Agreed => M::DeskSortAgreed,
        DeskSort::Flags => M::DeskSortFlags,
    }
}

/// A comment in the queue with the host's decisions on it: answer first,
/// then hide (with a reason) or keep it; restore a hidden one. A decision
/// changes the comment here, and says so beside it.
#[component]
fn QueueItem(
    item: DeskItem,
    /// Where its forms post: the desk, its filters kept.
    action: String,
    decided: Callback<String>,
) -> impl IntoView {
    let DeskItem {
        topic,
        topic_title,
        time_zone: zone,
        item,
    } = item;
    let id = item.comment.id;
    let comment = RwSignal::new(item.comment);
    let open_flags = RwSignal::new(item.open_flags);
    let flags = item.flags;
    let place = item.place;
    let reason_id = format!("reason-{id}");
    let status_id = format!("status-{id}");
    let answer_id = format!("answer-{id}");
    let restore_id = format!("restore-{id}");
    let said_id = format!("said-{id}");
    let reason = RwSignal::new(sent_value(&reason_id, "reason").unwrap_or_default());
    // No status is chosen for the host: the form asks.
    let status =
        RwSignal::new(sent_value(&answer_id, "status").and_then(|s| ResponseStatus::parse(&s)));
    let answer = RwSignal::new(sent_value(&answer_id, "answer").unwrap_or_default());
    let error = RwSignal::new(
        [&reason_id, &answer_id, &restore_id]
            .into_iter()
            .find_map(|form| form_mistake(form)),
    );
    let said = RwSignal::new(String::new());
    let act = Action::new_local(move |step: &HostStep| {
        let step = step.clone();
        async move {
            match step {
                HostStep::Moderate(verb, reason) => {
                    api::moderate(id, verb, reason).await.map(|c| {
                        (
                            c,
                            match verb {
                                ModerationVerb::Hide => t(M::CommentHidden),
                                ModerationVerb::Restore => t(M::CommentRestored),
                                ModerationVerb::Dismiss => t(M::FlagsDismissed),
                            },
                            verb != ModerationVerb::Restore,
                        )
                    })
                }
                HostStep::Respond(status, body) => api::respond(id, status, body)
                    .await
                    .map(|c| (c, t(M::ResponsePosted), false)),
            }
        }
    });
    let said_at = said_id.clone();
    let respond_action = action.clone();
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            match result {
                Ok((changed, message, flags_decided)) => {
                    comment.set(changed);
                    if flags_decided {
                        open_flags.set(0);
                    }
                    error.set(None);
                    said.set(message.to_string());
                    decided.run(message.to_string());
                    // The forms it was decided with may be gone: the
                    // reader stays here, on what was said.
                    if let Some(element) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(&said_at))
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                        })
                    {
                        let _ = element.focus();
                    }
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    let c = comment.get_untracked();
    let thread = format!(
        "/topics/{topic}?comments={}#comment-{id}",
        encode_component(&c.section)
    );
    let author = format::author(&c.author);
    view! {
        <article class="queue-item" id=format!("item-{id}") aria-label=tf(M::CommentByOn, &[("name", &author), ("place", &place)])>
            <p class="comment-meta"><strong>{author.clone()}</strong> " " {t(M::OnPlace)} " " {place.clone()}
                " · " <a href=format!("/topics/{topic}")>{topic_title}</a>
                " · " {format::date_time(c.created_at, &zone)}
                " · " <a href=thread.clone()>{t(M::OpenThread)}</a></p>
            <p class="badges">{move || badges(&comment.get(), open_flags.get())}</p>
            {move || comment.with(|c| c.hidden.as_ref().map(|h| view! { <p class="placeholder">{tf(M::HiddenReason, &[("reason", &h.reason)])}</p> }))}
            {c.withdrawn.then(|| view! { <p class="placeholder">{t(M::WithdrawnByAuthor)}</p> })}
            {c.quote.clone().map(|q| view! { <blockquote class="quote">{q.exact}</blockquote> })}
            <Prose html=c.body_html.clone()/>
            {move || comment.with(|c| c.official_response.as_ref().map(|r| view! {
                <div class="official-response"><p class="meta">{tf(M::OfficialResponseStatus, &[("status", t(r.status.msg()))])}</p>
                    <Prose html=r.body_html.clone()/></div>
            }))}
            {(!flags.is_empty()).then(|| view! {
                <ul class="flags">
                    {flags.into_iter().map(|f| view! {
                        <li>{tf(M::FlaggedReason, &[("reason", &f.reason)])}{f.resolved.then(|| format!(" {}", t(M::FlagDecided)))}</li>
                    }).collect_view()}
                </ul>
            })}
            <p class="said" id=said_id tabindex="-1">{move || said.get()}</p>
            {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {move || {
                let c = comment.get();
                let answerable = !c.withdrawn && c.official_response.is_none() && c.hidden.is_none();
                let (answer_id, status_id, action) = (answer_id.clone(), status_id.clone(), respond_action.clone());
                answerable.then(|| view! {
                    <form class="inline-form respond-form" method="post" action=action on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        match status.get() {
                            Some(s) => { act.dispatch(HostStep::Respond(s, answer.get())); }
                            None => error.set(Some(t(M::ChooseResponseStatus).to_string())),
                        }
                    }>
                        <Doing what="respond" form=answer_id.clone() comment=id/>
                        <label for=status_id.clone()>{t(M::OfficialResponse)}</label>
                        <select id=status_id name="status" on:change=move |ev| {
                            status.set(ResponseStatus::parse(&event_target_value(&ev)));
                        }>
                            <option value="" selected=move || status.get().is_none()>{t(M::ChooseStatus)}</option>
                            {ResponseStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=move || status.get() == Some(s)>{t(s.msg())}</option>
                            }).collect_view()}
                        </select>
                        <label for=answer_id.clone()>{t(M::YourAnswer)}</label>
                        <textarea id=answer_id.clone() name="answer" rows="3" prop:value=move || answer.get()
                            on:input=move |ev| answer.set(event_target_value(&ev))>{server_text(answer)}</textarea>
                        <button type="submit">{t(M::PostOfficialResponse)}</button>
                    </form>
                })
            }}
            {move || {
                let c = comment.get();
                let (reason_id, restore_id, action) = (reason_id.clone(), restore_id.clone(), action.clone());
                if c.withdrawn {
                    None
                } else if c.hidden.is_some() {
                    Some(view! {
                        <form method="post" action=action on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            act.dispatch(HostStep::Moderate(ModerationVerb::Restore, None));
                        }>
                            <Doing what="restore" form=restore_id comment=id/>
                            <button type="submit">{t(M::Restore)}</button>
                        </form>
                    }.into_any())
                } else {
                    Some(view! {
                        <form class="inline-form" method="post" action=action on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            act.dispatch(HostStep::Moderate(ModerationVerb::Hide, Some(reason.get())));
                        }>
                            // What it does is the button pressed (Enter in
                            // the reason presses the first: hide).
                            <Token/>
                            <input type="hidden" name="form" value=reason_id.clone()/>
                            <input type="hidden" name="comment" value=id.to_string()/>
                            <label for=reason_id.clone()>{t(M::HideReason)}</label>
                            <input id=reason_id.clone() name="reason" type="text" maxlength="500"
                                value=reason.get_untracked() prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                            <button type="submit" name="do" value="hide" class="secondary">{t(M::Hide)}</button>
                            {move || (open_flags.get() > 0).then(|| view! {
                                <button type="submit" name="do" value="dismiss" class="secondary" on:click=move |ev| {
                                    ev.prevent_default();
                                    act.dispatch(HostStep::Moderate(ModerationVerb::Dismiss, None));
                                }>{t(M::KeepDismiss)}</button>
                            })}
                        </form>
                    }.into_any())
                }
            }}
        </article>
    }
}

/// What a comment in the queue is now, in a few words each.
fn badges(c: &Comment, open_flags: i64) -> String {
    let mut said = Vec::new();
    if open_flags > 0 {
        said.push(tf(M::BadgeFlags, &[("n", &open_flags.to_string())]));
    }
    if let Some(response) = &c.official_response {
        said.push(tf(
            M::BadgeAnswered,
            &[("status", t(response.status.msg()))],
        ));
    } else if c.hidden.is_none() && !c.withdrawn {
        said.push(t(M::BadgeAwaiting).to_string());
    }
    if c.hidden.is_some() {
        said.push(t(M::BadgeHidden).to_string());
    }
    said.join(" · ")
}

#[derive(Clone)]
enum HostStep {
    Moderate(ModerationVerb, Option<String>),
    Respond(ResponseStatus, String),
}

#[component]
fn UpdateForm(slug: String, done: Callback<String>) -> impl IntoView {
    let title = RwSignal::new(sent_value("update-heading", "title").unwrap_or_default());
    let body = RwSignal::new(sent_value("update-heading", "body").unwrap_or_default());
    // Its Spanish, for those who read Pulse in Spanish.
    let title_es = RwSignal::new(sent_value("update-heading", "title-es").unwrap_or_default());
    let body_es = RwSignal::new(sent_value("update-heading", "body-es").unwrap_or_default());
    let error = RwSignal::new(form_mistake("update-heading"));
    let here = format!("/topics/{slug}/host");
    let post = Action::new_local(move |update: &NewUpdate| {
        let (slug, update) = (slug.clone(), update.clone());
        async move { api::post_update(&slug, &update).await }
    });
    Effect::new(move |_| {
        if let Some(result) = post.value().get() {
            match result {
                Ok(_) => {
                    for field in [title, body, title_es, body_es] {
                        field.set(String::new());
                    }
                    error.set(None);
                    done.run(t(M::UpdatePosted).into());
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    view! {
        <section aria-labelledby="update-title">
            <h2 id="update-title">{t(M::PostAnUpdate)}</h2>
            <form class="inline-form" method="post" action=here on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                post.dispatch(NewUpdate::from_form(title.get(), body.get(), Lang::Es, (title_es.get(), body_es.get())));
            }>
                <Doing what="update" form="update-heading".to_string()/>
                <label for="update-heading">{t(M::UpdateHeading)}</label>
                <input id="update-heading" name="title" type="text" maxlength="200"
                    value=title.get_untracked() prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <label for="update-body">{t(M::UpdateText)}</label>
                <textarea id="update-body" name="body" rows="6" prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))>{server_text(body)}</textarea>
                <details class="translation-fields" open=move || !(title_es.get().is_empty() && body_es.get().is_empty())>
                    <summary>{t(M::UpdateInSpanish)}</summary>
                    <label for="update-heading-es">{t(M::UpdateHeadingEs)}</label>
                    <input id="update-heading-es" name="title-es" type="text" maxlength="200" lang="es"
                        value=title_es.get_untracked() prop:value=move || title_es.get()
                        on:input=move |ev| title_es.set(event_target_value(&ev))/>
                    <label for="update-body-es">{t(M::UpdateTextEs)}</label>
                    <textarea id="update-body-es" name="body-es" rows="6" lang="es" prop:value=move || body_es.get()
                        on:input=move |ev| body_es.set(event_target_value(&ev))>{server_text(body_es)}</textarea>
                </details>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit">{t(M::PostUpdate)}</button>
            </form>
        </section>
    }
}

/// The dates residents see on the topic page and in its calendar: a
/// council meeting, a public hearing. The time is entered on the topic's
/// clock, named beside the field, whatever this computer's zone: the form
/// sends the wall time and the server finds the instant (asking, for the
/// hour the clocks go back, which of the two is meant).
///
/// `here` is where the forms are sent without the app: the desk's topic
/// page, or the topic's edit page.
#[component]
pub fn DatesForm(
    slug: String,
    zone: String,
    dates: Vec<TopicDate>,
    here: String,
    done: Callback<String>,
) -> impl IntoView {
    let dates = RwSignal::new(dates);
    let title = RwSignal::new(sent_value("date-title", "title").unwrap_or_default());
    let when = RwSignal::new(sent_value("date-title", "when").unwrap_or_default());
    // Which of two times is meant: asked once the server said the time
    // happens twice that night ("ask", sent back without the app).
    let sent_fold = sent_value("date-title", "fold").unwrap_or_default();
    let asks_fold = RwSignal::new(!sent_fold.is_empty());
    let fold = RwSignal::new(if sent_fold == "ask" {
        String::new()
    } else {
        sent_fold
    });
    let place = RwSignal::new(sent_value("date-title", "place").unwrap_or_default());
    let error = RwSignal::new(form_mistake("date-title"));
    let remove_here = StoredValue::new(here.clone());
    let slug = StoredValue::new(slug);
    let add = Action::new_local(move |date: &NewTopicDate| {
        let date = date.clone();
        async move { api::add_date(&slug.get_value(), &date).await }
    });
    let remove = Action::new_local(move |id: &i64| {
        let id = *id;
        async move { api::remove_date(&slug.get_value(), id).await }
    });
    Effect::new(move |_| {
        let added = add.value().get().map(|result| {
            result.map_err(|refused| {
                if refused.fields.iter().any(|(field, _)| field == "fold") {
                    asks_fold.set(true);
                }
                refused.summary
            })
        });
        for (result, message) in [
            (added, t(M::DateAdded)),
            (remove.value().get(), t(M::DateRemoved)),
        ] {
            match result {
                Some(Ok(topic)) => {
                    dates.set(topic.dates);
                    title.set(String::new());
                    when.set(String::new());
                    place.set(String::new());
                    fold.set(String::new());
                    asks_fold.set(false);
                    error.set(None);
                    done.run(message.into());
                }
                Some(Err(m)) => error.set(Some(m)),
                None => {}
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let place = place.get();
        let fold = fold.get();
        add.dispatch(NewTopicDate {
            title: title.get(),
            starts_at: None,
            starts_local: Some(when.get()),
            fold: (!fold.is_empty()).then_some(fold),
            place: (!place.trim().is_empty()).then_some(place),
        });
    };

    view! {
        <section aria-labelledby="dates-title">
            <h2 id="dates-title">{t(M::Dates)}</h2>
            <p>{t(M::DatesLead)}</p>
            {move || if dates.with(Vec::is_empty) {
                view! { <p class="empty">{t(M::NoDates)}</p> }.into_any()
            } else {
                view! {
                    <ul class="following">
                        {dates.get().into_iter().map(|d| {
                            let id = d.id;
                            view! {
                                <li>
                                    <span>{format!("{} — {}", d.title, d.starts_on)}{d.place.map(|p| format!(", {p}"))}</span>
                                    <form method="post" action=remove_here.get_value() on:submit=move |ev: leptos::ev::SubmitEvent| {
                                        ev.prevent_default();
                                        remove.dispatch(id);
                                    }>
                                        <Doing what="remove-date" form=format!("remove-date-{id}")/>
                                        <input type="hidden" name="date" value=id.to_string()/>
                                        <button type="submit" class="secondary" aria-label=tf(M::RemoveDate, &[("title", &d.title)])>{t(M::Remove)}</button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="inline-form" method="post" action=here on:submit=submit>
                <Doing what="add-date" form="date-title".to_string()/>
                <label for="date-title">{t(M::DateWhat)}</label>
                <input id="date-title" name="title" type="text" maxlength="200"
                    value=title.get_untracked() prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <label for="date-when">{tf(M::DateWhenIn, &[("zone", &zone)])}</label>
                <input id="date-when" name="when" type="datetime-local" aria-describedby="date-when-hint"
                    value=when.get_untracked() prop:value=move || when.get()
                    on:input=move |ev| when.set(event_target_value(&ev))/>
                <p class="hint" id="date-when-hint">{tf(M::DateWhenHint, &[("zone", &zone)])}</p>
                {move || asks_fold.get().then(|| view! {
                    <label for="date-fold">{t(M::DateFold)}</label>
                    <select id="date-fold" name="fold" on:change=move |ev| fold.set(event_target_value(&ev))>
                        <option value="" selected=move || fold.get().is_empty()>{t(M::DateFoldChoose)}</option>
                        <option value="earlier" selected=move || fold.get() == "earlier">{t(M::DateFoldEarlier)}</option>
                        <option value="later" selected=move || fold.get() == "later">{t(M::DateFoldLater)}</option>
                    </select>
                })}
                <label for="date-place">{t(M::DateWhere)}</label>
                <input id="date-place" name="place" type="text" maxlength="200"
                    value=place.get_untracked() prop:value=move || place.get()
                    on:input=move |ev| place.set(event_target_value(&ev))/>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit">{t(M::AddDate)}</button>
            </form>
        </section>
    }
}
