//! Polls and ballots, as routes: see `services::polls`.

use crate::error::{Result, parse_id};
use crate::extract::{Asker, PathParam};
use crate::services::{Unread, polls};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use pulse_api::i18n::Msg;
use pulse_api::wire::Problem;
use pulse_api::wire::{Ballot, Poll, PollList};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(cast))
}

#[utoipa::path(get, path = "/topics/{slug}/polls", tag = "polls", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), responses((status = 200, body = PollList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
) -> Result<Json<PollList>> {
    Ok(Json(polls::list(&state, user, &slug).await?))
}

/// Casts or changes the signed-in account's ballot; answers with the poll
/// as the voter now sees it.
#[utoipa::path(put, path = "/polls/{id}/ballot", tag = "polls", params(("id" = i64, Path, description = "The poll's id", example = 1)), request_body = Ballot, security(("session" = [])), responses((status = 200, body = Poll), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn cast(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    body: Unread<Ballot>,
) -> Result<Json<Poll>> {
    let poll_id = parse_id(&id, Msg::NoSuchPoll)?;
    Ok(Json(polls::cast(&state, user, poll_id, body).await?))
}
