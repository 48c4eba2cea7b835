//! Publishing a revision of a topic's draft, in the browser
//! (`/topics/{slug}/revise`, for the topic's hosts and admins): the current
//! draft to edit (or a new one pasted over it), then a comparison with the
//! current version — each changed section word by word, the removed ones,
//! and where the topic's comments would stand ("12 carried, 3 moved, …") —
//! before anything is published. Beside each changed section the host says
//! why it changed and ticks the comments that led to it (you said, we did).
//! Publishing is a second button, shown only for the draft just compared.
//!
//! Without the app the form posts to the page: `do=compare` answers the
//! page with the comparison, `do=publish` publishes (`303` to the new
//! version's changes) unless the draft was edited after it was compared
//! (the `compared` fingerprint), in which case it is compared again.

use crate::api;
use crate::app::set_title;
use crate::forms::Token;
use crate::i18n::{count, mark, t, tf};
use crate::pages::account_form::{Area, ErrorSummary, Field, Mistakes};
use crate::pages::changes::{diff_part, label};
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::sections::fingerprint;
use pulse_api::wire::{
    ChangedSection, Changes, NewRevision, SectionChange, SectionNote, VersionSource,
};
use std::collections::BTreeMap;

/// What the server found for the page: where the revision starts, what was
/// sent (the page again after a comparison or a refusal), the comparison,
/// and whether a publish was turned back because the draft had changed
/// since it was compared. Or why the page is not for this reader.
#[derive(Clone)]
pub struct ReviseKnown(pub Result<Revising, String>);

#[derive(Clone)]
pub struct Revising {
    pub source: VersionSource,
    pub sent: Option<NewRevision>,
    pub preview: Option<Changes>,
    pub stale: bool,
}

/// The names of a section's fields in the form: why it changed, and the
/// comments that led to it (a checkbox each, by id).
pub fn note_field(anchor: &str) -> String {
    format!("note-{anchor}")
}
pub fn link_field(anchor: &str) -> String {
    format!("link-{anchor}")
}

/// The form's field for a field the server names.
fn field_id(field: &str) -> &'static str {
    match field {
        "title" => "title",
        "draft" => "draft",
        "note" => "note",
        // A section's note or comments: the comparison they are part of.
        f if f.starts_with("sections.") => "revision-effect",
        _ => "",
    }
}

#[component]
pub fn RevisePage(slug: String) -> impl IntoView {
    set_title(t(M::ReviseTitle));
    let known = use_context::<ReviseKnown>();
    // The app starts from the server's first view: the draft as it was
    // typed there, compared again if it had been compared.
    let started = crate::LIVE.then(|| {
        let slug = slug.clone();
        LocalResource::new(move || {
            let slug = slug.clone();
            async move { start(&slug).await }
        })
    });
    let slug_view = slug.clone();
    move || {
        let found = match (&known, started) {
            (Some(ReviseKnown(found)), _) => Some(found.clone()),
            (None, Some(started)) => started.get(),
            (None, None) => None,
        };
        let slug = slug_view.clone();
        match found {
            None => view! { <p class="loading">{t(M::Loading)}</p> }.into_any(),
            Some(Err(message)) => {
                crate::app::ready_after_render();
                view! { <crate::pages::not_found::Problem message/> }.into_any()
            }
            Some(Ok(revising)) => {
                crate::app::ready_after_render();
                view! { <ReviseForm slug revising/> }.into_any()
            }
        }
    }
}

/// Where the app starts: the current version, and what the server's first
/// view had typed and compared.
async fn start(slug: &str) -> Result<Revising, String> {
    let topic = api::topic(slug, true, None).await?;
    let latest = topic
        .draft
        .as_ref()
        .map(|d| d.latest.max(d.version))
        .unwrap_or(1);
    let source = api::version_source(slug, latest).await?;
    let first = |id: &str| crate::forms::first_view_value(id);
    let Some(draft) = first("draft") else {
        return Ok(Revising {
            source,
            sent: None,
            preview: None,
            stale: false,
        });
    };
    let sent = NewRevision {
        draft,
        note: first("note").unwrap_or_default(),
        title: first("title"),
        sections: BTreeMap::new(),
    };
    let preview = if crate::forms::first_view_has("revision-effect") {
        api::preview_revision(slug, &sent).await.ok()
    } else {
        None
    };
    Ok(Revising {
        source,
        sent: Some(sent),
        preview,
        stale: false,
    })
}

