//! Revisions of a topic's draft: publishing version N+1 (and trying it
//! first, writing nothing), the versions listed, and what changed from one
//! version to the next. Publishing decides what each new section was in
//! the version before ([`crate::revisions`]), keeps it, and follows every
//! comment into the new version: a comment keeps the version and section
//! it was written on and gains where it stands now.

use super::public_record::{self, PublicAct};
use super::topic_setup::{self, NoteIs, ValidRevision};
use super::topics::field_problem;
use super::{Act, Unread, find_topic, on_topic, record, wake_mail};
use crate::dates::date_time;
use crate::db::revisions::{Following, SectionRow, VersionRow};
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::policy::{self, Actor};
use crate::revisions::{self as rev, Matching, Place, SectionText};
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::to_plain_text;
use pulse_api::sections::{GENERAL, REMOVED, Section};
use pulse_api::wire::{
    Account, ChangedSection, Changes, CommentBrief, NewRevision, NowCounts, NowStatus,
    RemovedSection, SectionChange, VersionList, VersionSource, VersionSummary,
};
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// A version's number as a query or a path gives it.
pub fn version_number(text: &str) -> Result<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or_else(|| ApiError::bad_request(Msg::VersionNumber))
}

/// A topic's versions, oldest first.
pub async fn list(state: &AppState, slug: &str, lang: Lang) -> Result<VersionList> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let versions = db::revisions::versions(&mut conn, topic.id).await?;
    Ok(VersionList {
        versions: versions
            .into_iter()
            .map(|v| VersionSummary {
                published_on: date_time(v.published_at, &topic.time_zone, lang),
                version: v.version,
                title: v.title,
                published_at: v.published_at,
                note: v.note,
                note_html: v.note_html,
                published_by: v.published_by,
            })
            .collect(),
    })
}

/// What changed from version `number` − 1 to version `number`.
pub async fn changes(state: &AppState, slug: &str, number: i64, lang: Lang) -> Result<Changes> {
    let mut conn = state.db.read().await?;
    let topic = find_topic(&mut conn, slug).await?;
    let version = db::revisions::version(&mut conn, topic.id, number)
        .await?
        .ok_or_else(|| no_such_version(number))?;
    changes_of(&mut conn, &topic, &version, lang).await
}

/// Version `number` of a topic's draft as its author wrote it: what a
/// revision starts from. Whoever may see the topic may read it.
pub async fn source(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    number: Option<i64>,
) -> Result<VersionSource> {
    let mut conn = state.db.read().await?;
    let (topic, _) = on_topic(&mut conn, user, slug).await?;
    let latest = current(&mut conn, &topic).await?;
    let version = match number {
        None => latest.clone(),
        Some(n) if n == latest.version => latest.clone(),
        Some(n) => db::revisions::version(&mut conn, topic.id, n)
            .await?
            .ok_or_else(|| no_such_version(n))?,
    };
    Ok(VersionSource {
        version: version.version,
        latest: latest.version,
        title: version.title,
        markdown: version.markdown,
    })
}

/// The revision form of a topic (`/topics/{slug}/revise`): for those who
/// may publish one, once the topic is public; what it starts from.
pub async fn revising(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
) -> Result<VersionSource> {
    let mut conn = state.db.read().await?;
    let (topic, actor) = on_topic(&mut conn, user, slug).await?;
    policy::may_revise(&actor)?;
    if !topic.published {
        return Err(ApiError::conflict(Msg::RevisionBeforePublish));
    }
    let latest = current(&mut conn, &topic).await?;
    Ok(VersionSource {
        version: latest.version,
        latest: latest.version,
        title: latest.title,
        markdown: latest.markdown,
    })
}

fn no_such_version(number: i64) -> ApiError {
    ApiError::not_found(Msg::NoSuchVersion.with([("version", number.to_string())]))
}

