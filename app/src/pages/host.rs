//! The topic host's tools: flagged comments first (hide with a reason, or
//! keep), comments awaiting an official response, hidden comments (restore),
//! posting an update, the topic's dates (council meetings, in its calendar),
//! and the topic's audit log. The server decides who may
//! use them; others are told so.

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::format;
use crate::i18n::{t, tf};
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::Timestamp;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{
    ModerationItem, ModerationVerb, NewTopicDate, NewUpdate, ResponseStatus, TopicDate,
};

#[component]
pub fn HostPage(slug: String) -> impl IntoView {
    set_title(t(M::HostTools));
    let auth = Auth::get();
    let reload = RwSignal::new(0u32);
    let announce = RwSignal::new(String::new());
    let data = {
        let slug = slug.clone();
        LocalResource::new(move || {
            reload.track();
            auth.account.track();
            let slug = slug.clone();
            async move {
                let topic = api::topic(&slug).await?;
                let queue = api::moderation(&slug).await?;
                let audit = api::audit(&slug).await?;
                Ok::<_, String>((topic, queue, audit))
            }
        })
    };
    let done = Callback::new(move |message: String| {
        announce.set(message);
        reload.update(|n| *n += 1);
    });
    let here = format!("/topics/{slug}/host");
    view! {
        <h1>{t(M::HostTools)}</h1>
        <p role="status" class="visually-hidden-status">{move || announce.get()}</p>
        <Suspense fallback=|| view! { <p class="loading">{t(M::Loading)}</p> }>
            {move || {
                let here = here.clone();
                data.get().inspect(|_| crate::app::ready_after_render()).map(|result| match result {
                    Err(message) if auth.known.get() && auth.account.get().is_none() => view! {
                        <p class="notice">{message} " "
                            <a href=with_next("/sign-in", &here)>{t(M::SignInAsHost)}</a></p>
                    }.into_any(),
                    Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Ok((topic, queue, audit)) => {
                        set_title(&tf(M::HostToolsFor, &[("topic", &topic.title)]));
                        let zone = topic.time_zone.clone();
                        let slug = topic.slug.clone();
                        let list = move |items: Vec<ModerationItem>, empty: &'static str, zone: String| {
                            if items.is_empty() {
                                view! { <p class="empty">{empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="queue">
                                        {items.into_iter().map(|item| view! { <li><QueueItem item zone=zone.clone() done/></li> }).collect_view()}
                                    </ol>
                                }.into_any()
                            }
                        };
                        // A flagged comment is decided on in the first list only.
                        let awaiting: Vec<ModerationItem> =
                            queue.awaiting_response.into_iter().filter(|i| i.open_flags == 0).collect();
                        view! {
                            <p class="lead"><a href=format!("/topics/{slug}")>{topic.title.clone()}</a>
                                " · " <a href=format!("/topics/{slug}/report")>{t(M::ReportForCouncil)}</a></p>
                            <section aria-labelledby="flagged-title">
                                <h2 id="flagged-title">{tf(M::FlaggedByResidents, &[("n", &queue.flagged.len().to_string())])}</h2>
                                {list(queue.flagged, t(M::NoFlagged), zone.clone())}
                            </section>
                            <section aria-labelledby="awaiting-title">
                                <h2 id="awaiting-title">{tf(M::AwaitingResponse, &[("n", &awaiting.len().to_string())])}</h2>
                                {list(awaiting, t(M::AllAnswered), zone.clone())}
                            </section>
                            <section aria-labelledby="hidden-title">
                                <h2 id="hidden-title">{tf(M::HiddenCount, &[("n", &queue.hidden.len().to_string())])}</h2>
                                {list(queue.hidden, t(M::NoneHidden), zone.clone())}
                            </section>
                            <UpdateForm slug=slug.clone() done/>
                            <DatesForm slug=slug.clone() dates=topic.dates.clone() done/>
                            <section aria-labelledby="audit-title">
                                <h2 id="audit-title">{t(M::AuditTitle)}</h2>
                                <ol class="audit">
                                    {audit.entries.into_iter().map(|e| {
                                        let what = [e.subject, e.reason, e.comment_id.map(|id| tf(M::AuditComment, &[("id", &id.to_string())]))]
                                            .into_iter().flatten().collect::<Vec<_>>().join(" · ");
                                        view! {
                                            <li><span class="meta">{format::date_time(e.at, &zone)}</span> " "
                                                <strong>{e.action.replace('_', " ")}</strong> " " {t(M::AuditBy)} " " {e.actor}
                                                {(!what.is_empty()).then(|| format!(" — {what}"))}</li>
                                        }
                                    }).collect_view()}
                                </ol>
                            </section>
                        }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

/// A comment in a queue with the host's decisions on it.
#[component]
fn QueueItem(item: ModerationItem, zone: String, done: Callback<String>) -> impl IntoView {
    let c = item.comment;
    let id = c.id;
    let reason = RwSignal::new(String::new());
    let status = RwSignal::new(ResponseStatus::Answered);
    let answer = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let act = Action::new_local(move |step: &HostStep| {
        let step = step.clone();
        async move {
            match step {
                HostStep::Moderate(verb, reason) => {
                    api::moderate(id, verb, reason).await.map(|_| match verb {
                        ModerationVerb::Hide => t(M::CommentHidden),
                        ModerationVerb::Restore => t(M::CommentRestored),
                        ModerationVerb::Dismiss => t(M::FlagsDismissed),
                    })
                }
                HostStep::Respond(status, body) => api::respond(id, status, body)
                    .await
                    .map(|_| t(M::ResponsePosted)),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(result) = act.value().get() {
            match result {
                Ok(message) => done.run(message.to_string()),
                Err(message) => error.set(Some(message)),
            }
        }
    });
    let hidden = c.hidden.is_some();
    let withdrawn = c.withdrawn;
    let open_flags = item.open_flags;
    let answered = c.official_response.is_some();
    let reason_id = format!("reason-{id}");
    let status_id = format!("status-{id}");
    let answer_id = format!("answer-{id}");
    view! {
        <article class="queue-item" aria-label=tf(M::CommentByOn, &[("name", &format::author(&c.author)), ("place", &item.place)])>
            <p class="comment-meta"><strong>{format::author(&c.author)}</strong> " " {t(M::OnPlace)} " " {item.place.clone()}
                " · " {format::date_time(c.created_at, &zone)}</p>
            {c.hidden.as_ref().map(|h| view! { <p class="placeholder">{tf(M::HiddenReason, &[("reason", &h.reason)])}</p> })}
            {withdrawn.then(|| view! { <p class="placeholder">{t(M::WithdrawnByAuthor)}</p> })}
            {c.quote.map(|q| view! { <blockquote class="quote">{q.exact}</blockquote> })}
            <Prose html=c.body_html/>
            {(!item.flags.is_empty()).then(|| view! {
                <ul class="flags">
                    {item.flags.into_iter().map(|f| view! {
                        <li>{tf(M::FlaggedReason, &[("reason", &f.reason)])}{f.resolved.then(|| format!(" {}", t(M::FlagDecided)))}</li>
                    }).collect_view()}
                </ul>
            })}
            {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {if hidden {
                view! {
                    <button type="button" on:click=move |_| { act.dispatch(HostStep::Moderate(ModerationVerb::Restore, None)); }>{t(M::Restore)}</button>
                }.into_any()
            } else {
                view! {
                    <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        act.dispatch(HostStep::Moderate(ModerationVerb::Hide, Some(reason.get())));
                    }>
                        <label for=reason_id.clone()>{t(M::HideReason)}</label>
                        <input id=reason_id type="text" maxlength="500" prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <button type="submit">{t(M::Hide)}</button>
                        {(open_flags > 0).then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| {
                                act.dispatch(HostStep::Moderate(ModerationVerb::Dismiss, None));
                            }>{t(M::KeepDismiss)}</button>
                        })}
                    </form>
                }.into_any()
            }}
            {(!withdrawn && !answered).then(|| view! {
                <form class="inline-form respond-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    act.dispatch(HostStep::Respond(status.get(), answer.get()));
                }>
                    <label for=status_id.clone()>{t(M::OfficialResponse)}</label>
                    <select id=status_id on:change=move |ev| {
                        if let Some(s) = ResponseStatus::parse(&event_target_value(&ev)) {
                            status.set(s);
                        }
                    }>
                        {ResponseStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s>{t(s.msg())}</option>
                        }).collect_view()}
                    </select>
                    <label for=answer_id.clone()>{t(M::YourAnswer)}</label>
                    <textarea id=answer_id rows="3" prop:value=move || answer.get()
                        on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                    <button type="submit">{t(M::PostOfficialResponse)}</button>
                </form>
            })}
        </article>
    }
}

#[derive(Clone)]
enum HostStep {
    Moderate(ModerationVerb, Option<String>),
    Respond(ResponseStatus, String),
}

#[component]
fn UpdateForm(slug: String, done: Callback<String>) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let post = Action::new_local(move |update: &NewUpdate| {
        let (slug, update) = (slug.clone(), update.clone());
        async move { api::post_update(&slug, &update).await }
    });
    Effect::new(move |_| {
        if let Some(result) = post.value().get() {
            match result {
                Ok(_) => {
                    title.set(String::new());
                    body.set(String::new());
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
            <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                post.dispatch(NewUpdate { title: title.get(), body: body.get() });
            }>
                <label for="update-heading">{t(M::UpdateHeading)}</label>
                <input id="update-heading" type="text" maxlength="200" prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <label for="update-body">{t(M::UpdateText)}</label>
                <textarea id="update-body" rows="6" prop:value=move || body.get()
                    on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit">{t(M::PostUpdate)}</button>
            </form>
        </section>
    }
}

/// The dates residents see on the topic page and in its calendar: a
/// council meeting, a public hearing. Added in this computer's time zone.
#[component]
fn DatesForm(slug: String, dates: Vec<TopicDate>, done: Callback<String>) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
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
        for (result, message) in [
            (add.value().get(), t(M::DateAdded)),
            (remove.value().get(), t(M::DateRemoved)),
        ] {
            match result {
                Some(Ok(_)) => {
                    title.set(String::new());
                    when.set(String::new());
                    place.set(String::new());
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
        // `datetime-local` is a wall time here; the browser knows the zone.
        let ms = js_sys::Date::new(&when.get().into()).get_time();
        if ms.is_nan() {
            error.set(Some(t(M::GiveDate).into()));
            return;
        }
        let place = place.get();
        add.dispatch(NewTopicDate {
            title: title.get(),
            starts_at: Timestamp((ms / 1000.0) as i64),
            place: (!place.trim().is_empty()).then_some(place),
        });
    };
    view! {
        <section aria-labelledby="dates-title">
            <h2 id="dates-title">{t(M::Dates)}</h2>
            <p>{t(M::DatesLead)}</p>
            {if dates.is_empty() {
                view! { <p class="empty">{t(M::NoDates)}</p> }.into_any()
            } else {
                view! {
                    <ul class="following">
                        {dates.into_iter().map(|d| {
                            let id = d.id;
                            view! {
                                <li>
                                    <span>{format!("{} — {}", d.title, d.starts_on)}{d.place.map(|p| format!(", {p}"))}</span>
                                    <button type="button" class="secondary" aria-label=tf(M::RemoveDate, &[("title", &d.title)])
                                        on:click=move |_| { remove.dispatch(id); }>{t(M::Remove)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="inline-form" on:submit=submit>
                <label for="date-title">{t(M::DateWhat)}</label>
                <input id="date-title" type="text" maxlength="200" prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))/>
                <label for="date-when">{t(M::DateWhen)}</label>
                <input id="date-when" type="datetime-local" prop:value=move || when.get()
                    on:input=move |ev| when.set(event_target_value(&ev))/>
                <label for="date-place">{t(M::DateWhere)}</label>
                <input id="date-place" type="text" maxlength="200" prop:value=move || place.get()
                    on:input=move |ev| place.set(event_target_value(&ev))/>
                {move || error.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit">{t(M::AddDate)}</button>
            </form>
        </section>
    }
}
