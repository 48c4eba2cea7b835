//! What the topic host does: flags and the decisions on them (hide with a
//! reason, restore, dismiss), official responses, updates, the moderation
//! queue; and the audit log that records each of them in the same
//! transaction.

use super::comments::{in_context, read_back};
use super::topics::whole;
use super::{Act, Unread, on_topic, record, topic_setup, wake_mail};
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::validate::{PostBody, Reason, Title};
use pulse_api::wire::{
    Account, AuditLog, Comment, ModerationAction, ModerationItem, ModerationQueue, ModerationVerb,
    NewFlag, NewResponse, NewUpdate, Topic,
};
use sqlx::AnyConnection;

/// Most audit entries one request returns.
const AUDIT_PAGE: i64 = 500;

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
    if !db::moderation::flag(&mut tx, comment.id, me, &reason, now).await? {
        return Err(ApiError::conflict(Msg::FlaggedAlready));
    }
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
    let (comment, _topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_moderate(&actor)?;
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
    let (comment, _topic, actor) = in_context(&mut tx, user, id).await?;
    policy::may_respond(&actor)?;
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
    db::comments::respond(&mut tx, comment.id, me, new.status, &text, landed, now).await?;
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

/// The topic's part of the audit log, for its hosts.
pub async fn topic_audit(state: &AppState, user: Option<Account>, slug: &str) -> Result<AuditLog> {
    let mut conn = state.db.read().await?;
    let (topic, actor) = on_topic(&mut conn, user, slug).await?;
    policy::may_read_topic_audit(&actor)?;
    let entries = db::audit::list(&mut conn, Some(topic.id), AUDIT_PAGE).await?;
    Ok(AuditLog { entries })
}

/// The whole audit log, for admins.
pub async fn all_audit(state: &AppState, user: Option<Account>) -> Result<AuditLog> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let mut conn = state.db.read().await?;
    let entries = db::audit::list(&mut conn, None, AUDIT_PAGE).await?;
    Ok(AuditLog { entries })
}
