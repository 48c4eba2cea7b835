//! The JSON that crosses the wire under `/api/v1`. Requests refuse unknown
//! fields, so a misspelt field is an error rather than silently ignored.
//!
//! Text written in Markdown travels twice: as written, and as HTML rendered
//! once by the server with [`crate::markdown::to_safe_html`]. The client
//! shows the HTML, so it carries no Markdown parser (a third of its WASM).

use crate::i18n::{Lang, Msg};
use crate::{Timestamp, TopicStatus};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An RFC 9457 problem: what every error response carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// A sentence meant for the person at the screen, shown as it is.
    pub detail: String,
    /// For a form: each field that is wrong, with what to do about it, so
    /// that every mistake is shown at once, beside its field. `detail`
    /// says them all too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One field of a request that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldProblem {
    /// The field's name in the request, e.g. `email`.
    pub field: String,
    pub detail: String,
}

fn about_blank() -> String {
    "about:blank".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    Admin,
}

/// The signed-in account, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Whether the account has confirmed its email address (some topics ask
    /// for it before taking part).
    #[serde(default)]
    pub email_verified: bool,
    /// The slugs of the topics this account hosts.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// The language Pulse writes to this person in.
    #[serde(default)]
    pub lang: Lang,
}

/// `GET /api/v1/session`: who is signed in, if anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub account: Option<Account>,
}

/// `POST /api/v1/accounts`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub password: String,
    /// The language to write to the account in; the page's when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// `POST /api/v1/session`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// `PATCH /api/v1/account`: the name shown with the account's comments,
/// and the language Pulse writes in; each optional, at least one given.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// `PUT /api/v1/account/password`: the current password proves it is the
/// owner at the keyboard; every other session of the account ends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `PUT /api/v1/account/email`: a new address, confirmed again by a
/// mailed link; notices follow it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailChange {
    pub email: String,
    pub current_password: String,
}

/// `GET /api/v1/account/activity`: what the account has said and voted,
/// newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub comments: Vec<MyComment>,
    pub ballots: Vec<MyBallot>,
}

/// One of the account's comments, with where it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyComment {
    pub id: i64,
    pub topic_slug: String,
    pub topic_title: String,
    /// The section's anchor, or `general`.
    pub section: String,
    /// Markdown, as written.
    pub body: String,
    pub created_at: Timestamp,
    pub reply: bool,
    pub withdrawn: bool,
    pub hidden: bool,
    /// Where the latest of what they did with it stands in the topic's
    /// public record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Receipt>,
}

/// The account's ballot in one poll.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyBallot {
    pub poll_id: i64,
    pub topic_slug: String,
    pub topic_title: String,
    pub question: String,
    /// The options chosen, as labelled.
    pub choices: Vec<String>,
    pub cast_at: Timestamp,
}

/// The pages a city may write, in the footer's order, with their names.
pub const CITY_PAGES: [(&str, Msg); 4] = [
    ("privacy", Msg::PagePrivacy),
    ("comment-policy", Msg::PageCommentPolicy),
    ("accessibility", Msg::PageAccessibility),
    ("contact", Msg::PageContact),
];

/// The name of the city's page `slug`, if it is one a city may write.
pub fn city_page_name(slug: &str) -> Option<Msg> {
    CITY_PAGES.iter().find(|(s, _)| *s == slug).map(|(_, m)| *m)
}

/// What an audit log's `action` code says to a person, in either
/// language; `None` for a code this build does not know (shown as it is).
pub fn audit_action_name(action: &str) -> Option<Msg> {
    Some(match action {
        "hide" => Msg::AuditHide,
        "restore" => Msg::AuditRestore,
        "dismiss" => Msg::AuditDismiss,
        "respond" => Msg::AuditRespond,
        "add_date" => Msg::AuditAddDate,
        "remove_date" => Msg::AuditRemoveDate,
        "create_topic" => Msg::AuditCreateTopic,
        "edit_topic" => Msg::AuditEditTopic,
        "post_update" => Msg::AuditPostUpdate,
        "grant_host" => Msg::AuditGrantHost,
        "revoke_host" => Msg::AuditRevokeHost,
        "create_account" => Msg::AuditCreateAccount,
        "create_admin" => Msg::AuditCreateAdmin,
        "publish_revision" => Msg::AuditPublishRevision,
        "publish_topic" => Msg::AuditPublishTopic,
        "invite_account" => Msg::AuditInviteAccount,
        "publish_record_head" => Msg::AuditPublishRecordHead,
        "reset_password" => Msg::AuditResetPassword,
        "delete_account" => Msg::AuditDeleteAccount,
        _ => return None,
    })
}

/// `GET /api/v1/city/pages/{slug}`: one of the city's own pages, as the
/// city wrote it, rendered to safe HTML.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CityPageText {
    pub slug: String,
    /// Its first heading, if it has one.
    pub title: Option<String>,
    pub html: String,
}

/// What becomes of a deleted account's comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KeepComments {
    /// Each is withdrawn: a placeholder stands in its place.
    Withdraw,
    /// They stay, under "Former participant".
    Keep,
}

/// `DELETE /api/v1/account`: the password, and what becomes of the
/// comments. The address and name are erased; ballots stay counted,
/// tied to no one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountDeletion {
    pub password: String,
    pub comments: KeepComments,
}

/// How often a subscriber hears: each notice as it happens, or one digest
/// a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    #[default]
    Instant,
    Daily,
}

