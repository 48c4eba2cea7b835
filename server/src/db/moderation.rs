//! Flags and the host's decisions on them: hide with a reason, restore,
//! dismiss. Nothing here deletes: a hidden comment keeps its text.

use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::validate::Reason;
use pulse_api::wire::Flag;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// Flags a comment; false when this account had flagged it already.
pub async fn flag(
    conn: &mut AnyConnection,
    comment_id: i64,
    account_id: i64,
    reason: &Reason,
    at: Timestamp,
) -> anyhow::Result<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO comment_flags (comment_id, account_id, reason, flagged_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, account_id) DO NOTHING RETURNING id",
    )
    .bind(comment_id)
    .bind(account_id)
    .bind(reason.as_str())
    .bind(at.0)
    .fetch_optional(&mut *conn)
    .await
    .context("flagging a comment")?;
    let Some(id) = id else {
        return Ok(None);
    };
    sqlx::query("UPDATE comments SET open_flags = open_flags + 1 WHERE id = $1")
        .bind(comment_id)
        .execute(conn)
        .await
        .context("counting a flag")?;
    Ok(Some(id))
}

/// Each host of the topic (but the one who flagged) is to hear of flag
/// `flag_id`, in their next flag alert.
pub async fn queue_flag_alerts(
    conn: &mut AnyConnection,
    flag_id: i64,
    topic_id: i64,
    flagger: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO flag_alert_items (flag_id, account_id) \
         SELECT $1, h.account_id FROM topic_hosts h WHERE h.topic_id = $2 AND h.account_id <> $3",
    )
    .bind(flag_id)
    .bind(topic_id)
    .bind(flagger)
    .execute(conn)
    .await
    .context("queueing flag alerts")?;
    Ok(())
}

/// The hosts with flags they have not been told of yet.
pub async fn hosts_to_alert(conn: &mut AnyConnection) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT DISTINCT account_id FROM flag_alert_items WHERE outbox_id IS NULL \
         ORDER BY account_id",
    )
    .fetch_all(conn)
    .await
    .context("finding hosts with flags to hear of")
}

/// Writes one alert to host `account_id` with every flag waiting for them,
/// when their last was at least `every` seconds ago; false when it is too
/// soon, or another instance did it first (the host's `flag_alerts` row
/// is claimed before anything else, so two instances never both write).
pub async fn alert_host(
    conn: &mut AnyConnection,
    account_id: i64,
    now: Timestamp,
    every: i64,
) -> anyhow::Result<bool> {
    let claimed = sqlx::query(
        "INSERT INTO flag_alerts (account_id, sent_at) VALUES ($1, $2) \
         ON CONFLICT (account_id) DO UPDATE SET sent_at = excluded.sent_at \
         WHERE flag_alerts.sent_at <= $3",
    )
    .bind(account_id)
    .bind(now.0)
    .bind(now.0 - every)
    .execute(&mut *conn)
    .await
    .context("claiming a host's flag alert")?;
    if claimed.rows_affected() == 0 {
        return Ok(false);
    }
    let outbox_id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO outbox (kind, recipient, created_at, due_at, lang) \
         SELECT 'flag_alert', email, $2, $2, lang FROM accounts \
         WHERE id = $1 AND deleted_at IS NULL RETURNING id",
    )
    .bind(account_id)
    .bind(now.0)
    .fetch_optional(&mut *conn)
    .await
    .context("writing a flag alert")?;
    let Some(outbox_id) = outbox_id else {
        return Ok(false);
    };
    let told = sqlx::query(
        "UPDATE flag_alert_items SET outbox_id = $1 WHERE account_id = $2 AND outbox_id IS NULL",
    )
    .bind(outbox_id)
    .bind(account_id)
    .execute(conn)
    .await
    .context("gathering flags into an alert")?;
    Ok(told.rows_affected() > 0)
}

