//! Polls and ballots: one ballot per account, changeable until the deadline.

use super::{Unread, on_topic};
use crate::error::{ApiError, Result};
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::TopicStatus;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::validate::BALLOT_MAX_OPTIONS;
use pulse_api::wire::{Account, Ballot, Poll, PollKind, PollList, PollOption, ResultsRule};
use sqlx::AnyConnection;
use std::collections::HashSet;

/// A topic's polls, with `user`'s own choices.
pub async fn list(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
) -> Result<PollList> {
    let mut conn = state.db.read().await?;
    let (topic, _) = on_topic(&mut conn, user.clone(), slug).await?;
    poll_list(&mut conn, &topic, user.map(|a| a.id), lang).await
}

/// A topic's polls as `user` may see them, in `lang` where translated.
async fn poll_list(
    conn: &mut AnyConnection,
    topic: &db::topics::TopicRow,
    user: Option<i64>,
    lang: Lang,
) -> Result<PollList> {
    let status = topic.status(clock::now());
    let closed = status == TopicStatus::Closed;
    let polls = db::polls::list(conn, topic.id, lang).await?;
    let options = db::polls::options(conn, topic.id, lang).await?;
    let ballots = db::polls::ballot_counts(conn, topic.id).await?;
    let mut mine = match user {
        Some(user) => db::polls::choices_of(conn, topic.id, user).await?,
        None => Default::default(),
    };
    let polls = polls
        .into_iter()
        .map(|poll| {
            let my_choices = mine.remove(&poll.id);
            let count = ballots.get(&poll.id).copied().unwrap_or_default();
            // Nothing is counted before the topic opens.
            let visible = status != TopicStatus::Upcoming
                && match topic.results_rule {
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
                ballots: visible.then_some(count.cast),
                staff_ballots: visible.then_some(count.staff),
                results_visible: visible,
                my_choices,
                id: poll.id,
                question: poll.question,
                section: poll.section,
                kind: poll.kind,
                lang: poll.lang,
                from_version: poll.from_version,
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
pub async fn cast(
    state: &AppState,
    user: Option<Account>,
    poll_id: i64,
    body: Unread<Ballot>,
    lang: Lang,
) -> Result<Poll> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let poll = db::polls::find(&mut tx, poll_id)
        .await?
        .ok_or_else(|| ApiError::not_found(Msg::NoSuchPoll.with([("id", poll_id.to_string())])))?;
    let topic = db::topics::find_by_id(&mut tx, poll.topic_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("poll {poll_id} has no topic"))?;
    let actor = Actor::towards(&mut tx, user, topic.id).await?;
    policy::may_take_part(&actor, &topic, now)?;
    let me = policy::signed_in(&actor)?.id;
    let ballot = body.read()?;

    let chosen = &ballot.options;
    if chosen.is_empty() {
        return Err(ApiError::unprocessable(Msg::ChooseBeforeVoting));
    }
    if poll.kind == PollKind::Single && chosen.len() > 1 {
        return Err(ApiError::unprocessable(Msg::OneChoiceOnly));
    }
    if chosen.len() > BALLOT_MAX_OPTIONS {
        return Err(ApiError::unprocessable(Msg::TooManyChoices));
    }
    let unique: HashSet<i64> = chosen.iter().copied().collect();
    if unique.len() != chosen.len() {
        return Err(ApiError::unprocessable(Msg::OptionOnce));
    }
    let valid: HashSet<i64> = db::polls::option_ids(&mut tx, poll_id)
        .await?
        .into_iter()
        .collect();
    if let Some(bad) = chosen.iter().find(|o| !valid.contains(o)) {
        return Err(ApiError::unprocessable(
            Msg::NotThisPollsOption.with([("option", bad.to_string())]),
        ));
    }
    let mut sorted = chosen.clone();
    sorted.sort_unstable();
    // Counted once the ballot is known to be valid.
    state
        .limits
        .ballots
        .check(&mut tx, &me.to_string(), Msg::LimitVotes)
        .await?;
    db::polls::put_ballot(&mut tx, poll_id, me, &sorted, now).await?;
    let list = poll_list(&mut tx, &topic, Some(me), lang).await?;
    db::commit(tx).await?;
    let poll = list
        .polls
        .into_iter()
        .find(|p| p.id == poll_id)
        .ok_or_else(|| anyhow::anyhow!("poll {poll_id} vanished after a ballot"))?;
    Ok(poll)
}
