//! The public record (issue 23): each public act on a topic appended to
//! its chain in the act's own transaction ([`append`], called by the
//! services that do the acts), read a page at a time ([`page`]), and
//! checked against the rows it speaks of ([`verify`]). The encoding is
//! `crate::record`'s; `docs/record.md` says it for other verifiers.
//!
//! A comment's text is salted (a random `salt` in its content) so that a
//! hidden comment's published hash cannot be matched by guessing short
//! texts; its author's receipt carries the salt, so they can prove what
//! they wrote.

use super::find_topic;
use crate::db;
use crate::db::batch::Batch;
use crate::db::record::{self as rows, EntryRow, NewEntry};
use crate::db::topics::TopicRow;
use crate::error::Result;
use crate::record::{Canon, GENESIS, Header, sha256_hex};
use crate::state::AppState;
use pulse_api::Timestamp;
use pulse_api::wire::{PublishedHead, Receipt, RecordEntry, RecordHead, RecordPage};
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Most entries a page of the record holds.
pub const PAGE_MAX: i64 = 500;

/// Most published heads a page of the record lists.
const PUBLISHED_MAX: i64 = 60;

/// One public act, as the record says it.
pub struct PublicAct {
    kind: &'static str,
    item: Option<String>,
    comment_id: Option<i64>,
    content: Canon,
}

