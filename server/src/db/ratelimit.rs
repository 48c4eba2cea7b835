//! Rate-limit counts kept in the database (PostgreSQL), shared by every
//! instance on it. See `ratelimit.rs`.

use anyhow::Context;
use sqlx::AnyConnection;

/// Counts one request for `key_hash` at `now` in a window of `window`
/// seconds that begins with a key's first request; returns the count with
/// it and when its window began.
pub async fn count(
    conn: &mut AnyConnection,
    bucket: &str,
    key_hash: &str,
    now: i64,
    window: i64,
) -> anyhow::Result<(i64, i64)> {
    sqlx::query_as(
        "INSERT INTO rate_counts (bucket, key_hash, window_start, count) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (bucket, key_hash) DO UPDATE SET \
           count = CASE WHEN rate_counts.window_start <= $4 THEN 1 \
                        ELSE rate_counts.count + 1 END, \
           window_start = CASE WHEN rate_counts.window_start <= $4 THEN $3 \
                               ELSE rate_counts.window_start END \
         RETURNING count, window_start",
    )
    .bind(bucket)
    .bind(key_hash)
    .bind(now)
    .bind(now - window)
    .fetch_one(conn)
    .await
    .context("counting a request against its rate limit")
}

/// Takes back one request counted for `key_hash` (never below nothing).
pub async fn refund(conn: &mut AnyConnection, bucket: &str, key_hash: &str) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE rate_counts SET count = count - 1 \
         WHERE bucket = $1 AND key_hash = $2 AND count > 0",
    )
    .bind(bucket)
    .bind(key_hash)
    .execute(conn)
    .await
    .context("giving back a counted request")?;
    Ok(())
}

/// Forgets windows that began at or before `ended`.
pub async fn sweep(conn: &mut AnyConnection, bucket: &str, ended: i64) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM rate_counts WHERE bucket = $1 AND window_start <= $2")
        .bind(bucket)
        .bind(ended)
        .execute(conn)
        .await
        .context("forgetting old rate-limit counts")?;
    Ok(done.rows_affected())
}
