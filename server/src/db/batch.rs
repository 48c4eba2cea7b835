//! A batch of writes in one transaction (the writer's, `writer.rs`): what
//! its writes read once for all of them (a topic posted to, which none of
//! them changes), and what they leave to its end, to be done once there:
//! the public record's entries (each act makes its entry from the head it
//! follows, known only there), the heads moved, each section's comment
//! count added to, and, many to a statement, the comments' first versions
//! (SQLite) and their notices to sections' followers. Thirty comments to
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
//! counts (which only a holder of their topic's head writes), so that two
//! instances' batches to one topic wait for each other only for as long
//! as their ends take.

use super::Tx;
use super::comments::{self, NewComment};
use super::outbox::{self, SectionComment};
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
    /// Whether a write left a notice in the outbox itself.
    told: bool,
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
            told: false,
        }
    }

    /// The batch's transaction, for the writes it does at once.
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
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

    /// What posting to `topic_id` checks ([`topics::posting_to`]): as read
    /// by [`Batch::hold_topics`], or else held (shared) and read by the
    /// batch's first write to it; none when there is no such topic.
    pub async fn posting_to(&mut self, topic_id: i64) -> anyhow::Result<Option<Arc<PostingTo>>> {
        if let Some(to) = self.topics.get(&topic_id) {
            return Ok(Some(to.clone()));
        }
        // Held first, by a statement of its own: the read after it sees a
        // revision it waited for.
        super::revisions::hold_topic(&mut self.tx, topic_id, false).await?;
        let Some(to) = topics::posting_to(&mut self.tx, topic_id).await? else {
            return Ok(None);
        };
        let to = Arc::new(to);
        self.topics.insert(topic_id, to.clone());
        Ok(Some(to))
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
        self.told = true;
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
        let notices = self.told || told > 0;
        super::commit(self.tx).await?;
        Ok(Committed { notices })
    }
}
