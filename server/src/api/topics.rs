//! Topics: the list with its status tabs, one topic whole; and for admins,
//! creating and changing topics and naming their hosts.

use crate::cache::JSON;
use crate::dates::date_time;
use crate::db::audit::{self, Actor as AuditActor};
use crate::db::topics::TopicRow;
use crate::error::{ApiError, Result};
use crate::extract::{AuthUser, Body, PathParam, QueryParams};
use crate::language::Language;
use crate::policy::{self, Actor};
use crate::state::AppState;
use crate::topic_setup::{self, FieldError, HostChange};
use crate::{clock, db};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::sections::GENERAL;
use pulse_api::validate::Email;
use pulse_api::wire::Problem;
use pulse_api::wire::{self, Draft, Topic, TopicEdit, TopicList, TopicSummary};
use pulse_api::{Timestamp, TopicStatus};
use serde::Deserialize;
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(show, edit))
        .routes(routes!(hosts))
        .routes(routes!(grant_host, revoke_host))
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
    let now = clock::now();
    let mut conn = state.db.read().await?;
    let topics = db::topics::list(&mut conn)
        .await?
        .into_iter()
        .filter(|(topic, _)| wanted.is_none_or(|w| topic.status(now) == w))
        .map(|(topic, comment_count)| summary(topic, comment_count, now, lang))
        .collect();
    Ok(Json(TopicList {
        topics,
        now,
        city: state.config.mail.city.clone(),
    }))
}

fn summary(topic: TopicRow, comment_count: i64, now: Timestamp, lang: Lang) -> TopicSummary {
    TopicSummary {
        opens_on: date_time(topic.opens_at, &topic.time_zone, lang),
        closes_on: date_time(topic.closes_at, &topic.time_zone, lang),
        status: topic.status(now),
        slug: topic.slug,
        title: topic.title,
        summary_html: topic.summary_html,
        summary: topic.summary,
        opens_at: topic.opens_at,
        closes_at: topic.closes_at,
        time_zone: topic.time_zone,
        comment_count,
    }
}

/// Finds a topic by slug, or says there is none.
pub async fn find(conn: &mut AnyConnection, slug: &str) -> Result<TopicRow> {
    db::topics::find(conn, slug).await?.ok_or_else(|| {
        let shown: String = slug.chars().take(60).collect();
        ApiError::not_found(Msg::NoSuchTopic.with([("slug", shown)]))
    })
}

#[utoipa::path(get, path = "/topics/{slug}", tag = "topics", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn show(
    State(state): State<AppState>,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
    headers: HeaderMap,
) -> Result<Response> {
    // The same for every reader in a language: served from memory while true.
    let key = format!("topic {slug} {}", lang.code());
    let db = &state.db;
    state
        .cache
        .serve(&key, JSON, &headers, || async {
            let mut conn = db.read().await?;
            let topic = find(&mut conn, &slug).await?;
            let whole = topic_whole(&mut conn, topic, clock::now(), lang).await?;
            Ok(serde_json::to_vec(&whole).map_err(anyhow::Error::from)?)
        })
        .await
}

/// A topic with its documents, updates and current draft.
pub async fn topic_whole(
    conn: &mut AnyConnection,
    topic: TopicRow,
    now: Timestamp,
    lang: Lang,
) -> Result<Topic> {
    let documents = db::topics::documents(conn, topic.id).await?;
    let mut updates = db::topics::updates(conn, topic.id).await?;
    for update in &mut updates {
        update.posted_on = date_time(update.posted_at, &topic.time_zone, lang);
    }
    let mut dates = db::topics::dates(conn, topic.id).await?;
    for date in &mut dates {
        date.starts_on = date_time(date.starts_at, &topic.time_zone, lang);
    }
    let counts = db::comments::counts(conn, topic.id).await?;
    let draft = match db::topics::current_version(conn, topic.id).await? {
        Some(version) => Some(Draft {
            sections: db::topics::sections(conn, version.id, &counts).await?,
            version: version.version,
            title: version.title,
            published_at: version.published_at,
        }),
        None => None,
    };
    Ok(Topic {
        status: topic.status(now),
        opens_on: date_time(topic.opens_at, &topic.time_zone, lang),
        closes_on: date_time(topic.closes_at, &topic.time_zone, lang),
        comment_count: counts.values().sum(),
        general_count: counts.get(GENERAL).copied().unwrap_or(0),
        slug: topic.slug,
        title: topic.title,
        summary_html: topic.summary_html,
        summary: topic.summary,
        opens_at: topic.opens_at,
        closes_at: topic.closes_at,
        time_zone: topic.time_zone,
        now,
        results_rule: topic.results_rule,
        require_verified_email: topic.require_verified_email,
        host: topic.host,
        documents,
        updates,
        dates,
        draft,
    })
}

fn field_problem(error: FieldError) -> ApiError {
    // A topic's settings are checked by `topic_setup`, shared with
    // `pulse admin`, whose sentences are in English.
    ApiError::unprocessable(Msg::SettingIsWrong.with([
        ("field", error.field.to_string()),
        ("message", error.message.to_string()),
    ]))
}

