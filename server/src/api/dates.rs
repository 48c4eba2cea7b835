//! The dates a host adds to a topic, as routes: see `services::dates`.

use crate::error::Result;
use crate::extract::{Asker, PathParam};
use crate::language::Language;
use crate::services::{Unread, dates};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pulse_api::wire::{NewTopicDate, Problem, Topic};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add))
        .routes(routes!(remove))
}

/// Adds a date to the topic; answers with the topic as it now is.
#[utoipa::path(post, path = "/topics/{slug}/dates", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewTopicDate, security(("session" = [])), responses((status = 201, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn add(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    body: Unread<NewTopicDate>,
) -> Result<(StatusCode, Json<Topic>)> {
    let topic = dates::add(&state, user, &slug, lang, body).await?;
    Ok((StatusCode::CREATED, Json(topic)))
}

/// Removes one of the topic's dates.
#[utoipa::path(delete, path = "/topics/{slug}/dates/{id}", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("id" = i64, Path, description = "The date's id", example = 1)), security(("session" = [])), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn remove(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    PathParam((slug, id)): PathParam<(String, String)>,
) -> Result<Json<Topic>> {
    Ok(Json(dates::remove(&state, user, &slug, &id, lang).await?))
}
