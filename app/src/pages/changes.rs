//! What a version of a topic's draft changed, section by section: each
//! changed section with its words inserted and deleted marked by more than
//! colour (`<ins>`/`<del>`, each announced), where it came from, and — you
//! said, we did — why it changed and the comments that led to it; the
//! unchanged sections folded; the removed ones with their text.

use crate::api;
use crate::app::set_title;
use crate::i18n::{mark, t, tf};
use crate::prose::Prose;
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};
use pulse_api::wire::{ChangedSection, Changes, DiffPart, SectionChange};

#[component]
pub fn ChangesPage(slug: String, version: i64) -> impl IntoView {
    let page_slug = slug.clone();
    let changes = LocalResource::new(move || {
        let slug = slug.clone();
        async move { api::changes(&slug, version).await }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(M::Loading)}</p> }>
            {move || {
                let slug = page_slug.clone();
                changes.get().map(|result| match result {
                    Ok(changes) => view! { <ChangesView slug changes/> }.into_any(),
                    Err(message) => {
                        crate::app::ready_after_render();
                        view! { <crate::pages::not_found::Problem message/> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

/// "§ 4 Retention", or "Introduction" for the text before the first heading.
pub(crate) fn label(number: &str, heading: &str) -> String {
    if number.is_empty() {
        t(M::Introduction).to_string()
    } else {
        format!("§ {number} {heading}")
    }
}

#[component]
pub fn ChangesView(slug: String, changes: Changes) -> impl IntoView {
    let title = tf(M::ChangesTitle, &[("n", &changes.version.to_string())]);
    set_title(&title);
    crate::app::ready_after_render();
    let here = format!("/topics/{slug}");
    let previous = changes.previous_version;
    let (changed, unchanged): (Vec<ChangedSection>, Vec<ChangedSection>) = changes
        .sections
        .into_iter()
        .partition(|s| s.change != SectionChange::Unchanged);
    let unchanged_count = unchanged.len();
    // The city's draft is in its own language (English).
    let original = mark(Lang::ORIGINAL);
    view! {
        <article class="changes">
            <p class="meta"><a href=here.clone()>{t(M::ReadCurrentVersion)}</a></p>
            <h1>{title}</h1>
            <p>
                {tf(M::ChangesIntro, &[
                    ("n", &changes.version.to_string()),
                    ("date", &changes.published_on),
                    ("previous", &previous.to_string()),
                ])}
                " "
                <a href=format!("{here}/versions/{previous}")>{tf(M::ReadVersion, &[("n", &previous.to_string())])}</a>
            </p>
            {(!changes.note_html.is_empty()).then(|| view! {
                <section class="revision-note" aria-labelledby="why-title">
                    <h2 id="why-title">{t(M::WhyItChanged)}</h2>
                    <Prose html=changes.note_html.clone() city=true written_in=Lang::ORIGINAL/>
                </section>
            })}
            {changed
                .into_iter()
                .map(|section| view! { <Changed section slug=slug.clone()/> })
                .collect_view()}
            {(unchanged_count > 0).then(|| view! {
                <details class="unchanged">
                    <summary>{crate::i18n::count(i64::try_from(unchanged_count).unwrap_or(i64::MAX), M::ChangesUnchanged)}</summary>
                    <ul lang=original>
                        {unchanged
                            .into_iter()
                            .map(|s| view! { <li id=s.anchor.clone()>{label(&s.number, &s.heading)}</li> })
                            .collect_view()}
                    </ul>
                </details>
            })}
            {(!changes.removed.is_empty()).then(|| view! {
                <section class="removed" aria-labelledby="removed-title">
                    <h2 id="removed-title">{t(M::ChangesRemoved)}</h2>
                    {changes
                        .removed
                        .into_iter()
                        .map(|r| {
                            let heading_id = format!("r-{}", r.anchor);
                            let labelled = heading_id.clone();
                            view! {
                                <section class="change change-removed" id=r.anchor.clone() aria-labelledby=labelled>
                                    <h3 id=heading_id><span lang=original>{label(&r.number, &r.heading)}</span></h3>
                                    <Prose html=r.html city=true written_in=Lang::ORIGINAL/>
                                </section>
                            }
                        })
                        .collect_view()}
                </section>
            })}
        </article>
    }
}

/// One changed section: what it was, its words' changes, and why.
#[component]
fn Changed(section: ChangedSection, slug: String) -> impl IntoView {
    let heading_id = format!("c-{}", section.anchor);
    let kind = section.change;
    let from = (!section.previous.is_empty()
        && (section.previous.len() > 1 || section.previous[0] != section.anchor))
        .then(|| {
            let list = section
                .previous_headings
                .iter()
                .map(|h| format!("“{h}”"))
                .collect::<Vec<_>>()
                .join(", ");
            tf(M::ChangesFrom, &[("list", &list)])
        });
    let led = section.comments.clone();
    let anchor = section.anchor.clone();
    let labelled = heading_id.clone();
    view! {
        <section class="change" id=section.anchor.clone() aria-labelledby=labelled>
            <h2 id=heading_id>
                <span lang=mark(Lang::ORIGINAL)>{label(&section.number, &section.heading)}</span>
            </h2>
            <p class="meta">
                <span class=format!("change-kind change-{}", kind.as_str())>{t(kind.msg())}</span>
                {from.map(|from| view! { " · " <span lang=mark(Lang::ORIGINAL)>{from}</span> })}
            </p>
            <p class="diff" lang=mark(Lang::ORIGINAL)>
                {section.diff.into_iter().map(diff_part).collect_view()}
            </p>
            {(!section.note_html.is_empty() || !led.is_empty()).then(|| view! {
                <div class="you-said">
                    <h3>{t(M::WhyItChanged)}</h3>
                    <Prose html=section.note_html.clone() city=true written_in=Lang::ORIGINAL/>
                    {(!led.is_empty()).then(|| view! {
                        <p>
                            {t(M::ChangesLedBy)} ": "
                            {led
                                .iter()
                                .enumerate()
                                .map(|(i, id)| {
                                    let href = format!(
                                        "/topics/{slug}?comments={}#comment-{id}",
                                        pulse_api::links::encode_component(&anchor),
                                    );
                                    view! { {(i > 0).then_some(", ")} <a href=href>{format!("#{id}")}</a> }
                                })
                                .collect_view()}
                        </p>
                    })}
                </div>
            })}
        </section>
    }
}

/// A run of the diff: as it stands, or inserted or deleted, each announced
/// ("added: … end") for a screen reader and marked on screen by more than
/// colour (underlined, struck through).
pub(crate) fn diff_part(part: DiffPart) -> AnyView {
    match part.op.as_str() {
        "insert" => view! {
            <ins>
                <span class="visually-hidden">{t(M::DiffAdded)} " "</span>
                {part.text}
                <span class="visually-hidden">" " {t(M::DiffEnd)}</span>
            </ins>
        }
        .into_any(),
        "delete" => view! {
            <del>
                <span class="visually-hidden">{t(M::DiffRemoved)} " "</span>
                {part.text}
                <span class="visually-hidden">" " {t(M::DiffEnd)}</span>
            </del>
        }
        .into_any(),
        _ => part.text.into_any(),
    }
}
