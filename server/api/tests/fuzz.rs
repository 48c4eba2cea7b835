//! Property tests over hostile input, bounded in time (a fixed number of
//! cases per property, seeded freshly each run): the Markdown renderer,
//! the draft's section parser, the link rules and the quote selector never
//! panic, and what they give back keeps its promises. `PROPTEST_CASES`
//! raises the count for a longer hunt.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use pulse_api::links::{local_path, safe_href};
use pulse_api::markdown::to_safe_html;
use pulse_api::sections::{GENERAL, is_anchor, split};
use pulse_api::validate::QuoteSelector;
use std::collections::HashSet;

/// Markdown-ish text: the pieces attacks are made of, in any order.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<a href=\"javascript:alert(1)\">x</a>".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("[x](/\\evil.example)".to_string()),
        Just("[x](<//evil.example>)".to_string()),
        Just("[x]( java\tscript:alert(1))".to_string()),
        Just("![a](https://t.example/p.gif)".to_string()),
        Just("<iframe src=//x>".to_string()),
        Just("<svg onload=alert(1)>".to_string()),
        Just("\"'><".to_string()),
        Just("# General\n".to_string()),
        Just("## Heading\n".to_string()),
        Just("\n\n".to_string()),
        Just("`code`".to_string()),
        Just("```\n<b>\n```\n".to_string()),
        Just("| a | b |\n|---|---|\n| <i> | x |\n".to_string()),
        Just("[ref]: javascript:alert(1)\n[ref]\n".to_string()),
        Just("&lt;script&gt;".to_string()),
        Just("&#x6a;avascript:".to_string()),
        "\\PC{0,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

const ALLOWED_TAGS: &[&str] = &[
    "p",
    "a",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

/// Every element in `html` is an allowed tag, with no attribute but a
/// link's safe `href`, its `rel`, and a list's `start` or a cell's `style`
/// text-align (what pulldown-cmark writes).
fn only_safe_elements(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag_text = &rest[open + 1..];
        let close = tag_text
            .find('>')
            .ok_or_else(|| format!("an unclosed tag in {html:?}"))?;
        let inside = tag_text[..close].trim_start_matches('/');
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !ALLOWED_TAGS.contains(&name.as_str()) {
            return Err(format!("<{inside}> in {html:?}"));
        }
        let attributes = inside[name.len()..].trim().trim_end_matches('/').trim();
        if !attributes.is_empty() {
            let ok = match name.as_str() {
                "a" => attributes
                    .strip_prefix("href=\"")
                    .and_then(|a| a.split_once('"'))
                    .is_some_and(|(href, more)| {
                        let href = href.replace("&amp;", "&");
                        safe_href(&href).as_deref() == Some(href.as_str())
                            && more.trim() == "rel=\"nofollow ugc noopener\""
                    }),
                "ol" => attributes.starts_with("start=\"") && !attributes.contains(' '),
                "th" | "td" => attributes.starts_with("style=\"text-align: "),
                _ => false,
            };
            if !ok {
                return Err(format!("<{inside}> in {html:?}"));
            }
        }
        rest = &tag_text[close + 1..];
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn rendered_markdown_is_only_safe_elements(text in markdownish()) {
        let html = to_safe_html(&text);
        if let Err(problem) = only_safe_elements(&html) {
            prop_assert!(false, "{}", problem);
        }
    }

    #[test]
    fn sections_have_unique_valid_anchors_and_never_general(text in markdownish()) {
        let sections = split(&text);
        let mut seen = HashSet::new();
        for section in &sections {
            prop_assert!(is_anchor(&section.anchor), "{:?}", section.anchor);
            prop_assert_ne!(section.anchor.as_str(), GENERAL);
            prop_assert!(seen.insert(section.anchor.clone()), "{:?} twice", section.anchor);
        }
    }

    #[test]
    fn local_paths_never_leave_the_site(text in "[ /\\\\\t\n\r.a-z:%]{0,12}") {
        if let Some(path) = local_path(&text) {
            prop_assert!(path.starts_with('/'));
            prop_assert!(!path.starts_with("//"));
            prop_assert!(!path.contains(['\t', '\n', '\r', '\\']));
        }
    }

    #[test]
    fn quote_selectors_never_panic(
        exact in "\\PC{0,40}",
        prefix in "\\PC{0,70}",
        suffix in "\\PC{0,70}",
        text in markdownish(),
    ) {
        if let Ok(selector) = QuoteSelector::parse(&exact, &prefix, &suffix) {
            let _ = selector.is_found_in(&text);
            // A passage is always found in the very text it was taken from.
            let source = format!("{text} {prefix} {exact} {suffix} {text}");
            prop_assert!(selector.is_found_in(&source), "not found in {:?}", source);
        }
    }
}
