//! Comments on the sections of a topic's draft and on the topic as a whole
//! (the General thread): reading, posting, and their authors' edits and
//! withdrawals; agree and disagree. See `services::comments`.

use crate::cache::JSON;
use crate::error::{ApiError, Result, parse_id};
use crate::extract::{Asker, PathParam, QueryParams, WhoAsks};
use crate::language::Language;
use crate::services::Unread;
use crate::services::comments::{self, PageOf};
use crate::services::revisions;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::Msg;
use pulse_api::sections::is_anchor;
use pulse_api::wire::Problem;
use pulse_api::wire::{
    Comment, CommentEdit, CommentList, CommentVersion, NewComment, ReactionChange,
};
use serde::Deserialize;
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
    version: Option<String>,
    limit: Option<String>,
    after: Option<String>,
}

/// Threads in a page of comments: by default, and at most.
const MOST_PER_PAGE: i64 = 100;

#[utoipa::path(get, path = "/topics/{slug}/comments", tag = "comments", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("section" = Option<String>, Query, description = "A section's anchor in the current version (comments written on its predecessors included), general, or removed (comments on sections a revision removed); with version, a section of that version"), ("version" = Option<i64>, Query, description = "Only comments written on this version of the draft"), ("limit" = Option<i64>, Query, description = "Threads in the page, 1 to 100 (50 when left out)"), ("after" = Option<String>, Query, description = "The `next` of the page before; left out for the first page")), responses((status = 200, body = CommentList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    QueryParams(query): QueryParams<ListQuery>,
    headers: HeaderMap,
) -> Result<Response> {
    let section = query.section.as_deref().filter(|s| !s.is_empty());
    if section.is_some_and(|anchor| !is_anchor(anchor)) {
        return Err(ApiError::bad_request(Msg::NotASection));
    }
    let limit = match query.limit.as_deref() {
        None | Some("") => comments::PAGE,
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
    let version = query
        .version
        .as_deref()
        .filter(|v| !v.is_empty())
        .map(revisions::version_number)
        .transpose()?;
    let at = PageOf {
        slug: &slug,
        section,
        version,
        after,
        limit,
    };
    // A page is the same for every reader who is not signed in: served
    // from memory while true. A signed-in reader's has their own marks.
    if user.is_none() {
        let key = format!(
            "comments {slug} {} {version:?} {limit} {after}",
            section.unwrap_or("")
        );
        return state
            .cache
            .serve(&key, JSON, &headers, || async {
                let list = comments::page(&state, None, at).await?;
                Ok(serde_json::to_vec(&list).map_err(anyhow::Error::from)?)
            })
            .await;
    }
    let list = comments::page(&state, user, at).await?;
    Ok(Json(list).into_response())
}

#[utoipa::path(post, path = "/topics/{slug}/comments", tag = "comments", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewComment, security(("session" = [])), responses((status = 201, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn create(
    State(state): State<AppState>,
    WhoAsks(who): WhoAsks,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
    body: Unread<NewComment>,
) -> Result<(StatusCode, Json<Comment>)> {
    let comment = comments::post(&state, who, slug, body, lang).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

#[utoipa::path(patch, path = "/comments/{id}", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = CommentEdit, security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn edit(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    body: Unread<CommentEdit>,
) -> Result<Json<Comment>> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    Ok(Json(comments::edit(&state, user, id, body).await?))
}

#[utoipa::path(delete, path = "/comments/{id}", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn withdraw(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
) -> Result<Json<Comment>> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    Ok(Json(comments::withdraw(&state, user, id).await?))
}

#[utoipa::path(put, path = "/comments/{id}/reaction", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = ReactionChange, security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn react(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    body: Unread<ReactionChange>,
) -> Result<Json<Comment>> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    Ok(Json(comments::react(&state, user, id, body).await?))
}

/// `GET /comments/{id}/versions`: its every text, oldest first, for its
/// author and the topic's hosts (a withdrawn or hidden comment's text is
/// not public).
#[utoipa::path(get, path = "/comments/{id}/versions", tag = "comments", params(("id" = i64, Path, description = "The comment's id", example = 1)), security(("session" = [])), responses((status = 200, body = Vec<CommentVersion>), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn versions(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
) -> Result<Json<Vec<CommentVersion>>> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    Ok(Json(comments::versions(&state, user, id).await?))
}
