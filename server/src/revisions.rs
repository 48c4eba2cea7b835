//! What became of each section when a draft is revised: the first part of
//! publishing a revision (issue 21), pure — no database, no clock — so that
//! the same two drafts always give the same answer, and the answer is
//! stored when a version is published, never recomputed differently later.
//!
//! Each section of the new version is matched to what it was in the old
//! one, in passes, each taking only what the ones before left:
//!
//! 1. the same anchor (the same heading path): `unchanged`, or `edited`
//!    when its text differs;
//! 2. the most similar text among the rest (word bigrams, Dice's
//!    coefficient, at least [`SIMILAR`]): `moved` when the heading is the
//!    same (its place in the outline changed), `renamed` when it is not;
//! 3. a new section whose words mostly ([`CONTAINED`]) come from one old
//!    section already matched or not: `split` (it and the old section's
//!    other successors);
//! 4. an old section still unmatched whose words mostly stand in one new
//!    section: `merged` into it;
//! 5. what is left: `added` new sections, `removed` old ones.
//!
//! A word-level diff of each section's text ([`word_diff`]) says what
//! changed within it. A comment follows its text ([`follow`]): its quote
//! is found again ([`refind`]) in the successors of its section, and it is
//! `carried`, `moved`, `changed` or `removed`.

use pulse_api::markdown::to_plain_text;
use pulse_api::wire::DiffPart;
use std::collections::{BTreeMap, HashSet};

/// Two texts at least this similar (Dice's coefficient over word bigrams)
/// are one section renamed or moved.
pub const SIMILAR: f64 = 0.5;
/// A text whose words are at least this share of another's came from it
/// (a part of a split, or a section merged into another).
pub const CONTAINED: f64 = 0.8;

/// A section of a draft as the matching reads it.
#[derive(Debug, Clone)]
pub struct SectionText<'a> {
    pub anchor: &'a str,
    pub heading: &'a str,
    /// Markdown.
    pub markdown: &'a str,
}

/// What a section of the new version was in the old one.
pub use pulse_api::wire::SectionChange as Change;

/// One new section's change and the old sections it came from (their
/// anchors, in the old version's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub anchor: String,
    pub change: Change,
    pub previous: Vec<String>,
}

/// The whole comparison: each new section in order, and the old sections
/// with no successor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub sections: Vec<Matched>,
    pub removed: Vec<String>,
}