#[component]
fn ReviseForm(slug: String, revising: Revising) -> impl IntoView {
    let Revising {
        source,
        sent,
        preview,
        stale,
    } = revising;
    let mistakes = RwSignal::new(Mistakes::sent(field_id));
    let (title0, draft0, note0) = match &sent {
        Some(sent) => (
            sent.title.clone().unwrap_or_else(|| source.title.clone()),
            sent.draft.clone(),
            sent.note.clone(),
        ),
        None => (source.title.clone(), source.markdown.clone(), String::new()),
    };
    let sections_sent = sent.map(|s| s.sections).unwrap_or_default();
    let title = RwSignal::new(title0.clone());
    let draft = RwSignal::new(draft0.clone());
    let note = RwSignal::new(note0);
    // The comparison shown, and the title and draft it was made of.
    let compared = RwSignal::new(
        preview
            .as_ref()
            .map(|_| fingerprint(&title0, &draft0))
            .unwrap_or_default(),
    );
    let shown = RwSignal::new(preview);
    let still = Memo::new(move |_| {
        shown.with(Option::is_some)
            && compared.get() == title.with(|t| draft.with(|d| fingerprint(t, d)))
    });
    let doing = RwSignal::new("compare");
    let busy = RwSignal::new(false);
    let next = source.version + 1;
    let action = format!("/topics/{slug}/revise");
    let here = format!("/topics/{slug}");
    let submit = {
        let slug = slug.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let revision = NewRevision {
                draft: draft.get_untracked(),
                note: note.get_untracked(),
                title: Some(title.get_untracked()),
                sections: section_notes(),
            };
            let publishing = doing.get_untracked() == "publish" && still.get_untracked();
            let slug = slug.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                if publishing {
                    match api::publish_revision(&slug, &revision).await {
                        Ok(changes) => crate::nav::navigate(&format!(
                            "/topics/{slug}/versions/{}/changes",
                            changes.version
                        )),
                        Err(error) => mistakes.set(Mistakes::from_error(error, field_id)),
                    }
                } else {
                    match api::preview_revision(&slug, &revision).await {
                        Ok(changes) => {
                            mistakes.set(Mistakes::default());
                            compared.set(fingerprint(
                                revision.title.as_deref().unwrap_or_default(),
                                &revision.draft,
                            ));
                            shown.set(Some(changes));
                            focus_effect();
                        }
                        Err(error) => mistakes.set(Mistakes::from_error(error, field_id)),
                    }
                }
                busy.set(false);
            });
        }
    };
    view! {
        <p class="meta"><a href=here>{t(M::BackToTopic)}</a></p>
        <h1>{t(M::ReviseTitle)}</h1>
        <p class="lead">{tf(M::ReviseLead, &[("version", &source.version.to_string())])}</p>
        <ErrorSummary mistakes id="revise-errors"/>
        {stale.then(|| view! { <p class="notice" role="status">{t(M::ReviseStaleSent)}</p> })}
        <form class="revise-form" method="post" action=action novalidate=true on:submit=submit>
            <Token/>
            <input type="hidden" name="compared" value=move || compared.get()/>
            <Field id="title" label=t(M::FieldDraftTitle) kind="text" autocomplete="off" value=title mistakes/>
            <Area id="draft" label=t(M::ReviseDraft) hint=t(M::ReviseDraftHint) rows="20" value=draft mistakes/>
            <Area id="note" label=t(M::ReviseNote) hint=t(M::ReviseNoteHint) rows="4" value=note mistakes/>
            {move || shown.get().map(|changes| {
                let notes = sections_sent.clone();
                view! { <RevisionEffect changes notes/> }
            })}
            <div class="actions">
                <button type="submit" name="do" value="compare" class:secondary=move || still.get()
                    on:click=move |_| doing.set("compare") aria-disabled=move || busy.get().then_some("true")>
                    {tf(M::ReviseCompare, &[("version", &source.version.to_string())])}
                </button>
                {move || still.get().then(|| view! {
                    <button type="submit" name="do" value="publish"
                        on:click=move |_| doing.set("publish") aria-disabled=move || busy.get().then_some("true")>
                        {tf(M::RevisePublish, &[("version", &next.to_string())])}
                    </button>
                })}
            </div>
            {move || (shown.with(Option::is_some) && !still.get()).then(|| view! {
                <p class="hint" role="status">{t(M::ReviseStale)}</p>
            })}
        </form>
    }
}

/// Moves the focus to the comparison just shown, so that it is read next.
fn focus_effect() {
    #[cfg(target_arch = "wasm32")]
    leptos::prelude::request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(heading) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("revision-effect-title"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    });
}

/// Each section's note and linked comments, as the form's fields hold them.
fn section_notes() -> BTreeMap<String, SectionNote> {
    // Read from the page, which only the app has.
    #[cfg_attr(not(target_arch = "wasm32"), allow(unused_mut))]
    let mut notes = BTreeMap::new();
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return notes;
        };
        let Ok(sections) = document.query_selector_all(".revise-section[data-anchor]") else {
            return notes;
        };
        for i in 0..sections.length() {
            let Some(section) = sections
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let anchor = section.get_attribute("data-anchor").unwrap_or_default();
            let note = section
                .query_selector("textarea")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .map(|t| t.value())
                .unwrap_or_default();
            let mut comments = Vec::new();
            if let Ok(ticked) = section.query_selector_all("input[type=checkbox]:checked") {
                for j in 0..ticked.length() {
                    if let Some(id) = ticked
                        .item(j)
                        .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .and_then(|b| b.value().parse().ok())
                    {
                        comments.push(id);
                    }
                }
            }
            if !note.trim().is_empty() || !comments.is_empty() {
                notes.insert(anchor, SectionNote { note, comments });
            }
        }
    }
    notes
}

