//! Messages as people read them: plain text and HTML alternatives, the
//! city's and the topic's name in the subject, a working link, and on every
//! subscriber's notice a one-click unsubscribe (RFC 8058).

use anyhow::Context;
use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use pulse_api::markdown::escape_html as esc;
use sha2::{Digest, Sha256};

/// What one entry of a message says.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The subject, without the city's name.
    pub subject: String,
    /// The opening sentence(s), plain text.
    pub lead: String,
    /// A quoted text (an update's or a comment's), plain and as safe HTML.
    pub quote: Option<(String, String)>,
    /// The addresses the plain quote numbers `[1]`, `[2]`…, listed after it.
    pub links: Vec<String>,
    /// The language the quote is written in, when known: marked in the
    /// HTML where it is not the letter's.
    pub quote_lang: Option<pulse_api::i18n::Lang>,
    /// Where to go: the words on the button and the address.
    pub action: (String, String),
}

/// The words around a letter's entries, in its reader's language
/// (`templates/*/common.txt`, by `compose::common`).
#[derive(Debug, Clone)]
pub struct Common {
    pub unsubscribe: String,
    pub links: String,
}

/// One message to one recipient.
pub struct Letter<'a> {
    pub from: &'a Mailbox,
    pub to: &'a str,
    /// The reader's language: the letter's `Content-Language` and `lang`.
    pub lang: pulse_api::i18n::Lang,
    /// The words around the entries, in that language.
    pub common: Common,
    /// Where a reply goes, when not to the sender (the host, for a hidden
    /// comment's review).
    pub reply_to: Option<Mailbox>,
    pub city: &'a str,
    /// The site's address, whose host names the Message-ID's domain.
    pub site: &'a str,
    /// Stable per notice and recipient: a message sent again after a crash
    /// carries the same id, so mail systems can tell it is one message.
    pub message_key: &'a str,
    /// Why this person gets it (the last line).
    pub reason: String,
    /// For subscribers: the one-click unsubscribe address.
    pub unsubscribe: Option<String>,
    /// The same, as the letter's words link it: opening its page in the
    /// reader's language.
    pub unsubscribe_page: Option<String>,
    pub entries: Vec<Entry>,
    /// For a digest: the subject line.
    pub digest_subject: Option<String>,
}

/// `<key.hash-of-recipient@host>`.
pub fn message_id(key: &str, to: &str, site: &str) -> String {
    let host = crate::config::site_host(site);
    let digest = Sha256::digest(to.as_bytes());
    let short: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("<{key}.{short}@{host}>")
}

/// A file name for the message (for the `.eml` transport), from its key
/// and recipient.
pub fn file_name(key: &str, to: &str) -> String {
    let digest = Sha256::digest(to.as_bytes());
    let short: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{key}.{short}")
}

fn text(letter: &Letter<'_>) -> String {
    let mut out = String::new();
    for (i, e) in letter.entries.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n— — —\n\n");
        }
        if letter.entries.len() > 1 {
            out.push_str(&e.subject);
            out.push_str("\n\n");
        }
        out.push_str(&e.lead);
        out.push_str("\n\n");
        if let Some((plain, _)) = &e.quote {
            for line in plain.lines() {
                out.push_str("> ");
                out.push_str(line);
                out.push('\n');
            }
            out.push('\n');
        }
        if !e.links.is_empty() {
            out.push_str(&format!("{}:\n", letter.common.links));
            for (i, url) in e.links.iter().enumerate() {
                out.push_str(&format!("[{}] {url}\n", i + 1));
            }
            out.push('\n');
        }
        out.push_str(&format!("{}: {}\n", e.action.0, e.action.1));
    }
    out.push_str("\n--\n");
    out.push_str(&letter.reason);
    out.push('\n');
    if let Some(url) = letter
        .unsubscribe_page
        .as_ref()
        .or(letter.unsubscribe.as_ref())
    {
        out.push_str(&format!("{}: {url}\n", letter.common.unsubscribe));
    }
    out
}

