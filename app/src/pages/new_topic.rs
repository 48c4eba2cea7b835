//! A new topic, in the browser (`/admin/topics/new`, admins): every field
//! a topic file has, its dates entered on the topic's own clock, and its
//! draft in Markdown with a preview as residents will see it — numbered
//! sections and their anchors — as it is typed. It is saved unpublished
//! unless "publish at once" is ticked, and opens as its preview.
//!
//! The form posts to the server with or without the app (the same checks
//! as the API's, in one place: `topic_setup`); a refusal comes back with
//! each mistake above the form, linked to its field, and beside it.

use crate::app::set_title;
use crate::forms::{Token, sent};
use crate::i18n::{t, tf};
use crate::pages::account_form::{Area, ErrorSummary, Field, Mistakes};
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::i18n::Lang;
use pulse_api::i18n::Msg as M;
use pulse_api::sections;
use pulse_api::wire::{Document, NewPoll, PollKind, TopicSetup, TopicTranslation};

/// The form's fields, by name (and id): the server keeps them when it
/// sends the form back refused.
pub const FIELDS: [&str; 21] = [
    "title",
    "slug",
    "summary",
    "opens_at",
    "closes_at",
    "time_zone",
    "results_rule",
    "host_name",
    "host_role",
    "host_phone",
    "host_email",
    "documents",
    "polls",
    "draft_title",
    "draft",
    "require_verified_email",
    "published",
    "translations_es_title",
    "translations_es_summary",
    "translations_es_draft_title",
    "translations_es_draft",
];

/// The form's field for a field the server names (`polls[1].options` is
/// the polls field).
fn field_id(field: &str) -> &'static str {
    // The host card's fields are `host.name` to the server, `host_name`
    // here (a dot would read as a class in a selector).
    let base = field
        .split(['[', ' '])
        .next()
        .unwrap_or(field)
        .replace('.', "_");
    FIELDS.into_iter().find(|f| *f == base).unwrap_or("")
}

/// Zones a city in the United States is likely in; any IANA zone is taken.
const ZONES: [&str; 7] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
];

#[component]
pub fn NewTopicPage() -> impl IntoView {
    set_title(t(M::NewTopic));
    view! { <TopicForm setup=None/> }
}

/// What the server found for a topic's edit form, or why not.
#[derive(Clone)]
pub struct EditTopicKnown(pub Result<TopicSetup, String>);

/// A topic's edit form (`/admin/topics/{slug}/edit`, admins): the new
/// topic's form filled in. Its address stays; its draft changes here only
/// while it is unpublished (after that by a revision), and its polls are
/// as they were created.
#[component]
pub fn EditTopicPage(slug: String) -> impl IntoView {
    set_title(t(M::EditTopicTitle));
    let known = use_context::<EditTopicKnown>();
    let fetched = crate::LIVE.then(|| {
        LocalResource::new(move || {
            let slug = slug.clone();
            async move { crate::api::topic_setup(&slug).await }
        })
    });
    move || {
        let found = match (&known, fetched) {
            (Some(EditTopicKnown(found)), _) => Some(found.clone()),
            (None, Some(fetched)) => fetched.get(),
            (None, None) => None,
        };
        match found {
            None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
            Some(Err(message)) => {
                crate::app::ready_after_render();
                view! { <crate::pages::not_found::Problem message/> }.into_any()
            }
            Some(Ok(setup)) => {
                crate::app::ready_after_render();
                let (slug, zone, dates) = (
                    setup.slug.clone(),
                    setup.time_zone.clone(),
                    setup.dates.clone(),
                );
                let here = format!("/admin/topics/{slug}/edit");
                // A date added or removed without the app comes back here
                // (`?done=`).
                let announce = RwSignal::new(
                    crate::nav::query_value(
                        &crate::nav::use_location().query.get_untracked(),
                        "done",
                    )
                    .and_then(|done| crate::pages::host::done_message(&done))
                    .unwrap_or_default()
                    .to_string(),
                );
                let done = Callback::new(move |message: String| announce.set(message));
                // A key date's form sent without the app, refused: its
                // mistake above all, as for any form.
                let date_mistakes = RwSignal::new(match crate::forms::Posted::get() {
                    Some(posted) if !posted.value("form").is_empty() => Mistakes::sent_as_named(),
                    Some(_) => Mistakes::default(),
                    None => Mistakes(crate::forms::first_view_mistakes_in("date-errors")),
                });
                view! {
                    <ErrorSummary mistakes=date_mistakes id="date-errors"/>
                    <TopicForm setup=Some(setup)/>
                    <p role="status" class="notice host-done">{move || announce.get()}</p>
                    <crate::pages::host::DatesForm slug zone dates here done/>
                }
                .into_any()
            }
        }
    }
}