/// What version `version` changed, as kept when it was published.
async fn changes_of(
    conn: &mut AnyConnection,
    topic: &TopicRow,
    version: &VersionRow,
    lang: Lang,
) -> Result<Changes> {
    let new = db::revisions::sections(conn, version.id).await?;
    let old = match version.version {
        1 => Vec::new(),
        n => match db::revisions::version(conn, topic.id, n - 1).await? {
            Some(previous) => db::revisions::sections(conn, previous.id).await?,
            None => Vec::new(),
        },
    };
    let matching = db::revisions::matching(conn, version.id).await?;
    let mut notes = db::revisions::notes(conn, version.id).await?;
    let mut changes = described(&old, &new, &matching, &mut notes);
    changes.version = version.version;
    changes.previous_version = version.version - 1;
    changes.title = version.title.clone();
    changes.published_at = Some(version.published_at);
    changes.published_on = date_time(version.published_at, &topic.time_zone, lang);
    changes.note = version.note.clone();
    changes.note_html = version.note_html.clone();
    Ok(changes)
}

/// The comparison of `old` and `new` sections as `matching` matched them,
/// with the notes on why each changed (taken from `notes`).
fn described(
    old: &[SectionRow],
    new: &[SectionRow],
    matching: &Matching,
    notes: &mut HashMap<String, (String, String, Vec<i64>)>,
) -> Changes {
    let old_by: HashMap<&str, &SectionRow> = old.iter().map(|s| (s.anchor.as_str(), s)).collect();
    let sections = new
        .iter()
        .zip(&matching.sections)
        .map(|(section, matched)| {
            let before: Vec<&SectionRow> = matched
                .previous
                .iter()
                .filter_map(|a| old_by.get(a.as_str()).copied())
                .collect();
            let old_text = before
                .iter()
                .map(|s| to_plain_text(&s.markdown))
                .collect::<Vec<_>>()
                .join("\n\n");
            let (note, note_html, comments) = notes.remove(&section.anchor).unwrap_or_default();
            ChangedSection {
                anchor: section.anchor.clone(),
                number: section.number.clone(),
                heading: section.heading.clone(),
                change: matched.change,
                previous: matched.previous.clone(),
                previous_headings: before.iter().map(|s| s.heading.clone()).collect(),
                diff: rev::word_diff(&old_text, &to_plain_text(&section.markdown)),
                note,
                note_html,
                comments,
                standing: Vec::new(),
            }
        })
        .collect();
    let removed = matching
        .removed
        .iter()
        .filter_map(|a| old_by.get(a.as_str()))
        .map(|s| RemovedSection {
            anchor: s.anchor.clone(),
            number: s.number.clone(),
            heading: s.heading.clone(),
            markdown: s.markdown.clone(),
            html: s.html.clone(),
        })
        .collect();
    Changes {
        version: 0,
        previous_version: 0,
        title: String::new(),
        published_at: None,
        published_on: String::new(),
        note: String::new(),
        note_html: String::new(),
        sections,
        removed,
        comments: None,
    }
}

/// What publishing a revision would do: the matching of its sections to
/// the version before, where each comment would stand, and the anchors of
/// earlier versions that would lead to each new section.
struct Plan {
    matching: Matching,
    /// Where each comment of the topic would stand.
    follows: Vec<Follow>,
    counts: NowCounts,
    aliases: Vec<(String, String)>,
}

/// Where a comment would stand after a revision, and whether that differs
/// from where it stands now.
struct Follow {
    id: i64,
    status: NowStatus,
    section: String,
    changed: bool,
}

