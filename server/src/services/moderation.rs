//! What the topic host does: flags and the decisions on them (hide with a
//! reason, restore, dismiss), official responses, updates, the moderation
//! queue; and the audit log that records each of them in the same
//! transaction.

use super::comments::{in_context, read_back};
use super::public_record::{self, PublicAct};
use super::topics::whole;
use super::{Act, Unread, on_topic, record, topic_setup, wake_mail};
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::validate::{Email, PostBody, Reason, Title};
use pulse_api::wire::{
    Account, AuditLog, Comment, DeskItem, DeskQueue, DeskSection, DeskShow, DeskSort, DeskTopic,
    ModerationAction, ModerationItem, ModerationQueue, ModerationVerb, NewFlag, NewResponse,
    NewUpdate, ResponseStatus, Topic,
};
use sqlx::AnyConnection;

/// Most audit entries one request returns (and how many by default).
const AUDIT_PAGE: i64 = 100;

/// Any signed-in account flags a comment for the host.
pub async fn flag(
    state: &AppState,
    user: Option<Account>,
    id: i64,
    body: Unread<NewFlag>,
) -> Result<()> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, _topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_flag(&actor, &comment)?;
    let me = policy::signed_in(&actor)?.id;
    let new = body.read()?;
    let reason = Reason::parse(&new.reason).map_err(ApiError::unprocessable)?;
    let Some(flag) = db::moderation::flag(&mut tx, comment.id, me, &reason, now).await? else {
        return Err(ApiError::conflict(Msg::FlaggedAlready));
    };
    db::moderation::queue_flag_alerts(&mut tx, flag, comment.topic_id, me).await?;
    db::commit(tx).await?;
    Ok(())
}

/// The host hides a comment (with a public reason; its author is told),
/// restores it, or dismisses its flags.
pub async fn moderate(
    state: &AppState,
    user: Option<Account>,
    id: i64,
    body: Unread<ModerationAction>,
) -> Result<Comment> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_moderate(&actor)?;
    public_record::hold(&mut tx, &topic).await?;
    let action = body.read()?;
    let reason = match action.reason.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(Reason::parse(text).map_err(ApiError::unprocessable)?),
    };
    let verb = match action.action {
        ModerationVerb::Hide => {
            let reason = reason
                .as_ref()
                .ok_or_else(|| ApiError::unprocessable(Msg::HideNeedsReason))?;
            if comment.hidden_at.is_some() {
                return Err(ApiError::conflict(Msg::HiddenAlready));
            }
            db::moderation::hide(&mut tx, comment.id, reason, now).await?;
            let said = PublicAct::hide(comment.id, reason.as_str());
            public_record::append(&mut tx, &topic, said, now).await?;
            db::outbox::enqueue_for_author(
                &mut tx,
                db::outbox::Kind::Hidden,
                comment.topic_id,
                comment.id,
                comment.account_id,
                actor.id(),
                now,
            )
            .await?;
            "hide"
        }
        ModerationVerb::Restore => {
            if comment.hidden_at.is_none() {
                return Err(ApiError::conflict(Msg::NothingToRestore));
            }
            db::moderation::restore(&mut tx, comment.id, now).await?;
            public_record::append(&mut tx, &topic, PublicAct::restore(comment.id), now).await?;
            "restore"
        }
        ModerationVerb::Dismiss => {
            if comment.open_flags == 0 {
                return Err(ApiError::conflict(Msg::NoFlagsToDismiss));
            }
            db::moderation::dismiss(&mut tx, comment.id, now).await?;
            "dismiss"
        }
    };
    let act = Act::on_comment(verb, comment.topic_id, comment.id)
        .reason(reason.as_ref().map(Reason::as_str));
    record(&mut tx, &actor, act, now).await?;
    let row = db::comments::find(&mut tx, comment.id, actor.id())
        .await?
        .ok_or_else(|| anyhow::anyhow!("comment vanished while moderated"))?;
    db::commit(tx).await?;
    wake_mail(state);
    Ok(policy::comment_for_moderator(&actor, row))
}