/// A topic's documents as the form writes them: "Title | https://…" a line.
pub fn documents_text(documents: &[Document]) -> String {
    documents
        .iter()
        .map(|d| format!("{} | {}", d.title, d.url))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A topic's polls as the form writes them: the question (with
/// "[multiple]" and "[section: anchor]"), then "- " and each option; then,
/// for its Spanish, "[es] " and the question, and its options the same
/// way; a blank line between polls.
pub fn polls_text(polls: &[NewPoll]) -> String {
    polls
        .iter()
        .map(|poll| {
            let mut question = poll.question.clone();
            if poll.kind == PollKind::Multiple {
                question.push_str(" [multiple]");
            }
            if let Some(section) = &poll.section {
                question.push_str(&format!(" [section: {section}]"));
            }
            let mut lines = vec![question];
            lines.extend(poll.options.iter().map(|o| format!("- {o}")));
            for (lang, translation) in &poll.translations {
                lines.push(format!("[{}] {}", lang.code(), translation.question));
                lines.extend(translation.options.iter().map(|o| format!("- {o}")));
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The form, empty for a new topic or filled with `setup` for an edit.
#[component]
fn TopicForm(setup: Option<TopicSetup>) -> impl IntoView {
    // The form sent is this one, not one of the key dates' (which name
    // themselves by `form`).
    let sent_here = crate::forms::Posted::get().map(|p| p.value("form").is_empty());
    let mistakes = RwSignal::new(match sent_here {
        Some(true) => Mistakes::sent(field_id),
        Some(false) => Mistakes::default(),
        None => Mistakes(crate::forms::first_view_mistakes_in("new-topic-errors")),
    });
    let posted = sent_here == Some(true);
    let value =
        |name: &str, default: String| RwSignal::new(if posted { sent(name) } else { default });
    let from = |f: fn(&TopicSetup) -> String, default: &str| {
        setup.as_ref().map(f).unwrap_or_else(|| default.to_string())
    };
    let title = value("title", from(|s| s.title.clone(), ""));
    let slug = value("slug", from(|s| s.slug.clone(), ""));
    let summary = value("summary", from(|s| s.summary.clone(), ""));
    let opens = value("opens_at", from(|s| s.opens_local.clone(), ""));
    let closes = value("closes_at", from(|s| s.closes_local.clone(), ""));
    let zone = value(
        "time_zone",
        from(|s| s.time_zone.clone(), "America/Chicago"),
    );
    let rule = value(
        "results_rule",
        from(|s| s.results_rule.as_str().to_string(), "after_voting"),
    );
    let host_name = value("host_name", from(|s| s.host.name.clone(), ""));
    let host_role = value("host_role", from(|s| s.host.role.clone(), ""));
    let host_phone = value(
        "host_phone",
        from(|s| s.host.phone.clone().unwrap_or_default(), ""),
    );
    let host_email = value(
        "host_email",
        from(|s| s.host.email.clone().unwrap_or_default(), ""),
    );
    let documents = value("documents", from(|s| documents_text(&s.documents), ""));
    let polls = value("polls", from(|s| polls_text(&s.polls), ""));
    let draft_title = value("draft_title", from(|s| s.draft_title.clone(), ""));
    let draft = value("draft", from(|s| s.draft.clone(), ""));
    let spanish = |f: fn(&TopicTranslation) -> String| {
        setup
            .as_ref()
            .and_then(|s| s.translations.get(&Lang::Es))
            .map(f)
            .unwrap_or_default()
    };
    let title_es = value("translations_es_title", spanish(|t| t.title.clone()));
    let summary_es = value("translations_es_summary", spanish(|t| t.summary.clone()));
    let draft_title_es = value(
        "translations_es_draft_title",
        spanish(|t| t.draft_title.clone().unwrap_or_default()),
    );
    let draft_es = value(
        "translations_es_draft",
        spanish(|t| t.draft.clone().unwrap_or_default()),
    );
    let verified = if posted {
        !sent("require_verified_email").is_empty()
    } else {
        setup.as_ref().is_none_or(|s| s.require_verified_email)
    };
    let publish = posted && !sent("published").is_empty();
    let editing = setup.as_ref().map(|s| s.slug.clone());
    // A published topic's draft changes by a revision, not here.
    let draft_here = setup.as_ref().is_none_or(|s| !s.published);
    let (heading, lead, action, save) = match &setup {
        None => (
            t(M::NewTopic).to_string(),
            t(M::NewTopicLead).to_string(),
            "/admin/topics/new".to_string(),
            t(M::SaveTopic),
        ),
        Some(s) => (
            tf(M::EditTopic, &[("title", &s.title)]),
            t(M::EditTopicLead).to_string(),
            format!("/admin/topics/{}/edit", s.slug),
            t(M::SaveChanges),
        ),
    };
    let mistake = move |id: &'static str| move || mistakes.with(|m| m.of(id));
    let area = move |id: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     rows: &'static str,
                     value: RwSignal<String>| {
        view! { <Area id label hint rows value mistakes/> }
    };
    let new_polls = setup.is_none();
    // The polls people have voted in, which keep their question and options.
    let voted: Vec<String> = setup
        .as_ref()
        .map(|s| {
            s.polls
                .iter()
                .zip(&s.poll_ballots)
                .filter(|(_, n)| **n > 0)
                .map(|(p, _)| format!("“{}”", p.question))
                .collect()
        })
        .unwrap_or_default();
    view! {
        <h1>{heading}</h1>
        <p class="lead">{lead}</p>
        <ErrorSummary mistakes id="new-topic-errors"/>
        <form class="topic-form" method="post" action=action novalidate=true>
            <Token/>
            <fieldset>
                <legend>{t(M::NewTopicAbout)}</legend>
                <Field id="title" label=t(M::FieldTitle) kind="text" autocomplete="off" value=title mistakes/>
                {match editing.clone() {
                    None => view! {
                        <Field id="slug" label=t(M::FieldSlug) kind="text" autocomplete="off" value=slug mistakes hint=t(M::FieldSlugHint)/>
                    }.into_any(),
                    Some(slug) => view! {
                        <p class="hint">{t(M::FieldSlug)} ": " <a href=format!("/topics/{slug}")>{format!("/topics/{slug}")}</a> " " {t(M::FieldSlugFixed)}</p>
                    }.into_any(),
                }}
                {area("summary", t(M::FieldSummary), t(M::FieldMarkdownHint), "4", summary)}
            </fieldset>
            <fieldset>
                <legend>{t(M::NewTopicWhen)}</legend>
                <div class="field" class:field-invalid=move || mistake("time_zone")().is_some()>
                    <label for="time_zone">{t(M::FieldTimeZone)}</label>
                    <p class="hint" id="time_zone-hint">{t(M::FieldTimeZoneHint)}</p>
                    {move || mistake("time_zone")().map(|m| view! { <p class="field-error" id="time_zone-error">{m}</p> })}
                    <input id="time_zone" name="time_zone" type="text" list="zones" autocomplete="off" aria-describedby="time_zone-hint"
                        value=zone.get_untracked() prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev))/>
                    <datalist id="zones">{ZONES.into_iter().map(|z| view! { <option value=z></option> }).collect_view()}</datalist>
                </div>
                <Field id="opens_at" label=t(M::FieldOpens) kind="datetime-local" autocomplete="off" value=opens mistakes hint=t(M::FieldOnTopicClock)/>
                <Field id="closes_at" label=t(M::FieldCloses) kind="datetime-local" autocomplete="off" value=closes mistakes hint=t(M::FieldOnTopicClock)/>
            </fieldset>
            <fieldset>
                <legend>{t(M::NewTopicHost)}</legend>
                <Field id="host_name" label=t(M::FieldHostName) kind="text" autocomplete="off" value=host_name mistakes/>
                <Field id="host_role" label=t(M::FieldHostRole) kind="text" autocomplete="off" value=host_role mistakes/>
                <Field id="host_phone" label=t(M::FieldHostPhone) kind="tel" autocomplete="off" value=host_phone mistakes/>
                <Field id="host_email" label=t(M::FieldHostEmail) kind="email" autocomplete="off" value=host_email mistakes/>
            </fieldset>
            <fieldset>
                <legend>{t(M::NewTopicTakingPart)}</legend>
                <div class="field">
                    <label for="results_rule">{t(M::FieldResultsRule)}</label>
                    <select id="results_rule" name="results_rule" on:change=move |ev| rule.set(event_target_value(&ev))>
                        {[("always", M::RuleAlways), ("after_voting", M::RuleAfterVoting), ("after_close", M::RuleAfterClose)].into_iter().map(|(value, msg)| view! {
                            <option value=value selected=move || rule.get() == value>{t(msg)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <p class="check">
                    <input id="require_verified_email" name="require_verified_email" type="checkbox" value="1" checked=verified/>
                    <label for="require_verified_email">{t(M::FieldVerifiedEmail)}</label>
                </p>
                {if voted.is_empty() {
                    view! { <Area id="polls" label=t(M::FieldPolls) hint=t(M::FieldPollsHint) rows="6" value=polls mistakes/> }
                } else {
                    let hint = format!("{} {}", t(M::FieldPollsHint), tf(M::FieldPollsVoted, &[("list", &voted.join(", "))]));
                    view! { <Area id="polls" label=t(M::FieldPolls) hint rows="6" value=polls mistakes/> }
                }}
                {area("documents", t(M::FieldDocuments), t(M::FieldDocumentsHint), "3", documents)}
            </fieldset>
            {if draft_here {
                view! {
            <fieldset>
                <legend>{t(M::NewTopicDraft)}</legend>
                <Field id="draft_title" label=t(M::FieldDraftTitle) kind="text" autocomplete="off" value=draft_title mistakes/>
                {area("draft", t(M::FieldDraft), t(M::FieldDraftHint), "16", draft)}
                <section class="draft-preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{t(M::DraftPreview)}</h2>
                    <p class="hint">{t(M::DraftPreviewHint)}</p>
                    {move || {
                        let cut = sections::split(&draft.get());
                        if cut.is_empty() {
                            return view! { <p class="empty">{t(M::DraftPreviewEmpty)}</p> }.into_any();
                        }
                        view! {
                            <ol class="preview-sections">
                                {cut.into_iter().map(|s| {
                                    let heading = if s.number.is_empty() { t(M::Introduction).to_string() } else { format!("§ {} {}", s.number, s.heading) };
                                    view! {
                                        <li class=format!("preview-level-{}", s.level.min(3))>
                                            <p class="preview-heading"><strong>{heading}</strong> " " <code>{format!("#{}", s.anchor)}</code></p>
                                            <Prose html=pulse_api::markdown::to_safe_html(&s.markdown)/>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
            </fieldset>
                }.into_any()
            } else {
                view! {
                    <fieldset>
                        <legend>{t(M::NewTopicDraft)}</legend>
                        <p>{t(M::EditDraftByRevision)} " "
                            <a href=format!("/topics/{}/revise", editing.clone().unwrap_or_default())>{t(M::ReviseLink)}</a></p>
                    </fieldset>
                }.into_any()
            }}
            <fieldset>
                <legend>{t(M::NewTopicSpanish)}</legend>
                <p class="hint">{t(M::NewTopicSpanishLead)}</p>
                <Field id="translations_es_title" label=t(M::FieldTitleEs) kind="text" autocomplete="off" value=title_es mistakes lang="es"/>
                <Area id="translations_es_summary" label=t(M::FieldSummaryEs) hint=t(M::FieldMarkdownHint) rows="4" value=summary_es mistakes lang="es"/>
                <Field id="translations_es_draft_title" label=t(M::FieldDraftTitleEs) kind="text" autocomplete="off" value=draft_title_es mistakes lang="es"/>
                <Area id="translations_es_draft" label=t(M::FieldDraftEs) hint=t(M::FieldDraftEsHint) rows="10" value=draft_es mistakes lang="es"/>
            </fieldset>
            {new_polls.then(|| view! {
                <p class="hint">{t(M::NewTopicDatesLater)}</p>
                <p class="check">
                    <input id="published" name="published" type="checkbox" value="1" checked=publish/>
                    <label for="published">{t(M::FieldPublishAtOnce)}</label>
                </p>
            })}
            <button type="submit">{save}</button>
        </form>
    }
}
