//! A batch of writes in one transaction (the writer's, `writer.rs`): what
//! its writes read once for all of them (a topic posted to, which none of
//! them changes), and what they leave to its end, to be done once there:
//! each record head they moved and each section's comment count they added
//! to. Thirty comments to one topic in a batch then read the topic once,
//! hold its head once, move it once and count once a section, where each
//! would have done all four.
//!
//! The rows are taken in the documented order all the same: a topic's
//! head when its first write asks for it (a batch asks in its holders'
//! order), the counts, which only a holder of their topic's head writes,
//! at the end.

use super::Tx;
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
}

impl Batch {
    pub fn new(tx: Tx) -> Batch {
        Batch {
            tx,
            heads: BTreeMap::new(),
            topics: BTreeMap::new(),
            counts: BTreeMap::new(),
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

    /// Appends `entry` after the head this batch holds; the head's row is
    /// moved when the batch commits.
    pub async fn append(&mut self, entry: &NewEntry<'_>) -> anyhow::Result<()> {
        let (_, head) = self
            .heads
            .get_mut(&entry.topic_id)
            .context("appending to a record whose head the batch does not hold")?;
        ensure!(
            entry.position == head.position + 1 && entry.prev_hash == head.hash,
            "appending after an entry that is not the record's head"
        );
        record::insert_entry(&mut self.tx, entry).await?;
        *head = Head {
            position: entry.position,
            hash: entry.hash.to_string(),
        };
        Ok(())
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

    /// Moves the heads, writes the counts and commits.
    pub async fn commit(mut self) -> anyhow::Result<()> {
        for (topic_id, (found, head)) in &self.heads {
            if head.position != *found {
                record::move_head(&mut self.tx, *topic_id, *found, head).await?;
            }
        }
        for ((topic_id, anchor), (count, earlier)) in &self.counts {
            super::comments::add_to_count(&mut self.tx, *topic_id, anchor, *count, *earlier)
                .await?;
        }
        super::commit(self.tx).await
    }
}
