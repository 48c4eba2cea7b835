//! The shell every page shares: skip link, header with the account menu,
//! main landmark, footer, and the routes.

use crate::auth::Auth;
use crate::forms::Token;
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
        <Shell>
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
        </Shell>
    }
}

/// What is around every page, in the app and as the server renders it:
/// skip link, header, the page in `<main>`, footer.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t(M::SkipToContent)}</a>
        <Header/>
        <main id="main" tabindex="-1">{children()}</main>
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
                        {(account.role == pulse_api::wire::Role::Admin).then(|| view! {
                            <a href="/admin">{t(M::AdminLink)}</a> " "
                        })}
                        {(account.role == pulse_api::wire::Role::Admin || !account.hosts.is_empty()).then(|| view! {
                            <a href="/host">{t(M::YourDesk)}</a> " "
                        })}
                        <a href="/account">{tf(M::AccountLink, &[("name", &account.display_name)])}</a>
                        " "
                        // Signing out keeps the reader where they are.
                        <form class="sign-out-form" method="post" action="/sign-out" on:submit=move |ev| {
                            ev.prevent_default();
                            leptos::task::spawn_local(async move {
                                if crate::api::sign_out().await.is_ok() {
                                    auth.account.set(None);
                                }
                            });
                        }>
                            <Token/>
                            <input type="hidden" name="next" value=here/>
                            <button type="submit" class="link-button">{t(M::SignOut)}</button>
                        </form>
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

thread_local! {
    // The app, rendered apart from the page until it is ready to be shown.
    static APART: std::cell::RefCell<Option<web_sys::HtmlElement>> =
        const { std::cell::RefCell::new(None) };
}

/// Keeps `live`, where the app renders, apart from the page until
/// [`ready`] puts it in the first view's place.
pub fn keep_apart(live: web_sys::HtmlElement) {
    APART.with(|a| *a.borrow_mut() = Some(live));
    watch_presses();
}

