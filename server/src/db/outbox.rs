//! The outbox of messages to send. Notices are written here in the
//! transaction of the event that causes them; the delivery worker
//! (`mail/worker.rs`) leases, sends and marks them.

use super::Backend;
use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::i18n::Lang;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};

/// What a message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "Confirm your subscription" (to an address alone).
    ConfirmSubscription,
    /// "Confirm your email address" (after registering).
    VerifyEmail,
    /// "Reset your password".
    ResetPassword,
    /// The host posted an update (to subscribers).
    Update,
    /// 48 hours until the close (to subscribers).
    Deadline,
    /// The topic closed (to subscribers).
    Closed,
    /// Someone replied to your comment.
    Reply,
    /// The host answered your comment officially.
    Response,
    /// The host hid your comment.
    Hidden,
    /// A new comment in the section one follows.
    Comment,
    /// The account's address was changed (to the address it had).
    EmailChanged,
    /// A revised draft was published (to subscribers; subject: the version).
    Revision,
    /// A revised draft changed or removed the section one follows (to its
    /// followers, instead of [`Kind::Revision`]; subject: the old section).
    RevisionSection,
    /// Your comments led to a change in a revised draft (to their authors;
    /// subject: the version).
    LedToChange,
    /// You were named a host of a topic: choose your account's password.
    HostInvite,
    /// Comments were flagged on topics you host (to each host, at most once
    /// per window; what it lists is in `flag_alert_items`).
    FlagAlert,
    /// Someone tried to create an account with your address (at most once
    /// a day).
    AccountExists,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ConfirmSubscription => "confirm_subscription",
            Kind::VerifyEmail => "verify_email",
            Kind::ResetPassword => "reset_password",
            Kind::Update => "update",
            Kind::Deadline => "deadline",
            Kind::Closed => "closed",
            Kind::Reply => "reply",
            Kind::Response => "response",
            Kind::Hidden => "hidden",
            Kind::Comment => "comment",
            Kind::EmailChanged => "email_changed",
            Kind::Revision => "revision",
            Kind::RevisionSection => "revision_section",
            Kind::LedToChange => "led_to_change",
            Kind::HostInvite => "host_invite",
            Kind::FlagAlert => "flag_alert",
            Kind::AccountExists => "account_exists",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        [
            Kind::ConfirmSubscription,
            Kind::VerifyEmail,
            Kind::ResetPassword,
            Kind::Update,
            Kind::Deadline,
            Kind::Closed,
            Kind::Reply,
            Kind::Response,
            Kind::Hidden,
            Kind::Comment,
            Kind::EmailChanged,
            Kind::Revision,
            Kind::RevisionSection,
            Kind::LedToChange,
            Kind::HostInvite,
            Kind::FlagAlert,
            Kind::AccountExists,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One message for one person.
pub struct Notice<'a> {
    pub kind: Kind,
    pub recipient: &'a str,
    /// The language to write it in, should no account or subscription
    /// speak for the recipient when it is sent.
    pub lang: Lang,
    pub subscription_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub token: Option<&'a str>,
}

/// Puts one message in the outbox, due now.
pub async fn enqueue(
    conn: &mut AnyConnection,
    notice: Notice<'_>,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO outbox \
         (kind, recipient, subscription_id, topic_id, subject_id, token, created_at, due_at, lang) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)",
    )
    .bind(notice.kind.as_str())
    .bind(notice.recipient)
    .bind(notice.subscription_id)
    .bind(notice.topic_id)
    .bind(notice.subject_id)
    .bind(notice.token)
    .bind(now.0)
    .bind(notice.lang.code())
    .execute(conn)
    .await
    .context("writing a notice to the outbox")?;
    Ok(())
}

/// How many messages of `kind` were written to `recipient` since `since`.
pub async fn written_since(
    conn: &mut AnyConnection,
    kind: Kind,
    recipient: &str,
    since: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE kind = $1 AND recipient = $2 AND created_at >= $3",
    )
    .bind(kind.as_str())
    .bind(recipient)
    .bind(since.0)
    .fetch_one(conn)
    .await
    .context("counting the messages written")
}

