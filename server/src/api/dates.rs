//! The dates a host adds to a topic — a council meeting, a public hearing —
//! shown on the topic page and in its calendar (`feeds.rs`). Each change is
//! in the audit log.

use super::topics::{audit_actor, find, topic_whole};
use crate::db::audit;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, PathParam};
use crate::language::Language;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::{clock, db};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pulse_api::i18n::Msg;
use pulse_api::validate::Title;
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
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
    Body(new): Body<NewTopicDate>,
) -> Result<(StatusCode, Json<Topic>)> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let topic = find(&mut tx, &slug).await?;
    let actor = Actor::towards(&mut tx, user, topic.id).await?;
    policy::may_manage_dates(&actor)?;
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
    audit::append(
        &mut tx,
        audit::Entry {
            actor: audit_actor(&actor),
            action: "add_date",
            topic_id: Some(topic.id),
            comment_id: None,
            subject: Some(title.as_str()),
            reason: None,
            at: now,
        },
    )
    .await?;
    let whole = topic_whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok((StatusCode::CREATED, Json(whole)))
}

/// Removes one of the topic's dates.
#[utoipa::path(delete, path = "/topics/{slug}/dates/{id}", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("id" = i64, Path, description = "The date's id", example = 1)), security(("session" = [])), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn remove(
    State(state): State<AppState>,
    Language(lang): Language,
    user: Option<AuthUser>,
    PathParam((slug, id)): PathParam<(String, String)>,
) -> Result<Json<Topic>> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let topic = find(&mut tx, &slug).await?;
    let actor = Actor::towards(&mut tx, user, topic.id).await?;
    policy::may_manage_dates(&actor)?;
    let id = super::parse_id(&id, Msg::NoSuchDateId)?;
    if !db::topics::delete_date(&mut tx, topic.id, id).await? {
        return Err(ApiError::not_found(Msg::NoSuchDate));
    }
    audit::append(
        &mut tx,
        audit::Entry {
            actor: audit_actor(&actor),
            action: "remove_date",
            topic_id: Some(topic.id),
            comment_id: None,
            subject: None,
            reason: None,
            at: now,
        },
    )
    .await?;
    let whole = topic_whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(Json(whole))
}
