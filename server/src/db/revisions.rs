//! Versions of a draft and what each revision made of the one before: the
//! sections' matching as it was decided when the version was published
//! (kept, never recomputed), the anchors that lead to each section, the
//! notes saying why a section changed and the comments that led to it,
//! and where each comment stands in the current version.

use crate::revisions::{Change, Matched, Matching};
use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::markdown::to_safe_html;
use pulse_api::wire::{NowStatus, SectionRef};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// Makes the topic's comments and its revisions take turns. A revision
/// holds the topic exclusively for its transaction; a comment holds it
/// shared, so comments do not wait for each other. On SQLite every write
/// transaction already has the database to itself (`BEGIN IMMEDIATE`).
pub async fn hold_topic(
    conn: &mut AnyConnection,
    topic_id: i64,
    exclusively: bool,
) -> anyhow::Result<()> {
    if conn.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    let sql = if exclusively {
        "SELECT id FROM topics WHERE id = $1 FOR UPDATE"
    } else {
        "SELECT id FROM topics WHERE id = $1 FOR KEY SHARE"
    };
    sqlx::query(sql)
        .bind(topic_id)
        .execute(conn)
        .await
        .context("holding a topic against a revision")?;
    Ok(())
}

/// Holds the topics named by `slugs` shared, as [`hold_topic`] holds one,
/// by one statement, in the topics' order; their ids, in that order (on
/// SQLite, read only).
pub async fn hold_topics(conn: &mut AnyConnection, slugs: &[&str]) -> anyhow::Result<Vec<i64>> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let lock = if conn.backend_name() == "PostgreSQL" {
        " FOR KEY SHARE"
    } else {
        ""
    };
    let sql = format!(
        "SELECT id FROM topics WHERE slug IN ({}) ORDER BY id{lock}",
        super::placeholders(slugs.len(), 1)
    );
    // Only placeholders are made up here; every value is bound.
    let mut held = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
    for slug in slugs {
        held = held.bind(*slug);
    }
    held.fetch_all(conn)
        .await
        .context("holding topics against a revision")
}

/// A version of a topic's draft as stored.
#[derive(Debug, Clone)]
pub struct VersionRow {
    pub id: i64,
    pub version: i64,
    pub title: String,
    pub markdown: String,
    pub published_at: Timestamp,
    pub note: String,
    pub note_html: String,
    /// Who published it, when an account did.
    pub published_by: Option<String>,
}

macro_rules! version_columns {
    () => {
        "SELECT v.id, v.version, v.title, v.markdown, v.published_at, v.note, v.note_html, \
         a.display_name AS published_by \
         FROM draft_versions v LEFT JOIN accounts a ON a.id = v.published_by "
    };
}

fn version_row(row: &sqlx::any::AnyRow) -> Result<VersionRow, sqlx::Error> {
    Ok(VersionRow {
        id: row.try_get("id")?,
        version: row.try_get("version")?,
        title: row.try_get("title")?,
        markdown: row.try_get("markdown")?,
        published_at: Timestamp(row.try_get("published_at")?),
        note: row.try_get("note")?,
        note_html: row.try_get("note_html")?,
        published_by: row
            .try_get::<Option<String>, _>("published_by")?
            .filter(|name| !name.is_empty()),
    })
}

