//! The first view of a page as plain HTML, inside `index.html`, so that a
//! resident on a slow connection reads the topic list or the draft before
//! the WASM has arrived. The client mounts beside it and swaps it out once
//! its own first view is ready (see `app/src/main.rs`).

use crate::dates::human_time;
use crate::db::topics::TopicRow;
use crate::error::ApiError;
use crate::extract::PathParam;
use crate::state::AppState;
use crate::{clock, db};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pulse_api::TopicStatus;
use pulse_api::markdown::{escape_html as esc, is_safe_url, to_safe_html};
use sqlx::AnyConnection;
use std::fmt::Write as _;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

const START: &str = "<!--prerender-->";
const END: &str = "<!--/prerender-->";

/// `index.html` as built, split around the part the server fills in.
#[derive(Clone)]
struct Template {
    before: Arc<str>,
    after: Arc<str>,
}

/// Routes for `/` and `/topics/{slug}`, when the built client has a
/// template to fill; none otherwise (the static files answer).
pub fn router(index_html: Option<String>) -> Router<AppState> {
    let Some(template) = index_html.and_then(|html| {
        let (before, rest) = html.split_once(START)?;
        let (_, after) = rest.split_once(END)?;
        Some(Template {
            before: Arc::from(before),
            after: Arc::from(after),
        })
    }) else {
        return Router::new();
    };
    Router::new()
        .route("/", get(topics))
        .route("/topics/{slug}", get(topic))
        .layer(axum::Extension(template))
        .layer(CompressionLayer::new())
}

