//! Subscriptions, the single-use links mailed to people, and the outbox of
//! messages to send. Notices are written here in the transaction of the
//! event that causes them; the delivery worker (`mail/worker.rs`) leases,
//! sends and marks them.

use super::Backend;
use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::wire::Cadence;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};

/// How long an address-only subscription waits for its confirmation.
pub const CONFIRM_WITHIN: i64 = 7 * 24 * 3600;

fn cadence_str(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::Instant => "instant",
        Cadence::Daily => "daily",
    }
}

fn cadence_of(text: &str) -> Cadence {
    if text == "daily" {
        Cadence::Daily
    } else {
        Cadence::Instant
    }
}

#[derive(Debug, Clone)]
pub struct SubscriptionRow {
    pub id: i64,
    pub topic_id: i64,
    pub topic_slug: String,
    pub topic_title: String,
    pub account_id: Option<i64>,
    pub email: String,
    pub cadence: Cadence,
    /// The section whose new comments come too (its anchor), if any.
    pub section: Option<String>,
    pub created_at: Timestamp,
    pub confirmed_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
}

impl FromRow<'_, AnyRow> for SubscriptionRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(SubscriptionRow {
            id: row.try_get("id")?,
            topic_id: row.try_get("topic_id")?,
            topic_slug: row.try_get("slug")?,
            topic_title: row.try_get("title")?,
            account_id: row.try_get("account_id")?,
            email: row.try_get("email")?,
            cadence: cadence_of(&row.try_get::<String, _>("cadence")?),
            section: row.try_get("section_anchor")?,
            created_at: Timestamp(row.try_get("created_at")?),
            confirmed_at: row
                .try_get::<Option<i64>, _>("confirmed_at")?
                .map(Timestamp),
            ended_at: row.try_get::<Option<i64>, _>("ended_at")?.map(Timestamp),
        })
    }
}

macro_rules! select_subscription {
    () => {
        "SELECT s.id, s.topic_id, t.slug, t.title, s.account_id, s.email, s.cadence, \
         s.section_anchor, s.created_at, s.confirmed_at, s.ended_at \
         FROM subscriptions s JOIN topics t ON t.id = s.topic_id"
    };
}

/// The live subscription of `email` to a topic, if any.
pub async fn live_subscription(
    conn: &mut AnyConnection,
    topic_id: i64,
    email: &str,
) -> anyhow::Result<Option<SubscriptionRow>> {
    sqlx::query_as(concat!(
        select_subscription!(),
        " WHERE s.topic_id = $1 AND s.email = $2 AND s.ended_at IS NULL"
    ))
    .bind(topic_id)
    .bind(email)
    .fetch_optional(conn)
    .await
    .context("reading a subscription")
}

pub async fn subscription(
    conn: &mut AnyConnection,
    id: i64,
) -> anyhow::Result<Option<SubscriptionRow>> {
    sqlx::query_as(concat!(select_subscription!(), " WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
        .context("reading a subscription")
}

/// A new subscription; `confirmed` for an account's own address. Run it in
/// a write transaction after [`live_subscription`] found none.
pub struct NewSubscription<'a> {
    pub topic_id: i64,
    pub account_id: Option<i64>,
    pub email: &'a str,
    pub cadence: Cadence,
    /// Also each new comment in this section (an anchor already checked).
    pub section: Option<&'a str>,
    pub unsubscribe_token: &'a str,
    pub confirmed: bool,
}

pub async fn insert_subscription(
    conn: &mut AnyConnection,
    new: NewSubscription<'_>,
    now: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO subscriptions \
         (topic_id, account_id, email, cadence, section_anchor, unsubscribe_token, created_at, \
          confirmed_at) \
         VALUES ($1, $2, $3, $4, $8, $5, $6, $7) RETURNING id",
    )
    .bind(new.topic_id)
    .bind(new.account_id)
    .bind(new.email)
    .bind(cadence_str(new.cadence))
    .bind(new.unsubscribe_token)
    .bind(now.0)
    .bind(new.confirmed.then_some(now.0))
    .bind(new.section)
    .fetch_one(conn)
    .await
    .context("inserting a subscription")
}

/// What an account changes in a subscription of its own address; `None`
/// leaves a field as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct SubscriptionChange<'a> {
    pub cadence: Option<Cadence>,
    /// `Some(None)`: the topic's notices only.
    pub section: Option<Option<&'a str>>,
}

/// An account takes over a live subscription of its own address (made by
/// address alone, perhaps unconfirmed): it is confirmed and theirs now,
/// with `change` applied.
pub async fn adopt_subscription(
    conn: &mut AnyConnection,
    id: i64,
    account_id: i64,
    change: SubscriptionChange<'_>,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE subscriptions SET account_id = $1, cadence = COALESCE($2, cadence), \
         section_anchor = CASE WHEN $3 = 1 THEN $4 ELSE section_anchor END, \
         confirmed_at = COALESCE(confirmed_at, $5) WHERE id = $6",
    )
    .bind(account_id)
    .bind(change.cadence.map(cadence_str))
    .bind(i64::from(change.section.is_some()))
    .bind(change.section.flatten())
    .bind(now.0)
    .bind(id)
    .execute(conn)
    .await
    .context("adopting a subscription")?;
    Ok(())
}

