use crate::app::set_title;
use crate::i18n::t;
use leptos::prelude::*;
use pulse_api::i18n::Msg as M;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title(t(M::PageNotFound));
    crate::app::ready_after_render();
    view! {
        <h1>{t(M::PageNotFound)}</h1>
        <p>{t(M::NothingHere)} " " <a href="/">{t(M::SeeAllTopics)}</a></p>
    }
}

/// Something sent could not be done, and no form of its own can be shown
/// again to say so: what went wrong, and a way on.
#[component]
pub fn Problem(message: String) -> impl IntoView {
    set_title(t(M::ThereIsAProblem));
    view! {
        <h1>{t(M::ThereIsAProblem)}</h1>
        <p class="error" role="alert">{message}</p>
        <p><a href="/">{t(M::SeeAllTopics)}</a></p>
    }
}
