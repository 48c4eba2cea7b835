//! The audit log: every host and admin action, appended in the same
//! transaction as the action itself. Nothing here updates or deletes; the
//! schema's triggers refuse it besides.

use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::wire::AuditEntry;
use sqlx::{AnyConnection, Row};

/// Who acted: an account, or the operator at the command line.
pub enum Actor<'a> {
    Account {
        id: i64,
        name: &'a str,
        email: &'a str,
    },
    CommandLine,
    /// Pulse itself, on its schedule (a record's head published each day).
    Schedule,
}

/// One action to record.
pub struct Entry<'a> {
    pub actor: Actor<'a>,
    pub action: &'a str,
    pub topic_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub subject: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub at: Timestamp,
}

pub async fn append(conn: &mut AnyConnection, entry: Entry<'_>) -> anyhow::Result<()> {
    let (actor_id, actor) = match entry.actor {
        Actor::Account { id, name, email } => (Some(id), format!("{name} <{email}>")),
        Actor::CommandLine => (None, "pulse admin (command line)".to_string()),
        Actor::Schedule => (None, "Pulse (on its schedule)".to_string()),
    };
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, topic_id, comment_id, subject, reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.at.0)
    .bind(actor_id)
    .bind(actor)
    .bind(entry.action)
    .bind(entry.topic_id)
    .bind(entry.comment_id)
    .bind(entry.subject)
    .bind(entry.reason)
    .execute(conn)
    .await
    .with_context(|| format!("recording {} in the audit log", entry.action))?;
    Ok(())
}

/// The log's columns, as a macro so queries stay `&'static str`.
macro_rules! select {
    () => {
        "SELECT l.id, l.at, l.actor, l.action, t.slug AS topic, l.comment_id, l.subject, l.reason \
         FROM audit_log l LEFT JOIN topics t ON t.id = l.topic_id"
    };
}

/// Which entries of the log to read: those of one topic, one action, one
/// account's, older than entry `before`; at most `limit`, newest first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    pub topic_id: Option<i64>,
    pub action: Option<&'a str>,
    pub actor_id: Option<i64>,
    pub before: Option<i64>,
    pub limit: i64,
}

pub async fn list(conn: &mut AnyConnection, filter: Filter<'_>) -> anyhow::Result<Vec<AuditEntry>> {
    let rows = sqlx::query(concat!(
        select!(),
        " WHERE ($1 IS NULL OR l.topic_id = $1) AND ($2 IS NULL OR l.action = $2) \
          AND ($3 IS NULL OR l.actor_id = $3) AND ($4 IS NULL OR l.id < $4) \
          ORDER BY l.id DESC LIMIT $5"
    ))
    .bind(filter.topic_id)
    .bind(filter.action)
    .bind(filter.actor_id)
    .bind(filter.before)
    .bind(filter.limit)
    .fetch_all(conn)
    .await
    .context("reading the audit log")?;
    rows.iter()
        .map(|row| {
            Ok(AuditEntry {
                id: row.try_get("id")?,
                at: Timestamp(row.try_get("at")?),
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                topic: row.try_get("topic")?,
                comment_id: row.try_get("comment_id")?,
                subject: row.try_get("subject")?,
                reason: row.try_get("reason")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading the audit log")
}