/// `POST /api/v1/topics/{slug}/subscriptions`. Signed in, the body may be
/// empty or `{}` and the account's own address subscribes at once. With an
/// `email`, that address subscribes once it confirms the mailed link.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSubscription {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    /// Also each new comment in this section (its anchor; `general` is the
    /// topic as a whole). Left out: the topic's notices only.
    #[serde(default)]
    pub section: Option<String>,
    /// The language of its notices when made without an account; the
    /// page's when left out. (An account's notices are in its language.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// A subscription to a topic's notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    pub id: i64,
    pub topic_slug: String,
    pub topic_title: String,
    pub cadence: Cadence,
    /// The section whose new comments come too (its anchor), if any.
    pub section: Option<String>,
    /// That section as a reader knows it: "§ 3 Retention", "General".
    pub section_label: Option<String>,
    pub created_at: Timestamp,
    /// Whether notices are sent (an address alone waits for its link).
    pub active: bool,
}

/// `GET /api/v1/account/subscriptions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubscriptionList {
    pub subscriptions: Vec<Subscription>,
}

/// `PATCH /api/v1/account/subscriptions/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubscriptionEdit {
    /// Left out: unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// A section's anchor to have its new comments too; `null` for the
    /// topic's notices only; left out: unchanged.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, nullable))]
    pub section: Option<Option<String>>,
}

/// A field that may be left out (`None`), `null` (`Some(None)`) or given.
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A single-use link's secret, mailed to a person: `POST
/// /api/v1/subscriptions/confirm` and `POST /api/v1/account/verify`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MailedToken {
    pub token: String,
}

/// `POST /api/v1/password-reset`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

/// `POST /api/v1/password-reset/confirm`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    pub token: String,
    pub password: String,
}

/// `202 Accepted`: something will happen by mail; a sentence to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    pub detail: String,
}

/// The answer to a one-click unsubscribe: which topic was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unsubscribed {
    pub topic_slug: String,
    pub topic_title: String,
}

/// When a topic's poll results may be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// Declares a struct whose first fields are a topic as the list shows it
/// (slug to comment count), then its own: those fields are written once,
/// for [`TopicSummary`] and [`Topic`], whose JSON carries them alike.
/// (serde's `flatten` would compose them too, at 2.5 KB more WASM, brotli,
/// for every phone: measured on 2026-12-03.)
macro_rules! topic_with_listing {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
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
            /// `opens_at` and `closes_at` as people read them in the topic's
            /// zone ("December 3, 2026 at 9:00 AM CST"), written by the server
            /// so that no phone loads time-zone rules to show them.
            #[serde(default)]
            pub opens_on: String,
            #[serde(default)]
            pub closes_on: String,
            /// Comments on the topic: sections and the General thread together.
            pub comment_count: i64,
            /// The language `title` and `summary` are in: the reader's where
            /// the city translated them, else the original's.
            #[serde(default)]
            pub lang: Lang,
            /// Public; else a preview only admins and its hosts see.
            #[serde(default = "yes")]
            pub published: bool,
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl $name {
            /// This, from what the list shows of a topic and its own fields.
            #[allow(clippy::too_many_arguments)]
            pub fn from_listing(listing: TopicSummary, $( $field: $ty, )*) -> Self {
                $name {
                    slug: listing.slug,
                    title: listing.title,
                    summary: listing.summary,
                    summary_html: listing.summary_html,
                    status: listing.status,
                    opens_at: listing.opens_at,
                    closes_at: listing.closes_at,
                    time_zone: listing.time_zone,
                    opens_on: listing.opens_on,
                    closes_on: listing.closes_on,
                    comment_count: listing.comment_count,
                    lang: listing.lang,
                    published: listing.published,
                    $( $field, )*
                }
            }
        }
    };
}

topic_with_listing! {
    /// A topic as listed.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct TopicSummary {}
}

/// `GET /api/v1/topics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicList {
    pub topics: Vec<TopicSummary>,
    /// The server's clock, which decides every status.
    pub now: Timestamp,
    /// The city whose Pulse this is, as it names itself.
    #[serde(default)]
    pub city: String,
}

/// A topic as admins list it: as the public list shows it (published or
/// not), with the addresses of its hosts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminTopic {
    pub topic: TopicSummary,
    pub hosts: Vec<String>,
}

/// `GET /api/v1/admin/topics`: every topic, saved unpublished ones too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminTopicList {
    pub topics: Vec<AdminTopic>,
    pub now: Timestamp,
}

/// The named staff member who answers for a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HostCard {
    pub name: String,
    pub role: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    pub title: String,
    pub url: String,
}

/// A date the host adds to a topic (a council meeting, a public hearing),
/// shown on the topic page and in its calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicDate {
    pub id: i64,
    pub title: String,
    pub starts_at: Timestamp,
    /// `starts_at` as people read it in the topic's zone.
    #[serde(default)]
    pub starts_on: String,
    /// Where, if anywhere in particular.
    pub place: Option<String>,
}

/// `POST /api/v1/topics/{slug}/dates`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTopicDate {
    pub title: String,
    /// The instant; or give `starts_local` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<Timestamp>,
    /// The wall-clock time in the topic's time zone, as a
    /// `datetime-local` field sends it ("2027-01-12T18:00"), whatever the
    /// zone of the one entering it: the server finds the instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_local: Option<String>,
    /// For a wall time the clocks pass twice (the hour they go back):
    /// `earlier` or `later`. Asked for when it is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fold: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
}

/// A dated post by the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Update {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub posted_at: Timestamp,
    /// `posted_at` as people read it in the topic's zone.
    #[serde(default)]
    pub posted_on: String,
    /// The language `title` and `body` are in.
    #[serde(default)]
    pub lang: Lang,
}