fn salt() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("reading random bytes: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl PublicAct {
    fn about_comment(kind: &'static str, id: i64, fields: Vec<(&'static str, Canon)>) -> PublicAct {
        let mut content = vec![("comment", Canon::Int(id))];
        content.extend(fields);
        PublicAct {
            kind,
            item: Some(format!("comment/{id}")),
            comment_id: Some(id),
            content: Canon::Object(content),
        }
    }

    /// A comment or a reply posted, on `version`'s `section`.
    pub fn comment(
        id: i64,
        parent: Option<i64>,
        version: i64,
        section: &str,
        body: &str,
        quote: Option<&str>,
    ) -> anyhow::Result<PublicAct> {
        Ok(PublicAct::about_comment(
            "comment",
            id,
            vec![
                ("parent", Canon::maybe_int(parent)),
                ("version", Canon::Int(version)),
                ("section", Canon::text(section)),
                ("body", Canon::text(body)),
                ("quote", Canon::maybe_text(quote)),
                ("salt", Canon::Text(salt()?)),
            ],
        ))
    }

    /// A comment's new text.
    pub fn edit(id: i64, body: &str) -> anyhow::Result<PublicAct> {
        Ok(PublicAct::about_comment(
            "edit",
            id,
            vec![("body", Canon::text(body)), ("salt", Canon::Text(salt()?))],
        ))
    }

    pub fn withdraw(id: i64) -> PublicAct {
        PublicAct::about_comment("withdraw", id, Vec::new())
    }

    /// Hidden by a host, with the reason the public reads.
    pub fn hide(id: i64, reason: &str) -> PublicAct {
        PublicAct::about_comment("hide", id, vec![("reason", Canon::text(reason))])
    }

    pub fn restore(id: i64) -> PublicAct {
        PublicAct::about_comment("restore", id, Vec::new())
    }

    /// An official response to a comment.
    pub fn response(comment: i64, response: i64, status: &str, body: &str) -> PublicAct {
        PublicAct::about_comment(
            "response",
            comment,
            vec![
                ("response", Canon::Int(response)),
                ("status", Canon::text(status)),
                ("body", Canon::text(body)),
            ],
        )
    }

    /// An update posted by the topic's host.
    pub fn update(id: i64, title: &str, body: &str) -> PublicAct {
        PublicAct {
            kind: "update",
            item: Some(format!("update/{id}")),
            comment_id: None,
            content: Canon::Object(vec![
                ("update", Canon::Int(id)),
                ("title", Canon::text(title)),
                ("body", Canon::text(body)),
            ]),
        }
    }

    /// A version of the draft made public: its title and its text's hash.
    pub fn version(number: i64, title: &str, markdown: &str) -> PublicAct {
        PublicAct {
            kind: "version",
            item: Some(format!("version/{number}")),
            comment_id: None,
            content: Canon::Object(vec![
                ("version", Canon::Int(number)),
                ("title", Canon::text(title)),
                ("text", Canon::Text(sha256_hex(markdown.as_bytes()))),
            ]),
        }
    }

    /// When residents may take part, changed: the topic's new window.
    pub fn window(opens_at: Timestamp, closes_at: Timestamp) -> PublicAct {
        PublicAct {
            kind: "window",
            item: None,
            comment_id: None,
            content: Canon::Object(vec![
                ("opens_at", Canon::Int(opens_at.0)),
                ("closes_at", Canon::Int(closes_at.0)),
            ]),
        }
    }

    /// A key date added to the topic.
    pub fn date_added(
        id: i64,
        title: &str,
        starts_at: Timestamp,
        place: Option<&str>,
    ) -> PublicAct {
        PublicAct {
            kind: "date_added",
            item: Some(format!("date/{id}")),
            comment_id: None,
            content: Canon::Object(vec![
                ("date", Canon::Int(id)),
                ("title", Canon::text(title)),
                ("starts_at", Canon::Int(starts_at.0)),
                ("place", Canon::maybe_text(place)),
            ]),
        }
    }

    pub fn date_removed(id: i64) -> PublicAct {
        PublicAct {
            kind: "date_removed",
            item: Some(format!("date/{id}")),
            comment_id: None,
            content: Canon::Object(vec![("date", Canon::Int(id))]),
        }
    }

    /// A topic closed (at `closes_at`): each poll's count of ballots per
    /// option as the close left them. Who chose what is never recorded.
    pub fn close(closes_at: Timestamp, counts: &[rows::OptionCount]) -> PublicAct {
        let mut polls: Vec<(i64, &str, Vec<Canon>)> = Vec::new();
        for c in counts {
            if polls.last().is_none_or(|(id, _, _)| *id != c.poll_id) {
                polls.push((c.poll_id, &c.question, Vec::new()));
            }
            if let Some((_, _, options)) = polls.last_mut() {
                options.push(Canon::Object(vec![
                    ("option", Canon::Int(c.option_id)),
                    ("label", Canon::text(c.label.as_str())),
                    ("votes", Canon::Int(c.votes)),
                ]));
            }
        }
        PublicAct {
            kind: "close",
            item: None,
            comment_id: None,
            content: Canon::Object(vec![
                ("closes_at", Canon::Int(closes_at.0)),
                (
                    "polls",
                    Canon::List(
                        polls
                            .into_iter()
                            .map(|(id, question, options)| {
                                Canon::Object(vec![
                                    ("poll", Canon::Int(id)),
                                    ("question", Canon::text(question)),
                                    ("options", Canon::List(options)),
                                ])
                            })
                            .collect(),
                    ),
                ),
            ]),
        }
    }

    /// Comments whose texts their author erased with their account.
    pub fn erased(comments: &[i64]) -> PublicAct {
        PublicAct {
            kind: "erased",
            item: None,
            comment_id: None,
            content: Canon::Object(vec![(
                "comments",
                Canon::List(comments.iter().map(|id| Canon::Int(*id)).collect()),
            )]),
        }
    }
}

/// Holds `topic` (shared) and then its record's head for the rest of the
/// transaction, before the act writes anything else: every writer of a
/// topic takes its rows in this order (the topic, its head, the rest), so
/// two transactions never wait on each other round a circle (PostgreSQL).
/// A revision holds the topic alone ([`db::revisions::hold_topic`]), then
/// this; a writer batch holds the topic with its first write to it and
/// the head at its end (`db/batch.rs`). Nothing for a topic not published.
pub async fn hold(conn: &mut AnyConnection, topic: &TopicRow) -> anyhow::Result<()> {
    if topic.published {
        db::revisions::hold_topic(conn, topic.id, false).await?;
        rows::hold_head(conn, topic.id).await?;
    }
    Ok(())
}

