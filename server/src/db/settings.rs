//! Facts about this installation, kept as key/value rows.

use sqlx::AnyConnection;

/// Records `key` once; false when it was already there (another instance, or
/// an earlier start, got there first).
pub async fn insert_once(
    conn: &mut AnyConnection,
    key: &str,
    value: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The value recorded for `key`, if any.
pub async fn value(conn: &mut AnyConnection, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}
