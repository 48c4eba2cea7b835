//! The Pulse client: a Leptos app rendered in the browser. Every request
//! goes through `api.rs`; each page is one file under `pages/`.

mod api;
mod app;
mod auth;
mod format;
mod markdown;
mod pages;

use wasm_bindgen::JsCast;

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // The page shows a loading note until the app takes over.
    root.set_inner_html("");
    leptos::mount::mount_to(root, app::App).forget();
}