/// A section's words, lower-cased, for comparing texts.
fn words(markdown: &str) -> Vec<String> {
    to_plain_text(markdown)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn bigrams(words: &[String]) -> Vec<(&str, &str)> {
    words
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect()
}

/// Dice's coefficient of two texts' word bigrams (as multisets): 1 for the
/// same words in the same order, 0 for nothing in common.
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return if a == b && !a.is_empty() { 1.0 } else { 0.0 };
    }
    let (a, b) = (bigrams(a), bigrams(b));
    let mut left: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for pair in &a {
        *left.entry(*pair).or_default() += 1;
    }
    let mut shared = 0;
    for pair in &b {
        if let Some(n) = left.get_mut(pair).filter(|n| **n > 0) {
            *n -= 1;
            shared += 1;
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// The share of `part`'s distinct words that are also in `whole`.
fn contained(part: &[String], whole: &[String]) -> f64 {
    let part: HashSet<&String> = part.iter().collect();
    if part.is_empty() {
        return 0.0;
    }
    let whole: HashSet<&String> = whole.iter().collect();
    part.iter().filter(|w| whole.contains(*w)).count() as f64 / part.len() as f64
}

/// Matches each section of `new` to what it was in `old`.
pub fn match_sections(old: &[SectionText<'_>], new: &[SectionText<'_>]) -> Matching {
    let old_words: Vec<Vec<String>> = old.iter().map(|s| words(s.markdown)).collect();
    let new_words: Vec<Vec<String>> = new.iter().map(|s| words(s.markdown)).collect();
    // For each new section: its change and the indexes of its old ones.
    let mut found: Vec<Option<(Change, Vec<usize>)>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];

    // 1. The same anchor.
    for (n, section) in new.iter().enumerate() {
        if let Some(o) = old.iter().position(|s| s.anchor == section.anchor) {
            let change = if old_words[o] == new_words[n] && old[o].heading == section.heading {
                Change::Unchanged
            } else {
                Change::Edited
            };
            found[n] = Some((change, vec![o]));
            taken[o] = true;
        }
    }

    // 2. The most similar text among the rest, best pairs first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (n, _) in new.iter().enumerate().filter(|(n, _)| found[*n].is_none()) {
        for (o, _) in old.iter().enumerate().filter(|(o, _)| !taken[*o]) {
            let score = similarity(&old_words[o], &new_words[n]);
            if score >= SIMILAR {
                pairs.push((score, n, o));
            }
        }
    }
    // Highest score first; ties in document order, so the answer is stable.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, n, o) in pairs {
        if found[n].is_some() || taken[o] {
            continue;
        }
        let change = if old[o].heading == new[n].heading {
            Change::Moved
        } else {
            Change::Renamed
        };
        found[n] = Some((change, vec![o]));
        taken[o] = true;
    }

    // 3. Parts of a split: new text that came from one old section.
    for n in 0..new.len() {
        if found[n].is_some() {
            continue;
        }
        let source = (0..old.len())
            .map(|o| (contained(&new_words[n], &old_words[o]), o))
            .filter(|(share, _)| *share >= CONTAINED)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, o)) = source {
            found[n] = Some((Change::Split, vec![o]));
            taken[o] = true;
            // The old section's other successors are parts of it too.
            for other in found.iter_mut().flatten() {
                if other.1 == [o] {
                    other.0 = Change::Split;
                }
            }
        }
    }

    // 4. Merged: an old section left whose text now stands in a new one.
    for o in 0..old.len() {
        if taken[o] {
            continue;
        }
        let into = (0..new.len())
            .map(|n| (contained(&old_words[o], &new_words[n]), n))
            .filter(|(share, _)| *share >= CONTAINED)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, n)) = into {
            let (change, from) = found[n].get_or_insert((Change::Merged, Vec::new()));
            *change = Change::Merged;
            from.push(o);
            from.sort_unstable();
            taken[o] = true;
        }
    }

    // 5. What is left.
    let sections = new
        .iter()
        .zip(found)
        .map(|(section, found)| {
            let (change, from) = found.unwrap_or((Change::Added, Vec::new()));
            Matched {
                anchor: section.anchor.to_string(),
                change,
                previous: from.iter().map(|o| old[*o].anchor.to_string()).collect(),
            }
        })
        .collect();
    let removed = old
        .iter()
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .map(|(section, _)| section.anchor.to_string())
        .collect();
    Matching { sections, removed }
}

/// What changed between two texts, word by word (whitespace kept with the
/// words), runs of the same kind joined.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => "equal",
            similar::ChangeTag::Insert => "insert",
            similar::ChangeTag::Delete => "delete",
        };
        match parts.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                op: op.to_string(),
                text: change.value().to_string(),
            }),
        }
    }
    parts
}

