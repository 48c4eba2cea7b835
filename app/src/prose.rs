//! Text residents and hosts wrote in Markdown, shown as the HTML the server
//! rendered from it with the shared safe renderer
//! (`pulse_api::markdown::to_safe_html`: raw HTML shown as text, unsafe
//! links dropped, images reduced to their description). Rendering once on
//! the server keeps a Markdown parser out of the WASM every phone downloads.

use leptos::prelude::*;

/// `city`: the text is the city's as written (an official answer), in its
/// language, which a screen reader is told when the page is in another.
#[component]
pub fn Prose(
    #[prop(into)] html: String,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] city: bool,
    /// The language it is in (a comment's author's, a translated draft's),
    /// marked where it is not the page's.
    #[prop(optional)]
    written_in: Option<pulse_api::i18n::Lang>,
) -> impl IntoView {
    let lang = match written_in {
        Some(written) => Some(written.code()).filter(|code| *code != crate::i18n::lang().code()),
        None if city => crate::i18n::city_lang(),
        None => None,
    };
    view! { <div class=format!("prose {class}") lang=lang inner_html=html></div> }
}
