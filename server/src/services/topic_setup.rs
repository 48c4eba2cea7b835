//! Creating and changing topics: the checks and the writes that
//! `pulse admin create-topic` and `POST /api/v1/topics` share. Every check
//! names the field it is about; nothing is written until all pass, and then
//! all is written in the caller's transaction with its audit row.

use super::{Act, record};
use crate::dates::is_known_zone;
use crate::db;
use crate::db::topics::{NewTopic as NewTopicRow, TopicRow};
use crate::policy::Actor;
use pulse_api::i18n::{Lang, Msg, Said};
use pulse_api::sections::{self, GENERAL, Section, is_anchor};
use pulse_api::validate::{BALLOT_MAX_OPTIONS, Email, PostBody, Title};
use pulse_api::wire::{
    Document, HostCard, NewPoll, NewTopic, PollTranslation, TopicEdit, TopicTranslation,
    UpdateTranslation,
};
use pulse_api::{Timestamp, markdown};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// A field that is wrong, and why, in a sentence said in the reader's
/// language (English on the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Said,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

fn wrong(field: impl Into<String>, message: impl Into<Said>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// Longest slug, in characters.
pub const SLUG_MAX_CHARS: usize = 80;
/// Longest draft, in bytes.
pub const DRAFT_MAX_BYTES: usize = 400_000;
/// Most polls, and documents, a topic may have.
pub const TOPIC_MAX_POLLS: usize = 20;
pub const TOPIC_MAX_DOCUMENTS: usize = 30;

/// A new topic whose every field has passed.
pub struct ValidTopic {
    pub topic: NewTopic,
    pub sections: Vec<Section>,
    pub translations: Vec<ValidTranslation>,
}

/// A topic's texts in another language, checked: its draft, if any, cut
/// into the original's sections (their anchors and numbers, its own
/// headings and text).
pub struct ValidTranslation {
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub draft: Option<TranslatedDraft>,
}

/// A translated draft, checked: its title, its Markdown as written, and
/// the sections cut from it.
pub struct TranslatedDraft {
    pub title: String,
    pub markdown: String,
    pub sections: Vec<Section>,
}

fn check_slug(slug: &str) -> Result<(), FieldError> {
    let ok = !slug.is_empty()
        && slug.chars().count() <= SLUG_MAX_CHARS
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(wrong(
            "slug",
            Msg::SetupSlug.with([("max", SLUG_MAX_CHARS.to_string())]),
        ))
    }
}

fn check_title(field: &str, text: &str) -> Result<String, FieldError> {
    Title::parse(text)
        .map(|t| t.as_str().to_string())
        .map_err(|e| wrong(field, e))
}

fn check_text(field: &str, text: &str) -> Result<String, FieldError> {
    PostBody::parse(text)
        .map(|t| t.as_str().to_string())
        .map_err(|e| wrong(field, e))
}

fn check_window(
    opens_at: Timestamp,
    closes_at: Timestamp,
    time_zone: &str,
) -> Result<(), FieldError> {
    if opens_at >= closes_at {
        return Err(wrong("closes_at", Msg::SetupCloseAfterOpen));
    }
    if !is_known_zone(time_zone) {
        return Err(wrong(
            "time_zone",
            Msg::SetupTimeZone.with([("zone", time_zone)]),
        ));
    }
    Ok(())
}

fn check_host(host: &HostCard) -> Result<HostCard, FieldError> {
    let optional = |field: &str, value: &Option<String>| -> Result<Option<String>, FieldError> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => check_title(field, v).map(Some),
        }
    };
    Ok(HostCard {
        name: check_title("host.name", &host.name)?,
        role: check_title("host.role", &host.role)?,
        phone: optional("host.phone", &host.phone)?,
        email: optional("host.email", &host.email)?,
    })
}

fn check_documents(documents: &[Document]) -> Result<Vec<Document>, FieldError> {
    if documents.len() > TOPIC_MAX_DOCUMENTS {
        return Err(wrong(
            "documents",
            Msg::SetupDocuments.with([("max", TOPIC_MAX_DOCUMENTS.to_string())]),
        ));
    }
    documents
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let title = check_title(&format!("documents[{i}].title"), &doc.title)?;
            let url = doc.url.trim();
            // A document is a web address: never javascript: or data:.
            if !(url.starts_with("https://") || url.starts_with("http://"))
                || url.len() > 2_000
                || url.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(wrong(format!("documents[{i}].url"), Msg::SetupDocumentUrl));
            }
            Ok(Document {
                title,
                url: url.to_string(),
            })
        })
        .collect()
}