/// A notice of kind `$1` about `$2` to each active subscriber of topic
/// `$5`, in one statement: due at `$3` for instant subscribers, at `$4` for
/// daily ones. Callers add conditions with `AND`.
macro_rules! to_subscribers {
    () => {
        "INSERT INTO outbox \
         (kind, recipient, subscription_id, topic_id, subject_id, digest, created_at, due_at, \
          lang) \
         SELECT $1, s.email, s.id, s.topic_id, $2, \
                CASE WHEN s.cadence = 'daily' THEN 1 ELSE 0 END, $3, \
                CASE WHEN s.cadence = 'daily' THEN $4 ELSE $3 END, \
                COALESCE((SELECT a.lang FROM accounts a WHERE a.id = s.account_id), s.lang) \
         FROM subscriptions s \
         WHERE s.topic_id = $5 AND s.ended_at IS NULL AND s.confirmed_at IS NOT NULL"
    };
}

/// One notice per active subscriber of a topic, in one statement: due now
/// for instant subscribers, at `digest_at` for daily ones. Returns how many.
pub async fn enqueue_for_subscribers(
    conn: &mut AnyConnection,
    topic_id: i64,
    kind: Kind,
    subject_id: Option<i64>,
    now: Timestamp,
    digest_at: Timestamp,
) -> anyhow::Result<u64> {
    let done = sqlx::query(to_subscribers!())
        .bind(kind.as_str())
        .bind(subject_id)
        .bind(now.0)
        .bind(digest_at.0)
        .bind(topic_id)
        .execute(conn)
        .await
        .context("writing subscribers' notices to the outbox")?;
    Ok(done.rows_affected())
}

/// A new comment in a section, for those who follow the section.
pub struct SectionComment {
    pub topic_id: i64,
    pub anchor: String,
    pub comment_id: i64,
    pub author_id: i64,
    /// The author of the comment it answers, who hears of it as a reply.
    pub also_told: Option<i64>,
    pub at: Timestamp,
    /// When a daily subscriber hears of it.
    pub digest_at: Timestamp,
}

/// Comments written by one statement at most (seven values each).
const COMMENTS_AT_ONCE: usize = 64;

/// For each of `comments`, a notice to each active subscriber who follows
/// its section: not to its author, nor to the author it answers; due at
/// once for instant subscribers, at its `digest_at` for daily ones. Many
/// comments to a statement, their notices in the comments' order. Returns
/// how many.
pub async fn enqueue_for_sections(
    conn: &mut AnyConnection,
    comments: &[SectionComment],
) -> anyhow::Result<u64> {
    let mut told = 0;
    for chunk in comments.chunks(COMMENTS_AT_ONCE) {
        // c: (comment, topic, anchor, author, also told, at, digest at).
        let sql = format!(
            "INSERT INTO outbox \
             (kind, recipient, subscription_id, topic_id, subject_id, digest, created_at, due_at, \
              lang) \
             SELECT $1, s.email, s.id, s.topic_id, c.column1, \
                    CASE WHEN s.cadence = 'daily' THEN 1 ELSE 0 END, c.column6, \
                    CASE WHEN s.cadence = 'daily' THEN c.column7 ELSE c.column6 END, \
                    COALESCE((SELECT a.lang FROM accounts a WHERE a.id = s.account_id), s.lang) \
             FROM (VALUES {}) AS c \
             JOIN subscriptions s ON s.topic_id = c.column2 \
             WHERE s.ended_at IS NULL AND s.confirmed_at IS NOT NULL \
               AND (s.section_anchor = c.column3 OR s.section_anchor IN \
                 (SELECT sa.alias FROM section_aliases sa \
                  WHERE sa.anchor = c.column3 AND sa.version_id = (SELECT MAX(dv.id) \
                    FROM draft_versions dv WHERE dv.topic_id = c.column2))) \
               AND (s.account_id IS NULL OR \
                    (s.account_id <> c.column4 AND s.account_id <> c.column5)) \
               AND s.email NOT IN \
                 (SELECT a.email FROM accounts a WHERE a.id IN (c.column4, c.column5)) \
             ORDER BY c.column1, s.id",
            super::values_list(
                chunk.len(),
                &[
                    "BIGINT", "BIGINT", "TEXT", "BIGINT", "BIGINT", "BIGINT", "BIGINT"
                ],
                2
            )
        );
        // Only placeholders are made up here; every value is bound.
        let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(Kind::Comment.as_str());
        for comment in chunk {
            insert = insert
                .bind(comment.comment_id)
                .bind(comment.topic_id)
                .bind(comment.anchor.as_str())
                .bind(comment.author_id)
                .bind(comment.also_told.unwrap_or(comment.author_id))
                .bind(comment.at.0)
                .bind(comment.digest_at.0);
        }
        told += insert
            .execute(&mut *conn)
            .await
            .context("writing sections' followers' notices to the outbox")?
            .rows_affected();
    }
    Ok(told)
}

