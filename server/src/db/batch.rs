//! A batch of writes in one transaction (the writer's, `writer.rs`): what
//! its writes read once for all of them (a topic posted to, which none of
//! them changes; the sessions they came with, read by one statement, and
//! not held), and what they leave to its end, to be done once there:
//! the public record's entries (each act makes its entry from the head it
//! follows, known only there), the heads moved, each section's comment
//! count added to, each quota's count (a resident's comments a minute: read
//! at the start for all the batch's writers, added to at the end), and,
//! many to a statement, the comments' first versions (SQLite) and their
//! notices to sections' followers. Thirty comments to
//! one topic in a batch then read the topic once, hold its head once, move
//! it once and count once a section, and their versions, entries and
//! notices are one statement each, where each comment would have done all
//! seven.
//!
//! The rows are taken in the order every writer of a topic takes them
//! (`services::public_record::hold`): the topic (shared: a revision, which
//! holds it alone, waits for the batch, or the batch for it), then its
//! record's head, then the rest. The batch holds its topics (those its
//! writes name) at its start, all by one statement, and takes the heads
//! at its end, all by one statement, in their topics' order, then the
//! counts (which only a holder of their topic's head writes), then the
//! quotas' rows in their keys' order, so that two instances' batches to
//! one topic wait for each other only for as long as their ends take.
//!
//! A quota is read once, at the batch's start, without a lock: two
//! instances' batches may each let in a key's last request. The end adds
//! to the count and reads it back; past the limit, the batch runs again
//! ([`QuotaOvertaken`]) and this time reads the other's count, so a key
//! never goes over its limit. Its refusal comes before the write it
//! refuses, so a write refused writes nothing, and the batch goes on
//! without it (see [`Batch::left_nothing`]).

use super::Tx;
use super::accounts::{self, SessionRow};
use super::comments::{self, NewComment};
use super::outbox::{self, SectionComment};
use super::ratelimit::{self, Quota, Stored};
use super::record::{self, Head, NewEntry};
use super::topics::{self, PostingTo};
use anyhow::ensure;
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use std::sync::Arc;

/// An act to append to a topic's record: it makes its entry from the
/// head it follows.
pub type Append = Box<dyn FnOnce(&Head) -> NewEntry + Send>;

pub struct Batch {
    tx: Tx,
    /// Topic → the acts to append to its record at the end, in order.
    acts: BTreeMap<i64, Vec<Append>>,
    /// Topic → what posting to it checks, read once.
    topics: BTreeMap<i64, Arc<PostingTo>>,
    /// (Topic, section) → comments added, of which on an earlier version.
    counts: BTreeMap<(i64, String), (i64, i64)>,
    /// Comments' first versions left to be written.
    versions: Vec<comments::FirstVersion>,
    /// Comments whose sections' followers are to hear of them.
    notices: Vec<SectionComment>,
    /// How many writes left a notice in the outbox themselves.
    told: usize,
    /// Token's hash → the session as read (none when there is none), for
    /// the writes made in one.
    sessions: BTreeMap<String, Option<SessionRow>>,
    /// (Bucket, key) → its count as read, and what the writes took of it.
    quotas: BTreeMap<(&'static str, String), Counted>,
    /// The latest moment a write took a quota at.
    quotas_taken_at: i64,
    /// The quota the running write took, if it took one.
    taken_by_write: Option<(&'static str, String)>,
    /// Whether the running write has written, or may have (it had the
    /// transaction). What it left to the end is told by `left_at_begin`.
    touched: bool,
    /// How much was left to the end when the running write began.
    left_at_begin: Leavings,
}

/// How much the writes so far left to a batch's end: a write that left
/// something changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Leavings {
    acts: usize,
    comments_counted: i64,
    versions: usize,
    notices: usize,
    told: usize,
}

/// A quota's count as read at the batch's start (none when the key has
/// none), its window, and what the batch's writes have taken of it since.
struct Counted {
    stored: Option<Stored>,
    window: i64,
    limit: i64,
    taken: i64,
}

/// A batch's end found a quota's count past its limit: another batch (an
/// instance's, or a lane's) took of it after this one read it. The batch
/// is to run again, reading the count anew, so that the writes past the
/// limit are refused (`writer.rs`).
#[derive(Debug)]
pub struct QuotaOvertaken;

impl std::fmt::Display for QuotaOvertaken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a quota was taken past its limit by another batch")
    }
}