fn html(letter: &Letter<'_>, title: &str) -> String {
    let mut out = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;\
         color:#1b1b1b;max-width:40em;margin:0 auto;padding:1em\">\
         <p style=\"color:#555\">{}</p>",
        letter.lang.code(),
        esc(title),
        esc(letter.city)
    );
    for e in &letter.entries {
        out.push_str(&format!(
            "<h1 style=\"font-size:1.3em\">{}</h1>",
            esc(&e.subject)
        ));
        for para in e.lead.split("\n\n") {
            // A list of lines (what a revision changed) keeps its lines.
            out.push_str(&format!("<p>{}</p>", esc(para).replace('\n', "<br>")));
        }
        if let Some((_, safe_html)) = &e.quote {
            let lang = e
                .quote_lang
                .filter(|l| *l != letter.lang)
                .map(|l| format!(" lang=\"{}\"", l.code()))
                .unwrap_or_default();
            out.push_str(&format!(
                "<blockquote{lang} style=\"border-left:4px solid #ccc;margin:0;padding-left:1em\">\
                 {safe_html}</blockquote>"
            ));
        }
        out.push_str(&format!(
            "<p><a href=\"{}\" style=\"display:inline-block;padding:.6em 1em;background:#005ea2;\
             color:#fff;text-decoration:none;border-radius:4px\">{}</a></p>",
            esc(&e.action.1),
            esc(&e.action.0)
        ));
    }
    out.push_str(&format!(
        "<hr><p style=\"color:#555;font-size:.9em\">{}",
        esc(&letter.reason)
    ));
    if let Some(url) = letter
        .unsubscribe_page
        .as_ref()
        .or(letter.unsubscribe.as_ref())
    {
        out.push_str(&format!(
            " <a href=\"{}\">{}</a>",
            esc(url),
            esc(&letter.common.unsubscribe)
        ));
    }
    out.push_str("</p></body></html>");
    out
}

/// The message, ready to send.
pub fn message(letter: &Letter<'_>) -> anyhow::Result<Message> {
    let subject = match (&letter.digest_subject, letter.entries.first()) {
        (Some(s), _) => s.clone(),
        (None, Some(e)) => e.subject.clone(),
        (None, None) => anyhow::bail!("a message with nothing to say"),
    };
    let subject = format!("[{}] {subject}", letter.city);
    let to: Mailbox = letter
        .to
        .parse()
        .with_context(|| format!("the recipient {:?} is not an address", letter.to))?;
    let mut builder = Message::builder()
        .from(letter.from.clone())
        .to(to)
        .message_id(Some(message_id(letter.message_key, letter.to, letter.site)))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            letter.lang.code().to_string(),
        ));
    if let Some(reply_to) = &letter.reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    // A resident's name in the subject that looks like an encoded word
    // (`=?utf-8?b?…?=`, which a mail program would decode into other
    // words) is sent encoded itself, so it reads as typed.
    builder = if subject.contains("=?") {
        builder.raw_header(HeaderValue::dangerous_new_pre_encoded(
            HeaderName::new_from_ascii_str("Subject"),
            subject.clone(),
            encoded_words(&subject),
        ))
    } else {
        builder.subject(subject.clone())
    };
    if let Some(url) = &letter.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            text(letter),
            html(letter, &subject),
        ))
        .context("writing a message")
}

