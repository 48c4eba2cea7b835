//! Markdown from residents and hosts, rendered by the shared safe renderer
//! (raw HTML shown as text, unsafe links dropped) and only then put into
//! the page.

use leptos::prelude::*;

#[component]
pub fn Markdown(
    #[prop(into)] text: String,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let html = pulse_api::markdown::to_safe_html(&text);
    view! { <div class=format!("prose {class}") inner_html=html></div> }
}
