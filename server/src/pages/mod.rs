//! Every page of the app, rendered whole on the server by the app's own
//! components (`pulse_app::ssr`) inside the built `index.html` or
//! `host.html`: a resident on a slow connection, or with scripts blocked,
//! reads the page and sends its forms before the WASM has arrived. The app
//! mounts beside the first view and takes its place once ready.
//!
//! Forms sent without the app come here too (`accounts.rs`, `account.rs`,
//! `topic.rs`, `host.rs`): each is
//! checked for its token (`csrf.rs`), handed to the same service as the
//! JSON API, and answered with a redirect (`303`) or the page again with
//! its mistakes.

mod account;
mod accounts;
mod admin;
mod host;
mod mailed;
mod revise;
mod topic;

use crate::error::ApiError;
use crate::extract::PathParam;
use crate::rendering::{About, PageState, Templates, Visit};
use crate::services;
use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};
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
    // Forms sent without the app are writes like the API's; reading a
    // page pays for none of it.
    let writes = |route: MethodRouter<PageState>| -> MethodRouter<PageState> {
        let route: MethodRouter<PageState> = route.layer(axum::middleware::from_fn_with_state(
            std::sync::Arc::clone(&state.cache),
            crate::cache::end_on_writes,
        ));
        let route: MethodRouter<PageState> = route.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::origin::same_origin_writes,
        ));
        route.layer(DefaultBodyLimit::max(REQUEST_MAX_BYTES))
    };
    Router::new()
        .route("/", get(topics))
        .route(
            "/topics/{slug}",
            get(topic::page).merge(writes(post(topic::send))),
        )
        .route("/topics/{slug}/versions/{version}", get(topic::version))
        .route("/topics/{slug}/record", get(topic::record))
        .route(
            "/topics/{slug}/versions/{version}/changes",
            get(topic::changes),
        )
        .route("/pages/{slug}", get(city_page))
        .route(
            "/sign-in",
            get(accounts::sign_in_page).merge(writes(post(accounts::sign_in))),
        )
        .route(
            "/register",
            get(accounts::register_page).merge(writes(post(accounts::register))),
        )
        .route("/sign-out", writes(post(accounts::sign_out)))
        .route(
            "/reset-password",
            get(accounts::reset_page).merge(writes(post(accounts::reset))),
        )
        // The pages the app renders once loaded: the host's bundle.
        .route(
            "/topics/{slug}/host",
            get(host::page).merge(writes(post(host::send))),
        )
        .route(
            "/host",
            get(host::desk).merge(writes(post(host::send_desk))),
        )
        .route("/admin", get(admin::page).merge(writes(post(admin::send))))
        .route(
            "/admin/topics/new",
            get(admin::new_topic_page).merge(writes(post(admin::new_topic_send))),
        )
        .route(
            "/admin/topics/{slug}/edit",
            get(admin::edit_topic_page).merge(writes(post(admin::edit_topic_send))),
        )
        .route(
            "/topics/{slug}/revise",
            get(revise::page).merge(writes(post(revise::send))),
        )
        .route("/topics/{slug}/report", get(host::report))
        .route(
            "/topics/{slug}/report/print.css",
            get(host::report_print_css),
        )
        .route(
            "/account",
            get(account::page).merge(writes(post(account::send))),
        )
        .route("/account/verify", get(mailed::verify_email))
        .route("/subscriptions/confirm", get(mailed::confirm_subscription))
        .route("/unsubscribe/{token}", get(mailed::unsubscribe))
        .with_state(PageState {
            app: state.clone(),
            templates,
        })
}

/// The not-found page, for any address no route has: a service to put
/// behind the static files.
pub fn not_found_service(state: AppState, templates: Option<Templates>) -> Router {
    match templates {
        Some(templates) => Router::new().fallback(not_found).with_state(PageState {
            app: state,
            templates,
        }),
        None => Router::new().fallback(|| async { StatusCode::NOT_FOUND }),
    }
}

async fn topics(mut visit: Visit) -> Result<Response, ApiError> {
    let lang = visit.lang;
    let about = || About {
        description: Some(lang.text(Msg::TopicsLead).to_string()),
        ..About::default()
    };
    if visit.account.is_some() {
        let list = services::topics::list(&visit.state, None, lang).await?;
        return Ok(visit.answer(Page::Topics(list), about(), None, StatusCode::OK));
    }
    // The same for every reader not signed in, by the tab asked for: served
    // from memory while true, like a topic's page. (What the page reads of
    // its address is all in the key.)
    let asked = |name: &str| pulse_app::nav::query_value(&visit.query, name);
    let status = asked("status")
        .and_then(|s| pulse_api::TopicStatus::parse(&s))
        .unwrap_or(pulse_api::TopicStatus::Open);
    let deleted = asked("deleted").is_some();
    visit.query = format!(
        "status={}{}",
        status.as_str(),
        if deleted { "&deleted" } else { "" }
    );
    let key = format!("/?{}", visit.query);
    visit
        .kept(&key, || async {
            let list = services::topics::list(&visit.state, None, lang).await?;
            Ok((Page::Topics(list), about()))
        })
        .await
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
