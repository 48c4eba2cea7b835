//! Comments on the sections of a draft.

use super::Db;
use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::markdown::to_safe_html;
use pulse_api::validate::{CommentBody, QuoteSelector};
use pulse_api::wire::{Comment, Quote};

type Row = (
    i64,
    String,
    i64,
    Option<i64>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

/// The columns of a comment, as a macro so queries stay `&'static str`
/// (sqlx refuses SQL built at run time unless told it is safe).
macro_rules! select {
    () => {
        "SELECT c.id, c.section_anchor, v.version, c.parent_id, a.display_name, \
     c.body, c.quote_exact, c.quote_prefix, c.quote_suffix, c.created_at \
     FROM comments c \
     JOIN accounts a ON a.id = c.account_id \
     JOIN draft_versions v ON v.id = c.version_id"
    };
}

fn comment(r: Row) -> Comment {
    Comment {
        id: r.0,
        section: r.1,
        version: r.2,
        parent_id: r.3,
        author: r.4,
        body_html: to_safe_html(&r.5),
        body: r.5,
        quote: r.6.map(|exact| Quote {
            exact,
            prefix: r.7.unwrap_or_default(),
            suffix: r.8.unwrap_or_default(),
        }),
        created_at: Timestamp(r.9),
    }
}

/// A topic's comments, oldest first, optionally those of one section.
pub async fn list(db: &Db, topic_id: i64, section: Option<&str>) -> anyhow::Result<Vec<Comment>> {
    let rows = match section {
        Some(anchor) => {
            sqlx::query_as::<_, Row>(concat!(
                select!(),
                " WHERE c.topic_id = $1 AND c.section_anchor = $2 ORDER BY c.id"
            ))
            .bind(topic_id)
            .bind(anchor)
            .fetch_all(&db.pool)
            .await
        }
        None => {
            sqlx::query_as::<_, Row>(concat!(select!(), " WHERE c.topic_id = $1 ORDER BY c.id"))
                .bind(topic_id)
                .fetch_all(&db.pool)
                .await
        }
    }
    .context("listing comments")?;
    Ok(rows.into_iter().map(comment).collect())
}

/// Where a comment sits: enough to check that a reply belongs with it.
pub struct Placement {
    pub topic_id: i64,
    pub section: String,
    pub parent_id: Option<i64>,
}

pub async fn placement(db: &Db, comment_id: i64) -> anyhow::Result<Option<Placement>> {
    let row = sqlx::query_as::<_, (i64, String, Option<i64>)>(
        "SELECT topic_id, section_anchor, parent_id FROM comments WHERE id = $1",
    )
    .bind(comment_id)
    .fetch_optional(&db.pool)
    .await
    .context("looking up a comment")?;
    Ok(row.map(|(topic_id, section, parent_id)| Placement {
        topic_id,
        section,
        parent_id,
    }))
}

pub struct NewComment<'a> {
    pub topic_id: i64,
    pub version_id: i64,
    pub section: &'a str,
    pub parent_id: Option<i64>,
    pub account_id: i64,
    pub body: &'a CommentBody,
    pub quote: Option<&'a QuoteSelector>,
    pub created_at: Timestamp,
}

pub async fn insert(db: &Db, new: NewComment<'_>) -> anyhow::Result<Comment> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO comments (topic_id, version_id, section_anchor, parent_id, account_id, body, \
         quote_exact, quote_prefix, quote_suffix, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(new.topic_id)
    .bind(new.version_id)
    .bind(new.section)
    .bind(new.parent_id)
    .bind(new.account_id)
    .bind(new.body.as_str())
    .bind(new.quote.map(|q| q.exact.as_str()))
    .bind(new.quote.map(|q| q.prefix.as_str()))
    .bind(new.quote.map(|q| q.suffix.as_str()))
    .bind(new.created_at.0)
    .fetch_one(&db.pool)
    .await
    .context("inserting a comment")?;
    let row = sqlx::query_as::<_, Row>(concat!(select!(), " WHERE c.id = $1"))
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .context("reading back a new comment")?;
    Ok(comment(row))
}
