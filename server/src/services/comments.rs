//! Comments on the sections of a topic's draft and on the topic as a whole
//! (the General thread): reading, posting, and their authors' edits and
//! withdrawals; agree and disagree.

use super::public_record::{self, PublicAct};
use super::{Unread, Who, may_be_slug, no_such_topic, on_topic};
use crate::db::batch::Batch;
use crate::db::comments::CommentRow;
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::policy::{self, Actor};
use crate::ratelimit::{QuotaRule, RateLimiter};
use crate::state::AppState;
use crate::writer::{Author, Counts};
use crate::{clock, db};
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::{to_plain_text, to_safe_html};
use pulse_api::sections::{GENERAL, is_anchor};
use pulse_api::validate::{CommentBody, QuoteSelector};
use pulse_api::wire::{
    Account, Comment, CommentEdit, CommentList, CommentVersion, NewComment, NowStatus, Quote,
    ReactionChange, Role, StaffMark,
};
use sqlx::AnyConnection;
use std::sync::Arc;

/// Which page of a topic's comments: the threads of one `section` now
/// (or all; `removed` for those whose section a revision removed), or,
/// with `version`, those written on that version (of `section` in it);
/// those after the thread `after` (0 for the first page), `limit` of them.
pub struct PageOf<'a> {
    pub slug: &'a str,
    pub section: Option<&'a str>,
    pub version: Option<i64>,
    pub after: i64,
    pub limit: i64,
}

/// Threads in a page of comments unless asked for another number.
pub const PAGE: i64 = 50;

/// A page of comments as `user` may see it.
pub async fn page(state: &AppState, user: Option<Account>, at: PageOf<'_>) -> Result<CommentList> {
    let mut conn = state.db.read().await?;
    let (topic, actor) = on_topic(&mut conn, user, at.slug).await?;
    let threads = match (at.version, at.section) {
        (Some(version), section) => db::comments::Threads::Written { version, section },
        (None, Some(section)) => db::comments::Threads::Now(section),
        (None, None) => db::comments::Threads::All,
    };
    let (rows, more) =
        db::comments::page(&mut conn, topic.id, threads, actor.id(), at.after, at.limit).await?;
    // The cursor is the id of the last thread of this page.
    let next = more
        .then(|| {
            rows.iter()
                .filter(|r| r.parent_id.is_none())
                .map(|r| r.id)
                .max()
        })
        .flatten()
        .map(|id| id.to_string());
    Ok(CommentList {
        comments: rows
            .into_iter()
            .map(|row| policy::comment_for(&actor, row))
            .collect(),
        next,
    })
}

/// The passage `words` of a section of the topic's draft, with its
/// context, as a comment quotes it: for a comment sent by a form without
/// the app, which quotes by the words alone (the app finds the context on
/// the page itself). The section is that of `version`, the one the page
/// showed (the current one when it does not say).
pub async fn quote_in(
    state: &AppState,
    slug: &str,
    anchor: &str,
    words: &str,
    lang: Lang,
    version: Option<i64>,
) -> Result<Quote> {
    let not_found = || ApiError::unprocessable(Msg::QuoteNotFound);
    if anchor == GENERAL {
        return Err(ApiError::unprocessable(Msg::GeneralCannotQuote));
    }
    if !is_anchor(anchor) {
        return Err(ApiError::unprocessable(Msg::NoSuchSectionToComment));
    }
    let mut conn = state.db.read().await?;
    let topic = super::find_topic(&mut conn, slug).await?;
    let version_id = match version {
        Some(number) => {
            db::revisions::version(&mut conn, topic.id, number)
                .await?
                .ok_or_else(|| {
                    ApiError::unprocessable(
                        Msg::NoSuchVersion.with([("version", number.to_string())]),
                    )
                })?
                .id
        }
        None => {
            db::topics::current_version(&mut conn, topic.id)
                .await?
                .ok_or_else(|| ApiError::conflict(Msg::NoDraftToComment))?
                .id
        }
    };
    let texts = section_texts(&mut conn, version_id, anchor, lang).await?;
    let found = texts
        .iter()
        .find_map(|(_, text)| QuoteSelector::around(&to_plain_text(text), words))
        .ok_or_else(not_found)?;
    Ok(Quote {
        exact: found.exact,
        prefix: found.prefix,
        suffix: found.suffix,
    })
}