/// One section of the current draft, with how many comments it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub level: u8,
    pub markdown: String,
    pub html: String,
    /// Comments that belong to it now, those written on its predecessors
    /// in earlier versions included.
    pub comment_count: i64,
    /// Of `comment_count`, those written on an earlier version.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub earlier_count: i64,
    /// Anchors of earlier versions that lead here (renamed, moved, split,
    /// merged): old links land on this section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draft {
    pub version: i64,
    pub title: String,
    pub published_at: Timestamp,
    pub sections: Vec<Section>,
    /// The language its title and sections are in. A translation has the
    /// original's sections one to one, with their anchors and numbers.
    #[serde(default)]
    pub lang: Lang,
    /// The number of the current version: `version` is an earlier one
    /// when less.
    #[serde(default)]
    pub latest: i64,
    /// `published_at` as people read it in the topic's zone, in the
    /// reader's language.
    #[serde(default)]
    pub published_on: String,
    /// Why it changed from the version before, Markdown and safe HTML;
    /// empty for a first version.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_html: String,
    /// Shown in the original's language although the city translated an
    /// earlier version into the reader's: that version's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_of: Option<i64>,
}

topic_with_listing! {
    /// `GET /api/v1/topics/{slug}`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Topic {
        /// The server's clock when this was read: countdowns count from it.
        pub now: Timestamp,
        pub results_rule: ResultsRule,
        pub host: HostCard,
        /// Taking part needs a confirmed email address.
        #[serde(default)]
        pub require_verified_email: bool,
        pub documents: Vec<Document>,
        pub updates: Vec<Update>,
        /// Council meetings and other dates the host added, soonest first.
        #[serde(default)]
        pub dates: Vec<TopicDate>,
        pub draft: Option<Draft>,
        /// Comments in the General thread (on the topic as a whole).
        pub general_count: i64,
        /// Comments on sections that a revision removed.
        #[serde(default)]
        pub removed_count: i64,
        /// The language the city wrote the topic in.
        #[serde(default)]
        pub original_lang: Lang,
        /// The other languages the city translated it into; `?original`
        /// asks for the original whatever the reader's language.
        #[serde(default)]
        pub translations: Vec<Lang>,
    }
}

/// A passage quoted by a comment (W3C Web Annotation TextQuoteSelector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: i64,
    /// The section's anchor, or `general` for the topic as a whole.
    pub section: String,
    /// The draft version the comment was made on.
    pub version: i64,
    pub parent_id: Option<i64>,
    /// The author's name; empty for an account since deleted, whose
    /// comments are shown under "Former participant".
    pub author: String,
    /// Set from the author's role, never from their name: shown as
    /// "City staff · Topic host" or "City staff".
    #[serde(default)]
    pub staff: Option<StaffMark>,
    /// Markdown, as the resident wrote it; empty when withdrawn, and when
    /// hidden for everyone but its author.
    pub body: String,
    /// The body as safe HTML: raw HTML shown as text, unsafe links dropped.
    pub body_html: String,
    pub quote: Option<Quote>,
    /// The language of the text `quote` was taken from (the draft as its
    /// author read it, original or translated): the quote is highlighted
    /// only in a draft shown in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_lang: Option<Lang>,
    /// The language of the page it was written on, when known: its text
    /// is marked so, whatever language it is read in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    pub created_at: Timestamp,
    /// When its author last changed it.
    #[serde(default)]
    pub edited_at: Option<Timestamp>,
    /// Its author took it back: a placeholder stands in its place.
    #[serde(default)]
    pub withdrawn: bool,
    /// The topic host hid it, with a public reason.
    #[serde(default)]
    pub hidden: Option<Hidden>,
    #[serde(default)]
    pub agree: i64,
    #[serde(default)]
    pub disagree: i64,
    /// The signed-in account's own reaction.
    #[serde(default)]
    pub my_reaction: Option<Reaction>,
    /// Whether the signed-in account wrote it.
    #[serde(default)]
    pub mine: bool,
    #[serde(default)]
    pub official_response: Option<OfficialResponse>,
    /// Where it stands in the current version of the draft.
    #[serde(default)]
    pub now: CommentNow,
    /// The revisions it led to a change in ("you said, we did").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub led_to: Vec<SectionRef>,
    /// Its author's receipt: where the latest of what they did with it
    /// (posted, edited, withdrawn) stands in the topic's public record.
    /// Only for its author (`mine`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Receipt>,
}

/// What became of a comment when the draft was revised after it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum NowStatus {
    /// Written on the current version.
    #[default]
    Current,
    /// Its section, and its quote, stand unchanged in the current version.
    Carried,
    /// Its section was renamed, moved, split or merged, and what it is
    /// about stands word for word in the section named.
    Moved,
    /// The passage it quotes (or its section's text) was changed.
    Changed,
    /// Its section has no successor.
    Removed,
}

impl NowStatus {
    pub const ALL: [NowStatus; 5] = [
        NowStatus::Current,
        NowStatus::Carried,
        NowStatus::Moved,
        NowStatus::Changed,
        NowStatus::Removed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            NowStatus::Current => "current",
            NowStatus::Carried => "carried",
            NowStatus::Moved => "moved",
            NowStatus::Changed => "changed",
            NowStatus::Removed => "removed",
        }
    }
    pub fn parse(text: &str) -> Option<NowStatus> {
        NowStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A comment's place in the current version of the draft. It keeps the
/// `version` and `section` it was written on; this says where that is now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentNow {
    pub status: NowStatus,
    /// The section of the current version it belongs to (`general` for
    /// the General thread); none when its section was removed.
    pub section: Option<String>,
    /// For `changed` and `removed`: the words it was written on, as plain
    /// text — its quote, else its section's text in that version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
}

/// A section of one version of a draft: "version 2, § 4".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionRef {
    pub version: i64,
    pub section: String,
    /// "4"; empty for the preamble.
    pub number: String,
}

