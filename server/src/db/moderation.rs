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
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO comment_flags (comment_id, account_id, reason, flagged_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, account_id) DO NOTHING",
    )
    .bind(comment_id)
    .bind(account_id)
    .bind(reason.as_str())
    .bind(at.0)
    .execute(&mut *conn)
    .await
    .context("flagging a comment")?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE comments SET open_flags = open_flags + 1 WHERE id = $1")
        .bind(comment_id)
        .execute(conn)
        .await
        .context("counting a flag")?;
    Ok(true)
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