/// A change in short, for a letter: the first stretch that differs, with a
/// few words either side, as it was and as it is ("…kept for ninety days,
/// and…", "…kept for one hundred eighty days, and…"); both empty when the
/// texts are the same.
pub fn in_short(old: &str, new: &str) -> (String, String) {
    const AROUND: usize = 8;
    const MOST: usize = 40;
    let parts = word_diff(old, new);
    let Some(first) = parts.iter().position(|p| p.op != "equal") else {
        return (String::new(), String::new());
    };
    let last = parts.iter().rposition(|p| p.op != "equal").unwrap_or(first);
    let words = |text: &str| {
        text.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let before: Vec<String> = match first.checked_sub(1).map(|i| &parts[i]) {
        Some(p) => {
            let w = words(&p.text);
            let from = w.len().saturating_sub(AROUND);
            let mut kept = w[from..].to_vec();
            if from > 0 || first > 1 {
                kept.insert(0, "…".to_string());
            }
            kept
        }
        None => Vec::new(),
    };
    let after: Vec<String> = match parts.get(last + 1) {
        Some(p) => {
            let w = words(&p.text);
            let mut kept: Vec<String> = w.iter().take(AROUND).cloned().collect();
            if w.len() > AROUND || last + 2 < parts.len() {
                kept.push("…".to_string());
            }
            kept
        }
        None => Vec::new(),
    };
    let side = |keep: &str| {
        let middle: Vec<String> = parts[first..=last]
            .iter()
            .filter(|p| p.op == "equal" || p.op == keep)
            .flat_map(|p| words(&p.text))
            .collect();
        let middle = if middle.len() > MOST {
            let mut cut = middle[..MOST].to_vec();
            cut.push("…".to_string());
            cut
        } else {
            middle
        };
        before
            .iter()
            .chain(&middle)
            .chain(&after)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    (side("delete"), side("insert"))
}

/// Quoted words this similar to a passage of a later text (the diff's
/// ratio over words) are the same passage, reworded a little.
pub const NEAR: f32 = 0.75;

/// How a quoted passage stands in a later text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Word for word.
    Exact,
    /// Close enough to be the same passage, reworded a little.
    Near,
    /// Not there: the passage was changed past recognising, or taken out.
    Gone,
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a comment's quote stands in `text` (plain text), as Hypothesis
/// re-anchors a quote: the exact words first; else the stretch of `text`
/// of about the quote's length most like it, taken only when the quote
/// itself is at least [`NEAR`] alike. With how well it matched: 1 for the
/// exact words, else the quote's likeness plus, to tell close stretches
/// (and sections) apart, a hundredth of its context's (prefix and suffix).
pub fn refind(text: &str, exact: &str, prefix: &str, suffix: &str) -> (Found, f32) {
    let (text, exact) = (normal(text), normal(exact));
    if exact.is_empty() {
        return (Found::Gone, 0.0);
    }
    if text.contains(&exact) {
        return (Found::Exact, 1.0);
    }
    let words: Vec<&str> = text.split(' ').collect();
    let wanted = exact.split(' ').count();
    let (prefix, suffix) = (normal(prefix), normal(suffix));
    let ratio = |a: &str, b: &str| similar::TextDiff::from_words(a, b).ratio();
    let mut best: Option<(f32, f32)> = None;
    // Windows a fifth shorter to a fifth longer than the quote.
    let shortest = (wanted * 4 / 5).max(1);
    let longest = wanted * 6 / 5 + 1;
    for len in shortest..=longest.min(words.len()) {
        for start in 0..=words.len() - len {
            let window = words[start..start + len].join(" ");
            let score = ratio(&exact, &window);
            if score < NEAR {
                continue;
            }
            let before = words[..start].join(" ");
            let after = words[start + len..].join(" ");
            let context = if prefix.is_empty() && suffix.is_empty() {
                0.0
            } else {
                let tail: String = before
                    .chars()
                    .rev()
                    .take(prefix.chars().count())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let head: String = after.chars().take(suffix.chars().count()).collect();
                (ratio(&prefix, &tail) + ratio(&suffix, &head)) / 2.0
            };
            if best.is_none_or(|(s, c)| (score, context) > (s, c)) {
                best = Some((score, context));
            }
        }
    }
    match best {
        Some((score, context)) => (Found::Near, score + context / 100.0),
        None => (Found::Gone, 0.0),
    }
}

/// What became of a comment on the old version, read on the new one
/// (never `current`).
pub use pulse_api::wire::NowStatus as Now;

/// A comment's place in the old version: its section's anchor and text
/// (plain), and the passage it quotes, if any (exact, prefix, suffix).
pub struct Place<'a> {
    pub section: &'a str,
    pub text: &'a str,
    pub quote: Option<(&'a str, &'a str, &'a str)>,
}

/// What became of a comment at `place` after the revision `matching`
/// describes, and the section it belongs to now (none when removed);
/// `text_of` gives a new section's plain text by its anchor.
pub fn follow<'m>(
    place: &Place<'_>,
    matching: &'m Matching,
    text_of: impl Fn(&str) -> String,
) -> (Now, Option<&'m str>) {
    let successors: Vec<&Matched> = matching
        .sections
        .iter()
        .filter(|s| s.previous.iter().any(|p| p == place.section))
        .collect();
    let Some(first) = successors.first() else {
        return (Now::Removed, None);
    };
    // Its own section still, neither split nor merged.
    let stays = |s: &Matched| {
        s.anchor == place.section && matches!(s.change, Change::Unchanged | Change::Edited)
    };
    match place.quote {
        Some((exact, prefix, suffix)) => {
            // The successor where the quote stands best.
            let best = successors
                .iter()
                .map(|s| (refind(&text_of(&s.anchor), exact, prefix, suffix), *s))
                .filter(|((found, _), _)| *found != Found::Gone)
                .max_by(|((_, a), _), ((_, b), _)| a.total_cmp(b));
            match best {
                Some(((Found::Exact, _), s)) if stays(s) => (Now::Carried, Some(&s.anchor)),
                Some(((Found::Exact, _), s)) => (Now::Moved, Some(&s.anchor)),
                Some((_, s)) => (Now::Changed, Some(&s.anchor)),
                None => (Now::Changed, Some(&first.anchor)),
            }
        }
        None => {
            let old = normal(place.text);
            let whole = successors
                .iter()
                .find(|s| !old.is_empty() && normal(&text_of(&s.anchor)).contains(&old));
            match whole {
                Some(s) if stays(s) && s.change == Change::Unchanged => {
                    (Now::Carried, Some(&s.anchor))
                }
                // Its own section, with other words added.
                Some(s) if stays(s) => (Now::Changed, Some(&s.anchor)),
                Some(s) => (Now::Moved, Some(&s.anchor)),
                None => (Now::Changed, Some(&first.anchor)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s<'a>(anchor: &'a str, heading: &'a str, markdown: &'a str) -> SectionText<'a> {
        SectionText {
            anchor,
            heading,
            markdown,
        }
    }

    const RETENTION: &str = "Recordings with no evidentiary value are kept for ninety days, \
        and recordings of a use of force for at least one year, as the schedule requires.";
    const ACCESS: &str = "A data subject may see a recording of themselves, with others in \
        it redacted where the law requires, through the data practices request form.";
    const STORAGE: &str = "Recordings are stored in four data centers, one of them five \
        hundred miles from the primary data center, so a regional disaster loses none.";
    const AUDIT: &str = "The software logs every time a recording is viewed, copied or \
        deleted, and the records supervisor reviews the log every quarter of the year.";
    const TRAINING: &str = "Officers are trained on this policy and the cameras before using \
        them, and again every year, with supervisors trained on reviewing recordings.";

    #[test]
    fn a_change_in_short_shows_the_words_around_it() {
        let (was, is) = in_short(
            RETENTION,
            &RETENTION.replace("ninety", "one hundred eighty"),
        );
        assert!(was.contains("kept for ninety days"), "{was}");
        assert!(is.contains("kept for one hundred eighty days"), "{is}");
        assert!(!is.contains("ninety"), "{is}");
        assert!(is.ends_with('…'), "{is}");
        assert_eq!(
            in_short(RETENTION, RETENTION),
            (String::new(), String::new())
        );
    }

    fn change_of(m: &Matching, anchor: &str) -> (Change, Vec<String>) {
        let found = m.sections.iter().find(|s| s.anchor == anchor).unwrap();
        (found.change, found.previous.clone())
    }

    #[test]
    fn each_kind_of_change_is_told_apart() {
        let split_text = format!("{STORAGE} {AUDIT}");
        let old = [
            s(
                "purpose",
                "Purpose",
                "This policy sets out how cameras are used.",
            ),
            s("retention", "Retention", RETENTION),
            s("access", "Access", ACCESS),
            s("storage", "Storage", &split_text),
            s("training", "Training", TRAINING),
            s(
                "review",
                "Review",
                "The department reviews this policy every year.",
            ),
            s(
                "privacy",
                "Privacy",
                "Recordings are used for law enforcement only.",
            ),
        ];
        let merged = format!("{TRAINING} Recordings are used for law enforcement only.");
        let edited = RETENTION.replace("ninety days", "one hundred and eighty days");
        let new = [
            // Unchanged.
            s(
                "purpose",
                "Purpose",
                "This policy sets out how cameras are used.",
            ),
            // Edited: same heading, one phrase changed.
            s("retention", "Retention", &edited),
            // Renamed: the same text under a new heading.
            s("public-access", "Public access", ACCESS),
            // Split: the storage section's two halves.
            s("storage", "Storage", STORAGE),
            s("audit", "Audit of access", AUDIT),
            // Merged: training and privacy in one.
            s("training", "Training", &merged),
            // Added.
            s(
                "complaints",
                "Complaints",
                "Complaints about a recording go to the chief.",
            ),
        ];
        let m = match_sections(&old, &new);
        assert_eq!(
            change_of(&m, "purpose"),
            (Change::Unchanged, vec!["purpose".into()])
        );
        assert_eq!(
            change_of(&m, "retention"),
            (Change::Edited, vec!["retention".into()])
        );
        assert_eq!(
            change_of(&m, "public-access"),
            (Change::Renamed, vec!["access".into()])
        );
        assert_eq!(
            change_of(&m, "storage"),
            (Change::Split, vec!["storage".into()])
        );
        assert_eq!(
            change_of(&m, "audit"),
            (Change::Split, vec!["storage".into()])
        );
        assert_eq!(
            change_of(&m, "training"),
            (Change::Merged, vec!["training".into(), "privacy".into()])
        );
        assert_eq!(change_of(&m, "complaints"), (Change::Added, vec![]));
        assert_eq!(m.removed, vec!["review".to_string()]);
    }

    #[test]
    fn a_section_moved_under_another_heading_keeps_its_text() {
        let old = [
            s("retention", "Retention", RETENTION),
            s("access", "Access", ACCESS),
        ];
        let new = [
            s("retention", "Retention", RETENTION),
            s("retention--access", "Access", ACCESS),
        ];
        let m = match_sections(&old, &new);
        assert_eq!(
            change_of(&m, "retention--access"),
            (Change::Moved, vec!["access".into()])
        );
        assert!(m.removed.is_empty());
    }

    #[test]
    fn the_same_drafts_always_match_the_same_way() {
        let old = [s("a", "A", RETENTION), s("b", "B", RETENTION)];
        let new = [s("c", "C", RETENTION), s("d", "D", RETENTION)];
        let first = match_sections(&old, &new);
        for _ in 0..5 {
            assert_eq!(match_sections(&old, &new), first);
        }
        assert_eq!(change_of(&first, "c"), (Change::Renamed, vec!["a".into()]));
        assert_eq!(change_of(&first, "d"), (Change::Renamed, vec!["b".into()]));
    }

    #[test]
    fn the_demo_draft_against_itself_is_unchanged_throughout() {
        let cut = pulse_api::sections::split(include_str!("demo/body-worn-camera-policy.md"));
        let texts: Vec<SectionText<'_>> = cut
            .iter()
            .map(|c| s(&c.anchor, &c.heading, &c.markdown))
            .collect();
        let m = match_sections(&texts, &texts);
        assert_eq!(m.sections.len(), 14);
        assert!(m.sections.iter().all(|s| s.change == Change::Unchanged));
        assert!(m.removed.is_empty());
    }

    #[test]
    fn a_word_diff_marks_what_was_put_in_and_taken_out() {
        let parts = word_diff("kept for ninety days", "kept for 180 days");
        let ops: Vec<(&str, &str)> = parts
            .iter()
            .map(|p| (p.op.as_str(), p.text.as_str()))
            .collect();
        assert_eq!(
            ops,
            vec![
                ("equal", "kept for "),
                ("delete", "ninety"),
                ("insert", "180"),
                ("equal", " days")
            ]
        );
    }

    #[test]
    fn a_quote_is_found_exactly_nearly_or_not_at_all() {
        let text = "Recordings with no evidentiary value are kept for ninety days, and \
            recordings of a use of force for at least one year.";
        assert_eq!(
            refind(text, "kept for ninety days", "value are", ", and"),
            (Found::Exact, 1.0)
        );
        let reworded = text.replace("kept for ninety days", "kept for ninety calendar days");
        let quote = "are kept for ninety days, and recordings";
        let (found, score) = refind(&reworded, quote, "", "");
        assert_eq!(found, Found::Near);
        assert!(score > NEAR && score < 1.0, "{score}");
        // The context tells two like stretches apart.
        let twice = "the camera is on. Later the camera is on again";
        let (_, after_later) = refind(twice, "camera was on", "Later the", "again");
        let (_, no_context) = refind(twice, "camera was on", "", "");
        assert!(after_later > no_context, "{after_later} {no_context}");
        let changed = text.replace("kept for ninety days", "destroyed after a month");
        assert_eq!(
            refind(&changed, "kept for ninety days", "", ""),
            (Found::Gone, 0.0)
        );
    }

    #[test]
    fn comments_follow_their_text_through_a_revision() {
        let split_text = format!("{STORAGE} {AUDIT}");
        let edited = RETENTION.replace("ninety days", "one hundred and eighty days");
        let old = [
            s("retention", "Retention", RETENTION),
            s("access", "Access", ACCESS),
            s("storage", "Storage", &split_text),
            s(
                "review",
                "Review",
                "The department reviews this policy every year.",
            ),
        ];
        let new = [
            s("retention", "Retention", &edited),
            s("public-access", "Public access", ACCESS),
            s("storage", "Storage", STORAGE),
            s("audit", "Audit of access", AUDIT),
        ];
        let m = match_sections(&old, &new);
        let text_of = |anchor: &str| {
            let found = new.iter().find(|s| s.anchor == anchor).unwrap();
            to_plain_text(found.markdown)
        };
        let at = |section: &'static str, text: &'static str, quote| Place {
            section,
            text,
            quote,
        };
        // A quote the edit left alone is carried; the edited one changed.
        let kept = at(
            "retention",
            RETENTION,
            Some(("use of force", "of a ", " for at")),
        );
        assert_eq!(
            follow(&kept, &m, text_of),
            (Now::Carried, Some("retention"))
        );
        let edited_quote = at(
            "retention",
            RETENTION,
            Some(("for ninety days", "kept ", ",")),
        );
        assert_eq!(
            follow(&edited_quote, &m, text_of),
            (Now::Changed, Some("retention"))
        );
        // Without a quote, an edited section's comment is changed.
        assert_eq!(
            follow(&at("retention", RETENTION, None), &m, text_of),
            (Now::Changed, Some("retention"))
        );
        // Renamed: moved with its whole text.
        assert_eq!(
            follow(&at("access", ACCESS, None), &m, text_of),
            (Now::Moved, Some("public-access"))
        );
        // Split: a quote goes with the part it stands in.
        let in_audit = at(
            "storage",
            "",
            Some(("reviews the log every quarter", "supervisor ", " of")),
        );
        assert_eq!(follow(&in_audit, &m, text_of), (Now::Moved, Some("audit")));
        // Removed.
        assert_eq!(
            follow(
                &at(
                    "review",
                    "The department reviews this policy every year.",
                    None
                ),
                &m,
                text_of
            ),
            (Now::Removed, None)
        );
    }
}