impl std::error::Error for QuotaOvertaken {}

/// A quota's refusal: its limit is reached until its window ends, this
/// many seconds from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverQuota {
    pub seconds_left: u64,
}

/// What a committed batch left to be done after it.
pub struct Committed {
    /// Notices are waiting in the outbox.
    pub notices: bool,
}

impl Batch {
    pub fn new(tx: Tx) -> Batch {
        Batch {
            tx,
            acts: BTreeMap::new(),
            topics: BTreeMap::new(),
            counts: BTreeMap::new(),
            versions: Vec::new(),
            notices: Vec::new(),
            told: 0,
            sessions: BTreeMap::new(),
            quotas: BTreeMap::new(),
            quotas_taken_at: 0,
            taken_by_write: None,
            touched: false,
            left_at_begin: Leavings::default(),
        }
    }

    /// The batch's transaction, for the writes it does at once (or reads:
    /// a write that had it is taken to have written).
    pub fn conn(&mut self) -> &mut AnyConnection {
        self.touched = true;
        &mut self.tx
    }

    /// Begins the next write: what it does is told apart from what the
    /// writes before it did.
    pub fn begin_write(&mut self) {
        self.touched = false;
        self.taken_by_write = None;
        self.left_at_begin = self.leavings();
    }

    fn leavings(&self) -> Leavings {
        Leavings {
            acts: self.acts.values().map(Vec::len).sum(),
            comments_counted: self.counts.values().map(|(count, _)| count).sum(),
            versions: self.versions.len(),
            notices: self.notices.len(),
            told: self.told,
        }
    }

    /// Whether the write begun last left nothing in the transaction or to
    /// the end, but for a quota it took, given back here: a write refused
    /// before it wrote, which the batch can go on without.
    pub fn left_nothing(&mut self) -> bool {
        if self.touched || self.leavings() != self.left_at_begin {
            return false;
        }
        if let Some(key) = self.taken_by_write.take()
            && let Some(counted) = self.quotas.get_mut(&key)
        {
            counted.taken -= 1;
        }
        true
    }

    /// Reads the sessions `token_hashes` name (those the batch's writes
    /// came with), with their accounts, by one statement. Only read: a
    /// stale session is renewed by its request after the batch
    /// (`SessionRow::is_stale`), so the batch holds no session's row.
    pub async fn read_sessions(&mut self, token_hashes: &[&str]) -> anyhow::Result<()> {
        let mut unread: Vec<&str> = token_hashes
            .iter()
            .copied()
            .filter(|hash| !self.sessions.contains_key(*hash))
            .collect();
        unread.sort_unstable();
        unread.dedup();
        if unread.is_empty() {
            return Ok(());
        }
        let found = accounts::read_sessions(&mut self.tx, &unread).await?;
        self.sessions
            .extend(unread.iter().map(|hash| (hash.to_string(), None)));
        for session in found {
            self.sessions
                .insert(session.token_hash.clone(), Some(session));
        }
        Ok(())
    }

    /// The session `token_hash` names, live or not: as read at the batch's
    /// start, none when there is none.
    pub fn session_read(&self, token_hash: &str) -> Option<&SessionRow> {
        self.sessions.get(token_hash).and_then(Option::as_ref)
    }

    /// [`Batch::session_read`], read now if it was not at the start.
    pub async fn session(&mut self, token_hash: &str) -> anyhow::Result<Option<SessionRow>> {
        self.read_sessions(&[token_hash]).await?;
        Ok(self.session_read(token_hash).cloned())
    }

    /// Reads the counts of `quotas` (the batch's writes' keys), by one
    /// statement a bucket.
    pub async fn read_quotas(&mut self, quotas: &[&Quota]) -> anyhow::Result<()> {
        let mut by_bucket: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
        for quota in quotas {
            let key = (quota.bucket, quota.key_hash.clone());
            let counted = Counted {
                stored: None,
                window: quota.window,
                limit: i64::from(quota.limit),
                taken: 0,
            };
            if self.quotas.insert(key, counted).is_none() {
                by_bucket
                    .entry(quota.bucket)
                    .or_default()
                    .push(&quota.key_hash);
            }
        }
        for (bucket, keys) in by_bucket {
            for (key_hash, stored) in ratelimit::read_counts(&mut self.tx, bucket, &keys).await? {
                if let Some(counted) = self.quotas.get_mut(&(bucket, key_hash)) {
                    counted.stored = Some(stored);
                }
            }
        }
        Ok(())
    }