/// Works out what publishing `sections` after `previous` would do.
async fn plan(
    conn: &mut AnyConnection,
    topic_id: i64,
    previous: &VersionRow,
    sections: &[Section],
) -> Result<Plan> {
    let old = db::revisions::sections(conn, previous.id).await?;
    let old_texts: Vec<SectionText<'_>> = old
        .iter()
        .map(|s| SectionText {
            anchor: &s.anchor,
            heading: &s.heading,
            markdown: &s.markdown,
        })
        .collect();
    let new_texts: Vec<SectionText<'_>> = sections
        .iter()
        .map(|s| SectionText {
            anchor: &s.anchor,
            heading: &s.heading,
            markdown: &s.markdown,
        })
        .collect();
    let matching = rev::match_sections(&old_texts, &new_texts);
    let plain: HashMap<&str, String> = sections
        .iter()
        .map(|s| (s.anchor.as_str(), to_plain_text(&s.markdown)))
        .collect();
    let written = db::revisions::all_section_texts(conn, topic_id).await?;
    let comments = db::revisions::following(conn, topic_id).await?;
    let mut now: HashMap<i64, (NowStatus, String)> = HashMap::new();
    let mut follows = Vec::with_capacity(comments.len());
    let mut counts = NowCounts::default();
    for comment in &comments {
        // A reply stands where its thread stands.
        let (status, section) = match comment.parent_id.and_then(|p| now.get(&p)) {
            Some(thread) => thread.clone(),
            None => step(comment, &matching, &written, &plain),
        };
        *count_of(&mut counts, status) += 1;
        now.insert(comment.id, (status, section.clone()));
        follows.push(Follow {
            id: comment.id,
            changed: status != comment.now_status || section != comment.now_section,
            status,
            section,
        });
    }

    // Every anchor that led to an old section now leads to its successors,
    // and so does the old section's own anchor, unless a section of the
    // new version has it.
    let earlier = db::revisions::aliases(conn, previous.id).await?;
    let taken: HashSet<&str> = sections.iter().map(|s| s.anchor.as_str()).collect();
    let mut aliases = Vec::new();
    for matched in &matching.sections {
        for previous in &matched.previous {
            let older = earlier
                .iter()
                .filter(|(_, to)| to == previous)
                .map(|(alias, _)| alias);
            for alias in std::iter::once(previous).chain(older) {
                if !taken.contains(alias.as_str()) {
                    aliases.push((alias.clone(), matched.anchor.clone()));
                }
            }
        }
    }
    Ok(Plan {
        matching,
        follows,
        counts,
        aliases,
    })
}

fn count_of(counts: &mut NowCounts, status: NowStatus) -> &mut i64 {
    match status {
        NowStatus::Current => &mut counts.current,
        NowStatus::Carried => &mut counts.carried,
        NowStatus::Moved => &mut counts.moved,
        NowStatus::Changed => &mut counts.changed,
        NowStatus::Removed => &mut counts.removed,
    }
}

/// Where a comment (the first of its thread) stands after the revision
/// `matching` describes, from where it stood before: it keeps the worst
/// of what became of it (a passage changed once stays changed), and the
/// section it belongs to now.
fn step(
    comment: &Following,
    matching: &Matching,
    written: &HashMap<(i64, String), String>,
    plain: &HashMap<&str, String>,
) -> (NowStatus, String) {
    if comment.section == GENERAL {
        return (
            comment.now_status.max(NowStatus::Carried),
            GENERAL.to_string(),
        );
    }
    if comment.now_status == NowStatus::Removed {
        return (NowStatus::Removed, REMOVED.to_string());
    }
    let original = written
        .get(&(comment.version_id, comment.section.clone()))
        .map(|text| to_plain_text(text))
        .unwrap_or_default();
    // A quote from a translation is not looked for in the original's
    // words: the comment follows its section's text instead.
    let quote = comment
        .quote
        .as_ref()
        .filter(|_| !comment.quote_translated)
        .map(|q| (q.exact.as_str(), q.prefix.as_str(), q.suffix.as_str()));
    let place = Place {
        section: &comment.now_section,
        text: &original,
        quote,
    };
    let (now, section) = rev::follow(&place, matching, |anchor| {
        plain.get(anchor).cloned().unwrap_or_default()
    });
    match section {
        None => (NowStatus::Removed, REMOVED.to_string()),
        Some(section) => (
            now.max(comment.now_status.max(NowStatus::Carried)),
            section.to_string(),
        ),
    }
}

/// The version a revision follows: the topic's current one.
async fn current(conn: &mut AnyConnection, topic: &TopicRow) -> Result<VersionRow> {
    let latest = db::topics::current_version(conn, topic.id)
        .await?
        .ok_or_else(|| ApiError::conflict(Msg::NoDraftToComment))?;
    Ok(db::revisions::version(conn, topic.id, latest.version)
        .await?
        .ok_or_else(|| anyhow::anyhow!("version {} vanished", latest.version))?)
}

