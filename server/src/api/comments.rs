//! Comments on the sections of a topic's draft and on the topic as a whole
//! (the General thread): reading, posting, and their authors' edits and
//! withdrawals; agree and disagree.

use super::parse_id;
use super::topics::find;
use crate::cache::JSON;
use crate::db::comments::CommentRow;
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, PathParam, QueryParams};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::Msg;
use pulse_api::markdown::to_plain_text;
use pulse_api::sections::{GENERAL, is_anchor};
use pulse_api::validate::{CommentBody, QuoteSelector};
use pulse_api::wire::Problem;
use pulse_api::wire::{
    Comment, CommentEdit, CommentList, CommentVersion, NewComment, ReactionChange,
};
use serde::Deserialize;
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(edit, withdraw))
        .routes(routes!(react))
        .routes(routes!(versions))
}

#[derive(Deserialize)]
struct ListQuery {
    section: Option<String>,
    limit: Option<String>,
    after: Option<String>,
}

/// Threads in a page of comments: by default, and at most.
const PAGE: i64 = 50;
const MOST_PER_PAGE: i64 = 100;

#[utoipa::path(get, path = "/topics/{slug}/comments", tag = "comments", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("section" = Option<String>, Query, description = "A section's anchor, or general"), ("limit" = Option<i64>, Query, description = "Threads in the page, 1 to 100 (50 when left out)"), ("after" = Option<String>, Query, description = "The `next` of the page before; left out for the first page")), responses((status = 200, body = CommentList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
    QueryParams(query): QueryParams<ListQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    let section = query.section.as_deref().filter(|s| !s.is_empty());
    if section.is_some_and(|anchor| !is_anchor(anchor)) {
        return Err(ApiError::bad_request(Msg::NotASection));
    }
    let limit = match query.limit.as_deref() {
        None | Some("") => PAGE,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MOST_PER_PAGE).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(Msg::PageHolds.with([("most", MOST_PER_PAGE.to_string())]))
            })?,
    };
    // The cursor is the id of the last thread of the page before.
    let after = match query.after.as_deref() {
        None | Some("") => 0,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| ApiError::bad_request(Msg::NotAPlaceInComments))?,
    };
    // A page is the same for every reader who is not signed in: served
    // from memory while true. A signed-in reader's has their own marks.
    if user.is_none() {
        let key = format!("comments {slug} {} {limit} {after}", section.unwrap_or(""));
        let db = &state.db;
        return state
            .cache
            .serve(&key, JSON, &headers, || async {
                let mut conn = db.read().await?;
                let list = comment_page(&mut conn, &slug, None, section, after, limit).await?;
                Ok(serde_json::to_vec(&list).map_err(anyhow::Error::from)?)
            })
            .await;
    }
    let mut conn = state.db.read().await?;
    let list = comment_page(&mut conn, &slug, user, section, after, limit).await?;
    Ok(Json(list).into_response())
}

/// A page of comments as `user` may see it.
async fn comment_page(
    conn: &mut AnyConnection,
    slug: &str,
    user: Option<AuthUser>,
    section: Option<&str>,
    after: i64,
    limit: i64,
) -> Result<CommentList> {
    let topic = find(conn, slug).await?;
    let actor = Actor::towards(conn, user, topic.id).await?;
    let (rows, more) =
        db::comments::page(conn, topic.id, section, actor.id(), after, limit).await?;
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

#[utoipa::path(post, path = "/topics/{slug}/comments", tag = "comments", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewComment, security(("session" = [])), responses((status = 201, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn create(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
    Body(new): Body<NewComment>,
) -> Result<(StatusCode, Json<Comment>)> {
    // Posted with whatever else is being posted at this moment: one commit
    // for all of them (see `writer.rs`).
    let shared = state.clone();
    let comment = state
        .writer
        .run(move |conn| Box::pin(post(conn, shared, user, slug, new)))
        .await?;
    state.mail_wake.notify_one();
    Ok((StatusCode::CREATED, Json(comment)))
}

