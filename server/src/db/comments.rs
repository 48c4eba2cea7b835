//! Comments on the sections of a draft and on the topic as a whole, with
//! their edits, reactions and official responses.

use anyhow::Context;
use pulse_api::Timestamp;
use pulse_api::markdown::to_safe_html;
use pulse_api::validate::{CommentBody, PostBody, QuoteSelector};
use pulse_api::wire::{NowStatus, Reaction, ResponseStatus, SectionRef, StaffMark};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, FromRow, Row};

/// A comment as stored, with what is needed to decide what each reader
/// sees of it (see `policy::comment_for`).
#[derive(Debug, Clone)]
pub struct CommentRow {
    pub id: i64,
    pub topic_id: i64,
    pub section: String,
    pub version: i64,
    pub parent_id: Option<i64>,
    pub account_id: i64,
    pub author: String,
    /// What the author is to the city, from their role (never their name).
    pub staff: Option<StaffMark>,
    pub body: String,
    /// The body rendered when it was written.
    pub body_html: String,
    pub quote_exact: Option<String>,
    pub quote_prefix: Option<String>,
    pub quote_suffix: Option<String>,
    /// The language of the page it was written on, when known.
    pub lang: Option<pulse_api::i18n::Lang>,
    /// The language of the text it quotes (none: the original's).
    pub quote_lang: Option<pulse_api::i18n::Lang>,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub withdrawn_at: Option<Timestamp>,
    pub hidden_at: Option<Timestamp>,
    pub hidden_reason: Option<String>,
    pub agree: i64,
    pub disagree: i64,
    pub open_flags: i64,
    /// The reaction of the account the comments were read for.
    pub my_reaction: Option<Reaction>,
    pub response: Option<ResponseRow>,
    /// Where it stands in the current version, and the words it was
    /// written on when those changed or were removed.
    pub now_status: NowStatus,
    pub now_section: String,
    pub was: Option<String>,
    /// The revisions it led to a change in (filled by [`with_led_to`]).
    pub led_to: Vec<SectionRef>,
    /// Where the author's latest act on it stands in the public record,
    /// for the account reading when it is theirs: "position:hash".
    pub receipt: Option<String>,
}

/// The standing official response to a comment.
#[derive(Debug, Clone)]
pub struct ResponseRow {
    pub status: ResponseStatus,
    pub body: String,
    pub body_html: String,
    pub author: String,
    pub created_at: Timestamp,
    pub landed: Option<SectionRef>,
}

impl FromRow<'_, AnyRow> for CommentRow {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        let at = |name: &str| -> Result<Option<Timestamp>, sqlx::Error> {
            Ok(row.try_get::<Option<i64>, _>(name)?.map(Timestamp))
        };
        let response = match row.try_get::<Option<String>, _>("response_status")? {
            Some(status) => Some(ResponseRow {
                status: ResponseStatus::parse(&status).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown response status {status}").into())
                })?,
                body: row.try_get("response_body")?,
                body_html: row
                    .try_get::<Option<String>, _>("response_body_html")?
                    .unwrap_or_default(),
                author: row.try_get("response_author")?,
                created_at: Timestamp(row.try_get("response_at")?),
                landed: match (
                    row.try_get::<Option<i64>, _>("landed_version")?,
                    row.try_get::<Option<String>, _>("landed_section")?,
                ) {
                    (Some(version), Some(section)) => Some(SectionRef {
                        version,
                        section,
                        number: row
                            .try_get::<Option<String>, _>("landed_number")?
                            .unwrap_or_default(),
                    }),
                    _ => None,
                },
            }),
            None => None,
        };
        Ok(CommentRow {
            id: row.try_get("id")?,
            topic_id: row.try_get("topic_id")?,
            section: row.try_get("section_anchor")?,
            version: row.try_get("version")?,
            parent_id: row.try_get("parent_id")?,
            account_id: row.try_get("account_id")?,
            author: row.try_get("author")?,
            staff: if row.try_get::<i64, _>("author_hosts")? > 0 {
                Some(StaffMark::TopicHost)
            } else if row.try_get::<String, _>("author_role")? == "admin" {
                Some(StaffMark::CityStaff)
            } else {
                None
            },
            body: row.try_get("body")?,
            body_html: row
                .try_get::<Option<String>, _>("body_html")?
                .unwrap_or_default(),
            quote_exact: row.try_get("quote_exact")?,
            quote_prefix: row.try_get("quote_prefix")?,
            quote_suffix: row.try_get("quote_suffix")?,
            lang: row
                .try_get::<Option<String>, _>("lang")?
                .as_deref()
                .and_then(pulse_api::i18n::Lang::parse),
            quote_lang: row
                .try_get::<Option<String>, _>("quote_lang")?
                .as_deref()
                .and_then(pulse_api::i18n::Lang::parse),
            created_at: Timestamp(row.try_get("created_at")?),
            edited_at: at("edited_at")?,
            withdrawn_at: at("withdrawn_at")?,
            hidden_at: at("hidden_at")?,
            hidden_reason: row.try_get("hidden_reason")?,
            agree: row.try_get("agree_count")?,
            disagree: row.try_get("disagree_count")?,
            open_flags: row.try_get("open_flags")?,
            my_reaction: row
                .try_get::<Option<String>, _>("my_reaction")?
                .as_deref()
                .and_then(Reaction::parse),
            response,
            now_status: NowStatus::parse(&row.try_get::<String, _>("now_status")?)
                .unwrap_or_default(),
            now_section: row.try_get("now_section")?,
            was: row.try_get("was_text")?,
            led_to: Vec::new(),
            receipt: row.try_get("receipt")?,
        })
    }
}

