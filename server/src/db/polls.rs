//! Polls, their options and ballots.

use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::i18n::Lang;
use pulse_api::wire::PollKind;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};
use std::collections::HashMap;

pub struct PollRow {
    pub id: i64,
    pub topic_id: i64,
    /// In `lang`: as written, or as the city translated it.
    pub question: String,
    pub section: Option<String>,
    pub kind: PollKind,
    /// The language `question` and the options' labels are in.
    pub lang: Lang,
    /// Its section was removed by the revision after this version.
    pub from_version: Option<i64>,
}

pub struct OptionRow {
    pub id: i64,
    pub poll_id: i64,
    pub label: String,
    pub votes: i64,
}

impl FromRow<'_, AnyRow> for PollRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(PollRow {
            id: row.try_get("id")?,
            topic_id: row.try_get("topic_id")?,
            question: row.try_get("question")?,
            section: row.try_get("section_anchor")?,
            kind: if row.try_get::<String, _>("kind")? == "multiple" {
                PollKind::Multiple
            } else {
                PollKind::Single
            },
            lang: row
                .try_get::<Option<String>, _>("shown_in")?
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or(Lang::ORIGINAL),
            from_version: row.try_get("from_version")?,
        })
    }
}

impl FromRow<'_, AnyRow> for OptionRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(OptionRow {
            id: row.try_get("id")?,
            poll_id: row.try_get("poll_id")?,
            label: row.try_get("label")?,
            votes: row.try_get("votes")?,
        })
    }
}

/// A topic's polls in order, in `lang` where the city translated them.
pub async fn list(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
) -> anyhow::Result<Vec<PollRow>> {
    sqlx::query_as::<_, PollRow>(
        "SELECT p.id, p.topic_id, COALESCE(tr.question, p.question) AS question, \
         p.section_anchor, p.kind, p.from_version, tr.lang AS shown_in FROM polls p \
         LEFT JOIN poll_translations tr ON tr.poll_id = p.id AND tr.lang = $2 \
         WHERE p.topic_id = $1 ORDER BY p.position, p.id",
    )
    .bind(topic_id)
    .bind(lang.code())
    .fetch_all(conn)
    .await
    .context("listing polls")
}

pub async fn find(conn: &mut AnyConnection, poll_id: i64) -> anyhow::Result<Option<PollRow>> {
    sqlx::query_as::<_, PollRow>(
        "SELECT id, topic_id, question, section_anchor, kind, from_version, \
         CAST(NULL AS TEXT) AS shown_in FROM polls WHERE id = $1",
    )
    .bind(poll_id)
    .fetch_optional(conn)
    .await
    .context("reading a poll")
}

/// The options of a topic's polls, in order, with their vote counts; in
/// `lang` where the city translated them.
pub async fn options(
    conn: &mut AnyConnection,
    topic_id: i64,
    lang: Lang,
) -> anyhow::Result<Vec<OptionRow>> {
    sqlx::query_as::<_, OptionRow>(
        "SELECT o.id, o.poll_id, COALESCE(tr.label, o.label) AS label, \
         (SELECT COUNT(*) FROM ballot_choices bc WHERE bc.option_id = o.id) AS votes \
         FROM poll_options o JOIN polls p ON p.id = o.poll_id \
         LEFT JOIN poll_option_translations tr ON tr.option_id = o.id AND tr.lang = $2 \
         WHERE p.topic_id = $1 ORDER BY o.poll_id, o.position, o.id",
    )
    .bind(topic_id)
    .bind(lang.code())
    .fetch_all(conn)
    .await
    .context("reading poll options")
}

/// Ballots cast in one poll: all of them, and those of city staff.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BallotCount {
    pub cast: i64,
    /// Cast by an administrator or a host of the poll's topic.
    pub staff: i64,
}