/// One text a comment has had (`GET /api/v1/comments/{id}/versions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentVersion {
    pub body: String,
    pub written_at: Timestamp,
}

/// Why the host hid a comment; the text stays in the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hidden {
    pub reason: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reaction {
    Agree,
    Disagree,
}

impl Reaction {
    pub fn as_str(self) -> &'static str {
        match self {
            Reaction::Agree => "agree",
            Reaction::Disagree => "disagree",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "agree" => Some(Reaction::Agree),
            "disagree" => Some(Reaction::Disagree),
            _ => None,
        }
    }
}

/// `PUT /api/v1/comments/{id}/reaction`: `null` takes the reaction back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReactionChange {
    pub value: Option<Reaction>,
}

/// What the host's official response says of the comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    Adopted,
    PartlyAdopted,
    NotAdopted,
    Answered,
    OutOfScope,
}

impl ResponseStatus {
    pub const ALL: [ResponseStatus; 5] = [
        ResponseStatus::Adopted,
        ResponseStatus::PartlyAdopted,
        ResponseStatus::NotAdopted,
        ResponseStatus::Answered,
        ResponseStatus::OutOfScope,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Adopted => "adopted",
            ResponseStatus::PartlyAdopted => "partly_adopted",
            ResponseStatus::NotAdopted => "not_adopted",
            ResponseStatus::Answered => "answered",
            ResponseStatus::OutOfScope => "out_of_scope",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
    /// As a resident reads it.
    pub fn msg(self) -> Msg {
        match self {
            ResponseStatus::Adopted => Msg::ResponseAdopted,
            ResponseStatus::PartlyAdopted => Msg::ResponsePartlyAdopted,
            ResponseStatus::NotAdopted => Msg::ResponseNotAdopted,
            ResponseStatus::Answered => Msg::ResponseAnswered,
            ResponseStatus::OutOfScope => Msg::ResponseOutOfScope,
        }
    }
    /// In English, for the report's file and mail.
    pub fn label(self) -> &'static str {
        Lang::En.text(self.msg())
    }
}

/// The topic host's answer to a comment, on the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficialResponse {
    pub status: ResponseStatus,
    pub body: String,
    pub body_html: String,
    pub author: String,
    pub created_at: Timestamp,
    /// Where what the comment asked for landed: "Adopted in version 2, § 4".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landed: Option<SectionRef>,
}

/// What a comment's author is to the city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffMark {
    /// A host of this topic.
    TopicHost,
    /// An administrator of the city's Pulse.
    CityStaff,
}

impl StaffMark {
    /// The words shown beside the author's name.
    pub fn msg(self) -> Msg {
        match self {
            StaffMark::TopicHost => Msg::StaffTopicHost,
            StaffMark::CityStaff => Msg::StaffCity,
        }
    }
    /// In English, for the report's file and mail.
    pub fn label(self) -> &'static str {
        Lang::En.text(self.msg())
    }
}

/// `POST /api/v1/comments/{id}/responses`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewResponse {
    pub status: ResponseStatus,
    pub body: String,
    /// With `section`: the version of the draft where the comment landed.
    #[serde(default)]
    pub version: Option<i64>,
    /// A section of `version`, by its anchor.
    #[serde(default)]
    pub section: Option<String>,
}

/// `PATCH /api/v1/comments/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommentEdit {
    pub body: String,
}

/// `POST /api/v1/comments/{id}/flags`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFlag {
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModerationVerb {
    /// Hide, with a public reason; the text is kept.
    Hide,
    /// Show a hidden comment again.
    Restore,
    /// Keep a flagged comment as it is and close its flags.
    Dismiss,
}

/// `POST /api/v1/comments/{id}/moderation`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ModerationAction {
    pub action: ModerationVerb,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A resident's flag, as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Flag {
    pub reason: String,
    pub flagged_at: Timestamp,
    /// Whether the host has decided on it (hidden, restored or dismissed).
    pub resolved: bool,
}

/// A comment in the host's queues, its text shown even when hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationItem {
    pub comment: Comment,
    /// The section's number and heading ("§ 3 When officers record"), or
    /// "General".
    pub place: String,
    pub flags: Vec<Flag>,
    pub open_flags: i64,
}

/// `GET /api/v1/topics/{slug}/moderation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    /// Comments with flags no one has decided on, most flagged first.
    pub flagged: Vec<ModerationItem>,
    /// Visible comments with no official response yet, oldest first.
    pub awaiting_response: Vec<ModerationItem>,
    /// Comments the host has hidden, newest first.
    pub hidden: Vec<ModerationItem>,
}

/// What the host's desk shows: which comments, in what order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeskShow {
    /// Flagged, or visible with no official response yet.
    #[default]
    Attention,
    Flagged,
    Unanswered,
    Answered,
    Hidden,
    All,
}

impl DeskShow {
    pub const ALL: [DeskShow; 6] = [
        DeskShow::Attention,
        DeskShow::Flagged,
        DeskShow::Unanswered,
        DeskShow::Answered,
        DeskShow::Hidden,
        DeskShow::All,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DeskShow::Attention => "attention",
            DeskShow::Flagged => "flagged",
            DeskShow::Unanswered => "unanswered",
            DeskShow::Answered => "answered",
            DeskShow::Hidden => "hidden",
            DeskShow::All => "all",
        }
    }
    pub fn parse(text: &str) -> Option<DeskShow> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The order of the desk's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeskSort {
    /// Flagged first (most flags first), then unanswered (oldest first),
    /// then the rest (newest first).
    #[default]
    Priority,
    Newest,
    Oldest,
    Agreed,
    Flags,
}