/// The host answers a comment officially (also after the deadline); its
/// author is told.
pub async fn respond(
    state: &AppState,
    user: Option<Account>,
    id: i64,
    body: Unread<NewResponse>,
) -> Result<Comment> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_respond(&actor)?;
    public_record::hold(&mut tx, &topic).await?;
    let me = policy::signed_in(&actor)?.id;
    let new = body.read()?;
    let text = PostBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    if comment.withdrawn_at.is_some() {
        return Err(ApiError::conflict(Msg::WithdrawnNoResponse));
    }
    // Where what the comment asked for landed, if the host says.
    let landed = match (new.version, new.section.as_deref()) {
        (None, None) => None,
        (Some(version), Some(section)) => {
            let missing = || {
                ApiError::unprocessable(Msg::NoSuchSectionInVersion.with([
                    ("version", version.to_string()),
                    ("anchor", section.chars().take(60).collect::<String>()),
                ]))
            };
            let found = db::revisions::version(&mut tx, comment.topic_id, version)
                .await?
                .ok_or_else(missing)?;
            db::topics::section_id(&mut tx, found.id, section)
                .await?
                .ok_or_else(missing)?;
            Some((version, section))
        }
        _ => return Err(ApiError::unprocessable(Msg::LandedPair)),
    };
    let response =
        db::comments::respond(&mut tx, comment.id, me, new.status, &text, landed, now).await?;
    let said = PublicAct::response(comment.id, response, new.status.as_str(), text.as_str());
    public_record::append(&mut tx, &topic, said, now).await?;
    db::outbox::enqueue_for_author(
        &mut tx,
        db::outbox::Kind::Response,
        comment.topic_id,
        comment.id,
        comment.account_id,
        Some(me),
        now,
    )
    .await?;
    let act = Act::on_comment("respond", comment.topic_id, comment.id).subject(new.status.as_str());
    record(&mut tx, &actor, act, now).await?;
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    wake_mail(state);
    Ok(comment)
}

/// The host's queue: flagged comments, those awaiting an answer, hidden.
pub async fn queue(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
) -> Result<ModerationQueue> {
    let mut conn = state.db.read().await?;
    let (topic, actor) = on_topic(&mut conn, user, slug).await?;
    policy::may_moderate(&actor)?;
    let places = db::topics::places(&mut conn, topic.id, lang).await?;
    let mut flags = db::moderation::flags(&mut conn, topic.id).await?;
    let rows = db::comments::list(&mut conn, topic.id, actor.id()).await?;
    let mut queue = ModerationQueue {
        flagged: Vec::new(),
        awaiting_response: Vec::new(),
        hidden: Vec::new(),
    };
    for row in rows {
        let place = places
            .get(&row.section)
            .cloned()
            .unwrap_or_else(|| format!("Section “{}” (no longer in the draft)", row.section));
        let (open_flags, hidden, withdrawn, answered) = (
            row.open_flags,
            row.hidden_at.is_some(),
            row.withdrawn_at.is_some(),
            row.response.is_some(),
        );
        let item = ModerationItem {
            flags: flags.remove(&row.id).unwrap_or_default(),
            comment: policy::comment_for_moderator(&actor, row),
            place,
            open_flags,
        };
        if open_flags > 0 {
            queue.flagged.push(item.clone());
        }
        if hidden {
            queue.hidden.push(item);
        } else if !withdrawn && !answered {
            queue.awaiting_response.push(item);
        }
    }
    queue
        .flagged
        .sort_by_key(|i| (std::cmp::Reverse(i.open_flags), i.comment.id));
    queue
        .hidden
        .sort_by_key(|i| std::cmp::Reverse(i.comment.hidden.as_ref().map_or(0, |h| h.at.0)));
    Ok(queue)
}

