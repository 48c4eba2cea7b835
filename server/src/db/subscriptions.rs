//! Subscriptions to a topic's notices: by an account, or by an address
//! alone (confirmed from a mailed link), each with its cadence, the section
//! it follows, and its one-click unsubscribe token.

use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::i18n::Lang;
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
    /// The topic's title in [`Self::lang`], where the city translated it.
    pub topic_title: String,
    /// The language its person hears in: the account's, else the one it
    /// was made in.
    pub lang: Lang,
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
            lang: Lang::parse(&row.try_get::<String, _>("lang")?).unwrap_or_default(),
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
        "SELECT s.id, s.topic_id, t.slug, COALESCE(tt.title, t.title) AS title, s.account_id, \
         s.email, s.cadence, s.section_anchor, s.created_at, s.confirmed_at, s.ended_at, \
         COALESCE(a.lang, s.lang) AS lang \
         FROM subscriptions s JOIN topics t ON t.id = s.topic_id \
         LEFT JOIN accounts a ON a.id = s.account_id \
         LEFT JOIN topic_translations tt ON tt.topic_id = t.id \
         AND tt.lang = COALESCE(a.lang, s.lang)"
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
    /// The language of its notices while no account speaks for it.
    pub lang: pulse_api::i18n::Lang,
}

pub async fn insert_subscription(
    conn: &mut AnyConnection,
    new: NewSubscription<'_>,
    now: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO subscriptions \
         (topic_id, account_id, email, cadence, section_anchor, unsubscribe_token, created_at, \
          confirmed_at, lang) \
         VALUES ($1, $2, $3, $4, $8, $5, $6, $7, $9) RETURNING id",
    )
    .bind(new.topic_id)
    .bind(new.account_id)
    .bind(new.email)
    .bind(cadence_str(new.cadence))
    .bind(new.unsubscribe_token)
    .bind(now.0)
    .bind(new.confirmed.then_some(now.0))
    .bind(new.section)
    .bind(new.lang.code())
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
    link: &Named,
    now: Timestamp,
) -> anyhow::Result<Option<SubscriptionRow>> {
    let query = match link {
        Named::Subscription(id) => {
            sqlx::query("UPDATE subscriptions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL")
                .bind(now.0)
                .bind(*id)
        }
        Named::Legacy(token) => sqlx::query(
            "UPDATE subscriptions SET ended_at = $1 WHERE unsubscribe_token = $2 \
             AND ended_at IS NULL",
        )
        .bind(now.0)
        .bind(token.clone()),
    };
    query
        .execute(&mut *conn)
        .await
        .context("ending a subscription")?;
    by_link(conn, link).await
}

/// What an unsubscribe link names (see `link_key.rs`).
#[derive(Debug, PartialEq, Eq)]
pub enum Named {
    /// A signed link: this subscription.
    Subscription(i64),
    /// A link from before links were signed: the secret stored with it.
    Legacy(String),
}

/// The subscription an unsubscribe link is for, ended or not.
pub async fn by_link(
    conn: &mut AnyConnection,
    link: &Named,
) -> anyhow::Result<Option<SubscriptionRow>> {
    let query = match link {
        Named::Subscription(id) => {
            sqlx::query_as(concat!(select_subscription!(), " WHERE s.id = $1")).bind(*id)
        }
        Named::Legacy(token) => sqlx::query_as(concat!(
            select_subscription!(),
            " WHERE s.unsubscribe_token = $1"
        ))
        .bind(token.clone()),
    };
    query
        .fetch_optional(conn)
        .await
        .context("reading a subscription by its unsubscribe link")
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

/// The live, confirmed subscriptions of a topic that follow a section too:
/// (subscription, the anchor it follows, as it was given).
pub async fn section_followers(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<(i64, String)>> {
    sqlx::query_as::<_, (i64, String)>(
        "SELECT id, section_anchor FROM subscriptions WHERE topic_id = $1 \
         AND section_anchor IS NOT NULL AND ended_at IS NULL AND confirmed_at IS NOT NULL \
         ORDER BY id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("listing a topic's section followers")
}
