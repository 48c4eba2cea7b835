//! The shell every page shares: skip link, header with the account menu,
//! main landmark, footer, and the routes.

use crate::auth::Auth;
use crate::i18n::{lang, t, tf};
use crate::nav::{self, Route};
use crate::pages::account_form::with_next;
use leptos::prelude::*;
use pulse_api::i18n::{Lang, Msg as M};

/// The shell around `pages`, the pages of this bundle; a route it does not
/// have is loaded afresh from the server, which sends the other bundle.
#[component]
pub fn App(pages: fn(Route) -> Option<AnyView>) -> impl IntoView {
    let location = nav::provide();
    Auth::provide();
    // Never leave a resident on the static first view if a page forgets.
    set_timeout(ready, std::time::Duration::from_secs(6));
    // A page is made again only when the route changes, not the query.
    let route = Memo::new(move |_| Route::of(&location.path.get()));
    // The server sends the right bundle for the address it is asked for, so
    // only a page reached in the app is reloaded: never a loop.
    let first_page = StoredValue::new(true);
    view! {
        <a class="skip-link" href="#main">{t(M::SkipToContent)}</a>
        <Header/>
        <main id="main" tabindex="-1">
            {move || {
                let first = first_page.get_value();
                first_page.set_value(false);
                pages(route.get()).unwrap_or_else(|| {
                    if first {
                        ready();
                        return view! { <p class="error" role="alert">{t(M::PageNotShown)}</p> }.into_any();
                    }
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                    view! { <p class="loading" role="status">{t(M::Loading)}</p> }.into_any()
                })
            }}
        </main>
        <Footer/>
    }
}

#[component]
fn Header() -> impl IntoView {
    let auth = Auth::get();
    let city = crate::city::city();
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
            // As the server writes it (`City::brand`).
            <a href="/" class="brand">
                {city.logo.map(|src| view! { <img class="city-logo" src=src alt=city.name.clone() width="40" height="40"/> " " })}
                "Pulse"
            </a>
            <LanguageSwitch/>
            <nav aria-label=t(M::NavAccount)>
                {move || match auth.account.get() {
                    Some(account) => view! {
                        <a href="/account">{tf(M::AccountLink, &[("name", &account.display_name)])}</a>
                        " "
                        // Signing out keeps the reader where they are.
                        <button type="button" class="link-button" on:click=move |_| {
                            leptos::task::spawn_local(async move {
                                if crate::api::sign_out().await.is_ok() {
                                    auth.account.set(None);
                                }
                            });
                        }>{t(M::SignOut)}</button>
                    }
                    .into_any(),
                    None => view! {
                        <a href=move || with_next("/sign-in", &here())>{t(M::SignIn)}</a>
                        " "
                        <a href=move || with_next("/register", &here()) class="button-link">{t(M::CreateAccount)}</a>
                    }
                    .into_any(),
                }}
            </nav>
        </header>
    }
}

/// What the site is and whose: the city's website and its own pages (as
/// `city_pages.rs` writes the server's).
#[component]
fn Footer() -> impl IntoView {
    let city = crate::city::city();
    let label = |slug: &str| pulse_api::wire::city_page_name(slug).map_or("", t);
    view! {
        <footer class="site-footer">
            <p>{t(M::FooterShared)}</p>
            <nav aria-label=t(M::AboutThisSite)>
                <ul class="footer-links">
                    {city.website.clone().map(|href| view! { <li><a href=href>{city.name.clone()}</a></li> })}
                    {city.pages.iter().map(|slug| view! {
                        <li><a href=format!("/pages/{slug}")>{label(slug)}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
        </footer>
    }
}

/// A link to the page in the other language: the server remembers the
/// choice in a cookie and sends the page again (a full load, so the
/// server's first view and the app change together).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let location = nav::use_location();
    let other = if lang() == Lang::En {
        Lang::Es
    } else {
        Lang::En
    };
    let href = move || {
        let (path, query) = (location.path.get(), location.query.get());
        let here = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        format!(
            "/language/{}?next={}",
            other.code(),
            pulse_api::links::encode_component(&here)
        )
    };
    view! {
        <nav class="language" aria-label=t(M::NavLanguage)>
            <a href=href lang=other.code() hreflang=other.code() target="_self">{other.name()}</a>
        </nav>
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
        // The reader keeps their place: the element they were reading in
        // the server's first view stays where it was on the screen.
        let kept = document.get_element_by_id("app").map(|first_view| {
            let place = crate::nav::place_in(&first_view);
            first_view.remove();
            place
        });
        let _ = live.remove_attribute("hidden");
        if let Some(Some(place)) = kept {
            crate::nav::keep_place(&place);
        }
    }
    // A link to a place the first view did not have (an open thread, a
    // poll), or one followed in the app: go there now.
    crate::nav::land_on_hash();
}

/// Calls [`ready`] after the next paint of what was just rendered.
pub fn ready_after_render() {
    request_animation_frame(ready);
}

/// Sets the document title, which screen readers announce on navigation.
/// (The server writes the title of the pages it renders itself.)
pub fn set_title(title: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&tf(M::TitleSuffix, &[("title", title)]));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = title;
}
