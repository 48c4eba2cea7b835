//! Services: each use case once, as one function. A route parses the
//! request and calls one of these; the function finds what the request is
//! about, builds the [`Actor`], asks [`crate::policy`], writes through
//! [`crate::db`], appends the audit row and queues the notices, all on one
//! transaction — or, for the writes that are committed in groups (a
//! comment, see [`crate::writer`]), inside the batch's savepoint.
//!
//! What a body says is read only after the policy has answered
//! ([`Unread`]): a stranger's request is refused for who sent it before
//! anything it says is judged.

pub mod accounts;
pub mod comments;
pub mod dates;
pub mod health;
pub mod moderation;
pub mod polls;
pub mod public_record;
pub mod report;
pub mod revisions;
pub mod subscriptions;
pub mod topic_setup;
pub mod topics;

use crate::db::audit;
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::policy::Actor;
use crate::{db, state::AppState};
use pulse_api::Timestamp;
use pulse_api::i18n::Msg;
use pulse_api::wire::Account;
use sqlx::AnyConnection;

pub use crate::body::Unread;

/// Who asks, as far as the request tells before anything is read: an
/// account a page's visit already read (or nobody), or the session the
/// request came with (its token's hash), for the service to read where it
/// reads the rest (a comment's, in its writer's batch).
#[derive(Debug, Clone)]
pub enum Who {
    Known(Option<Account>),
    Session(String),
}

impl Who {
    /// The account, read now if it was not.
    pub async fn account(
        self,
        conn: &mut AnyConnection,
        state: &AppState,
    ) -> Result<Option<Account>> {
        match self {
            Who::Known(account) => Ok(account),
            Who::Session(token_hash) => Ok(db::accounts::find_by_session(
                conn,
                &token_hash,
                crate::clock::now().0,
                state.config.sessions.idle_seconds,
            )
            .await?),
        }
    }
}

/// A public topic by slug, or the problem saying there is none: one not
/// published yet is none to whoever asks.
pub async fn find_topic(conn: &mut AnyConnection, slug: &str) -> Result<TopicRow> {
    let topic = find_any_topic(conn, slug).await?;
    if !topic.published {
        return Err(no_such_topic(slug));
    }
    Ok(topic)
}

/// A topic by slug, published or not: for admins' use cases, which ask
/// the policy themselves.
pub async fn find_any_topic(conn: &mut AnyConnection, slug: &str) -> Result<TopicRow> {
    may_be_slug(slug)?;
    db::topics::find(conn, slug)
        .await?
        .ok_or_else(|| no_such_topic(slug))
}

/// No slug holds a control character (PostgreSQL refuses a NUL in any
/// text) or runs this long: none such is asked of the database.
fn may_be_slug(slug: &str) -> Result<()> {
    if slug.len() > 200 || slug.chars().any(char::is_control) {
        return Err(no_such_topic(slug));
    }
    Ok(())
}

fn no_such_topic(slug: &str) -> ApiError {
    let shown: String = slug.chars().take(60).collect();
    ApiError::not_found(Msg::NoSuchTopic.with([("slug", shown)]))
}

/// What a use case on one topic starts from: the topic, and how the one
/// asking stands towards it. A topic not published yet is there only for
/// its hosts and admins (a preview); to everyone else it does not exist.
pub async fn on_topic(
    conn: &mut AnyConnection,
    user: Option<Account>,
    slug: &str,
) -> Result<(TopicRow, Actor)> {
    may_be_slug(slug)?;
    let (topic, is_host) = db::topics::find_for(conn, slug, user.as_ref().map(|a| a.id))
        .await?
        .ok_or_else(|| no_such_topic(slug))?;
    let actor = Actor::hosting(user, is_host);
    if !crate::policy::may_see_topic(&actor, &topic) {
        return Err(no_such_topic(slug));
    }
    Ok((topic, actor))
}

