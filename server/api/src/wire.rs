//! The JSON that crosses the wire under `/api/v1`. Requests refuse unknown
//! fields, so a misspelt field is an error rather than silently ignored.
//!
//! Text written in Markdown travels twice: as written, and as HTML rendered
//! once by the server with [`crate::markdown::to_safe_html`]. The client
//! shows the HTML, so it carries no Markdown parser (a third of its WASM).

use crate::{Timestamp, TopicStatus};
use serde::{Deserialize, Serialize};

/// An RFC 9457 problem: what every error response carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// A sentence meant for the person at the screen, shown as it is.
    pub detail: String,
}

fn about_blank() -> String {
    "about:blank".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    Admin,
}

/// The signed-in account, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// `GET /api/v1/session`: who is signed in, if anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub account: Option<Account>,
}

/// `POST /api/v1/accounts`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub password: String,
}

/// `POST /api/v1/session`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// When a topic's poll results may be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultsRule {
    Always,
    AfterVoting,
    AfterClose,
}

impl ResultsRule {
    pub fn as_str(self) -> &'static str {
        match self {
            ResultsRule::Always => "always",
            ResultsRule::AfterVoting => "after_voting",
            ResultsRule::AfterClose => "after_close",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "always" => Some(ResultsRule::Always),
            "after_voting" => Some(ResultsRule::AfterVoting),
            "after_close" => Some(ResultsRule::AfterClose),
            _ => None,
        }
    }
}

/// A topic as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicSummary {
    pub slug: String,
    pub title: String,
    /// Markdown, as the host wrote it.
    pub summary: String,
    /// The summary as safe HTML (see [`crate::markdown`]).
    pub summary_html: String,
    pub status: TopicStatus,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub time_zone: String,
    pub comment_count: i64,
}

/// `GET /api/v1/topics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicList {
    pub topics: Vec<TopicSummary>,
    /// The server's clock, which decides every status.
    pub now: Timestamp,
}

/// The named staff member who answers for a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostCard {
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    pub url: String,
}

/// A dated post by the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub posted_at: Timestamp,
}

/// One section of the current draft, with how many comments it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub level: u8,
    pub markdown: String,
    pub html: String,
    pub comment_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub version: i64,
    pub title: String,
    pub published_at: Timestamp,
    pub sections: Vec<Section>,
}

/// `GET /api/v1/topics/{slug}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    /// Markdown, as the host wrote it.
    pub summary: String,
    /// The summary as safe HTML (see [`crate::markdown`]).
    pub summary_html: String,
    pub status: TopicStatus,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub time_zone: String,
    /// The server's clock when this was read: countdowns count from it.
    pub now: Timestamp,
    pub results_rule: ResultsRule,
    pub host: HostCard,
    pub documents: Vec<Document>,
    pub updates: Vec<Update>,
    pub draft: Option<Draft>,
    pub comment_count: i64,
}

/// A passage quoted by a comment (W3C Web Annotation TextQuoteSelector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub section: String,
    /// The draft version the comment was made on.
    pub version: i64,
    pub parent_id: Option<i64>,
    pub author: String,
    /// Markdown, as the resident wrote it.
    pub body: String,
    /// The body as safe HTML: raw HTML shown as text, unsafe links dropped.
    pub body_html: String,
    pub quote: Option<Quote>,
    pub created_at: Timestamp,
}

/// `GET /api/v1/topics/{slug}/comments`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentList {
    pub comments: Vec<Comment>,
}

/// `POST /api/v1/topics/{slug}/comments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub section: String,
    pub body: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PollKind {
    Single,
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollOption {
    pub id: i64,
    pub label: String,
    /// Ballots choosing this option, when the results may be shown.
    pub votes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poll {
    pub id: i64,
    pub question: String,
    /// The section the poll belongs to; none for the whole topic.
    pub section: Option<String>,
    pub kind: PollKind,
    pub options: Vec<PollOption>,
    /// The options the signed-in account chose, if it has voted.
    pub my_choices: Option<Vec<i64>>,
    /// Whether `votes` and `ballots` are filled in.
    pub results_visible: bool,
    pub ballots: Option<i64>,
}

/// `GET /api/v1/topics/{slug}/polls`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollList {
    pub results_rule: ResultsRule,
    pub polls: Vec<Poll>,
}

/// `PUT /api/v1/polls/{id}/ballot`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub options: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_refuse_unknown_fields() {
        let r: Result<Ballot, _> = serde_json::from_str(r#"{"options":[1],"admin":true}"#);
        assert!(r.is_err());
        let r: Result<NewComment, _> = serde_json::from_str(r#"{"section":"a","body":"b"}"#);
        assert!(r.is_ok());
    }

    #[test]
    fn problems_default_their_type() {
        let p: Problem =
            serde_json::from_str(r#"{"title":"Bad","status":400,"detail":"No."}"#).unwrap();
        assert_eq!(p.kind, "about:blank");
    }
}