/// What publishing would do: where the comments would stand, then each
/// changed section with its words' changes and its note and comments to
/// link, the unchanged ones folded, and the removed ones.
#[component]
fn RevisionEffect(changes: Changes, notes: BTreeMap<String, SectionNote>) -> impl IntoView {
    let counts = changes.comments.clone().unwrap_or_default();
    let total = counts.current + counts.carried + counts.moved + counts.changed + counts.removed;
    let (changed, unchanged): (Vec<ChangedSection>, Vec<ChangedSection>) = changes
        .sections
        .into_iter()
        .partition(|s| s.change != SectionChange::Unchanged);
    let unchanged_count = i64::try_from(unchanged.len()).unwrap_or(i64::MAX);
    let original = mark(Lang::ORIGINAL);
    let counted = [
        (counts.carried, M::ReviseCarried),
        (counts.moved, M::ReviseMoved),
        (counts.changed, M::ReviseChanged),
        (counts.removed, M::ReviseRemoved),
    ];
    view! {
        <section class="revision-effect" id="revision-effect" aria-labelledby="revision-effect-title">
            <h2 id="revision-effect-title" tabindex="-1">
                {tf(M::ReviseEffectTitle, &[("version", &changes.version.to_string())])}
            </h2>
            <p>{count(total, M::ReviseComments)}</p>
            <ul class="effect-counts">
                {counted.into_iter().filter(|(n, _)| *n > 0).map(|(n, msg)| view! {
                    <li>{count(n, msg)}</li>
                }).collect_view()}
            </ul>
            {changed.into_iter().map(|section| {
                let said = notes.get(&section.anchor).cloned().unwrap_or_default();
                view! { <ChangedToNote section said/> }
            }).collect_view()}
            {(unchanged_count > 0).then(|| view! {
                <details class="unchanged">
                    <summary>{count(unchanged_count, M::ChangesUnchanged)}</summary>
                    <ul lang=original>
                        {unchanged.into_iter().map(|s| view! { <li>{label(&s.number, &s.heading)}</li> }).collect_view()}
                    </ul>
                </details>
            })}
            {(!changes.removed.is_empty()).then(|| view! {
                <h3>{t(M::ChangesRemoved)}</h3>
                <ul lang=original>
                    {changes.removed.into_iter().map(|r| view! { <li>{label(&r.number, &r.heading)}</li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// A changed section of the comparison: what became of it, its words'
/// changes, and the host's note on why with the comments that led to it.
#[component]
fn ChangedToNote(section: ChangedSection, said: SectionNote) -> impl IntoView {
    let heading_id = format!("rc-{}", section.anchor);
    let note_id = note_field(&section.anchor);
    let link_name = link_field(&section.anchor);
    let number = label(&section.number, &section.heading);
    let note = RwSignal::new(said.note.clone());
    let linked = said.comments.clone();
    let standing = section.standing.clone();
    let labelled = heading_id.clone();
    view! {
        <section class="change revise-section" data-anchor=section.anchor.clone() aria-labelledby=labelled>
            <h3 id=heading_id><span lang=mark(Lang::ORIGINAL)>{label(&section.number, &section.heading)}</span></h3>
            <p class="meta">
                <span class=format!("change-kind change-{}", section.change.as_str())>{t(section.change.msg())}</span>
            </p>
            <p class="diff" lang=mark(Lang::ORIGINAL)>
                {section.diff.into_iter().map(diff_part).collect_view()}
            </p>
            <div class="field">
                <label for=note_id.clone()>{tf(M::ReviseSectionNote, &[("section", &number)])}</label>
                <textarea id=note_id.clone() name=note_id rows="3"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))>{note.get_untracked()}</textarea>
            </div>
            {if standing.is_empty() {
                view! { <p class="hint">{t(M::ReviseNoComments)}</p> }.into_any()
            } else {
                view! {
                    <fieldset class="linked-comments">
                        <legend>{t(M::ReviseLinkComments)}</legend>
                        {standing.into_iter().map(|c| {
                            let id = format!("{}-{}", link_name, c.id);
                            let ticked = linked.contains(&c.id);
                            view! {
                                <p class="check">
                                    <input id=id.clone() name=link_name.clone() type="checkbox" value=c.id.to_string() checked=ticked/>
                                    <label for=id>
                                        <strong>{format!("#{} ", c.id)}{crate::format::author(&c.author)}</strong>
                                        ": " {c.excerpt}
                                    </label>
                                </p>
                            }
                        }).collect_view()}
                    </fieldset>
                }.into_any()
            }}
        </section>
    }
}
