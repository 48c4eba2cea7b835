//! A topic for feed readers and calendars, beside email:
//! `/topics/{slug}/updates.atom` (Atom 1.0, RFC 4287) holds the host's
//! updates, and `/topics/{slug}/dates.ics` (iCalendar, RFC 5545) the
//! opening, the close, and the dates the host adds (council meetings).
//! Both are public, like the topic page, and read from the same data. The
//! Atom feed also carries the heads of the topic's public record as they
//! are published, and `/docs/record.md` says how the record is made.

use crate::error::Result;
use crate::state::AppState;
use crate::{clock, services};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pulse_api::Timestamp;
use pulse_api::markdown::escape_html as esc;
use std::fmt::Write as _;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/topics/{slug}/updates.atom", get(atom))
        .route("/topics/{slug}/dates.ics", get(calendar))
        .route("/docs/record.md", get(record_doc))
}

/// How the public record is made (docs/record.md), for those who keep its
/// heads and write their own verifier: served as the binary was built.
async fn record_doc() -> Response {
    let mut response = typed(
        "text/markdown; charset=utf-8",
        include_str!("../../docs/record.md").to_string(),
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

fn rfc3339(at: Timestamp) -> String {
    jiff::Timestamp::from_second(at.0).map_or_else(|_| String::new(), |t| t.to_string())
}

fn typed(content_type: &'static str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

async fn atom(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response> {
    let services::topics::Feed {
        topic,
        updates,
        head,
        published_heads,
    } = services::topics::with_updates(&state, &slug).await?;
    let site = &state.site;
    let page = format!("{site}/topics/{}", topic.slug);
    let updated = updates
        .first()
        .map(|u| u.posted_at)
        .into_iter()
        .chain(published_heads.first().map(|h| Timestamp(h.at)))
        .max()
        .unwrap_or(topic.opens_at);
    let mut xml = String::with_capacity(1024 + 1024 * updates.len());
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n\
         <title>{}</title>\n<subtitle>Updates from the host of this topic on {}'s Pulse.</subtitle>\n\
         <id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}/updates.atom\"/>\n\
         <updated>{}</updated>\n<author><name>{}</name></author>\n",
        esc(&format!("{}: updates", topic.title)),
        esc(&state.config.mail.city),
        esc(&page),
        esc(&page),
        esc(&page),
        rfc3339(updated),
        esc(&topic.host.name),
    );
    // The head of the topic's public record, for readers to keep: an
    // alteration before it shows against their copy (docs/record.md).
    if let Some(head) = head {
        let _ = writeln!(
            xml,
            "<record:head xmlns:record=\"urn:pulse:record\" position=\"{}\" hash=\"{}\" \
             href=\"{site}/api/v1/topics/{}/record\"/>",
            head.position,
            esc(&head.hash),
            esc(&topic.slug),
        );
    }
    // Newest first: the updates, and the record's heads as they were
    // published, each an entry a feed reader keeps.
    let mut heads = published_heads.iter().peekable();
    let record_page = format!("{page}/record");
    let write_head = |xml: &mut String, h: &services::topics::PublishedHead| {
        let id = format!("{record_page}#head-{}", h.position);
        let when = if h.reason == "close" {
            "at the topic's close"
        } else {
            "for the day"
        };
        let _ = write!(
            xml,
            "<entry>\n<title>The public record at entry {}</title>\n<id>{}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n\
             <record:head xmlns:record=\"urn:pulse:record\" position=\"{}\" hash=\"{}\"/>\n\
             <content type=\"text\">The head of this topic's public record, published {}: \
             entry {}, hash {}. Keep it: the record as it stood then can be checked against it.</content>\n</entry>\n",
            h.position,
            esc(&id),
            esc(&record_page),
            rfc3339(Timestamp(h.at)),
            rfc3339(Timestamp(h.at)),
            h.position,
            esc(&h.hash),
            when,
            h.position,
            esc(&h.hash),
        );
    };
    for u in &updates {
        while let Some(h) = heads.next_if(|h| Timestamp(h.at) > u.posted_at) {
            write_head(&mut xml, h);
        }
        let link = format!("{page}#update-{}", u.id);
        let _ = write!(
            xml,
            "<entry>\n<title>{}</title>\n<id>{}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n\
             <content type=\"html\">{}</content>\n</entry>\n",
            esc(&u.title),
            esc(&link),
            esc(&link),
            rfc3339(u.posted_at),
            rfc3339(u.posted_at),
            esc(&u.body_html),
        );
    }
    for h in heads {
        write_head(&mut xml, h);
    }
    xml.push_str("</feed>\n");
    Ok(typed("application/atom+xml; charset=utf-8", xml))
}

/// `20261126T160000Z`.
fn ics_time(at: Timestamp) -> String {
    jiff::Timestamp::from_second(at.0).map_or_else(
        |_| String::new(),
        |t| t.strftime("%Y%m%dT%H%M%SZ").to_string(),
    )
}

/// TEXT as RFC 5545 escapes it.
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// One content line, folded at 75 octets without splitting a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

struct Event {
    uid: String,
    start: Timestamp,
    summary: String,
    place: Option<String>,
}

async fn calendar(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response> {
    let (topic, dates) = services::topics::with_dates(&state, &slug).await?;
    let site = &state.site;
    let page = format!("{site}/topics/{}", topic.slug);
    let host = crate::config::site_host(site);
    let mut events = vec![
        Event {
            uid: format!("topic-{}-opens@{host}", topic.id),
            start: topic.opens_at,
            summary: format!("{}: comments and votes open", topic.title),
            place: None,
        },
        Event {
            uid: format!("topic-{}-closes@{host}", topic.id),
            start: topic.closes_at,
            summary: format!("{}: comments and votes close", topic.title),
            place: None,
        },
    ];
    events.extend(dates.into_iter().map(|d| Event {
        uid: format!("topic-{}-date-{}@{host}", topic.id, d.id),
        start: d.starts_at,
        summary: format!("{}: {}", topic.title, d.title),
        place: d.place,
    }));
    let now = ics_time(clock::now());
    let mut ics = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Pulse//Civic engagement//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        line(&mut ics, l);
    }
    line(
        &mut ics,
        &format!("X-WR-CALNAME:{}", ics_text(&topic.title)),
    );
    for e in events {
        line(&mut ics, "BEGIN:VEVENT");
        line(&mut ics, &format!("UID:{}", e.uid));
        line(&mut ics, &format!("DTSTAMP:{now}"));
        line(&mut ics, &format!("DTSTART:{}", ics_time(e.start)));
        line(&mut ics, &format!("SUMMARY:{}", ics_text(&e.summary)));
        if let Some(place) = e.place {
            line(&mut ics, &format!("LOCATION:{}", ics_text(&place)));
        }
        line(&mut ics, &format!("URL:{page}"));
        line(
            &mut ics,
            &format!("DESCRIPTION:{}", ics_text(&format!("On Pulse: {page}"))),
        );
        line(&mut ics, "END:VEVENT");
    }
    line(&mut ics, "END:VCALENDAR");
    Ok(typed("text/calendar; charset=utf-8", ics))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