pub async fn confirm_subscription(
    conn: &mut AnyConnection,
    id: i64,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE subscriptions SET confirmed_at = COALESCE(confirmed_at, $1) \
         WHERE id = $2 AND ended_at IS NULL",
    )
    .bind(now.0)
    .bind(id)
    .execute(conn)
    .await
    .context("confirming a subscription")?;
    Ok(())
}

/// Ends the subscription whose unsubscribe link this is; returns it (ended
/// now or before), or none for a link that never was.
pub async fn unsubscribe(
    conn: &mut AnyConnection,
    token: &str,
    now: Timestamp,
) -> anyhow::Result<Option<SubscriptionRow>> {
    sqlx::query(
        "UPDATE subscriptions SET ended_at = $1 WHERE unsubscribe_token = $2 AND ended_at IS NULL",
    )
    .bind(now.0)
    .bind(token)
    .execute(&mut *conn)
    .await
    .context("ending a subscription")?;
    sqlx::query_as(concat!(
        select_subscription!(),
        " WHERE s.unsubscribe_token = $1"
    ))
    .bind(token)
    .fetch_optional(conn)
    .await
    .context("reading an ended subscription")
}

/// An account's live subscriptions, newest first.
pub async fn account_subscriptions(
    conn: &mut AnyConnection,
    account_id: i64,
) -> anyhow::Result<Vec<SubscriptionRow>> {
    sqlx::query_as(concat!(
        select_subscription!(),
        " WHERE s.account_id = $1 AND s.ended_at IS NULL ORDER BY s.id DESC"
    ))
    .bind(account_id)
    .fetch_all(conn)
    .await
    .context("listing an account's subscriptions")
}

/// Ends one of an account's subscriptions; false when it has no such live
/// subscription.
pub async fn end_account_subscription(
    conn: &mut AnyConnection,
    account_id: i64,
    id: i64,
    now: Timestamp,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE subscriptions SET ended_at = $1 \
         WHERE id = $2 AND account_id = $3 AND ended_at IS NULL",
    )
    .bind(now.0)
    .bind(id)
    .bind(account_id)
    .execute(conn)
    .await
    .context("ending a subscription")?;
    Ok(done.rows_affected() == 1)
}

/// Address-only subscriptions never confirmed within the week end.
pub async fn expire_unconfirmed(conn: &mut AnyConnection, now: Timestamp) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "UPDATE subscriptions SET ended_at = $1 \
         WHERE confirmed_at IS NULL AND ended_at IS NULL AND created_at <= $2",
    )
    .bind(now.0)
    .bind(now.0 - CONFIRM_WITHIN)
    .execute(conn)
    .await
    .context("expiring unconfirmed subscriptions")?;
    Ok(done.rows_affected())
}

/// What a mailed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms an address-only subscription.
    Subscribe,
    /// Confirms an account's email address.
    Verify,
    /// Sets a new password.
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Subscribe => "subscribe",
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }
}

pub struct NewToken<'a> {
    pub token_hash: &'a str,
    pub purpose: Purpose,
    pub account_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub email: &'a str,
    pub expires_at: Timestamp,
}

pub async fn insert_token(
    conn: &mut AnyConnection,
    new: NewToken<'_>,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO email_tokens \
         (token_hash, purpose, account_id, subscription_id, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new.token_hash)
    .bind(new.purpose.as_str())
    .bind(new.account_id)
    .bind(new.subscription_id)
    .bind(new.email)
    .bind(now.0)
    .bind(new.expires_at.0)
    .execute(conn)
    .await
    .context("storing a mailed link")?;
    Ok(())
}

/// A mailed link, used.
pub struct UsedToken {
    pub account_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub email: String,
}

/// Uses a link once: it must be for `purpose`, unused and unexpired.
pub async fn use_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    purpose: Purpose,
    now: Timestamp,
) -> anyhow::Result<Option<UsedToken>> {
    let row = sqlx::query(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING account_id, subscription_id, email",
    )
    .bind(now.0)
    .bind(token_hash)
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await
    .context("using a mailed link")?;
    row.map(|row| {
        Ok(UsedToken {
            account_id: row.try_get("account_id")?,
            subscription_id: row.try_get("subscription_id")?,
            email: row.try_get("email")?,
        })
    })
    .transpose()
    .map_err(|e: sqlx::Error| anyhow::Error::from(e).context("reading a mailed link"))
}

/// Every unused link of an account for `purpose` stops working (a new
/// password makes older reset links useless).
pub async fn void_tokens(
    conn: &mut AnyConnection,
    account_id: i64,
    purpose: Purpose,
    now: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE account_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now.0)
    .bind(account_id)
    .bind(purpose.as_str())
    .execute(conn)
    .await
    .context("voiding mailed links")?;
    Ok(())
}