/// The texts of section `anchor` of a version: in `lang` first (the
/// reader's), then the original, then any other translation. None when
/// the version has no such section.
async fn section_texts(
    conn: &mut AnyConnection,
    version_id: i64,
    anchor: &str,
    lang: Lang,
) -> Result<Vec<(Lang, String)>> {
    let mut texts = db::topics::section_texts(conn, version_id, anchor).await?;
    if texts.is_empty() {
        return Err(ApiError::unprocessable(Msg::NoSuchSectionToComment));
    }
    texts.sort_by_key(|(shown_in, _)| (*shown_in != lang, *shown_in != Lang::ORIGINAL));
    Ok(texts)
}

/// Posts a comment or a reply, with the notices it causes. Posted with
/// whatever else is being posted at this moment: one commit for all of
/// them (see `writer.rs`). What needs no database is done before: reading
/// the text, checking and rendering it; the writer's batch reads the
/// session it came with, checks the topic and counts the comment against
/// the resident's limit before it writes, and the answer is read after the
/// commit.
pub async fn post(
    state: &AppState,
    who: Who,
    slug: String,
    body: Unread<NewComment>,
    lang: Lang,
) -> Result<Comment> {
    may_be_slug(&slug)?;
    let read = read_comment(body);
    let (author, (new, text, quote)) = match (who, read) {
        (Who::Known(Some(me)), Ok(read)) => (Poster::Account(me), read),
        (Who::Session(token_hash), Ok(read)) => (Poster::Session(token_hash), read),
        (who, read) => {
            // Refused with the reason a resident would hear first: the
            // topic (there is none, it is closed), signing in, then what
            // was sent.
            let mut conn = state.db.read().await?;
            let user = who.account(&mut conn, state).await?;
            let (topic, actor) = on_topic(&mut conn, user, &slug).await?;
            policy::may_take_part(&actor, &topic, clock::now())?;
            policy::signed_in(&actor)?;
            return Err(match read {
                Err(refused) => refused,
                Ok(_) => anyhow::anyhow!("a signed-in resident was taken for nobody").into(),
            });
        }
    };
    let rule = state.limits.comments.rule();
    let counts = Counts {
        rule,
        by: match &author {
            Poster::Account(me) => Author::Account(me.id),
            Poster::Session(token_hash) => Author::Session(token_hash.clone()),
        },
    };
    let posting = Arc::new(Posting {
        slug: slug.clone(),
        author,
        idle: state.config.sessions.idle_seconds,
        html: to_safe_html(text.as_str()),
        text,
        quote,
        new,
        lang,
        rule,
    });
    let Written {
        id,
        actor,
        written,
        receipt,
        renew,
    } = state
        .writer
        .run_counted(slug, Some(counts), move |tx| {
            Box::pin(write_comment(tx, posting.clone()))
        })
        .await?;
    if let Some(token_hash) = renew {
        let mut conn = state.db.read().await?;
        db::accounts::touch_session(&mut conn, &token_hash, clock::now().0).await?;
    }
    match written {
        Some(mut row) => {
            row.receipt = receipt.get().map(|r| format!("{}:{}", r.position, r.hash));
            Ok(policy::comment_for(&actor, row))
        }
        None => {
            let mut conn = state.db.read().await?;
            read_back(&mut conn, &actor, id).await
        }
    }
}

/// A comment as sent, read and checked as far as it can be without the
/// topic: its text, its quote, the name of its section.
fn read_comment(
    body: Unread<NewComment>,
) -> Result<(NewComment, CommentBody, Option<QuoteSelector>)> {
    let new = body.read()?;
    let text = CommentBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    let quote = new
        .quote
        .as_ref()
        .map(|q| QuoteSelector::parse(&q.exact, &q.prefix, &q.suffix))
        .transpose()
        .map_err(ApiError::unprocessable)?;
    if !is_anchor(&new.section) {
        return Err(ApiError::unprocessable(Msg::NoSuchSectionToComment));
    }
    Ok((new, text, quote))
}

/// Who posts: an account read before, or the one the session the
/// request came with names (its token's hash), read in the batch.
enum Poster {
    Account(Account),
    Session(String),
}