thread_local! {
    // A finger or a button is down on the page, and [`ready`] waits for it.
    static PRESSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static WAITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A press is not lost to the swap: put in place between a press and its
/// release, the app would take the element pressed away, and the browser
/// sends the click to neither (a tap on a link that does nothing). So
/// while something is pressed the swap waits for the click (or, if none
/// comes — a drag, a scroll — a moment after the release).
fn watch_presses() {
    use leptos::ev;
    let press = window_event_listener(ev::pointerdown, |_| PRESSED.with(|p| p.set(true)));
    let release = |_| {
        PRESSED.with(|p| p.set(false));
        if WAITING.with(std::cell::Cell::get) {
            set_timeout(resume, std::time::Duration::from_millis(400));
        }
    };
    let up = window_event_listener(ev::pointerup, release);
    let cancel = window_event_listener(ev::pointercancel, release);
    // After the click's own listeners (a link followed in the app).
    let click = window_event_listener(ev::click, |_| {
        if WAITING.with(std::cell::Cell::get) {
            set_timeout(resume, std::time::Duration::ZERO);
        }
    });
    // As long as the page: the swap is once, but a listener costs nothing.
    std::mem::forget((press, up, cancel, click));
}

/// [`ready`], if it still waits.
fn resume() {
    if WAITING.with(std::cell::Cell::get) && !PRESSED.with(std::cell::Cell::get) {
        ready();
    }
}

/// Shows the app in place of the server's first view. Pages call it once
/// their first data has rendered; pages without data, at once.
pub fn ready() {
    // The server's rendering is the first view itself.
    if !crate::LIVE {
        return;
    }
    if PRESSED.with(std::cell::Cell::get) {
        WAITING.with(|w| w.set(true));
        return;
    }
    WAITING.with(|w| w.set(false));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(live) = APART.with(|a| a.borrow_mut().take()) {
        // The reader keeps their place: the element they were reading in
        // the server's first view stays where it was on the screen.
        // What they typed in its forms goes on with them, and so does the
        // focus.
        let kept = document.get_element_by_id("app").map(|first_view| {
            let place = crate::nav::place_in(&first_view);
            let typed = carry_typing(&first_view, &live);
            let _ = first_view.replace_with_with_node_1(&live);
            (place, typed)
        });
        if kept.is_none()
            && let Some(body) = document.body()
        {
            let _ = body.append_child(&live);
        }
        if let Some((place, focus)) = kept {
            if let Some(place) = place {
                crate::nav::keep_place(&place);
            }
            if let Some(focus) = focus {
                let _ = focus.focus();
            }
        }
    }
    // Said on the page, for tests that act through the app itself.
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
    // A link to a place the first view did not have (an open thread, a
    // poll), or one followed in the app: go there now.
    crate::nav::land_on_hash();
}

/// Copies what was typed, chosen, ticked and opened in the first view's
/// fields (by id) into the app's same fields, telling the app as the
/// reader's own input would; returns the app's field to focus if the
/// reader was in one of them.
fn carry_typing(
    first_view: &web_sys::Element,
    live: &web_sys::Element,
) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::{JsCast, JsValue};
    let active = web_sys::window()?
        .document()?
        .active_element()
        .map(|a| a.id())
        .unwrap_or_default();
    let fields = first_view
        .query_selector_all("input[id]:not([type=hidden]), textarea[id], select[id]")
        .ok()?;
    let read = |e: &web_sys::Element, key: &str| js_sys::Reflect::get(e, &key.into()).ok();
    let mut focus = None;
    for i in 0..fields.length() {
        let Some(field) = fields
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let id = field.id();
        let Ok(Some(twin)) = live.query_selector(&format!("#{id}")) else {
            continue;
        };
        let kind = field.get_attribute("type").unwrap_or_default();
        let key = if kind == "checkbox" || kind == "radio" {
            "checked"
        } else {
            "value"
        };
        let (Some(was), Some(is)) = (read(&field, key), read(&twin, key)) else {
            continue;
        };
        let blank = was.as_string().is_some_and(|v| v.is_empty());
        if !blank && !JsValue::eq(&was, &is) {
            let _ = js_sys::Reflect::set(&twin, &key.into(), &was);
            for name in ["input", "change"] {
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = web_sys::Event::new_with_event_init_dict(name, &init) {
                    let _ = twin.dispatch_event(&event);
                }
            }
        }
        if id == active {
            focus = twin.dyn_into::<web_sys::HtmlElement>().ok();
        }
    }
    // What the reader opened (a reply's form, a flag's) stays open.
    if let Ok(open) = first_view.query_selector_all("details[open]") {
        for i in 0..open.length() {
            let Some(details) = open
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Ok(Some(inner)) = details.query_selector("[id]") else {
                continue;
            };
            if let Ok(Some(twin)) = live.query_selector(&format!("#{}", inner.id()))
                && let Ok(Some(twin)) = twin.closest("details")
            {
                let _ = twin.set_attribute("open", "");
            }
        }
    }
    // Or wherever else the focus was (a form's summary of its mistakes).
    if focus.is_none()
        && !active.is_empty()
        && first_view
            .query_selector(&format!("#{active}"))
            .ok()?
            .is_some()
    {
        focus = live
            .query_selector(&format!("#{active}"))
            .ok()?
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    }
    focus
}

/// Calls [`ready`] after the next paint of what was just rendered.
pub fn ready_after_render() {
    if !crate::LIVE {
        return;
    }
    request_animation_frame(ready);
}

/// Sets the document title, which screen readers announce on navigation.
/// On the server, the page's title is kept for its `<title>`.
pub fn set_title(title: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&tf(M::TitleSuffix, &[("title", title)]));
    }
    #[cfg(not(target_arch = "wasm32"))]
    TITLE.with(|t| *t.borrow_mut() = title.to_string());
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static TITLE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The title the page rendered last on this thread set (and forgets it).
#[cfg(not(target_arch = "wasm32"))]
pub fn take_title() -> String {
    TITLE.with(|t| std::mem::take(&mut *t.borrow_mut()))
}
