use crate::app::set_title;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Page not found");
    crate::app::ready_after_render();
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address. " <A href="/">"See all topics"</A> "."</p>
    }
}
