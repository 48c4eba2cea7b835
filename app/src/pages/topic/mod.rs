//! A topic: its status and countdown, who hosts it, summary, contents,
//! documents, updates (long ones folded), the host card, the topic's polls,
//! and the draft inline, section by section, each with its own polls and a
//! button that opens the section's thread (beneath it on a phone, beside it
//! on a wide screen).

mod polls;
mod quote;
mod share;
mod subscribe;
mod thread;

use crate::api;
use crate::app::set_title;
use crate::auth::Auth;
use crate::format;
use crate::i18n::{mark, t, tf};
use crate::pages::account_form::with_next;
use crate::prose::Prose;
use leptos::html;
use leptos::prelude::*;
use pulse_api::Timestamp;
use pulse_api::TopicStatus;
use pulse_api::i18n::Msg as M;
use pulse_api::sections::GENERAL;
use pulse_api::wire::{CommentList, HostCard, PollList, Role, Section, Subscription, Topic};

#[component]
pub fn TopicPage(
    slug: String,
    /// An earlier version of the draft (`/topics/{slug}/versions/{n}`).
    #[prop(optional)]
    version: Option<i64>,
) -> impl IntoView {
    // `?original`: the city's texts as written, not translated.
    let location = crate::nav::use_location();
    let original =
        Memo::new(move |_| crate::nav::query_value(&location.query.get(), "original").is_some());
    let topic = LocalResource::new(move || {
        let (slug, original) = (slug.clone(), original.get());
        async move { api::topic(&slug, original, version).await }
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(M::LoadingTopic)}</p> }>
            {move || {
                // The topic shows itself once its draft is all rendered.
                topic.get().map(|result| match result {
                    Ok(topic) => view! { <TopicView topic/> }.into_any(),
                    Err(message) => {
                        crate::app::ready_after_render();
                        view! { <crate::pages::not_found::Problem message title=M::TopicNotAvailable/> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

/// Whether residents may take part now, by the server's clock carried
/// forward here (see [`live_now`]), and where the topic is.
#[derive(Clone)]
pub(crate) struct Participation {
    pub slug: String,
    pub status: Signal<TopicStatus>,
    pub time_zone: String,
}

/// What the server knows of the page beyond the topic, rendered into its
/// first view: the polls as this reader sees them, the thread the address
/// opens, and the reader's subscription. (The app fetches its own.)
#[derive(Clone, Default)]
pub struct Known {
    pub polls: Option<PollList>,
    /// The anchor of the thread the address opens, and its page of comments.
    pub thread: Option<(String, CommentList)>,
    pub subscription: Option<Subscription>,
}

/// The page of comments the server was given for the thread on `anchor`.
fn known_thread(anchor: &str) -> Option<CommentList> {
    use_context::<Known>()?
        .thread
        .filter(|(on, _)| on == anchor)
        .map(|(_, list)| list)
}

/// The version of the draft the page shows: a comment written on it says
/// so, and goes on it even if a revision is published meanwhile.
#[derive(Clone, Copy)]
pub(crate) struct ShownVersion(pub i64);

/// Set once the thread the page's address opens has its comments: the app
/// waits for it before it takes the first view's place.
#[derive(Clone, Copy)]
struct ThreadShown(RwSignal<bool>);

/// The topic's page with the thread on `anchor` open: where the thread's
/// forms post, and where they come back to.
pub(crate) fn thread_address(slug: &str, anchor: &str) -> String {
    format!(
        "/topics/{slug}?comments={}",
        pulse_api::links::encode_component(anchor)
    )
}

/// A value of the page's address (`?name=`).
fn address_value(name: &str) -> Option<String> {
    crate::nav::query_value(&crate::nav::use_location().query.get_untracked(), name)
}

/// Whether the page's address opens the thread on `anchor`.
fn opened_by_address(anchor: &str) -> bool {
    address_value("comments").as_deref() == Some(anchor)
}

/// Whether the `<details>` a `toggle` event came from is open now.
fn toggled_open(ev: &leptos::ev::Event) -> bool {
    ev.target()
        .and_then(|target| js_sys::Reflect::get(&target, &"open".into()).ok())
        .and_then(|open| open.as_bool())
        .unwrap_or(false)
}

/// The server's clock, carried forward: the `now` the server sent plus the
/// time elapsed here since, so a phone whose own clock is wrong still counts
/// down right. It ticks every second while the page is shown. The server
/// still decides: this only keeps the page from offering what it will refuse.
#[cfg(target_arch = "wasm32")]
fn live_now(server_now: Timestamp) -> ReadSignal<Timestamp> {
    let loaded_ms = js_sys::Date::now();
    let (now, set_now) = signal(server_now);
    let tick = move || {
        let elapsed = ((js_sys::Date::now() - loaded_ms) / 1000.0).floor() as i64;
        set_now.set(Timestamp(server_now.0 + elapsed.max(0)));
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    now
}

/// On the server the page is rendered once, at the server's now.
#[cfg(not(target_arch = "wasm32"))]
fn live_now(server_now: Timestamp) -> ReadSignal<Timestamp> {
    signal(server_now).0
}

#[component]
pub fn TopicView(topic: Topic) -> impl IntoView {
    set_title(&topic.title);
    let now = live_now(topic.now);
    let (opens_at, closes_at) = (topic.opens_at, topic.closes_at);
    let status = Signal::from(Memo::new(move |_| {
        TopicStatus::at(opens_at, closes_at, now.get())
    }));
    let participation = Participation {
        slug: topic.slug.clone(),
        status,
        time_zone: topic.time_zone.clone(),
    };
    // Dates are formatted once; only the time left changes.
    let (opens_on, closes_on) = (topic.opens_on.clone(), topic.closes_on.clone());
    let countdown = move || {
        let left = |until: Timestamp| format::duration(until.0 - now.get().0);
        match status.get() {
            TopicStatus::Upcoming => tf(
                M::CountdownUpcoming,
                &[("left", &left(opens_at)), ("date", &opens_on)],
            ),
            TopicStatus::Open => tf(
                M::CountdownOpen,
                &[("left", &left(closes_at)), ("date", &closes_on)],
            ),
            TopicStatus::Closed => tf(M::CountdownClosed, &[("date", &closes_on)]),
        }
    };
    let draft = topic.draft.clone();
    let removed_count = topic.removed_count;
    // An earlier version is read, not commented on.
    let archived = draft.as_ref().is_some_and(|d| d.version < d.latest);
    if let Some(d) = &draft {
        provide_context(ShownVersion(d.version));
    }
    let total = draft.as_ref().map_or(0, |d| d.sections.len());
    let step = rendered_in_steps(total);
    // Below the topic's heading and summary, the page comes a step later.
    let rest = move || step.get() >= 1;
    let last = last_step(total);
    // The app shows itself once the whole draft, the polls and the thread
    // the address opens are rendered.
    let polls_loaded = RwSignal::new(false);
    let opens = address_value("comments").filter(|anchor| {
        anchor == GENERAL
            || draft
                .iter()
                .flat_map(|d| &d.sections)
                .any(|s| &s.anchor == anchor)
    });
    let thread_shown = RwSignal::new(opens.is_none());
    provide_context(ThreadShown(thread_shown));
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let all = step.get() >= last && polls_loaded.get() && thread_shown.get();
        if all {
            crate::app::ready_after_render();
        }
        all
    });
    let polls = polls::load(&participation, polls_loaded);
    let (topic_later, aside_topic) = (topic.clone(), topic.clone());
    let polls_participation = participation.clone();
    // Each count is shown twice: in the contents and on the thread's button.
    let general_count = RwSignal::new(topic.general_count);
    let places: Vec<Place> = draft
        .iter()
        .flat_map(|d| &d.sections)
        .map(|s| Place {
            anchor: s.anchor.clone(),
            label: section_label(s),
            count: RwSignal::new(s.comment_count),
        })
        .collect();
    let anchors: Vec<String> = places.iter().map(|p| p.anchor.clone()).collect();
    let following = follow_places(&places);
    let here = format!("/topics/{}", topic.slug);
    // A form sent before the app had loaded, refused: what was wrong, at
    // the top, each mistake linked to its form.
    let mistakes = RwSignal::new(crate::pages::account_form::Mistakes::sent_as_named());
    view! {
        <crate::pages::account_form::ErrorSummary mistakes id="topic-errors"/>
        <article class="topic">
            <header class="topic-header">
                <p class="meta">
                    <span class=move || format!("status status-{}", status.get().as_str())>{move || t(status.get().one_msg())}</span>
                </p>
                <h1 lang=mark(topic.lang)>{topic.title.clone()}</h1>
                <Translation topic=topic.clone()/>
                <p class="host-line">
                    {tf(M::HostedBy, &[("name", &topic.host.name), ("role", &topic.host.role)])}
                    " · " <a href="#host-title">{t(M::ContactHost)}</a>
                </p>
                <p class="countdown">{countdown}</p>
                <p><share::Share path=here.clone() title=topic.title.clone() label=t(M::ShareTopic)/></p>
            </header>
            {(!topic.published).then(|| view! { <Preview slug=topic.slug.clone()/> })}
            <Published/>
            {topic.draft.clone().map(|d| view! { <VersionNotice slug=topic.slug.clone() draft=d/> })}
            {(!archived).then(|| view! { <Participate status here=here.clone()/> })}
            <TopicLinks slug=topic.slug.clone() status/>
            <div class="topic-columns">
                <div class="topic-main">
                    <Prose html=topic.summary_html.clone() class="summary" written_in=topic.lang/>
                    <Contents places=places.clone() general=general_count/>
                    <Show when=rest>
                        <Documents documents=topic_later.documents.clone()/>
                        <Updates topic=topic_later.clone()/>
                        <Dates topic=topic_later.clone()/>
                    </Show>
                </div>
                <aside class="topic-aside" aria-label=t(M::TopicHostAside)>
                    <Show when=rest>
                        <HostCardView host=aside_topic.host.clone()/>
                        {(!archived).then(|| view! { <subscribe::Subscribe slug=aside_topic.slug.clone() places=following.clone()/> })}
                    </Show>
                </aside>
            </div>
            <Show when=move || rest() && !archived>
                <polls::Polls polls participation=polls_participation.clone() anchors=anchors.clone()/>
            </Show>
            {draft.map(|draft| {
                let participation = participation.clone();
                let shown_in = draft.lang;
                view! {
                    <section class="draft" aria-labelledby="draft-title">
                        <h2 id="draft-title" lang=mark(shown_in)>{draft.title}</h2>
                        <p class="meta">
                            {tf(M::DraftVersion, &[("n", &draft.version.to_string())])}
                            {(shown_in == pulse_api::i18n::Lang::En && mark(shown_in).is_some()).then(|| view! { " · " {t(M::DraftInEnglish)} })}
                        </p>
                        {draft
                            .sections
                            .into_iter()
                            .zip(places.iter().cloned())
                            .enumerate()
                            .map(|(i, (section, place))| {
                                let participation = participation.clone();
                                view! {
                                    <Show when=move || i < step.get() * SECTIONS_PER_STEP>
                                        <SectionView section=section.clone() shown_in place=place.clone() participation=participation.clone() polls archived/>
                                    </Show>
                                }
                            })
                            .collect_view()}
                    </section>
                }
            })}
            <Show when=move || rest() && !archived>
                <General count=general_count participation=participation.clone()/>
                {(removed_count > 0).then(|| view! {
                    <Removed count=removed_count participation=participation.clone()/>
                })}
            </Show>
        </article>
    }
}

/// Which version of the draft this is: an earlier one, with the way to the
/// current; the current one after a revision, with what changed; and a
/// translation left at an earlier version.
#[component]
fn VersionNotice(slug: String, draft: pulse_api::wire::Draft) -> impl IntoView {
    let here = format!("/topics/{slug}");
    let n = draft.version.to_string();
    let notice = if draft.version < draft.latest {
        Some(view! {
            <div class="notice version-notice" role="note">
                <p>
                    {tf(M::VersionOld, &[("n", &n), ("latest", &draft.latest.to_string()), ("date", &draft.published_on)])}
                    " " <a href=here.clone()>{t(M::ReadCurrentVersion)}</a>
                </p>
                <p>{t(M::VersionOldComments)}</p>
            </div>
        }
        .into_any())
    } else if draft.version > 1 {
        Some(
            view! {
                <div class="notice version-notice" role="note">
                    <p>
                        {tf(M::VersionCurrent, &[("n", &n), ("date", &draft.published_on)])}
                        " " <a href=format!("{here}/versions/{n}/changes")>{t(M::WhatChanged)}</a>
                    </p>
                </div>
            }
            .into_any(),
        )
    } else {
        None
    };
    let translation = draft.translation_of.map(|of| {
        let of = of.to_string();
        view! {
            <p class="meta translation">
                {tf(M::TranslationOfVersion, &[("n", &of)])} " "
                <a href=format!("{here}/versions/{of}")>{tf(M::ReadTranslatedVersion, &[("n", &of)])}</a>
            </p>
        }
    });
    view! { {notice} {translation} }
}

/// The comments on sections a revision removed, each with the text it was
/// written on: read, not answered.
#[component]
fn Removed(count: i64, participation: Participation) -> impl IntoView {
    view! {
        <WholeThread
            anchor=pulse_api::sections::REMOVED
            class="general removed-comments"
            title=M::RemovedComments
            intro=M::RemovedCommentsIntro
            action=M::RemovedCommentsAction
            label=t(M::RemovedComments).to_string()
            count=RwSignal::new(count)
            participation
            read_only=true
        />
    }
}

/// Which language the city's texts are in, said once in the reader's
/// language where it is not the original's: translated, with a link to
/// the original; the original, with a link back to the translation; or
/// not translated yet.
#[component]
fn Translation(topic: Topic) -> impl IntoView {
    let page = crate::i18n::lang();
    let here = format!("/topics/{}", topic.slug);
    let original = topic.original_lang;
    if page == original {
        return None;
    }
    let said = if topic.lang == page {
        view! {
            <p class="meta translation">
                {t(M::CityTextTranslated)} " "
                <a href=format!("{here}?original") hreflang=original.code()>{t(M::ReadOriginal)}</a>
            </p>
        }
        .into_any()
    } else if topic.translations.contains(&page) {
        view! {
            <p class="meta translation">
                {t(M::ReadingOriginal)} " " <a href=here>{t(M::ReadTranslation)}</a>
            </p>
        }
        .into_any()
    } else {
        view! { <p class="meta in-english">{t(M::CityTextInEnglish)}</p> }.into_any()
    };
    Some(said)
}

/// Sections rendered per step.
const SECTIONS_PER_STEP: usize = 2;

/// The step at which all of `total` sections are rendered: step 0 is the
/// topic's heading and summary; step 1 adds the rest of the page and the
/// first sections; each step after adds more sections.
fn last_step(total: usize) -> usize {
    total.div_ceil(SECTIONS_PER_STEP).max(1)
}

/// How far the page is rendered (see [`last_step`]): a step per task, so
/// that no single task blocks a slow phone for long (the server's first
/// view is on screen meanwhile).
#[cfg(target_arch = "wasm32")]
fn rendered_in_steps(total: usize) -> ReadSignal<usize> {
    let (step, set_step) = signal(0);
    fn next(step: ReadSignal<usize>, set_step: WriteSignal<usize>, last: usize) {
        // The reader may leave the page between two steps: its signals are
        // gone then, and the steps stop (reading a disposed signal aborts).
        let Some(now) = step.try_get_untracked() else {
            return;
        };
        if now >= last {
            return;
        }
        set_timeout(
            move || {
                if set_step.try_update(|n| *n += 1).is_some() {
                    next(step, set_step, last);
                }
            },
            std::time::Duration::ZERO,
        );
    }
    next(step, set_step, last_step(total));
    step
}

/// The server renders the whole page at once.
#[cfg(not(target_arch = "wasm32"))]
fn rendered_in_steps(total: usize) -> ReadSignal<usize> {
    signal(last_step(total)).0
}

/// What a visitor can do here now: the deadline message, or how to join.
#[component]
fn Participate(status: Signal<TopicStatus>, here: String) -> impl IntoView {
    let auth = Auth::get();
    move || match status.get() {
        TopicStatus::Closed => view! {
            <p class="notice notice-closed">
                {t(M::DeadlinePassedFollow)} " "
                <a href="#follow">{t(M::SubscribeToTopic)}</a>
                "."
            </p>
        }
        .into_any(),
        TopicStatus::Upcoming => view! {
            <p class="notice">{t(M::NotOpenYet)}</p>
        }
        .into_any(),
        // Shown until the session says someone is signed in, as the server's
        // first view shows it: nothing moves for a reader not signed in.
        TopicStatus::Open if auth.account.get().is_none() => view! {
            <p class="notice">
                {t(M::MustHaveAccountShort)} " "
                <a href=with_next("/register", &here)>{t(M::CreateAnAccount)}</a>
                " " {t(M::Or)} " "
                <a href=with_next("/sign-in", &here)>{t(M::SignInLower)}</a>
                "."
            </p>
        }
        .into_any(),
        TopicStatus::Open => ().into_any(),
    }
}

/// A topic not published yet, as its hosts and admins preview it: said
/// so, with the button that publishes it for admins (a plain form: the
/// page comes back public).
#[component]
fn Preview(slug: String) -> impl IntoView {
    let auth = Auth::get();
    let admin = move || {
        auth.account
            .with(|a| a.as_ref().is_some_and(|a| a.role == Role::Admin))
    };
    view! {
        <section class="preview-banner" aria-labelledby="preview-title">
            <h2 id="preview-title">{t(M::PreviewNotPublic)}</h2>
            <p>{t(M::PreviewWhoSees)}</p>
            {move || admin().then(|| view! {
                <form method="post" action=format!("/topics/{slug}") id="publish-form">
                    <crate::forms::Doing what="publish" form="publish-form".to_string()/>
                    <button type="submit" class="button">{t(M::PublishTopic)}</button>
                </form>
            })}
        </section>
    }
}

/// Said once, after an admin published the topic from its preview.
#[component]
fn Published() -> impl IntoView {
    let location = crate::nav::use_location();
    move || {
        crate::nav::query_value(&location.query.get(), "published")
            .map(|_| view! { <p class="notice" role="status">{t(M::TopicNowPublic)}</p> })
    }
}

/// The host's tools for the topic's hosts and admins; the report for them,
/// and for everyone once the topic has closed.
#[component]
fn TopicLinks(slug: String, status: Signal<TopicStatus>) -> impl IntoView {
    let auth = Auth::get();
    move || {
        let runs = auth.account.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.role == Role::Admin || a.hosts.contains(&slug))
        });
        let report = runs || status.get() == TopicStatus::Closed;
        (runs || report).then(|| {
            view! {
                <nav class="topic-links" aria-label=t(M::ForThisTopic)>
                    {runs.then(|| view! { <a href=format!("/topics/{slug}/host")>{t(M::HostTools)}</a> })}
                    {report.then(|| view! { <a href=format!("/topics/{slug}/report")>{t(M::ReportForCouncil)}</a> })}
                </nav>
            }
        })
    }
}

/// The General thread: comments on the topic as a whole.
#[component]
fn General(count: RwSignal<i64>, participation: Participation) -> impl IntoView {
    view! {
        <WholeThread
            anchor=GENERAL
            class="general"
            title=M::TopicAsWhole
            intro=M::CommentOnWhole
            action=M::CommentOnWholeAction
            label=t(M::TopicAsWholeLower).to_string()
            count
            participation
        />
    }
}

/// A thread of its own below the draft (`#anchor`, its thread
/// `#thread-anchor`): a heading, a sentence, the button that opens it.
#[component]
fn WholeThread(
    anchor: &'static str,
    class: &'static str,
    title: M,
    intro: M,
    action: M,
    /// How the thread names its place ("Comments on …").
    label: String,
    count: RwSignal<i64>,
    participation: Participation,
    /// Comments to read, not to answer.
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let thread_id = format!("thread-{anchor}");
    let title_id = format!("{anchor}-title");
    let labelled = title_id.clone();
    let expanded = RwSignal::new(crate::nav::hash_is(&thread_id) || opened_by_address(anchor));
    let button = NodeRef::<html::Button>::new();
    let close = Callback::new(move |()| {
        expanded.set(false);
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    view! {
        <section class=class id=anchor aria-labelledby=labelled>
            <h2 id=title_id>{t(title)}</h2>
            <p>{t(intro)}</p>
            <ThreadToggle expanded button slug=participation.slug.clone() anchor=anchor.to_string()>
                {t(action)}
                " " <span class="count">{move || format!("({})", format::comments(count.get()))}</span>
            </ThreadToggle>
            <Show when=move || expanded.get()>
                <thread::Thread
                    id=thread_id.clone()
                    anchor=anchor.to_string()
                    label=label.clone()
                    participation=participation.clone()
                    count
                    on_close=close
                    read_only
                />
            </Show>
        </section>
    }
}

#[component]
fn Documents(documents: Vec<pulse_api::wire::Document>) -> impl IntoView {
    (!documents.is_empty()).then(|| {
        view! {
            <section class="documents" aria-labelledby="documents-title">
                <h2 id="documents-title">{t(M::Documents)}</h2>
                <ul>
                    {documents
                        .into_iter()
                        .map(|d| {
                            // A document's address is never trusted to be a web address.
                            if let Some(href) = pulse_api::links::safe_href(&d.url) {
                                view! { <li><a href=href rel="noopener">{d.title}</a></li> }.into_any()
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
    (!topic.updates.is_empty()).then(|| {
        view! {
            <section class="updates" aria-labelledby="updates-title">
                <h2 id="updates-title">{t(M::Updates)}</h2>
                {topic
                    .updates
                    .into_iter()
                    .map(|u| {
                        view! {
                            <article class="update" id=format!("update-{}", u.id)>
                                <h3 lang=mark(u.lang)>{u.title}</h3>
                                <p class="meta">{tf(M::PostedOn, &[("date", &u.posted_on)])}</p>
                                {match pulse_api::markdown::fold(&u.body_html) {
                                    // A long update shows its opening; the
                                    // rest is a press away (and found by the
                                    // browser's find in page).
                                    Some((lead, more)) => view! {
                                        <Prose html=lead.to_string() written_in=u.lang/>
                                        <details class="more">
                                            <summary>{t(M::ReadWholeUpdate)}</summary>
                                            <Prose html=more.to_string() written_in=u.lang/>
                                        </details>
                                    }
                                    .into_any(),
                                    None => view! { <Prose html=u.body_html.clone() written_in=u.lang/> }.into_any(),
                                }}
                            </article>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

/// Council meetings and other dates the host added, with the calendar.
#[component]
fn Dates(topic: Topic) -> impl IntoView {
    (!topic.dates.is_empty()).then(|| {
        view! {
            <section class="dates" aria-labelledby="dates-title">
                <h2 id="dates-title">{t(M::Dates)}</h2>
                <ul>
                    {topic.dates.into_iter().map(|d| view! {
                        <li><strong>{d.starts_on}</strong>" — "{d.title}{d.place.map(|p| format!(", {p}"))}</li>
                    }).collect_view()}
                </ul>
                <p><a href=format!("/topics/{}/dates.ics", topic.slug) download="">{t(M::AddToCalendar)}</a></p>
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
            <h2 id="host-title">{t(M::TopicHost)}</h2>
            <p class="host-name"><span class="initials" aria-hidden="true">{initials}</span> {host.name}</p>
            <dl>
                <dt>{t(M::HostRole)}</dt>
                <dd>{host.role}</dd>
                {host.phone.map(|phone| {
                    let href = format!("tel:{}", phone.replace(|c: char| !c.is_ascii_digit() && c != '+', ""));
                    view! { <dt>{t(M::HostPhone)}</dt><dd><a href=href>{phone}</a></dd> }
                })}
                {host.email.map(|email| {
                    let href = format!("mailto:{email}");
                    view! { <dt>{t(M::HostEmail)}</dt><dd><a href=href>{email}</a></dd> }
                })}
            </dl>
        </section>
    }
}

/// The places one may follow the comments of: the topic as a whole, then
/// the draft's sections as the page names them.
fn follow_places(sections: &[Place]) -> Vec<(String, String)> {
    let mut places = vec![(GENERAL.to_string(), t(M::TopicAsWhole).to_string())];
    places.extend(sections.iter().map(|p| (p.anchor.clone(), p.label.clone())));
    places
}

/// "§ 3 Retention", or "Introduction" for the draft's unnumbered opening.
fn section_label(section: &Section) -> String {
    if section.number.is_empty() {
        t(M::Introduction).to_string()
    } else {
        tf(
            M::SectionLabel,
            &[("number", &section.number), ("heading", &section.heading)],
        )
    }
}

/// A place residents comment on, as the contents list and the section's
/// button both show it.
#[derive(Clone)]
struct Place {
    anchor: String,
    label: String,
    count: RwSignal<i64>,
}

/// The draft's sections with their comment counts, near the top of the
/// page: on a phone the draft is several screens down.
#[component]
fn Contents(places: Vec<Place>, general: RwSignal<i64>) -> impl IntoView {
    (!places.is_empty()).then(|| {
        view! {
            <nav class="contents" aria-labelledby="contents-title">
                <h2 id="contents-title">{t(M::Contents)}</h2>
                <ol>
                    {places
                        .into_iter()
                        .map(|place| {
                            view! {
                                <li>
                                    <a href=format!("#{}", place.anchor)>{place.label}</a>
                                    " " <span class="count">{move || format::comments(place.count.get())}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                    <li>
                        <a href=format!("#{GENERAL}")>{t(M::TopicAsWhole)}</a>
                        " " <span class="count">{move || format::comments(general.get())}</span>
                    </li>
                </ol>
            </nav>
        }
    })
}

#[component]
fn SectionView(
    section: Section,
    /// The language the draft is shown in.
    shown_in: pulse_api::i18n::Lang,
    /// The section as the contents list shows it, its count shared.
    place: Place,
    participation: Participation,
    polls: polls::PollsSource,
    /// An earlier version's: read, not commented on.
    archived: bool,
) -> impl IntoView {
    let Place { label, count, .. } = place;
    let earlier = section.earlier_count;
    // A link to the thread (`#thread-…`, where signing in comes back to)
    // opens it.
    let expanded = RwSignal::new(
        crate::nav::hash_is(&format!("thread-{}", section.anchor))
            || opened_by_address(&section.anchor),
    );
    let button = NodeRef::<html::Button>::new();
    let heading_id = format!("h-{}", section.anchor);
    let thread_id = format!("thread-{}", section.anchor);
    let level: u8 = if section.level <= 1 { 3 } else { 4 };
    let heading = if section.number.is_empty() {
        view! { <h3 id=heading_id.clone()>{t(M::Introduction)}</h3> }.into_any()
    } else if level == 3 {
        view! { <h3 id=heading_id.clone()><span class="num">{format!("§ {}", section.number)}</span> " " <span lang=mark(shown_in)>{section.heading.clone()}</span></h3> }.into_any()
    } else {
        view! { <h4 id=heading_id.clone()><span class="num">{format!("§ {}", section.number)}</span> " " <span lang=mark(shown_in)>{section.heading.clone()}</span></h4> }.into_any()
    };
    let close = Callback::new(move |()| {
        expanded.set(false);
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    // "Comment on § 3 (2 comments)". Its name is its words (WCAG 2.5.3),
    // with the section's heading, hidden on screen where the heading is
    // just above; whether the thread is open is aria-expanded's to tell.
    let (action, heading_words) = if section.number.is_empty() {
        (t(M::CommentOnIntroduction).to_string(), None)
    } else {
        (
            tf(M::CommentOnSection, &[("number", &section.number)]),
            Some(format!(" {}", section.heading)),
        )
    };
    let anchor = section.anchor.clone();
    let link = format!("/topics/{}#{}", participation.slug, section.anchor);
    view! {
        <article class="section" class:expanded=move || expanded.get() id=section.anchor.clone() aria-labelledby=heading_id>
            // Links to this section's anchors in earlier versions land here.
            {section.aliases.iter().map(|alias| view! { <span class="alias" id=alias.clone()></span> }).collect_view()}
            <div class="section-text">
                // Copying the link sits by the heading it leads to; the
                // comment button comes last, just before the thread it opens.
                <div class="section-head">
                    {heading}
                    <share::Share path=link label=t(M::CopyLink) name=tf(M::CopyLinkTo, &[("place", &label)])/>
                </div>
                <Prose html=section.html written_in=shown_in/>
                {(!archived).then(|| view! {
                    <polls::SectionPolls polls participation=participation.clone() anchor=section.anchor.clone() level=level + 1/>
                    <ThreadToggle expanded button slug=participation.slug.clone() anchor=section.anchor.clone()>
                        {action}
                        {heading_words.map(|words| view! { <span class="visually-hidden">{words}</span> })}
                        " " <span class="count">{move || {
                            let all = format::comments(count.get());
                            if earlier > 0 {
                                format!("({all}, {})", crate::i18n::count(earlier, M::EarlierCount))
                            } else {
                                format!("({all})")
                            }
                        }}</span>
                    </ThreadToggle>
                })}
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

/// The button that opens and closes a thread (`thread-ANCHOR`). Before the
/// app has loaded it is a link to the page with the thread open (or, open,
/// to the page without it), looking the same.
#[component]
fn ThreadToggle(
    expanded: RwSignal<bool>,
    button: NodeRef<html::Button>,
    slug: String,
    anchor: String,
    children: Children,
) -> impl IntoView {
    let thread_id = format!("thread-{anchor}");
    let content = view! {
        <span aria-hidden="true" class="bubble"></span>
        <span>{children()}</span>
    };
    if crate::LIVE {
        view! {
            <button
                type="button"
                class="comments-toggle"
                node_ref=button
                aria-expanded=move || expanded.get().to_string()
                aria-controls=thread_id
                on:click=move |_| expanded.update(|e| *e = !*e)
            >
                {content}
            </button>
        }
        .into_any()
    } else {
        let open = expanded.get_untracked();
        let href = if open {
            format!("/topics/{slug}#{anchor}")
        } else {
            format!("{}#{thread_id}", thread_address(&slug, &anchor))
        };
        view! {
            <a class="comments-toggle button" href=href aria-expanded=open.to_string()>{content}</a>
        }
        .into_any()
    }
}