/// Checks and writes a comment, with the notices it causes, on `tx` (the
/// batch's transaction, inside this comment's own savepoint).
async fn post(
    tx: &mut AnyConnection,
    state: AppState,
    user: Option<AuthUser>,
    slug: String,
    new: NewComment,
) -> Result<Comment> {
    let now = clock::now();
    let topic = find(&mut *tx, &slug).await?;
    let actor = Actor::towards(&mut *tx, user, topic.id).await?;
    policy::may_take_part(&actor, &topic, now)?;
    let me = policy::signed_in(&actor)?.id;
    let body = CommentBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    let quote = new
        .quote
        .as_ref()
        .map(|q| QuoteSelector::parse(&q.exact, &q.prefix, &q.suffix))
        .transpose()
        .map_err(ApiError::unprocessable)?;

    let no_section = || ApiError::unprocessable(Msg::NoSuchSectionToComment);
    if !is_anchor(&new.section) {
        return Err(no_section());
    }
    let version = db::topics::current_version(&mut *tx, topic.id)
        .await?
        .ok_or_else(|| ApiError::conflict(Msg::NoDraftToComment))?;
    if new.section == GENERAL {
        if quote.is_some() {
            return Err(ApiError::unprocessable(Msg::GeneralCannotQuote));
        }
    } else {
        let section_text = db::topics::section_markdown(&mut *tx, version.id, &new.section)
            .await?
            .ok_or_else(no_section)?;
        if quote
            .as_ref()
            .is_some_and(|q| !q.is_found_in(&to_plain_text(&section_text)))
        {
            return Err(ApiError::unprocessable(Msg::QuoteNotInSection));
        }
    }

    let mut replied_to = None;
    let parent_id = match new.parent_id {
        None => None,
        Some(parent) => {
            let place = db::comments::find(&mut *tx, parent, None)
                .await?
                .filter(|p| p.topic_id == topic.id)
                .ok_or_else(|| ApiError::unprocessable(Msg::ReplyToNothing))?;
            if place.section != new.section {
                return Err(ApiError::unprocessable(Msg::ReplySameSection));
            }
            replied_to = Some(place.account_id);
            // Threads are one level deep: answer the thread, not the reply.
            Some(place.parent_id.unwrap_or(parent))
        }
    };

    // Counted once every check has passed: a refused comment does not use
    // up the resident's quota.
    state
        .limits
        .comments
        .check(&mut *tx, &me.to_string(), Msg::LimitComments)
        .await?;
    let id = db::comments::insert(
        &mut *tx,
        db::comments::NewComment {
            topic_id: topic.id,
            version_id: version.id,
            section: &new.section,
            parent_id,
            account_id: me,
            body: &body,
            quote: quote.as_ref(),
            created_at: now,
        },
    )
    .await?;
    if let Some(author) = replied_to {
        db::mail::enqueue_for_author(
            &mut *tx,
            db::mail::Kind::Reply,
            topic.id,
            id,
            author,
            Some(me),
            now,
        )
        .await?;
    }
    db::mail::enqueue_for_section(
        &mut *tx,
        db::mail::SectionComment {
            topic_id: topic.id,
            anchor: &new.section,
            comment_id: id,
            author_id: me,
            also_told: replied_to,
        },
        now,
        crate::mail::worker::digest_time(now, &topic.time_zone),
    )
    .await?;
    read_back(&mut *tx, &actor, id).await
}

/// A comment as `actor` now sees it, inside the transaction that changed it.
pub async fn read_back(conn: &mut AnyConnection, actor: &Actor, id: i64) -> Result<Comment> {
    let row = db::comments::find(conn, id, actor.id())
        .await?
        .ok_or_else(|| anyhow::anyhow!("comment {id} vanished inside its transaction"))?;
    Ok(policy::comment_for(actor, row))
}

/// A comment by its id in the path, its topic, and how the requester
/// stands towards that topic.
pub async fn in_context(
    conn: &mut AnyConnection,
    user: Option<AuthUser>,
    id: &str,
) -> Result<(CommentRow, TopicRow, Actor)> {
    let id = parse_id(id, Msg::NoSuchComment)?;
    let comment = db::comments::find(conn, id, user.as_ref().map(AuthUser::id))
        .await?
        .ok_or_else(|| ApiError::not_found(Msg::NoSuchComment.with([("id", id.to_string())])))?;
    let topic = db::topics::find_by_id(conn, comment.topic_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("comment {id} has no topic"))?;
    let actor = Actor::towards(conn, user, topic.id).await?;
    Ok((comment, topic, actor))
}

#[utoipa::path(patch, path = "/comments/{id}", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = CommentEdit, security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn edit(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
    Body(change): Body<CommentEdit>,
) -> Result<Json<Comment>> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, &id).await?;
    policy::may_change_comment(&actor, &comment, &topic, now)?;
    let body = CommentBody::parse(&change.body).map_err(ApiError::unprocessable)?;
    if body.as_str() != comment.body {
        db::comments::edit(&mut tx, comment.id, &body, now).await?;
    }
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    Ok(Json(comment))
}

#[utoipa::path(delete, path = "/comments/{id}", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn withdraw(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
) -> Result<Json<Comment>> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, &id).await?;
    policy::may_change_comment(&actor, &comment, &topic, now)?;
    db::comments::withdraw(&mut tx, comment.id, now).await?;
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    Ok(Json(comment))
}

#[utoipa::path(put, path = "/comments/{id}/reaction", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = ReactionChange, security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn react(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
    Body(change): Body<ReactionChange>,
) -> Result<Json<Comment>> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (comment, topic, actor) = in_context(&mut tx, user, &id).await?;
    policy::may_take_part(&actor, &topic, now)?;
    let me = policy::signed_in(&actor)?.id;
    if comment.withdrawn_at.is_some() || comment.hidden_at.is_some() {
        return Err(ApiError::conflict(Msg::NoReactionsHere));
    }
    if comment.account_id == me && change.value.is_some() {
        return Err(ApiError::forbidden(Msg::NoReactingToOwn));
    }
    db::comments::react(&mut tx, comment.id, me, change.value, now).await?;
    let comment = read_back(&mut tx, &actor, comment.id).await?;
    db::commit(tx).await?;
    Ok(Json(comment))
}

/// `GET /comments/{id}/versions`: its every text, oldest first, for its
/// author and the topic's hosts (a withdrawn or hidden comment's text is
/// not public).
#[utoipa::path(get, path = "/comments/{id}/versions", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), security(("session" = [])), responses((status = 200, body = Vec<CommentVersion>), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn versions(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(id): PathParam<String>,
) -> Result<Json<Vec<CommentVersion>>> {
    let mut conn = state.db.read().await?;
    let (comment, _topic, actor) = in_context(&mut conn, user, &id).await?;
    let me = policy::signed_in(&actor)?.id;
    if me != comment.account_id {
        policy::may_moderate(&actor)?;
    }
    let versions = db::comments::versions(&mut conn, comment.id).await?;
    Ok(Json(
        versions
            .into_iter()
            .map(|(body, written_at)| CommentVersion { body, written_at })
            .collect(),
    ))
}
