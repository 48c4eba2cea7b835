//! Following a topic: a signed-in resident subscribes with one tap; anyone
//! subscribes with an address alone, confirmed from a mailed link (double
//! opt-in). Every notice carries a one-click unsubscribe link (see
//! `unsubscribe.rs`); the account page lists and ends an account's own.

use crate::client_addr::ClientAddr;
use crate::db::mail::{self as outbox, Kind, Purpose};
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, OptionalBody, PathParam};
use crate::mail::{MailedLink, mail_link};
use crate::state::AppState;
use crate::{clock, db, session};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pulse_api::Timestamp;
use pulse_api::i18n::{Msg, Said};
use pulse_api::validate::Email;
use pulse_api::wire::{
    Accepted, MailedToken, NewSubscription, Problem, Subscription, SubscriptionEdit,
    SubscriptionList,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(subscribe))
        .routes(routes!(confirm))
        .routes(routes!(mine))
        .routes(routes!(change, end))
}

/// Confirmation mails one address may be sent in an hour, whoever asks.
const CONFIRMATIONS_PER_HOUR: i64 = 3;

/// A subscription as its owner sees it, its section named as on the page.
pub async fn described(
    conn: &mut sqlx::AnyConnection,
    row: db::mail::SubscriptionRow,
) -> Result<Subscription> {
    let section_label = match &row.section {
        Some(anchor) => Some(
            db::topics::places(conn, row.topic_id)
                .await?
                .remove(anchor)
                .unwrap_or_else(|| "A section no longer in the draft".into()),
        ),
        None => None,
    };
    Ok(Subscription {
        id: row.id,
        topic_slug: row.topic_slug,
        topic_title: row.topic_title,
        cadence: row.cadence,
        section: row.section,
        section_label,
        created_at: row.created_at,
        active: row.confirmed_at.is_some() && row.ended_at.is_none(),
    })
}

/// `anchor`, checked to be a place of the topic's current draft one can
/// comment on.
async fn checked_section(
    conn: &mut sqlx::AnyConnection,
    topic_id: i64,
    anchor: &str,
) -> Result<String> {
    let anchor = anchor.trim();
    if db::topics::places(conn, topic_id)
        .await?
        .contains_key(anchor)
    {
        Ok(anchor.to_string())
    } else {
        Err(ApiError::unprocessable(Msg::NoSuchSectionToFollow))
    }
}

/// Subscribes to a topic's notices.
#[utoipa::path(post, path = "/topics/{slug}/subscriptions", tag = "subscriptions", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body(content = NewSubscription, description = "Leave it out, or `{}`, to subscribe the signed-in account; give an `email` to subscribe an address, which must confirm from the mailed link"), responses((status = 201, description = "The account's subscription, active", body = Subscription), (status = 200, description = "The account already subscribed", body = Subscription), (status = 202, description = "A confirmation link is mailed (the same answer whether or not the address already subscribes)", body = Accepted), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn subscribe(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    addr: ClientAddr,
    PathParam(slug): PathParam<String>,
    OptionalBody(new): OptionalBody<NewSubscription>,
) -> Result<Response> {
    let cadence = new.cadence.unwrap_or_default();
    let now = clock::now();
    let mut tx = state.db.write().await?;
    state
        .limits
        .subscriptions
        .check(&mut tx, &addr.limit_key(), Msg::LimitSubscriptions)
        .await?;
    let topic = db::topics::find(&mut tx, &slug)
        .await?
        .ok_or_else(|| ApiError::not_found(Msg::NoTopicHere))?;
    let section = match &new.section {
        Some(anchor) => Some(checked_section(&mut tx, topic.id, anchor).await?),
        None => None,
    };

    let Some(email) = new.email else {
        // Signed in: the account's own address, at once.
        let me = user.ok_or_else(|| ApiError::unauthorized(Msg::SignInToSubscribe))?;
        let (status, id) = match outbox::live_subscription(&mut tx, topic.id, &me.0.email).await? {
            Some(existing) => {
                // Asked again: what the request names changes, the rest stays.
                let change = outbox::SubscriptionChange {
                    cadence: new.cadence,
                    section: section.as_deref().map(Some),
                };
                outbox::adopt_subscription(&mut tx, existing.id, me.id(), change, now).await?;
                (StatusCode::OK, existing.id)
            }
            None => {
                let token = session::new_token()?;
                let id = outbox::insert_subscription(
                    &mut tx,
                    outbox::NewSubscription {
                        topic_id: topic.id,
                        account_id: Some(me.id()),
                        email: &me.0.email,
                        cadence,
                        section: section.as_deref(),
                        unsubscribe_token: &token,
                        confirmed: true,
                    },
                    now,
                )
                .await?;
                (StatusCode::CREATED, id)
            }
        };
        let row = outbox::subscription(&mut tx, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("subscription {id} vanished"))?;
        let subscription = described(&mut tx, row).await?;
        db::commit(tx).await?;
        return Ok((status, Json(subscription)).into_response());
    };

    // An address alone: double opt-in. The answer is the same whether or
    // not the address already subscribes, and reveals nothing.
    let email = Email::parse(&email).map_err(ApiError::unprocessable)?;
    let recent = outbox::recent_tokens(
        &mut tx,
        email.as_str(),
        Purpose::Subscribe,
        Timestamp(now.0 - 3600),
    )
    .await?;
    let existing = outbox::live_subscription(&mut tx, topic.id, email.as_str()).await?;
    let pending = match existing {
        Some(s) if s.confirmed_at.is_some() => None,
        Some(s) => Some(s.id),
        None => {
            let token = session::new_token()?;
            Some(
                outbox::insert_subscription(
                    &mut tx,
                    outbox::NewSubscription {
                        topic_id: topic.id,
                        account_id: None,
                        email: email.as_str(),
                        cadence,
                        section: section.as_deref(),
                        unsubscribe_token: &token,
                        confirmed: false,
                    },
                    now,
                )
                .await?,
            )
        }
    };
    if let Some(subscription_id) = pending
        && recent < CONFIRMATIONS_PER_HOUR
    {
        mail_link(
            &mut tx,
            MailedLink {
                kind: Kind::ConfirmSubscription,
                purpose: Purpose::Subscribe,
                recipient: email.as_str(),
                account_id: None,
                subscription_id: Some(subscription_id),
                topic_id: Some(topic.id),
                valid_for: outbox::CONFIRM_WITHIN,
            },
            now,
        )
        .await?;
    }
    db::commit(tx).await?;
    state.mail_wake.notify_one();
    Ok(accepted(Msg::SubscriptionLinkSent))
}