/// Appends `said` to `topic`'s chain, on the act's transaction: its head
/// is held until that transaction ends, so positions have no gaps and no
/// two entries share one. Nothing for a topic not published yet: what is
/// done before is recorded when it is published ([`backfill`]).
pub async fn append(
    conn: &mut AnyConnection,
    topic: &TopicRow,
    said: PublicAct,
    at: Timestamp,
) -> anyhow::Result<Option<Receipt>> {
    if !topic.published {
        return Ok(None);
    }
    append_now(conn, topic, said, at).await.map(Some)
}

/// Where the receipt of an act appended at a batch's commit is found
/// once the batch committed ([`append_at_commit`]).
pub type ReceiptSlot = Arc<OnceLock<Receipt>>;

/// Appends `said` to the chain of `topic`, a published topic's, when
/// `batch` commits, after whatever the batch appended to it before; its
/// receipt is in the slot from then.
pub fn append_at_commit(
    batch: &mut Batch,
    topic: &TopicRow,
    said: PublicAct,
    at: Timestamp,
) -> anyhow::Result<ReceiptSlot> {
    anyhow::ensure!(topic.published, "a record appended to before it began");
    let slot = ReceiptSlot::default();
    let (kept, slug, topic_id) = (Arc::clone(&slot), topic.slug.clone(), topic.id);
    batch.append_at_commit(
        topic_id,
        Box::new(move |head: &rows::Head| {
            let (entry, receipt) = Entry::after(&slug, head, said, at);
            // A batch that runs again makes a new slot.
            let _ = kept.set(receipt);
            entry.into_row(topic_id, head)
        }),
    );
    Ok(slot)
}

async fn append_now(
    conn: &mut AnyConnection,
    topic: &TopicRow,
    said: PublicAct,
    at: Timestamp,
) -> anyhow::Result<Receipt> {
    let head = rows::hold_head(conn, topic.id).await?;
    let (entry, receipt) = Entry::after(&topic.slug, &head, said, at);
    rows::append(conn, &entry.into_row(topic.id, &head)).await?;
    Ok(receipt)
}

/// An entry made to follow a head, its hashes computed.
struct Entry {
    said: PublicAct,
    position: i64,
    at: i64,
    content: String,
    content_hash: String,
    hash: String,
}

impl Entry {
    fn after(topic: &str, head: &rows::Head, said: PublicAct, at: Timestamp) -> (Entry, Receipt) {
        let content = said.content.encode();
        let content_hash = sha256_hex(content.as_bytes());
        let position = head.position + 1;
        let hash = Header {
            topic,
            position,
            at: at.0,
            kind: said.kind,
            item: said.item.as_deref(),
            content: &content_hash,
            prev: &head.hash,
        }
        .hash();
        let receipt = Receipt {
            position,
            hash: hash.clone(),
        };
        let entry = Entry {
            said,
            position,
            at: at.0,
            content,
            content_hash,
            hash,
        };
        (entry, receipt)
    }

    fn into_row(self, topic_id: i64, head: &rows::Head) -> NewEntry {
        NewEntry {
            topic_id,
            position: self.position,
            at: self.at,
            kind: self.said.kind,
            item: self.said.item,
            comment_id: self.said.comment_id,
            content: self.content,
            content_hash: self.content_hash,
            prev_hash: head.hash.clone(),
            hash: self.hash,
        }
    }
}

