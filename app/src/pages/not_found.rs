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
