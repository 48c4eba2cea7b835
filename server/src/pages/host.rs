//! The host's page for a topic and the report for council, whole from the
//! server, and the host's decisions
//! sent without the app: hide (with a reason), keep and dismiss the flags,
//! restore, answer officially, post an update, add and remove a date. Each
//! posts to the page with its `do`, is handed to the same service as the
//! JSON API, and is answered with `303` back to the page saying what was
//! done (`?done=`), or with the page again showing the form's mistake.

use crate::body::Unread;
use crate::error::ApiError;
use crate::extract::{FormFields, PathParam};
use crate::rendering::{About, Visit, see_other};
use crate::services::{dates, moderation, report, topics};
use crate::session::Cookies;
use axum::http::StatusCode;
use axum::response::Response;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::wire::{
    AuditLog, ModerationAction, ModerationQueue, ModerationVerb, NewResponse, NewTopicDate,
    NewUpdate, ResponseStatus, Topic,
};
use pulse_app::pages::host::HostKnown;
use pulse_app::pages::report::ReportKnown;
use pulse_app::ssr::Page;

pub async fn page(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    let (known, status) = found(&visit, &slug).await;
    visit.answer(
        Page::Host(slug, Box::new(known)),
        About::default(),
        None,
        status,
    )
}

/// What the page shows to this visitor, or the sentence why not.
async fn found(visit: &Visit, slug: &str) -> (HostKnown, StatusCode) {
    let (found, status) = visit.said(whole(visit, slug).await);
    (HostKnown(found), status)
}

async fn whole(visit: &Visit, slug: &str) -> Result<(Topic, ModerationQueue, AuditLog), ApiError> {
    let (state, user) = (&visit.state, visit.account.clone());
    // The queue first: it is what says whether this visitor may see it.
    let queue = moderation::queue(state, user.clone(), slug, visit.lang).await?;
    let audit = moderation::topic_audit(state, user, slug).await?;
    let topic = topics::show(state, slug, visit.lang, false, None).await?;
    Ok((topic, queue, audit))
}

/// The report for council: the topic's hosts any time, everyone once it
/// has closed (the service decides).
pub async fn report(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    let (found, status) =
        visit.said(report::report(&visit.state, visit.account.clone(), &slug, visit.lang).await);
    visit.answer(
        Page::Report(slug, Box::new(ReportKnown(found))),
        About::default(),
        None,
        status,
    )
}

pub async fn send(
    PathParam(slug): PathParam<String>,
    visit: Visit,
    fields: FormFields,
) -> Response {
    let done = if visit.token_is(&fields.get("csrf")) {
        act(&visit, &slug, &fields).await
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    match done {
        Ok(done) => see_other(
            &format!("/topics/{slug}/host?done={done}"),
            Cookies(Vec::new()),
        ),
        Err(error) => {
            let form = fields.form_id();
            let kept = fields.kept(&[
                "form", "reason", "status", "answer", "title", "body", "when", "place",
            ]);
            let (known, _) = found(&visit, &slug).await;
            visit.again_on(
                Page::Host(slug, Box::new(known)),
                kept,
                String::new(),
                error,
                form.as_deref(),
            )
        }
    }
}

/// Does what the form asks; answers what was done, as `?done=` says it.
async fn act(visit: &Visit, slug: &str, fields: &FormFields) -> Result<&'static str, ApiError> {
    let (state, user, lang) = (&visit.state, visit.account.clone(), visit.lang);
    let moderate = |action: ModerationVerb, reason: Option<String>| async move {
        let id = fields.id("comment")?;
        let body = ModerationAction { action, reason };
        moderation::moderate(state, visit.account.clone(), id, Unread::of(&body)).await
    };
    match fields.get("do").as_str() {
        "hide" => {
            moderate(ModerationVerb::Hide, Some(fields.get("reason"))).await?;
            Ok("hidden")
        }
        "dismiss" => {
            moderate(ModerationVerb::Dismiss, None).await?;
            Ok("dismissed")
        }
        "restore" => {
            moderate(ModerationVerb::Restore, None).await?;
            Ok("restored")
        }
        "respond" => {
            let status = ResponseStatus::parse(&fields.get("status"))
                .ok_or_else(|| ApiError::bad_request(Msg::FormUnreadable))?;
            let body = NewResponse {
                status,
                body: fields.get("answer"),
                version: None,
                section: None,
            };
            moderation::respond(state, user, fields.id("comment")?, Unread::of(&body)).await?;
            Ok("responded")
        }
        "update" => {
            let body = NewUpdate::from_form(
                fields.get("title"),
                fields.get("body"),
                Lang::Es,
                (fields.get("title-es"), fields.get("body-es")),
            );
            moderation::post_update(state, user, slug, lang, Unread::of(&body)).await?;
            Ok("updated")
        }
        "add-date" => {
            // A wall time in the topic's own zone, whatever the browser's.
            let topic = topics::show(state, slug, lang, false, None).await?;
            let starts_at = crate::dates::wall_time(&fields.get("when"), &topic.time_zone)
                .ok_or_else(|| {
                    ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "starts_at", Msg::GiveDate)
                })?;
            let place = fields.get("place");
            let body = NewTopicDate {
                title: fields.get("title"),
                starts_at,
                place: (!place.trim().is_empty()).then_some(place),
            };
            dates::add(state, user, slug, lang, Unread::of(&body)).await?;
            Ok("date-added")
        }
        "remove-date" => {
            dates::remove(state, user, slug, &fields.id("date")?.to_string(), lang).await?;
            Ok("date-removed")
        }
        _ => Err(ApiError::bad_request(Msg::FormUnreadable)),
    }
}