/// Writes the record of a public topic that has none from its rows as
/// they are: its versions, comments (each text, a withdrawal, a hiding),
/// responses, updates and key dates, in the order they happened. For a
/// database from before the record (migration 16) and the demo's topics;
/// a topic with a record already is left as it is. On `tx`, holding the
/// head, so that instances starting at once write it once.
pub async fn backfill(tx: &mut AnyConnection, topic: &TopicRow) -> anyhow::Result<bool> {
    if !topic.published || rows::hold_head(tx, topic.id).await?.position > 0 {
        return Ok(false);
    }
    // (when, order within the same second, what)
    let mut acts: Vec<(i64, u8, PublicAct)> = Vec::new();
    for version in db::revisions::versions(tx, topic.id).await? {
        let said = PublicAct::version(version.version, &version.title, &version.markdown);
        acts.push((version.published_at.0, 0, said));
    }
    let mut posted = std::collections::HashSet::new();
    for text in rows::comment_texts(tx, topic.id).await? {
        let said = if posted.insert(text.comment_id) {
            PublicAct::comment(
                text.comment_id,
                text.parent_id,
                text.version,
                &text.section,
                &text.body,
                text.quote.as_deref(),
            )?
        } else {
            PublicAct::edit(text.comment_id, &text.body)?
        };
        acts.push((text.written_at, 1, said));
    }
    for state in rows::comment_states(tx, topic.id).await? {
        if !posted.contains(&state.id) {
            // Its texts erased with its author's account.
            acts.push((state.created_at, 1, PublicAct::erased(&[state.id])));
        }
        if let Some(at) = state.withdrawn_at {
            acts.push((at, 2, PublicAct::withdraw(state.id)));
        }
        if let (Some(at), Some(reason)) = (state.hidden_at, &state.hidden_reason) {
            acts.push((at, 2, PublicAct::hide(state.id, reason)));
        }
    }
    for r in rows::responses(tx, topic.id).await? {
        acts.push((
            r.created_at,
            3,
            PublicAct::response(r.comment_id, r.id, &r.status, &r.body),
        ));
    }
    for u in rows::updates(tx, topic.id).await? {
        acts.push((u.posted_at, 3, PublicAct::update(u.id, &u.title, &u.body)));
    }
    for d in rows::dates(tx, topic.id).await? {
        let said =
            PublicAct::date_added(d.id, &d.title, Timestamp(d.starts_at), d.place.as_deref());
        acts.push((d.created_at, 3, said));
    }
    acts.sort_by_key(|(at, order, _)| (*at, *order));
    for (at, _, said) in acts {
        append_now(tx, topic, said, Timestamp(at)).await?;
    }
    Ok(true)
}

/// Which entries of a record a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// The first `limit` after this position (0: from the start).
    After(i64),
    /// The last `limit` before this position (`i64::MAX`: the latest).
    Before(i64),
}

/// `GET /api/v1/topics/{slug}/record`: the entries of `window`, at most
/// `limit`, each with its content where that is public now (a comment's
/// latest text while it is neither hidden nor withdrawn; an earlier text
/// only to its author), the chain's head and the heads published.
pub async fn page(
    state: &AppState,
    user: Option<pulse_api::wire::Account>,
    slug: &str,
    window: Window,
    limit: Option<i64>,
) -> Result<RecordPage> {
    let limit = limit.unwrap_or(PAGE_MAX).clamp(1, PAGE_MAX);
    // One snapshot: the head is that of the entries given.
    let mut conn = state.db.snapshot().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let me = user.as_ref().map(|a| a.id);
    let states: HashMap<i64, rows::CommentState> = rows::comment_states(&mut conn, topic.id)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let latest_text = rows::latest_texts(&mut conn, topic.id).await?;
    // One more than asked for, to know whether there are more.
    let (found, next, earlier) = match window {
        Window::After(after) => {
            let mut found = rows::entries(&mut conn, topic.id, after.max(0), limit + 1).await?;
            let more = found.len() > usize::try_from(limit).unwrap_or(usize::MAX);
            found.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            let next = more.then(|| found.last().map(|e| e.position)).flatten();
            let earlier = found.first().map(|e| e.position).filter(|p| *p > 1);
            (found, next, earlier)
        }
        Window::Before(before) => {
            let found = rows::entries_before(&mut conn, topic.id, before, limit).await?;
            let earlier = found.first().map(|e| e.position).filter(|p| *p > 1);
            (found, None, earlier)
        }
    };
    let head = rows::head(&mut conn, topic.id).await?.map(|h| RecordHead {
        position: h.position,
        hash: h.hash,
    });
    // After a page read backwards, the entries after it, if any.
    let next = next.or_else(|| {
        let last = found.last()?.position;
        head.as_ref().filter(|h| h.position > last).map(|_| last)
    });
    let entries = found
        .into_iter()
        .map(|e| {
            let public = match (e.kind.as_str(), e.comment_id) {
                ("comment" | "edit", Some(id)) => states.get(&id).is_some_and(|s| {
                    let shown_now = s.withdrawn_at.is_none()
                        && s.hidden_at.is_none()
                        && latest_text.get(&id) == Some(&e.position);
                    shown_now || me == Some(s.account_id)
                }),
                _ => true,
            };
            RecordEntry {
                position: e.position,
                at: e.at,
                kind: e.kind,
                item: e.item,
                content: e.content.filter(|_| public),
                content_hash: e.content_hash,
                prev_hash: e.prev_hash,
                hash: e.hash,
            }
        })
        .collect();
    let published = rows::checkpoints(&mut conn, topic.id, PUBLISHED_MAX)
        .await?
        .into_iter()
        .map(|c| PublishedHead {
            position: c.position,
            hash: c.hash,
            at: c.at,
            reason: c.reason,
        })
        .collect();
    Ok(RecordPage {
        topic: topic.slug,
        title: topic.title,
        time_zone: topic.time_zone,
        head,
        entries,
        next,
        earlier,
        published,
    })
}