/// Turns a subscriber's notice of revision `version_id` into one about the
/// section they follow (`section_id`, in the version before), which the
/// revision changed or removed: one letter says both.
pub async fn about_section(
    conn: &mut AnyConnection,
    subscription_id: i64,
    version_id: i64,
    section_id: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET kind = $1, subject_id = $2 \
         WHERE subscription_id = $3 AND kind = $4 AND subject_id = $5 AND sent_at IS NULL",
    )
    .bind(Kind::RevisionSection.as_str())
    .bind(section_id)
    .bind(subscription_id)
    .bind(Kind::Revision.as_str())
    .bind(version_id)
    .execute(conn)
    .await
    .context("telling a section's follower of its change")?;
    Ok(())
}

/// One letter to each author whose comments led to a change in revision
/// `version_id` (not to the one who published it).
pub async fn enqueue_for_led_to(
    conn: &mut AnyConnection,
    topic_id: i64,
    version_id: i64,
    publisher: Option<i64>,
    now: Timestamp,
) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "INSERT INTO outbox (kind, recipient, topic_id, subject_id, created_at, due_at, lang) \
         SELECT $1, a.email, $2, $3, $4, $4, a.lang FROM accounts a \
         WHERE a.deleted_at IS NULL AND a.id <> $5 AND a.id IN \
           (SELECT c.account_id FROM comment_changes cc JOIN comments c ON c.id = cc.comment_id \
            WHERE cc.version_id = $3)",
    )
    .bind(Kind::LedToChange.as_str())
    .bind(topic_id)
    .bind(version_id)
    .bind(now.0)
    .bind(publisher.unwrap_or(0))
    .execute(conn)
    .await
    .context("writing notices to the authors a revision followed")?;
    Ok(done.rows_affected())
}

/// A claimed message, with what it needs to be written.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subscription_id: Option<i64>,
    pub topic_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub token: Option<String>,
    pub digest: bool,
    pub created_at: Timestamp,
    pub attempts: i64,
    /// Whether the notice's subscription was still live when the notice
    /// was leased.
    pub live: bool,
    /// The reader's language as the message is leased: the account's, else
    /// the subscription's, else the one it was queued in.
    pub lang: Lang,
}

impl FromRow<'_, AnyRow> for OutboxRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(OutboxRow {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            recipient: row.try_get("recipient")?,
            subscription_id: row.try_get("subscription_id")?,
            topic_id: row.try_get("topic_id")?,
            subject_id: row.try_get("subject_id")?,
            token: row.try_get("token")?,
            digest: row.try_get::<i64, _>("digest")? != 0,
            created_at: Timestamp(row.try_get("created_at")?),
            attempts: row.try_get("attempts")?,
            live: row.try_get::<i64, _>("live")? != 0,
            lang: super::accounts::lang_of(&row.try_get::<String, _>("reader_lang")?),
        })
    }
}

/// A message about a topic to an account whose address is not confirmed:
/// held until it is, so that an address someone else registered gets no
/// notices it never asked for (and dropped if it never is, by
/// [`drop_never_confirmed`]). Mail about the account itself is never held,
/// nor a host's flag alerts (an admin gave the address, naming the host).
macro_rules! held {
    () => {
        "(outbox.kind NOT IN ('confirm_subscription', 'verify_email', 'reset_password', \
          'email_changed', 'host_invite', 'flag_alert', 'account_exists') \
          AND EXISTS (SELECT 1 FROM accounts a WHERE a.email_verified = 0 AND ( \
              a.id = (SELECT s.account_id FROM subscriptions s \
                      WHERE s.id = outbox.subscription_id) \
              OR (outbox.subscription_id IS NULL AND a.email = outbox.recipient))))"
    };
}

/// Whether a leased message's subscription is live, and its reader's
/// language.
macro_rules! reader {
    () => {
        "(SELECT COUNT(*) FROM subscriptions s \
          WHERE s.id = outbox.subscription_id AND s.ended_at IS NULL) AS live, \
         COALESCE( \
             (SELECT a.lang FROM subscriptions s JOIN accounts a ON a.id = s.account_id \
              WHERE s.id = outbox.subscription_id), \
             (SELECT s.lang FROM subscriptions s WHERE s.id = outbox.subscription_id), \
             (SELECT a.lang FROM accounts a \
              WHERE outbox.subscription_id IS NULL AND a.email = outbox.recipient), \
             outbox.lang) AS reader_lang"
    };
}

