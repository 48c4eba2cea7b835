//! Rate-limit counts kept in the database, shared by every instance on it
//! (PostgreSQL), and those a writer batch keeps (`batch.rs`: comments, on
//! either database). See `ratelimit.rs`.

use anyhow::Context;
use sqlx::{AnyConnection, Row};

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

/// A limit on requests a key may make in a window, to be counted inside a
/// writer batch (`batch.rs`), which reads the key's count at its start and
/// adds what its writes took at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub bucket: &'static str,
    pub key_hash: String,
    pub limit: u32,
    /// Seconds; a window begins with a key's first request.
    pub window: i64,
}

/// A key's count as stored: its requests in the window that began at
/// `window_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub count: i64,
    pub window_start: i64,
}

/// Keys of one bucket read or written by one statement at most.
pub const KEYS_AT_ONCE: usize = 256;

/// The stored counts of `key_hashes` in `bucket`, those there are.
pub async fn read_counts(
    conn: &mut AnyConnection,
    bucket: &str,
    key_hashes: &[&str],
) -> anyhow::Result<Vec<(String, Stored)>> {
    let mut found = Vec::with_capacity(key_hashes.len());
    for chunk in key_hashes.chunks(KEYS_AT_ONCE) {
        let sql = format!(
            "SELECT key_hash, count, window_start FROM rate_counts \
             WHERE bucket = $1 AND key_hash IN ({})",
            super::placeholders(chunk.len(), 2)
        );
        // Only placeholders are made up here; every value is bound.
        let mut read = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(bucket);
        for key_hash in chunk {
            read = read.bind(*key_hash);
        }
        for row in read
            .fetch_all(&mut *conn)
            .await
            .context("reading rate-limit counts")?
        {
            found.push((
                row.try_get("key_hash")?,
                Stored {
                    count: row.try_get("count")?,
                    window_start: row.try_get("window_start")?,
                },
            ));
        }
    }
    Ok(found)
}

/// Adds `taken` requests to each key's count in `bucket` at `now`, in a
/// window of `window` seconds: a window that ended begins again at `now`.
/// The rows are written in the order given (callers give them sorted, so
/// that two transactions writing several take them in one order). Each
/// key's count, as written.
pub async fn add_counts(
    conn: &mut AnyConnection,
    bucket: &str,
    window: i64,
    now: i64,
    taken: &[(&str, i64)],
) -> anyhow::Result<Vec<(String, i64)>> {
    let mut counts = Vec::with_capacity(taken.len());
    for chunk in taken.chunks(KEYS_AT_ONCE) {
        let sql = format!(
            "INSERT INTO rate_counts (bucket, key_hash, window_start, count) VALUES {} \
             ON CONFLICT (bucket, key_hash) DO UPDATE SET \
               count = CASE WHEN rate_counts.window_start <= $1 THEN excluded.count \
                            ELSE rate_counts.count + excluded.count END, \
               window_start = CASE WHEN rate_counts.window_start <= $1 \
                                   THEN excluded.window_start \
                                   ELSE rate_counts.window_start END \
             RETURNING key_hash, count",
            super::values_list(chunk.len(), &["", "", "", ""], 2)
        );
        // Only placeholders are made up here; every value is bound.
        let mut upsert = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now - window);
        for (key_hash, count) in chunk {
            upsert = upsert.bind(bucket).bind(*key_hash).bind(now).bind(*count);
        }
        for row in upsert
            .fetch_all(&mut *conn)
            .await
            .context("counting requests against their rate limit")?
        {
            counts.push((row.try_get("key_hash")?, row.try_get("count")?));
        }
    }
    Ok(counts)
}

/// Forgets windows that began at or before `ended`. On PostgreSQL a row
/// another transaction holds is left for the next sweep: a writer batch
/// holds several keys' rows at once, and a sweep that waited for one while
/// holding another could meet it round a circle.
pub async fn sweep(conn: &mut AnyConnection, bucket: &str, ended: i64) -> anyhow::Result<u64> {
    let sql = if conn.backend_name() == "PostgreSQL" {
        "DELETE FROM rate_counts WHERE (bucket, key_hash) IN \
           (SELECT bucket, key_hash FROM rate_counts \
            WHERE bucket = $1 AND window_start <= $2 FOR UPDATE SKIP LOCKED)"
    } else {
        "DELETE FROM rate_counts WHERE bucket = $1 AND window_start <= $2"
    };
    let done = sqlx::query(sql)
        .bind(bucket)
        .bind(ended)
        .execute(conn)
        .await
        .context("forgetting old rate-limit counts")?;
    Ok(done.rows_affected())
}
