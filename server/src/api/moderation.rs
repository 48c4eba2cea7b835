//! What the topic host does: the moderation queue, flags and the decisions
//! on them (hide with a reason, restore, dismiss), official responses,
//! updates; and the audit log that records each of them in the same
//! transaction.

use super::comments::{in_context, read_back};
use super::topics::{audit_actor, find, topic_whole};
use crate::db::audit;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, PathParam};
use crate::language::Language;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pulse_api::i18n::Msg;
use pulse_api::validate::{PostBody, Reason, Title};
use pulse_api::wire::Problem;
use pulse_api::wire::{
    AuditLog, Comment, ModerationAction, ModerationItem, ModerationQueue, ModerationVerb, NewFlag,
    NewResponse, NewUpdate, Topic,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Most audit entries one request returns.
const AUDIT_PAGE: i64 = 500;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(flag))
        .routes(routes!(moderate))
        .routes(routes!(respond))
        .routes(routes!(queue))
        .routes(routes!(post_update))
        .routes(routes!(topic_audit))
        .routes(routes!(all_audit))
}

#[utoipa::path(post, path = "/comments/{id}/flags", tag = "moderation", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = NewFlag, security(("session" = [])), responses((status = 201, description = "Flagged for the host"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn flag(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
    Body(new): Body<NewFlag>,
) -> Result<StatusCode> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, _topic, actor) = in_context(&mut tx, user, &id).await?;
    policy::may_flag(&actor, &comment)?;
    let me = policy::signed_in(&actor)?.id;
    let reason = Reason::parse(&new.reason).map_err(ApiError::unprocessable)?;
    if !db::moderation::flag(&mut tx, comment.id, me, &reason, now).await? {
        return Err(ApiError::conflict(Msg::FlaggedAlready));
    }
    db::commit(tx).await?;
    Ok(StatusCode::CREATED)
}

#[utoipa::path(post, path = "/comments/{id}/moderation", tag = "moderation", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = ModerationAction, security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn moderate(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
    Body(action): Body<ModerationAction>,
) -> Result<Json<Comment>> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, _topic, actor) = in_context(&mut tx, user, &id).await?;
    policy::may_moderate(&actor)?;
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
            db::mail::enqueue_for_author(
                &mut tx,
                db::mail::Kind::Hidden,
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
    audit::append(
        &mut tx,
        audit::Entry {
            actor: audit_actor(&actor),
            action: verb,
            topic_id: Some(comment.topic_id),
            comment_id: Some(comment.id),
            subject: None,
            reason: reason.as_ref().map(Reason::as_str),
            at: now,
        },
    )
    .await?;
    let row = db::comments::find(&mut tx, comment.id, actor.id())
        .await?
        .ok_or_else(|| anyhow::anyhow!("comment vanished while moderated"))?;
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok(Json(policy::comment_for_moderator(&actor, row)))
}

#[utoipa::path(post, path = "/comments/{id}/responses", tag = "moderation", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = NewResponse, security(("session" = [])), responses((status = 201, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn respond(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
    Body(new): Body<NewResponse>,
) -> Result<(StatusCode, Json<Comment>)> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, _topic, actor) = in_context(&mut tx, user, &id).await?;
    policy::may_respond(&actor)?;
    let me = policy::signed_in(&actor)?.id;
    let body = PostBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    if comment.withdrawn_at.is_some() {
        return Err(ApiError::conflict(Msg::WithdrawnNoResponse));
    }
    db::comments::respond(&mut tx, comment.id, me, new.status, &body, now).await?;
    db::mail::enqueue_for_author(
        &mut tx,
        db::mail::Kind::Response,
        comment.topic_id,
        comment.id,
        comment.account_id,
        Some(me),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        audit::Entry {
            actor: audit_actor(&actor),
            action: "respond",
            topic_id: Some(comment.topic_id),
            comment_id: Some(comment.id),
            subject: Some(new.status.as_str()),
            reason: None,
            at: now,
        },
    )
    .await?;
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok((StatusCode::CREATED, Json(comment)))
}

#[utoipa::path(get, path = "/topics/{slug}/moderation", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = ModerationQueue), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn queue(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<ModerationQueue>> {
    let mut conn = state.db.read().await?;
    let topic = find(&mut conn, &slug).await?;
    let actor = Actor::towards(&mut conn, user, topic.id).await?;
    policy::may_moderate(&actor)?;
    let places = db::topics::places(&mut conn, topic.id).await?;
    let mut flags = db::moderation::flags(&mut conn, topic.id).await?;
    let rows = db::comments::list(&mut conn, topic.id, None, actor.id()).await?;
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
    Ok(Json(queue))
}

#[utoipa::path(post, path = "/topics/{slug}/updates", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewUpdate, security(("session" = [])), responses((status = 201, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn post_update(
    State(state): State<AppState>,
    Language(lang): Language,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
    Body(new): Body<NewUpdate>,
) -> Result<(StatusCode, Json<Topic>)> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let topic = find(&mut tx, &slug).await?;
    let actor = Actor::towards(&mut tx, user, topic.id).await?;
    policy::may_post_update(&actor)?;
    let title = Title::parse(&new.title).map_err(ApiError::unprocessable)?;
    let body = PostBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    // The update and what it causes commit together: the audit row and
    // the subscribers' notices, written on this `tx`.
    let update_id = db::topics::insert_update(
        &mut tx,
        topic.id,
        actor.id(),
        title.as_str(),
        body.as_str(),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        audit::Entry {
            actor: audit_actor(&actor),
            action: "post_update",
            topic_id: Some(topic.id),
            comment_id: None,
            subject: Some(title.as_str()),
            reason: None,
            at: now,
        },
    )
    .await?;
    db::mail::enqueue_for_subscribers(
        &mut tx,
        topic.id,
        db::mail::Kind::Update,
        Some(update_id),
        now,
        crate::mail::worker::digest_time(now, &topic.time_zone),
    )
    .await?;
    let whole = topic_whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok((StatusCode::CREATED, Json(whole)))
}

#[utoipa::path(get, path = "/topics/{slug}/audit", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = AuditLog), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn topic_audit(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<AuditLog>> {
    let mut conn = state.db.read().await?;
    let topic = find(&mut conn, &slug).await?;
    let actor = Actor::towards(&mut conn, user, topic.id).await?;
    policy::may_read_topic_audit(&actor)?;
    let entries = db::audit::list(&mut conn, Some(topic.id), AUDIT_PAGE).await?;
    Ok(Json(AuditLog { entries }))
}

#[utoipa::path(get, path = "/audit", tag = "admin", security(("session" = [])), responses((status = 200, body = AuditLog), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn all_audit(
    State(state): State<AppState>,
    user: Option<AuthUser>,
) -> Result<Json<AuditLog>> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let mut conn = state.db.read().await?;
    let entries = db::audit::list(&mut conn, None, AUDIT_PAGE).await?;
    Ok(Json(AuditLog { entries }))
}