    /// Takes one request of `quota` at `now` for the running write, or
    /// refuses it when the key's limit is reached in its window: as read at
    /// the batch's start (or by this call, if it was not), with what the
    /// batch's writes took since. What the batch takes is added at its end.
    pub async fn take_quota(
        &mut self,
        quota: &Quota,
        now: i64,
    ) -> anyhow::Result<Result<(), OverQuota>> {
        let key = (quota.bucket, quota.key_hash.clone());
        if !self.quotas.contains_key(&key) {
            self.read_quotas(&[quota]).await?;
        }
        let Some(counted) = self.quotas.get_mut(&key) else {
            anyhow::bail!("a quota read was not kept");
        };
        let (count, window_start) = match counted.stored {
            Some(stored) if stored.window_start > now - quota.window => {
                (stored.count, stored.window_start)
            }
            _ => (0, now),
        };
        if count + counted.taken + 1 > i64::from(quota.limit) {
            let left = (window_start + quota.window - now).max(1);
            return Ok(Err(OverQuota {
                seconds_left: u64::try_from(left).unwrap_or(1),
            }));
        }
        counted.taken += 1;
        self.quotas_taken_at = self.quotas_taken_at.max(now);
        self.taken_by_write = Some(key);
        Ok(Ok(()))
    }

    /// Holds the topics named by `slugs` (shared) and reads what posting
    /// to each checks, for the batch's writes to them: two statements for
    /// all, where each topic's first write would take two of its own.
    pub async fn hold_topics(&mut self, slugs: &[&str]) -> anyhow::Result<()> {
        let ids = super::revisions::hold_topics(&mut self.tx, slugs).await?;
        for to in topics::posting_to_each(&mut self.tx, &ids).await? {
            self.topics.insert(to.topic.id, Arc::new(to));
        }
        Ok(())
    }

    /// What posting to the topic `slug` names checks ([`PostingTo`]): as
    /// held (shared) and read with the batch's other topics at its start
    /// ([`Batch::hold_topics`]), or else held and read by itself now;
    /// none when there is no such topic.
    pub async fn posting_to_slug(&mut self, slug: &str) -> anyhow::Result<Option<Arc<PostingTo>>> {
        let cached = |topics: &BTreeMap<i64, Arc<PostingTo>>| {
            topics.values().find(|to| to.topic.slug == slug).cloned()
        };
        if let Some(to) = cached(&self.topics) {
            return Ok(Some(to));
        }
        self.hold_topics(&[slug]).await?;
        Ok(cached(&self.topics))
    }

    /// Appends an act to `topic_id`'s record when the batch commits,
    /// after those appended before: `act` makes its entry from the head
    /// it is to follow, then known.
    pub fn append_at_commit(&mut self, topic_id: i64, act: Append) {
        self.acts.entry(topic_id).or_default().push(act);
    }

    /// Inserts a comment ([`comments::insert`]); its first version is
    /// written when the batch commits, where it takes a statement of its
    /// own.
    pub async fn insert_comment(&mut self, new: NewComment<'_>) -> anyhow::Result<i64> {
        self.touched = true;
        let (id, version) = comments::insert_leaving_version(&mut self.tx, new).await?;
        self.versions.extend(version);
        Ok(id)
    }

    /// Tells `comment`'s section's followers of it, when the batch commits.
    pub fn tell_followers(&mut self, comment: SectionComment) {
        self.notices.push(comment);
    }

    /// Notes that a write left a notice in the outbox itself.
    pub fn told(&mut self) {
        self.told += 1;
    }

    /// Counts a comment on `anchor` of `topic_id` (written on an earlier
    /// version when `earlier`), in the counts the batch writes at its end.
    pub fn count_comment(&mut self, topic_id: i64, anchor: &str, earlier: bool) {
        let count = self
            .counts
            .entry((topic_id, anchor.to_string()))
            .or_default();
        count.0 += 1;
        count.1 += i64::from(earlier);
    }