/// Where a chain stops holding: the first position found wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub position: i64,
    pub why: String,
}

/// Checks `topic`'s chain entry by entry — positions with no gaps, each
/// linked to the one before, its content's hash, its own hash — and what it
/// says against the rows it speaks of (a comment's texts and when it was
/// posted, an update's text, a version's title and text). The count of
/// entries, or the first that does not hold.
pub async fn verify(
    conn: &mut AnyConnection,
    topic: &TopicRow,
) -> anyhow::Result<std::result::Result<i64, Broken>> {
    let broken = |position: i64, why: String| Ok(Err(Broken { position, why }));
    let known = Known::read(conn, topic).await?;
    let mut seen_texts: std::collections::HashMap<i64, usize> = Default::default();
    let mut prev = GENESIS.to_string();
    let mut position = 0;
    let mut hashes: Vec<String> = Vec::new();
    loop {
        let page = rows::entries(conn, topic.id, position, 1000).await?;
        if page.is_empty() {
            break;
        }
        for e in page {
            if let Err(why) = crate::record::check(&topic.slug, position + 1, &prev, e.stored()) {
                return broken(position + 1, why);
            }
            position = e.position;
            if let Some(why) = known.unlike(&e, &mut seen_texts) {
                return broken(position, why);
            }
            hashes.push(e.hash.clone());
            prev = e.hash;
        }
    }
    if let Some(head) = rows::head(conn, topic.id).await?
        && (head.position != position || head.hash != prev)
    {
        return broken(position, "the chain's head is not its last entry".into());
    }
    // Every head published is still in the chain, where it was.
    for published in rows::checkpoints(conn, topic.id, i64::MAX).await? {
        let at = usize::try_from(published.position - 1)
            .ok()
            .and_then(|i| hashes.get(i));
        if at != Some(&published.hash) {
            return broken(
                published.position,
                "it is not the head published then".into(),
            );
        }
    }
    Ok(Ok(position))
}

/// The rows a topic's record speaks of, as they are now.
struct Known {
    texts: HashMap<i64, Vec<rows::CommentText>>,
    /// When each comment was posted.
    created: HashMap<i64, i64>,
    /// Each update's title and text.
    updates: HashMap<i64, (String, String)>,
    /// Each version's title and the hash of its text.
    versions: HashMap<i64, (String, String)>,
    /// Each poll option's count of ballots.
    votes: HashMap<i64, i64>,
    closes_at: i64,
}

