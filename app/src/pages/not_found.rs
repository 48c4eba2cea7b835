use crate::app::set_title;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Page not found");
    crate::app::ready_after_render();
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address. " <a href="/">"See all topics"</a> "."</p>
    }
}
