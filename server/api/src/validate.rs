//! Values checked once, at the edge, by the same rules in the client (to
//! say what is wrong before sending) and the server (to enforce it). Each
//! error is a sentence a resident can act on, said in their language
//! ([`Said`]).

/// Longest comment, in characters.
pub const COMMENT_MAX_CHARS: usize = 5_000;
pub const DISPLAY_NAME_MAX_CHARS: usize = 60;
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 200;
pub const EMAIL_MAX_CHARS: usize = 254;
/// Longest quoted passage a comment may carry, and its context either side.
pub const QUOTE_MAX_CHARS: usize = 1_000;
pub const QUOTE_CONTEXT_MAX_CHARS: usize = 64;
/// Most options one ballot may choose.
pub const BALLOT_MAX_OPTIONS: usize = 50;
/// Longest reason for a flag or for hiding a comment.
pub const REASON_MAX_CHARS: usize = 500;
/// Longest title of a topic or an update.
pub const TITLE_MAX_CHARS: usize = 200;
/// Longest update, official response or topic summary, in characters.
pub const POST_MAX_CHARS: usize = 20_000;
/// Largest request body the API reads, in bytes.
pub const REQUEST_MAX_BYTES: usize = 64 * 1024;

use crate::i18n::{Arg, Msg, Said};
use crate::text;

