//! A batch of writes in one transaction (the writer's, `writer.rs`): what
//! its writes read once for all of them (a topic posted to, which none of
//! them changes), and what they leave to its end, to be done once there:
//! each record head they moved, each section's comment count they added
//! to, and, many to a statement, the comments' first versions (SQLite),
//! the record's entries they made and their notices to sections'
//! followers. Thirty comments to one topic in a batch
//! then read the topic once, hold its head once, move it once and count
//! once a section, and their entries and notices are one statement each,
//! where each comment would have done all six.
//!
//! The rows are taken in the documented order all the same: a topic's
//! head when its first write asks for it (a batch asks in its holders'
//! order), the counts, which only a holder of their topic's head writes,
//! at the end.

use super::Tx;
use super::comments::{self, NewComment};
use super::outbox::{self, SectionComment};
use super::record::{self, Head, NewEntry};
use super::topics::{self, PostingTo};
use anyhow::{Context, ensure};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct Batch {
    tx: Tx,
    /// Topic → its head as this batch found it, and as it stands now.
    heads: BTreeMap<i64, (i64, Head)>,
    /// Topic → what posting to it checks, read once.
    topics: BTreeMap<i64, Arc<PostingTo>>,
    /// (Topic, section) → comments added, of which on an earlier version.
    counts: BTreeMap<(i64, String), (i64, i64)>,
    /// Comments' first versions left to be written.
    versions: Vec<comments::FirstVersion>,
    /// Entries appended, in their chains' order.
    entries: Vec<NewEntry>,
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
            heads: BTreeMap::new(),
            topics: BTreeMap::new(),
            counts: BTreeMap::new(),
            versions: Vec::new(),
            entries: Vec::new(),
            notices: Vec::new(),
            told: false,
        }
    }

    /// The batch's transaction, for the writes it does at once.
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// The head of `topic_id`'s chain, held by this batch from its first
    /// write that asked (see [`record::hold_head`]), with the entries this
    /// batch appended since.
    pub async fn hold_head(&mut self, topic_id: i64) -> anyhow::Result<Head> {
        if let Some((_, head)) = self.heads.get(&topic_id) {
            return Ok(head.clone());
        }
        let head = record::hold_head(&mut self.tx, topic_id).await?;
        self.heads.insert(topic_id, (head.position, head.clone()));
        Ok(head)
    }

    /// What posting to `topic_id` checks ([`topics::posting_to`]), read by
    /// the batch's first write to it (after its head, in that order); none
    /// when there is no such topic.
    pub async fn posting_to(&mut self, topic_id: i64) -> anyhow::Result<Option<Arc<PostingTo>>> {
        if let Some(to) = self.topics.get(&topic_id) {
            return Ok(Some(to.clone()));
        }
        let Some(to) = topics::posting_to(&mut self.tx, topic_id).await? else {
            return Ok(None);
        };
        let to = Arc::new(to);
        self.topics.insert(topic_id, to.clone());
        Ok(Some(to))
    }

    /// Appends `entry` after the head this batch holds; the entry is
    /// written, and the head's row moved, when the batch commits.
    pub fn append(&mut self, entry: NewEntry) -> anyhow::Result<()> {
        let (_, head) = self
            .heads
            .get_mut(&entry.topic_id)
            .context("appending to a record whose head the batch does not hold")?;
        ensure!(
            entry.position == head.position + 1 && entry.prev_hash == head.hash,
            "appending after an entry that is not the record's head"
        );
        *head = Head {
            position: entry.position,
            hash: entry.hash.clone(),
        };
        self.entries.push(entry);
        Ok(())
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

    /// Writes the entries and the notices, moves the heads, writes the
    /// counts and commits.
    pub async fn commit(mut self) -> anyhow::Result<Committed> {
        comments::insert_versions(&mut self.tx, &self.versions).await?;
        record::insert_entries(&mut self.tx, &self.entries).await?;
        let told = outbox::enqueue_for_sections(&mut self.tx, &self.notices).await?;
        for (topic_id, (found, head)) in &self.heads {
            if head.position != *found {
                record::move_head(&mut self.tx, *topic_id, *found, head).await?;
            }
        }
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