/// Checks a topic's polls (a new topic's, or an edit's) against the
/// sections of its draft.
pub fn check_polls(polls: &mut [NewPoll], sections: &[Section]) -> Result<(), FieldError> {
    if polls.len() > TOPIC_MAX_POLLS {
        return Err(wrong(
            "polls",
            Msg::SetupPolls.with([("max", TOPIC_MAX_POLLS.to_string())]),
        ));
    }
    for (i, poll) in polls.iter_mut().enumerate() {
        poll.question = check_title(&format!("polls[{i}].question"), &poll.question)?;
        if poll.options.len() < 2 || poll.options.len() > BALLOT_MAX_OPTIONS {
            return Err(wrong(
                format!("polls[{i}].options"),
                Msg::SetupPollOptions.with([("max", BALLOT_MAX_OPTIONS.to_string())]),
            ));
        }
        for (j, option) in poll.options.iter_mut().enumerate() {
            *option = check_title(&format!("polls[{i}].options[{j}]"), option)?;
        }
        let mut seen = std::collections::HashSet::new();
        if !poll.options.iter().all(|o| seen.insert(o.to_lowercase())) {
            return Err(wrong(
                format!("polls[{i}].options"),
                Msg::SetupOptionsDiffer,
            ));
        }
        let original = poll.options.len();
        for (lang, translation) in &mut poll.translations {
            let at = format!("polls[{i}].translations.{}", lang.code());
            check_language(&at, *lang)?;
            translation.question = check_title(&format!("{at}.question"), &translation.question)?;
            if translation.options.len() != original {
                return Err(wrong(
                    format!("{at}.options"),
                    Msg::SetupTranslationOptions.with([
                        ("found", translation.options.len().to_string()),
                        ("expected", original.to_string()),
                    ]),
                ));
            }
            for (j, option) in translation.options.iter_mut().enumerate() {
                *option = check_title(&format!("{at}.options[{j}]"), option)?;
            }
            let mut seen = std::collections::HashSet::new();
            if !translation
                .options
                .iter()
                .all(|o| seen.insert(o.to_lowercase()))
            {
                return Err(wrong(format!("{at}.options"), Msg::SetupOptionsDiffer));
            }
        }
        if let Some(anchor) = poll.section.as_deref() {
            let known = is_anchor(anchor)
                && anchor != GENERAL
                && sections.iter().any(|s| s.anchor == anchor);
            if !known {
                return Err(wrong(
                    format!("polls[{i}].section"),
                    Msg::SetupPollSection.with([("anchor", anchor)]),
                ));
            }
        }
    }
    Ok(())
}

/// Checks a whole new topic; the draft is split into its sections here.
pub fn validate(mut topic: NewTopic) -> Result<ValidTopic, FieldError> {
    topic.slug = topic.slug.trim().to_string();
    check_slug(&topic.slug)?;
    topic.title = check_title("title", &topic.title)?;
    topic.summary = check_text("summary", &topic.summary)?;
    check_window(topic.opens_at, topic.closes_at, &topic.time_zone)?;
    topic.host = check_host(&topic.host)?;
    topic.documents = check_documents(&topic.documents)?;
    topic.draft_title = check_title("draft_title", &topic.draft_title)?;
    check_draft(&topic.draft)?;
    let sections = sections::split(&topic.draft);
    check_polls(&mut topic.polls, &sections)?;
    let translations = std::mem::take(&mut topic.translations)
        .into_iter()
        .map(|(lang, t)| check_translation(lang, t, &sections))
        .collect::<Result<_, _>>()?;
    Ok(ValidTopic {
        topic,
        sections,
        translations,
    })
}

/// A revised draft whose fields have passed on their own (what it makes
/// of the version before is checked when that is known).
pub struct ValidRevision {
    pub title: String,
    pub draft: String,
    pub note: String,
    pub sections: Vec<Section>,
    /// You said, we did: by anchor of the new draft, why it changed and
    /// the comments that led to it.
    pub notes: BTreeMap<String, (String, Vec<i64>)>,
}