/// Whether `text` has a control character other than a line break or a
/// tab (a NUL, which PostgreSQL refuses to store, among them).
pub fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// An email address, normalised (NFKC), trimmed and lower-cased so that
/// one address is one account however it is typed: composed or decomposed
/// accents and full-width letters are the same address. Invisible
/// characters are refused, not dropped: they are no part of an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, Said> {
        let email = text::nfkc(text.trim()).trim().to_lowercase();
        if email.is_empty() {
            return Err(Msg::EnterEmail.into());
        }
        if email.chars().any(text::is_invisible) {
            return Err(Msg::EmailInvisible.into());
        }
        if email.chars().count() > EMAIL_MAX_CHARS {
            return Err(Msg::EmailTooLong.with([("max", EMAIL_MAX_CHARS.to_string())]));
        }
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Email(email))
        } else {
            Err(Msg::EmailLike.into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Words a resident's name may not carry: the marks that come from an
/// account's role, shown by Pulse itself beside staff comments.
const ROLE_WORDS: &[&str] = &[
    "host",
    "moderator",
    "admin",
    "administrator",
    "staff",
    "official",
];

/// The name shown beside an account's comments: normalised (NFKC), with
/// runs of spaces made one. It must show letters or digits; it may not hide
/// characters, reverse the text after it, or mix alphabets within a word
/// (the look-alike trick). A resident's may not claim a role either
/// ([`DisplayName::for_resident`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Said> {
        let normal = text::nfkc(raw);
        let name = normal.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(Msg::EnterName.into());
        }
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(Msg::NameTooLong.with([("max", DISPLAY_NAME_MAX_CHARS.to_string())]));
        }
        if name.chars().any(char::is_control) {
            return Err(Msg::NameControl.into());
        }
        if name.chars().any(text::is_bidi_control) {
            return Err(Msg::NameBidi.into());
        }
        if name.chars().any(text::is_invisible) {
            return Err(Msg::NameInvisible.into());
        }
        if !name.chars().any(char::is_alphanumeric) {
            return Err(Msg::NameUnreadable.into());
        }
        // Mail programs decode `=?charset?b?…?=` in a subject line into
        // other words ("City staff"), past every check here.
        if name.contains("=?") {
            return Err(Msg::NameEncoded.into());
        }
        if let Some((word, first, other)) = text::mixed_script_word(&name) {
            return Err(Msg::NameMixedScripts.with([
                ("word", word.to_string()),
                ("first", first.name().to_string()),
                ("other", other.name().to_string()),
            ]));
        }
        Ok(DisplayName(name))
    }

    /// A resident's name may not claim a role (“Topic Host”, “City of
    /// Shakopee”, “Admin”): Pulse marks staff itself. Staff accounts, made
    /// by an administrator, may say what they are.
    pub fn for_resident(raw: &str) -> Result<Self, Said> {
        let name = Self::parse(raw)?;
        let words: Vec<String> = name
            .0
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(text::skeleton)
            .collect();
        let claims_role = words
            .iter()
            .any(|w| ROLE_WORDS.iter().any(|role| text::skeleton(role) == *w))
            || words
                .windows(2)
                .any(|pair| pair[0] == text::skeleton("city") && pair[1] == "of");
        if claims_role {
            return Err(Msg::NameClaimsRole.into());
        }
        Ok(name)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this name passes for `other` (a staff member's): `other`'s
    /// skeleton appears within this one's (see [`text::skeleton`]).
    pub fn passes_for(&self, other: &str) -> bool {
        let theirs = text::skeleton(other);
        theirs.chars().count() >= 3 && text::skeleton(&self.0).contains(&theirs)
    }
}

/// A new password; kept only until it is hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

impl Password {
    pub fn parse(text: &str) -> Result<Self, Said> {
        let count = text.chars().count();
        if count < PASSWORD_MIN_CHARS {
            return Err(Msg::PasswordTooShort.with([("min", PASSWORD_MIN_CHARS.to_string())]));
        }
        if count > PASSWORD_MAX_CHARS {
            return Err(Msg::PasswordTooLong.with([("max", PASSWORD_MAX_CHARS.to_string())]));
        }
        Ok(Password(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A comment's Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(text: &str) -> Result<Self, Said> {
        let body = text.trim();
        if !text::has_visible(body) {
            return Err(Msg::CommentEmpty.into());
        }
        let count = body.chars().count();
        if count > COMMENT_MAX_CHARS {
            return Err(Msg::CommentTooLong.with([
                ("max", COMMENT_MAX_CHARS.to_string()),
                ("count", count.to_string()),
            ]));
        }
        if has_control(body) {
            return Err(Msg::CommentControl.into());
        }
        Ok(CommentBody(body.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Trimmed text that has something in it, fits `max` and has no control
/// characters but line breaks and tabs; `what` names it in the sentences.
/// `text`, trimmed, when it has something visible and at most `max`
/// characters; `what` names it in the sentence saying otherwise.
fn bounded(text: &str, what: Msg, max: usize) -> Result<String, Said> {
    let text = text.trim();
    // Zero-width and other invisible characters alone are not a text.
    if !text::has_visible(text) {
        return Err(Msg::TextMissing.with([("what", what)]));
    }
    let count = text.chars().count();
    if count > max {
        return Err(Msg::TextTooLong.with([
            ("what", Arg::from(what)),
            ("max", max.to_string().into()),
            ("count", count.to_string().into()),
        ]));
    }
    if has_control(text) {
        return Err(Msg::TextControl.with([("what", what)]));
    }
    Ok(text.to_string())
}

/// Why a comment is flagged or hidden: shown to the host, and for hiding,
/// to everyone in the comment's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(text: &str) -> Result<Self, Said> {
        bounded(text, Msg::WhatReason, REASON_MAX_CHARS).map(Reason)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The title of a topic, an update or a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    pub fn parse(text: &str) -> Result<Self, Said> {
        let title = bounded(text, Msg::WhatTitle, TITLE_MAX_CHARS)?;
        if title.contains(['\n', '\r']) {
            return Err(Msg::TitleOneLine.into());
        }
        Ok(Title(title))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Markdown of an update, an official response or a topic summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostBody(String);

impl PostBody {
    pub fn parse(text: &str) -> Result<Self, Said> {
        bounded(text, Msg::WhatText, POST_MAX_CHARS).map(PostBody)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A passage of a section quoted by a comment, as W3C Web Annotation's
/// TextQuoteSelector: the exact words and a little context either side, so
/// the passage can be found again after the draft changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl QuoteSelector {
    pub fn parse(exact: &str, prefix: &str, suffix: &str) -> Result<Self, Said> {
        if exact.trim().is_empty() {
            return Err(Msg::QuoteEmpty.into());
        }
        if exact.chars().count() > QUOTE_MAX_CHARS {
            return Err(Msg::QuoteTooLong.with([("max", QUOTE_MAX_CHARS.to_string())]));
        }
        if prefix.chars().count() > QUOTE_CONTEXT_MAX_CHARS
            || suffix.chars().count() > QUOTE_CONTEXT_MAX_CHARS
        {
            return Err(
                Msg::QuoteContextTooLong.with([("max", QUOTE_CONTEXT_MAX_CHARS.to_string())])
            );
        }
        if has_control(exact) || has_control(prefix) || has_control(suffix) {
            return Err(Msg::QuoteControl.into());
        }
        Ok(QuoteSelector {
            exact: exact.to_string(),
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        })
    }

    /// The passage `exact` where it first stands in `text` (a section's
    /// words as a reader sees them), with up to the allowed context either
    /// side; `None` when it is not there. Whitespace runs count as one
    /// space. The app takes `text` from the page, the server (for a form
    /// sent without the app) from the section's Markdown.
    pub fn around(text: &str, exact: &str) -> Option<QuoteSelector> {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let (text, exact) = (norm(text), norm(exact));
        if exact.is_empty() {
            return None;
        }
        let at = text.find(&exact)?;
        let before: Vec<char> = text[..at].chars().collect();
        let prefix = before[before.len().saturating_sub(QUOTE_CONTEXT_MAX_CHARS)..]
            .iter()
            .collect();
        let suffix = text[at + exact.len()..]
            .chars()
            .take(QUOTE_CONTEXT_MAX_CHARS)
            .collect();
        Some(QuoteSelector {
            exact,
            prefix,
            suffix,
        })
    }

    /// Whether the passage, with its context, is in `text` (whitespace runs
    /// compared as one space, as a reader sees them).
    pub fn is_found_in(&self, text: &str) -> bool {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let haystack = norm(text);
        let exact = norm(&self.exact);
        let before = norm(&self.prefix);
        let after = norm(&self.suffix);
        // Every place the passage starts, overlapping ones too: in "a a a"
        // the quote "a a" after "a" starts at the second "a".
        let mut from = 0;
        while let Some(found) = haystack[from..].find(&exact) {
            let at = from + found;
            if haystack[..at].trim_end().ends_with(before.as_str())
                && haystack[at + exact.len()..]
                    .trim_start()
                    .starts_with(after.as_str())
            {
                return true;
            }
            from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_one_whatever_form_they_are_typed_in() {
        let composed = Email::parse("jos\u{e9}@example.org").unwrap();
        assert_eq!(Email::parse("jose\u{301}@example.org").unwrap(), composed);
        assert_eq!(Email::parse(" JOS\u{c9}@Example.org ").unwrap(), composed);
        assert_eq!(
            Email::parse("ｊｏｓｅ@ｅｘａｍｐｌｅ.ｏｒｇ")
                .unwrap()
                .as_str(),
            "jose@example.org"
        );
        for hidden in [
            "jo\u{200b}se@example.org",
            "jose@exa\u{2060}mple.org",
            "\u{feff}a@b.org",
        ] {
            assert!(Email::parse(hidden).is_err(), "{hidden:?}");
        }
    }

    #[test]
    fn names_cannot_hide_reverse_or_pose() {
        assert_eq!(
            DisplayName::parse("  Ana   María ").unwrap().as_str(),
            "Ana María"
        );
        assert_eq!(
            DisplayName::parse("Иван Petrov").unwrap().as_str(),
            "Иван Petrov"
        );
        for bad in [
            "\u{200b}\u{200b}",
            "\u{3164}",
            "Ana\u{202e}nimda",
            "Ana\u{2067}x",
            "Ana\u{200b}Lee",
            "Jоy Sutton",
            "...",
            // "City staff" in a mail program's subject line; also in
            // full-width forms, which NFKC folds.
            "=?utf-8?b?Q2l0eSBzdGFmZg==?=",
            "Ana =?UTF-8?Q?City_staff?=",
            "\u{ff1d}\u{ff1f}utf-8?b?Q2l0eSBzdGFmZg==?=",
        ] {
            assert!(DisplayName::parse(bad).is_err(), "{bad:?}");
        }
        assert!(DisplayName::parse("Pulse Administrator").is_ok());
        for bad in [
            "Joy Sutton (Topic Host, City of Shakopee)",
            "City of Shakopee",
            "Pulse Admin",
            "Moderator Team",
            "0fficial Notice",
            "Pulse Administrator",
        ] {
            assert!(DisplayName::for_resident(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_name_that_passes_for_staff_is_known() {
        let joy = "Joy Sutton";
        for impostor in [
            "J0y Sutt0n",
            "Joy Sutton Jr",
            "Real Joy Sutton",
            "JOY  SUTTON",
        ] {
            assert!(
                DisplayName::parse(impostor).unwrap().passes_for(joy),
                "{impostor}"
            );
        }
        assert!(!DisplayName::parse("Joe Sutter").unwrap().passes_for(joy));
    }

    #[test]
    fn a_comment_must_show_something() {
        assert!(CommentBody::parse("\u{200b}\u{200b}\u{200b}").is_err());
        assert!(CommentBody::parse("\u{2060} \u{feff}").is_err());
        assert!(CommentBody::parse("ok\u{200b}").is_ok());
    }

    #[test]
    fn emails_are_one_per_address_however_typed() {
        assert_eq!(
            Email::parse("  Joy.Sutton@ShakopeeMN.gov ").map(|e| e.0),
            Ok("joy.sutton@shakopeemn.gov".to_string())
        );
        for bad in [
            "",
            "joy",
            "joy@",
            "@city.gov",
            "joy@city",
            "j oy@city.gov",
            "a@b@c.gov",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(Email::parse(&format!("{}@city.gov", "a".repeat(250))).is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse(" Ana ").map(|n| n.0), Ok("Ana".into()));
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(61)).is_err());
        assert!(DisplayName::parse("a\u{0}b").is_err());
    }

    #[test]
    fn passwords_have_a_floor_and_a_ceiling() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("long enough pass").is_ok());
        assert!(Password::parse(&"x".repeat(201)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("secret-secret")),
            "Ok(Password(…))"
        );
    }

    #[test]
    fn comment_bodies_are_not_blank_or_huge() {
        assert!(CommentBody::parse(" \n ").is_err());
        assert!(CommentBody::parse(&"é".repeat(COMMENT_MAX_CHARS)).is_ok());
        let err = CommentBody::parse(&"é".repeat(COMMENT_MAX_CHARS + 1));
        assert!(err.is_err_and(|e| e.to_string().contains("5001")));
        assert!(CommentBody::parse("bell\u{7}").is_err());
    }

    #[test]
    fn reasons_titles_and_posts_are_real_text() {
        assert!(Reason::parse("Personal attack").is_ok());
        assert!(Reason::parse(" \u{200b}\u{200b} ").is_err());
        assert!(Reason::parse(&"r".repeat(REASON_MAX_CHARS + 1)).is_err());
        assert_eq!(
            Title::parse("  Update  ").map(|t| t.0),
            Ok("Update".to_string())
        );
        assert!(Title::parse("two\nlines").is_err());
        assert!(PostBody::parse("").is_err_and(|e| e.to_string() == "Write the text."));
        assert_eq!(
            crate::i18n::Lang::Es.say(&PostBody::parse("").unwrap_err()),
            "Escriba el texto."
        );
        assert!(PostBody::parse("a\u{7}").is_err());
    }

    #[test]
    fn quotes_are_found_again_after_reflow() {
        let q = QuoteSelector::parse("kept for 90\ndays", "must be ", " unless")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(q.is_found_in("Recordings must be kept for 90 days unless flagged."));
        assert!(!q.is_found_in("Recordings must be kept for 180 days unless flagged."));
        assert!(QuoteSelector::parse(" ", "", "").is_err());
        assert!(QuoteSelector::parse("x", &"p".repeat(65), "").is_err());
    }

    #[test]
    fn a_passage_is_quoted_with_its_context() {
        let text = format!("{} kept for  90 days unless flagged.", "a".repeat(80));
        let q = QuoteSelector::around(&text, "90\ndays").unwrap_or_else(|| panic!("not found"));
        assert_eq!(q.exact, "90 days");
        assert_eq!(q.prefix.chars().count(), QUOTE_CONTEXT_MAX_CHARS);
        assert!(q.prefix.ends_with("a kept for "));
        assert_eq!(q.suffix, " unless flagged.");
        assert!(q.is_found_in(&text));
        assert!(QuoteSelector::around(&text, "180 days").is_none());
        assert!(QuoteSelector::around(&text, "  ").is_none());
    }
}
