//! Data the mail tests and the mail benchmark put straight into a database.

/// SQL that adds `count` confirmed subscribers (`reader1@example.org`, …) to
/// the topic at `slug`, in one statement on SQLite and on PostgreSQL.
pub fn confirmed_readers(slug: &str, count: usize) -> String {
    format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) \
         INSERT INTO subscriptions (topic_id, email, cadence, unsubscribe_token, created_at, confirmed_at) \
         SELECT (SELECT id FROM topics WHERE slug = '{slug}'), \
                'reader' || i || '@example.org', 'instant', 'token' || i, 0, 0 FROM n"
    )
}
