//! The shell every page shares: skip link, header with the account menu,
//! main landmark, footer, and the routes.

use crate::auth::Auth;
use crate::nav::{self, Route};
use crate::pages;
use crate::pages::account_form::with_next;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let location = nav::provide();
    Auth::provide();
    // Never leave a resident on the static first view if a page forgets.
    set_timeout(ready, std::time::Duration::from_secs(6));
    // A page is made again only when the route changes, not the query.
    let route = Memo::new(move |_| Route::of(&location.path.get()));
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Header/>
        <main id="main" tabindex="-1">
            {move || match route.get() {
                Route::Topics => view! { <pages::topics::TopicsPage/> }.into_any(),
                Route::Topic(slug) => view! { <pages::topic::TopicPage slug/> }.into_any(),
                Route::SignIn => view! { <pages::sign_in::SignInPage/> }.into_any(),
                Route::Register => view! { <pages::register::RegisterPage/> }.into_any(),
                Route::Account => view! { <pages::account::AccountPage/> }.into_any(),
                Route::NotFound => view! { <pages::not_found::NotFound/> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>"Pulse — feedback is shared with city leaders."</p>
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = Auth::get();
    let location = nav::use_location();
    // Signing in from any page comes back to it (but not to the forms).
    let here = move || {
        let path = location.path.get();
        let query = location.query.get();
        if path == "/sign-in" || path == "/register" {
            "/".to_string()
        } else if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    view! {
        <header class="site-header">
            <a href="/" class="brand">"Pulse"</a>
            <nav aria-label="Account">
                {move || match auth.account.get() {
                    Some(account) => view! {
                        <a href="/account">{format!("{} (account)", account.display_name)}</a>
                    }
                    .into_any(),
                    None => view! {
                        <a href=move || with_next("/sign-in", &here())>"Sign in"</a>
                        " "
                        <a href=move || with_next("/register", &here()) class="button-link">"Create account"</a>
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
