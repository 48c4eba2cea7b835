//! Polls and ballots: one ballot per account, changeable until the deadline.

use super::{parse_id, topics::find};
use crate::deadline::ensure_open;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, PathParam};
use crate::state::AppState;
use crate::{clock, db};
use axum::extract::State;
use axum::routing::{get, put};
use axum::{Json, Router};
use pulse_api::TopicStatus;
use pulse_api::validate::BALLOT_MAX_OPTIONS;
use pulse_api::wire::{Ballot, Poll, PollKind, PollList, PollOption, ResultsRule};
use std::collections::HashSet;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/topics/{slug}/polls", get(list))
        .route("/polls/{id}/ballot", put(cast))
}

async fn list(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<PollList>> {
    let topic = find(&state, &slug).await?;
    Ok(Json(poll_list(&state, &topic, user.as_ref()).await?))
}

/// A topic's polls as `user` may see them.
async fn poll_list(
    state: &AppState,
    topic: &db::topics::TopicRow,
    user: Option<&AuthUser>,
) -> Result<PollList> {
    let closed = topic.status(clock::now()) == TopicStatus::Closed;
    let polls = db::polls::list(&state.db, topic.id).await?;
    let options = db::polls::options(&state.db, topic.id).await?;
    let ballots = db::polls::ballot_counts(&state.db, topic.id).await?;
    let mut mine = match user {
        Some(user) => db::polls::choices_of(&state.db, topic.id, user.id()).await?,
        None => Default::default(),
    };
    let polls = polls
        .into_iter()
        .map(|poll| {
            let my_choices = mine.remove(&poll.id);
            let visible = match topic.results_rule {
                ResultsRule::Always => true,
                ResultsRule::AfterVoting => closed || my_choices.is_some(),
                ResultsRule::AfterClose => closed,
            };
            Poll {
                options: options
                    .iter()
                    .filter(|o| o.poll_id == poll.id)
                    .map(|o| PollOption {
                        id: o.id,
                        label: o.label.clone(),
                        votes: visible.then_some(o.votes),
                    })
                    .collect(),
                ballots: visible.then(|| ballots.get(&poll.id).copied().unwrap_or(0)),
                results_visible: visible,
                my_choices,
                id: poll.id,
                question: poll.question,
                section: poll.section,
                kind: poll.kind,
            }
        })
        .collect();
    Ok(PollList {
        results_rule: topic.results_rule,
        polls,
    })
}

/// Casts or changes the signed-in account's ballot; answers with the poll
/// as the voter now sees it.
async fn cast(
    State(state): State<AppState>,
    user: AuthUser,
    PathParam(id): PathParam<String>,
    Body(ballot): Body<Ballot>,
) -> Result<Json<Poll>> {
    let poll_id = parse_id(&id, "poll")?;
    let poll = db::polls::find(&state.db, poll_id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("There is no poll with the id “{poll_id}”.")))?;
    let topic = db::topics::find_by_id(&state.db, poll.topic_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("poll {poll_id} has no topic"))?;
    let now = clock::now();
    ensure_open(&topic, now)?;
    state
        .limits
        .ballots
        .check(&user.id().to_string(), "votes")?;

    let chosen = &ballot.options;
    if chosen.is_empty() {
        return Err(ApiError::unprocessable("Choose an option before voting."));
    }
    if poll.kind == PollKind::Single && chosen.len() > 1 {
        return Err(ApiError::unprocessable("This poll takes one choice only."));
    }
    if chosen.len() > BALLOT_MAX_OPTIONS {
        return Err(ApiError::unprocessable("That ballot has too many choices."));
    }
    let unique: HashSet<i64> = chosen.iter().copied().collect();
    if unique.len() != chosen.len() {
        return Err(ApiError::unprocessable(
            "Each option can be chosen only once.",
        ));
    }
    let valid: HashSet<i64> = db::polls::option_ids(&state.db, poll_id)
        .await?
        .into_iter()
        .collect();
    if let Some(bad) = chosen.iter().find(|o| !valid.contains(o)) {
        return Err(ApiError::unprocessable(format!(
            "Option {bad} is not one of this poll's options."
        )));
    }
    let mut sorted = chosen.clone();
    sorted.sort_unstable();
    db::polls::put_ballot(&state.db, poll_id, user.id(), &sorted, now).await?;

    let list = poll_list(&state, &topic, Some(&user)).await?;
    let poll = list
        .polls
        .into_iter()
        .find(|p| p.id == poll_id)
        .ok_or_else(|| anyhow::anyhow!("poll {poll_id} vanished after a ballot"))?;
    Ok(Json(poll))
}
