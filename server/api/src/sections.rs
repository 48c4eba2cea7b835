//! A draft is Markdown; its headings cut it into sections that residents
//! comment on. Each section gets a number (§ 3.2), which follows the order
//! of the document, and an anchor, which follows only the *names* of the
//! section and its parents, so it survives edits elsewhere in the draft and
//! comments made on one version still find their section in the next.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// One section of a draft: the text under a heading up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub anchor: String,
    /// "3.2"; empty for text before the first heading.
    pub number: String,
    pub heading: String,
    /// 1 for the draft's outermost heading level, 2 beneath it, and so on.
    pub level: u8,
    /// The section's body, without its heading.
    pub markdown: String,
}

/// The anchor of text that comes before the first heading.
pub const PREAMBLE: &str = "preamble";
/// The anchor of the General thread: comments on the topic as a whole. No
/// section of any draft is ever given it (a heading "General" becomes
/// `general-2`).
pub const GENERAL: &str = "general";

/// Where comments on a section that a revision removed are listed
/// (`?section=removed`): no section of any draft is ever given it either.
pub const REMOVED: &str = "removed";

/// Longest anchor accepted; longer heading paths are cut.
pub const MAX_ANCHOR_LEN: usize = 120;

/// Splits a draft into its sections, in document order.
pub fn split(markdown: &str) -> Vec<Section> {
    struct Heading {
        level: u8,
        text: String,
        start: usize,
        end: usize,
    }
    let mut headings: Vec<Heading> = Vec::new();
    let mut current: Option<Heading> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(Heading {
                    level: level_number(level),
                    text: String::new(),
                    start: range.start,
                    end: range.end,
                });
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.text.push(' ');
                }
            }
            _ => {}
        }
    }

    let mut sections = Vec::with_capacity(headings.len() + 1);
    let mut used = HashSet::from([GENERAL.to_string(), REMOVED.to_string()]);
    let first_start = headings.first().map_or(markdown.len(), |h| h.start);
    let preamble = markdown[..first_start].trim();
    if !preamble.is_empty() {
        used.insert(PREAMBLE.to_string());
        sections.push(Section {
            anchor: PREAMBLE.to_string(),
            number: String::new(),
            heading: String::new(),
            level: 0,
            markdown: preamble.to_string(),
        });
    }

    let top = headings.iter().map(|h| h.level).min().unwrap_or(1);
    let mut counters: Vec<u32> = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        let depth = usize::from(heading.level - top + 1);
        counters.resize(depth, 0);
        counters[depth - 1] += 1;
        let number = counters
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");

        while path
            .last()
            .is_some_and(|(level, _)| *level >= heading.level)
        {
            path.pop();
        }
        path.push((heading.level, slug(strip_number(&heading.text))));
        let joined = path
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join("--");
        let anchor = unique(truncate(&joined), &mut used);

        let body_end = headings.get(i + 1).map_or(markdown.len(), |h| h.start);
        sections.push(Section {
            anchor,
            number,
            heading: heading.text.trim().to_string(),
            level: u8::try_from(depth).unwrap_or(u8::MAX),
            markdown: markdown[heading.end..body_end].trim().to_string(),
        });
    }
    sections
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// "§ 3.2 Retention" → "Retention": a host who numbers headings by hand and
/// then renumbers them must not move every comment.
fn strip_number(heading: &str) -> &str {
    let rest = heading.trim_start().trim_start_matches('§').trim_start();
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if after.len() < rest.len() && (after.is_empty() || after.starts_with([' ', ')'])) {
        let after = after.trim_start_matches(')').trim_start();
        if !after.is_empty() {
            return after;
        }
    }
    heading
}

/// Lower-case ASCII letters and digits joined by single hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '’' {
            // "officer's" → "officers", not "officer-s"
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

fn truncate(anchor: &str) -> String {
    if anchor.len() <= MAX_ANCHOR_LEN {
        return anchor.to_string();
    }
    anchor[..MAX_ANCHOR_LEN].trim_end_matches('-').to_string()
}

