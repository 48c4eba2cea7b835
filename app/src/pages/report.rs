//! The report for council, printable: participation, poll results as bar
//! charts with the counting rule, comments per section, moderation figures,
//! and every comment with its official response. Hosts and admins read it
//! any time; everyone once the topic has closed (the server decides).
//! The server renders it whole ([`ReportKnown`]); the app fetches its own.

use crate::api;
use crate::app::set_title;
use crate::format;
use crate::i18n::{count, t, tf};
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{CommentState, NowStatus, Report, ReportComment, ReportPoll};

/// The report as the server found it for its first view, or why not.
#[derive(Clone)]
pub struct ReportKnown(pub Result<Report, String>);

#[component]
pub fn ReportPage(slug: String) -> impl IntoView {
    set_title(t(M::ReportForCouncil));
    let known = use_context::<ReportKnown>();
    let fetched = crate::LIVE.then(|| {
        let slug = slug.clone();
        LocalResource::new(move || {
            let slug = slug.clone();
            async move { api::report(&slug).await }
        })
    });
    let report = move || match fetched {
        Some(fetched) => fetched.get(),
        None => known.clone().map(|ReportKnown(found)| found),
    };
    move || {
        let slug = slug.clone();
        let Some(result) = report() else {
            return view! { <p class="loading">{t(M::LoadingReport)}</p> }.into_any();
        };
        crate::app::ready_after_render();
        match result {
            Ok(report) => view! { <ReportView report/> }.into_any(),
            Err(message) => view! {
                <h1>{t(M::ReportForCouncil)}</h1>
                <p class="notice" role="alert">{message}</p>
                <p><a href=format!("/topics/{slug}")>{t(M::BackToTopic)}</a></p>
            }
            .into_any(),
        }
    }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    set_title(&tf(M::ReportTitle, &[("topic", &report.title)]));
    let zone = report.time_zone.clone();
    let p = &report.participation;
    let m = &report.moderation;
    let figures = [
        (t(M::Participants), p.participants),
        (t(M::Comments), p.comments),
        (t(M::Ballots), p.ballots),
        (t(M::Reactions), p.reactions),
    ];
    let moderation = [
        (t(M::FlagsByResidents), m.flags),
        (t(M::CommentsFlagged), m.flagged_comments),
        (t(M::HiddenByHostFigure), m.hidden),
        (t(M::WithdrawnFigure), m.withdrawn),
        (t(M::EditedFigure), m.edited),
        (t(M::OfficialResponses), m.responses),
    ];
    let csv = format!("/api/v1/topics/{}/report.csv", report.slug);
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let city = crate::city::city();
    let city_name = if report.city.is_empty() {
        city.name.clone()
    } else {
        report.city.clone()
    };
    view! {
        // On paper, each page's header names the topic and its footer the
        // page: a stylesheet the server writes for the topic.
        <link rel="stylesheet" media="print" href=format!("/topics/{}/report/print.css", report.slug)/>
        <article class="report">
            <p class="report-city">
                {city.logo.clone().map(|src| view! { <img class="city-logo" src=src alt="" width="40" height="40"/> " " })}
                {city_name}
            </p>
            <h1>{tf(M::ReportHeading, &[("topic", &report.title)])}</h1>
            <p class="meta">
                {tf(
                    M::ReportMeta,
                    &[
                        ("status", t(report.status.one_msg())),
                        ("opens", &format::date_time(report.opens_at, &zone)),
                        ("closes", &format::date_time(report.closes_at, &zone)),
                        ("version", &report.draft_version.unwrap_or(0).to_string()),
                        ("generated", &format::date_time(report.generated_at, &zone)),
                    ],
                )}
            </p>
            {report.record.as_ref().map(|head| view! {
                <p class="meta record-head">
                    {tf(M::ReportRecordHead, &[("position", &head.position.to_string())])} " "
                    <code class="hash">{head.hash.clone()}</code>
                    " " <a class="no-print" href=format!("/topics/{}/record", report.slug)>{t(M::PublicRecord)}</a>
                </p>
            })}
            <p class="no-print">
                <a href=format!("/topics/{}", report.slug)>{t(M::BackToTopic)}</a>
                " · "
                <a href=csv download="">{t(M::DownloadCsv)}</a>
                " · "
                {crate::LIVE.then(|| view! { <button type="button" class="link-button" on:click=print>{t(M::PrintReport)}</button> })}
            </p>
            <Summary report=report.clone()/>
            <section aria-labelledby="participation-title">
                <h2 id="participation-title">{t(M::Participation)}</h2>
                <Figures figures=figures.to_vec()/>
            </section>
            {(!report.revisions.is_empty()).then(|| view! {
                <HeardChanged report=report.clone()/>
            })}
            {(!report.polls.is_empty()).then(|| view! {
                <section aria-labelledby="polls-title">
                    <h2 id="polls-title">{t(M::Polls)}</h2>
                    {report.polls.iter().cloned().enumerate().map(|(i, poll)| view! { <PollChart poll i/> }).collect_view()}
                </section>
            })}
            <section aria-labelledby="sections-title">
                <h2 id="sections-title">{t(M::CommentsBySection)}</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="sections-title">
                    <table>
                        <thead><tr>
                            <th scope="col">{t(M::ColSection)}</th><th scope="col">{t(M::ColComments)}</th><th scope="col">{t(M::ColHidden)}</th>
                            <th scope="col">{t(M::ColWithdrawn)}</th><th scope="col">{t(M::ColAnswered)}</th><th scope="col">{t(M::ColAgree)}</th><th scope="col">{t(M::ColDisagree)}</th>
                        </tr></thead>
                        <tbody>
                            {report.sections.iter().map(|s| view! {
                                <tr>
                                    <th scope="row">{place(&s.number, &s.heading)}</th>
                                    <td>{s.comments}</td><td>{s.hidden}</td><td>{s.withdrawn}</td>
                                    <td>{s.responded}</td><td>{s.agree}</td><td>{s.disagree}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section aria-labelledby="moderation-title">
                <h2 id="moderation-title">{t(M::Moderation)}</h2>
                <Figures figures=moderation.to_vec()/>
                <p>{m.responses_by_status.iter().map(|s| format!("{}: {}", t(s.status.msg()), s.count)).collect::<Vec<_>>().join(" · ")}</p>
            </section>
            <section aria-labelledby="comments-title">
                <h2 id="comments-title">{t(M::CommentsAndResponses)}</h2>
                {grouped(&report).into_iter().map(|(label, comments)| {
                    let zone = zone.clone();
                    view! {
                        <section class="report-group">
                            <h3>{label}</h3>
                            {comments.into_iter().map(|c| view! { <ReportCommentView c zone=zone.clone()/> }).collect_view()}
                        </section>
                    }
                }).collect_view()}
            </section>
        </article>
    }
}

/// One comment as the report gives it, with its official response.
#[component]
fn ReportCommentView(c: ReportComment, zone: String) -> impl IntoView {
    let now = stands_now(&c);
    let state = match c.state {
        CommentState::Visible => String::new(),
        CommentState::Hidden => format!(
            " {}",
            tf(
                M::StateHidden,
                &[("reason", &c.hidden_reason.clone().unwrap_or_default())]
            )
        ),
        CommentState::Withdrawn => format!(" {}", t(M::StateWithdrawn)),
    };
    let class = if c.parent_id.is_some() {
        "report-comment report-reply"
    } else {
        "report-comment"
    };
    view! {
        <article class=class>
            <p class="comment-meta">
                <strong>{format!("#{}", c.id)}</strong>
                " "
                {tf(M::ReportCommentMeta, &[
                    ("author", &format::author(&c.author)),
                    ("staff", &c.staff.map(|s| format!(" ({})", t(s.msg()))).unwrap_or_default()),
                    ("date", &format::date_time(c.created_at, &zone)),
                    ("edited", &if c.edited { format!(" {}", t(M::EditedMark)) } else { String::new() }),
                    ("state", &state),
                    ("agree", &c.agree.to_string()),
                    ("disagree", &c.disagree.to_string()),
                ])}
            </p>
            {now.map(|said| view! { <p class="meta">{said}</p> })}
            {c.quote.map(|q| view! { <blockquote class="quote">{q}</blockquote> })}
            {c.body.map(|b| view! { <p class="plain">{b}</p> })}
            {c.response_status.map(|s| view! {
                <p class="official-response plain"><strong>{tf(M::OfficialResponseStatus, &[("status", t(s.msg()))])} " "</strong>{c.response.unwrap_or_default()}</p>
            })}
        </article>
    }
}

/// The comments by the section they belong to now, in the draft's order,
/// then the topic-wide discussion, then those on sections a revision
/// removed; in each, the most agreed-with threads first, each followed by
/// its replies as they came.
fn grouped(report: &Report) -> Vec<(String, Vec<ReportComment>)> {
    use pulse_api::sections::{GENERAL, REMOVED};
    let known =
        |anchor: &str| anchor == GENERAL || report.sections.iter().any(|s| s.anchor == anchor);
    let mut order: Vec<(String, String)> = report
        .sections
        .iter()
        .filter(|s| s.anchor != GENERAL)
        .map(|s| (s.anchor.clone(), place(&s.number, &s.heading)))
        .collect();
    order.push((GENERAL.to_string(), t(M::TopicAsWhole).to_string()));
    order.push((REMOVED.to_string(), t(M::RemovedComments).to_string()));
    let mut groups = Vec::new();
    for (anchor, label) in order {
        let in_group: Vec<&ReportComment> = report
            .comments
            .iter()
            .filter(|c| c.now_section == anchor || (anchor == REMOVED && !known(&c.now_section)))
            .collect();
        if in_group.is_empty() {
            continue;
        }
        let here = |id: i64| in_group.iter().any(|c| c.id == id);
        // A reply whose thread is not here stands as a thread of its own.
        let mut threads: Vec<&ReportComment> = in_group
            .iter()
            .copied()
            .filter(|c| c.parent_id.is_none_or(|p| !here(p)))
            .collect();
        threads.sort_by_key(|c| (std::cmp::Reverse(c.agree), c.disagree, c.id));
        let mut ordered = Vec::new();
        for thread in threads {
            ordered.push(thread.clone());
            let mut replies: Vec<&ReportComment> = in_group
                .iter()
                .copied()
                .filter(|r| r.parent_id == Some(thread.id))
                .collect();
            replies.sort_by_key(|r| r.id);
            ordered.extend(replies.into_iter().cloned());
        }
        groups.push((label, ordered));
    }
    groups
}

/// A summary of findings, for the first page: who took part, where, what
/// the polls said, how the host answered, what changed.
#[component]
fn Summary(report: Report) -> impl IntoView {
    let replies = report
        .comments
        .iter()
        .filter(|c| c.parent_id.is_some())
        .count();
    let people = tf(
        M::ReportSummaryPeople,
        &[
            (
                "participants",
                &report.participation.participants.to_string(),
            ),
            ("comments", &report.participation.comments.to_string()),
            ("replies", &replies.to_string()),
        ],
    );
    let mut busiest: Vec<_> = report.sections.iter().filter(|s| s.comments > 0).collect();
    busiest.sort_by_key(|s| std::cmp::Reverse(s.comments));
    let busiest: Vec<String> = busiest
        .into_iter()
        .take(3)
        .map(|s| {
            format!(
                "{} ({})",
                place(&s.number, &s.heading),
                crate::i18n::count(s.comments, M::CommentsCount)
            )
        })
        .collect();
    let polls: Vec<String> = report
        .polls
        .iter()
        .filter_map(|p| {
            let lead = p.options.iter().max_by(|a, b| a.votes.cmp(&b.votes))?;
            (p.ballots > 0).then(|| {
                tf(
                    M::ReportSummaryPoll,
                    &[
                        ("question", &p.question),
                        ("option", &lead.label),
                        ("percent", &format!("{:.0}", lead.percent_of_ballots)),
                        ("ballots", &count(p.ballots, M::BallotsPlain)),
                    ],
                )
            })
        })
        .collect();
    let responses: Vec<String> = report
        .moderation
        .responses_by_status
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| format!("{}: {}", t(s.status.msg()), s.count))
        .collect();
    let changed: usize = report.revisions.iter().map(|r| r.changes.len()).sum();
    view! {
        <section class="report-summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{t(M::ReportSummary)}</h2>
            <ul>
                <li>{people}</li>
                {(!busiest.is_empty()).then(|| view! { <li>{tf(M::ReportSummaryBusiest, &[("sections", &busiest.join("; "))])}</li> })}
                {polls.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                <li>{if responses.is_empty() { t(M::ReportSummaryNoResponses).to_string() } else { tf(M::ReportSummaryResponses, &[("n", &report.moderation.responses.to_string()), ("statuses", &responses.join(", "))]) }}</li>
                {(!report.revisions.is_empty()).then(|| view! {
                    <li>{tf(M::ReportSummaryRevisions, &[("n", &report.revisions.len().to_string()), ("changes", &changed.to_string()), ("adopted", &report.adopted.len().to_string())])}</li>
                })}
            </ul>
        </section>
    }
}

/// What we heard, what we changed: each revision with its note, every
/// section it changed with why and the comments behind it; then the
/// comments adopted, with where they landed.
#[component]
fn HeardChanged(report: Report) -> impl IntoView {
    let zone = report.time_zone.clone();
    let by_id = |id: i64| report.comments.iter().find(|c| c.id == id).cloned();
    let adopted: Vec<ReportComment> = report.adopted.iter().filter_map(|id| by_id(*id)).collect();
    view! {
        <section aria-labelledby="heard-title">
            <h2 id="heard-title">{t(M::ReportHeardChanged)}</h2>
            {report.revisions.iter().map(|r| view! {
                <h3>{tf(M::ReportRevision, &[("n", &r.version.to_string()), ("date", &format::date_time(r.published_at, &zone))])}</h3>
                <p class="plain">{r.note.clone()}</p>
                <ul>
                    {r.changes.iter().map(|c| {
                        let kind = match c.change {
                            Some(change) => t(change.msg()),
                            None => t(M::ChangeRemoved),
                        };
                        let led = (!c.comments.is_empty()).then(|| {
                            let ids = c.comments.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
                            format!(" {} {ids}", t(M::ReportLedBy))
                        });
                        view! {
                            <li>
                                <strong>{place(&c.number, &c.heading)}</strong> " — " {kind}
                                {(!c.note.is_empty()).then(|| format!(": {}", c.note))}
                                {led}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }).collect_view()}
            <h3>{t(M::ReportAdopted)}</h3>
            {if adopted.is_empty() {
                view! { <p>{t(M::ReportAdoptedNone)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {adopted.into_iter().map(|c| {
                            let status = c.response_status.map(|s| t(s.msg())).unwrap_or_default();
                            let landed = c.landed.map(|at| format!(" — {}", tf(M::LandedIn, &[("version", &at.version.to_string()), ("number", &at.number)])));
                            view! {
                                <li>
                                    {format!("#{} ", c.id)} <strong>{place(&c.section_number, &c.section_heading)}</strong>
                                    {format!(" · {status}")} {landed}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// Where a comment written on an earlier version stands now, in a sentence.
fn stands_now(c: &ReportComment) -> Option<String> {
    let now = match c.now {
        NowStatus::Current => return None,
        NowStatus::Carried => t(M::NowCarried).to_string(),
        NowStatus::Moved => tf(M::NowMoved, &[("place", &format!("§ {}", c.now_number))]),
        NowStatus::Changed => t(M::NowChanged).to_string(),
        NowStatus::Removed => t(M::NowRemoved).to_string(),
    };
    Some(format!(
        "{}: {now}",
        tf(M::WrittenOnVersion, &[("n", &c.version.to_string())])
    ))
}

fn place(number: &str, heading: &str) -> String {
    if number.is_empty() {
        heading.to_string()
    } else {
        format!("§ {number} {heading}")
    }
}

#[component]
fn Figures(figures: Vec<(&'static str, i64)>) -> impl IntoView {
    view! {
        <dl class="figures">
            {figures.into_iter().map(|(what, n)| view! { <div><dt>{what}</dt><dd>{n}</dd></div> }).collect_view()}
        </dl>
    }
}

/// A poll's results as horizontal bars, each the share of ballots that
/// chose the option; the numbers are also written out beneath for screen
/// readers and for paper.
#[component]
fn PollChart(poll: ReportPoll, i: usize) -> impl IntoView {
    const ROW: usize = 36;
    let height = (poll.options.len() * ROW).max(ROW);
    // A figure is named by its figcaption.
    let title_id = format!("poll-{i}-title");
    view! {
        <figure class="poll-chart">
            <figcaption id=title_id>{format!("{} — {}", poll.question, ballots_cast(poll.ballots, poll.staff_ballots))}</figcaption>
            <svg viewBox=format!("0 0 400 {height}") width="400" height=height.to_string() aria-hidden="true" focusable="false">
                {poll.options.iter().enumerate().map(|(j, o)| {
                    let y = j * ROW;
                    let width = (o.percent_of_ballots * 2.6).clamp(0.0, 260.0);
                    view! {
                        <text x="0" y=(y + 12).to_string() class="chart-label">{o.label.clone()}</text>
                        <rect x="0" y=(y + 16).to_string() width=format!("{width:.1}") height="14" class="chart-bar"></rect>
                        <text x=format!("{:.1}", width + 6.0) y=(y + 28).to_string() class="chart-value">
                            {format!("{} ({:.1} %)", o.votes, o.percent_of_ballots)}
                        </text>
                    }
                }).collect_view()}
            </svg>
            <ul class="poll-numbers">
                {poll.options.iter().map(|o| view! {
                    <li>{tf(M::OptionVotes, &[("label", &o.label), ("votes", &o.votes.to_string()), ("percent", &format!("{:.1}", o.percent_of_ballots))])}</li>
                }).collect_view()}
            </ul>
            <p class="meta">{poll.counting_rule}</p>
        </figure>
    }
}

/// "12 ballots, 1 by city staff".
fn ballots_cast(ballots: i64, staff: i64) -> String {
    let ballots = count(ballots, M::BallotsPlain);
    if staff > 0 {
        tf(
            M::BallotsByStaff,
            &[("ballots", &ballots), ("staff", &staff.to_string())],
        )
    } else {
        ballots
    }
}