impl DeskSort {
    pub const ALL: [DeskSort; 5] = [
        DeskSort::Priority,
        DeskSort::Newest,
        DeskSort::Oldest,
        DeskSort::Agreed,
        DeskSort::Flags,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            DeskSort::Priority => "priority",
            DeskSort::Newest => "newest",
            DeskSort::Oldest => "oldest",
            DeskSort::Agreed => "agreed",
            DeskSort::Flags => "flags",
        }
    }
    pub fn parse(text: &str) -> Option<DeskSort> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A topic on the desk: one the reader hosts (every topic for admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskTopic {
    pub slug: String,
    pub title: String,
    pub time_zone: String,
    pub published: bool,
    /// Comments with flags no one has decided on.
    pub flagged: i64,
    /// Visible comments with no official response.
    pub unanswered: i64,
}

/// One comment in the desk's queue, with its topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskItem {
    pub topic: String,
    pub topic_title: String,
    pub time_zone: String,
    pub item: ModerationItem,
}

/// A section of the topic the desk is filtered to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskSection {
    pub anchor: String,
    pub label: String,
}

/// `GET /api/v1/desk`: one queue across the topics one hosts, filtered,
/// sorted and a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskQueue {
    pub items: Vec<DeskItem>,
    /// Comments matching the filters, on every page.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub topics: Vec<DeskTopic>,
    /// The sections of the topic filtered to (none without one).
    pub sections: Vec<DeskSection>,
}

/// `POST /api/v1/topics/{slug}/updates`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUpdate {
    pub title: String,
    pub body: String,
    /// The update in other languages than the original, by language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<Lang, UpdateTranslation>,
}

impl NewUpdate {
    /// An update as a form sends it: with its translation into `lang`
    /// where either of the translation's fields was filled in.
    pub fn from_form(
        title: String,
        body: String,
        lang: Lang,
        (translated_title, translated_body): (String, String),
    ) -> NewUpdate {
        let mut translations = BTreeMap::new();
        if !(translated_title.trim().is_empty() && translated_body.trim().is_empty()) {
            translations.insert(
                lang,
                UpdateTranslation {
                    title: translated_title,
                    body: translated_body,
                },
            );
        }
        NewUpdate {
            title,
            body,
            translations,
        }
    }
}

/// An update's title and body (Markdown) in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTranslation {
    pub title: String,
    pub body: String,
}

/// A topic's texts in another language than the original. The draft is
/// optional (both its title and text, or neither); a translated draft has
/// the original's sections one to one, at the same heading levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicTranslation {
    pub title: String,
    /// Markdown.
    pub summary: String,
    #[serde(default)]
    pub draft_title: Option<String>,
    /// Markdown, split at its headings as the original is.
    #[serde(default)]
    pub draft: Option<String>,
}

/// A poll of a new topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPoll {
    pub question: String,
    #[serde(default = "single")]
    pub kind: PollKind,
    /// The section's anchor, for a poll about one section.
    #[serde(default)]
    pub section: Option<String>,
    pub options: Vec<String>,
    /// The question and options in other languages, by language: as many
    /// options as the original's, in the same order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<Lang, PollTranslation>,
}

/// A poll's question and options in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PollTranslation {
    pub question: String,
    pub options: Vec<String>,
}

fn single() -> PollKind {
    PollKind::Single
}

fn after_voting() -> ResultsRule {
    ResultsRule::AfterVoting
}

/// `POST /api/v1/topics`: a whole new topic (admins).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewTopic {
    pub slug: String,
    pub title: String,
    /// Markdown.
    pub summary: String,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    /// IANA time zone the dates are shown in, e.g. America/Chicago.
    pub time_zone: String,
    #[serde(default = "after_voting")]
    pub results_rule: ResultsRule,
    pub host: HostCard,
    #[serde(default)]
    pub documents: Vec<Document>,
    pub draft_title: String,
    /// The draft policy, Markdown; split into sections at its headings.
    pub draft: String,
    #[serde(default)]
    pub polls: Vec<NewPoll>,
    /// Taking part needs a confirmed email address: one person, one voice.
    /// On unless said otherwise.
    #[serde(default = "yes")]
    pub require_verified_email: bool,
    /// The topic in other languages than the original (English), by
    /// language: `{"es": {"title": …, "summary": …, "draft_title": …,
    /// "draft": …}}`.
    #[serde(default)]
    pub translations: BTreeMap<Lang, TopicTranslation>,
    /// Public at once (the default); `false` saves a preview that only
    /// admins and the topic's hosts see until it is published
    /// (`POST /api/v1/topics/{slug}/publish`).
    #[serde(default = "yes")]
    pub published: bool,
}

fn yes() -> bool {
    true
}

/// `PUT /api/v1/topics/{slug}/hosts/{email}`, for an address with no
/// account yet: the person's name, and the language to write to them in.
/// An account is made for them, and a link to choose its password mailed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HostInvite {
    /// Left out or empty: no invitation (the address must have an account).
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub lang: Option<Lang>,
}