/// Most comments named for one section of a revision.
pub const REVISION_MAX_COMMENTS: usize = 200;

/// Whether a revision must say why it changed: publishing it must; a
/// preview may be asked for before the note is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NoteIs {
    Required,
    MayWait,
}

/// Checks a revised draft as a new topic's draft is checked; `title` is
/// the previous version's when the revision gives none.
pub fn validate_revision(
    revision: pulse_api::wire::NewRevision,
    previous_title: &str,
    note: NoteIs,
) -> Result<ValidRevision, FieldError> {
    let title = match revision.title.as_deref() {
        Some(title) => check_title("title", title)?,
        None => previous_title.to_string(),
    };
    check_draft(&revision.draft)?;
    let note = match note {
        NoteIs::MayWait if revision.note.trim().is_empty() => String::new(),
        _ => check_text("note", &revision.note)?,
    };
    let sections = sections::split(&revision.draft);
    let mut notes = BTreeMap::new();
    for (anchor, said) in revision.sections {
        let field = format!("sections.{anchor}");
        if !sections.iter().any(|s| s.anchor == anchor) {
            let shown: String = anchor.chars().take(60).collect();
            return Err(wrong(
                field,
                Msg::RevisionSectionUnknown.with([("anchor", shown)]),
            ));
        }
        let text = if said.note.trim().is_empty() {
            String::new()
        } else {
            check_text(&format!("{field}.note"), &said.note)?
        };
        if said.comments.len() > REVISION_MAX_COMMENTS {
            return Err(wrong(
                format!("{field}.comments"),
                Msg::RevisionCommentsTooMany.with([("max", REVISION_MAX_COMMENTS.to_string())]),
            ));
        }
        let mut comments = said.comments;
        comments.sort_unstable();
        comments.dedup();
        notes.insert(anchor, (text, comments));
    }
    Ok(ValidRevision {
        title,
        draft: revision.draft,
        note,
        sections,
        notes,
    })
}

/// A draft is not empty and not too long.
fn check_draft(draft: &str) -> Result<(), FieldError> {
    if draft.len() > DRAFT_MAX_BYTES {
        return Err(wrong(
            "draft",
            Msg::SetupDraftTooLong.with([("kb", (DRAFT_MAX_BYTES / 1000).to_string())]),
        ));
    }
    if pulse_api::validate::has_control(draft) {
        return Err(wrong("draft", Msg::SetupDraftControl));
    }
    if markdown::to_plain_text(draft).trim().is_empty() {
        return Err(wrong("draft", Msg::SetupDraftEmpty));
    }
    Ok(())
}

/// The language the city writes in; translations are into the others.
fn check_language(field: &str, lang: Lang) -> Result<(), FieldError> {
    if lang == Lang::ORIGINAL {
        return Err(wrong(field, Msg::SetupTranslationOfOriginal));
    }
    Ok(())
}

fn check_translation(
    lang: Lang,
    t: TopicTranslation,
    original: &[Section],
) -> Result<ValidTranslation, FieldError> {
    let field = |name: &str| format!("translations.{}.{name}", lang.code());
    check_language(&format!("translations.{}", lang.code()), lang)?;
    let draft = match (t.draft_title, t.draft) {
        (None, None) => None,
        (Some(title), Some(draft)) => Some(TranslatedDraft {
            title: check_title(&field("draft_title"), &title)?,
            sections: translated_draft(&field("draft"), original, &draft)?,
            markdown: draft,
        }),
        _ => return Err(wrong(field("draft"), Msg::SetupTranslationDraftPair)),
    };
    Ok(ValidTranslation {
        lang,
        title: check_title(&field("title"), &t.title)?,
        summary: check_text(&field("summary"), &t.summary)?,
        draft,
    })
}

/// An update's translations, checked: by language, its title and body.
pub fn check_update_translations(
    translations: BTreeMap<Lang, UpdateTranslation>,
) -> Result<Vec<(Lang, Title, PostBody)>, FieldError> {
    translations
        .into_iter()
        .map(|(lang, t)| {
            let field = |name: &str| format!("translations.{}.{name}", lang.code());
            check_language(&format!("translations.{}", lang.code()), lang)?;
            let title = Title::parse(&t.title).map_err(|e| wrong(field("title"), e))?;
            let body = PostBody::parse(&t.body).map_err(|e| wrong(field("body"), e))?;
            Ok((lang, title, body))
        })
        .collect()
}

