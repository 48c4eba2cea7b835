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

/// Something could not be shown or done, and why: a heading (`title`;
/// "There is a problem" if none), the server's sentence, and a way on.
#[component]
pub fn Problem(message: String, #[prop(optional)] title: Option<M>) -> impl IntoView {
    let title = t(title.unwrap_or(M::ThereIsAProblem));
    set_title(title);
    view! {
        <h1>{title}</h1>
        <p class="error" role="alert">{message}</p>
        <p><a href="/">{t(M::SeeAllTopics)}</a></p>
    }
}