fn page(template: &Template, status: StatusCode, here: &str, main: &str) -> Response {
    let mut html = String::with_capacity(template.before.len() + main.len() + 1024);
    html.push_str(&template.before);
    let next = esc(&urlencode(here));
    let _ = write!(
        html,
        "<a class=\"skip-link\" href=\"#main\">Skip to content</a>\
         <header class=\"site-header\"><a class=\"brand\" href=\"/\">Pulse</a>\
         <nav aria-label=\"Account\"><a href=\"/sign-in?next={next}\">Sign in</a> \
         <a class=\"button-link\" href=\"/register?next={next}\">Create account</a></nav></header>\
         <main id=\"main\" tabindex=\"-1\">{main}</main>\
         <footer class=\"site-footer\"><p>Pulse — feedback is shared with city leaders.</p></footer>"
    );
    html.push_str(&template.after);
    let mut response = (status, html).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn topics(
    State(state): State<AppState>,
    axum::Extension(template): axum::Extension<Template>,
) -> Result<Response, ApiError> {
    let now = clock::now();
    let mut main = String::from(
        "<h1>Shakopee Pulse</h1><p class=\"lead\">Share your feedback and input on current city \
         initiatives. Weigh in through comments and polls; feedback will be shared with city \
         leaders.</p><ul class=\"topic-list\">",
    );
    let mut conn = state.db.read().await?;
    for (topic, count) in db::topics::list(&mut conn).await? {
        if topic.status(now) != TopicStatus::Open {
            continue;
        }
        let comments = if count == 1 {
            "1 comment".to_string()
        } else {
            format!("{count} comments")
        };
        let _ = write!(
            main,
            "<li class=\"topic-card\"><h2><a href=\"/topics/{slug}\">{title}</a></h2>\
             <p class=\"meta\"><span class=\"status status-open\">Currently Open</span> · \
             Open until {until} · {comments}</p><div class=\"prose summary\">{summary}</div></li>",
            slug = esc(&topic.slug),
            title = esc(&topic.title),
            until = esc(&human_time(topic.closes_at, &topic.time_zone)),
            summary = to_safe_html(&topic.summary),
        );
    }
    main.push_str("</ul>");
    Ok(page(&template, StatusCode::OK, "/", &main))
}

async fn topic(
    State(state): State<AppState>,
    axum::Extension(template): axum::Extension<Template>,
    PathParam(slug): PathParam<String>,
) -> Result<Response, ApiError> {
    let here = format!("/topics/{slug}");
    let mut conn = state.db.read().await?;
    let Some(topic) = db::topics::find(&mut conn, &slug).await? else {
        let main = "<h1>Topic not available</h1><p><a href=\"/\">See all topics</a></p>";
        return Ok(page(&template, StatusCode::NOT_FOUND, &here, main));
    };
    let main = topic_html(&mut conn, &topic).await?;
    Ok(page(&template, StatusCode::OK, &here, &main))
}

async fn topic_html(conn: &mut AnyConnection, topic: &TopicRow) -> Result<String, ApiError> {
    let now = clock::now();
    let status = topic.status(now);
    let when = match status {
        TopicStatus::Upcoming => {
            format!("Opens on {}.", human_time(topic.opens_at, &topic.time_zone))
        }
        TopicStatus::Open => format!(
            "Closes on {}.",
            human_time(topic.closes_at, &topic.time_zone)
        ),
        TopicStatus::Closed => format!(
            "Closed on {}.",
            human_time(topic.closes_at, &topic.time_zone)
        ),
    };
    let mut html = String::with_capacity(32 * 1024);
    let _ = write!(
        html,
        "<article class=\"topic\"><header class=\"topic-header\"><p class=\"meta\">\
         <span class=\"status status-{s}\">{label}</span></p><h1>{title}</h1>\
         <p class=\"countdown\">{when}</p></header>",
        s = status.as_str(),
        label = status.label(),
        title = esc(&topic.title),
        when = esc(&when),
    );
    if status == TopicStatus::Closed {
        html.push_str(
            "<p class=\"notice notice-closed\">The deadline to participate has passed. To follow \
             updates, be sure to subscribe to the topic.</p>",
        );
    }
    let _ = write!(
        html,
        "<div class=\"topic-columns\"><div class=\"topic-main\"><div class=\"prose summary\">{}</div>",
        to_safe_html(&topic.summary)
    );
    let documents = db::topics::documents(conn, topic.id).await?;
    if !documents.is_empty() {
        html.push_str("<section class=\"documents\"><h2>Documents</h2><ul>");
        for d in documents {
            // A document's address is never trusted to be a web address.
            if is_safe_url(&d.url) {
                let _ = write!(
                    html,
                    "<li><a href=\"{}\" rel=\"noopener\">{}</a></li>",
                    esc(&d.url),
                    esc(&d.title)
                );
            } else {
                let _ = write!(html, "<li>{}</li>", esc(&d.title));
            }
        }
        html.push_str("</ul></section>");
    }
    let updates = db::topics::updates(conn, topic.id).await?;
    if !updates.is_empty() {
        html.push_str("<section class=\"updates\"><h2>Updates</h2>");
        for u in updates {
            let _ = write!(
                html,
                "<article class=\"update\"><h3>{}</h3><p class=\"meta\">Posted {}</p><div class=\"prose\">{}</div></article>",
                esc(&u.title),
                esc(&human_time(u.posted_at, &topic.time_zone)),
                to_safe_html(&u.body)
            );
        }
        html.push_str("</section>");
    }
    let host = &topic.host;
    let _ = write!(
        html,
        "</div><aside class=\"topic-aside\" aria-label=\"Topic host\"><section class=\"host-card\">\
         <h2>Topic Host</h2><p class=\"host-name\">{}</p><dl><dt>Role</dt><dd>{}</dd>",
        esc(&host.name),
        esc(&host.role)
    );
    if let Some(phone) = &host.phone {
        let _ = write!(html, "<dt>Phone</dt><dd>{}</dd>", esc(phone));
    }
    if let Some(email) = &host.email {
        let _ = write!(html, "<dt>Email</dt><dd>{}</dd>", esc(email));
    }
    html.push_str("</dl></section></aside></div>");
    if let Some(version) = db::topics::current_version(conn, topic.id).await? {
        let _ = write!(
            html,
            "<section class=\"draft\"><h2>{}</h2><p class=\"meta\">Version {}</p>",
            esc(&version.title),
            version.version
        );
        let counts = db::comments::counts(conn, topic.id).await?;
        for section in db::topics::sections(conn, version.id, &counts).await? {
            let tag = if section.level <= 1 { "h3" } else { "h4" };
            let heading = if section.number.is_empty() {
                "Introduction".to_string()
            } else {
                format!(
                    "<span class=\"num\">§ {}</span> {}",
                    esc(&section.number),
                    esc(&section.heading)
                )
            };
            let comments = match section.comment_count {
                1 => "1 comment".to_string(),
                n => format!("{n} comments"),
            };
            let _ = write!(
                html,
                "<article class=\"section\" id=\"{anchor}\"><div class=\"section-text\"><{tag}>{heading}</{tag}>\
                 <div class=\"prose\">{body}</div><p class=\"meta\">{comments}</p></div></article>",
                anchor = esc(&section.anchor),
                body = to_safe_html(&section.markdown),
            );
        }
        html.push_str("</section>");
    }
    html.push_str("</article>");
    Ok(html)
}
