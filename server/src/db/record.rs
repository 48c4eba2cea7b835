//! The public record's rows: each topic's chain of entries, and its head,
//! the row the writers of one topic take their turn on. Entries are only
//! appended; the one change the schema lets through is an erased text.

use crate::record::GENESIS;
use anyhow::Context;
use sqlx::{AnyConnection, Row, any::AnyRow};

/// The last entry of a chain: position 0 and [`GENESIS`] before the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub position: i64,
    pub hash: String,
}

/// The head of a topic's chain, held until the transaction ends: on
/// PostgreSQL by its row's lock, which every writer of the topic takes
/// before it extends the chain (SQLite has one writer at a time).
pub async fn hold_head(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Head> {
    // One query once the chain has begun: every comment takes this path.
    if let Some(head) = lock_head(conn, topic_id).await? {
        return Ok(head);
    }
    sqlx::query(
        "INSERT INTO record_heads (topic_id, position, hash) VALUES ($1, 0, $2) \
         ON CONFLICT (topic_id) DO NOTHING",
    )
    .bind(topic_id)
    .bind(GENESIS)
    .execute(&mut *conn)
    .await
    .context("starting a topic's record")?;
    lock_head(conn, topic_id)
        .await?
        .context("a topic's record head vanished as it was made")
}

async fn lock_head(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Option<Head>> {
    let held = if conn.backend_name() == "PostgreSQL" {
        "SELECT position, hash FROM record_heads WHERE topic_id = $1 FOR UPDATE"
    } else {
        "SELECT position, hash FROM record_heads WHERE topic_id = $1"
    };
    let row = sqlx::query(held)
        .bind(topic_id)
        .fetch_optional(conn)
        .await
        .context("holding a topic's record")?;
    row.map(|row| {
        Ok(Head {
            position: row.try_get("position")?,
            hash: row.try_get("hash")?,
        })
    })
    .transpose()
}

/// The head of a topic's chain as it is now, unheld; `None` before its
/// first entry.
pub async fn head(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Option<Head>> {
    let row = sqlx::query("SELECT position, hash FROM record_heads WHERE topic_id = $1")
        .bind(topic_id)
        .fetch_optional(conn)
        .await
        .context("reading a topic's record head")?;
    row.map(|row| {
        Ok(Head {
            position: row.try_get("position")?,
            hash: row.try_get("hash")?,
        })
    })
    .transpose()
    .map(|head| head.filter(|h: &Head| h.position > 0))
}

/// An entry to append: the caller holds the head, and the hashes are made.
pub struct NewEntry {
    pub topic_id: i64,
    pub position: i64,
    pub at: i64,
    pub kind: &'static str,
    pub item: Option<String>,
    pub comment_id: Option<i64>,
    pub content: String,
    pub content_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Appends an entry, and makes it the chain's head.
pub async fn append(conn: &mut AnyConnection, entry: &NewEntry) -> anyhow::Result<()> {
    insert_entries(conn, std::slice::from_ref(entry)).await?;
    move_head(
        conn,
        entry.topic_id,
        entry.position - 1,
        &Head {
            position: entry.position,
            hash: entry.hash.clone(),
        },
    )
    .await
}

/// Entries written by one statement at most: ten values each, well within
/// what either database takes in one statement.
const ENTRIES_AT_ONCE: usize = 32;

/// Writes `entries` (not moving any head), several to a statement.
pub async fn insert_entries(conn: &mut AnyConnection, entries: &[NewEntry]) -> anyhow::Result<()> {
    for chunk in entries.chunks(ENTRIES_AT_ONCE) {
        let sql = format!(
            "INSERT INTO record_entries (topic_id, position, at, kind, item, comment_id, content, \
             content_hash, prev_hash, hash) VALUES {}",
            super::values_list(chunk.len(), &[""; 10], 1)
        );
        // Only placeholders are made up here; every value is bound.
        let mut insert = sqlx::query(sqlx::AssertSqlSafe(sql));
        for entry in chunk {
            insert = insert
                .bind(entry.topic_id)
                .bind(entry.position)
                .bind(entry.at)
                .bind(entry.kind)
                .bind(entry.item.as_deref())
                .bind(entry.comment_id)
                .bind(entry.content.as_str())
                .bind(entry.content_hash.as_str())
                .bind(entry.prev_hash.as_str())
                .bind(entry.hash.as_str());
        }
        insert
            .execute(&mut *conn)
            .await
            .context("appending to the public record")?;
    }
    Ok(())
}

/// Moves `topic_id`'s head from position `from`, where it was held, to
/// `to`.
pub async fn move_head(
    conn: &mut AnyConnection,
    topic_id: i64,
    from: i64,
    to: &Head,
) -> anyhow::Result<()> {
    let moved = sqlx::query(
        "UPDATE record_heads SET position = $1, hash = $2 WHERE topic_id = $3 AND position = $4",
    )
    .bind(to.position)
    .bind(&to.hash)
    .bind(topic_id)
    .bind(from)
    .execute(conn)
    .await
    .context("moving the record's head")?;
    anyhow::ensure!(
        moved.rows_affected() == 1,
        "the record's head moved while it was held"
    );
    Ok(())
}

/// The heads of the chains of `topic_ids` (in their order, each once),
/// held as [`hold_head`] holds one: those of chains begun by one statement,
/// which takes them in the topics' order.
pub async fn hold_heads(
    conn: &mut AnyConnection,
    topic_ids: &[i64],
) -> anyhow::Result<Vec<(i64, Head)>> {
    if topic_ids.is_empty() {
        return Ok(Vec::new());
    }
    let lock = if conn.backend_name() == "PostgreSQL" {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!(
        "SELECT topic_id, position, hash FROM record_heads WHERE topic_id IN ({}) \
         ORDER BY topic_id{lock}",
        super::placeholders(topic_ids.len(), 1)
    );
    // Only placeholders are made up here; every value is bound.
    let mut held = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in topic_ids {
        held = held.bind(*id);
    }
    let rows = held
        .fetch_all(&mut *conn)
        .await
        .context("holding topics' records")?;
    let mut found = std::collections::BTreeMap::new();
    for row in rows {
        found.insert(
            row.try_get::<i64, _>("topic_id")?,
            Head {
                position: row.try_get("position")?,
                hash: row.try_get("hash")?,
            },
        );
    }
    let mut heads = Vec::with_capacity(topic_ids.len());
    for id in topic_ids {
        let head = match found.remove(id) {
            Some(head) => head,
            // A chain not begun yet: begun, and held, on its own.
            None => hold_head(conn, *id).await?,
        };
        heads.push((*id, head));
    }
    Ok(heads)
}

/// Moves heads held, each `(topic_id, from, to)` as [`move_head`], by one
/// statement.
pub async fn move_heads(
    conn: &mut AnyConnection,
    moves: &[(i64, i64, Head)],
) -> anyhow::Result<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE record_heads SET position = v.column3, hash = v.column4 \
         FROM (VALUES {}) AS v \
         WHERE record_heads.topic_id = v.column1 AND record_heads.position = v.column2",
        super::values_list(moves.len(), &["BIGINT", "BIGINT", "BIGINT", "TEXT"], 1)
    );
    // Only placeholders are made up here; every value is bound.
    let mut moved = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (topic_id, from, to) in moves {
        moved = moved
            .bind(*topic_id)
            .bind(*from)
            .bind(to.position)
            .bind(to.hash.as_str());
    }
    let moved = moved
        .execute(&mut *conn)
        .await
        .context("moving records' heads")?;
    anyhow::ensure!(
        moved.rows_affected() == moves.len() as u64,
        "a record's head moved while it was held"
    );
    Ok(())
}

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub position: i64,
    pub at: i64,
    pub kind: String,
    pub item: Option<String>,
    pub comment_id: Option<i64>,
    /// `None` once erased.
    pub content: Option<String>,
    pub content_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

impl EntryRow {
    /// The entry as the chain checks it.
    pub fn stored(&self) -> crate::record::Stored<'_> {
        crate::record::Stored {
            position: self.position,
            at: self.at,
            kind: &self.kind,
            item: self.item.as_deref(),
            content: self.content.as_deref(),
            content_hash: &self.content_hash,
            prev_hash: &self.prev_hash,
            hash: &self.hash,
        }
    }
}

fn entry(row: &AnyRow) -> Result<EntryRow, sqlx::Error> {
    Ok(EntryRow {
        position: row.try_get("position")?,
        at: row.try_get("at")?,
        kind: row.try_get("kind")?,
        item: row.try_get("item")?,
        comment_id: row.try_get("comment_id")?,
        content: row.try_get("content")?,
        content_hash: row.try_get("content_hash")?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

/// An entry's columns, as a macro so queries stay `&'static str`.
macro_rules! columns {
    () => {
        "SELECT position, at, kind, item, comment_id, content, content_hash, prev_hash, hash \
         FROM record_entries "
    };
}

/// A topic's entries after position `after`, in order, at most `limit`.
pub async fn entries(
    conn: &mut AnyConnection,
    topic_id: i64,
    after: i64,
    limit: i64,
) -> anyhow::Result<Vec<EntryRow>> {
    let rows = sqlx::query(concat!(
        columns!(),
        "WHERE topic_id = $1 AND position > $2 ORDER BY position LIMIT $3"
    ))
    .bind(topic_id)
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await
    .context("reading the public record")?;
    rows.iter()
        .map(entry)
        .collect::<Result<_, _>>()
        .context("reading the public record")
}

/// A topic's last `limit` entries before position `before`, in order.
pub async fn entries_before(
    conn: &mut AnyConnection,
    topic_id: i64,
    before: i64,
    limit: i64,
) -> anyhow::Result<Vec<EntryRow>> {
    let rows = sqlx::query(concat!(
        columns!(),
        "WHERE topic_id = $1 AND position < $2 ORDER BY position DESC LIMIT $3"
    ))
    .bind(topic_id)
    .bind(before)
    .bind(limit)
    .fetch_all(conn)
    .await
    .context("reading the public record")?;
    let mut found = rows
        .iter()
        .map(entry)
        .collect::<Result<Vec<_>, _>>()
        .context("reading the public record")?;
    found.reverse();
    Ok(found)
}

/// The entries about one comment, in order.
pub async fn of_comment(
    conn: &mut AnyConnection,
    comment_id: i64,
) -> anyhow::Result<Vec<EntryRow>> {
    let rows = sqlx::query(concat!(
        columns!(),
        "WHERE comment_id = $1 ORDER BY position"
    ))
    .bind(comment_id)
    .fetch_all(conn)
    .await
    .context("reading a comment's record")?;
    rows.iter()
        .map(entry)
        .collect::<Result<_, _>>()
        .context("reading a comment's record")
}

/// The topics that have a record, by id.
pub async fn topics(conn: &mut AnyConnection) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT topic_id FROM record_heads WHERE position > 0 ORDER BY topic_id")
        .fetch_all(conn)
        .await
        .context("listing the records")
}

/// Erases the texts of comments `ids` from the record (what they were
/// when posted or edited): their hashes stay.
pub async fn erase(conn: &mut AnyConnection, comment_id: i64) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE record_entries SET content = NULL \
         WHERE comment_id = $1 AND kind IN ('comment', 'edit') AND content IS NOT NULL",
    )
    .bind(comment_id)
    .execute(conn)
    .await
    .context("erasing a comment's text from the record")?;
    Ok(())
}

/// Every text a topic's comments have had, oldest first: what the record
/// says of each comment posted and edited.
#[derive(Debug, Clone)]
pub struct CommentText {
    pub comment_id: i64,
    pub parent_id: Option<i64>,
    pub version: i64,
    pub section: String,
    pub quote: Option<String>,
    pub body: String,
    pub written_at: i64,
}

pub async fn comment_texts(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<CommentText>> {
    let rows = sqlx::query(
        "SELECT cv.comment_id, c.parent_id, v.version, c.section_anchor, c.quote_exact, \
         cv.body, cv.written_at FROM comment_versions cv \
         JOIN comments c ON c.id = cv.comment_id \
         JOIN draft_versions v ON v.id = c.version_id \
         WHERE c.topic_id = $1 ORDER BY cv.id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading comments' texts")?;
    rows.iter()
        .map(|row| {
            Ok(CommentText {
                comment_id: row.try_get("comment_id")?,
                parent_id: row.try_get("parent_id")?,
                version: row.try_get("version")?,
                section: row.try_get("section_anchor")?,
                quote: row.try_get("quote_exact")?,
                body: row.try_get("body")?,
                written_at: row.try_get("written_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading comments' texts")
}

/// How a topic's comment stands: when it was posted, withdrawn, hidden.
#[derive(Debug, Clone)]
pub struct CommentState {
    pub id: i64,
    pub account_id: i64,
    pub created_at: i64,
    pub withdrawn_at: Option<i64>,
    pub hidden_at: Option<i64>,
    pub hidden_reason: Option<String>,
}

pub async fn comment_states(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<CommentState>> {
    let rows = sqlx::query(
        "SELECT id, account_id, created_at, withdrawn_at, hidden_at, hidden_reason \
         FROM comments WHERE topic_id = $1 ORDER BY id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading comments' states")?;
    rows.iter()
        .map(|row| {
            Ok(CommentState {
                id: row.try_get("id")?,
                account_id: row.try_get("account_id")?,
                created_at: row.try_get("created_at")?,
                withdrawn_at: row.try_get("withdrawn_at")?,
                hidden_at: row.try_get("hidden_at")?,
                hidden_reason: row.try_get("hidden_reason")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading comments' states")
}

/// A topic's official responses, oldest first.
#[derive(Debug, Clone)]
pub struct ResponseRow {
    pub id: i64,
    pub comment_id: i64,
    pub status: String,
    pub body: String,
    pub created_at: i64,
}

pub async fn responses(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<ResponseRow>> {
    let rows = sqlx::query(
        "SELECT r.id, r.comment_id, r.status, r.body, r.created_at FROM official_responses r \
         JOIN comments c ON c.id = r.comment_id WHERE c.topic_id = $1 ORDER BY r.id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading responses")?;
    rows.iter()
        .map(|row| {
            Ok(ResponseRow {
                id: row.try_get("id")?,
                comment_id: row.try_get("comment_id")?,
                status: row.try_get("status")?,
                body: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading responses")
}

/// An update as written.
#[derive(Debug, Clone)]
pub struct UpdateText {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub posted_at: i64,
}

/// A topic's updates as written, oldest first.
pub async fn updates(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<UpdateText>> {
    let rows = sqlx::query(
        "SELECT id, title, body, posted_at FROM updates WHERE topic_id = $1 ORDER BY id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading updates")?;
    rows.iter()
        .map(|row| {
            Ok(UpdateText {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                body: row.try_get("body")?,
                posted_at: row.try_get("posted_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading updates")
}

/// A key date as added.
#[derive(Debug, Clone)]
pub struct DateRow {
    pub id: i64,
    pub title: String,
    pub starts_at: i64,
    pub place: Option<String>,
    pub created_at: i64,
}

/// A topic's key dates, oldest first.
pub async fn dates(conn: &mut AnyConnection, topic_id: i64) -> anyhow::Result<Vec<DateRow>> {
    let rows = sqlx::query(
        "SELECT id, title, starts_at, place, created_at FROM topic_dates \
         WHERE topic_id = $1 ORDER BY id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("reading key dates")?;
    rows.iter()
        .map(|row| {
            Ok(DateRow {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                starts_at: row.try_get("starts_at")?,
                place: row.try_get("place")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading key dates")
}

/// The position of each comment's latest text in the record.
pub async fn latest_texts(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<std::collections::HashMap<i64, i64>> {
    let rows = sqlx::query(
        "SELECT comment_id, MAX(position) AS latest FROM record_entries \
         WHERE topic_id = $1 AND kind IN ('comment', 'edit') GROUP BY comment_id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("finding comments' latest texts")?;
    rows.iter()
        .map(|row| Ok((row.try_get("comment_id")?, row.try_get("latest")?)))
        .collect::<Result<_, sqlx::Error>>()
        .context("finding comments' latest texts")
}

/// The comments an account wrote, with their topics: `(topic_id, id)`.
pub async fn comments_of(
    conn: &mut AnyConnection,
    account_id: i64,
) -> anyhow::Result<Vec<(i64, i64)>> {
    let rows = sqlx::query("SELECT topic_id, id FROM comments WHERE account_id = $1 ORDER BY id")
        .bind(account_id)
        .fetch_all(conn)
        .await
        .context("finding an account's comments")?;
    rows.iter()
        .map(|row| Ok((row.try_get("topic_id")?, row.try_get("id")?)))
        .collect::<Result<_, sqlx::Error>>()
        .context("finding an account's comments")
}

/// Public topics whose record has not begun, by id.
pub async fn unrecorded(conn: &mut AnyConnection) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT t.id FROM topics t LEFT JOIN record_heads h ON h.topic_id = t.id \
         WHERE t.published = 1 AND (h.position IS NULL OR h.position = 0) ORDER BY t.slug",
    )
    .fetch_all(conn)
    .await
    .context("finding topics with no record")
}

/// Published topics past their close whose close (the `closes_at` they
/// have now) is not in their record yet.
pub async fn closes_due(conn: &mut AnyConnection, now: i64) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar::<_, i64>(
        "SELECT id FROM topics WHERE published = 1 AND closes_at <= $1 \
         AND (close_recorded_at IS NULL OR close_recorded_at <> closes_at) ORDER BY slug",
    )
    .bind(now)
    .fetch_all(conn)
    .await
    .context("finding closes to record")
}

/// Claims the recording of `topic_id`'s close, once across instances: the
/// one whose update changes the row writes the entry, in the same
/// transaction. The close claimed (its time), or `None`.
pub async fn claim_close(
    conn: &mut AnyConnection,
    topic_id: i64,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar::<_, i64>(
        "UPDATE topics SET close_recorded_at = closes_at WHERE id = $1 AND published = 1 \
         AND closes_at <= $2 AND (close_recorded_at IS NULL OR close_recorded_at <> closes_at) \
         RETURNING closes_at",
    )
    .bind(topic_id)
    .bind(now)
    .fetch_optional(conn)
    .await
    .context("claiming a topic's close for its record")
}

/// One option of a poll, with the ballots that chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionCount {
    pub poll_id: i64,
    pub question: String,
    pub option_id: i64,
    pub label: String,
    pub votes: i64,
}

/// Every option of a topic's polls as written (not translated), in order,
/// with its count of ballots.
pub async fn option_counts(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<OptionCount>> {
    let rows = sqlx::query(
        "SELECT p.id AS poll_id, p.question, o.id AS option_id, o.label, \
         (SELECT COUNT(*) FROM ballot_choices bc WHERE bc.option_id = o.id) AS votes \
         FROM polls p JOIN poll_options o ON o.poll_id = p.id \
         WHERE p.topic_id = $1 ORDER BY p.position, p.id, o.position, o.id",
    )
    .bind(topic_id)
    .fetch_all(conn)
    .await
    .context("counting a topic's ballots for its record")?;
    rows.iter()
        .map(|row| {
            Ok(OptionCount {
                poll_id: row.try_get("poll_id")?,
                question: row.try_get("question")?,
                option_id: row.try_get("option_id")?,
                label: row.try_get("label")?,
                votes: row.try_get("votes")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("counting a topic's ballots for its record")
}

/// Published topics open at `now` whose head is not published for `day`
/// (days since 1970) and has moved since it last was.
pub async fn heads_due(conn: &mut AnyConnection, now: i64, day: i64) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar::<_, i64>(
        "SELECT t.id FROM topics t JOIN record_heads h ON h.topic_id = t.id \
         WHERE t.published = 1 AND t.opens_at <= $1 AND t.closes_at > $1 AND h.position > 0 \
         AND NOT EXISTS (SELECT 1 FROM record_checkpoints c WHERE c.topic_id = t.id \
             AND ((c.reason = 'daily' AND c.mark = $2) OR c.position = h.position)) \
         ORDER BY t.slug",
    )
    .bind(now)
    .bind(day)
    .fetch_all(conn)
    .await
    .context("finding record heads to publish")
}

/// A head published: daily, or at a close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub position: i64,
    pub hash: String,
    pub at: i64,
    /// `daily` or `close`.
    pub reason: String,
    /// Days since 1970 for a daily head; the close's time for a close.
    pub mark: i64,
}

/// Publishes a head, unless this one (or one for the same day or close) is
/// published already: whether it was.
pub async fn publish_head(
    conn: &mut AnyConnection,
    topic_id: i64,
    head: &Checkpoint,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO record_checkpoints (topic_id, position, hash, at, reason, mark) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(topic_id)
    .bind(head.position)
    .bind(&head.hash)
    .bind(head.at)
    .bind(&head.reason)
    .bind(head.mark)
    .execute(conn)
    .await
    .context("publishing a record's head")?;
    Ok(done.rows_affected() == 1)
}

/// The heads published of a topic, newest first, at most `limit`.
pub async fn checkpoints(
    conn: &mut AnyConnection,
    topic_id: i64,
    limit: i64,
) -> anyhow::Result<Vec<Checkpoint>> {
    let rows = sqlx::query(
        "SELECT position, hash, at, reason, mark FROM record_checkpoints \
         WHERE topic_id = $1 ORDER BY position DESC LIMIT $2",
    )
    .bind(topic_id)
    .bind(limit)
    .fetch_all(conn)
    .await
    .context("reading a record's published heads")?;
    rows.iter()
        .map(|row| {
            Ok(Checkpoint {
                position: row.try_get("position")?,
                hash: row.try_get("hash")?,
                at: row.try_get("at")?,
                reason: row.try_get("reason")?,
                mark: row.try_get("mark")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .context("reading a record's published heads")
}

/// When the entry at `position` was written, if there is one.
pub async fn entry_at(
    conn: &mut AnyConnection,
    topic_id: i64,
    position: i64,
) -> anyhow::Result<Option<EntryRow>> {
    let row = sqlx::query(concat!(columns!(), "WHERE topic_id = $1 AND position = $2"))
        .bind(topic_id)
        .bind(position)
        .fetch_optional(conn)
        .await
        .context("reading an entry of the public record")?;
    row.as_ref()
        .map(entry)
        .transpose()
        .context("reading an entry of the public record")
}