/// Checks a revision against the version it follows: it must change
/// something, say why only of sections that changed, and name only
/// comments on the topic.
fn check_against(
    valid: &ValidRevision,
    previous: &VersionRow,
    old: &[SectionRow],
    plan: &Plan,
) -> Result<()> {
    let same = old.len() == valid.sections.len()
        && old.iter().zip(&valid.sections).all(|(o, n)| {
            o.anchor == n.anchor
                && o.heading == n.heading
                && o.level == n.level
                && o.markdown.trim() == n.markdown.trim()
        });
    if same {
        return Err(field(
            "draft",
            Msg::RevisionSame.with([("version", previous.version.to_string())]),
        ));
    }
    let comments: HashSet<i64> = plan.follows.iter().map(|f| f.id).collect();
    for (anchor, (_, named)) in &valid.notes {
        let unchanged = plan
            .matching
            .sections
            .iter()
            .any(|s| &s.anchor == anchor && s.change == SectionChange::Unchanged);
        if unchanged {
            return Err(field(
                &format!("sections.{anchor}"),
                Msg::RevisionSectionUnchanged.with([("anchor", anchor.as_str())]),
            ));
        }
        if let Some(id) = named.iter().find(|id| !comments.contains(id)) {
            return Err(field(
                &format!("sections.{anchor}.comments"),
                Msg::RevisionCommentUnknown.with([("id", id.to_string())]),
            ));
        }
    }
    Ok(())
}

fn field(name: &str, message: pulse_api::i18n::Said) -> ApiError {
    field_problem(topic_setup::FieldError {
        field: name.to_string(),
        message,
    })
}

/// What publishing `revision` would do, writing nothing: the changes and
/// where the topic's comments would stand.
pub async fn preview(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    body: Unread<NewRevision>,
) -> Result<Changes> {
    let mut conn = state.db.read().await?;
    let (topic, actor) = on_topic(&mut conn, user, slug).await?;
    policy::may_revise(&actor)?;
    if !topic.published {
        return Err(ApiError::conflict(Msg::RevisionBeforePublish));
    }
    let previous = current(&mut conn, &topic).await?;
    let valid = topic_setup::validate_revision(body.read()?, &previous.title, NoteIs::MayWait)
        .map_err(field_problem)?;
    let old = db::revisions::sections(&mut conn, previous.id).await?;
    let plan = plan(&mut conn, topic.id, &previous, &valid.sections).await?;
    check_against(&valid, &previous, &old, &plan)?;
    let new: Vec<SectionRow> = valid
        .sections
        .iter()
        .map(|s| SectionRow {
            anchor: s.anchor.clone(),
            number: s.number.clone(),
            heading: s.heading.clone(),
            level: s.level,
            markdown: s.markdown.clone(),
            html: pulse_api::markdown::to_safe_html(&s.markdown),
            change: None,
        })
        .collect();
    let mut notes = valid
        .notes
        .iter()
        .map(|(anchor, (note, comments))| {
            let html = pulse_api::markdown::to_safe_html(note);
            (anchor.clone(), (note.clone(), html, comments.clone()))
        })
        .collect();
    let mut changes = described(&old, &new, &plan.matching, &mut notes);
    changes.version = previous.version + 1;
    changes.previous_version = previous.version;
    changes.title = valid.title;
    changes.note_html = pulse_api::markdown::to_safe_html(&valid.note);
    changes.note = valid.note;
    changes.comments = Some(plan.counts);
    // Beside each section, the threads that would stand on it, for the
    // comments that led to a change to be linked to it.
    let follows: HashMap<i64, &Follow> = plan.follows.iter().map(|f| (f.id, f)).collect();
    let mut standing: HashMap<&str, Vec<CommentBrief>> = HashMap::new();
    let briefs = db::revisions::briefs(&mut conn, topic.id).await?;
    for brief in briefs {
        if let Some(follow) = follows.get(&brief.id) {
            standing
                .entry(follow.section.as_str())
                .or_default()
                .push(CommentBrief {
                    id: brief.id,
                    author: brief.author,
                    excerpt: pulse_api::markdown::first_words(&brief.body, 160),
                    now: follow.status,
                });
        }
    }
    for section in &mut changes.sections {
        section.standing = standing.remove(section.anchor.as_str()).unwrap_or_default();
    }
    let _ = lang;
    Ok(changes)
}

