//! Values checked once, at the edge, by the same rules in the client (to
//! say what is wrong before sending) and the server (to enforce it). Each
//! error is a sentence a resident can act on.

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

fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// An email address, trimmed and lower-cased so that one address is one
/// account however it is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, String> {
        let email = text.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter your email address.".into());
        }
        if email.chars().count() > EMAIL_MAX_CHARS {
            return Err(format!(
                "An email address can be at most {EMAIL_MAX_CHARS} characters."
            ));
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
            Err("Enter an email address like name@example.com.".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name shown beside a resident's comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(text: &str) -> Result<Self, String> {
        let name = text.trim();
        if name.is_empty() {
            return Err("Enter the name to show with your comments.".into());
        }
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(format!(
                "A display name can be at most {DISPLAY_NAME_MAX_CHARS} characters."
            ));
        }
        if name.chars().any(char::is_control) {
            return Err("A display name cannot contain control characters.".into());
        }
        Ok(DisplayName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
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
    pub fn parse(text: &str) -> Result<Self, String> {
        let count = text.chars().count();
        if count < PASSWORD_MIN_CHARS {
            return Err(format!(
                "Choose a password of at least {PASSWORD_MIN_CHARS} characters."
            ));
        }
        if count > PASSWORD_MAX_CHARS {
            return Err(format!(
                "A password can be at most {PASSWORD_MAX_CHARS} characters."
            ));
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
    pub fn parse(text: &str) -> Result<Self, String> {
        let body = text.trim();
        if body.is_empty() {
            return Err("Write something before posting your comment.".into());
        }
        let count = body.chars().count();
        if count > COMMENT_MAX_CHARS {
            return Err(format!(
                "A comment can be at most {COMMENT_MAX_CHARS} characters; this one has {count}."
            ));
        }
        if has_control(body) {
            return Err("A comment cannot contain control characters.".into());
        }
        Ok(CommentBody(body.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Trimmed text that has something in it, fits `max` and has no control
/// characters but line breaks and tabs; `what` names it in the sentences.
fn bounded(text: &str, what: &str, max: usize) -> Result<String, String> {
    let text = text.trim();
    // Zero-width and other invisible characters alone are not a text.
    if text.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
    }) {
        return Err(format!("Write {what}."));
    }
    let count = text.chars().count();
    if count > max {
        return Err(format!(
            "{} can be at most {max} characters; this one has {count}.",
            capitalise(what)
        ));
    }
    if has_control(text) {
        return Err(format!(
            "{} cannot contain control characters.",
            capitalise(what)
        ));
    }
    Ok(text.to_string())
}

fn capitalise(what: &str) -> String {
    let mut chars = what.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Why a comment is flagged or hidden: shown to the host, and for hiding,
/// to everyone in the comment's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(text: &str) -> Result<Self, String> {
        bounded(text, "a reason", REASON_MAX_CHARS).map(Reason)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The title of a topic, an update or a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title(String);

impl Title {
    pub fn parse(text: &str) -> Result<Self, String> {
        let title = bounded(text, "a title", TITLE_MAX_CHARS)?;
        if title.contains(['\n', '\r']) {
            return Err("A title is one line.".into());
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
    pub fn parse(text: &str) -> Result<Self, String> {
        bounded(text, "the text", POST_MAX_CHARS).map(PostBody)
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
    pub fn parse(exact: &str, prefix: &str, suffix: &str) -> Result<Self, String> {
        if exact.trim().is_empty() {
            return Err("The quoted passage is empty.".into());
        }
        if exact.chars().count() > QUOTE_MAX_CHARS {
            return Err(format!(
                "A quoted passage can be at most {QUOTE_MAX_CHARS} characters."
            ));
        }
        if prefix.chars().count() > QUOTE_CONTEXT_MAX_CHARS
            || suffix.chars().count() > QUOTE_CONTEXT_MAX_CHARS
        {
            return Err(format!(
                "The context around a quoted passage can be at most {QUOTE_CONTEXT_MAX_CHARS} characters each side."
            ));
        }
        if has_control(exact) || has_control(prefix) || has_control(suffix) {
            return Err("A quoted passage cannot contain control characters.".into());
        }
        Ok(QuoteSelector {
            exact: exact.to_string(),
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        })
    }

    /// Whether the passage, with its context, is in `text` (whitespace runs
    /// compared as one space, as a reader sees them).
    pub fn is_found_in(&self, text: &str) -> bool {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let haystack = norm(text);
        let exact = norm(&self.exact);
        haystack.match_indices(&exact).any(|(at, _)| {
            let before = norm(&self.prefix);
            let after = norm(&self.suffix);
            haystack[..at].trim_end().ends_with(before.as_str())
                && haystack[at + exact.len()..]
                    .trim_start()
                    .starts_with(after.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(err.is_err_and(|e| e.contains("5001")));
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
        assert!(PostBody::parse("").is_err_and(|e| e == "Write the text."));
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
}
