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
use pulse_api::wire::{ModerationAction, ModerationVerb, NewResponse, NewUpdate, ResponseStatus};
use pulse_app::pages::host::{Desk, HostKnown};
use pulse_app::pages::report::ReportKnown;
use pulse_app::ssr::Page;

pub async fn page(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    shown(visit, Some(slug)).await
}

/// The desk across the host's topics (`/host`).
pub async fn desk(visit: Visit) -> Response {
    shown(visit, None).await
}

async fn shown(visit: Visit, slug: Option<String>) -> Response {
    let (known, status) = found(&visit, slug.as_deref()).await;
    visit.answer(
        Page::Host(slug, Box::new(known)),
        About::default(),
        None,
        status,
    )
}

/// What the page shows to this visitor, or the sentence why not.
async fn found(visit: &Visit, slug: Option<&str>) -> (HostKnown, StatusCode) {
    let (found, status) = visit.said(whole(visit, slug).await);
    (HostKnown(found), status)
}

async fn whole(visit: &Visit, slug: Option<&str>) -> Result<Desk, ApiError> {
    let (state, user) = (&visit.state, visit.account.clone());
    let asked = |name: &str| pulse_app::nav::query_value(&visit.query, name);
    let filters = moderation::DeskAsked {
        topic: slug.map(str::to_string).or_else(|| asked("topic")),
        section: asked("section"),
        show: asked("show"),
        status: asked("status"),
        quoted: asked("quoted"),
        sort: asked("sort"),
        page: asked("page"),
    };
    // The queue first: it is what says whether this visitor may see it.
    let queue = moderation::desk(state, user.clone(), filters, visit.lang).await?;
    let topic = match slug {
        Some(slug) => {
            let audit =
                moderation::topic_audit(state, user.clone(), slug, Default::default()).await?;
            let topic = topics::show(state, user, slug, visit.lang, false, None).await?;
            Some((topic, audit))
        }
        None => None,
    };
    Ok(Desk { topic, queue })
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

/// The report's print stylesheet: each page's header names the topic and
/// its footer counts the pages ("Page 2 / 7"), for Letter and A4 alike.
pub async fn report_print_css(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    use axum::response::IntoResponse;
    let found = topics::show(
        &visit.state,
        visit.account.clone(),
        &slug,
        visit.lang,
        false,
        None,
    )
    .await;
    let Ok(topic) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let heading = visit
        .lang
        .fill(Msg::ReportHeading, &[("topic", &topic.title)]);
    let page = visit.lang.text(Msg::ReportPage);
    let css = format!(
        "@page {{\n  @top-center {{ content: \"{}\"; font-size: 9pt; }}\n  \
         @bottom-right {{ content: \"{} \" counter(page) \" / \" counter(pages); font-size: 9pt; }}\n}}\n",
        css_text(&heading),
        css_text(page),
    );
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "private, max-age=60"),
        ],
        css,
    )
        .into_response()
}

/// Text for a CSS string: every character but letters, digits and spaces
/// escaped, so that a topic's title cannot end the string or the rule.
fn css_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' {
                c.to_string()
            } else {
                format!("\\{:x} ", u32::from(c))
            }
        })
        .collect()
}

pub async fn send(
    PathParam(slug): PathParam<String>,
    visit: Visit,
    fields: FormFields,
) -> Response {
    sent(visit, Some(slug), fields).await
}

/// A decision sent from the desk across topics (`/host`).
pub async fn send_desk(visit: Visit, fields: FormFields) -> Response {
    sent(visit, None, fields).await
}

async fn sent(visit: Visit, slug: Option<String>, fields: FormFields) -> Response {
    let done = if visit.token_is(&fields.get("csrf")) {
        act(&visit, slug.as_deref(), &fields).await
    } else {
        Err(ApiError::forbidden(Msg::FormExpired))
    };
    let here = match &slug {
        Some(slug) => format!("/topics/{slug}/host"),
        None => "/host".to_string(),
    };
    // Back where the host was: the same filters, at the comment decided on.
    let filters = pulse_app::pages::host::with_filter(&visit.query, "done", "");
    match done {
        Ok(done) => {
            let at = fields
                .id("comment")
                .map(|id| format!("#item-{id}"))
                .unwrap_or_default();
            let sep = if filters.is_empty() { "" } else { "&" };
            see_other(
                &format!("{here}?{filters}{sep}done={done}{at}"),
                Cookies(Vec::new()),
            )
        }
        Err(error) => {
            let form = fields.form_id();
            let mut kept = fields.kept(&["form", "reason", "status", "answer", "title", "body"]);
            kept.extend(fields.date_kept(&error));
            let (known, _) = found(&visit, slug.as_deref()).await;
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
async fn act(
    visit: &Visit,
    slug: Option<&str>,
    fields: &FormFields,
) -> Result<&'static str, ApiError> {
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
            // No status is chosen for the host: one not chosen is asked for.
            let status = ResponseStatus::parse(&fields.get("status")).ok_or_else(|| {
                ApiError::field(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "status",
                    Msg::ChooseStatusFirst,
                )
            })?;
            let body = NewResponse {
                status,
                body: fields.get("answer"),
                version: None,
                section: None,
            };
            moderation::respond(state, user, fields.id("comment")?, Unread::of(&body)).await?;
            Ok("responded")
        }
        // The topic's own tools, on its host tools only.
        "update" | "add-date" | "remove-date" if slug.is_none() => {
            Err(ApiError::bad_request(Msg::FormUnreadable))
        }
        "update" => {
            let slug = slug.unwrap_or_default();
            let body = NewUpdate::from_form(
                fields.get("title"),
                fields.get("body"),
                Lang::Es,
                (fields.get("title-es"), fields.get("body-es")),
            );
            moderation::post_update(state, user, slug, lang, Unread::of(&body)).await?;
            Ok("updated")
        }
        "add-date" | "remove-date" => match fields.date_form() {
            Some(form) => dates::send_form(state, user, slug.unwrap_or_default(), lang, form).await,
            None => Err(ApiError::bad_request(Msg::FormUnreadable)),
        },
        _ => Err(ApiError::bad_request(Msg::FormUnreadable)),
    }
}
