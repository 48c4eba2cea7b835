//! Pages rendered whole on the server by the app's own components
//! (`pulse_app::ssr`), inside the built `index.html` or `host.html`: who
//! the page is for ([`Visit`], read from the request), its head (title,
//! description, canonical address), its form token (`csrf.rs`), its
//! caching, and a refused form shown again with its mistakes.

mod template;

use crate::error::ApiError;
use crate::extract::{Asker, ClientAddr};
use crate::language::Language;
use crate::session::Cookies;
use crate::state::AppState;
pub use template::{AppLoads, Templates};

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pulse_api::i18n::{Lang, Msg};
use pulse_api::markdown::escape_html as esc;
use pulse_api::wire::Account;
use pulse_app::forms::Posted;
use pulse_app::ssr::{self, Page};

/// Who a page is rendered for, and where: read from the request.
pub struct Visit {
    pub state: AppState,
    pub templates: Templates,
    pub headers: HeaderMap,
    pub lang: Lang,
    pub account: Option<Account>,
    pub path: String,
    pub query: String,
    /// Where the request came from (see `client_addr.rs`).
    pub addr: std::net::IpAddr,
}

/// What the pages' routes have at hand: the application's state and the
/// built pages to fill.
#[derive(Clone)]
pub struct PageState {
    pub app: AppState,
    pub templates: Templates,
}

impl FromRequestParts<PageState> for Visit {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &PageState) -> Result<Self, ApiError> {
        let Asker(account) = Asker::from_request_parts(parts, &state.app).await?;
        let Ok(addr) = ClientAddr::from_request_parts(parts, &state.app).await;
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(&parts.uri, |OriginalUri(uri)| uri);
        Ok(Visit {
            state: state.app.clone(),
            templates: state.templates.clone(),
            lang: Language::of(&parts.headers),
            account,
            path: uri.path().to_string(),
            query: uri.query().unwrap_or_default().to_string(),
            headers: parts.headers.clone(),
            addr: addr.0,
        })
    }
}

impl Visit {
    /// The page `make` finds, the same for every reader not signed in who
    /// asks for `key` (the address, as far as the page reads it) in this
    /// language: rendered once and served from memory while true
    /// (`cache.rs`).
    pub async fn kept<Fut>(
        &self,
        key: &str,
        make: impl FnOnce() -> Fut,
    ) -> Result<Response, ApiError>
    where
        Fut: std::future::Future<Output = Result<(Page, About), ApiError>>,
    {
        let key = format!("page {key} {}", self.lang.code());
        let mut response = self
            .state
            .cache
            .serve(&key, HTML, &self.headers, || async {
                let (page, about) = make().await?;
                Ok(self.html(page, &about, String::new(), None).into_bytes())
            })
            .await?;
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static(VARY));
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(self.lang.code()),
        );
        Ok(response)
    }

    /// The key per-address limits count this visitor by.
    pub fn limit_key(&self) -> String {
        ClientAddr(self.addr).limit_key()
    }
}

/// A page's own description for `<head>`, and whether it has forms that
/// need a visitor's token (see `csrf.rs`).
#[derive(Default)]
pub struct About {
    pub description: Option<String>,
    pub forms: bool,
}

impl Visit {
    /// `page` rendered whole, answered with `status`.
    pub fn answer(
        &self,
        page: Page,
        about: About,
        posted: Option<Posted>,
        status: StatusCode,
    ) -> Response {
        let mut cookie = None;
        let token = match crate::csrf::token(&self.headers, &self.state.config) {
            Some(token) => token,
            None if about.forms => match crate::csrf::issue(&self.state.config) {
                Ok((token, set)) => {
                    cookie = Some(set);
                    token
                }
                Err(error) => return error.into_response(),
            },
            None => String::new(),
        };
        let personal = self.account.is_some() || !token.is_empty();
        let html = self.html(page, &about, token, posted);
        let (body, coding) = crate::cache::encode_for(html.into_bytes(), &self.headers);
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        if let Some(coding) = coding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(self.lang.code()),
        );
        headers.insert(header::VARY, HeaderValue::from_static(VARY));
        // A page with the visitor's name or token is theirs alone.
        let cache = if personal {
            "private, no-store"
        } else {
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if let Some(cookie) = cookie {
            headers.append(header::SET_COOKIE, cookie);
        }
        response
    }

    /// The template with `page` rendered into it.
    pub fn html(&self, page: Page, about: &About, token: String, posted: Option<Posted>) -> String {
        let page_kind = Kind::of(&page);
        let served = ssr::Served {
            lang: self.lang,
            city: self.state.city.for_app(),
            account: self.account.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            token,
            posted,
            date_time: crate::dates::date_time,
        };
        let rendered = ssr::render(served, page);
        // The pages of the host's bundle load it (see `app/src/bin/host.rs`).
        let host = matches!(page_kind, Kind::Later { host: true });
        let template = if host {
            &self.templates.host
        } else {
            &self.templates.index
        };
        let (before, after) = template.parts(self.lang, page_kind.app_loads());
        let head = Head {
            title: &rendered.title,
            description: about.description.as_deref(),
            path: &self.path,
        };
        let mut html = with_head(before, &self.state, self.lang, &head);
        html.reserve(rendered.html.len() + after.len());
        html.push_str(&rendered.html);
        html.push_str(after);
        html
    }
}

const HTML: &str = "text/html; charset=utf-8";
const VARY: &str = "accept-encoding, accept-language, cookie";