/// A comment read, checked and rendered, ready to be written.
struct Posting {
    slug: String,
    author: Poster,
    /// How long a session may go unused (`Config::sessions`).
    idle: i64,
    new: NewComment,
    text: CommentBody,
    html: String,
    quote: Option<QuoteSelector>,
    lang: Lang,
    /// The resident's comments a minute, counted in the batch.
    rule: QuotaRule,
}

/// Checks and writes a comment, with the notices it causes, in `batch`
/// (which may run it again: it writes nothing elsewhere). Its id, the one
/// who wrote it as the topic sees them, and what was written.
async fn write_comment(batch: &mut Batch, posting: Arc<Posting>) -> Result<Written> {
    let Posting {
        slug,
        author,
        idle,
        new,
        text,
        html,
        quote,
        lang,
        rule,
    } = &*posting;
    let lang = *lang;
    let now = clock::now();
    // Who posts: a session read with the batch's others, live or not.
    let (me, renew) = match author {
        Poster::Account(me) => (Some(me.clone()), None),
        Poster::Session(token_hash) => match batch.session(token_hash).await? {
            Some(session) if session.is_live(now.0, *idle) => {
                let renew = session.is_stale(now.0).then(|| token_hash.clone());
                (Some(session.account), renew)
            }
            _ => (None, None),
        },
    };
    // The topic first, held (shared) against a revision being published:
    // a revision finishes first, or waits for this comment's batch. Its
    // record's head is the batch's to take, at its end.
    let to = batch
        .posting_to_slug(slug)
        .await?
        .ok_or_else(|| no_such_topic(slug))?;
    let topic = &to.topic;
    let is_host = me.as_ref().is_some_and(|me| to.is_host(me.id));
    let actor = Actor::hosting(me, is_host);
    if !policy::may_see_topic(&actor, topic) {
        return Err(no_such_topic(slug));
    }
    policy::may_take_part(&actor, topic, now)?;
    let me = policy::signed_in(&actor)?.clone();
    // Counted before anything is written: refused, the comment writes
    // nothing and its batch goes on without it.
    batch
        .take_quota(&rule.of(&me.id.to_string()), now.0)
        .await?
        .map_err(|over| RateLimiter::refusal(over, Msg::LimitComments))?;
    let latest = to
        .latest
        .as_ref()
        .ok_or_else(|| ApiError::conflict(Msg::NoDraftToComment))?;

    // A reply goes where its thread is: on the version and section the
    // thread was written on, standing now where the thread stands.
    let mut replied_to = None;
    let mut thread = None;
    let parent_id = match new.parent_id {
        None => None,
        Some(parent) => {
            let place = db::comments::find(batch.conn(), parent, None)
                .await?
                .filter(|p| p.topic_id == topic.id)
                .ok_or_else(|| ApiError::unprocessable(Msg::ReplyToNothing))?;
            if place.section != new.section && place.now_section != new.section {
                return Err(ApiError::unprocessable(Msg::ReplySameSection));
            }
            replied_to = Some(place.account_id);
            let root = match place.parent_id {
                Some(root) => db::comments::find(batch.conn(), root, None)
                    .await?
                    .ok_or_else(|| ApiError::unprocessable(Msg::ReplyToNothing))?,
                None => place,
            };
            let id = root.id;
            thread = Some(root);
            // Threads are one level deep: answer the thread, not the reply.
            Some(id)
        }
    };

    let (version_id, version, section) = match &thread {
        Some(root) => {
            let version = db::revisions::version(batch.conn(), topic.id, root.version)
                .await?
                .ok_or_else(|| anyhow::anyhow!("a thread's version vanished"))?;
            (version.id, root.version, root.section.clone())
        }
        None => match new.version {
            None => (latest.id, latest.version, new.section.clone()),
            Some(number) if number == latest.version => {
                (latest.id, latest.version, new.section.clone())
            }
            Some(number) => {
                let version = db::revisions::version(batch.conn(), topic.id, number)
                    .await?
                    .ok_or_else(|| {
                        ApiError::unprocessable(
                            Msg::NoSuchVersion.with([("version", number.to_string())]),
                        )
                    })?;
                (version.id, version.version, new.section.clone())
            }
        },
    };
    let mut quote_lang = None;
    if section == GENERAL {
        if quote.is_some() {
            return Err(ApiError::unprocessable(Msg::GeneralCannotQuote));
        }
    } else if let Some(q) = &quote {
        let texts = section_texts(batch.conn(), version_id, &section, lang).await?;
        // The quote's language is that of the text it is found in: the
        // draft as its author read it, original or translated.
        let found_in = texts
            .iter()
            .find(|(_, text)| q.is_found_in(&to_plain_text(text)))
            .map(|(shown_in, _)| *shown_in);
        quote_lang = Some(found_in.ok_or_else(|| ApiError::unprocessable(Msg::QuoteNotInSection))?);
    } else if version_id != latest.id || !to.has_section(&section) {
        // The section must be one of the version's (read with the topic
        // for the current version).
        section_texts(batch.conn(), version_id, &section, lang).await?;
    }

    // Where it stands in the current version.
    let (now_status, now_section) = match &thread {
        Some(root) => (root.now_status, root.now_section.clone()),
        None if version == latest.version => (NowStatus::Current, section.clone()),
        None => {
            let written = db::revisions::Following {
                id: 0,
                parent_id: None,
                version_id,
                section: section.clone(),
                quote: quote.as_ref().map(|q| db::revisions::QuoteText {
                    exact: q.exact.clone(),
                    prefix: q.prefix.clone(),
                    suffix: q.suffix.clone(),
                }),
                quote_translated: quote_lang.is_some_and(|l| l != Lang::ORIGINAL),
                now_status: NowStatus::Current,
                now_section: section.clone(),
            };
            super::revisions::follow_late(batch.conn(), topic.id, &written, version, latest.version)
                .await?
        }
    };

    let id = batch
        .insert_comment(db::comments::NewComment {
            topic_id: topic.id,
            version_id,
            section: &section,
            parent_id,
            account_id: me.id,
            body: text,
            body_html: html,
            quote: quote.as_ref(),
            quote_lang,
            lang,
            created_at: now,
            now_status,
            now_section: &now_section,
        })
        .await?;
    let said = PublicAct::comment(
        id,
        parent_id,
        version,
        &section,
        text.as_str(),
        quote.as_ref().map(|q| q.exact.as_str()),
    )?;
    let receipt = public_record::append_at_commit(batch, topic, said, now)?;
    batch.count_comment(topic.id, &now_section, now_status != NowStatus::Current);
    if let Some(author) = replied_to {
        db::outbox::enqueue_for_author(
            batch.conn(),
            db::outbox::Kind::Reply,
            topic.id,
            id,
            author,
            Some(me.id),
            now,
        )
        .await?;
        batch.told();
    }
    batch.tell_followers(db::outbox::SectionComment {
        topic_id: topic.id,
        anchor: now_section.clone(),
        comment_id: id,
        author_id: me.id,
        also_told: replied_to,
        at: now,
        digest_at: crate::mail::worker::digest_time(now, &topic.time_zone),
    });
    // The answer, from what was written: a comment written on words since
    // changed is read back for them, once committed.
    let written = (now_status == NowStatus::Current).then(|| CommentRow {
        id,
        topic_id: topic.id,
        section,
        version,
        parent_id,
        account_id: me.id,
        author: me.display_name.clone(),
        staff: if is_host {
            Some(StaffMark::TopicHost)
        } else if me.role == Role::Admin {
            Some(StaffMark::CityStaff)
        } else {
            None
        },
        body: text.as_str().to_string(),
        body_html: html.clone(),
        quote_exact: quote.as_ref().map(|q| q.exact.clone()),
        quote_prefix: quote.as_ref().map(|q| q.prefix.clone()),
        quote_suffix: quote.as_ref().map(|q| q.suffix.clone()),
        lang: Some(lang),
        quote_lang,
        created_at: now,
        edited_at: None,
        withdrawn_at: None,
        hidden_at: None,
        hidden_reason: None,
        agree: 0,
        disagree: 0,
        open_flags: 0,
        my_reaction: None,
        response: None,
        now_status,
        now_section,
        was: None,
        led_to: Vec::new(),
        // Known once the batch commits.
        receipt: None,
    });
    Ok(Written {
        id,
        actor,
        written,
        receipt,
        renew,
    })
}

