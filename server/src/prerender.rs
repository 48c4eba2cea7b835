//! The first view of a page as plain HTML, inside `index.html`, so that a
//! resident on a slow connection reads the topic list or the draft before
//! the WASM has arrived. The client mounts beside it and swaps it out once
//! its own first view is ready (see `app/src/main.rs`).

use crate::city_pages::City;
use crate::error::ApiError;
use crate::extract::PathParam;
use crate::language::Language;
use crate::services;
use crate::state::AppState;
use crate::static_files::{in_language, with_city};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pulse_api::TopicStatus;
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::escape_html as esc;
use std::fmt::Write as _;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

const START: &str = "<!--prerender-->";
const END: &str = "<!--/prerender-->";

/// `index.html` as built, in each language, split around the part the
/// server fills in.
#[derive(Clone)]
struct Template {
    parts: Arc<Vec<(Lang, String, String)>>,
}

impl Template {
    fn parse(html: &str, city: &City) -> Option<Template> {
        let parts = Lang::ALL
            .into_iter()
            .map(|lang| {
                let html = with_city(&in_language(html, lang), city);
                let (before, rest) = html.split_once(START)?;
                let (_, after) = rest.split_once(END)?;
                Some((lang, before.to_string(), after.to_string()))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Template {
            parts: Arc::new(parts),
        })
    }

    fn parts(&self, lang: Lang) -> (&str, &str) {
        self.parts
            .iter()
            .find(|(l, _, _)| *l == lang)
            .or(self.parts.first())
            .map_or(("", ""), |(_, before, after)| {
                (before.as_str(), after.as_str())
            })
    }
}

/// What a page says of itself to browsers, search engines and the
/// previews of a shared link.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    /// The page's path; its full address is the site's plus this.
    path: &'a str,
}

/// Routes for `/`, `/topics/{slug}` and the city's `/pages/{slug}`, when
/// the built client has a template to fill; none otherwise (the static
/// files answer).
pub fn router(index_html: Option<String>, city: &City) -> Router<AppState> {
    let Some(template) = index_html.as_deref().and_then(|h| Template::parse(h, city)) else {
        return Router::new();
    };
    Router::new()
        .route("/", get(topics))
        .route("/topics/{slug}", get(topic))
        .route("/pages/{slug}", get(city_page))
        .layer(axum::Extension(template))
        .layer(CompressionLayer::new())
}

const HTML: &str = "text/html; charset=utf-8";

fn page(html: String, status: StatusCode) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, accept-language, cookie"),
    );
    response
}

/// `index.html` with the page's first view in it, in `lang`.
fn filled(template: &Template, state: &AppState, lang: Lang, head: &Head, main: &str) -> String {
    let (before, after) = template.parts(lang);
    let mut html = String::with_capacity(before.len() + main.len() + 2048);
    html.push_str(&with_head(
        before,
        &state.site,
        &state.config.mail.city,
        lang,
        head,
    ));
    let next = esc(&pulse_api::links::encode_component(head.path));
    let other = if lang == Lang::En { Lang::Es } else { Lang::En };
    let t = |msg| esc(lang.text(msg));
    let _ = write!(
        html,
        "<a class=\"skip-link\" href=\"#main\">{skip}</a>\
         <header class=\"site-header\">{brand}\
         <nav class=\"language\" aria-label=\"{language}\"><a href=\"/language/{code}?next={next}\" \
         lang=\"{code}\" hreflang=\"{code}\" target=\"_self\">{name}</a></nav>\
         <nav aria-label=\"{account}\"><a href=\"/sign-in?next={next}\">{sign_in}</a> \
         <a class=\"button-link\" href=\"/register?next={next}\">{create}</a></nav></header>\
         <main id=\"main\" tabindex=\"-1\">{main}</main>{footer}",
        skip = t(Msg::SkipToContent),
        brand = state.city.brand(),
        language = t(Msg::NavLanguage),
        code = other.code(),
        name = other.name(),
        account = t(Msg::NavAccount),
        sign_in = t(Msg::SignIn),
        create = t(Msg::CreateAccount),
        footer = state.city.footer(lang),
    );
    html.push_str(after);
    html
}

/// The template's `<head>` with the page's own title, description,
/// canonical address and Open Graph tags.
fn with_head(before: &str, site: &str, city: &str, lang: Lang, head: &Head) -> String {
    let title = esc(&lang.fill(Msg::TitleSuffix, &[("title", head.title)]));
    let description = esc(head.description);
    let url = esc(&format!("{site}{}", head.path));
    let tags = format!(
        "<link rel=\"canonical\" href=\"{url}\">\
         <meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:site_name\" content=\"{site_name}\">\
         <meta property=\"og:title\" content=\"{og_title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta property=\"og:url\" content=\"{url}\">\
         <meta property=\"og:locale\" content=\"{locale}\">\
         <meta name=\"twitter:card\" content=\"summary\">\n",
        site_name = esc(&lang.site_name(city)),
        og_title = esc(head.title),
        locale = lang.locale().replace('-', "_"),
    );
    let mut html = replace_between(before, "<title>", "</title>", &title);
    html = replace_meta_description(&html, &description);
    match html.find("</head>") {
        Some(at) => html.insert_str(at, &tags),
        None => html.push_str(&tags),
    }
    html
}

