//! The Pulse client: a Leptos app rendered in the browser. Every request
//! goes through `api.rs`; each page is one file under `pages/`. Two bundles
//! are built from this library (see `main.rs` and `bin/host.rs`), each with
//! its own pages and the same shell.

// The topic page's view type is deep: rendering it as one of several pages
// (`ssr.rs`) needs more than the default.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod auth;
pub mod city;
pub mod format;
pub mod forms;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod prose;
#[cfg(not(target_arch = "wasm32"))]
pub mod ssr;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether this build runs in the browser. The server's rendering of a page
/// (`ssr.rs`) shows its text and links, but no buttons: nothing would
/// answer them until the app has loaded.
pub const LIVE: bool = cfg!(target_arch = "wasm32");

/// Mounts the app with `pages`, the pages this bundle has.
pub fn mount(pages: fn(nav::Route) -> Option<AnyView>) {
    // The server sends the page's first view as HTML in #app. The app
    // renders apart from the page, and `app::ready` puts it in the first
    // view's place once the app's own first view has its data: no blank
    // page, no jump, and never two copies of the page at once.
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(live) = document
        .create_element("div")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    live.set_id("live");
    app::keep_apart(live.clone());
    i18n::set(i18n::from_document());
    i18n::install_from_document();
    leptos::mount::mount_to(live, move || view! { <app::App pages/> }).forget();
}