const CLAIM_SQLITE: &str = concat!(
    "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM outbox \
         WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $2 \
         AND (lease_until IS NULL OR lease_until <= $2) AND digest = $4 \
         AND ($5 = '' OR recipient = $5) AND NOT ",
    held!(),
    " \
         ORDER BY due_at, id LIMIT $3) \
     RETURNING id, kind, recipient, subscription_id, topic_id, subject_id, token, digest, \
         created_at, attempts, ",
    reader!(),
    ""
);

// Several instances on one database: each skips the rows another is taking,
// and a row's conditions are checked again once it is locked. The rows to lease are chosen once, in a materialized CTE: written as
// `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`, PostgreSQL may run
// the subquery again per row it updates, leasing far more than `n` (the
// benchmark saw 20,000 rows in one lease of 512, taking 30 s).
const CLAIM_POSTGRES: &str = concat!(
    "WITH chosen AS MATERIALIZED (SELECT id FROM outbox \
         WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $2 \
         AND (lease_until IS NULL OR lease_until <= $2) AND digest = $4 \
         AND ($5 = '' OR recipient = $5) AND NOT ",
    held!(),
    " \
         ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     UPDATE outbox SET lease_until = $1, attempts = attempts + 1 \
     FROM chosen WHERE outbox.id = chosen.id \
     RETURNING outbox.id, kind, recipient, subscription_id, topic_id, subject_id, token, digest, \
         created_at, attempts, ",
    reader!(),
    ""
);

/// Gives up on the messages held a week for an address never confirmed.
/// Returns how many.
pub async fn drop_never_confirmed(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<u64> {
    let done = sqlx::query(concat!(
        "UPDATE outbox SET failed_at = $1, lease_until = NULL, \
             last_error = 'the address was never confirmed' \
         WHERE sent_at IS NULL AND failed_at IS NULL AND created_at <= $2 AND ",
        held!()
    ))
    .bind(now.0)
    .bind(now.0 - 7 * 24 * 3600)
    .execute(conn)
    .await
    .context("dropping notices to addresses never confirmed")?;
    Ok(done.rows_affected())
}

/// Which due messages to lease.
#[derive(Debug, Clone, Copy)]
pub enum Claim<'a> {
    /// Messages sent one by one.
    Instant,
    /// Digest entries: of anyone, or of one recipient.
    Digest(Option<&'a str>),
}

/// Whether any message may be due to lease now (some found due may yet be
/// held back: the lease says which).
pub async fn any_due(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $1 \
         AND (lease_until IS NULL OR lease_until <= $1) LIMIT 1",
    )
    .bind(now.0)
    .fetch_optional(conn)
    .await
    .context("looking for due messages")?;
    Ok(found.is_some())
}

/// Leases up to `limit` due messages until `lease_until`; no other worker
/// takes them meanwhile. Run it in a write transaction and commit.
pub async fn claim(
    conn: &mut AnyConnection,
    backend: Backend,
    which: Claim<'_>,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> anyhow::Result<Vec<OutboxRow>> {
    let sql = match backend {
        Backend::Sqlite => CLAIM_SQLITE,
        Backend::Postgres => CLAIM_POSTGRES,
    };
    let (digest, recipient) = match which {
        Claim::Instant => (0_i64, ""),
        Claim::Digest(who) => (1, who.unwrap_or("")),
    };
    let mut rows: Vec<OutboxRow> = sqlx::query_as(sql)
        .bind(lease_until.0)
        .bind(now.0)
        .bind(limit)
        .bind(digest)
        .bind(recipient)
        .fetch_all(conn)
        .await
        .context("leasing due messages")?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Sent: never sent again, and the link's secret is no longer kept. One
/// statement for a round's messages.
pub async fn mark_sent(
    conn: &mut AnyConnection,
    ids: &[i64],
    now: Timestamp,
) -> anyhow::Result<()> {
    for chunk in ids.chunks(500) {
        // The ids are integers from our own rows: nothing here comes from
        // anyone's input.
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE outbox SET sent_at = $1, token = NULL, lease_until = NULL WHERE id IN ({list})"
        )))
        .bind(now.0)
        .execute(&mut *conn)
        .await
        .context("marking messages sent")?;
    }
    Ok(())
}

/// Not sent this time: tried again at `retry_at`.
pub async fn mark_retry(
    conn: &mut AnyConnection,
    id: i64,
    retry_at: Timestamp,
    error: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE outbox SET due_at = $1, lease_until = NULL, last_error = $2 WHERE id = $3")
        .bind(retry_at.0)
        .bind(error)
        .bind(id)
        .execute(conn)
        .await
        .context("scheduling a message again")?;
    Ok(())
}

