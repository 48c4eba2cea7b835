//! The topic host's tools: flagged comments first (hide with a reason, or
//! keep), comments awaiting an official response, hidden comments (restore),
//! posting an update, the topic's dates (council meetings, in its calendar),
//! and the topic's audit log. The server decides who may
//! use them; others are told so.
//!
//! The server renders the page whole ([`HostKnown`]); each decision is a
//! form posting to the page with its `do` (`hide`, `dismiss`, `restore`,
//! `respond`, `update`, `add-date`, `remove-date`), answered with `303`
//! back to the page saying what was done (`?done=`), or the page again
//! with the form's mistake.

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::format;
use crate::forms::{Doing, Token, form_mistake, sent_value, server_text};
use crate::i18n::{t, tf};
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::wire::{
    AuditLog, ModerationItem, ModerationQueue, ModerationVerb, NewTopicDate, NewUpdate,
    ResponseStatus, Topic, TopicDate,
};

/// What the host's page shows, as the server found it for its first view:
/// the topic, its queues and its audit log, or why not.
#[derive(Clone)]
pub struct HostKnown(pub Result<(Topic, ModerationQueue, AuditLog), String>);

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

#[component]
pub fn HostPage(slug: String) -> impl IntoView {
    set_title(t(M::HostTools));
    let auth = Auth::get();
    let reload = RwSignal::new(0u32);
    let location = crate::nav::use_location();
    let announce = RwSignal::new(
        crate::nav::query_value(&location.query.get_untracked(), "done")
            .and_then(|done| done_message(&done))
            .unwrap_or_default()
            .to_string(),
    );
    // The server renders what it found; the app fetches its own.
    let known = use_context::<HostKnown>();
    let fetched = crate::LIVE.then(|| {
        let slug = slug.clone();
        LocalResource::new(move || {
            reload.track();
            auth.account.track();
            let slug = slug.clone();
            async move {
                let topic = api::topic(&slug, false, None).await?;
                let queue = api::moderation(&slug).await?;
                let audit = api::audit(&slug).await?;
                Ok::<_, String>((topic, queue, audit))
            }
        })
    });
    // What is shown: the server's, or the app's latest, kept while the
    // next is fetched (after each decision), so nothing is drawn again
    // until it has come.
    let shown = RwSignal::new(known.map(|HostKnown(found)| found));
    Effect::new(move |_| {
        if let Some(found) = fetched.and_then(|f| f.get()) {
            shown.set(Some(found));
        }
    });
    let data = move || shown.get();
    // The update form stays while the lists are drawn again: what is being
    // typed there is not lost to a decision taken meanwhile.
    let allowed = Memo::new(move |_| shown.with(|s| matches!(s, Some(Ok(_)))));
    let update_slug = slug.clone();
    let done = Callback::new(move |message: String| {
        announce.set(message);
        reload.update(|n| *n += 1);
    });
    let here = format!("/topics/{slug}/host");
    // A decision sent before the app had loaded, refused: at the top.
    let mistakes = RwSignal::new(crate::pages::account_form::Mistakes::sent_as_named());
    view! {
        <h1>{t(M::HostTools)}</h1>
        <crate::pages::account_form::ErrorSummary mistakes id="host-errors"/>
        <p role="status" class="notice host-done">{move || announce.get()}</p>
            {move || {
                let here = here.clone();
                let Some(result) = data() else {
                    return view! { <p class="loading">{t(M::Loading)}</p> }.into_any();
                };
                crate::app::ready_after_render();
                match result {
                    Err(message) if auth.known.get() && auth.account.get().is_none() => view! {
                        <p class="notice">{message} " "
                            <a href=with_next("/sign-in", &here)>{t(M::SignInAsHost)}</a></p>
                    }.into_any(),
                    Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Ok((topic, queue, _)) => {
                        set_title(&tf(M::HostToolsFor, &[("topic", &topic.title)]));
                        let zone = topic.time_zone.clone();
                        let slug = topic.slug.clone();
                        let here = format!("/topics/{slug}/host");
                        let list = move |items: Vec<ModerationItem>, empty: &'static str, zone: String| {
                            if items.is_empty() {
                                view! { <p class="empty">{empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="queue">
                                        {items.into_iter().map(|item| view! { <li><QueueItem item zone=zone.clone() here=here.clone() done/></li> }).collect_view()}
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
                        }.into_any()
                    }
                }
            }}
            {move || allowed.get().then(|| view! { <UpdateForm slug=update_slug.clone() done/> })}
            {move || data().and_then(Result::ok).map(|(topic, _, audit)| {
                let zone = topic.time_zone.clone();
                view! {
                    <DatesForm slug=topic.slug.clone() dates=topic.dates.clone() done/>
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
            })}
    }
}

/// A comment in a queue with the host's decisions on it.
#[component]
fn QueueItem(
    item: ModerationItem,
    zone: String,
    /// The host's page, where its forms post.
    here: String,
    done: Callback<String>,
) -> impl IntoView {
    let c = item.comment;
    let id = c.id;
    let reason_id = format!("reason-{id}");
    let status_id = format!("status-{id}");
    let answer_id = format!("answer-{id}");
    let restore_id = format!("restore-{id}");
    let reason = RwSignal::new(sent_value(&reason_id, "reason").unwrap_or_default());
    let status = RwSignal::new(
        sent_value(&answer_id, "status")
            .and_then(|s| ResponseStatus::parse(&s))
            .unwrap_or(ResponseStatus::Answered),
    );
    let answer = RwSignal::new(sent_value(&answer_id, "answer").unwrap_or_default());
    let error = RwSignal::new(
        [&reason_id, &answer_id, &restore_id]
            .into_iter()
            .find_map(|form| form_mistake(form)),
    );
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
    let respond_here = here.clone();
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
                    <form method="post" action=here.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        act.dispatch(HostStep::Moderate(ModerationVerb::Restore, None));
                    }>
                        <Doing what="restore" form=restore_id.clone() comment=id/>
                        <button type="submit">{t(M::Restore)}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <form class="inline-form" method="post" action=here.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        act.dispatch(HostStep::Moderate(ModerationVerb::Hide, Some(reason.get())));
                    }>
                        // What it does is the button pressed (Enter in the
                        // reason presses the first: hide).
                        <Token/>
                        <input type="hidden" name="form" value=reason_id.clone()/>
                        <input type="hidden" name="comment" value=id.to_string()/>
                        <label for=reason_id.clone()>{t(M::HideReason)}</label>
                        <input id=reason_id.clone() name="reason" type="text" maxlength="500"
                            value=reason.get_untracked() prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <button type="submit" name="do" value="hide">{t(M::Hide)}</button>
                        {(open_flags > 0).then(|| view! {
                            <button type="submit" name="do" value="dismiss" class="secondary" on:click=move |ev| {
                                ev.prevent_default();
                                act.dispatch(HostStep::Moderate(ModerationVerb::Dismiss, None));
                            }>{t(M::KeepDismiss)}</button>
                        })}
                    </form>
                }.into_any()
            }}
            {(!withdrawn && !answered).then(|| view! {
                <form class="inline-form respond-form" method="post" action=respond_here.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    act.dispatch(HostStep::Respond(status.get(), answer.get()));
                }>
                    <Doing what="respond" form=answer_id.clone() comment=id/>
                    <label for=status_id.clone()>{t(M::OfficialResponse)}</label>
                    <select id=status_id name="status" on:change=move |ev| {
                        if let Some(s) = ResponseStatus::parse(&event_target_value(&ev)) {
                            status.set(s);
                        }
                    }>
                        {ResponseStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s>{t(s.msg())}</option>
                        }).collect_view()}
                    </select>
                    <label for=answer_id.clone()>{t(M::YourAnswer)}</label>
                    <textarea id=answer_id.clone() name="answer" rows="3" prop:value=move || answer.get()
                        on:input=move |ev| answer.set(event_target_value(&ev))>{server_text(answer)}</textarea>
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
/// council meeting, a public hearing. Added in this computer's time zone
/// by the app; sent without it, in the topic's, by the server.
#[component]
fn DatesForm(slug: String, dates: Vec<TopicDate>, done: Callback<String>) -> impl IntoView {
    let title = RwSignal::new(sent_value("date-title", "title").unwrap_or_default());
    let when = RwSignal::new(sent_value("date-title", "when").unwrap_or_default());
    let place = RwSignal::new(sent_value("date-title", "place").unwrap_or_default());
    let error = RwSignal::new(form_mistake("date-title"));
    let here = format!("/topics/{slug}/host");
    let remove_here = here.clone();
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
                                    <form method="post" action=remove_here.clone() on:submit=move |ev: leptos::ev::SubmitEvent| {
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
                <label for="date-when">{t(M::DateWhen)}</label>
                <input id="date-when" name="when" type="datetime-local"
                    value=when.get_untracked() prop:value=move || when.get()
                    on:input=move |ev| when.set(event_target_value(&ev))/>
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