/// The signed-in admin as the audit log names them.
pub fn audit_actor(actor: &Actor) -> AuditActor<'_> {
    match &actor.account {
        Some(a) => AuditActor::Account {
            id: a.id,
            name: &a.display_name,
            email: &a.email,
        },
        None => AuditActor::CommandLine,
    }
}

#[utoipa::path(post, path = "/topics", tag = "admin", request_body = wire::NewTopic, security(("session" = [])), responses((status = 201, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn create(
    State(state): State<AppState>,
    Language(lang): Language,
    user: Option<AuthUser>,
    Body(new): Body<wire::NewTopic>,
) -> Result<(StatusCode, Json<Topic>)> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let valid = topic_setup::validate(new).map_err(field_problem)?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let Some(id) = topic_setup::create(&mut tx, &valid, audit_actor(&actor), now).await? else {
        return Err(ApiError::conflict(
            Msg::SlugTaken.with([("slug", valid.topic.slug.clone())]),
        ));
    };
    let topic = db::topics::find_by_id(&mut tx, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("topic {id} vanished after it was created"))?;
    let whole = topic_whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok((StatusCode::CREATED, Json(whole)))
}

#[utoipa::path(patch, path = "/topics/{slug}", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), request_body = TopicEdit, security(("session" = [])), responses((status = 200, body = Topic), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn edit(
    State(state): State<AppState>,
    Language(lang): Language,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
    Body(change): Body<TopicEdit>,
) -> Result<Json<Topic>> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let now = clock::now();
    let mut tx = state.db.write().await?;
    let mut topic = find(&mut tx, &slug).await?;
    let mut documents = None;
    let changed =
        topic_setup::apply_edit(&mut topic, &change, &mut documents).map_err(field_problem)?;
    db::topics::save(&mut tx, &mut topic).await?;
    if let Some(documents) = &documents {
        db::topics::replace_documents(&mut tx, topic.id, documents).await?;
    }
    audit::append(
        &mut tx,
        audit::Entry {
            actor: audit_actor(&actor),
            action: "edit_topic",
            topic_id: Some(topic.id),
            comment_id: None,
            subject: Some(&changed.join(", ")),
            reason: None,
            at: now,
        },
    )
    .await?;
    let whole = topic_whole(&mut tx, topic, now, lang).await?;
    db::commit(tx).await?;
    Ok(Json(whole))
}

/// `GET /topics/{slug}/hosts`: the emails of the host accounts (admins).
#[utoipa::path(get, path = "/topics/{slug}/hosts", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras")), security(("session" = [])), responses((status = 200, body = Vec<String>), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn hosts(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam(slug): PathParam<String>,
) -> Result<Json<Vec<String>>> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let mut conn = state.db.read().await?;
    let topic = find(&mut conn, &slug).await?;
    Ok(Json(db::hosts::of_topic(&mut conn, topic.id).await?))
}

#[utoipa::path(put, path = "/topics/{slug}/hosts/{email}", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("email" = String, Path, description = "The account's email address", example = "host@demo.pulse.example")), security(("session" = [])), responses((status = 204, description = "The account hosts the topic"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn grant_host(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam((slug, email)): PathParam<(String, String)>,
) -> Result<StatusCode> {
    change_host(&state, user, &slug, &email, true).await
}

#[utoipa::path(delete, path = "/topics/{slug}/hosts/{email}", tag = "admin", params(("slug" = String, Path, description = "The topic's slug", example = "body-worn-cameras"), ("email" = String, Path, description = "The account's email address", example = "host@demo.pulse.example")), security(("session" = [])), responses((status = 204, description = "The account no longer hosts the topic"), (status = "4XX", description = "A problem (RFC 9457); its detail is a sentence to show", body = Problem, content_type = "application/problem+json")))]
async fn revoke_host(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    PathParam((slug, email)): PathParam<(String, String)>,
) -> Result<StatusCode> {
    change_host(&state, user, &slug, &email, false).await
}

/// Grants or revokes; 204 either way when done, also when nothing changed
/// (PUT and DELETE are idempotent), and only a change is audited.
async fn change_host(
    state: &AppState,
    user: Option<AuthUser>,
    slug: &str,
    email: &str,
    grant: bool,
) -> Result<StatusCode> {
    let actor = Actor::anywhere(user);
    policy::may_administer(&actor)?;
    let email = Email::parse(email).map_err(ApiError::unprocessable)?;
    let mut tx = state.db.write().await?;
    let done = topic_setup::set_host(
        &mut tx,
        slug,
        &email,
        grant,
        audit_actor(&actor),
        clock::now(),
    )
    .await?;
    match done {
        HostChange::NoTopic => {
            let shown: String = slug.chars().take(60).collect();
            return Err(ApiError::not_found(
                Msg::NoSuchTopic.with([("slug", shown)]),
            ));
        }
        HostChange::NoAccount => {
            return Err(ApiError::not_found(
                Msg::NoAccountWithAddress.with([("email", email.as_str())]),
            ));
        }
        HostChange::Done | HostChange::Unchanged => {}
    }
    db::commit(tx).await?;
    Ok(StatusCode::NO_CONTENT)
}