/// 202 with a sentence to show, in the reader's language.
pub fn accepted(detail: impl Into<Said>) -> Response {
    let detail = crate::language::answering_in().say(&detail.into());
    (StatusCode::ACCEPTED, Json(Accepted { detail })).into_response()
}

/// Confirms an address's subscription from the mailed link.
#[utoipa::path(post, path = "/subscriptions/confirm", tag = "subscriptions", request_body = MailedToken, responses((status = 200, description = "Confirmed: notices start", body = Subscription), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn confirm(
    State(state): State<AppState>,
    Body(body): Body<MailedToken>,
) -> Result<Json<Subscription>> {
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let used = outbox::use_token(
        &mut tx,
        &session::hash_token(body.token.trim()),
        Purpose::Subscribe,
        now,
    )
    .await?
    .ok_or_else(expired_link)?;
    let id = used
        .subscription_id
        .ok_or_else(|| anyhow::anyhow!("a subscription link without its subscription"))?;
    outbox::confirm_subscription(&mut tx, id, now).await?;
    let row = outbox::subscription(&mut tx, id)
        .await?
        .filter(|s| s.ended_at.is_none())
        .ok_or_else(expired_link)?;
    let subscription = described(&mut tx, row).await?;
    db::commit(tx).await?;
    Ok(Json(subscription))
}

pub fn expired_link() -> ApiError {
    ApiError::Client(StatusCode::GONE, Msg::LinkExpired.into())
}

/// The signed-in account's subscriptions.
#[utoipa::path(get, path = "/account/subscriptions", tag = "subscriptions", security(("session" = [])), responses((status = 200, body = SubscriptionList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn mine(State(state): State<AppState>, me: AuthUser) -> Result<Json<SubscriptionList>> {
    let mut conn = state.db.read().await?;
    let rows = outbox::account_subscriptions(&mut conn, me.id()).await?;
    let mut subscriptions = Vec::with_capacity(rows.len());
    for row in rows {
        subscriptions.push(described(&mut conn, row).await?);
    }
    Ok(Json(SubscriptionList { subscriptions }))
}

/// Changes how often a subscription's notices come, and which section's
/// new comments come too.
#[utoipa::path(patch, path = "/account/subscriptions/{id}", tag = "subscriptions", params(("id" = i64, Path, description = "The subscription's id", example = 1)), request_body = SubscriptionEdit, security(("session" = [])), responses((status = 200, body = Subscription), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn change(
    State(state): State<AppState>,
    me: AuthUser,
    PathParam(id): PathParam<String>,
    Body(edit): Body<SubscriptionEdit>,
) -> Result<Json<Subscription>> {
    let id = super::parse_id(&id, Msg::NoSuchSubscriptionId)?;
    let mut tx = state.db.write().await?;
    let row = outbox::subscription(&mut tx, id)
        .await?
        .filter(|s| s.account_id == Some(me.id()) && s.ended_at.is_none())
        .ok_or_else(not_yours)?;
    let section = match &edit.section {
        Some(Some(anchor)) => Some(Some(checked_section(&mut tx, row.topic_id, anchor).await?)),
        Some(None) => Some(None),
        None => None,
    };
    let change = outbox::SubscriptionChange {
        cadence: edit.cadence,
        section: section.as_ref().map(Option::as_deref),
    };
    outbox::adopt_subscription(&mut tx, row.id, me.id(), change, clock::now()).await?;
    let row = outbox::subscription(&mut tx, id)
        .await?
        .ok_or_else(not_yours)?;
    let subscription = described(&mut tx, row).await?;
    db::commit(tx).await?;
    Ok(Json(subscription))
}

/// Ends one of the signed-in account's subscriptions.
#[utoipa::path(delete, path = "/account/subscriptions/{id}", tag = "subscriptions", params(("id" = i64, Path, description = "The subscription's id", example = 1)), security(("session" = [])), responses((status = 204, description = "Ended: no more notices"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn end(
    State(state): State<AppState>,
    me: AuthUser,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode> {
    let id = super::parse_id(&id, Msg::NoSuchSubscriptionId)?;
    let mut tx = state.db.write().await?;
    if !outbox::end_account_subscription(&mut tx, me.id(), id, clock::now()).await? {
        return Err(not_yours());
    }
    db::commit(tx).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn not_yours() -> ApiError {
    ApiError::not_found(Msg::NoSuchSubscription)
}