/// `text` as RFC 2047 encoded words (UTF-8, Q encoding: only letters and
/// digits as they are), folded between words.
fn encoded_words(text: &str) -> String {
    const ROOM: usize = 75 - "=?utf-8?q??=".len();
    let mut words = vec![String::new()];
    for c in text.chars() {
        let mut piece = String::new();
        for byte in c.encode_utf8(&mut [0; 4]).bytes() {
            match byte {
                b' ' => piece.push('_'),
                b if b.is_ascii_alphanumeric() => piece.push(char::from(b)),
                b => piece.push_str(&format!("={b:02X}")),
            }
        }
        if words.last().is_some_and(|w| w.len() + piece.len() > ROOM) {
            words.push(String::new());
        }
        if let Some(word) = words.last_mut() {
            word.push_str(&piece);
        }
    }
    words
        .iter()
        .map(|w| format!("=?utf-8?q?{w}?="))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter<'a>(from: &'a Mailbox, unsubscribe: Option<String>) -> Letter<'a> {
        Letter {
            from,
            to: "ana@example.org",
            lang: pulse_api::i18n::Lang::En,
            common: Common {
                unsubscribe: "Unsubscribe".into(),
                links: "Links".into(),
            },
            reply_to: None,
            city: "City of Shakopee",
            site: "https://pulse.example.gov",
            message_key: "pulse.update.7",
            reason: "You subscribed to Body Worn Cameras.".into(),
            unsubscribe,
            unsubscribe_page: None,
            entries: vec![Entry {
                subject: "Body Worn Cameras: <b>New</b> dates".into(),
                lead: "The host posted an update.".into(),
                quote: Some((
                    "Council meets <then>.".into(),
                    "<p>Council meets &lt;then&gt;.</p>".into(),
                )),
                links: Vec::new(),
                quote_lang: None,
                action: (
                    "Read it".into(),
                    "https://pulse.example.gov/topics/bwc#update-7".into(),
                ),
            }],
            digest_subject: None,
        }
    }

    #[test]
    fn a_notice_names_the_city_unsubscribes_in_one_click_and_escapes_what_it_quotes() {
        let from: Mailbox = "Pulse <pulse@example.gov>".parse().unwrap();
        let m = message(&letter(
            &from,
            Some("https://pulse.example.gov/unsubscribe/abc".into()),
        ))
        .unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        assert!(
            raw.contains("Subject: [City of Shakopee] Body Worn Cameras:"),
            "{raw}"
        );
        assert!(raw.contains("List-Unsubscribe: <https://pulse.example.gov/unsubscribe/abc>"));
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(raw.contains("@pulse.example.gov>"));
        let l = letter(&from, None);
        let page = html(&l, "t");
        assert!(
            !page.contains("<b>New</b>") && page.contains("&lt;b&gt;New"),
            "{page}"
        );
        assert!(
            page.contains("<p>Council meets &lt;then&gt;.</p>"),
            "safe HTML is kept"
        );
        assert!(
            text(&l).contains("> Council meets <then>."),
            "text quotes plainly"
        );
    }

    #[test]
    fn a_name_that_looks_encoded_reaches_the_subject_as_typed() {
        let from: Mailbox = "Pulse <pulse@example.gov>".parse().unwrap();
        let mut l = letter(&from, None);
        l.entries[0].subject = "=?utf-8?b?Q2l0eSBzdGFmZg==?= replied to your comment".into();
        let raw = String::from_utf8(message(&l).unwrap().formatted()).unwrap();
        let subject: String = raw
            .split("\r\n")
            .skip_while(|line| !line.starts_with("Subject:"))
            .take_while(|line| line.starts_with("Subject:") || line.starts_with(' '))
            .collect();
        // Every word is encoded; together they say the name as typed.
        assert!(subject.starts_with("Subject: =?utf-8?q?"), "{raw}");
        assert!(!subject.contains("?b?"), "{subject}");
        let mut said = String::new();
        for word in subject.trim_start_matches("Subject:").split_whitespace() {
            assert!(word.len() <= 75, "{word}");
            let inner = word
                .strip_prefix("=?utf-8?q?")
                .and_then(|w| w.strip_suffix("?="));
            said.push_str(inner.unwrap_or_else(|| panic!("{word} is not encoded")));
        }
        assert!(
            said.contains("_=3D=3Futf=2D8=3Fb=3FQ2l0eSBzdGFmZg=3D=3D=3F=3D_replied"),
            "{said}"
        );
    }

    #[test]
    fn the_message_id_is_stable_per_notice_and_recipient() {
        let a = message_id("pulse.update.7", "ana@example.org", "http://127.0.0.1:8080");
        assert_eq!(
            a,
            message_id("pulse.update.7", "ana@example.org", "http://127.0.0.1:8080")
        );
        assert_ne!(
            a,
            message_id("pulse.update.7", "bo@example.org", "http://127.0.0.1:8080")
        );
        assert!(a.ends_with("@127.0.0.1>"), "{a}");
    }
}
