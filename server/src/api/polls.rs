//! Polls and ballots, as routes: see `services::polls`.

use crate::error::{Result, parse_id};
use crate::extract::{Asker, PathParam, QueryParams};
use crate::language::Language;
use crate::services::{Unread, polls};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::wire::Problem;
use pulse_api::wire::{Ballot, Poll, PollList};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(cast))
}

#[utoipa::path(get, path = "/topics/{slug}/polls", tag = "polls", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("original" = Option<String>, Query, description = "Present (any value): the polls as the city wrote them, not translated into the reader's language")), responses((status = 200, body = PollList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    QueryParams(query): QueryParams<ListQuery>,
    Language(lang): Language,
) -> Result<Json<PollList>> {
    let shown_in = if query.original.is_some() {
        Lang::ORIGINAL
    } else {
        lang
    };
    Ok(Json(polls::list(&state, user, &slug, shown_in).await?))
}

#[derive(Deserialize)]
struct ListQuery {
    /// Present: the polls as the city wrote them, whatever the reader's
    /// language.
    original: Option<String>,
}

/// Casts or changes the signed-in account's ballot; answers with the poll
/// as the voter now sees it.
#[utoipa::path(put, path = "/polls/{id}/ballot", tag = "polls", params(("id" = i64, Path, description = "The poll's id", example = 1)), request_body = Ballot, security(("session" = [])), responses((status = 200, body = Poll), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn cast(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    Language(lang): Language,
    body: Unread<Ballot>,
) -> Result<Json<Poll>> {
    let poll_id = parse_id(&id, Msg::NoSuchPoll)?;
    Ok(Json(polls::cast(&state, user, poll_id, body, lang).await?))
}