/// `PATCH /api/v1/topics/{slug}`: what is given changes (admins).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TopicEdit {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub opens_at: Option<Timestamp>,
    #[serde(default)]
    pub closes_at: Option<Timestamp>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub results_rule: Option<ResultsRule>,
    #[serde(default)]
    pub host: Option<HostCard>,
    #[serde(default)]
    pub documents: Option<Vec<Document>>,
    #[serde(default)]
    pub require_verified_email: Option<bool>,
    /// The draft's title and Markdown, changed in place: only while the
    /// topic is not published (after that, by a revised draft). A
    /// translation of the draft no longer fits and is dropped, unless
    /// `translations` gives it anew.
    #[serde(default)]
    pub draft_title: Option<String>,
    #[serde(default)]
    pub draft: Option<String>,
    /// Every poll, in order, with its translations. One the same as the
    /// poll in its place is kept (its id, its ballots) and its
    /// translations made as given; one that has ballots must be, as its
    /// question and options no longer change once someone has voted (a
    /// translation may be added to it, not changed); any other is
    /// replaced, or removed when the list is shorter.
    #[serde(default)]
    pub polls: Option<Vec<NewPoll>>,
    /// Every translation of the topic, by language, as in `NewTopic`: its
    /// title, summary and the current draft's translation, checked against
    /// the draft as this edit leaves it. A language left out is no longer
    /// translated; an earlier version's translation stays with it.
    #[serde(default)]
    pub translations: Option<BTreeMap<Lang, TopicTranslation>>,
}

/// `GET /api/v1/topics/{slug}/setup` (admins): a topic as its edit form
/// shows it — the fields of a topic file, its dates as wall times on its
/// own clock — and what may still change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicSetup {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// "2027-01-12T18:00" on the topic's clock, as a `datetime-local`
    /// field has it.
    pub opens_local: String,
    pub closes_local: String,
    pub time_zone: String,
    pub results_rule: ResultsRule,
    pub host: HostCard,
    pub documents: Vec<Document>,
    /// With their translations.
    pub polls: Vec<NewPoll>,
    /// Ballots cast in each poll, in the same order: a poll with any keeps
    /// its question and options.
    pub poll_ballots: Vec<i64>,
    /// The current version's title and Markdown.
    pub draft_title: String,
    pub draft: String,
    pub require_verified_email: bool,
    pub published: bool,
    /// The topic's translations, the current draft's with them.
    pub translations: BTreeMap<Lang, TopicTranslation>,
    /// Its key dates, in order.
    pub dates: Vec<TopicDate>,
}

/// One host or admin action, on the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: Timestamp,
    /// Who did it (their display name and email), or "pulse admin" for
    /// the command line.
    pub actor: String,
    /// grant_host, revoke_host, create_topic, edit_topic, hide, restore,
    /// dismiss, respond, post_update, create_account, publish_record_head
    /// (by Pulse on its schedule: the public record's head, daily and at a
    /// close).
    pub action: String,
    pub topic: Option<String>,
    pub comment_id: Option<i64>,
    /// What the action was about (an account's email, a title).
    pub subject: Option<String>,
    pub reason: Option<String>,
}

/// `GET /api/v1/audit` and `GET /api/v1/topics/{slug}/audit`, newest
/// first, a page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
    /// The next page's `before`, when there are older entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<i64>,
}

/// How a comment stands in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommentState {
    Visible,
    Hidden,
    Withdrawn,
}

impl CommentState {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentState::Visible => "visible",
            CommentState::Hidden => "hidden",
            CommentState::Withdrawn => "withdrawn",
        }
    }
}

/// A comment in the report for council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportComment {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// "3.1", or empty for the preamble and the General thread.
    /// The section it belongs to now, by anchor (`general` for the
    /// topic-wide discussion, `removed` when a revision removed it).
    #[serde(default)]
    pub now_section: String,
    pub section_number: String,
    /// The section's heading, or "General".
    pub section_heading: String,
    pub quote: Option<String>,
    pub author: String,
    /// Set when the author is city staff, from their role.
    pub staff: Option<StaffMark>,
    pub created_at: Timestamp,
    pub state: CommentState,
    /// The text, for visible comments only.
    pub body: Option<String>,
    pub hidden_reason: Option<String>,
    pub edited: bool,
    pub agree: i64,
    pub disagree: i64,
    pub response_status: Option<ResponseStatus>,
    pub response: Option<String>,
    /// The version of the draft it was written on.
    #[serde(default)]
    pub version: i64,
    /// Where it stands in the current version.
    #[serde(default)]
    pub now: NowStatus,
    /// The section it belongs to now: "4", empty for the preamble, the
    /// General thread and removed sections.
    #[serde(default)]
    pub now_number: String,
    /// The changes it led to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub led_to: Vec<SectionRef>,
    /// Where the official response says it landed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landed: Option<SectionRef>,
}

/// What we heard, what we changed: one revision of the draft in the
/// report, every section it changed with why and the comments behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRevision {
    pub version: i64,
    pub published_at: Timestamp,
    pub note: String,
    pub changes: Vec<ReportChange>,
}