/// Ballots cast in each of a topic's polls.
pub async fn ballot_counts(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<HashMap<i64, BallotCount>> {
    let rows = sqlx::query(
        "SELECT b.poll_id, COUNT(*) AS cast, \
         SUM(CASE WHEN a.role = 'admin' OR EXISTS (SELECT 1 FROM topic_hosts th \
             WHERE th.topic_id = p.topic_id AND th.account_id = b.account_id) \
             THEN 1 ELSE 0 END) AS staff \
         FROM ballots b JOIN polls p ON p.id = b.poll_id \
         JOIN accounts a ON a.id = b.account_id \
         WHERE p.topic_id = $1 GROUP BY b.poll_id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("counting ballots")?;
    rows.iter()
        .map(|row| {
            let count = BallotCount {
                cast: row.try_get("cast")?,
                staff: row.try_get("staff")?,
            };
            Ok((row.try_get("poll_id")?, count))
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("counting ballots")
}

/// What one account chose in each of a topic's polls.
pub async fn choices_of(
    conn: &mut AnyConnection,
    topic_id: i64,
    account_id: i64,
) -> anyhow::Result<HashMap<i64, Vec<i64>>> {
    let rows = sqlx::query_as::<_, (i64, i64)>(
        "SELECT b.poll_id, bc.option_id FROM ballots b \
         JOIN polls p ON p.id = b.poll_id \
         JOIN ballot_choices bc ON bc.ballot_id = b.id \
         WHERE p.topic_id = $1 AND b.account_id = $2 ORDER BY bc.option_id",
    )
    .bind(topic_id)
    .bind(account_id)
    .fetch_all(conn)
    .await
    .context("reading an account's ballots")?;
    let mut choices: HashMap<i64, Vec<i64>> = HashMap::new();
    for (poll_id, option_id) in rows {
        choices.entry(poll_id).or_default().push(option_id);
    }
    Ok(choices)
}

pub async fn option_ids(conn: &mut AnyConnection, poll_id: i64) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT id FROM poll_options WHERE poll_id = $1")
        .bind(poll_id)
        .fetch_all(conn)
        .await
        .context("reading a poll's options")
}

/// Casts or replaces an account's ballot; run it in a write transaction.
/// The upsert comes first so that, on PostgreSQL, it takes the row lock
/// before anything is read: concurrent ballots from one account queue
/// behind each other and the last one wins whole.
pub async fn put_ballot(
    conn: &mut AnyConnection,
    poll_id: i64,
    account_id: i64,
    options: &[i64],
    now: Timestamp,
) -> anyhow::Result<()> {
    let ballot_id: i64 = sqlx::query_scalar(
        "INSERT INTO ballots (poll_id, account_id, cast_at) VALUES ($1, $2, $3) \
         ON CONFLICT (poll_id, account_id) DO UPDATE SET cast_at = excluded.cast_at \
         RETURNING id",
    )
    .bind(poll_id)
    .bind(account_id)
    .bind(now.0)
    .fetch_one(&mut *conn)
    .await
    .context("upserting a ballot")?;
    replace_choices(conn, ballot_id, options).await
}

async fn replace_choices(
    conn: &mut AnyConnection,
    ballot_id: i64,
    options: &[i64],
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM ballot_choices WHERE ballot_id = $1")
        .bind(ballot_id)
        .execute(&mut *conn)
        .await
        .context("clearing a ballot's choices")?;
    for option in options {
        sqlx::query("INSERT INTO ballot_choices (ballot_id, option_id) VALUES ($1, $2)")
            .bind(ballot_id)
            .bind(option)
            .execute(&mut *conn)
            .await
            .context("recording a choice")?;
    }
    Ok(())
}

pub async fn insert(
    conn: &mut AnyConnection,
    topic_id: i64,
    position: i64,
    section: Option<&str>,
    question: &str,
    kind: PollKind,
    options: &[&str],
) -> anyhow::Result<i64> {
    let poll_id: i64 = sqlx::query_scalar(
        "INSERT INTO polls (topic_id, position, section_anchor, question, kind) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(topic_id)
    .bind(position)
    .bind(section)
    .bind(question)
    .bind(match kind {
        PollKind::Single => "single",
        PollKind::Multiple => "multiple",
    })
    .fetch_one(&mut *conn)
    .await
    .context("inserting a poll")?;
    for (position, label) in options.iter().enumerate() {
        sqlx::query("INSERT INTO poll_options (poll_id, position, label) VALUES ($1, $2, $3)")
            .bind(poll_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(*label)
            .execute(&mut *conn)
            .await
            .context("inserting a poll option")?;
    }
    Ok(poll_id)
}

/// Writes a poll's question and options in `lang`, the options by the
/// original's positions.
pub async fn insert_translation(
    conn: &mut AnyConnection,
    poll_id: i64,
    lang: Lang,
    question: &str,
    options: &[String],
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO poll_translations (poll_id, lang, question) VALUES ($1, $2, $3)")
        .bind(poll_id)
        .bind(lang.code())
        .bind(question)
        .execute(&mut *conn)
        .await
        .context("inserting a poll's translation")?;
    for (position, label) in options.iter().enumerate() {
        let done = sqlx::query(
            "INSERT INTO poll_option_translations (option_id, lang, label) \
             SELECT o.id, $3, $4 FROM poll_options o WHERE o.poll_id = $1 AND o.position = $2",
        )
        .bind(poll_id)
        .bind(i64::try_from(position)?)
        .bind(lang.code())
        .bind(label)
        .execute(&mut *conn)
        .await
        .context("inserting a poll option's translation")?;
        anyhow::ensure!(
            done.rows_affected() == 1,
            "the poll has no option at position {position} to translate"
        );
    }
    Ok(())
}

/// A revision moved the polls about section `from` to its successor `to`,
/// or, when it has none, says they were asked on version `version`.
pub async fn follow_section(
    conn: &mut AnyConnection,
    topic_id: i64,
    from: &str,
    to: Option<&str>,
    version: i64,
) -> anyhow::Result<()> {
    match to {
        Some(to) => {
            sqlx::query(
                "UPDATE polls SET section_anchor = $1 \
             WHERE topic_id = $2 AND section_anchor = $3 AND from_version IS NULL",
            )
            .bind(to)
            .bind(topic_id)
            .bind(from)
            .execute(conn)
            .await
        }
        None => {
            sqlx::query(
                "UPDATE polls SET from_version = $1 \
             WHERE topic_id = $2 AND section_anchor = $3 AND from_version IS NULL",
            )
            .bind(version)
            .bind(topic_id)
            .bind(from)
            .execute(conn)
            .await
        }
    }
    .context("moving a poll with its section")?;
    Ok(())
}

/// Holds a topic's polls until the transaction ends, so that no ballot
/// lands on one between counting its ballots and changing it (PostgreSQL:
/// a ballot's foreign key waits on the row lock; SQLite has one writer).
pub async fn hold(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<()> {
    if conn.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    sqlx::query("SELECT id FROM polls WHERE topic_id = $1 ORDER BY id FOR UPDATE")
        .bind(topic_id)
        .fetch_all(conn)
        .await
        .context("holding a topic's polls")?;
    Ok(())
}

/// Deletes a poll nobody has voted in, with its options and translations;
/// one with ballots stays (answers whether it went).
pub async fn delete(conn: &mut AnyConnection, poll_id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM polls WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM ballots WHERE poll_id = $1)",
    )
    .bind(poll_id)
    .execute(conn)
    .await
    .context("deleting a poll")?;
    Ok(done.rows_affected() == 1)
}

/// Removes a poll's question and options in `lang`.
pub async fn delete_translation(
    conn: &mut AnyConnection,
    poll_id: i64,
    lang: Lang,
) -> anyhow::Result<()> {
    sqlx::query(
        "DELETE FROM poll_option_translations WHERE lang = $2 \
         AND option_id IN (SELECT id FROM poll_options WHERE poll_id = $1)",
    )
    .bind(poll_id)
    .bind(lang.code())
    .execute(&mut *conn)
    .await
    .context("removing a poll's translated options")?;
    sqlx::query("DELETE FROM poll_translations WHERE poll_id = $1 AND lang = $2")
        .bind(poll_id)
        .bind(lang.code())
        .execute(conn)
        .await
        .context("removing a poll's translation")?;
    Ok(())
}