/// One flag as an alert tells it.
pub struct AlertedFlag {
    pub topic_id: i64,
    pub slug: String,
    pub title: String,
    pub comment_id: i64,
    pub section: String,
    pub body: String,
    pub reason: String,
    /// The host decided on it before the alert went out.
    pub resolved: bool,
}

/// The flags alert `outbox_id` tells of, by topic and in the order made.
pub async fn alerted_flags(
    conn: &mut AnyConnection,
    outbox_id: i64,
) -> anyhow::Result<Vec<AlertedFlag>> {
    let rows = sqlx::query(
        "SELECT t.id AS topic_id, t.slug, t.title, c.id AS comment_id, c.section_anchor, \
         c.body, f.reason, f.resolved_at FROM flag_alert_items i \
         JOIN comment_flags f ON f.id = i.flag_id JOIN comments c ON c.id = f.comment_id \
         JOIN topics t ON t.id = c.topic_id WHERE i.outbox_id = $1 ORDER BY t.id, f.id",
    )
    .bind(outbox_id)
    .fetch_all(conn)
    .await
    .context("reading the flags of an alert")?;
    rows.iter()
        .map(|row| {
            Ok(AlertedFlag {
                topic_id: row.try_get("topic_id")?,
                slug: row.try_get("slug")?,
                title: row.try_get("title")?,
                comment_id: row.try_get("comment_id")?,
                section: row.try_get("section_anchor")?,
                body: row.try_get("body")?,
                reason: row.try_get("reason")?,
                resolved: row.try_get::<Option<i64>, _>("resolved_at")?.is_some(),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading the flags of an alert")
}

/// Closes a comment's open flags: the host has decided on it.
async fn resolve_flags(
    conn: &mut AnyConnection,
    comment_id: i64,
    at: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE comment_flags SET resolved_at = $1 WHERE comment_id = $2 AND resolved_at IS NULL",
    )
    .bind(at.0)
    .bind(comment_id)
    .execute(&mut *conn)
    .await
    .context("resolving flags")?;
    sqlx::query("UPDATE comments SET open_flags = 0 WHERE id = $1")
        .bind(comment_id)
        .execute(conn)
        .await
        .context("clearing the flag count")?;
    Ok(())
}

pub async fn hide(
    conn: &mut AnyConnection,
    comment_id: i64,
    reason: &Reason,
    at: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE comments SET hidden_at = $1, hidden_reason = $2 WHERE id = $3")
        .bind(at.0)
        .bind(reason.as_str())
        .bind(comment_id)
        .execute(&mut *conn)
        .await
        .context("hiding a comment")?;
    resolve_flags(conn, comment_id, at).await
}

pub async fn restore(
    conn: &mut AnyConnection,
    comment_id: i64,
    at: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE comments SET hidden_at = NULL, hidden_reason = NULL WHERE id = $1")
        .bind(comment_id)
        .execute(&mut *conn)
        .await
        .context("restoring a comment")?;
    resolve_flags(conn, comment_id, at).await
}

pub async fn dismiss(
    conn: &mut AnyConnection,
    comment_id: i64,
    at: Timestamp,
) -> anyhow::Result<()> {
    resolve_flags(conn, comment_id, at).await
}

/// Every flag on a topic's comments, by comment, oldest first.
pub async fn flags(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<HashMap<i64, Vec<Flag>>> {
    let rows = sqlx::query(
        "SELECT f.comment_id, f.reason, f.flagged_at, f.resolved_at FROM comment_flags f \
         JOIN comments c ON c.id = f.comment_id WHERE c.topic_id = $1 ORDER BY f.id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading flags")?;
    let mut by_comment: HashMap<i64, Vec<Flag>> = HashMap::new();
    for row in rows {
        let comment_id: i64 = row.try_get("comment_id")?;
        by_comment.entry(comment_id).or_default().push(Flag {
            reason: row.try_get("reason")?,
            flagged_at: Timestamp(row.try_get("flagged_at")?),
            resolved: row.try_get::<Option<i64>, _>("resolved_at")?.is_some(),
        });
    }
    Ok(by_comment)
}
