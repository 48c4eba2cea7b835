//! Versions of a topic's draft, as routes: the list, what changed in one,
//! and for its hosts and admins, publishing a revised draft and trying it
//! first. See `services::revisions`.

use crate::error::Result;
use crate::extract::{Asker, PathParam};
use crate::language::Language;
use crate::services::{Unread, revisions};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use pulse_api::wire::{Changes, NewRevision, Problem, VersionList, VersionSource};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, publish))
        .routes(routes!(preview))
        .routes(routes!(changes))
        .routes(routes!(source))
}

/// A version's draft as its author wrote it, Markdown.
#[utoipa::path(get, path = "/topics/{slug}/versions/{version}/source", tag = "topics", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("version" = i64, Path, description = "The version's number", example = 1)), responses((status = 200, body = VersionSource), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn source(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam((slug, version)): PathParam<(String, String)>,
) -> Result<Json<VersionSource>> {
    let version = revisions::version_number(&version)?;
    Ok(Json(
        revisions::source(&state, user, &slug, Some(version)).await?,
    ))
}

#[utoipa::path(get, path = "/topics/{slug}/versions", tag = "topics", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), responses((status = 200, body = VersionList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
) -> Result<Json<VersionList>> {
    Ok(Json(revisions::list(&state, &slug, lang).await?))
}

#[utoipa::path(get, path = "/topics/{slug}/versions/{version}/changes", tag = "topics", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("version" = i64, Path, description = "The version's number; its changes are from the version before", example = 2)), responses((status = 200, body = Changes), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn changes(
    State(state): State<AppState>,
    PathParam((slug, version)): PathParam<(String, String)>,
    Language(lang): Language,
) -> Result<Json<Changes>> {
    let version = revisions::version_number(&version)?;
    Ok(Json(
        revisions::changes(&state, &slug, version, lang).await?,
    ))
}

#[utoipa::path(post, path = "/topics/{slug}/versions", tag = "hosts", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewRevision, security(("session" = [])), responses((status = 201, body = Changes), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn publish(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    body: Unread<NewRevision>,
) -> Result<(StatusCode, Json<Changes>)> {
    let changes = revisions::publish(&state, user, &slug, lang, body).await?;
    Ok((StatusCode::CREATED, Json(changes)))
}

/// What publishing would do, writing nothing.
#[utoipa::path(post, path = "/topics/{slug}/versions/preview", tag = "hosts", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = NewRevision, security(("session" = [])), responses((status = 200, body = Changes), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn preview(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    body: Unread<NewRevision>,
) -> Result<Json<Changes>> {
    Ok(Json(
        revisions::preview(&state, user, &slug, lang, body).await?,
    ))
}
