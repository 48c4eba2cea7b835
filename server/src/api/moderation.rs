//! What the topic host does, as routes: see `services::moderation`.

use crate::error::{Result, parse_id};
use crate::extract::{Asker, PathParam, QueryParams};
use crate::language::Language;
use crate::services::{Unread, moderation};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pulse_api::i18n::Msg;
use pulse_api::wire::Problem;
use pulse_api::wire::{
    AuditLog, Comment, DeskQueue, ModerationAction, ModerationQueue, NewFlag, NewResponse,
    NewUpdate, Topic,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(flag))
        .routes(routes!(moderate))
        .routes(routes!(respond))
        .routes(routes!(queue))
        .routes(routes!(post_update))
        .routes(routes!(topic_audit))
        .routes(routes!(all_audit))
        .routes(routes!(desk))
}

/// The host's desk: one queue across their topics (every topic for admins).
#[utoipa::path(get, path = "/desk", tag = "moderation", params(("topic" = Option<String>, Query, description = "One topic, by slug"), ("section" = Option<String>, Query, description = "One section of that topic, by anchor"), ("show" = Option<String>, Query, description = "attention (flagged or unanswered; the default), flagged, unanswered, answered, hidden or all"), ("status" = Option<String>, Query, description = "Answered with this status: adopted, partly_adopted, not_adopted, answered or out_of_scope"), ("quoted" = Option<String>, Query, description = "Present: only comments that quote the draft"), ("sort" = Option<String>, Query, description = "priority (the default), newest, oldest, agreed or flags"), ("page" = Option<i64>, Query, description = "From 1; 25 comments a page")), security(("session" = [])), responses((status = 200, body = DeskQueue), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn desk(
    State(state): State<AppState>,
    Asker(user): Asker,
    Language(lang): Language,
    QueryParams(asked): QueryParams<moderation::DeskAsked>,
) -> Result<Json<DeskQueue>> {
    Ok(Json(moderation::desk(&state, user, asked, lang).await?))
}

#[utoipa::path(post, path = "/comments/{id}/flags", tag = "moderation", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = NewFlag, security(("session" = [])), responses((status = 201, description = "Flagged for the host"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn flag(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    body: Unread<NewFlag>,
) -> Result<StatusCode> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    moderation::flag(&state, user, id, body).await?;
    Ok(StatusCode::CREATED)
}

#[utoipa::path(post, path = "/comments/{id}/moderation", tag = "moderation", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = ModerationAction, security(("session" = [])), responses((status = 200, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn moderate(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    body: Unread<ModerationAction>,
) -> Result<Json<Comment>> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    Ok(Json(moderation::moderate(&state, user, id, body).await?))
}

#[utoipa::path(post, path = "/comments/{id}/responses", tag = "moderation", params(("id" = i64, Path, description = "The comment's id", example = 1)), request_body = NewResponse, security(("session" = [])), responses((status = 201, body = Comment), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn respond(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(id): PathParam<String>,
    body: Unread<NewResponse>,
) -> Result<(StatusCode, Json<Comment>)> {
    let id = parse_id(&id, Msg::NoSuchComment)?;
    let comment = moderation::respond(&state, user, id, body).await?;
    Ok((StatusCode::CREATED, Json(comment)))
}

#[utoipa::path(get, path = "/topics/{slug}/moderation", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = ModerationQueue), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn queue(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
) -> Result<Json<ModerationQueue>> {
    Ok(Json(moderation::queue(&state, user, &slug, lang).await?))
}

#[utoipa::path(post, path = "/topics/{slug}/updates", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewUpdate, security(("session" = [])), responses((status = 201, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn post_update(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    body: Unread<NewUpdate>,
) -> Result<(StatusCode, Json<Topic>)> {
    let topic = moderation::post_update(&state, user, &slug, lang, body).await?;
    Ok((StatusCode::CREATED, Json(topic)))
}

#[utoipa::path(get, path = "/topics/{slug}/audit", tag = "moderation", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("action" = Option<String>, Query, description = "Only this action (hide, respond, …)"), ("actor" = Option<String>, Query, description = "Only what the account with this email address did"), ("before" = Option<i64>, Query, description = "Entries older than this one: the previous page's next"), ("limit" = Option<i64>, Query, description = "Entries on a page, at most 100 (the default)")), security(("session" = [])), responses((status = 200, body = AuditLog), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn topic_audit(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    QueryParams(asked): QueryParams<moderation::AuditAsked>,
) -> Result<Json<AuditLog>> {
    Ok(Json(
        moderation::topic_audit(&state, user, &slug, asked).await?,
    ))
}

#[utoipa::path(get, path = "/audit", tag = "admin", params(("topic" = Option<String>, Query, description = "Only this topic's entries, by its slug"), ("action" = Option<String>, Query, description = "Only this action (hide, respond, …)"), ("actor" = Option<String>, Query, description = "Only what the account with this email address did"), ("before" = Option<i64>, Query, description = "Entries older than this one: the previous page's next"), ("limit" = Option<i64>, Query, description = "Entries on a page, at most 100 (the default)")), security(("session" = [])), responses((status = 200, body = AuditLog), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn all_audit(
    State(state): State<AppState>,
    Asker(user): Asker,
    QueryParams(asked): QueryParams<moderation::AuditAsked>,
) -> Result<Json<AuditLog>> {
    Ok(Json(moderation::all_audit(&state, user, asked).await?))
}
