//! Comments on the sections of a topic's draft.

use super::topics::find;
use crate::deadline::ensure_open;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, PathParam, QueryParams};
use crate::state::AppState;
use crate::{clock, db};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use pulse_api::markdown::to_plain_text;
use pulse_api::sections::is_anchor;
use pulse_api::validate::{CommentBody, QuoteSelector};
use pulse_api::wire::{Comment, CommentList, NewComment};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/topics/{slug}/comments", get(list).post(create))
}

#[derive(Deserialize)]
struct ListQuery {
    section: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<CommentList>> {
    let topic = find(&state, &slug).await?;
    let section = query.section.as_deref().filter(|s| !s.is_empty());
    if section.is_some_and(|anchor| !is_anchor(anchor)) {
        return Err(ApiError::bad_request("That is not the name of a section."));
    }
    let comments = db::comments::list(&state.db, topic.id, section).await?;
    Ok(Json(CommentList { comments }))
}

async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    PathParam(slug): PathParam<String>,
    Body(new): Body<NewComment>,
) -> Result<(StatusCode, Json<Comment>)> {
    let topic = find(&state, &slug).await?;
    let now = clock::now();
    ensure_open(&topic, now)?;
    state
        .limits
        .comments
        .check(&user.id().to_string(), "comments")?;

    let body = CommentBody::parse(&new.body).map_err(ApiError::unprocessable)?;
    let quote = new
        .quote
        .as_ref()
        .map(|q| QuoteSelector::parse(&q.exact, &q.prefix, &q.suffix))
        .transpose()
        .map_err(ApiError::unprocessable)?;
    let no_section =
        || ApiError::unprocessable("There is no such section in the current draft to comment on.");
    if !is_anchor(&new.section) {
        return Err(no_section());
    }
    let version = db::topics::current_version(&state.db, topic.id)
        .await?
        .ok_or_else(|| ApiError::conflict("This topic has no draft to comment on."))?;
    let section_text = db::topics::section_markdown(&state.db, version.id, &new.section)
        .await?
        .ok_or_else(no_section)?;
    if quote
        .as_ref()
        .is_some_and(|q| !q.is_found_in(&to_plain_text(&section_text)))
    {
        return Err(ApiError::unprocessable(
            "The quoted passage is not in this section of the current draft.",
        ));
    }

    let parent_id = match new.parent_id {
        None => None,
        Some(parent) => {
            let place = db::comments::placement(&state.db, parent)
                .await?
                .filter(|p| p.topic_id == topic.id)
                .ok_or_else(|| {
                    ApiError::unprocessable("The comment you are replying to does not exist.")
                })?;
            if place.section != new.section {
                return Err(ApiError::unprocessable(
                    "A reply must be on the same section as the comment it answers.",
                ));
            }
            // Threads are one level deep: answer the thread, not the reply.
            Some(place.parent_id.unwrap_or(parent))
        }
    };

    let comment = db::comments::insert(
        &state.db,
        db::comments::NewComment {
            topic_id: topic.id,
            version_id: version.id,
            section: &new.section,
            parent_id,
            account_id: user.id(),
            body: &body,
            quote: quote.as_ref(),
            created_at: now,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(comment)))
}