/// " (§ 3.2)" after a section's heading, nothing for the preamble.
fn number_of(number: &str) -> String {
    if number.is_empty() {
        String::new()
    } else {
        format!(" (§ {number})")
    }
}

/// A translated draft cut into the `original`'s sections: one to one, in
/// order and at the same heading levels, each taking the original's anchor
/// and number (so comments, links and polls are shared) and keeping its
/// own heading and text.
pub fn translated_draft(
    field: &str,
    original: &[Section],
    draft: &str,
) -> Result<Vec<Section>, FieldError> {
    if draft.len() > DRAFT_MAX_BYTES {
        return Err(wrong(
            field,
            Msg::SetupDraftTooLong.with([("kb", (DRAFT_MAX_BYTES / 1000).to_string())]),
        ));
    }
    if pulse_api::validate::has_control(draft) {
        return Err(wrong(field, Msg::SetupDraftControl));
    }
    let mut translated = sections::split(draft);
    if translated.len() != original.len() {
        return Err(wrong(
            field,
            Msg::SetupTranslationSections.with([
                ("found", translated.len().to_string()),
                ("expected", original.len().to_string()),
            ]),
        ));
    }
    for (mine, theirs) in translated.iter_mut().zip(original) {
        // The preamble (text before the first heading) is numbered "".
        if mine.level != theirs.level || mine.number.is_empty() != theirs.number.is_empty() {
            return Err(wrong(
                field,
                Msg::SetupTranslationLevel.with([
                    ("heading", mine.heading.clone()),
                    ("original", theirs.heading.clone()),
                    ("number", number_of(&theirs.number)),
                ]),
            ));
        }
        mine.anchor.clone_from(&theirs.anchor);
        mine.number.clone_from(&theirs.number);
    }
    Ok(translated)
}

/// Writes a checked topic whole, with its draft, polls, documents and the
/// audit row; `None` when the slug is taken.
pub async fn create(
    conn: &mut AnyConnection,
    valid: &ValidTopic,
    actor: &Actor,
    now: Timestamp,
) -> anyhow::Result<Option<i64>> {
    let t = &valid.topic;
    if db::topics::find(conn, &t.slug).await?.is_some() {
        return Ok(None);
    }
    let id = db::topics::insert(
        conn,
        &NewTopicRow {
            slug: &t.slug,
            title: &t.title,
            summary: &t.summary,
            opens_at: t.opens_at,
            closes_at: t.closes_at,
            time_zone: &t.time_zone,
            results_rule: t.results_rule,
            host: &t.host,
            require_verified_email: t.require_verified_email,
            published: t.published,
            created_at: now,
        },
    )
    .await?;
    let version_id = db::topics::insert_version(
        conn,
        id,
        &db::topics::NewVersion {
            title: &t.draft_title,
            markdown: &t.draft,
            note: "",
            published_by: None,
        },
        &valid.sections,
        now,
    )
    .await?;
    for translation in &valid.translations {
        db::topics::insert_translation(
            conn,
            id,
            translation.lang,
            &translation.title,
            &translation.summary,
        )
        .await?;
        if let Some(draft) = &translation.draft {
            db::topics::insert_version_translation(
                conn,
                version_id,
                translation.lang,
                &draft.title,
                &draft.markdown,
                &draft.sections,
            )
            .await?;
        }
    }
    db::topics::replace_documents(conn, id, &t.documents).await?;
    for (position, poll) in t.polls.iter().enumerate() {
        insert_poll(conn, id, position, poll).await?;
    }
    record(
        conn,
        actor,
        Act::on_topic("create_topic", id).subject(&t.title),
        now,
    )
    .await?;
    // Public at once: its record begins with its draft.
    if t.published {
        let topic = db::topics::find_by_id(conn, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("topic {id} vanished as it was made"))?;
        super::public_record::backfill(conn, &topic).await?;
    }
    Ok(Some(id))
}

