//! Every page of the app, rendered whole on the server by the app's own
//! components (`pulse_app::ssr`) inside the built `index.html` or
//! `host.html`: a resident on a slow connection, or with scripts blocked,
//! reads the page and sends its forms before the WASM has arrived. The app
//! mounts beside the first view and takes its place once ready.
//!
//! Forms sent without the app come here too (`accounts.rs`): each is
//! checked for its token (`csrf.rs`), handed to the same service as the
//! JSON API, and answered with a redirect (`303`) or the page again with
//! its mistakes.

mod accounts;

use crate::error::ApiError;
use crate::extract::PathParam;
use crate::rendering::{About, HTML, Templates, VARY, Visit, describe};
use crate::services;
use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use pulse_api::i18n::Msg;
use pulse_api::validate::REQUEST_MAX_BYTES;
use pulse_api::wire::CityPageText;
use pulse_app::ssr::Page;

/// The pages' routes, when the built client has its templates; none
/// otherwise (the API answers alone).
pub fn router(state: &AppState, templates: Option<Templates>) -> Router<AppState> {
    let Some(templates) = templates else {
        return Router::new();
    };
    Router::new()
        .route("/", get(topics))
        .route("/topics/{slug}", get(topic))
        .route("/pages/{slug}", get(city_page))
        .route(
            "/sign-in",
            get(accounts::sign_in_page).post(accounts::sign_in),
        )
        .route(
            "/register",
            get(accounts::register_page).post(accounts::register),
        )
        .route("/sign-out", axum::routing::post(accounts::sign_out))
        // The pages the app renders once loaded: the host's bundle.
        .route("/topics/{slug}/host", get(in_app))
        .route("/topics/{slug}/report", get(in_app))
        .route("/account", get(in_app))
        .route("/account/verify", get(in_app))
        .route("/subscriptions/confirm", get(in_app))
        .route(
            "/reset-password",
            get(accounts::reset_page).post(accounts::reset),
        )
        .route("/unsubscribe/{token}", get(in_app))
        // Forms sent without the app are writes like the API's.
        .layer(axum::middleware::from_fn_with_state(
            std::sync::Arc::clone(&state.cache),
            crate::cache::end_on_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::origin::same_origin_writes,
        ))
        .layer(DefaultBodyLimit::max(REQUEST_MAX_BYTES))
        .layer(axum::Extension(templates))
}

/// The not-found page, for any address no route has: a service to put
/// behind the static files.
pub fn not_found_service(state: AppState, templates: Option<Templates>) -> Router {
    let router = Router::new().fallback(not_found);
    match templates {
        Some(templates) => router.layer(axum::Extension(templates)),
        None => Router::new().fallback(|| async { StatusCode::NOT_FOUND }),
    }
    .with_state(state)
}

async fn topics(visit: Visit) -> Result<Response, ApiError> {
    let list = services::topics::list(&visit.state, None, visit.lang).await?;
    let about = About {
        description: Some(visit.lang.text(Msg::TopicsLead).to_string()),
        ..About::default()
    };
    Ok(visit.answer(Page::Topics(list), about, None, StatusCode::OK))
}

async fn topic(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    let (state, lang) = (&visit.state, visit.lang);
    let page = |topic: pulse_api::wire::Topic| {
        let about = About {
            description: Some(describe(&topic.summary)),
            ..About::default()
        };
        (Page::Topic(Box::new(topic)), about)
    };
    // Signed in, the page is the reader's own.
    if visit.account.is_some() {
        return match services::topics::show(state, &slug, lang).await {
            Ok(topic) => {
                let (page, about) = page(topic);
                visit.answer(page, about, None, StatusCode::OK)
            }
            Err(error) => topic_missing(&visit, error),
        };
    }
    // Otherwise the same for every reader in a language: served from
    // memory while true.
    let key = format!("page /topics/{slug} {}", lang.code());
    let made = state
        .cache
        .serve(&key, HTML, &visit.headers, || async {
            let topic = services::topics::show(state, &slug, lang).await?;
            let (page, about) = page(topic);
            Ok(visit.html(page, &about, String::new(), None).into_bytes())
        })
        .await;
    match made {
        Ok(mut response) => {
            let headers = response.headers_mut();
            headers.insert(header::VARY, HeaderValue::from_static(VARY));
            headers.insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.code()),
            );
            response
        }
        Err(error) => topic_missing(&visit, error),
    }
}

/// The topic page for a topic that is not to be seen: its sentence, in
/// the page, with the error's status.
fn topic_missing(visit: &Visit, error: ApiError) -> Response {
    let refusal = error.refusal(visit.lang);
    visit.answer(
        Page::TopicMissing(refusal.summary),
        About::default(),
        None,
        refusal.status,
    )
}

/// One of the city's own pages (privacy notice, comment policy, …), as the
/// city wrote it, rendered when the server started.
async fn city_page(PathParam(slug): PathParam<String>, visit: Visit) -> Response {
    let about = About {
        description: Some(visit.lang.site_name(&visit.state.city.name)),
        ..About::default()
    };
    match visit.state.city.page(&slug) {
        Some(page) => {
            let text = CityPageText {
                slug: page.slug.to_string(),
                title: page.title.clone(),
                html: page.html.clone(),
            };
            visit.answer(Page::CityPage(text), about, None, StatusCode::OK)
        }
        None => visit.answer(Page::NotFound, about, None, StatusCode::NOT_FOUND),
    }
}

/// A page of the host's bundle, which the app renders once loaded.
async fn in_app(visit: Visit) -> Response {
    visit.answer(Page::InApp, About::default(), None, StatusCode::OK)
}

/// An address that is no page of Pulse's (a mistyped link, `/healthz`):
/// the not-found page, and a status that says so.
async fn not_found(visit: Visit) -> Response {
    visit.answer(
        Page::NotFound,
        About::default(),
        None,
        StatusCode::NOT_FOUND,
    )
}
