//! The figures of the report for council that no other query gives.

use anyhow::Context;
use sqlx::{AnyConnection, Row};

pub struct Figures {
    pub participants: i64,
    pub ballots: i64,
    pub reactions: i64,
    pub flags: i64,
    pub flagged_comments: i64,
}

pub async fn figures(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Figures> {
    let row = sqlx::query(
        "SELECT \
             (SELECT COUNT(*) FROM ( \
                SELECT account_id FROM comments WHERE topic_id = $1 \
                UNION SELECT b.account_id FROM ballots b JOIN polls p ON p.id = b.poll_id \
                      WHERE p.topic_id = $1 \
                UNION SELECT r.account_id FROM comment_reactions r \
                      JOIN comments c ON c.id = r.comment_id WHERE c.topic_id = $1) people) \
               AS participants, \
             (SELECT COUNT(*) FROM ballots b JOIN polls p ON p.id = b.poll_id \
              WHERE p.topic_id = $1) AS ballots, \
             (SELECT COUNT(*) FROM comment_reactions r JOIN comments c ON c.id = r.comment_id \
              WHERE c.topic_id = $1) AS reactions, \
             (SELECT COUNT(*) FROM comment_flags f JOIN comments c ON c.id = f.comment_id \
              WHERE c.topic_id = $1) AS flags, \
             (SELECT COUNT(DISTINCT f.comment_id) FROM comment_flags f \
              JOIN comments c ON c.id = f.comment_id WHERE c.topic_id = $1) AS flagged_comments",
    )
    .bind(topic_id)
    .fetch_one(conn)
    .await
    .context("counting the report's figures")?;
    let figures = Figures {
        participants: row.try_get("participants")?,
        ballots: row.try_get("ballots")?,
        reactions: row.try_get("reactions")?,
        flags: row.try_get("flags")?,
        flagged_comments: row.try_get("flagged_comments")?,
    };
    Ok(figures)
}