/// A topic's versions, oldest first.
pub async fn versions(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<VersionRow>> {
    let rows = sqlx::query(concat!(
        version_columns!(),
        "WHERE v.topic_id = $1 ORDER BY v.version"
    ))
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("listing a draft's versions")?;
    rows.iter()
        .map(version_row)
        .collect::<Result<_, _>>()
        .context("reading a draft's versions")
}

/// Version `number` of a topic's draft.
pub async fn version(
    conn: &mut AnyConnection,
    topic_id: i64,
    number: i64,
) -> anyhow::Result<Option<VersionRow>> {
    let row = sqlx::query(concat!(
        version_columns!(),
        "WHERE v.topic_id = $1 AND v.version = $2"
    ))
    .bind(topic_id)
    .bind(number)
    .fetch_optional(conn)
    .await
    .context("reading a draft version")?;
    row.as_ref()
        .map(version_row)
        .transpose()
        .context("reading a draft version")
}

/// A section of a version as stored, with how it came from the version
/// before (none in a first version).
#[derive(Debug, Clone)]
pub struct SectionRow {
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub level: u8,
    pub markdown: String,
    pub html: String,
    pub change: Option<Change>,
}

fn section_row(row: &sqlx::any::AnyRow) -> Result<SectionRow, sqlx::Error> {
    Ok(SectionRow {
        anchor: row.try_get("anchor")?,
        number: row.try_get("number")?,
        heading: row.try_get("heading")?,
        level: u8::try_from(row.try_get::<i64, _>("level")?).unwrap_or(u8::MAX),
        markdown: row.try_get("markdown")?,
        html: row
            .try_get::<Option<String>, _>("html")?
            .unwrap_or_default(),
        change: row
            .try_get::<Option<String>, _>("change")?
            .as_deref()
            .and_then(Change::parse),
    })
}

/// A version's sections in order, as written.
pub async fn sections(
    conn: &mut AnyConnection,
    version_id: i64,
) -> anyhow::Result<Vec<SectionRow>> {
    let rows = sqlx::query(
        "SELECT anchor, number, heading, level, markdown, html, change FROM sections \
         WHERE version_id = $1 ORDER BY position",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await
    .context("reading a version's sections")?;
    rows.iter()
        .map(section_row)
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a version's sections")
}

/// Every section text of every version of a topic, plain Markdown, by
/// (version id, anchor): what comments were written on.
pub async fn all_section_texts(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<HashMap<(i64, String), String>> {
    let rows = sqlx::query(
        "SELECT s.version_id, s.anchor, s.markdown FROM sections s \
         JOIN draft_versions v ON v.id = s.version_id WHERE v.topic_id = $1",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading a topic's section texts")?;
    rows.iter()
        .map(|row| {
            Ok((
                (row.try_get("version_id")?, row.try_get("anchor")?),
                row.try_get("markdown")?,
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a topic's section texts")
}

/// Keeps what revision `version_id` made of the version before.
pub async fn insert_matching(
    conn: &mut AnyConnection,
    version_id: i64,
    matching: &Matching,
) -> anyhow::Result<()> {
    for section in &matching.sections {
        sqlx::query("UPDATE sections SET change = $1 WHERE version_id = $2 AND anchor = $3")
            .bind(section.change.as_str())
            .bind(version_id)
            .bind(&section.anchor)
            .execute(&mut *conn)
            .await
            .context("keeping a section's change")?;
        for previous in &section.previous {
            sqlx::query(
                "INSERT INTO section_sources (version_id, anchor, previous_anchor) \
                 VALUES ($1, $2, $3)",
            )
            .bind(version_id)
            .bind(&section.anchor)
            .bind(previous)
            .execute(&mut *conn)
            .await
            .context("keeping where a section came from")?;
        }
    }
    for removed in &matching.removed {
        sqlx::query("INSERT INTO removed_sections (version_id, previous_anchor) VALUES ($1, $2)")
            .bind(version_id)
            .bind(removed)
            .execute(&mut *conn)
            .await
            .context("keeping a removed section")?;
    }
    Ok(())
}

/// What revision `version_id` made of the version before, as kept; a
/// first version's sections are all `added`.
pub async fn matching(conn: &mut AnyConnection, version_id: i64) -> anyhow::Result<Matching> {
    let sections = sections(&mut *conn, version_id).await?;
    let sources = sqlx::query_as::<_, (String, String)>(
        "SELECT anchor, previous_anchor FROM section_sources WHERE version_id = $1 \
         ORDER BY anchor, previous_anchor",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading where sections came from")?;
    let mut from: HashMap<String, Vec<String>> = HashMap::new();
    for (anchor, previous) in sources {
        from.entry(anchor).or_default().push(previous);
    }
    let removed = sqlx::query_scalar::<_, String>(
        "SELECT previous_anchor FROM removed_sections WHERE version_id = $1 \
         ORDER BY previous_anchor",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading removed sections")?;
    Ok(Matching {
        sections: sections
            .into_iter()
            .map(|s| Matched {
                previous: from.remove(&s.anchor).unwrap_or_default(),
                change: s.change.unwrap_or(Change::Added),
                anchor: s.anchor,
            })
            .collect(),
        removed,
    })
}

/// Keeps the anchors of earlier versions that lead to each section of
/// version `version_id` (alias, section).
pub async fn insert_aliases(
    conn: &mut AnyConnection,
    version_id: i64,
    aliases: &[(String, String)],
) -> anyhow::Result<()> {
    for (alias, anchor) in aliases {
        sqlx::query(
            "INSERT INTO section_aliases (version_id, alias, anchor) VALUES ($1, $2, $3) \
             ON CONFLICT (version_id, alias, anchor) DO NOTHING",
        )
        .bind(version_id)
        .bind(alias)
        .bind(anchor)
        .execute(&mut *conn)
        .await
        .context("keeping an old anchor")?;
    }
    Ok(())
}

/// The anchors of earlier versions that lead to each section of a
/// version: (alias, section), by alias.
pub async fn aliases(
    conn: &mut AnyConnection,
    version_id: i64,
) -> anyhow::Result<Vec<(String, String)>> {
    sqlx::query_as::<_, (String, String)>(
        "SELECT alias, anchor FROM section_aliases WHERE version_id = $1 ORDER BY alias, anchor",
    )
    .bind(version_id)
    .fetch_all(conn)
    .await
    .context("reading old anchors")
}

/// Keeps why a section changed in a revision.
pub async fn insert_note(
    conn: &mut AnyConnection,
    version_id: i64,
    anchor: &str,
    note: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO revision_notes (version_id, anchor, note, note_html) VALUES ($1, $2, $3, $4)",
    )
    .bind(version_id)
    .bind(anchor)
    .bind(note)
    .bind(to_safe_html(note))
    .execute(conn)
    .await
    .context("keeping why a section changed")?;
    Ok(())
}

/// Keeps that a comment led to a change of a section in a revision.
pub async fn insert_led_to(
    conn: &mut AnyConnection,
    comment_id: i64,
    version_id: i64,
    anchor: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO comment_changes (comment_id, version_id, anchor) VALUES ($1, $2, $3) \
         ON CONFLICT (comment_id, version_id, anchor) DO NOTHING",
    )
    .bind(comment_id)
    .bind(version_id)
    .bind(anchor)
    .execute(conn)
    .await
    .context("keeping what a comment led to")?;
    Ok(())
}

/// A revision's notes by section: (note, note as HTML, the comments that
/// led to it).
pub async fn notes(
    conn: &mut AnyConnection,
    version_id: i64,
) -> anyhow::Result<HashMap<String, (String, String, Vec<i64>)>> {
    let rows =
        sqlx::query("SELECT anchor, note, note_html FROM revision_notes WHERE version_id = $1")
            .bind(version_id)
            .fetch_all(&mut *conn)
            .await
            .context("reading a revision's notes")?;
    let mut notes: HashMap<String, (String, String, Vec<i64>)> = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get("anchor")?,
                (row.try_get("note")?, row.try_get("note_html")?, Vec::new()),
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a revision's notes")?;
    let led = sqlx::query_as::<_, (String, i64)>(
        "SELECT anchor, comment_id FROM comment_changes WHERE version_id = $1 \
         ORDER BY anchor, comment_id",
    )
    .bind(version_id)
    .fetch_all(&mut *conn)
    .await
    .context("reading the comments a revision followed")?;
    for (anchor, comment) in led {
        notes.entry(anchor).or_default().2.push(comment);
    }
    Ok(notes)
}

/// Every change each comment of a topic led to (of comment `only`, when
/// not 0), by comment id.
pub async fn led_to(
    conn: &mut AnyConnection,
    topic_id: i64,
    only: i64,
) -> anyhow::Result<HashMap<i64, Vec<SectionRef>>> {
    let rows = sqlx::query(
        "SELECT cc.comment_id, v.version, cc.anchor, s.number FROM comment_changes cc \
         JOIN draft_versions v ON v.id = cc.version_id \
         JOIN sections s ON s.version_id = cc.version_id AND s.anchor = cc.anchor \
         WHERE v.topic_id = $1 AND ($2 = 0 OR cc.comment_id = $2) \
         ORDER BY cc.comment_id, v.version, s.position",
    )
    .bind(topic_id)
    .bind(only)
    .fetch_all(conn)
    .await
    .context("reading what comments led to")?;
    let mut led: HashMap<i64, Vec<SectionRef>> = HashMap::new();
    for row in &rows {
        led.entry(row.try_get("comment_id")?)
            .or_default()
            .push(SectionRef {
                version: row.try_get("version")?,
                section: row.try_get("anchor")?,
                number: row.try_get("number")?,
            });
    }
    Ok(led)
}

/// The passage a comment quotes, with its context.
#[derive(Debug, Clone)]
pub struct QuoteText {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// A comment as a revision follows it.
#[derive(Debug, Clone)]
pub struct Following {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub version_id: i64,
    pub section: String,
    pub quote: Option<QuoteText>,
    /// The quote was taken from a translation.
    pub quote_translated: bool,
    pub now_status: NowStatus,
    pub now_section: String,
}

/// Every comment of a topic, threads before their replies, as a revision
/// follows them.
pub async fn following(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<Following>> {
    let rows = sqlx::query(
        "SELECT id, parent_id, version_id, section_anchor, quote_exact, quote_prefix, \
         quote_suffix, quote_lang, now_status, now_section FROM comments \
         WHERE topic_id = $1 ORDER BY id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading the comments a revision follows")?;
    rows.iter()
        .map(|row| {
            let exact: Option<String> = row.try_get("quote_exact")?;
            let quote_lang: Option<String> = row.try_get("quote_lang")?;
            Ok(Following {
                id: row.try_get("id")?,
                parent_id: row.try_get("parent_id")?,
                version_id: row.try_get("version_id")?,
                section: row.try_get("section_anchor")?,
                quote: match exact {
                    Some(exact) => Some(QuoteText {
                        exact,
                        prefix: row
                            .try_get::<Option<String>, _>("quote_prefix")?
                            .unwrap_or_default(),
                        suffix: row
                            .try_get::<Option<String>, _>("quote_suffix")?
                            .unwrap_or_default(),
                    }),
                    None => None,
                },
                quote_translated: quote_lang.is_some_and(|l| l != "en"),
                now_status: NowStatus::parse(&row.try_get::<String, _>("now_status")?)
                    .unwrap_or_default(),
                now_section: row.try_get("now_section")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading the comments a revision follows")
}

/// Says where a comment stands in the current version.
pub async fn set_now(
    conn: &mut AnyConnection,
    comment_id: i64,
    status: NowStatus,
    section: &str,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE comments SET now_status = $1, now_section = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(section)
        .bind(comment_id)
        .execute(conn)
        .await
        .context("saying where a comment stands now")?;
    Ok(())
}

/// Counts a topic's comments anew by the section each belongs to now.
pub async fn recount(
    conn: &mut AnyConnection,
    topic_id: i64,
    current_version_id: i64,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM comment_counts WHERE topic_id = $1")
        .bind(topic_id)
        .execute(&mut *conn)
        .await
        .context("recounting comments")?;
    sqlx::query(
        "INSERT INTO comment_counts (topic_id, section_anchor, count, earlier) \
         SELECT topic_id, now_section, COUNT(*), \
         SUM(CASE WHEN version_id = $2 THEN 0 ELSE 1 END) \
         FROM comments WHERE topic_id = $1 GROUP BY topic_id, now_section",
    )
    .bind(topic_id)
    .bind(current_version_id)
    .execute(conn)
    .await
    .context("recounting comments")?;
    Ok(())
}

/// Comments in each thread of a topic now (anchor → (count, of them from
/// earlier versions)).
pub async fn counts(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<HashMap<String, (i64, i64)>> {
    let rows = sqlx::query(
        "SELECT section_anchor, count, earlier FROM comment_counts WHERE topic_id = $1",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("counting comments per section")?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("section_anchor")?,
                (row.try_get("count")?, row.try_get("earlier")?),
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("counting comments per section")
}

/// A version by its id: its topic and number.
pub async fn number_of(
    conn: &mut AnyConnection,
    version_id: i64,
) -> anyhow::Result<Option<(i64, i64)>> {
    sqlx::query_as::<_, (i64, i64)>("SELECT topic_id, version FROM draft_versions WHERE id = $1")
        .bind(version_id)
        .fetch_optional(conn)
        .await
        .context("reading a version's number")
}

/// A section by its id: the version it belongs to, and the section.
pub async fn section_by_id(
    conn: &mut AnyConnection,
    section_id: i64,
) -> anyhow::Result<Option<(i64, SectionRow)>> {
    let row = sqlx::query(
        "SELECT version_id, anchor, number, heading, level, markdown, html, change \
         FROM sections WHERE id = $1",
    )
    .bind(section_id)
    .fetch_optional(conn)
    .await
    .context("reading a section")?;
    row.map(|row| Ok((row.try_get("version_id")?, section_row(&row)?)))
        .transpose()
        .map_err(|e: sqlx::Error| anyhow::Error::from(e).context("reading a section"))
}

/// One of a person's comments that led to a change in a revision: its
/// text, and the section it changed (anchor, number, heading) with why.
pub struct LedTo {
    pub comment_id: i64,
    pub body: String,
    pub anchor: String,
    pub number: String,
    pub heading: String,
    pub note: Option<String>,
}

/// The comments of the account at `email` that led to a change in
/// revision `version_id`, oldest first.
pub async fn led_to_of(
    conn: &mut AnyConnection,
    version_id: i64,
    email: &str,
) -> anyhow::Result<Vec<LedTo>> {
    let rows = sqlx::query(
        "SELECT c.id, c.body, cc.anchor, s.number, s.heading, rn.note \
         FROM comment_changes cc \
         JOIN comments c ON c.id = cc.comment_id \
         JOIN accounts a ON a.id = c.account_id \
         JOIN sections s ON s.version_id = cc.version_id AND s.anchor = cc.anchor \
         LEFT JOIN revision_notes rn ON rn.version_id = cc.version_id AND rn.anchor = cc.anchor \
         WHERE cc.version_id = $1 AND a.email = $2 ORDER BY c.id, s.position",
    )
    .bind(version_id)
    .bind(email)
    .fetch_all(conn)
    .await
    .context("reading the comments a revision followed")?;
    rows.iter()
        .map(|row| {
            Ok(LedTo {
                comment_id: row.try_get("id")?,
                body: row.try_get("body")?,
                anchor: row.try_get("anchor")?,
                number: row.try_get("number")?,
                heading: row.try_get("heading")?,
                note: row.try_get("note")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading the comments a revision followed")
}

/// A thread of a topic, neither hidden nor withdrawn: who wrote it (empty
/// for an account since deleted) and its text.
pub struct Brief {
    pub id: i64,
    pub author: String,
    pub body: String,
}

/// A topic's threads that are neither hidden nor withdrawn, oldest first:
/// what a revision's preview lists beside its sections.
pub async fn briefs(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<Brief>> {
    let rows = sqlx::query(
        "SELECT c.id, CASE WHEN a.deleted_at IS NULL THEN a.display_name ELSE '' END AS author, \
         c.body FROM comments c JOIN accounts a ON a.id = c.account_id \
         WHERE c.topic_id = $1 AND c.parent_id IS NULL \
         AND c.hidden_at IS NULL AND c.withdrawn_at IS NULL ORDER BY c.id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading a topic's threads")?;
    rows.iter()
        .map(|row| {
            Ok(Brief {
                id: row.try_get("id")?,
                author: row.try_get("author")?,
                body: row.try_get("body")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a topic's threads")
}