/// What a request asks of the desk (`GET /api/v1/desk`), as written.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DeskAsked {
    /// One topic, by slug.
    pub topic: Option<String>,
    /// One section of that topic, by anchor (where the comment is now).
    pub section: Option<String>,
    /// attention (default), flagged, unanswered, answered, hidden, all.
    pub show: Option<String>,
    /// Answered with this official response status.
    pub status: Option<String>,
    /// Present (any value but empty): only comments quoting the draft.
    pub quoted: Option<String>,
    /// priority (default), newest, oldest, agreed, flags.
    pub sort: Option<String>,
    /// From 1.
    pub page: Option<String>,
}

/// Comments on a page of the desk.
pub const DESK_PAGE: usize = 25;

/// The host's desk: one queue across the topics they host (every topic
/// for admins), filtered, sorted and a page at a time, with each topic's
/// counts.
pub async fn desk(
    state: &AppState,
    user: Option<Account>,
    asked: DeskAsked,
    lang: Lang,
) -> Result<DeskQueue> {
    let anywhere = Actor::anywhere(user);
    let me = policy::signed_in(&anywhere)?.clone();
    let admin = anywhere.standing == policy::Standing::Admin;
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let unreadable = || ApiError::bad_request(Msg::DeskQuery);
    let show = match text(&asked.show) {
        Some(s) => DeskShow::parse(&s).ok_or_else(unreadable)?,
        None => DeskShow::default(),
    };
    let sort = match text(&asked.sort) {
        Some(s) => DeskSort::parse(&s).ok_or_else(unreadable)?,
        None => DeskSort::default(),
    };
    let status = match text(&asked.status) {
        Some(s) => Some(ResponseStatus::parse(&s).ok_or_else(unreadable)?),
        None => None,
    };
    let page = match text(&asked.page) {
        Some(p) => p
            .parse::<usize>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or_else(unreadable)?,
        None => 1,
    };
    let quoted = text(&asked.quoted).is_some();
    let wanted_topic = text(&asked.topic);
    let section = text(&asked.section);

    let mut conn = state.db.read().await?;
    let hosted = db::topics::hosted_by(&mut conn, (!admin).then_some(me.id)).await?;
    if let Some(slug) = &wanted_topic
        && !hosted.iter().any(|t| &t.slug == slug)
    {
        // Not theirs, or none at all: the same answer as the topic's own
        // host tools give.
        let (_, actor) = on_topic(&mut conn, Some(me.clone()), slug).await?;
        policy::may_moderate(&actor)?;
    }
    policy::may_use_desk(&anywhere, !hosted.is_empty())?;
    let standing = if admin {
        policy::Standing::Admin
    } else {
        policy::Standing::Host
    };
    let actor = Actor {
        account: Some(me),
        standing,
    };
    let mut topics = Vec::new();
    let mut items = Vec::new();
    let mut sections = Vec::new();
    for topic in hosted {
        let rows = db::comments::list(&mut conn, topic.id, actor.id()).await?;
        let flagged = rows.iter().filter(|r| r.open_flags > 0).count();
        let unanswered = rows.iter().filter(|r| needs_answer(r)).count();
        topics.push(DeskTopic {
            slug: topic.slug.clone(),
            title: topic.title.clone(),
            time_zone: topic.time_zone.clone(),
            published: topic.published,
            flagged: i64::try_from(flagged).unwrap_or(i64::MAX),
            unanswered: i64::try_from(unanswered).unwrap_or(i64::MAX),
        });
        if wanted_topic.as_ref().is_some_and(|w| w != &topic.slug) {
            continue;
        }
        let places = db::topics::places(&mut conn, topic.id, lang).await?;
        if wanted_topic.is_some()
            && let Some(version) = db::topics::current_version(&mut conn, topic.id).await?
        {
            let mut anchors = vec![pulse_api::sections::GENERAL.to_string()];
            anchors.extend(
                db::topics::outline(&mut conn, version.id)
                    .await?
                    .into_iter()
                    .map(|head| head.anchor),
            );
            sections = anchors
                .into_iter()
                .filter_map(|anchor| {
                    let label = places.get(&anchor)?.clone();
                    Some(DeskSection { anchor, label })
                })
                .collect();
        }
        let mut flags = db::moderation::flags(&mut conn, topic.id).await?;
        for row in rows {
            let now_at = if row.now_section.is_empty() {
                row.section.clone()
            } else {
                row.now_section.clone()
            };
            if section.as_ref().is_some_and(|s| s != &now_at)
                || !shows(show, &row)
                || (quoted && row.quote_exact.is_none())
                || status.is_some_and(|s| row.response.as_ref().map(|r| r.status) != Some(s))
            {
                continue;
            }
            let place = places
                .get(&now_at)
                .or_else(|| places.get(&row.section))
                .cloned()
                .unwrap_or_else(|| lang.text(Msg::PlaceGone).to_string());
            let open_flags = row.open_flags;
            items.push(DeskItem {
                topic: topic.slug.clone(),
                topic_title: topic.title.clone(),
                time_zone: topic.time_zone.clone(),
                item: ModerationItem {
                    flags: flags.remove(&row.id).unwrap_or_default(),
                    comment: policy::comment_for_moderator(&actor, row),
                    place,
                    open_flags,
                },
            });
        }
    }
    sort_desk(&mut items, sort);
    let total = items.len();
    let pages = total.div_ceil(DESK_PAGE).max(1);
    let items = items
        .into_iter()
        .skip((page - 1) * DESK_PAGE)
        .take(DESK_PAGE)
        .collect();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    Ok(DeskQueue {
        items,
        total: count(total),
        page: count(page),
        pages: count(pages),
        topics,
        sections,
    })
}

