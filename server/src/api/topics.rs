//! Topics, as routes: the list with its status tabs, one topic whole; and
//! for admins, creating and changing topics and naming their hosts. See
//! `services::topics`.

use crate::cache::JSON;
use crate::error::{ApiError, Result};
use crate::extract::{Asker, PathParam, QueryParams};
use crate::language::Language;
use crate::services::{Unread, revisions, topics};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use pulse_api::TopicStatus;
use pulse_api::i18n::Msg;
use pulse_api::wire::Problem;
use pulse_api::wire::{self, Topic, TopicEdit, TopicList};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(show, edit))
        .routes(routes!(hosts))
        .routes(routes!(grant_host, revoke_host))
        .routes(routes!(publish))
        .routes(routes!(admin_list))
        .routes(routes!(setup))
}

/// A topic as its edit form shows it, its dates on its own clock (admins).
#[utoipa::path(get, path = "/topics/{slug}/setup", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = wire::TopicSetup), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn setup(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
) -> Result<Json<wire::TopicSetup>> {
    Ok(Json(topics::setup(&state, user, &slug, lang).await?))
}

#[derive(Deserialize)]
struct AdminListQuery {
    status: Option<String>,
}

/// Every topic, those saved unpublished too, with their hosts (admins).
#[utoipa::path(get, path = "/admin/topics", tag = "admin", params(("status" = Option<String>, Query, description = "unpublished, upcoming, open or closed")), security(("session" = [])), responses((status = 200, body = wire::AdminTopicList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn admin_list(
    State(state): State<AppState>,
    Asker(user): Asker,
    Language(lang): Language,
    QueryParams(query): QueryParams<AdminListQuery>,
) -> Result<Json<wire::AdminTopicList>> {
    Ok(Json(
        topics::admin_list(&state, user, query.status.as_deref(), lang).await?,
    ))
}

#[derive(Deserialize)]
struct ListQuery {
    status: Option<String>,
}

#[utoipa::path(get, path = "/topics", tag = "topics", params(("status" = Option<String>, Query, description = "upcoming, open or closed")), responses((status = 200, body = TopicList), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn list(
    State(state): State<AppState>,
    QueryParams(query): QueryParams<ListQuery>,
    Language(lang): Language,
) -> Result<Json<TopicList>> {
    let wanted = match query.status.as_deref() {
        None | Some("") => None,
        Some(text) => {
            Some(TopicStatus::parse(text).ok_or_else(|| ApiError::bad_request(Msg::StatusToList))?)
        }
    };
    Ok(Json(topics::list(&state, wanted, lang).await?))
}

#[derive(Deserialize)]
struct ShowQuery {
    /// Present: the city's texts as written, whatever the reader's language.
    original: Option<String>,
    /// An earlier version of the draft, by its number.
    version: Option<String>,
}

#[utoipa::path(get, path = "/topics/{slug}", tag = "topics", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("original" = Option<String>, Query, description = "Present (any value): the topic as the city wrote it, not translated into the reader's language"), ("version" = Option<i64>, Query, description = "An earlier version of the draft, by its number (the current one when left out)")), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn show(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
    QueryParams(query): QueryParams<ShowQuery>,
    Language(lang): Language,
    Asker(user): Asker,
    headers: HeaderMap,
) -> Result<Response> {
    let original = query.original.is_some();
    let version = query
        .version
        .as_deref()
        .map(revisions::version_number)
        .transpose()?;
    // The same for every reader in a language: served from memory while true.
    let key = format!("topic {slug} {} {original} {version:?}", lang.code());
    let public = state
        .cache
        .serve(&key, JSON, &headers, || async {
            let whole = topics::show(&state, None, &slug, lang, original, version).await?;
            Ok(serde_json::to_vec(&whole).map_err(anyhow::Error::from)?)
        })
        .await;
    match public {
        // Not public: perhaps a preview this reader may see (never kept).
        Err(error) if error.is_not_found() && user.is_some() => {
            let whole = topics::show(&state, user, &slug, lang, original, version).await?;
            Ok(Json(whole).into_response())
        }
        answer => answer,
    }
}

#[utoipa::path(post, path = "/topics", tag = "admin", request_body = wire::NewTopic, security(("session" = [])), responses((status = 201, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn create(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    body: Unread<wire::NewTopic>,
) -> Result<(StatusCode, Json<Topic>)> {
    let topic = topics::create(&state, user, lang, body).await?;
    Ok((StatusCode::CREATED, Json(topic)))
}

#[utoipa::path(patch, path = "/topics/{slug}", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = TopicEdit, security(("session" = [])), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn edit(
    State(state): State<AppState>,
    Language(lang): Language,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
    body: Unread<TopicEdit>,
) -> Result<Json<Topic>> {
    Ok(Json(topics::edit(&state, user, &slug, lang, body).await?))
}

/// `GET /topics/{slug}/hosts`: the emails of the host accounts (admins).
#[utoipa::path(get, path = "/topics/{slug}/hosts", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = Vec<String>), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn hosts(
    State(state): State<AppState>,
    Asker(user): Asker,
    PathParam(slug): PathParam<String>,
) -> Result<Json<Vec<String>>> {
    Ok(Json(topics::hosts(&state, user, &slug).await?))
}

// Grants hosting; 204 when done, also when it was so already (PUT is
// idempotent).
#[utoipa::path(put, path = "/topics/{slug}/hosts/{email}", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("email" = String, Path, description = "The account's email address", example = "host@demo.pulse.example")), request_body(content = Option<wire::HostInvite>, description = "For an address with no account: the person's name (an account is made, and a link to choose its password mailed)"), security(("session" = [])), responses((status = 204, description = "The account hosts the topic"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn grant_host(
    State(state): State<AppState>,
    Asker(user): Asker,
    Language(lang): Language,
    PathParam((slug, email)): PathParam<(String, String)>,
    invite: Unread<wire::HostInvite>,
) -> Result<StatusCode> {
    topics::set_host(&state, user, &slug, &email, true, Some(invite), lang).await?;
    Ok(StatusCode::NO_CONTENT)
}

// Revokes hosting; 204 when done, also when it was not (DELETE is
// idempotent).
#[utoipa::path(delete, path = "/topics/{slug}/hosts/{email}", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("email" = String, Path, description = "The account's email address", example = "host@demo.pulse.example")), security(("session" = [])), responses((status = 204, description = "The account no longer hosts the topic"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn revoke_host(
    State(state): State<AppState>,
    Asker(user): Asker,
    Language(lang): Language,
    PathParam((slug, email)): PathParam<(String, String)>,
) -> Result<StatusCode> {
    topics::set_host(&state, user, &slug, &email, false, None, lang).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Makes a topic saved unpublished public (admins); done also when it
/// was public already.
#[utoipa::path(post, path = "/topics/{slug}/publish", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn publish(
    State(state): State<AppState>,
    Asker(user): Asker,
    Language(lang): Language,
    PathParam(slug): PathParam<String>,
) -> Result<Json<Topic>> {
    Ok(Json(topics::publish(&state, user, &slug, lang).await?))
}