/// A comment's columns, as a macro so queries stay `&'static str` (sqlx
/// refuses SQL built at run time unless told it is safe). `$1` is the
/// account reading, or 0 for nobody.
macro_rules! select {
    () => {
        "SELECT c.id, c.topic_id, c.section_anchor, v.version, c.parent_id, c.account_id, \
         a.display_name AS author, a.role AS author_role, \
         (SELECT COUNT(*) FROM topic_hosts th \
           WHERE th.topic_id = c.topic_id AND th.account_id = c.account_id) AS author_hosts, \
         c.body, c.body_html, c.quote_exact, c.quote_prefix, c.quote_suffix, c.lang, c.quote_lang, \
         c.created_at, c.edited_at, c.withdrawn_at, c.hidden_at, c.hidden_reason, \
         c.agree_count, c.disagree_count, c.open_flags, mr.value AS my_reaction, \
         r.status AS response_status, r.body AS response_body, \
         r.body_html AS response_body_html, \
         ra.display_name AS response_author, r.created_at AS response_at, \
         r.landed_version, r.landed_section, \
         CASE WHEN r.landed_version IS NOT NULL THEN \
           (SELECT ls.number FROM sections ls JOIN draft_versions lv ON lv.id = ls.version_id \
             WHERE lv.topic_id = c.topic_id AND lv.version = r.landed_version \
             AND ls.anchor = r.landed_section) END AS landed_number, \
         c.now_status, c.now_section, \
         CASE WHEN c.now_status IN ('changed', 'removed') THEN COALESCE(c.quote_exact, \
           (SELECT ws.markdown FROM sections ws \
             WHERE ws.version_id = c.version_id AND ws.anchor = c.section_anchor)) \
         END AS was_text, \
         CASE WHEN c.account_id = $1 THEN \
           (SELECT CAST(re.position AS TEXT) || ':' || re.hash FROM record_entries re \
             WHERE re.comment_id = c.id AND re.kind IN ('comment', 'edit', 'withdraw') \
             ORDER BY re.position DESC LIMIT 1) END AS receipt \
         FROM comments c \
         JOIN accounts a ON a.id = c.account_id \
         JOIN draft_versions v ON v.id = c.version_id \
         LEFT JOIN comment_reactions mr ON mr.comment_id = c.id AND mr.account_id = $1 \
         LEFT JOIN official_responses r ON r.id = \
             (SELECT MAX(r2.id) FROM official_responses r2 WHERE r2.comment_id = c.id) \
         LEFT JOIN accounts ra ON ra.id = r.account_id"
    };
}

/// A topic's comments, oldest first, as `viewer` reacted to them.
pub async fn list(
    conn: &mut AnyConnection,
    topic_id: i64,
    viewer: Option<i64>,
) -> anyhow::Result<Vec<CommentRow>> {
    let rows =
        sqlx::query_as::<_, CommentRow>(concat!(select!(), " WHERE c.topic_id = $2 ORDER BY c.id"))
            .bind(viewer.unwrap_or(0))
            .bind(topic_id)
            .fetch_all(&mut *conn)
            .await
            .context("listing comments")?;
    with_led_to(conn, topic_id, rows).await
}

/// Which threads of a topic.
#[derive(Debug, Clone, Copy)]
pub enum Threads<'a> {
    All,
    /// Those that belong to a section now (the General thread's anchor,
    /// or `removed` for those whose section a revision removed).
    Now(&'a str),
    /// Those written on version `version`, of one section of it or all.
    Written {
        version: i64,
        section: Option<&'a str>,
    },
}