/// A comment written, as its writer's batch knows it.
struct Written {
    id: i64,
    actor: Actor,
    /// Its row as a read would find it, when the batch knows it all.
    written: Option<CommentRow>,
    /// Its receipt in the topic's record, once the batch committed.
    receipt: public_record::ReceiptSlot,
    /// The session it came with, when stale: to be renewed
    /// (`SessionRow::is_stale`).
    renew: Option<String>,
}

/// A comment as `actor` now sees it, inside the transaction that changed it.
pub(super) async fn read_back(conn: &mut AnyConnection, actor: &Actor, id: i64) -> Result<Comment> {
    let row = db::comments::find(conn, id, actor.id())
        .await?
        .ok_or_else(|| anyhow::anyhow!("comment {id} vanished inside its transaction"))?;
    Ok(policy::comment_for(actor, row))
}

/// A comment by its id, its topic, and how the one asking stands towards
/// that topic.
pub(super) async fn in_context(
    conn: &mut AnyConnection,
    user: Option<Account>,
    id: i64,
) -> Result<(CommentRow, TopicRow, Actor)> {
    let comment = db::comments::find(conn, id, user.as_ref().map(|a| a.id))
        .await?
        .ok_or_else(|| ApiError::not_found(Msg::NoSuchComment.with([("id", id.to_string())])))?;
    let topic = db::topics::find_by_id(conn, comment.topic_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("comment {id} has no topic"))?;
    let actor = Actor::towards(conn, user, topic.id).await?;
    Ok((comment, topic, actor))
}

