//! The shell every page shares: skip link, header with the account menu,
//! main landmark, footer, and the routes.

use crate::auth::Auth;
use crate::pages;
use crate::pages::register::with_next;
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    Auth::provide();
    // Never leave a resident on the static first view if a page forgets.
    set_timeout(ready, std::time::Duration::from_secs(6));
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::topics::TopicsPage/>
                    <Route path=path!("/topics/:slug") view=pages::topic::TopicPage/>
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage/>
                    <Route path=path!("/register") view=pages::register::RegisterPage/>
                    <Route path=path!("/account") view=pages::account::AccountPage/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Pulse — feedback is shared with city leaders."</p>
            </footer>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = Auth::get();
    let location = use_location();
    // Signing in from any page comes back to it (but not to the forms).
    let here = move || {
        let path = location.pathname.get();
        if path == "/sign-in" || path == "/register" {
            "/".to_string()
        } else {
            path + &location.search.get()
        }
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">"Pulse"</A>
            <nav aria-label="Account">
                {move || match auth.account.get() {
                    Some(account) => view! {
                        <A href="/account">{format!("{} (account)", account.display_name)}</A>
                    }
                    .into_any(),
                    None => view! {
                        <A href=move || with_next("/sign-in", &here())>"Sign in"</A>
                        " "
                        <A href=move || with_next("/register", &here()) attr:class="button-link">"Create account"</A>
                    }
                    .into_any(),
                }}
            </nav>
        </header>
    }
}

/// Shows the app in place of the server's first view. Pages call it once
/// their first data has rendered; pages without data, at once.
pub fn ready() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(live) = document.get_element_by_id("live") else {
        return;
    };
    if live.has_attribute("hidden") {
        if let Some(first_view) = document.get_element_by_id("app") {
            first_view.remove();
        }
        let _ = live.remove_attribute("hidden");
    }
}

/// Calls [`ready`] after the next paint of what was just rendered.
pub fn ready_after_render() {
    request_animation_frame(ready);
}

/// Sets the document title, which screen readers announce on navigation.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{title} · Pulse"));
    }
}