/// One page of a topic's threads, oldest first, each with its replies:
/// threads begun after comment `after` (0 from the start), at most `limit`
/// of them, of `threads`. Also whether more threads follow.
pub async fn page(
    conn: &mut AnyConnection,
    topic_id: i64,
    threads: Threads<'_>,
    viewer: Option<i64>,
    after: i64,
    limit: i64,
) -> anyhow::Result<(Vec<CommentRow>, bool)> {
    // The threads are chosen by their first comment, through the index on
    // (topic, section now, id); their replies through the index on the
    // parent (threads are one level deep). Two halves, so that each uses
    // its index whatever the number of comments.
    macro_rules! roots {
        ($threads:literal) => {
            concat!(
                "SELECT t.id FROM comments t WHERE t.topic_id = $2 AND t.parent_id IS NULL \
                 AND t.id > $3 ",
                $threads,
                " ORDER BY t.id LIMIT $5"
            )
        };
    }
    macro_rules! page {
        ($threads:literal) => {
            concat!(
                select!(),
                " WHERE c.id IN (",
                roots!($threads),
                ") UNION ALL ",
                select!(),
                " WHERE c.parent_id IN (",
                roots!($threads),
                ") ORDER BY 1"
            )
        };
    }
    // Every variant names every parameter (PostgreSQL wants each used).
    let (sql, section, version) = match threads {
        Threads::All => (page!("AND $4 = '' AND $6 = 0"), "", 0),
        Threads::Now(anchor) => (page!("AND t.now_section = $4 AND $6 = 0"), anchor, 0),
        Threads::Written { version, section } => (
            page!(
                "AND ($4 = '' OR t.section_anchor = $4) AND t.version_id = \
                 (SELECT wv.id FROM draft_versions wv WHERE wv.topic_id = $2 AND wv.version = $6)"
            ),
            section.unwrap_or(""),
            version,
        ),
    };
    let mut rows = sqlx::query_as::<_, CommentRow>(sql)
        .bind(viewer.unwrap_or(0))
        .bind(topic_id)
        .bind(after)
        .bind(section)
        .bind(limit + 1)
        .bind(version)
        .fetch_all(&mut *conn)
        .await
        .context("listing a page of comments")?;
    let threads = rows.iter().filter(|r| r.parent_id.is_none()).count();
    let more = i64::try_from(threads).unwrap_or(i64::MAX) > limit;
    if more
        && let Some(last) = rows
            .iter()
            .filter(|r| r.parent_id.is_none())
            .map(|r| r.id)
            .max()
    {
        rows.retain(|r| r.parent_id.unwrap_or(r.id) != last);
    }
    Ok((with_led_to(conn, topic_id, rows).await?, more))
}

/// `rows` with the changes each led to.
async fn with_led_to(
    conn: &mut AnyConnection,
    topic_id: i64,
    mut rows: Vec<CommentRow>,
) -> anyhow::Result<Vec<CommentRow>> {
    // One comment (read back after a write, on the hot path) asks for its
    // own only.
    let only = match rows.as_slice() {
        [one] => one.id,
        _ => 0,
    };
    let mut led = super::revisions::led_to(conn, topic_id, only).await?;
    if !led.is_empty() {
        for row in &mut rows {
            row.led_to = led.remove(&row.id).unwrap_or_default();
        }
    }
    Ok(rows)
}

pub async fn find(
    conn: &mut AnyConnection,
    comment_id: i64,
    viewer: Option<i64>,
) -> anyhow::Result<Option<CommentRow>> {
    let row = sqlx::query_as::<_, CommentRow>(concat!(select!(), " WHERE c.id = $2"))
        .bind(viewer.unwrap_or(0))
        .bind(comment_id)
        .fetch_optional(&mut *conn)
        .await
        .context("reading a comment")?;
    match row {
        Some(row) => Ok(with_led_to(conn, row.topic_id, vec![row]).await?.pop()),
        None => Ok(None),
    }
}

pub struct NewComment<'a> {
    pub topic_id: i64,
    pub version_id: i64,
    pub section: &'a str,
    pub parent_id: Option<i64>,
    pub account_id: i64,
    pub body: &'a CommentBody,
    /// `body` rendered (`to_safe_html`), before the write: the writer's
    /// transaction waits for nothing it can do without.
    pub body_html: &'a str,
    pub quote: Option<&'a QuoteSelector>,
    /// The language of the text it quotes.
    pub quote_lang: Option<pulse_api::i18n::Lang>,
    /// The language of the page it is written on.
    pub lang: pulse_api::i18n::Lang,
    pub created_at: Timestamp,
    /// Where it stands in the current version: `current` unless written
    /// on an earlier one.
    pub now_status: NowStatus,
    pub now_section: &'a str,
}

