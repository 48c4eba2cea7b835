//! A topic's public record, for people (`/topics/{slug}/record`): where
//! it stands now (its head), how to check it, a receipt checked against
//! it, the heads published for others to keep, and its entries, the latest
//! first shown, a page at a time. The record itself is the API's
//! (`GET /api/v1/topics/{slug}/record`, docs/record.md); the server renders
//! this page whole ([`RecordKnown`]), its receipt form a plain `GET`.

use crate::api;
use crate::app::set_title;
use crate::format;
use crate::i18n::{t, tf};
use crate::nav::{query_value, use_location};
use leptos::prelude::*;
use pulse_api::Timestamp;
use pulse_api::i18n::Msg as M;
use pulse_api::wire::{PublishedHead, RecordEntry, RecordPage, parse_receipt};

/// Entries a page shows.
pub const PAGE: i64 = 50;

/// The page of the record as the server found it for its first view.
#[derive(Clone)]
pub struct RecordKnown(pub Result<RecordPage, String>);

/// Which entries the address asks for: those before `before`, or up to a
/// receipt's own; the latest otherwise.
pub fn window(query: &str) -> Option<i64> {
    let receipt = query_value(query, "receipt").and_then(|r| parse_receipt(&r));
    match receipt {
        Some((position, _)) => Some(position.saturating_add(1)),
        None => query_value(query, "before")
            .and_then(|b| b.parse::<i64>().ok())
            .filter(|b| *b >= 1),
    }
}

#[component]
pub fn RecordPage(slug: String) -> impl IntoView {
    set_title(t(M::PublicRecord));
    let location = use_location();
    let known = use_context::<RecordKnown>();
    let fetched = crate::LIVE.then(|| {
        let slug = slug.clone();
        LocalResource::new(move || {
            let slug = slug.clone();
            let before = window(&location.query.get());
            async move { api::record(&slug, before).await }
        })
    });
    let record = move || match fetched {
        Some(fetched) => fetched.get(),
        None => known.clone().map(|RecordKnown(found)| found),
    };
    move || {
        let slug = slug.clone();
        let Some(result) = record() else {
            return view! { <p class="loading">{t(M::Loading)}</p> }.into_any();
        };
        crate::app::ready_after_render();
        match result {
            Ok(record) => {
                let receipt = query_value(&location.query.get_untracked(), "receipt");
                view! { <RecordView record receipt/> }.into_any()
            }
            Err(message) => view! {
                <h1>{t(M::PublicRecord)}</h1>
                <p class="notice" role="alert">{message}</p>
                <p><a href=format!("/topics/{slug}")>{t(M::BackToTopic)}</a></p>
            }
            .into_any(),
        }
    }
}

#[component]
fn RecordView(record: RecordPage, receipt: Option<String>) -> impl IntoView {
    let title = tf(M::PublicRecordOf, &[("topic", &record.title)]);
    set_title(&title);
    let slug = record.topic.clone();
    let here = format!("/topics/{slug}/record");
    let json = format!("/api/v1/topics/{slug}/record");
    let zone = record.time_zone.clone();
    let checked = receipt.as_deref().map(|text| check(text, &record));
    let head = record.head.clone().map(|h| {
        view! {
            <p>
                {tf(M::RecordHeadNow, &[("position", &h.position.to_string())])} " "
                <code class="hash">{h.hash}</code>
            </p>
        }
    });
    let first = record.entries.first().map(|e| e.position);
    let last = record.entries.last().map(|e| e.position);
    let earlier = record.earlier.map(
        |before| view! { <a href=format!("{here}?before={before}")>{t(M::RecordEarlier)}</a> },
    );
    let later = record.next.map(|after| {
        let before = after.saturating_add(PAGE).saturating_add(1);
        view! { <a href=format!("{here}?before={before}")>{t(M::RecordLater)}</a> }
    });
    let range = first.zip(last).map(|(from, to)| {
        tf(
            M::RecordEntriesRange,
            &[("from", &from.to_string()), ("to", &to.to_string())],
        )
    });
    view! {
        <article class="record">
            <p class="meta"><a href=format!("/topics/{slug}")>{t(M::BackToTopic)}</a></p>
            <h1>{title}</h1>
            <p>{t(M::RecordIntro)}</p>
            {match head {
                Some(head) => head.into_any(),
                None => view! { <p>{t(M::RecordEmpty)}</p> }.into_any(),
            }}
            <section aria-labelledby="receipt-title">
                <h2 id="receipt-title">{t(M::RecordCheckReceipt)}</h2>
                <form method="get" action=here.clone() class="receipt-check">
                    <label for="receipt">{t(M::RecordReceiptLabel)}</label>
                    <p class="hint" id="receipt-hint">{t(M::RecordReceiptHint)}</p>
                    <input id="receipt" name="receipt" type="text" autocomplete="off"
                        spellcheck="false" aria-describedby="receipt-hint" required
                        value=receipt.unwrap_or_default()/>
                    <button type="submit">{t(M::RecordReceiptCheck)}</button>
                </form>
                {checked.map(|(holds, said)| {
                    let class = if holds { "notice success" } else { "notice" };
                    view! { <p class=class role="status">{said}</p> }
                })}
            </section>
            <section aria-labelledby="check-title">
                <h2 id="check-title">{t(M::RecordCheckIt)}</h2>
                <ul>
                    <li>{t(M::RecordHowJson)} " " <a href=json.clone()><code>{json.clone()}</code></a></li>
                    <li>{t(M::RecordHowCommand)} " " <code>"pulse verify --url ADDRESS"</code></li>
                    <li>{t(M::RecordHowDoc)} " " <a href="/docs/record.md">"docs/record.md"</a></li>
                </ul>
            </section>
            <Published heads=record.published.clone() zone=zone.clone()/>
            <section aria-labelledby="entries-title">
                <h2 id="entries-title">{range.unwrap_or_else(|| t(M::RecordEntries).to_string())}</h2>
                <ol class="record-entries">
                    {record
                        .entries
                        .into_iter()
                        .map(|e| view! { <Entry entry=e slug=slug.clone() zone=zone.clone()/> })
                        .collect_view()}
                </ol>
                <nav class="pager" aria-label=t(M::RecordPages)>{earlier}" "{later}</nav>
            </section>
        </article>
    }
}