/// Applies an edit to a topic as stored, checking what changes; returns the
/// names of the fields that changed.
pub fn apply_edit(
    topic: &mut TopicRow,
    edit: &TopicEdit,
    documents: &mut Option<Vec<Document>>,
) -> Result<Vec<&'static str>, FieldError> {
    let mut changed = Vec::new();
    if let Some(title) = &edit.title {
        topic.title = check_title("title", title)?;
        changed.push("title");
    }
    if let Some(summary) = &edit.summary {
        topic.summary = check_text("summary", summary)?;
        changed.push("summary");
    }
    if let Some(opens_at) = edit.opens_at {
        topic.opens_at = opens_at;
        changed.push("opens_at");
    }
    if let Some(closes_at) = edit.closes_at {
        topic.closes_at = closes_at;
        changed.push("closes_at");
    }
    if let Some(zone) = &edit.time_zone {
        topic.time_zone = zone.trim().to_string();
        changed.push("time_zone");
    }
    check_window(topic.opens_at, topic.closes_at, &topic.time_zone)?;
    if let Some(rule) = edit.results_rule {
        topic.results_rule = rule;
        changed.push("results_rule");
    }
    if let Some(host) = &edit.host {
        topic.host = check_host(host)?;
        changed.push("host");
    }
    if let Some(docs) = &edit.documents {
        *documents = Some(check_documents(docs)?);
        changed.push("documents");
    }
    if let Some(required) = edit.require_verified_email {
        topic.require_verified_email = required;
        changed.push("require_verified_email");
    }
    if changed.is_empty()
        && edit.draft.is_none()
        && edit.draft_title.is_none()
        && edit.polls.is_none()
        && edit.translations.is_none()
    {
        return Err(wrong("body", Msg::SetupNothingToChange));
    }
    Ok(changed)
}

/// A topic's draft changed in place, checked: its title, its Markdown and
/// the sections it is cut into.
pub struct DraftEdit {
    pub title: Option<String>,
    pub draft: Option<(String, Vec<Section>)>,
}

/// The draft change an edit asks for, checked, if it asks for one: only
/// while the topic is not published (comments follow a published draft's
/// changes only through a revision).
pub fn draft_edit(topic: &TopicRow, edit: &TopicEdit) -> Result<Option<DraftEdit>, FieldError> {
    if edit.draft.is_none() && edit.draft_title.is_none() {
        return Ok(None);
    }
    if topic.published {
        let field = if edit.draft.is_some() {
            "draft"
        } else {
            "draft_title"
        };
        return Err(wrong(field, Msg::SetupDraftPublished));
    }
    let title = match &edit.draft_title {
        Some(title) => Some(check_title("draft_title", title)?),
        None => None,
    };
    let draft = match &edit.draft {
        Some(draft) => {
            check_draft(draft)?;
            Some((draft.clone(), sections::split(draft)))
        }
        None => None,
    };
    Ok(Some(DraftEdit { title, draft }))
}

/// Replaces a topic's draft (not published yet) with `change`: its one
/// version is written anew, and a translation of it dropped. A poll on a
/// section the new draft lacks refuses the change.
pub async fn replace_draft(
    conn: &mut AnyConnection,
    topic_id: i64,
    change: DraftEdit,
    now: Timestamp,
) -> anyhow::Result<Result<(), FieldError>> {
    let Some(current) = db::topics::current_version(conn, topic_id).await? else {
        anyhow::bail!("topic {topic_id} has no draft");
    };
    let current = db::revisions::version(conn, topic_id, current.version)
        .await?
        .ok_or_else(|| anyhow::anyhow!("topic {topic_id} lost its draft"))?;
    let title = change.title.unwrap_or(current.title);
    let (markdown, cut) = match change.draft {
        Some(draft) => draft,
        None => {
            let cut = sections::split(&current.markdown);
            (current.markdown, cut)
        }
    };
    for (i, anchor) in db::topics::poll_sections(conn, topic_id)
        .await?
        .iter()
        .enumerate()
    {
        if !cut.iter().any(|s| &s.anchor == anchor) {
            return Ok(Err(wrong(
                format!("polls[{i}].section"),
                Msg::SetupPollSection.with([("anchor", anchor.clone())]),
            )));
        }
    }
    db::topics::delete_versions(conn, topic_id).await?;
    let version = db::topics::NewVersion {
        title: &title,
        markdown: &markdown,
        note: "",
        published_by: None,
    };
    db::topics::insert_version(conn, topic_id, &version, &cut, now).await?;
    Ok(Ok(()))
}