/// Inserts a comment with its first version; returns its id. It is not
/// counted yet: see [`add_to_counts`].
pub async fn insert(conn: &mut AnyConnection, new: NewComment<'_>) -> anyhow::Result<i64> {
    let (id, version) = insert_leaving_version(conn, new).await?;
    if let Some(version) = version {
        insert_versions(conn, &[version]).await?;
    }
    Ok(id)
}

/// [`insert`], but for the comment's first version where it takes a
/// statement of its own (SQLite: it has no writing CTE): that is returned,
/// to be written with others' ([`insert_versions`]).
pub async fn insert_leaving_version(
    conn: &mut AnyConnection,
    new: NewComment<'_>,
) -> anyhow::Result<(i64, Option<FirstVersion>)> {
    macro_rules! insert {
        () => {
            "INSERT INTO comments (topic_id, version_id, section_anchor, parent_id, account_id, \
             body, quote_exact, quote_prefix, quote_suffix, created_at, body_html, lang, \
             quote_lang, now_status, now_section) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             RETURNING id"
        };
    }
    // On PostgreSQL the first version goes with it, one round trip fewer
    // in the writer's batch (SQLite has no writing CTE).
    let postgres = conn.backend_name() == "PostgreSQL";
    let sql = if postgres {
        concat!(
            "WITH c AS (",
            insert!(),
            ", body, created_at), v AS (INSERT INTO comment_versions (comment_id, body, written_at) \
             SELECT id, body, created_at FROM c) SELECT id FROM c"
        )
    } else {
        insert!()
    };
    let id: i64 = sqlx::query_scalar(sql)
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
        .bind(new.body_html)
        .bind(new.lang.code())
        .bind(new.quote_lang.map(|l| l.code()))
        .bind(new.now_status.as_str())
        .bind(new.now_section)
        .fetch_one(&mut *conn)
        .await
        .context("inserting a comment")?;
    let version = (!postgres).then(|| FirstVersion {
        comment_id: id,
        body: new.body.as_str().to_string(),
        at: new.created_at,
    });
    Ok((id, version))
}

/// A comment's first version, left to be written with others.
pub struct FirstVersion {
    pub comment_id: i64,
    pub body: String,
    pub at: Timestamp,
}

/// Versions written by one statement at most.
const VERSIONS_AT_ONCE: usize = 64;

/// Writes comments' first versions, several to a statement.
pub async fn insert_versions(
    conn: &mut AnyConnection,
    versions: &[FirstVersion],
) -> anyhow::Result<()> {
    for chunk in versions.chunks(VERSIONS_AT_ONCE) {
        let sql = format!(
            "INSERT INTO comment_versions (comment_id, body, written_at) VALUES {}",
            super::values_list(chunk.len(), &["", "", ""], 1)
        );
        // Only placeholders are made up here; every value is bound.
        let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
        for version in chunk {
            insert = insert
                .bind(version.comment_id)
                .bind(version.body.as_str())
                .bind(version.at.0);
        }
        insert
            .execute(&mut *conn)
            .await
            .context("keeping comments' versions")?;
    }
    Ok(())
}

/// Adds to sections' counts of comments: for each `(topic_id, anchor,
/// count, earlier)`, `count` comments on `anchor` of `topic_id`, `earlier`
/// of them written on an earlier version ([`insert`] leaves counting to its
/// caller: a writer batch counts once a section). One statement for up to
/// [`COUNTS_AT_ONCE`] sections, each named once.
pub async fn add_to_counts(
    conn: &mut AnyConnection,
    counts: &[(i64, &str, i64, i64)],
) -> anyhow::Result<()> {
    for chunk in counts.chunks(COUNTS_AT_ONCE) {
        let sql = format!(
            "INSERT INTO comment_counts (topic_id, section_anchor, count, earlier) VALUES {} \
             ON CONFLICT (topic_id, section_anchor) \
             DO UPDATE SET count = comment_counts.count + excluded.count, \
             earlier = comment_counts.earlier + excluded.earlier",
            super::values_list(chunk.len(), &["", "", "", ""], 1)
        );
        // Only placeholders are made up here; every value is bound.
        let mut upsert = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (topic_id, anchor, count, earlier) in chunk {
            upsert = upsert
                .bind(*topic_id)
                .bind(*anchor)
                .bind(*count)
                .bind(*earlier);
        }
        upsert
            .execute(&mut *conn)
            .await
            .context("counting comments")?;
    }
    Ok(())
}