/// Given up on, with the reason kept; `sent` false.
pub async fn mark_failed(
    conn: &mut AnyConnection,
    id: i64,
    now: Timestamp,
    error: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET failed_at = $1, lease_until = NULL, token = NULL, last_error = $2 \
         WHERE id = $3",
    )
    .bind(now.0)
    .bind(error)
    .bind(id)
    .execute(conn)
    .await
    .context("giving up on a message")?;
    Ok(())
}

/// Topics whose 48-hour or closing notices are due and not yet written;
/// claimed by setting the mark (the instance whose update changes the row
/// writes them). Returns the topic ids claimed.
pub async fn claim_deadline_notices(
    conn: &mut AnyConnection,
    topic_id: i64,
    now: Timestamp,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE topics SET deadline_noticed_at = $1 WHERE id = $2 AND deadline_noticed_at IS NULL",
    )
    .bind(now.0)
    .bind(topic_id)
    .execute(conn)
    .await
    .context("marking a topic's deadline notices")?;
    Ok(done.rows_affected() == 1)
}

pub async fn claim_close_notices(
    conn: &mut AnyConnection,
    topic_id: i64,
    now: Timestamp,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE topics SET close_noticed_at = $1 WHERE id = $2 AND close_noticed_at IS NULL",
    )
    .bind(now.0)
    .bind(topic_id)
    .execute(conn)
    .await
    .context("marking a topic's closing notices")?;
    Ok(done.rows_affected() == 1)
}

/// Topics that have reached `48 h before the close` or the close without
/// their notices: (id, closed).
pub async fn topics_needing_notices(
    conn: &mut AnyConnection,
    now: Timestamp,
) -> anyhow::Result<Vec<(i64, bool)>> {
    let rows = sqlx::query_as::<_, (i64, i64)>(
        "SELECT id, CASE WHEN closes_at <= $1 THEN 1 ELSE 0 END FROM topics \
         WHERE (closes_at <= $1 AND close_noticed_at IS NULL) \
            OR (closes_at - 172800 <= $1 AND closes_at > $1 AND deadline_noticed_at IS NULL \
                AND opens_at <= $1)",
    )
    .bind(now.0)
    .fetch_all(conn)
    .await
    .context("finding topics with notices due")?;
    Ok(rows
        .into_iter()
        .map(|(id, closed)| (id, closed != 0))
        .collect())
}

/// A notice about one's own comment (a reply, an official response, it
/// being hidden) to its author, when the author is not the one who acted;
/// held while the author's address is not confirmed (see `held!`).
pub async fn enqueue_for_author(
    conn: &mut AnyConnection,
    kind: Kind,
    topic_id: i64,
    subject_id: i64,
    author_id: i64,
    actor_id: Option<i64>,
    now: Timestamp,
) -> anyhow::Result<()> {
    if actor_id == Some(author_id) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO outbox (kind, recipient, topic_id, subject_id, created_at, due_at, lang) \
         SELECT $1, email, $2, $3, $4, $4, lang FROM accounts WHERE id = $5 AND deleted_at IS NULL",
    )
    .bind(kind.as_str())
    .bind(topic_id)
    .bind(subject_id)
    .bind(now.0)
    .bind(author_id)
    .execute(conn)
    .await
    .context("writing a notice to a comment's author")?;
    Ok(())
}

/// What the outbox holds not yet sent nor given up on, for `/metrics`.
#[derive(Debug)]
pub struct Depth {
    /// Due now (or past due).
    pub due: i64,
    /// Held for later: a digest for its hour, a retry for its time.
    pub waiting: i64,
    /// When the oldest due message was written.
    pub oldest_due: Option<i64>,
}

impl FromRow<'_, AnyRow> for Depth {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Depth {
            due: row.try_get("due")?,
            waiting: row.try_get("waiting")?,
            oldest_due: row.try_get("oldest_due")?,
        })
    }
}

pub async fn depth(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<Depth> {
    sqlx::query_as(
        "SELECT \
           COALESCE(SUM(CASE WHEN due_at <= $1 THEN 1 ELSE 0 END), 0) AS due, \
           COALESCE(SUM(CASE WHEN due_at > $1 THEN 1 ELSE 0 END), 0) AS waiting, \
           MIN(CASE WHEN due_at <= $1 THEN created_at END) AS oldest_due \
         FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .bind(now.0)
    .fetch_one(conn)
    .await
    .context("measuring the outbox")
}