/// One act for the audit log: what was done, to which topic and comment,
/// with what subject and reason.
pub struct Act<'a> {
    action: &'static str,
    topic_id: Option<i64>,
    comment_id: Option<i64>,
    subject: Option<&'a str>,
    reason: Option<&'a str>,
}

impl<'a> Act<'a> {
    pub fn new(action: &'static str) -> Self {
        // Each action has words for people (the host's page reads them);
        // every audited use case runs under the tests in debug builds.
        debug_assert!(
            pulse_api::wire::audit_action_name(action).is_some(),
            "the audit action {action:?} has no name in the catalogues"
        );
        Act {
            action,
            topic_id: None,
            comment_id: None,
            subject: None,
            reason: None,
        }
    }
    pub fn on_topic(action: &'static str, topic_id: i64) -> Self {
        Act {
            topic_id: Some(topic_id),
            ..Act::new(action)
        }
    }
    pub fn on_comment(action: &'static str, topic_id: i64, comment_id: i64) -> Self {
        Act {
            comment_id: Some(comment_id),
            ..Act::on_topic(action, topic_id)
        }
    }
    pub fn subject(self, subject: &'a str) -> Self {
        Act {
            subject: Some(subject),
            ..self
        }
    }
    pub fn reason(self, reason: Option<&'a str>) -> Self {
        Act { reason, ..self }
    }
}

/// The one acting as the audit log names them: their account, or the
/// operator at the command line when there is none.
fn audit_actor(actor: &Actor) -> audit::Actor<'_> {
    match &actor.account {
        Some(a) => audit::Actor::Account {
            id: a.id,
            name: &a.display_name,
            email: &a.email,
        },
        None => audit::Actor::CommandLine,
    }
}

/// Appends `act` to the audit log, on the act's own transaction.
pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    act: Act<'_>,
    at: Timestamp,
) -> anyhow::Result<()> {
    audit::append(
        conn,
        audit::Entry {
            actor: audit_actor(actor),
            action: act.action,
            topic_id: act.topic_id,
            comment_id: act.comment_id,
            subject: act.subject,
            reason: act.reason,
            at,
        },
    )
    .await
}

/// A mailed link that is used, expired or never was.
pub fn expired_link() -> ApiError {
    ApiError::Client(axum::http::StatusCode::GONE, Msg::LinkExpired.into())
}

/// A confirmation link as it comes back: for the first time, or again,
/// once its work is done (a second click, a mail program that opened it
/// first).
pub enum Link {
    First(crate::db::tokens::UsedToken),
    Again(crate::db::tokens::UsedToken),
}

/// Uses a mailed link for `purpose`, or finds it used already (the caller
/// says whether what it did still holds); `410 Gone` when it expired or
/// never was.
pub async fn use_link_or_again(
    tx: &mut AnyConnection,
    token: &str,
    purpose: crate::db::tokens::Purpose,
    now: Timestamp,
) -> Result<Link> {
    let hash = crate::session::hash_token(token.trim());
    if let Some(used) = db::tokens::use_token(tx, &hash, purpose, now).await? {
        return Ok(Link::First(used));
    }
    db::tokens::used_token(tx, &hash, purpose)
        .await?
        .map(Link::Again)
        .ok_or_else(expired_link)
}

/// Uses a mailed link for `purpose` once, by its token as the person
/// brought it back; `410 Gone` when it is used, expired or never was.
pub async fn use_link(
    tx: &mut AnyConnection,
    token: &str,
    purpose: crate::db::tokens::Purpose,
    now: Timestamp,
) -> Result<crate::db::tokens::UsedToken> {
    let hash = crate::session::hash_token(token.trim());
    db::tokens::use_token(tx, &hash, purpose, now)
        .await?
        .ok_or_else(expired_link)
}

/// Tells the mail worker that notices are waiting (after the commit that
/// wrote them).
pub fn wake_mail(state: &AppState) {
    state.mail_wake.notify_one();
}