fn replace_between(text: &str, open: &str, close: &str, with: &str) -> String {
    let Some(start) = text.find(open).map(|i| i + open.len()) else {
        return text.to_string();
    };
    let Some(end) = text[start..].find(close).map(|i| i + start) else {
        return text.to_string();
    };
    format!("{}{with}{}", &text[..start], &text[end..])
}

fn replace_meta_description(text: &str, description: &str) -> String {
    replace_between(
        text,
        "<meta name=\"description\" content=\"",
        "\"",
        description,
    )
}

/// A page's description from its summary: the text of its first lines,
/// cut at a word near 200 characters.
fn describe(summary_markdown: &str) -> String {
    let plain: String = pulse_api::markdown::to_plain_text(summary_markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if plain.chars().count() <= 200 {
        return plain;
    }
    let cut: String = plain.chars().take(200).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

async fn topics(
    State(state): State<AppState>,
    axum::Extension(template): axum::Extension<Template>,
    Language(lang): Language,
) -> Result<Response, ApiError> {
    let city = &state.config.mail.city;
    let heading = lang.site_name(city);
    let mut main = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p><ul class=\"topic-list\">",
        esc(&heading),
        esc(lang.text(Msg::TopicsLead)),
    );
    let open = services::topics::list(&state, Some(TopicStatus::Open), lang).await?;
    for topic in open.topics {
        let until = topic.closes_on;
        let _ = write!(
            main,
            "<li class=\"topic-card\"><h2><a href=\"/topics/{slug}\">{title}</a></h2>\
             <p class=\"meta\"><span class=\"status status-open\">{open}</span> · \
             {until} · {comments}</p><div class=\"prose summary\">{summary}</div></li>",
            slug = esc(&topic.slug),
            title = esc(&topic.title),
            open = esc(lang.text(TopicStatus::Open.one_msg())),
            until = esc(&lang.fill(Msg::TopicOpenUntil, &[("date", &until)])),
            comments = esc(&lang.count(topic.comment_count, Msg::CommentsOne, Msg::CommentsOther)),
            summary = topic.summary_html,
        );
    }
    main.push_str("</ul>");
    let head = Head {
        title: &heading,
        description: lang.text(Msg::TopicsLead),
        path: "/",
    };
    Ok(page(
        filled(&template, &state, lang, &head, &main),
        StatusCode::OK,
    ))
}

async fn topic(
    State(state): State<AppState>,
    axum::Extension(template): axum::Extension<Template>,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let here = format!("/topics/{slug}");
    // The same for every reader in a language: served from memory while true.
    let key = format!("page {here} {}", lang.code());
    let made = state
        .cache
        .serve(&key, HTML, &headers, || async {
            let topic = services::topics::show(&state, &slug, lang).await?;
            let description = describe(&topic.summary);
            let title = topic.title.clone();
            // The app's own components, rendered here: the page is written once.
            let main = pulse_app::ssr::topic_page(topic, lang);
            let head = Head {
                title: &title,
                description: &description,
                path: &here,
            };
            Ok(filled(&template, &state, lang, &head, &main).into_bytes())
        })
        .await;
    match made {
        Err(ApiError::Client(StatusCode::NOT_FOUND, _)) => {
            let missing = lang.text(Msg::TopicNotAvailable);
            let main = format!(
                "<h1>{}</h1><p><a href=\"/\">{}</a></p>",
                esc(missing),
                esc(lang.text(Msg::SeeAllTopics))
            );
            let head = Head {
                title: missing,
                description: missing,
                path: &here,
            };
            Ok(page(
                filled(&template, &state, lang, &head, &main),
                StatusCode::NOT_FOUND,
            ))
        }
        other => other,
    }
}

/// One of the city's own pages (privacy notice, comment policy, …), as the
/// city wrote it, rendered when the server started.
async fn city_page(
    State(state): State<AppState>,
    axum::Extension(template): axum::Extension<Template>,
    PathParam(slug): PathParam<String>,
    Language(lang): Language,
) -> Response {
    let here = format!("/pages/{slug}");
    let (status, title, main) = match state.city.page(&slug) {
        Some(page) => {
            let title = page.title.clone().unwrap_or_else(|| {
                pulse_api::wire::city_page_name(page.slug)
                    .map_or(String::new(), |msg| lang.text(msg).to_string())
            });
            // The city's text is in its own language, whatever the reader's.
            let main = format!("<article class=\"prose city-page\">{}</article>", page.html);
            (StatusCode::OK, title, main)
        }
        None => {
            let title = lang.text(Msg::PageNotFound).to_string();
            let main = format!(
                "<h1>{}</h1><p>{} <a href=\"/\">{}</a></p>",
                esc(&title),
                esc(lang.text(Msg::NothingHere)),
                esc(lang.text(Msg::SeeAllTopics))
            );
            (StatusCode::NOT_FOUND, title, main)
        }
    };
    let description = lang.site_name(&state.city.name);
    let head = Head {
        title: &title,
        description: &description,
        path: &here,
    };
    page(filled(&template, &state, lang, &head, &main), status)
}