/// What a page says of itself to browsers, search engines and the
/// previews of a shared link.
struct Head<'a> {
    /// Empty for the site's own name alone.
    title: &'a str,
    /// The template's own when `None`.
    description: Option<&'a str>,
    /// The page's path; its full address is the site's plus this.
    path: &'a str,
}

/// The template's `<head>` with the page's own title, description,
/// canonical address and Open Graph tags.
fn with_head(before: &str, state: &AppState, lang: Lang, head: &Head) -> String {
    let site_name = lang.site_name(&state.config.mail.city);
    let title = if head.title.is_empty() {
        esc(&site_name)
    } else {
        esc(&lang.fill(Msg::TitleSuffix, &[("title", head.title)]))
    };
    let url = format!("{}{}", state.site, head.path);
    let og_title = if head.title.is_empty() {
        &site_name
    } else {
        head.title
    };
    let mut html = replace_between(before, "<title>", "</title>", &title);
    if let Some(description) = head.description {
        html = replace_between(
            &html,
            "<meta name=\"description\" content=\"",
            "\"",
            &esc(description),
        );
    }
    let tags = ssr::head(ssr::HeadTags {
        url,
        site_name: site_name.clone(),
        title: og_title.to_string(),
        description: head.description.map(str::to_string),
        locale: lang.locale().replace('-', "_"),
    });
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

/// A page's description from its summary: the text of its first lines,
/// cut at a word near 200 characters.
pub fn describe(summary_markdown: &str) -> String {
    pulse_api::markdown::first_words(summary_markdown, 200)
}

/// Which bundle a page loads, and when. Every page's forms work without
/// the app, so none needs it to be read or used: it comes at the first
/// sign of someone using the page (a touch, a key, a field taking the
/// focus) and takes over from there, and a reader who only reads never
/// downloads it.
enum Kind {
    /// The residents' bundle or the host's (see `app/src/bin/host.rs`).
    Later { host: bool },
    /// A page nothing on which needs the app.
    Plain,
}

impl Kind {
    fn of(page: &Page) -> Kind {
        match page {
            Page::ResetPassword
            | Page::Account(_)
            | Page::Host(..)
            | Page::Admin(_)
            | Page::NewTopic
            | Page::EditTopic(..)
            | Page::Report(..)
            | Page::Revise(..)
            | Page::Changes(..) => Kind::Later { host: true },
            // The record's one form is a plain `GET`.
            Page::Confirmed(_) | Page::Verified(_) | Page::Unsubscribe(..) | Page::Record(..) => {
                Kind::Plain
            }
            _ => Kind::Later { host: false },
        }
    }

    fn app_loads(&self) -> AppLoads {
        match self {
            Kind::Later { .. } => AppLoads::Later,
            Kind::Plain => AppLoads::Never,
        }
    }
}

impl About {
    /// A page with forms (a token for visitors not signed in too).
    pub fn with_forms() -> About {
        About {
            forms: true,
            ..About::default()
        }
    }
}

impl Visit {
    /// Whether a form sent `token`, the visitor's own (see `csrf.rs`).
    pub fn token_is(&self, token: &str) -> bool {
        crate::csrf::check(&self.headers, &self.state.config, token)
    }

    /// `page` again, with what was sent (`kept`: never a password) and
    /// why it was refused, at the address `query` completes (where the
    /// form goes on to once sent right, its mailed token).
    pub fn again(
        self,
        page: Page,
        kept: Vec<(String, String)>,
        query: String,
        error: ApiError,
    ) -> Response {
        self.again_on(page, kept, query, error, None)
    }

    /// As [`Visit::again`], for a page with several forms: the mistake is
    /// named by the id of the form that was sent (`form`), whatever field
    /// of it the server found at fault.
    pub fn again_on(
        mut self,
        page: Page,
        kept: Vec<(String, String)>,
        query: String,
        error: ApiError,
        form: Option<&str>,
    ) -> Response {
        let refusal = error.refusal(self.lang);
        self.query = query;
        let fields = match form {
            Some(form) => vec![(form.to_string(), refusal.summary.clone())],
            None => refusal.fields,
        };
        let posted = Posted {
            values: kept,
            refusal: pulse_app::ssr::refusal(refusal.summary, fields),
        };
        let mut response = self.answer(page, About::with_forms(), Some(posted), refusal.status);
        if let Some(seconds) = refusal.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }

    /// What a service found for the page, or the sentence why not, in the
    /// visitor's language, with the status to answer.
    pub fn said<T>(&self, done: Result<T, ApiError>) -> (Result<T, String>, StatusCode) {
        match done {
            Ok(value) => (Ok(value), StatusCode::OK),
            Err(error) => {
                let refusal = error.refusal(self.lang);
                (Err(refusal.summary), refusal.status)
            }
        }
    }

    /// A page that says what went wrong with a form that has no page of
    /// its own to show again.
    pub fn problem(self, error: ApiError) -> Response {
        let refusal = error.refusal(self.lang);
        let mut response = self.answer(
            Page::Problem(refusal.summary),
            About::default(),
            None,
            refusal.status,
        );
        if let Some(seconds) = refusal.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// `303 See Other` to `next` (a path on this site; the topic list for
/// anything else), with the session's cookies.
pub fn see_other(next: &str, cookies: Cookies) -> Response {
    let to = pulse_api::links::local_path(next)
        .and_then(|path| HeaderValue::from_str(&path).ok())
        .unwrap_or(HeaderValue::from_static("/"));
    (
        StatusCode::SEE_OTHER,
        cookies,
        [
            (header::LOCATION, to),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}