/// Sections counted by one statement at most.
pub const COUNTS_AT_ONCE: usize = 64;

async fn add_version(
    conn: &mut AnyConnection,
    comment_id: i64,
    body: &str,
    at: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO comment_versions (comment_id, body, written_at) VALUES ($1, $2, $3)")
        .bind(comment_id)
        .bind(body)
        .bind(at.0)
        .execute(conn)
        .await
        .context("keeping a comment's version")?;
    Ok(())
}

/// Replaces a comment's text, keeping the old one among its versions.
pub async fn edit(
    conn: &mut AnyConnection,
    comment_id: i64,
    body: &CommentBody,
    at: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE comments SET body = $1, edited_at = $2, body_html = $4 WHERE id = $3")
        .bind(body.as_str())
        .bind(at.0)
        .bind(comment_id)
        .bind(to_safe_html(body.as_str()))
        .execute(&mut *conn)
        .await
        .context("editing a comment")?;
    add_version(conn, comment_id, body.as_str(), at).await
}

/// Every text a comment has had, oldest first.
pub async fn versions(
    conn: &mut AnyConnection,
    comment_id: i64,
) -> anyhow::Result<Vec<(String, Timestamp)>> {
    let rows = sqlx::query_as::<_, (String, i64)>(
        "SELECT body, written_at FROM comment_versions WHERE comment_id = $1 ORDER BY id",
    )
    .bind(comment_id)
    .fetch_all(conn)
    .await
    .context("reading a comment's versions")?;
    Ok(rows.into_iter().map(|(b, at)| (b, Timestamp(at))).collect())
}

/// Marks a comment withdrawn by its author; its text stays in the record.
pub async fn withdraw(
    conn: &mut AnyConnection,
    comment_id: i64,
    at: Timestamp,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE comments SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL")
        .bind(at.0)
        .bind(comment_id)
        .execute(conn)
        .await
        .context("withdrawing a comment")?;
    Ok(())
}

/// Sets or clears an account's reaction and recounts the comment's.
pub async fn react(
    conn: &mut AnyConnection,
    comment_id: i64,
    account_id: i64,
    value: Option<Reaction>,
    at: Timestamp,
) -> anyhow::Result<()> {
    match value {
        Some(value) => sqlx::query(
            "INSERT INTO comment_reactions (comment_id, account_id, value, reacted_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (comment_id, account_id) \
             DO UPDATE SET value = excluded.value, reacted_at = excluded.reacted_at",
        )
        .bind(comment_id)
        .bind(account_id)
        .bind(value.as_str())
        .bind(at.0)
        .execute(&mut *conn)
        .await
        .context("recording a reaction")?,
        None => {
            sqlx::query("DELETE FROM comment_reactions WHERE comment_id = $1 AND account_id = $2")
                .bind(comment_id)
                .bind(account_id)
                .execute(&mut *conn)
                .await
                .context("taking back a reaction")?
        }
    };
    sqlx::query(
        "UPDATE comments SET \
         agree_count = (SELECT COUNT(*) FROM comment_reactions r \
                        WHERE r.comment_id = $1 AND r.value = 'agree'), \
         disagree_count = (SELECT COUNT(*) FROM comment_reactions r \
                           WHERE r.comment_id = $1 AND r.value = 'disagree') \
         WHERE id = $1",
    )
    .bind(comment_id)
    .execute(conn)
    .await
    .context("counting reactions")?;
    Ok(())
}

/// Records the host's official response; earlier ones stay in the record.
/// Answers its id.
pub async fn respond(
    conn: &mut AnyConnection,
    comment_id: i64,
    account_id: i64,
    status: ResponseStatus,
    body: &PostBody,
    landed: Option<(i64, &str)>,
    at: Timestamp,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO official_responses (comment_id, account_id, status, body, created_at, \
         body_html, landed_version, landed_section) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id",
    )
    .bind(comment_id)
    .bind(account_id)
    .bind(status.as_str())
    .bind(body.as_str())
    .bind(at.0)
    .bind(to_safe_html(body.as_str()))
    .bind(landed.map(|(version, _)| version))
    .bind(landed.map(|(_, section)| section))
    .fetch_one(conn)
    .await
    .context("recording an official response")
}
