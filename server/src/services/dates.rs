//! The dates a host adds to a topic — a council meeting, a public hearing —
//! shown on the topic page and in its calendar (`feeds.rs`). Each change is
//! in the audit log.

use super::public_record::{self, PublicAct};
use super::topics::whole;
use super::{Act, Unread, on_topic, record};
use crate::dates::{Fold, wall_time};
use crate::error::{ApiError, Result, parse_id};
use crate::policy;
use crate::state::AppState;
use crate::{clock, db};
use axum::http::StatusCode;
use pulse_api::Timestamp;
use pulse_api::i18n::{Lang, Msg, Said};
use pulse_api::validate::Title;
use pulse_api::wire::{Account, NewTopicDate, Topic};

/// A key date's form, as the desk and a topic's edit page send it
/// without the app.
pub enum DateForm {
    Add(NewTopicDate),
    /// The date's id, as sent.
    Remove(String),
}

/// Does what a key date's form asks; answers what was done, as the page
/// it comes back to says it (`?done=`).
pub async fn send_form(
    state: &AppState,
    user: Option<Account>,
    slug: &str,
    lang: Lang,
    form: DateForm,
) -> Result<&'static str> {
    match form {
        DateForm::Add(date) => {
            add(state, user, slug, lang, Unread::of(&date)).await?;
            Ok("date-added")
        }
        DateForm::Remove(id) => {
            remove(state, user, slug, &id, lang).await?;
            Ok("date-removed")
        }
    }
}

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
    let starts_at = starts_at(&new, &topic.time_zone)?;
    // Any year people plan for: not before 2000, not after 2200.
    if !(946_684_800..=7_258_118_400).contains(&starts_at.0) {
        return Err(ApiError::unprocessable(Msg::DateOutOfRange));
    }
    let place = place.as_ref().map(Title::as_str);
    // The topic and its record's head first, as every writer of the
    // topic takes them.
    public_record::hold(&mut tx, &topic).await?;
    let id =
        db::topics::insert_date(&mut tx, topic.id, title.as_str(), starts_at, place, now).await?;
    let said = PublicAct::date_added(id, title.as_str(), starts_at, place);
    public_record::append(&mut tx, &topic, said, now).await?;
    let act = Act::on_topic("add_date", topic.id).subject(title.as_str());
    record(&mut tx, &actor, act, now).await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}

/// When a new date starts: the instant given, or the wall time given read
/// in the topic's zone (see [`crate::dates::wall_time`]).
fn starts_at(new: &NewTopicDate, time_zone: &str) -> Result<Timestamp> {
    let wrong =
        |field: &str, said: Said| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, field, said);
    match (&new.starts_at, new.starts_local.as_deref().map(str::trim)) {
        (_, Some(local)) if !local.is_empty() => {
            let fold = match new.fold.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => {
                    Some(Fold::parse(text).ok_or_else(|| wrong("fold", Msg::FoldWhich.into()))?)
                }
            };
            wall_time(local, time_zone, fold).map_err(|said| {
                // A time the clocks pass twice is for `fold` to settle.
                let field = if said.msg == Msg::WallTimeTwice {
                    "fold"
                } else {
                    "starts_local"
                };
                wrong(field, said)
            })
        }
        (Some(at), _) => Ok(*at),
        _ => Err(wrong("starts_local", Msg::GiveDate.into())),
    }
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
    public_record::hold(&mut tx, &topic).await?;
    if !db::topics::delete_date(&mut tx, topic.id, id).await? {
        return Err(ApiError::not_found(Msg::NoSuchDate));
    }
    public_record::append(&mut tx, &topic, PublicAct::date_removed(id), now).await?;
    record(&mut tx, &actor, Act::on_topic("remove_date", topic.id), now).await?;
    let whole = whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(whole)
}