/// What naming (or un-naming) a host came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostChange {
    Done,
    /// The account was a host already (granting) or was not (revoking).
    Unchanged,
    NoTopic,
    NoAccount,
}

/// Grants or revokes hosting of a topic to the account with `email`, with
/// its audit row when something changed; in the caller's transaction.
pub async fn set_host(
    conn: &mut AnyConnection,
    slug: &str,
    email: &Email,
    grant: bool,
    actor: &Actor,
    now: Timestamp,
) -> anyhow::Result<HostChange> {
    let Some(topic) = db::topics::find(conn, slug).await? else {
        return Ok(HostChange::NoTopic);
    };
    let Some(account) = db::accounts::find_by_email(conn, email).await? else {
        return Ok(HostChange::NoAccount);
    };
    let changed = if grant {
        db::hosts::grant(conn, topic.id, account.id, now).await?
    } else {
        db::hosts::revoke(conn, topic.id, account.id).await?
    };
    if !changed {
        return Ok(HostChange::Unchanged);
    }
    let action = if grant { "grant_host" } else { "revoke_host" };
    record(
        conn,
        actor,
        Act::on_topic(action, topic.id).subject(email.as_str()),
        now,
    )
    .await?;
    Ok(HostChange::Done)
}

/// A topic's polls as they are stored, in order: each with its id, and
/// its question and options as written and in each language they were
/// translated into.
pub async fn stored_polls(
    conn: &mut AnyConnection,
    topic_id: i64,
) -> anyhow::Result<Vec<(i64, NewPoll)>> {
    let labels = |options: &[db::polls::OptionRow], poll_id: i64| -> Vec<String> {
        options
            .iter()
            .filter(|o| o.poll_id == poll_id)
            .map(|o| o.label.clone())
            .collect()
    };
    let options = db::polls::options(conn, topic_id, Lang::ORIGINAL).await?;
    let mut polls: Vec<(i64, NewPoll)> = db::polls::list(conn, topic_id, Lang::ORIGINAL)
        .await?
        .into_iter()
        .map(|poll| {
            let new = NewPoll {
                options: labels(&options, poll.id),
                question: poll.question,
                kind: poll.kind,
                section: poll.section,
                translations: BTreeMap::new(),
            };
            (poll.id, new)
        })
        .collect();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::ORIGINAL) {
        let options = db::polls::options(conn, topic_id, lang).await?;
        for translated in db::polls::list(conn, topic_id, lang).await? {
            let Some((_, poll)) = polls.iter_mut().find(|(id, _)| *id == translated.id) else {
                continue;
            };
            if translated.lang == lang {
                poll.translations.insert(
                    lang,
                    PollTranslation {
                        options: labels(&options, translated.id),
                        question: translated.question,
                    },
                );
            }
        }
    }
    Ok(polls)
}

