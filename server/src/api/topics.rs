//! Topics: the list with its status tabs, and one topic whole.

use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::extract::{PathParam, QueryParams};
use crate::state::AppState;
use crate::{clock, db};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use pulse_api::markdown::to_safe_html;
use pulse_api::wire::{Draft, Topic, TopicList, TopicSummary};
use pulse_api::{Timestamp, TopicStatus};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/topics", get(list))
        .route("/topics/{slug}", get(show))
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<ListQuery>,
) -> Result<Json<TopicList>> {
    let wanted = match query.status.as_deref() {
        None | Some("") => None,
        Some(text) => Some(TopicStatus::parse(text).ok_or_else(|| {
            ApiError::bad_request("The status to list must be upcoming, open or closed.")
        })?),
    };
    let now = clock::now();
    let topics = db::topics::list(&state.db)
        .await?
        .into_iter()
        .filter(|(topic, _)| wanted.is_none_or(|w| topic.status(now) == w))
        .map(|(topic, comment_count)| summary(topic, comment_count, now))
        .collect();
    Ok(Json(TopicList { topics, now }))
}

fn summary(topic: TopicRow, comment_count: i64, now: Timestamp) -> TopicSummary {
    TopicSummary {
        status: topic.status(now),
        slug: topic.slug,
        title: topic.title,
        summary_html: to_safe_html(&topic.summary),
        summary: topic.summary,
        opens_at: topic.opens_at,
        closes_at: topic.closes_at,
        time_zone: topic.time_zone,
        comment_count,
    }
}

/// Finds a topic by slug, or says there is none.
pub async fn find(state: &AppState, slug: &str) -> Result<TopicRow> {
    db::topics::find(&state.db, slug).await?.ok_or_else(|| {
        let shown: String = slug.chars().take(60).collect();
        ApiError::not_found(format!("There is no topic called “{shown}”."))
    })
}

async fn show(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<Topic>> {
    let topic = find(&state, &slug).await?;
    let now = clock::now();
    let documents = db::topics::documents(&state.db, topic.id).await?;
    let updates = db::topics::updates(&state.db, topic.id).await?;
    let draft = match db::topics::current_version(&state.db, topic.id).await? {
        Some(version) => Some(Draft {
            sections: db::topics::sections(&state.db, topic.id, version.id).await?,
            version: version.version,
            title: version.title,
            published_at: version.published_at,
        }),
        None => None,
    };
    let comment_count = draft
        .as_ref()
        .map_or(0, |d| d.sections.iter().map(|s| s.comment_count).sum());
    Ok(Json(Topic {
        status: topic.status(now),
        slug: topic.slug,
        title: topic.title,
        summary_html: to_safe_html(&topic.summary),
        summary: topic.summary,
        opens_at: topic.opens_at,
        closes_at: topic.closes_at,
        time_zone: topic.time_zone,
        now,
        results_rule: topic.results_rule,
        host: topic.host,
        documents,
        updates,
        draft,
        comment_count,
    }))
}
