//! Text residents and hosts wrote in Markdown, shown as the HTML the server
//! rendered from it with the shared safe renderer
//! (`pulse_api::markdown::to_safe_html`: raw HTML shown as text, unsafe
//! links dropped, images reduced to their description). Rendering once on
//! the server keeps a Markdown parser out of the WASM every phone downloads.

use leptos::prelude::*;

#[component]
pub fn Prose(#[prop(into)] html: String, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! { <div class=format!("prose {class}") inner_html=html></div> }
}
