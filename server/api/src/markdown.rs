//! Markdown → HTML that can never run script.
//!
//! pulldown-cmark passes raw HTML through and keeps any link destination, so
//! both are dealt with here, once, for everything users or hosts write: raw
//! HTML is shown as the text it is, links keep only safe schemes and are
//! marked `nofollow ugc`, and images become their description (a resident's
//! comment must not make other residents' phones fetch from elsewhere).

use crate::links::safe_href;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown to HTML safe to put into a page.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut link_stack: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        // The image's description is ordinary text between these two.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { dest_url, .. }) => {
            if let Some(href) = safe_href(&dest_url) {
                link_stack.push(true);
                Some(Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{}\" rel=\"nofollow ugc noopener\">",
                    escape_html(&href)
                ))))
            } else {
                link_stack.push(false);
                None
            }
        }
        Event::End(TagEnd::Link) => match link_stack.pop() {
            Some(true) => Some(Event::InlineHtml(CowStr::from("</a>"))),
            _ => None,
        },
        Event::FootnoteReference(_) | Event::TaskListMarker(_) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The words of a Markdown text as a reader sees them, without markup:
/// what a quoted passage is matched against.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // Blocks end with a break; inline markup (emphasis, links)
            // must not split the words around it.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Escapes text for HTML content or a quoted attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A long text's opening and the rest, from HTML [`to_safe_html`] made:
/// the opening is its first paragraph (with any headings before it), and a
/// text is long when the rest is more than a few lines. Short texts, and
/// texts that do not open with a paragraph, are not split.
pub fn fold(html: &str) -> Option<(&str, &str)> {
    const LONG: usize = 400;
    let mut at = 0;
    // Headings first: each is one line ("<h2>…</h2>\n").
    while html.as_bytes()[at..].starts_with(b"<h")
        && html.as_bytes().get(at + 2).is_some_and(u8::is_ascii_digit)
    {
        at += html[at..].find('\n')? + 1;
    }
    if !html[at..].starts_with("<p>") {
        return None;
    }
    // A paragraph holds no block, so its first end is its own.
    at += html[at..].find("</p>\n")? + "</p>\n".len();
    let (lead, rest) = html.split_at(at);
    (rest.len() > LONG).then_some((lead, rest))
}

/// The first words of `markdown`, as plain text on one line: at most
/// `longest` characters, cut at a space and marked "…" when cut.
pub fn first_words(markdown: &str, longest: usize) -> String {
    let plain = to_plain_text(markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if plain.chars().count() <= longest {
        return plain;
    }
    let cut: String = plain.chars().take(longest).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_folds_after_its_first_paragraph() {
        let long = format!(
            "## Update\n\nFirst words.\n\n1. {}\n2. more",
            "answer ".repeat(80)
        );
        let html = to_safe_html(&long);
        let (lead, rest) = fold(&html).expect("folded");
        assert_eq!(lead, "<h2>Update</h2>\n<p>First words.</p>\n");
        assert!(rest.starts_with("<ol>"), "{rest}");
        assert_eq!(format!("{lead}{rest}"), html);
        // Short, or opening with something other than a paragraph: whole.
        assert_eq!(fold(&to_safe_html("One.\n\nTwo.")), None);
        assert_eq!(
            fold(&to_safe_html(&format!("- {}\n\nafter", "x ".repeat(400)))),
            None
        );
        assert_eq!(fold(&to_safe_html(&"word ".repeat(400))), None);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_safe_html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_lose_their_link_but_keep_their_words() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "/\\evil.example",
            "</\\evil.example>",
        ] {
            let html = to_safe_html(&format!("[click]({url})"));
            assert!(!html.contains("<a"), "{url}: {html}");
            assert!(html.contains("click"), "{url}: {html}");
        }
    }

    #[test]
    fn safe_links_are_kept_and_marked() {
        let html = to_safe_html("[city](https://www.shakopeemn.gov/?a=1&b=\"2\") and [§ 3](#when)");
        assert!(
            html.contains(
                "<a href=\"https://www.shakopeemn.gov/?a=1&amp;b=%222%22\" rel=\"nofollow ugc noopener\">city</a>"
            ) || html.contains(
                "<a href=\"https://www.shakopeemn.gov/?a=1&amp;b=&quot;2&quot;\" rel=\"nofollow ugc noopener\">city</a>"
            ),
            "{html}"
        );
        assert!(html.contains("href=\"#when\""), "{html}");
    }

    #[test]
    fn images_become_their_description() {
        let html = to_safe_html("![a camera](https://tracker.example/pixel.gif)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("a camera"), "{html}");
    }

    #[test]
    fn plain_text_drops_markup() {
        let text = to_plain_text("Kept for **90** days,\nthen [deleted](https://x.example).");
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words, "Kept for 90 days, then deleted.");
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = to_safe_html("**bold** and *it*\n\n- one\n- two");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains("<li>one</li>"));
    }
}