impl Known {
    async fn read(conn: &mut AnyConnection, topic: &TopicRow) -> anyhow::Result<Known> {
        let mut texts: HashMap<i64, Vec<rows::CommentText>> = HashMap::new();
        for text in rows::comment_texts(conn, topic.id).await? {
            texts.entry(text.comment_id).or_default().push(text);
        }
        let created = rows::comment_states(conn, topic.id)
            .await?
            .into_iter()
            .map(|s| (s.id, s.created_at))
            .collect();
        let updates = rows::updates(conn, topic.id)
            .await?
            .into_iter()
            .map(|u| (u.id, (u.title, u.body)))
            .collect();
        let versions = db::revisions::versions(conn, topic.id)
            .await?
            .into_iter()
            .map(|v| (v.version, (v.title, sha256_hex(v.markdown.as_bytes()))))
            .collect();
        let votes = rows::option_counts(conn, topic.id)
            .await?
            .into_iter()
            .map(|o| (o.option_id, o.votes))
            .collect();
        Ok(Known {
            texts,
            created,
            updates,
            versions,
            votes,
            closes_at: topic.closes_at.0,
        })
    }

    /// How an entry differs from the rows it speaks of, if it does.
    fn unlike(&self, e: &EntryRow, seen_texts: &mut HashMap<i64, usize>) -> Option<String> {
        let (texts, created, updates, versions) =
            (&self.texts, &self.created, &self.updates, &self.versions);
        let content: serde_json::Value = serde_json::from_str(e.content.as_deref()?).ok()?;
        let text = |key: &str| content.get(key).and_then(serde_json::Value::as_str);
        let number = |key: &str| content.get(key).and_then(serde_json::Value::as_i64);
        match e.kind.as_str() {
            "comment" | "edit" => {
                let id = e.comment_id?;
                let n = seen_texts.entry(id).or_default();
                let row = texts.get(&id).and_then(|t| t.get(*n));
                *n += 1;
                let Some(row) = row else {
                    return Some(format!("comment {id} has no such text"));
                };
                if text("body") != Some(row.body.as_str()) {
                    return Some(format!("comment {id}'s text is not the one recorded"));
                }
                if row.written_at != e.at {
                    return Some(format!("comment {id}'s text was not written when recorded"));
                }
                if e.kind == "comment" && created.get(&id) != Some(&e.at) {
                    return Some(format!("comment {id} was not posted when recorded"));
                }
                None
            }
            "update" => {
                let id = number("update")?;
                match updates.get(&id) {
                    Some((title, body))
                        if text("title") == Some(title) && text("body") == Some(body) =>
                    {
                        None
                    }
                    _ => Some(format!("update {id} is not the one recorded")),
                }
            }
            "version" => {
                let n = number("version")?;
                match versions.get(&n) {
                    Some((title, hash))
                        if text("title") == Some(title) && text("text") == Some(hash) =>
                    {
                        None
                    }
                    _ => Some(format!("version {n} is not the one recorded")),
                }
            }
            // The close the topic has now: the ballots cannot have changed since.
            "close" if number("closes_at") == Some(self.closes_at) => {
                let polls = content.get("polls")?.as_array()?;
                let options = polls
                    .iter()
                    .filter_map(|p| p.get("options")?.as_array())
                    .flatten();
                for option in options {
                    let id = option.get("option")?.as_i64()?;
                    if option.get("votes")?.as_i64() != self.votes.get(&id).copied() {
                        return Some(format!("option {id}'s count is not the one recorded"));
                    }
                }
                None
            }
            _ => None,
        }
    }
}

/// An author's texts erased with their account: on each topic they wrote
/// on, an `erased` entry naming the comments, and the texts gone from the
/// record's earlier entries (their hashes stay). Topics are taken in the
/// order of their slugs, as every writer that holds several heads does.
pub async fn erase_author(
    tx: &mut AnyConnection,
    account_id: i64,
    at: Timestamp,
) -> anyhow::Result<()> {
    let mut by_topic: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
    for (topic_id, comment_id) in rows::comments_of(tx, account_id).await? {
        by_topic.entry(topic_id).or_default().push(comment_id);
    }
    let mut topics = Vec::new();
    for (topic_id, comments) in by_topic {
        if let Some(topic) = db::topics::find_by_id(tx, topic_id).await? {
            topics.push((topic, comments));
        }
    }
    topics.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
    for (topic, comments) in topics {
        if append(tx, &topic, PublicAct::erased(&comments), at)
            .await?
            .is_some()
        {
            for id in comments {
                rows::erase(tx, id).await?;
            }
        }
    }
    Ok(())
}