/// Mailed links sent to `email` for `purpose` since `since`: a bound on how
/// often one address is mailed.
pub async fn recent_tokens(
    conn: &mut AnyConnection,
    email: &str,
    purpose: Purpose,
    since: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM email_tokens WHERE email = $1 AND purpose = $2 AND created_at >= $3",
    )
    .bind(email)
    .bind(purpose.as_str())
    .bind(since.0)
    .fetch_one(conn)
    .await
    .context("counting mailed links")
}

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
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One message for one person.
pub struct Notice<'a> {
    pub kind: Kind,
    pub recipient: &'a str,
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
         (kind, recipient, subscription_id, topic_id, subject_id, token, created_at, due_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(notice.kind.as_str())
    .bind(notice.recipient)
    .bind(notice.subscription_id)
    .bind(notice.topic_id)
    .bind(notice.subject_id)
    .bind(notice.token)
    .bind(now.0)
    .execute(conn)
    .await
    .context("writing a notice to the outbox")?;
    Ok(())
}

/// A notice of kind `$1` about `$2` to each active subscriber of topic
/// `$5`, in one statement: due at `$3` for instant subscribers, at `$4` for
/// daily ones. Callers add conditions with `AND`.
macro_rules! to_subscribers {
    () => {
        "INSERT INTO outbox \
         (kind, recipient, subscription_id, topic_id, subject_id, digest, created_at, due_at) \
         SELECT $1, s.email, s.id, s.topic_id, $2, \
                CASE WHEN s.cadence = 'daily' THEN 1 ELSE 0 END, $3, \
                CASE WHEN s.cadence = 'daily' THEN $4 ELSE $3 END \
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
pub struct SectionComment<'a> {
    pub topic_id: i64,
    pub anchor: &'a str,
    pub comment_id: i64,
    pub author_id: i64,
    /// The author of the comment it answers, who hears of it as a reply.
    pub also_told: Option<i64>,
}

/// A new comment in a section, to each active subscriber who follows that
/// section: not to its author, nor to the author it answers. Returns how
/// many.
pub async fn enqueue_for_section(
    conn: &mut AnyConnection,
    new: SectionComment<'_>,
    now: Timestamp,
    digest_at: Timestamp,
) -> anyhow::Result<u64> {
    let done = sqlx::query(concat!(
        to_subscribers!(),
        " AND s.section_anchor = $6 \
          AND (s.account_id IS NULL OR (s.account_id <> $7 AND s.account_id <> $8)) \
          AND s.email NOT IN (SELECT a.email FROM accounts a WHERE a.id IN ($7, $8))"
    ))
    .bind(Kind::Comment.as_str())
    .bind(new.comment_id)
    .bind(now.0)
    .bind(digest_at.0)
    .bind(new.topic_id)
    .bind(new.anchor)
    .bind(new.author_id)
    .bind(new.also_told.unwrap_or(new.author_id))
    .execute(conn)
    .await
    .context("writing a section's followers' notices to the outbox")?;
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
    /// The unsubscribe token of the notice's subscription, if it was still
    /// live when the notice was leased.
    pub live_token: Option<String>,
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
            live_token: row.try_get("live_token")?,
        })
    }
}

const CLAIM_SQLITE: &str = "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM outbox \
         WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $2 \
         AND (lease_until IS NULL OR lease_until <= $2) AND digest = $4 \
         AND ($5 = '' OR recipient = $5) \
         ORDER BY due_at, id LIMIT $3) \
     RETURNING id, kind, recipient, subscription_id, topic_id, subject_id, token, digest, \
         created_at, attempts, \
         (SELECT s.unsubscribe_token FROM subscriptions s \
          WHERE s.id = outbox.subscription_id AND s.ended_at IS NULL) AS live_token";

// Several instances on one database: each skips the rows another is taking,
// and a row's conditions are checked again once it is locked. The rows to lease are chosen once, in a materialized CTE: written as
// `WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`, PostgreSQL may run
// the subquery again per row it updates, leasing far more than `n` (the
// benchmark saw 20,000 rows in one lease of 512, taking 30 s).
const CLAIM_POSTGRES: &str = "WITH chosen AS MATERIALIZED (SELECT id FROM outbox \
         WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $2 \
         AND (lease_until IS NULL OR lease_until <= $2) AND digest = $4 \
         AND ($5 = '' OR recipient = $5) \
         ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     UPDATE outbox SET lease_until = $1, attempts = attempts + 1 \
     FROM chosen WHERE outbox.id = chosen.id \
     RETURNING outbox.id, kind, recipient, subscription_id, topic_id, subject_id, token, digest, \
         created_at, attempts, \
         (SELECT s.unsubscribe_token FROM subscriptions s \
          WHERE s.id = outbox.subscription_id AND s.ended_at IS NULL) AS live_token";

/// Which due messages to lease.
#[derive(Debug, Clone, Copy)]
pub enum Claim<'a> {
    /// Messages sent one by one.
    Instant,
    /// Digest entries: of anyone, or of one recipient.
    Digest(Option<&'a str>),
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
/// being hidden) to its author, when the author's address is confirmed and
/// the author is not the one who acted.
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
        "INSERT INTO outbox (kind, recipient, topic_id, subject_id, created_at, due_at) \
         SELECT $1, email, $2, $3, $4, $4 FROM accounts WHERE id = $5 AND email_verified = 1",
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
