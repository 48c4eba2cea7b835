//! A topic's polls: choose, vote, change the vote, and see the results when
//! the topic's rule shows them.

use super::{Known, Participation};
use crate::api;
use crate::auth::Auth;
use crate::forms::{Doing, form_mistake};
use crate::i18n::{count, t, tf};
use crate::pages::account_form::with_next;
use leptos::prelude::*;
use pulse_api::TopicStatus;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{Poll, PollKind, PollList, ResultsRule};

/// The topic's polls, once for the whole page: the topic-wide ones sit
/// with the topic, a section's inside that section. The server renders
/// those it was given; the app fetches its own.
#[derive(Clone, Copy)]
pub struct PollsSource {
    fetched: Option<LocalResource<Result<PollList, String>>>,
    known: StoredValue<Option<PollList>>,
}

impl PollsSource {
    /// The polls, once they have come.
    pub fn get(&self) -> Option<Result<PollList, String>> {
        match self.fetched {
            Some(fetched) => fetched.get(),
            None => self.known.get_value().map(Ok),
        }
    }
}

/// Fetches the polls, again when someone signs in or out (ballots are per
/// account) and when the topic opens or closes (results may show); sets
/// `loaded` once they have come, because the page waits for them before it
/// shows itself, so they never push the draft down under the reader.
pub fn load(participation: &Participation, loaded: RwSignal<bool>) -> PollsSource {
    let slug = participation.slug.clone();
    let auth = Auth::get();
    let status = participation.status;
    // As the page's address asks: translated, or as the city wrote them.
    let original = super::address_value("original").is_some();
    let fetched = crate::LIVE.then(|| {
        LocalResource::new(move || {
            auth.account.track();
            status.track();
            let slug = slug.clone();
            async move { api::polls(&slug, original).await }
        })
    });
    let polls = PollsSource {
        fetched,
        known: StoredValue::new(use_context::<Known>().and_then(|k| k.polls)),
    };
    Effect::new(move |_| {
        if polls.get().is_some() {
            loaded.set(true);
        }
    });
    polls
}

/// The polls on the topic as a whole, and any whose section the current
/// draft no longer has.
#[component]
pub fn Polls(
    polls: PollsSource,
    participation: Participation,
    /// The current draft's sections.
    anchors: Vec<String>,
) -> impl IntoView {
    let belongs = move |poll: &Poll| {
        poll.section
            .as_ref()
            .is_none_or(|anchor| !anchors.contains(anchor))
    };
    // Read outside any Suspense: fetched again (someone signed in), the
    // polls stay on screen until the new answer replaces them.
    move || {
        polls.get().map(|result| match result {
            Ok(list) if !list.polls.iter().any(&belongs) => ().into_any(),
            Ok(list) => view! {
                <section class="polls" aria-labelledby="polls-title">
                    <h2 id="polls-title">{t(M::Polls)}</h2>
                    {cards(list, &belongs, &participation, 3)}
                </section>
            }
            .into_any(),
            Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        })
    }
}

/// The polls about one section, inside it, their question a heading one
/// level below the section's.
#[component]
pub fn SectionPolls(
    polls: PollsSource,
    participation: Participation,
    anchor: String,
    level: u8,
) -> impl IntoView {
    let belongs = move |poll: &Poll| poll.section.as_deref() == Some(anchor.as_str());
    move || {
        polls
            .get()
            .and_then(Result::ok)
            .map(|list| cards(list, &belongs, &participation, level))
            .unwrap_or_else(|| ().into_any())
    }
}

fn cards(
    list: PollList,
    belongs: &dyn Fn(&Poll) -> bool,
    participation: &Participation,
    level: u8,
) -> AnyView {
    let status = participation.status.get_untracked();
    let here = format!("/topics/{}", participation.slug);
    let hidden_note = match list.results_rule {
        ResultsRule::AfterClose => t(M::ResultsAfterClose),
        _ => t(M::ResultsAfterVoting),
    };
    list.polls
        .into_iter()
        .filter(|poll| belongs(poll))
        .map(|poll| view! { <PollCard poll status hidden_note here=here.clone() level/> })
        .collect_view()
        .into_any()
}

/// A heading of `level` (clamped to h3–h6), in `lang` if not the page's.
fn heading(level: u8, id: Option<String>, text: String, lang: Option<&'static str>) -> AnyView {
    match level {
        ..=3 => view! { <h3 id=id lang=lang>{text}</h3> }.into_any(),
        4 => view! { <h4 id=id lang=lang>{text}</h4> }.into_any(),
        5 => view! { <h5 id=id lang=lang>{text}</h5> }.into_any(),
        _ => view! { <h6 id=id lang=lang>{text}</h6> }.into_any(),
    }
}