/// Begins the record of every public topic that has none (a database from
/// before the record, the demo's topics), on `tx`, in the order of their
/// slugs. Answers how many were begun.
pub async fn backfill_all(tx: &mut AnyConnection) -> anyhow::Result<usize> {
    let mut begun = 0;
    for id in rows::unrecorded(tx).await? {
        if let Some(topic) = db::topics::find_by_id(tx, id).await?
            && backfill(tx, &topic).await?
        {
            begun += 1;
        }
    }
    Ok(begun)
}

/// At start: begins the record of public topics that have none, once, in
/// one transaction (instances starting at once take turns on each head).
pub async fn begin_missing(db: &db::Db) -> anyhow::Result<()> {
    let missing = {
        let mut conn = db.read().await?;
        rows::unrecorded(&mut conn).await?
    };
    if missing.is_empty() {
        return Ok(());
    }
    let mut tx = db.write().await?;
    let begun = backfill_all(&mut tx).await?;
    db::commit(tx).await?;
    tracing::info!(
        topics = begun,
        "began the public record of topics that had none"
    );
    Ok(())
}

/// What time brings to the record, run every few seconds by each instance
/// and done once across them: a topic's close (each poll's counts) when it
/// has closed, and its head published at the close and on each day it is
/// open (UTC days), to the audit log and the topic's Atom feed.
pub async fn chores(db: &db::Db, now: Timestamp) -> anyhow::Result<()> {
    let day = now.0.div_euclid(86_400);
    let (closes, daily) = {
        let mut conn = db.read().await?;
        (
            rows::closes_due(&mut conn, now.0).await?,
            rows::heads_due(&mut conn, now.0, day).await?,
        )
    };
    for id in closes {
        let mut tx = db.write().await?;
        let Some(topic) = db::topics::find_by_id(&mut tx, id).await? else {
            continue;
        };
        // The topic and its head first, as every writer of the topic takes
        // them.
        hold(&mut tx, &topic).await?;
        let Some(closes_at) = rows::claim_close(&mut tx, id, now.0).await? else {
            continue;
        };
        let counts = rows::option_counts(&mut tx, id).await?;
        if let Some(receipt) = append(
            &mut tx,
            &topic,
            PublicAct::close(Timestamp(closes_at), &counts),
            now,
        )
        .await?
        {
            let head = rows::Checkpoint {
                position: receipt.position,
                hash: receipt.hash,
                at: now.0,
                reason: "close".into(),
                mark: closes_at,
            };
            publish_head(&mut tx, topic.id, &head).await?;
        }
        db::commit(tx).await?;
    }
    for id in daily {
        let mut tx = db.write().await?;
        let Some(head) = rows::head(&mut tx, id).await? else {
            continue;
        };
        let head = rows::Checkpoint {
            position: head.position,
            hash: head.hash,
            at: now.0,
            reason: "daily".into(),
            mark: day,
        };
        if publish_head(&mut tx, id, &head).await? {
            db::commit(tx).await?;
        }
    }
    Ok(())
}

/// Publishes `head` of `topic`'s record, and says so in the audit log;
/// nothing when it, or a head for the same day or close, is published.
async fn publish_head(
    tx: &mut AnyConnection,
    topic_id: i64,
    head: &rows::Checkpoint,
) -> anyhow::Result<bool> {
    if !rows::publish_head(tx, topic_id, head).await? {
        return Ok(false);
    }
    let subject = format!("{}:{}", head.position, head.hash);
    db::audit::append(
        tx,
        db::audit::Entry {
            actor: db::audit::Actor::Schedule,
            action: "publish_record_head",
            topic_id: Some(topic_id),
            comment_id: None,
            subject: Some(&subject),
            reason: Some(&head.reason),
            at: Timestamp(head.at),
        },
    )
    .await?;
    Ok(true)
}
