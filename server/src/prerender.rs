//! The first view of a page as plain HTML, inside `index.html`, so that a
//! resident on a slow connection reads the topic list or the draft before
//! the WASM has arrived. The client mounts beside it and swaps it out once
//! its own first view is ready (see `app/src/main.rs`).

use crate::dates::human_time;
use crate::error::ApiError;
use crate::extract::PathParam;
use crate::state::AppState;
use crate::{clock, db};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pulse_api::TopicStatus;
use pulse_api::markdown::escape_html as esc;
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

const HTML: &str = "text/html; charset=utf-8";

fn page(template: &Template, status: StatusCode, here: &str, main: &str) -> Response {
    let mut response = (status, filled(template, here, main)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    response
}

/// `index.html` with the page's first view in it.
fn filled(template: &Template, here: &str, main: &str) -> String {
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
    html
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
            summary = topic.summary_html,
        );
    }
    main.push_str("</ul>");
    Ok(page(&template, StatusCode::OK, "/", &main))
}

async fn topic(
    State(state): State<AppState>,
    axum::Extension(template): axum::Extension<Template>,
    PathParam(slug): PathParam<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let here = format!("/topics/{slug}");
    // The same for every reader: served from memory while true.
    let key = format!("page {here}");
    let db = &state.db;
    let made = state
        .cache
        .serve(&key, HTML, &headers, || async {
            let mut conn = db.read().await?;
            let topic = db::topics::find(&mut conn, &slug)
                .await?
                .ok_or_else(|| ApiError::not_found("no such topic"))?;
            let topic = crate::api::topics::topic_whole(&mut conn, topic, clock::now()).await?;
            // The app's own components, rendered here: the page is written once.
            let main = pulse_app::ssr::topic_page(topic);
            Ok(filled(&template, &here, &main).into_bytes())
        })
        .await;
    match made {
        Err(ApiError::Client(StatusCode::NOT_FOUND, _)) => {
            let main = "<h1>Topic not available</h1><p><a href=\"/\">See all topics</a></p>";
            Ok(page(&template, StatusCode::NOT_FOUND, &here, main))
        }
        other => other,
    }
}