/// Its author edits a comment (the earlier text is kept).
pub async fn edit(
    state: &AppState,
    user: Option<Account>,
    id: i64,
    body: Unread<CommentEdit>,
) -> Result<Comment> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_change_comment(&actor, &comment, &topic, now)?;
    public_record::hold(&mut tx, &topic).await?;
    let change = body.read()?;
    let text = CommentBody::parse(&change.body).map_err(ApiError::unprocessable)?;
    if text.as_str() != comment.body {
        db::comments::edit(&mut tx, comment.id, &text, now).await?;
        let said = PublicAct::edit(comment.id, text.as_str())?;
        public_record::append(&mut tx, &topic, said, now).await?;
    }
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    Ok(comment)
}

/// Its author withdraws a comment.
pub async fn withdraw(state: &AppState, user: Option<Account>, id: i64) -> Result<Comment> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_change_comment(&actor, &comment, &topic, now)?;
    public_record::hold(&mut tx, &topic).await?;
    db::comments::withdraw(&mut tx, comment.id, now).await?;
    public_record::append(&mut tx, &topic, PublicAct::withdraw(comment.id), now).await?;
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    Ok(comment)
}

/// Agree, disagree, or take one's reaction back.
pub async fn react(
    state: &AppState,
    user: Option<Account>,
    id: i64,
    body: Unread<ReactionChange>,
) -> Result<Comment> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_take_part(&actor, &topic, now)?;
    let me = policy::signed_in(&actor)?.id;
    let change = body.read()?;
    if comment.withdrawn_at.is_some() || comment.hidden_at.is_some() {
        return Err(ApiError::conflict(Msg::NoReactionsHere));
    }
    if comment.account_id == me && change.value.is_some() {
        return Err(ApiError::forbidden(Msg::NoReactingToOwn));
    }
    db::comments::react(&mut tx, comment.id, me, change.value, now).await?;
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    Ok(comment)
}

/// A comment's every text, oldest first, for its author and the topic's
/// hosts (a withdrawn or hidden comment's text is not public).
pub async fn versions(
    state: &AppState,
    user: Option<Account>,
    id: i64,
) -> Result<Vec<CommentVersion>> {
    let mut conn = state.db.read().await?;
    let (comment, _topic, actor) = in_context(&mut conn, user, id).await?;
    let me = policy::signed_in(&actor)?.id;
    if me != comment.account_id {
        policy::may_moderate(&actor)?;
    }
    let versions = db::comments::versions(&mut conn, comment.id).await?;
    Ok(versions
        .into_iter()
        .map(|(body, written_at)| CommentVersion { body, written_at })
        .collect())
}
