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
use crate::db::record::{self as rows, EntryRow, NewEntry};
use crate::db::topics::TopicRow;
use crate::error::Result;
use crate::record::{Canon, GENESIS, Header, sha256_hex};
use crate::state::AppState;
use pulse_api::Timestamp;
use pulse_api::wire::{Receipt, RecordEntry, RecordHead, RecordPage};
use sqlx::AnyConnection;

/// Most entries a page of the record holds.
pub const PAGE_MAX: i64 = 500;

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

/// Holds `topic`'s record head for the rest of the transaction, before the
/// act writes anything else: every writer of a topic takes its rows in
/// this order (the head first), so two transactions never wait on each
/// other round a circle (PostgreSQL). Nothing for a topic not published.
pub async fn hold(conn: &mut AnyConnection, topic: &TopicRow) -> anyhow::Result<()> {
    if topic.published {
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

async fn append_now(
    conn: &mut AnyConnection,
    topic: &TopicRow,
    said: PublicAct,
    at: Timestamp,
) -> anyhow::Result<Receipt> {
    let head = rows::hold_head(conn, topic.id).await?;
    let content = said.content.encode();
    let content_hash = sha256_hex(content.as_bytes());
    let position = head.position + 1;
    let header = Header {
        topic: &topic.slug,
        position,
        at: at.0,
        kind: said.kind,
        item: said.item.as_deref(),
        content: &content_hash,
        prev: &head.hash,
    };
    let hash = header.hash();
    rows::append(
        conn,
        &NewEntry {
            topic_id: topic.id,
            position,
            at: at.0,
            kind: said.kind,
            item: said.item.as_deref(),
            comment_id: said.comment_id,
            content: &content,
            content_hash: &content_hash,
            prev_hash: &head.hash,
            hash: &hash,
        },
    )
    .await?;
    Ok(Receipt { position, hash })
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

/// `GET /api/v1/topics/{slug}/record`: the entries after `after`, at most
/// `limit`, each with its content where that is public now (a comment's
/// latest text while it is neither hidden nor withdrawn; an earlier text
/// only to its author), and the chain's head.
pub async fn page(
    state: &AppState,
    user: Option<pulse_api::wire::Account>,
    slug: &str,
    after: Option<i64>,
    limit: Option<i64>,
) -> Result<RecordPage> {
    let limit = limit.unwrap_or(PAGE_MAX).clamp(1, PAGE_MAX);
    let after = after.unwrap_or(0).max(0);
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let me = user.as_ref().map(|a| a.id);
    let states: std::collections::HashMap<i64, rows::CommentState> =
        rows::comment_states(&mut conn, topic.id)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    let latest_text = rows::latest_texts(&mut conn, topic.id).await?;
    let found = rows::entries(&mut conn, topic.id, after, limit + 1).await?;
    let next = (found.len() > usize::try_from(limit).unwrap_or(usize::MAX))
        .then(|| found[found.len() - 2].position);
    let entries = found
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
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
    let head = rows::head(&mut conn, topic.id).await?.map(|h| RecordHead {
        position: h.position,
        hash: h.hash,
    });
    Ok(RecordPage {
        topic: topic.slug,
        head,
        entries,
        next,
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
    let mut texts: std::collections::HashMap<i64, Vec<rows::CommentText>> = Default::default();
    for text in rows::comment_texts(conn, topic.id).await? {
        texts.entry(text.comment_id).or_default().push(text);
    }
    let created: std::collections::HashMap<i64, i64> = rows::comment_states(conn, topic.id)
        .await?
        .into_iter()
        .map(|s| (s.id, s.created_at))
        .collect();
    let updates: std::collections::HashMap<i64, (String, String)> = rows::updates(conn, topic.id)
        .await?
        .into_iter()
        .map(|u| (u.id, (u.title, u.body)))
        .collect();
    let versions: std::collections::HashMap<i64, (String, String)> =
        db::revisions::versions(conn, topic.id)
            .await?
            .into_iter()
            .map(|v| (v.version, (v.title, sha256_hex(v.markdown.as_bytes()))))
            .collect();
    let mut seen_texts: std::collections::HashMap<i64, usize> = Default::default();
    let mut prev = GENESIS.to_string();
    let mut position = 0;
    loop {
        let page = rows::entries(conn, topic.id, position, 1000).await?;
        if page.is_empty() {
            break;
        }
        for e in page {
            let expected = position + 1;
            if e.position != expected {
                return broken(expected, format!("entry {expected} is missing"));
            }
            position = e.position;
            if e.prev_hash != prev {
                return broken(position, "it does not link to the entry before it".into());
            }
            if let Some(content) = &e.content
                && sha256_hex(content.as_bytes()) != e.content_hash
            {
                return broken(position, "its content does not match its hash".into());
            }
            let header = Header {
                topic: &topic.slug,
                position,
                at: e.at,
                kind: &e.kind,
                item: e.item.as_deref(),
                content: &e.content_hash,
                prev: &e.prev_hash,
            };
            if header.hash() != e.hash {
                return broken(position, "its hash does not match what it holds".into());
            }
            if let Some(why) =
                unlike_rows(&e, &texts, &created, &updates, &versions, &mut seen_texts)
            {
                return broken(position, why);
            }
            prev = e.hash;
        }
    }
    match rows::head(conn, topic.id).await? {
        Some(head) if head.position != position || head.hash != prev => {
            broken(position, "the chain's head is not its last entry".into())
        }
        _ => Ok(Ok(position)),
    }
}

/// How an entry differs from the rows it speaks of, if it does.
fn unlike_rows(
    e: &EntryRow,
    texts: &std::collections::HashMap<i64, Vec<rows::CommentText>>,
    created: &std::collections::HashMap<i64, i64>,
    updates: &std::collections::HashMap<i64, (String, String)>,
    versions: &std::collections::HashMap<i64, (String, String)>,
    seen_texts: &mut std::collections::HashMap<i64, usize>,
) -> Option<String> {
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
        _ => None,
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