#[component]
fn PollCard(
    poll: Poll,
    status: TopicStatus,
    hidden_note: &'static str,
    here: String,
    /// The question's heading level; the results' is one below.
    level: u8,
) -> impl IntoView {
    let auth = Auth::get();
    let current = RwSignal::new(poll.clone());
    let chosen = RwSignal::new(poll.my_choices.clone().unwrap_or_default());
    let choices_id = format!("poll-{}-choices", poll.id);
    let error = RwSignal::new(form_mistake(&choices_id));
    // Sent without the app, the vote comes back to the poll.
    let form_address = format!("{here}#poll-{}", poll.id);
    let poll_id = poll.id;
    // Sent without the app, the vote comes back to `?voted={poll}`.
    let voted_here = super::address_value("voted") == Some(poll_id.to_string());
    let announce = RwSignal::new(if voted_here {
        t(M::VoteRecorded).to_string()
    } else {
        String::new()
    });
    let vote = Action::new_local(move |options: &Vec<i64>| {
        let options = options.clone();
        async move { api::vote(poll_id, options).await }
    });
    Effect::new(move |_| {
        if let Some(result) = vote.value().get() {
            match result {
                Ok(updated) => {
                    chosen.set(updated.my_choices.clone().unwrap_or_default());
                    current.set(updated);
                    error.set(None);
                    announce.set(t(M::VoteRecorded).into());
                }
                Err(message) => error.set(Some(message)),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if vote.pending().get_untracked() {
            return;
        }
        let options = chosen.get();
        if options.is_empty() {
            error.set(Some(t(M::ChooseBeforeVoting).into()));
            return;
        }
        vote.dispatch(options);
    };
    let multiple = poll.kind == PollKind::Multiple;
    let shown_in = poll.lang;
    let legend_id = format!("poll-{poll_id}-question");
    let can_vote = move || status == TopicStatus::Open && auth.account.get().is_some();
    view! {
        <article class="poll" id=format!("poll-{poll_id}") aria-labelledby=legend_id.clone()>
            {(level > 3).then(|| view! { <p class="meta poll-kicker">{t(M::PollInSection)}</p> })}
            {heading(level, Some(legend_id.clone()), poll.question.clone(), crate::i18n::mark(poll.lang))}
            {poll.from_version.map(|n| view! { <p class="meta">{tf(M::PollFromVersion, &[("n", &n.to_string())])}</p> })}
            <Show
                when=can_vote
                fallback=move || {
                    view! {
                        {(status == TopicStatus::Open).then(|| view! {
                            <p class="notice"><a href=with_next("/sign-in", &format!("{here}#poll-{poll_id}"))>{t(M::SignInToVote)}</a></p>
                        })}
                    }
                }
            >
                <form class="poll-form" method="post" action=form_address.clone() on:submit=submit>
                    <Doing what="vote" form=choices_id.clone() poll=poll_id/>
                    <fieldset id=choices_id.clone()>
                        <legend>{if multiple { t(M::ChooseAny) } else { t(M::ChooseOne) }}</legend>
                        {poll
                            .options
                            .iter()
                            .map(|option| {
                                let id = option.id;
                                let input_id = format!("poll-{poll_id}-option-{id}");
                                let checked = move || chosen.with(|c| c.contains(&id));
                                view! {
                                    <div class="choice">
                                        <input
                                            type=if multiple { "checkbox" } else { "radio" }
                                            id=input_id.clone()
                                            name="option"
                                            value=id.to_string()
                                            checked=checked()
                                            prop:checked=checked
                                            on:change=move |_| {
                                                chosen.update(|c| {
                                                    if multiple {
                                                        if let Some(at) = c.iter().position(|x| *x == id) {
                                                            c.remove(at);
                                                        } else {
                                                            c.push(id);
                                                        }
                                                    } else {
                                                        *c = vec![id];
                                                    }
                                                })
                                            }
                                        />
                                        <label for=input_id lang=crate::i18n::mark(shown_in)>{option.label.clone()}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    {move || error.get().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                    // aria-disabled, not disabled: a disabled button drops the focus.
            <button type="submit" aria-disabled=move || vote.pending().get().to_string()>
                        {move || if current.with(|p| p.my_choices.is_some()) { t(M::ChangeMyVote) } else { t(M::Vote) }}
                    </button>
                </form>
            </Show>
            <p role="status" class="poll-status">{move || announce.get()}</p>
            <Results current hidden_note level=level + 1/>
        </article>
    }
}

#[component]
fn Results(current: RwSignal<Poll>, hidden_note: &'static str, level: u8) -> impl IntoView {
    move || {
        let poll = current.get();
        if !poll.results_visible {
            return view! { <p class="meta">{hidden_note}</p> }.into_any();
        }
        let ballots = poll.ballots.unwrap_or(0);
        let staff = poll.staff_ballots.unwrap_or(0);
        let shown_in = poll.lang;
        let mine = poll.my_choices.clone().unwrap_or_default();
        view! {
            <div class="results">
                {heading(level, None, t(M::Results).to_string(), None)}
                <ul>
                    {poll
                        .options
                        .into_iter()
                        .map(|option| {
                            let votes = option.votes.unwrap_or(0);
                            // Shares of ballots (people), not of choices: on a
                            // choose-several poll they may add up to more than 100.
                            let percent = if ballots > 0 { votes * 100 / ballots } else { 0 };
                            let yours = mine.contains(&option.id);
                            view! {
                                <li class="result">
                                    <span class="result-label">
                                        <span lang=crate::i18n::mark(shown_in)>{option.label}</span>
                                        {yours.then(|| format!(" {}", t(M::YourChoice)))}
                                    </span>
                                    <span class="result-count">
                                        {format!("{} · {percent}%", count(votes, M::VotesCount))}
                                    </span>
                                    // A drawing, not a style: the page's
                                    // policy allows no inline style, and
                                    // the server's first view draws it too.
                                    <svg class="bar" aria-hidden="true" focusable="false">
                                        <rect class="fill" width=format!("{percent}%") height="100%"></rect>
                                    </svg>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="meta">
                    {count(ballots, M::BallotsCount)}
                    {(staff > 0).then(|| tf(M::OfThemStaff, &[("n", &staff.to_string())]))}
                    ". "
                    {if poll.kind == PollKind::Multiple { t(M::ShareRuleSeveral) } else { t(M::ShareRuleOne) }}
                </p>
            </div>
        }
        .into_any()
    }
}