/// Replaces a topic's polls with `wanted` (checked against `sections`, the
/// draft's after the edit): a poll the same as the one in its place is
/// kept (its id); one with ballots must be, as its question and options no
/// longer change once someone has voted, and its translations may then be
/// added to but not changed; any other is replaced, and a poll that
/// stays has its translations made as `wanted` says. Answers whether
/// anything changed.
pub async fn replace_polls(
    conn: &mut AnyConnection,
    topic_id: i64,
    mut wanted: Vec<NewPoll>,
    sections: &[Section],
) -> anyhow::Result<Result<bool, FieldError>> {
    if let Err(wrong) = check_polls(&mut wanted, sections) {
        return Ok(Err(wrong));
    }
    db::polls::hold(conn, topic_id).await?;
    let old = stored_polls(conn, topic_id).await?;
    let ballots = db::polls::ballot_counts(conn, topic_id).await?;
    let same = |poll: &NewPoll, new: &NewPoll| {
        poll.question == new.question
            && poll.kind == new.kind
            && poll.section == new.section
            && poll.options == new.options
    };
    let mut changed = false;
    for i in 0..old.len().max(wanted.len()) {
        let (before, after) = (old.get(i), wanted.get(i));
        let voted = before.is_some_and(|(id, _)| ballots.get(id).is_some_and(|b| b.cast > 0));
        if let (Some((id, before)), Some(after)) = (before, after)
            && same(before, after)
        {
            if before.translations == after.translations {
                continue;
            }
            for lang in Lang::ALL {
                let (was, wants) = (
                    before.translations.get(&lang),
                    after.translations.get(&lang),
                );
                if was == wants {
                    continue;
                }
                if voted && was.is_some() {
                    return Ok(Err(wrong(
                        format!("polls[{i}].translations.{}", lang.code()),
                        Msg::SetupPollVotedTranslation
                            .with([("question", before.question.as_str())]),
                    )));
                }
                db::polls::delete_translation(conn, *id, lang).await?;
                if let Some(translation) = wants {
                    db::polls::insert_translation(
                        conn,
                        *id,
                        lang,
                        &translation.question,
                        &translation.options,
                    )
                    .await?;
                }
            }
            changed = true;
            continue;
        }
        if let Some((id, before)) = before
            && (voted || !db::polls::delete(conn, *id).await?)
        {
            return Ok(Err(wrong(
                format!("polls[{i}]"),
                Msg::SetupPollVoted.with([("question", before.question.as_str())]),
            )));
        }
        if let Some(poll) = after {
            insert_poll(conn, topic_id, i, poll).await?;
        }
        changed = true;
    }
    Ok(Ok(changed))
}

/// Makes a topic's translations `wanted` (checked against `sections`, its
/// current draft's): in each language, its title and summary, and the
/// current draft's translation; a language left out is no longer
/// translated (a translation of an earlier version stays with it).
/// Answers whether anything changed.
pub async fn replace_translations(
    conn: &mut AnyConnection,
    topic_id: i64,
    version_id: i64,
    wanted: BTreeMap<Lang, TopicTranslation>,
    sections: &[Section],
) -> anyhow::Result<Result<bool, FieldError>> {
    let mut valid = Vec::new();
    for (lang, translation) in wanted {
        match check_translation(lang, translation, sections) {
            Ok(checked) => valid.push(checked),
            Err(wrong) => return Ok(Err(wrong)),
        }
    }
    let mut changed = false;
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::ORIGINAL) {
        let wants = valid.iter().find(|t| t.lang == lang);
        let text = db::topics::translated_text(conn, topic_id, lang).await?;
        let same_text = match (&text, wants) {
            (None, None) => true,
            (Some(was), Some(wants)) => was.title == wants.title && was.summary == wants.summary,
            _ => false,
        };
        if !same_text {
            db::topics::delete_translation(conn, topic_id, lang).await?;
            if let Some(wants) = wants {
                db::topics::insert_translation(conn, topic_id, lang, &wants.title, &wants.summary)
                    .await?;
            }
            changed = true;
        }
        let draft = db::topics::version_translation(conn, version_id, lang).await?;
        let wants_draft = wants.and_then(|t| t.draft.as_ref());
        let same_draft = match (&draft, wants_draft) {
            (None, None) => true,
            (Some((title, markdown)), Some(wants)) => {
                *title == wants.title && *markdown == wants.markdown
            }
            _ => false,
        };
        if !same_draft {
            db::topics::delete_version_translation(conn, version_id, lang).await?;
            if let Some(wants) = wants_draft {
                db::topics::insert_version_translation(
                    conn,
                    version_id,
                    lang,
                    &wants.title,
                    &wants.markdown,
                    &wants.sections,
                )
                .await?;
            }
            changed = true;
        }
    }
    Ok(Ok(changed))
}

/// Writes one of a topic's polls at `position`, with its options and
/// translations.
async fn insert_poll(
    conn: &mut AnyConnection,
    topic_id: i64,
    position: usize,
    poll: &NewPoll,
) -> anyhow::Result<()> {
    let options: Vec<&str> = poll.options.iter().map(String::as_str).collect();
    let poll_id = db::polls::insert(
        conn,
        topic_id,
        i64::try_from(position)?,
        poll.section.as_deref(),
        &poll.question,
        poll.kind,
        &options,
    )
    .await?;
    for (lang, translation) in &poll.translations {
        db::polls::insert_translation(
            conn,
            poll_id,
            *lang,
            &translation.question,
            &translation.options,
        )
        .await?;
    }
    Ok(())
}
