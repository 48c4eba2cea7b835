//! The figures of the report for council that no other query gives.

use anyhow::Context;
use sqlx::AnyConnection;

pub struct Figures {
    pub participants: i64,
    pub ballots: i64,
    pub reactions: i64,
    pub flags: i64,
    pub flagged_comments: i64,
}

pub async fn figures(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Figures> {
    let (participants, ballots, reactions, flags, flagged_comments) =
        sqlx::query_as::<_, (i64, i64, i64, i64, i64)>(
            "SELECT \
             (SELECT COUNT(*) FROM ( \
                SELECT account_id FROM comments WHERE topic_id = $1 \
                UNION SELECT b.account_id FROM ballots b JOIN polls p ON p.id = b.poll_id \
                      WHERE p.topic_id = $1 \
                UNION SELECT r.account_id FROM comment_reactions r \
                      JOIN comments c ON c.id = r.comment_id WHERE c.topic_id = $1) people), \
             (SELECT COUNT(*) FROM ballots b JOIN polls p ON p.id = b.poll_id \
              WHERE p.topic_id = $1), \
             (SELECT COUNT(*) FROM comment_reactions r JOIN comments c ON c.id = r.comment_id \
              WHERE c.topic_id = $1), \
             (SELECT COUNT(*) FROM comment_flags f JOIN comments c ON c.id = f.comment_id \
              WHERE c.topic_id = $1), \
             (SELECT COUNT(DISTINCT f.comment_id) FROM comment_flags f \
              JOIN comments c ON c.id = f.comment_id WHERE c.topic_id = $1)",
        )
        .bind(topic_id)
        .fetch_one(conn)
        .await
        .context("counting the report's figures")?;
    Ok(Figures {
        participants,
        ballots,
        reactions,
        flags,
        flagged_comments,
    })
}