/// Whether a receipt pasted holds against this page of the record, and the
/// sentence that says so.
fn check(text: &str, record: &RecordPage) -> (bool, String) {
    let Some((position, hash)) = parse_receipt(text) else {
        return (false, t(M::RecordReceiptUnreadable).to_string());
    };
    let n = position.to_string();
    match record.entries.iter().find(|e| e.position == position) {
        Some(e) if e.hash == hash => (true, tf(M::RecordReceiptHolds, &[("position", &n)])),
        Some(_) => (false, tf(M::RecordReceiptDiffers, &[("position", &n)])),
        None => {
            let head = record.head.as_ref().map_or(0, |h| h.position);
            (
                false,
                tf(
                    M::RecordReceiptMissing,
                    &[("position", &n), ("head", &head.to_string())],
                ),
            )
        }
    }
}

#[component]
fn Published(heads: Vec<PublishedHead>, zone: String) -> impl IntoView {
    view! {
        <section aria-labelledby="published-title">
            <h2 id="published-title">{t(M::RecordPublishedHeads)}</h2>
            <p>{t(M::RecordPublishedIntro)}</p>
            {if heads.is_empty() {
                view! { <p>{t(M::RecordNonePublished)}</p> }.into_any()
            } else {
                view! {
                    <ul class="record-heads">
                        {heads
                            .into_iter()
                            .map(|h| {
                                let why = if h.reason == "close" { t(M::RecordHeadAtClose) } else { t(M::RecordHeadDaily) };
                                view! {
                                    <li id=format!("head-{}", h.position)>
                                        {format::date_time(Timestamp(h.at), &zone)} " · " {why} " · "
                                        {tf(M::RecordEntryNumber, &[("position", &h.position.to_string())])} " "
                                        <code class="hash">{h.hash}</code>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// What an entry's kind is called.
fn kind_name(kind: &str) -> String {
    let msg = match kind {
        "comment" => M::RecordKindComment,
        "edit" => M::RecordKindEdit,
        "withdraw" => M::RecordKindWithdraw,
        "hide" => M::RecordKindHide,
        "restore" => M::RecordKindRestore,
        "response" => M::RecordKindResponse,
        "update" => M::RecordKindUpdate,
        "version" => M::RecordKindVersion,
        "window" => M::RecordKindWindow,
        "date_added" => M::RecordKindDateAdded,
        "date_removed" => M::RecordKindDateRemoved,
        "erased" => M::RecordKindErased,
        "close" => M::RecordKindClose,
        other => return other.to_string(),
    };
    t(msg).to_string()
}

/// Where on the site an entry's item is, when it has a place.
fn item_link(slug: &str, item: &str) -> Option<String> {
    let (kind, id) = item.split_once('/')?;
    Some(match kind {
        "comment" => format!("/topics/{slug}#comment-{id}"),
        "update" => format!("/topics/{slug}#update-{id}"),
        "version" => format!("/topics/{slug}/versions/{id}"),
        _ => return None,
    })
}

#[component]
fn Entry(entry: RecordEntry, slug: String, zone: String) -> impl IntoView {
    let item = entry
        .item
        .clone()
        .map(|item| match item_link(&slug, &item) {
            Some(href) => view! { " · " <a href=href>{item}</a> }.into_any(),
            None => view! { " · " {item} }.into_any(),
        });
    let content = match entry.content {
        Some(content) => view! {
            <details>
                <summary>{t(M::RecordContent)}</summary>
                <pre>{content}</pre>
            </details>
        }
        .into_any(),
        None => view! { <p class="meta">{t(M::RecordWithheld)}</p> }.into_any(),
    };
    view! {
        <li id=format!("entry-{}", entry.position) value=entry.position.to_string()>
            <p>
                <strong>{tf(M::RecordEntryNumber, &[("position", &entry.position.to_string())])}</strong>
                " · " {kind_name(&entry.kind)} {item} " · "
                {format::date_time(Timestamp(entry.at), &zone)}
            </p>
            <p class="meta">{t(M::RecordHash)} " " <code class="hash">{entry.hash}</code></p>
            {content}
        </li>
    }
}