/// Visible, not withdrawn, with no official response yet.
fn needs_answer(row: &db::comments::CommentRow) -> bool {
    row.hidden_at.is_none() && row.withdrawn_at.is_none() && row.response.is_none()
}

fn shows(show: DeskShow, row: &db::comments::CommentRow) -> bool {
    match show {
        DeskShow::Attention => row.open_flags > 0 || needs_answer(row),
        DeskShow::Flagged => row.open_flags > 0,
        DeskShow::Unanswered => needs_answer(row),
        DeskShow::Answered => row.response.is_some(),
        DeskShow::Hidden => row.hidden_at.is_some(),
        DeskShow::All => true,
    }
}

fn sort_desk(items: &mut [DeskItem], sort: DeskSort) {
    use std::cmp::Reverse;
    let at = |i: &DeskItem| i.item.comment.created_at.0;
    match sort {
        DeskSort::Priority => items.sort_by_key(|i| {
            let c = &i.item.comment;
            let waiting = c.hidden.is_none() && !c.withdrawn && c.official_response.is_none();
            match (i.item.open_flags > 0, waiting) {
                (true, _) => (0, Reverse(i.item.open_flags), at(i)),
                (false, true) => (1, Reverse(0), at(i)),
                (false, false) => (2, Reverse(0), -at(i)),
            }
        }),
        DeskSort::Newest => items.sort_by_key(|i| Reverse((at(i), i.item.comment.id))),
        DeskSort::Oldest => items.sort_by_key(|i| (at(i), i.item.comment.id)),
        DeskSort::Agreed => items.sort_by_key(|i| (Reverse(i.item.comment.agree), at(i))),
        DeskSort::Flags => items.sort_by_key(|i| (Reverse(i.item.open_flags), at(i))),
    }
}

/// The host posts an update; its subscribers are told.
pub async fn post_update(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    body: Unread<NewUpdate>,
) -> Result<Topic> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (topic, actor) = on_topic(&mut tx, user, slug).await?;
    policy::may_post_update(&actor)?;
    public_record::hold(&mut tx, &topic).await?;
    let new = body.read()?;
    let title = Title::parse(&new.title).map_err(ApiError::unprocessable)?;
    let text = PostBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    let translations = topic_setup::check_update_translations(new.translations)
        .map_err(super::topics::field_problem)?;
    publish_update(&mut tx, &topic, &actor, (&title, &text), &translations, now).await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    wake_mail(state);
    Ok(whole)
}

