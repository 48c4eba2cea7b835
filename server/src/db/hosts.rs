//! Which accounts host which topics.

use anyhow::Context;
use pulse_api::Timestamp;
use sqlx::AnyConnection;

/// Makes an account a host of a topic; false when it already was.
pub async fn grant(
    conn: &mut AnyConnection,
    topic_id: i64,
    account_id: i64,
    at: Timestamp,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO topic_hosts (topic_id, account_id, granted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (topic_id, account_id) DO NOTHING",
    )
    .bind(topic_id)
    .bind(account_id)
    .bind(at.0)
    .execute(conn)
    .await
    .context("granting a host")?;
    Ok(done.rows_affected() == 1)
}

/// Ends an account's hosting of a topic; false when it was not a host.
pub async fn revoke(
    conn: &mut AnyConnection,
    topic_id: i64,
    account_id: i64,
) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM topic_hosts WHERE topic_id = $1 AND account_id = $2")
        .bind(topic_id)
        .bind(account_id)
        .execute(conn)
        .await
        .context("revoking a host")?;
    Ok(done.rows_affected() == 1)
}

pub async fn is_host(
    conn: &mut AnyConnection,
    topic_id: i64,
    account_id: i64,
) -> anyhow::Result<bool> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM topic_hosts WHERE topic_id = $1 AND account_id = $2")
            .bind(topic_id)
            .bind(account_id)
            .fetch_optional(conn)
            .await
            .context("checking a host")?;
    Ok(found.is_some())
}

/// The slugs of the topics an account hosts.
pub async fn topics_of(conn: &mut AnyConnection, account_id: i64) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT t.slug FROM topic_hosts h JOIN topics t ON t.id = h.topic_id \
         WHERE h.account_id = $1 ORDER BY t.slug",
    )
    .bind(account_id)
    .fetch_all(conn)
    .await
    .context("listing an account's topics")
}

/// The emails of a topic's host accounts.
pub async fn of_topic(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT a.email FROM topic_hosts h JOIN accounts a ON a.id = h.account_id \
         WHERE h.topic_id = $1 ORDER BY a.email",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("listing a topic's hosts")
}