fn unique(anchor: String, used: &mut HashSet<String>) -> String {
    if used.insert(anchor.clone()) {
        return anchor;
    }
    (2..)
        .map(|n| format!("{anchor}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or(anchor)
}

/// Whether `text` could be an anchor this parser makes; checked before any
/// lookup so junk never reaches the database.
pub fn is_anchor(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_ANCHOR_LEN + 8
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A short fingerprint of a revision's title and draft, for a form to tell
/// whether the draft it publishes is the one it compared: FNV-1a (64 bits,
/// in hex) over the title, a NUL and the draft, carriage returns dropped (a
/// browser ends a textarea's lines with CR LF). It guards against a slip,
/// not an attacker: publishing checks everything again.
pub fn fingerprint(title: &str, draft: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = title
        .trim()
        .bytes()
        .chain(std::iter::once(0))
        .chain(draft.bytes())
        .filter(|b| *b != b'\r');
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "Intro text.\n\n\
        # Purpose\n\nWhy we record.\n\n\
        # When officers record\n\nAlways on calls.\n\n\
        ## Exceptions\n\nIn hospitals.\n\n\
        ## Exceptions\n\nIn schools.\n\n\
        # Retention\n\n90 days.\n\n\
        ## Exceptions\n\nEvidence.\n";

    #[test]
    fn a_fingerprint_ignores_line_ends_and_sees_any_other_change() {
        let draft = "# A\n\nText.\n";
        assert_eq!(
            fingerprint("T", draft),
            fingerprint(" T ", "# A\r\n\r\nText.\r\n")
        );
        assert_ne!(fingerprint("T", draft), fingerprint("T", "# A\n\nText!\n"));
        assert_ne!(fingerprint("T", draft), fingerprint("U", draft));
        // The title and the draft do not run into each other.
        assert_ne!(fingerprint("T#", " A"), fingerprint("T", "# A"));
        assert_eq!(fingerprint("", "").len(), 16);
    }

    fn anchors(sections: &[Section]) -> Vec<&str> {
        sections.iter().map(|s| s.anchor.as_str()).collect()
    }

    #[test]
    fn splits_at_headings_with_numbers_and_nested_anchors() {
        let sections = split(DRAFT);
        assert_eq!(
            anchors(&sections),
            [
                "preamble",
                "purpose",
                "when-officers-record",
                "when-officers-record--exceptions",
                "when-officers-record--exceptions-2",
                "retention",
                "retention--exceptions",
            ]
        );
        let numbers: Vec<_> = sections.iter().map(|s| s.number.as_str()).collect();
        assert_eq!(numbers, ["", "1", "2", "2.1", "2.2", "3", "3.1"]);
        assert_eq!(sections[2].heading, "When officers record");
        assert_eq!(sections[2].markdown, "Always on calls.");
        assert_eq!(sections[3].level, 2);
        assert_eq!(sections[0].markdown, "Intro text.");
    }

    #[test]
    fn anchors_are_unique() {
        let md = "## A\n\n## A\n\n## A\n\n## A-2\n";
        let sections = split(md);
        let mut seen = HashSet::new();
        for s in &sections {
            assert!(seen.insert(s.anchor.clone()), "{} twice", s.anchor);
            assert!(is_anchor(&s.anchor));
        }
        assert_eq!(sections.len(), 4);
    }

    #[test]
    fn anchors_stay_when_text_elsewhere_changes() {
        let before = split(DRAFT);
        let edited = DRAFT
            .replace("Why we record.", "Why we record, in more words.")
            .replace("# Purpose", "# Scope\n\nNew section.\n\n# Purpose")
            .replace("90 days.", "180 days, longer for evidence.");
        let after = split(&edited);
        for section in &before {
            let moved = after
                .iter()
                .find(|s| s.heading == section.heading && s.anchor == section.anchor);
            assert!(moved.is_some(), "{} lost its anchor", section.anchor);
        }
        let purpose = after.iter().find(|s| s.anchor == "purpose");
        assert_eq!(purpose.map(|s| s.number.as_str()), Some("2"));
    }

    #[test]
    fn hand_numbered_headings_keep_anchors_when_renumbered() {
        let a = split("## 3. Retention\n\ntext\n");
        let b = split("## § 4 Retention\n\ntext\n");
        assert_eq!(a[0].anchor, "retention");
        assert_eq!(b[0].anchor, "retention");
        assert_eq!(a[0].heading, "3. Retention");
    }

    #[test]
    fn no_section_is_ever_the_general_thread() {
        let sections = split("## General\n\ntext\n\n## General\n\nmore\n");
        assert_eq!(anchors(&sections), ["general-2", "general-3"]);
        assert!(is_anchor(GENERAL));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Officer’s Duties & Rights!"), "officers-duties-rights");
        assert_eq!(slug("???"), "section");
        assert_eq!(slug("Café 24/7"), "caf-24-7");
    }

    #[test]
    fn a_draft_without_headings_is_one_section() {
        let sections = split("Just text.");
        assert_eq!(anchors(&sections), ["preamble"]);
        assert!(split("   ").is_empty());
    }

    #[test]
    fn is_anchor_refuses_junk() {
        assert!(!is_anchor(""));
        assert!(!is_anchor("Purpose"));
        assert!(!is_anchor("a b"));
        assert!(!is_anchor("../x"));
        assert!(!is_anchor(&"a".repeat(500)));
    }
}