    /// Writes the comments' versions, holds the heads of the records
    /// appended to and writes their entries, moves the heads, writes the
    /// notices and the counts, and commits.
    pub async fn commit(mut self) -> anyhow::Result<Committed> {
        comments::insert_versions(&mut self.tx, &self.versions).await?;
        // The heads last, in their topics' order, and only as long as
        // the end takes: two instances' batches to one topic wait for
        // each other only here.
        let acts = std::mem::take(&mut self.acts);
        let ids: Vec<i64> = acts.keys().copied().collect();
        let heads = record::hold_heads(&mut self.tx, &ids).await?;
        let mut entries = Vec::new();
        let mut moves = Vec::with_capacity(heads.len());
        for ((topic_id, found), (_, acts)) in heads.into_iter().zip(acts) {
            let mut head = found.clone();
            for act in acts {
                let entry = act(&head);
                ensure!(
                    entry.topic_id == topic_id
                        && entry.position == head.position + 1
                        && entry.prev_hash == head.hash,
                    "appending after an entry that is not the record's head"
                );
                head = Head {
                    position: entry.position,
                    hash: entry.hash.clone(),
                };
                entries.push(entry);
            }
            moves.push((topic_id, found.position, head));
        }
        record::insert_entries(&mut self.tx, &entries).await?;
        record::move_heads(&mut self.tx, &moves).await?;
        let told = outbox::enqueue_for_sections(&mut self.tx, &self.notices).await?;
        let counts: Vec<_> = self
            .counts
            .iter()
            .map(|((topic_id, anchor), (count, earlier))| {
                (*topic_id, anchor.as_str(), *count, *earlier)
            })
            .collect();
        comments::add_to_counts(&mut self.tx, &counts).await?;
        self.add_quotas_taken().await?;
        let notices = self.told > 0 || told > 0;
        super::commit(self.tx).await?;
        Ok(Committed { notices })
    }

    /// Adds what the writes took of each quota to its stored count, in
    /// their keys' order, by one statement a bucket and window. A count
    /// found past its limit ([`QuotaOvertaken`]) fails the batch's end.
    async fn add_quotas_taken(&mut self) -> anyhow::Result<()> {
        let mut by_bucket: BTreeMap<(&'static str, i64), Vec<(&str, i64)>> = BTreeMap::new();
        for ((bucket, key_hash), counted) in &self.quotas {
            if counted.taken > 0 {
                by_bucket
                    .entry((bucket, counted.window))
                    .or_default()
                    .push((key_hash, counted.taken));
            }
        }
        for ((bucket, window), taken) in by_bucket {
            let counts =
                ratelimit::add_counts(&mut self.tx, bucket, window, self.quotas_taken_at, &taken)
                    .await?;
            for (key_hash, count) in counts {
                let limit = self
                    .quotas
                    .get(&(bucket, key_hash))
                    .map_or(i64::MAX, |counted| counted.limit);
                if count > limit {
                    return Err(QuotaOvertaken.into());
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write that left anything to the end, or had the transaction, is
    /// not taken for one refused before it wrote; a quota it took is given
    /// back when it is.
    #[tokio::test]
    async fn a_write_that_left_anything_is_not_taken_for_one_that_left_nothing() {
        let path = std::env::temp_dir().join(format!("pulse-batch-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let db = super::super::Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        super::super::migrate::run(&db).await.unwrap();
        let mut batch = Batch::new(db.write().await.unwrap());
        batch.begin_write();
        assert!(batch.left_nothing());
        batch.begin_write();
        batch.count_comment(1, "s-1", false);
        assert!(!batch.left_nothing(), "a count left to the end");
        batch.begin_write();
        batch.told();
        assert!(!batch.left_nothing(), "a notice in the outbox");
        batch.begin_write();
        let _ = batch.conn();
        assert!(!batch.left_nothing(), "it had the transaction");
        let quota = Quota {
            bucket: "comments",
            key_hash: "k".into(),
            limit: 1,
            window: 60,
        };
        batch.begin_write();
        assert_eq!(batch.take_quota(&quota, 1_000).await.unwrap(), Ok(()));
        assert!(batch.left_nothing(), "a quota alone is given back");
        batch.begin_write();
        assert_eq!(batch.take_quota(&quota, 1_000).await.unwrap(), Ok(()));
        batch.begin_write();
        assert_eq!(
            batch.take_quota(&quota, 1_000).await.unwrap(),
            Err(OverQuota { seconds_left: 60 })
        );
    }
}