/// A section a revision changed (or, with `change` empty, removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportChange {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    /// None: the section was removed.
    pub change: Option<SectionChange>,
    pub note: String,
    /// The comments that led to it.
    pub comments: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportSection {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub comments: i64,
    pub visible: i64,
    pub hidden: i64,
    pub withdrawn: i64,
    /// Comments with an official response.
    pub responded: i64,
    pub agree: i64,
    pub disagree: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportOption {
    pub label: String,
    pub votes: i64,
    /// Share of ballots that chose it, in percent (one decimal).
    pub percent_of_ballots: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportPoll {
    pub question: String,
    pub section: Option<String>,
    pub kind: PollKind,
    pub ballots: i64,
    /// Of `ballots`, those cast by city staff (administrators and this
    /// topic's hosts).
    pub staff_ballots: i64,
    pub options: Vec<ReportOption>,
    /// The counting rule, in a sentence.
    pub counting_rule: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participation {
    /// Accounts that commented, voted or reacted.
    pub participants: i64,
    pub comments: i64,
    pub ballots: i64,
    pub reactions: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationFigures {
    pub flags: i64,
    pub flagged_comments: i64,
    pub hidden: i64,
    pub withdrawn: i64,
    pub edited: i64,
    pub responses: i64,
    /// Official responses by status, in the order of [`ResponseStatus::ALL`].
    pub responses_by_status: Vec<StatusCount>,
}

/// How many official responses have one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: ResponseStatus,
    pub count: i64,
}

/// `GET /api/v1/topics/{slug}/report.json`: the report for council.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    /// The city whose report it is, as it names itself.
    #[serde(default)]
    pub city: String,
    pub slug: String,
    pub title: String,
    pub status: TopicStatus,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub time_zone: String,
    pub generated_at: Timestamp,
    pub draft_version: Option<i64>,
    pub participation: Participation,
    /// The General thread first, then the sections in draft order.
    pub sections: Vec<ReportSection>,
    pub polls: Vec<ReportPoll>,
    pub moderation: ModerationFigures,
    pub comments: Vec<ReportComment>,
    /// What we heard, what we changed: each revision, oldest first.
    #[serde(default)]
    pub revisions: Vec<ReportRevision>,
    /// Comments whose official response adopted them, fully or partly, by
    /// id, with where they landed when the response says.
    #[serde(default)]
    pub adopted: Vec<i64>,
    /// The head of the topic's public record when the report was made:
    /// what it was built from, for anyone to check (docs/record.md).
    #[serde(default)]
    pub record: Option<RecordHead>,
}

/// `POST /api/v1/topics/{slug}/versions` (and `…/versions/preview`): a
/// revised draft.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRevision {
    /// The whole new draft, Markdown.
    pub draft: String,
    /// Why it changed, Markdown.
    pub note: String,
    /// The previous version's title when left out.
    #[serde(default)]
    pub title: Option<String>,
    /// You said, we did: for a section of the new draft (by anchor), why
    /// it changed and the comments that led to the change.
    #[serde(default)]
    pub sections: BTreeMap<String, SectionNote>,
}

/// Why one section changed, and the comments that led to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SectionNote {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub comments: Vec<i64>,
}

/// One version of a topic's draft, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSummary {
    pub version: i64,
    pub title: String,
    pub published_at: Timestamp,
    pub published_on: String,
    /// Why it changed, Markdown and safe HTML; empty for the first.
    pub note: String,
    pub note_html: String,
    /// Who published it; none for the first version and the command line.
    pub published_by: Option<String>,
}

/// `GET /api/v1/topics/{slug}/versions`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionList {
    pub versions: Vec<VersionSummary>,
}

/// `GET /api/v1/topics/{slug}/versions/{n}/source`: a version's draft as
/// its author wrote it, Markdown — what a revision starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSource {
    pub version: i64,
    /// The number of the current version.
    pub latest: i64,
    pub title: String,
    pub markdown: String,
}

/// A comment as a revision's preview lists it beside a section, for its
/// author to link to the change: who wrote it and how it begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentBrief {
    pub id: i64,
    pub author: String,
    /// Its first words, plain text.
    pub excerpt: String,
    /// Where it would stand after the revision.
    pub now: NowStatus,
}

/// How a section of a version came from the version before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SectionChange {
    Unchanged,
    Edited,
    Renamed,
    Moved,
    Split,
    Merged,
    Added,
}

impl SectionChange {
    pub const ALL: [SectionChange; 7] = [
        SectionChange::Unchanged,
        SectionChange::Edited,
        SectionChange::Renamed,
        SectionChange::Moved,
        SectionChange::Split,
        SectionChange::Merged,
        SectionChange::Added,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SectionChange::Unchanged => "unchanged",
            SectionChange::Edited => "edited",
            SectionChange::Renamed => "renamed",
            SectionChange::Moved => "moved",
            SectionChange::Split => "split",
            SectionChange::Merged => "merged",
            SectionChange::Added => "added",
        }
    }
    pub fn parse(text: &str) -> Option<SectionChange> {
        SectionChange::ALL.into_iter().find(|c| c.as_str() == text)
    }
    /// The word for it: "Edited", "Modificada".
    pub fn msg(self) -> Msg {
        match self {
            SectionChange::Unchanged => Msg::ChangeUnchanged,
            SectionChange::Edited => Msg::ChangeEdited,
            SectionChange::Renamed => Msg::ChangeRenamed,
            SectionChange::Moved => Msg::ChangeMoved,
            SectionChange::Split => Msg::ChangeSplit,
            SectionChange::Merged => Msg::ChangeMerged,
            SectionChange::Added => Msg::ChangeAdded,
        }
    }
}

/// One run of a word-level diff: `equal`, `insert` or `delete`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiffPart {
    pub op: String,
    pub text: String,
}

/// A section of a version and what it was in the version before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangedSection {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub change: SectionChange,
    /// The anchors of the sections it came from, in the version before.
    pub previous: Vec<String>,
    /// Their headings, as they were.
    pub previous_headings: Vec<String>,
    /// Word by word, from their text (plain) to its.
    pub diff: Vec<DiffPart>,
    /// You said, we did: why it changed, Markdown and safe HTML.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_html: String,
    /// The comments that led to the change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<i64>,
    /// In a preview: the threads that would stand on it (not hidden, not
    /// withdrawn), oldest first, to link to the change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standing: Vec<CommentBrief>,
}

/// A section of the version before with no successor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemovedSection {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub markdown: String,
    pub html: String,
}

/// Comments by where they would stand (a preview) or stand now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NowCounts {
    pub current: i64,
    pub carried: i64,
    pub moved: i64,
    pub changed: i64,
    pub removed: i64,
}

