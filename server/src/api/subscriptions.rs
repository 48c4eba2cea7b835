//! Following a topic, as routes: see `services::subscriptions`; the
//! one-click unsubscribe link is `unsubscribe.rs`.

use crate::error::{Result, accepted, parse_id};
use crate::extract::{Asker, AuthUser, Body, ClientAddr, OptionalBody, PathParam};
use crate::language::Language;
use crate::services::subscriptions::{self, Subscribed};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::Msg;
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

/// Subscribes to a topic's notices.
#[utoipa::path(post, path = "/topics/{slug}/subscriptions", tag = "subscriptions", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body(content = NewSubscription, description = "Leave it out, or `{}`, to subscribe the signed-in account; give an `email` to subscribe an address, which must confirm from the mailed link"), responses((status = 201, description = "The account's subscription, active", body = Subscription), (status = 200, description = "The account already subscribed", body = Subscription), (status = 202, description = "A confirmation link is mailed (the same answer whether or not the address already subscribes)", body = Accepted), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn subscribe(
    State(state): State<AppState>,
    Asker(user): Asker,
    addr: ClientAddr,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
    OptionalBody(new): OptionalBody<NewSubscription>,
) -> Result<Response> {
    let key = addr.limit_key();
    let done = subscriptions::subscribe(&state, user, &key, &slug, new, lang).await?;
    Ok(match done {
        Subscribed::Now {
            created,
            subscription,
        } => {
            let status = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            (status, Json(subscription)).into_response()
        }
        Subscribed::LinkSent => accepted(Msg::SubscriptionLinkSent),
    })
}

/// Confirms an address's subscription from the mailed link.
#[utoipa::path(post, path = "/subscriptions/confirm", tag = "subscriptions", request_body = MailedToken, responses((status = 200, description = "Confirmed: notices start", body = Subscription), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn confirm(
    State(state): State<AppState>,
    Body(body): Body<MailedToken>,
) -> Result<Json<Subscription>> {
    Ok(Json(subscriptions::confirm(&state, body).await?))
}

/// The signed-in account's subscriptions.
#[utoipa::path(get, path = "/account/subscriptions", tag = "subscriptions", security(("session" = [])), responses((status = 200, body = SubscriptionList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn mine(State(state): State<AppState>, me: AuthUser) -> Result<Json<SubscriptionList>> {
    Ok(Json(subscriptions::mine(&state, &me.0).await?))
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
    let id = parse_id(&id, Msg::NoSuchSubscriptionId)?;
    Ok(Json(subscriptions::change(&state, &me.0, id, edit).await?))
}

/// Ends one of the signed-in account's subscriptions.
#[utoipa::path(delete, path = "/account/subscriptions/{id}", tag = "subscriptions", params(("id" = i64, Path, description = "The subscription's id", example = 1)), security(("session" = [])), responses((status = 204, description = "Ended: no more notices"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn end(
    State(state): State<AppState>,
    me: AuthUser,
    PathParam(id): PathParam<String>,
) -> Result<StatusCode> {
    let id = parse_id(&id, Msg::NoSuchSubscriptionId)?;
    subscriptions::end(&state, &me.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