/// Publishes a revised draft: version N+1, what it made of version N, where
/// every comment now stands, the notes on why sections changed, and the
/// notices it causes, with its audit row, on one transaction.
pub async fn publish(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    body: Unread<NewRevision>,
) -> Result<Changes> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (topic, actor) = on_topic(&mut tx, user, slug).await?;
    policy::may_revise(&actor)?;
    let revision = body.read()?;
    let changes = publish_on(&mut tx, &topic, &actor, revision, lang, now).await?;
    db::commit(tx).await?;
    wake_mail(state);
    Ok(changes)
}

/// What the revision form, sent without the app, came to.
pub enum RevisionForm {
    /// Published: what the new version changed.
    Published(Changes),
    /// Shown again: the draft it starts from, the comparison (when there
    /// is one), whether the draft changed since it was compared (and so
    /// was compared again, not published), and the mistake, if any.
    Again {
        source: VersionSource,
        preview: Option<Changes>,
        stale: bool,
        refused: Option<ApiError>,
    },
}

/// The revision form sent: `publish` with the fingerprint of the draft
/// it compared (`compared`) publishes it, unless the draft changed since,
/// when it is compared again; otherwise compared. A refusal comes back
/// with the comparison it was refused after.
pub async fn send_form(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    revision: NewRevision,
    publishing: Option<&str>,
) -> Result<RevisionForm> {
    let source = revising(state, user.clone(), slug).await?;
    let title = revision.title.as_deref().unwrap_or(&source.title);
    let stale = publishing.is_some_and(|compared| {
        compared != pulse_api::sections::fingerprint(title, &revision.draft)
    });
    let mut refused = None;
    if publishing.is_some() && !stale {
        match publish(state, user.clone(), slug, lang, Unread::of(&revision)).await {
            Ok(changes) => return Ok(RevisionForm::Published(changes)),
            Err(error) => refused = Some(error),
        }
    }
    let preview = preview(state, user, slug, lang, Unread::of(&revision)).await;
    let (preview, refused) = match (preview, refused) {
        (Ok(changes), refused) => (Some(changes), refused),
        // Refused on publishing, the comparison is shown if it can be.
        (Err(_), Some(refused)) => (None, Some(refused)),
        (Err(error), None) => (None, Some(error)),
    };
    Ok(RevisionForm::Again {
        source,
        preview,
        stale,
        refused,
    })
}

