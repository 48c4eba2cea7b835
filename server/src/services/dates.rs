//! The dates a host adds to a topic — a council meeting, a public hearing —
//! shown on the topic page and in its calendar (`feeds.rs`). Each change is
//! in the audit log.

use super::topics::whole;
use super::{Act, Unread, on_topic, record};
use crate::error::{ApiError, Result, parse_id};
use crate::policy;
use crate::state::AppState;
use crate::{clock, db};
use pulse_api::i18n::{Lang, Msg};
use pulse_api::validate::Title;
use pulse_api::wire::{Account, NewTopicDate, Topic};

/// Adds a date to the topic; answers with the topic as it now is.
pub async fn add(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    body: Unread<NewTopicDate>,
) -> Result<Topic> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (topic, actor) = on_topic(&mut tx, user, slug).await?;
    policy::may_manage_dates(&actor)?;
    let new = body.read()?;
    let title = Title::parse(&new.title).map_err(ApiError::unprocessable)?;
    let place = match new.place.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(place) => {
            Some(Title::parse(place).map_err(|_| ApiError::unprocessable(Msg::PlaceOneLine))?)
        }
    };
    // Any year people plan for: not before 2000, not after 2200.
    if !(946_684_800..=7_258_118_400).contains(&new.starts_at.0) {
        return Err(ApiError::unprocessable(Msg::DateOutOfRange));
    }
    db::topics::insert_date(
        &mut tx,
        topic.id,
        title.as_str(),
        new.starts_at,
        place.as_ref().map(Title::as_str),
        now,
    )
    .await?;
    let act = Act::on_topic("add_date", topic.id).subject(title.as_str());
    record(&mut tx, &actor, act, now).await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}

/// Removes one of the topic's dates.
pub async fn remove(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    id: &str,
    lang: Lang,
) -> Result<Topic> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let (topic, actor) = on_topic(&mut tx, user, slug).await?;
    policy::may_manage_dates(&actor)?;
    let id = parse_id(id, Msg::NoSuchDateId)?;
    if !db::topics::delete_date(&mut tx, topic.id, id).await? {
        return Err(ApiError::not_found(Msg::NoSuchDate));
    }
    record(&mut tx, &actor, Act::on_topic("remove_date", topic.id), now).await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}
