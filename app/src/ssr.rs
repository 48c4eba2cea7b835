//! The first view of a page, rendered to HTML on the server by the very
//! components the browser renders: each page is written once. The server
//! puts it inside `index.html`; the app, once loaded, renders its own and
//! takes its place.

use crate::auth::Auth;
use crate::pages::topic::TopicView;
use leptos::prelude::*;
use pulse_api::i18n::Lang;
use pulse_api::wire::Topic;

/// A topic page as anyone sees it before signing in, at the server's now,
/// in `lang`.
pub fn topic_page(topic: Topic, lang: Lang) -> String {
    let owner = Owner::new();
    owner.with(|| {
        crate::i18n::set(lang);
        Auth::provide_signed_out();
        view! { <TopicView topic/> }.to_html()
    })
}