/// Publishes `revision` of `topic` on `tx`, for `actor` (whom the caller
/// has let through `policy::may_revise`): the part `pulse admin
/// publish-revision` shares.
pub async fn publish_on(
    tx: &mut AnyConnection,
    topic: &TopicRow,
    actor: &Actor,
    revision: NewRevision,
    lang: Lang,
    now: Timestamp,
) -> Result<Changes> {
    policy::may_revise(actor)?;
    if !topic.published {
        return Err(ApiError::conflict(Msg::RevisionBeforePublish));
    }
    // The topic first, alone, as every writer of the topic takes it first
    // (shared): comments being posted finish first, or wait for this to
    // commit, so each is written on one version or the other and followed
    // either way. Then its record's head, as every writer takes it next.
    db::revisions::hold_topic(tx, topic.id, true).await?;
    public_record::hold(tx, topic).await?;
    let previous = current(tx, topic).await?;
    let valid = topic_setup::validate_revision(revision, &previous.title, NoteIs::Required)
        .map_err(field_problem)?;
    let old = db::revisions::sections(tx, previous.id).await?;
    let plan = plan(tx, topic.id, &previous, &valid.sections).await?;
    check_against(&valid, &previous, &old, &plan)?;

    let version_id = db::topics::insert_version(
        tx,
        topic.id,
        &db::topics::NewVersion {
            title: &valid.title,
            markdown: &valid.draft,
            note: &valid.note,
            published_by: actor.id(),
        },
        &valid.sections,
        now,
    )
    .await?;
    let number = previous.version + 1;
    let said = PublicAct::version(number, &valid.title, &valid.draft);
    public_record::append(tx, topic, said, now).await?;
    db::revisions::insert_matching(tx, version_id, &plan.matching).await?;
    db::revisions::insert_aliases(tx, version_id, &plan.aliases).await?;
    for (anchor, (note, comments)) in &valid.notes {
        if !note.is_empty() {
            db::revisions::insert_note(tx, version_id, anchor, note).await?;
        }
        for comment in comments {
            db::revisions::insert_led_to(tx, *comment, version_id, anchor).await?;
        }
    }
    // Only what moved is written: a comment carried again stays as it is.
    for follow in plan.follows.iter().filter(|f| f.changed) {
        db::revisions::set_now(tx, follow.id, follow.status, &follow.section).await?;
    }
    db::revisions::recount(tx, topic.id, version_id).await?;
    // Polls go with their section, or say the version they were asked on.
    for old_section in &old {
        let successor = plan
            .matching
            .sections
            .iter()
            .find(|s| s.previous.contains(&old_section.anchor))
            .map(|s| s.anchor.as_str());
        if successor != Some(old_section.anchor.as_str()) {
            db::polls::follow_section(
                tx,
                topic.id,
                &old_section.anchor,
                successor,
                previous.version,
            )
            .await?;
        }
    }

    // Who is told: every subscriber once; a follower of a section that
    // changed or was removed in a letter about that section; the authors
    // of the comments that led to a change.
    let told = db::outbox::enqueue_for_subscribers(
        tx,
        topic.id,
        db::outbox::Kind::Revision,
        Some(version_id),
        now,
        crate::mail::worker::digest_time(now, &topic.time_zone),
    )
    .await?;
    if told > 0 {
        let fates = fates(&plan.matching);
        let aliases = db::revisions::aliases(tx, previous.id).await?;
        let followed = db::subscriptions::section_followers(tx, topic.id).await?;
        for (subscription, anchor) in followed {
            // The old section the follower's anchor stood for.
            let old_anchor = if old.iter().any(|s| s.anchor == anchor) {
                Some(anchor)
            } else {
                aliases
                    .iter()
                    .find(|(a, _)| *a == anchor)
                    .map(|(_, to)| to.clone())
            };
            let Some(old_anchor) = old_anchor.filter(|a| fates.contains(a.as_str())) else {
                continue;
            };
            if let Some(section_id) = db::topics::section_id(tx, previous.id, &old_anchor).await? {
                db::outbox::about_section(tx, subscription, version_id, section_id).await?;
            }
        }
    }
    db::outbox::enqueue_for_led_to(tx, topic.id, version_id, actor.id(), now).await?;

    let number = (previous.version + 1).to_string();
    record(
        tx,
        actor,
        Act::on_topic("publish_revision", topic.id).subject(&number),
        now,
    )
    .await?;
    let version = db::revisions::version(tx, topic.id, previous.version + 1)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the new version vanished inside its transaction"))?;
    changes_of(tx, topic, &version, lang).await
}

/// The old sections a revision changed or removed: their followers are
/// told of it.
fn fates(matching: &Matching) -> HashSet<&str> {
    matching
        .sections
        .iter()
        .filter(|s| s.change != SectionChange::Unchanged)
        .flat_map(|s| s.previous.iter().map(String::as_str))
        .chain(matching.removed.iter().map(String::as_str))
        .collect()
}

/// Where a comment written now on version `version_id` (an earlier one
/// than the current, as a revision was published while it was being
/// written) stands in the current version: followed through each revision
/// since, as publishing would have followed it.
pub(super) async fn follow_late(
    conn: &mut AnyConnection,
    topic_id: i64,
    written: &Following,
    from_version: i64,
    to_version: i64,
) -> Result<(NowStatus, String)> {
    let texts = db::revisions::all_section_texts(conn, topic_id).await?;
    let mut comment = written.clone();
    for number in from_version + 1..=to_version {
        let Some(version) = db::revisions::version(conn, topic_id, number).await? else {
            continue;
        };
        let matching = db::revisions::matching(conn, version.id).await?;
        let plain: HashMap<String, String> = db::revisions::sections(conn, version.id)
            .await?
            .into_iter()
            .map(|s| (s.anchor, to_plain_text(&s.markdown)))
            .collect();
        let plain: HashMap<&str, String> =
            plain.iter().map(|(a, t)| (a.as_str(), t.clone())).collect();
        let (status, section) = step(&comment, &matching, &texts, &plain);
        comment.now_status = status;
        comment.now_section = section;
    }
    Ok((comment.now_status, comment.now_section))
}