/// Writes an update and what it causes, on `tx`: the update, its audit
/// row and a notice to each subscriber, committed together, with its
/// `translations` (by language, title and body). Returns the notices
/// written.
pub async fn publish_update(
    tx: &mut AnyConnection,
    topic: &TopicRow,
    actor: &Actor,
    (title, text): (&Title, &PostBody),
    translations: &[(Lang, Title, PostBody)],
    now: Timestamp,
) -> Result<u64> {
    let update_id = db::topics::insert_update(
        &mut *tx,
        topic.id,
        actor.id(),
        title.as_str(),
        text.as_str(),
        now,
    )
    .await?;
    for (lang, title, text) in translations {
        db::topics::insert_update_translation(
            &mut *tx,
            update_id,
            *lang,
            title.as_str(),
            text.as_str(),
        )
        .await?;
    }
    let said = PublicAct::update(update_id, title.as_str(), text.as_str());
    public_record::append(&mut *tx, topic, said, now).await?;
    let act = Act::on_topic("post_update", topic.id).subject(title.as_str());
    record(&mut *tx, actor, act, now).await?;
    let notices = db::outbox::enqueue_for_subscribers(
        &mut *tx,
        topic.id,
        db::outbox::Kind::Update,
        Some(update_id),
        now,
        crate::mail::worker::digest_time(now, &topic.time_zone),
    )
    .await?;
    Ok(notices)
}

/// Which part of the audit log to read, as a request asks for it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AuditAsked {
    /// A topic's slug (the whole log only).
    pub topic: Option<String>,
    /// An action code (`hide`, `respond`, …).
    pub action: Option<String>,
    /// The email address of the account that acted.
    pub actor: Option<String>,
    /// Entries older than this one (the previous page's `next`).
    pub before: Option<String>,
    /// Entries on a page (at most [`AUDIT_PAGE`]).
    pub limit: Option<String>,
}

/// The topic's part of the audit log, for its hosts, a page at a time.
pub async fn topic_audit(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    asked: AuditAsked,
) -> Result<AuditLog> {
    let mut conn = state.db.read().await?;
    let (topic, actor) = on_topic(&mut conn, user, slug).await?;
    policy::may_read_topic_audit(&actor)?;
    audit_page(&mut conn, Some(topic.id), &asked).await
}

/// The whole audit log, for admins, a page at a time.
pub async fn all_audit(
    state: &AppState,
    user: Option<Account>,
    asked: AuditAsked,
) -> Result<AuditLog> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let mut conn = state.db.read().await?;
    let topic = match asked.topic.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(slug) => Some(super::find_any_topic(&mut conn, slug).await?.id),
    };
    audit_page(&mut conn, topic, &asked).await
}

async fn audit_page(
    conn: &mut AnyConnection,
    topic_id: Option<i64>,
    asked: &AuditAsked,
) -> Result<AuditLog> {
    let number = |text: &Option<String>| -> Result<Option<i64>> {
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => t
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| ApiError::bad_request(Msg::AuditPageNumbers)),
        }
    };
    let limit = number(&asked.limit)?.unwrap_or(AUDIT_PAGE).min(AUDIT_PAGE);
    let actor_id = match asked.actor.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(email) => {
            let email = Email::parse(email).map_err(ApiError::bad_request)?;
            // Nobody with that address acted: an empty page, not an error.
            Some(
                db::accounts::find_by_email(conn, &email)
                    .await?
                    .map_or(0, |a| a.id),
            )
        }
    };
    let action = asked
        .action
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    // An action is a code like `post_update`: anything else is no filter
    // this log can answer (and a NUL is not for PostgreSQL's text).
    if action
        .is_some_and(|a| a.len() > 64 || !a.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    {
        return Err(ApiError::bad_request(Msg::AuditPageNumbers));
    }
    let filter = db::audit::Filter {
        topic_id,
        action,
        actor_id,
        before: number(&asked.before)?,
        limit: limit + 1,
    };
    let mut entries = db::audit::list(conn, filter).await?;
    let next = if entries.len() > usize::try_from(limit).unwrap_or(usize::MAX) {
        entries.pop();
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditLog { entries, next })
}
