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

/// The log, newest first: all of it, or one topic's.
pub async fn list(
    conn: &mut AnyConnection,
    topic_id: Option<i64>,
    limit: i64,
) -> anyhow::Result<Vec<AuditEntry>> {
    let rows = match topic_id {
        Some(id) => {
            sqlx::query(concat!(
                select!(),
                " WHERE l.topic_id = $1 ORDER BY l.id DESC LIMIT $2"
            ))
            .bind(id)
            .bind(limit)
            .fetch_all(conn)
            .await
        }
        None => {
            sqlx::query(concat!(select!(), " ORDER BY l.id DESC LIMIT $1"))
                .bind(limit)
                .fetch_all(conn)
                .await
        }
    }
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