/// `GET /api/v1/topics/{slug}/versions/{n}/changes`: what changed from
/// version n − 1 to version n. `POST …/versions/preview` answers the
/// same for a draft not yet published, with `comments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Changes {
    pub version: i64,
    pub previous_version: i64,
    pub title: String,
    pub published_at: Option<Timestamp>,
    pub published_on: String,
    /// Why it changed, Markdown and safe HTML.
    pub note: String,
    pub note_html: String,
    /// Every section of version n, in order.
    pub sections: Vec<ChangedSection>,
    /// The sections of version n − 1 with no successor.
    pub removed: Vec<RemovedSection>,
    /// In a preview: where the topic's comments would stand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<NowCounts>,
}

/// `GET /api/v1/topics/{slug}/comments`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentList {
    /// A page of threads, oldest first, each with its replies.
    pub comments: Vec<Comment>,
    /// Where the next page starts (its `after`), or none after the last.
    pub next: Option<String>,
}

/// `POST /api/v1/topics/{slug}/comments`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub section: String,
    pub body: String,
    /// The version of the draft its author read (the current one when
    /// left out): a comment sent as a revision is published still goes
    /// on the version it was written on, and is followed into the new one.
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub quote: Option<Quote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PollKind {
    Single,
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollOption {
    pub id: i64,
    pub label: String,
    /// Ballots choosing this option, when the results may be shown.
    pub votes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Of `ballots`, those cast by city staff (administrators and this
    /// topic's hosts), known from their role, never from their name.
    pub staff_ballots: Option<i64>,
    /// The language `question` and the options' labels are in.
    #[serde(default)]
    pub lang: Lang,
    /// A revision removed the section it is about: the version it was
    /// asked on (it is shown with the topic's polls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_version: Option<i64>,
}

/// `GET /api/v1/topics/{slug}/polls`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollList {
    pub results_rule: ResultsRule,
    pub polls: Vec<Poll>,
}

/// `PUT /api/v1/polls/{id}/ballot`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub options: Vec<i64>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_receipt_is_read_as_copied_or_as_shown() {
        let hash = "3fa9".repeat(16);
        let want = Some((1234, hash.clone()));
        assert_eq!(super::parse_receipt(&format!("1234:{hash}")), want);
        assert_eq!(
            super::parse_receipt(&format!("Receipt 1234 · {}", hash.to_uppercase())),
            want
        );
        assert_eq!(super::parse_receipt(&format!(" 1234 {hash} ")), want);
        assert_eq!(super::parse_receipt("1234:3fa9"), None);
        assert_eq!(super::parse_receipt(&format!("0:{hash}")), None);
        assert_eq!(super::parse_receipt(&hash), None);
    }

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

/// Where one's act stands in a topic's public record: its entry's
/// position and hash (`GET /api/v1/topics/{slug}/record` lists it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    pub position: i64,
    /// SHA-256, in hex.
    pub hash: String,
}

/// One entry of a topic's public record (see docs/record.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordEntry {
    /// 1, 2, … with no gaps.
    pub position: i64,
    /// Seconds since 1970-01-01 UTC, by the server's clock, as hashed.
    pub at: i64,
    /// comment, edit, withdraw, hide, restore, response, update, version,
    /// window, date_added, date_removed, erased.
    pub kind: String,
    /// What it is about: "comment/12", "update/3", "version/2", "date/5".
    pub item: Option<String>,
    /// What it says, exactly as hashed (canonical JSON), where that is
    /// public now: not a hidden or withdrawn comment's text, nor one
    /// edited since (but to its author), nor an erased one.
    pub content: Option<String>,
    /// SHA-256 of `content`.
    pub content_hash: String,
    /// The entry before it's `hash` (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 of this entry's canonical encoding.
    pub hash: String,
}

/// The last entry of a topic's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordHead {
    pub position: i64,
    pub hash: String,
}

/// `GET /readyz`: whether this instance can serve, and what is not ready
/// (each check is "ok" or a sentence for the operator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub ready: bool,
    pub database: String,
    pub migrations: String,
    pub writer: String,
    pub mail: String,
}

/// A head of a topic's record as Pulse published it — each day the topic
/// is open and at its close — to the audit log and the topic's Atom feed,
/// for others to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedHead {
    pub position: i64,
    pub hash: String,
    /// Seconds since 1970-01-01 UTC.
    pub at: i64,
    /// `daily`, or `close` (at the topic's close).
    pub reason: String,
}

/// `GET /api/v1/topics/{slug}/record`: a page of a topic's public record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordPage {
    pub topic: String,
    /// The topic's title, as written.
    #[serde(default)]
    pub title: String,
    /// The topic's time zone (IANA), in which its times are shown.
    #[serde(default)]
    pub time_zone: String,
    /// None before its first entry.
    pub head: Option<RecordHead>,
    pub entries: Vec<RecordEntry>,
    /// The next page's `after`, when there are later entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<i64>,
    /// The page before's `before`, when there are earlier entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<i64>,
    /// The heads published, newest first (at most 60).
    #[serde(default)]
    pub published: Vec<PublishedHead>,
}

/// A receipt as a resident pastes it — `1234:3fa9…`, or the line under
/// their comment, "Receipt 1234 · 3fa9…" — read as its position and its
/// hash in lower case; `None` without both.
pub fn parse_receipt(text: &str) -> Option<(i64, String)> {
    // The hash: the first run of exactly 64 hex digits; the position: the
    // first number before it.
    let mut start = 0;
    let (before, hash) = loop {
        let rest = &text[start..];
        let from = rest.find(|c: char| c.is_ascii_hexdigit())?;
        let run = rest[from..]
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len() - from);
        if run == 64 {
            break (&text[..start + from], &rest[from..from + run]);
        }
        start += from + run;
    };
    let digits: String = before
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let position = digits.parse::<i64>().ok().filter(|n| *n > 0)?;
    let hash = hash.to_ascii_lowercase();
    Some((position, hash))
}
