//! Navigation without a router crate: the address bar is two signals (path
//! and query), links are ordinary `<a href>` elements whose same-site
//! clicks become `history.pushState`, and the back button replays
//! `popstate`. A router crate brought a URL parser with Unicode tables into
//! the WASM; the few routes Pulse has need none of it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    // Kept here rather than in a Leptos context so that navigation works
    // from event listeners, which run outside any reactive owner.
    static LOCATION: std::cell::Cell<Option<Location>> = const { std::cell::Cell::new(None) };
}

/// The current address.
#[derive(Clone, Copy)]
pub struct Location {
    pub path: RwSignal<String>,
    /// The query string without its `?`.
    pub query: RwSignal<String>,
}

fn window_location() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_else(|| "/".into());
    let search = location.and_then(|l| l.search().ok()).unwrap_or_default();
    (path, search.trim_start_matches('?').to_string())
}

/// Reads the address, follows the back and forward buttons, and turns
/// clicks on same-site links into in-app navigation.
pub fn provide() -> Location {
    let (path, query) = window_location();
    let location = Location {
        path: RwSignal::new(path),
        query: RwSignal::new(query),
    };
    LOCATION.with(|l| l.set(Some(location)));
    let back_and_forward = window_event_listener(ev::popstate, move |_| {
        let (path, query) = window_location();
        location.path.set(path);
        location.query.set(query);
    });
    let links = window_event_listener(ev::click, move |event| follow_link(&event));
    // The app lives as long as the page: keep both listeners.
    std::mem::forget(back_and_forward);
    std::mem::forget(links);
    location
}

/// The address of the page the server is rendering (it has no address bar
/// to read, nor a browser's links to follow).
pub fn provide_static(path: &str, query: &str) -> Location {
    let location = Location {
        path: RwSignal::new(path.to_string()),
        query: RwSignal::new(query.to_string()),
    };
    LOCATION.with(|l| l.set(Some(location)));
    location
}

/// The address [`provide`] set up.
pub fn use_location() -> Location {
    LOCATION
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| Location {
            path: RwSignal::new("/".into()),
            query: RwSignal::new(String::new()),
        })
}

fn follow_link(event: &web_sys::MouseEvent) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let Some(anchor) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return;
    }
    let Some(here) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    if anchor.origin() != here.origin().unwrap_or_default() {
        return;
    }
    let (path, search) = (anchor.pathname(), anchor.search());
    // A link to a place on this same page is the browser's to follow.
    if path == here.pathname().unwrap_or_default() && search == here.search().unwrap_or_default() {
        return;
    }
    event.prevent_default();
    navigate(&format!("{path}{search}{}", anchor.hash()));
}

/// Goes to `to` (a path on this site, with query and fragment if any).
pub fn navigate(to: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
    }
    let location = use_location();
    let (path, query) = window_location();
    let new_page = location.path.get_untracked() != path;
    location.path.set(path);
    location.query.set(query);
    if new_page {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The value of `name` in the query string, decoded.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then(|| pulse_api::links::decode_component(value))
    })
}

/// The pages Pulse has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Topics,
    Topic(String),
    TopicHost(String),
    /// `/host`: the host's desk, across their topics.
    Desk,
    /// `/admin`: every topic, for admins.
    Admin,
    /// `/admin/topics/new`: a new topic's form.
    NewTopic,
    /// `/admin/topics/{slug}/edit`: a topic's edit form.
    EditTopic(String),
    TopicReport(String),
    /// `/topics/{slug}/record`: the topic's public record, for people.
    TopicRecord(String),
    /// `/topics/{slug}/revise`: publishing a revision of the draft.
    TopicRevise(String),
    /// `/topics/{slug}/versions/{n}`: an earlier version of the draft.
    TopicVersion(String, i64),
    /// `/topics/{slug}/versions/{n}/changes`: what version n changed.
    TopicChanges(String, i64),
    SignIn,
    Register,
    Account,
    /// `/account/verify?token=`: a mailed link confirming the address.
    VerifyEmail,
    /// `/subscriptions/confirm?token=`: a mailed link starting notices.
    ConfirmSubscription,
    /// `/unsubscribe/TOKEN`: a notice's link to stop them.
    Unsubscribe(String),
    /// `/reset-password`, with `?token=` from the mailed link.
    ResetPassword,
    /// `/pages/{slug}`: one of the city's own pages (privacy, …).
    CityPage(String),
    NotFound,
}

impl Route {
    /// The page at `path` (its parts decoded as the browser does).
    pub fn of(path: &str) -> Route {
        Route::read(path, |part| {
            // A path's `+` is a plus, not a space.
            pulse_api::links::decode_component(&part.replace('+', "%2B"))
        })
    }

    /// Whether `path` is a page Pulse has, by its shape (which topic a slug
    /// names is its page's to find): the server answers any other address
    /// `404`, with the app's not-found page.
    pub fn exists(path: &str) -> bool {
        Route::read(path, str::to_string) != Route::NotFound
    }

    /// The page at `path`, its parts decoded by `decode` (the server's own).
    pub fn read(path: &str, decode: impl Fn(&str) -> String) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Topics,
            ["topics", slug] => Route::Topic(decode(slug)),
            ["topics", slug, "host"] => Route::TopicHost(decode(slug)),
            ["host"] => Route::Desk,
            ["admin"] => Route::Admin,
            ["admin", "topics", "new"] => Route::NewTopic,
            ["admin", "topics", slug, "edit"] => Route::EditTopic(decode(slug)),
            ["topics", slug, "report"] => Route::TopicReport(decode(slug)),
            ["topics", slug, "record"] => Route::TopicRecord(decode(slug)),
            ["topics", slug, "revise"] => Route::TopicRevise(decode(slug)),
            ["topics", slug, "versions", n] => match version_number(n) {
                Some(n) => Route::TopicVersion(decode(slug), n),
                None => Route::NotFound,
            },
            ["topics", slug, "versions", n, "changes"] => match version_number(n) {
                Some(n) => Route::TopicChanges(decode(slug), n),
                None => Route::NotFound,
            },
            ["sign-in"] => Route::SignIn,
            ["register"] => Route::Register,
            ["account"] => Route::Account,
            ["account", "verify"] => Route::VerifyEmail,
            ["subscriptions", "confirm"] => Route::ConfirmSubscription,
            ["unsubscribe", token] => Route::Unsubscribe(decode(token)),
            ["reset-password"] => Route::ResetPassword,
            ["pages", slug] => Route::CityPage(decode(slug)),
            _ => Route::NotFound,
        }
    }
}

/// A version's number in an address: 1 and up, digits only.
fn version_number(text: &str) -> Option<i64> {
    (text.bytes().all(|b| b.is_ascii_digit()) && text.len() <= 6)
        .then(|| text.parse().ok())
        .flatten()
        .filter(|n| *n >= 1)
}

/// Where the reader is on the page: the id of the element they are reading
/// (the last with an id whose top is above the viewport's upper quarter)
/// and how far from the viewport's top it is.
pub struct Place {
    id: String,
    top: f64,
    /// Whether the address's `#fragment` named this element.
    was_hash: bool,
}

thread_local! {
    // The address whose #fragment was last landed on, so each is landed on
    // once and a reader who then scrolls away is left alone.
    static LANDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn href_and_hash() -> Option<(String, String)> {
    // The server renders pages with no address bar (and no browser to ask).
    if !crate::LIVE {
        return None;
    }
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    let hash = location.hash().ok()?;
    Some((href, hash.trim_start_matches('#').to_string()))
}

/// The reader's place in `root` (the server's first view), if they have
/// scrolled or arrived at a `#fragment`.
pub fn place_in(root: &web_sys::Element) -> Option<Place> {
    let window = web_sys::window()?;
    let height = window.inner_height().ok()?.as_f64()?;
    let scrolled = window.scroll_y().unwrap_or(0.0);
    let (_, hash) = href_and_hash().unwrap_or_default();
    if scrolled < 1.0 && hash.is_empty() {
        return None;
    }
    let candidates = root.query_selector_all("[id]").ok()?;
    let mut best: Option<(String, f64)> = None;
    for i in 0..candidates.length() {
        let Some(element) = candidates
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let top = element.get_bounding_client_rect().top();
        if top <= height / 4.0 {
            best = Some((element.id(), top));
        } else {
            break;
        }
    }
    let (id, top) = best?;
    Some(Place {
        was_hash: !hash.is_empty() && id == hash,
        id,
        top,
    })
}

/// Scrolls so that the element of `place` is where it was.
pub fn keep_place(place: &Place) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(element) = window
        .document()
        .and_then(|d| d.get_element_by_id(&place.id))
    else {
        return;
    };
    let now = element.get_bounding_client_rect().top();
    window.scroll_by_with_x_and_y(0.0, now - place.top);
    if place.was_hash {
        LANDED.with(|l| *l.borrow_mut() = href_and_hash().unwrap_or_default().0);
    }
}

/// Brings the element the address's `#fragment` names to the top of the
/// screen, once per address: a section, an open thread (`#thread-…`), a
/// poll (`#poll-…`).
pub fn land_on_hash() {
    let Some((href, hash)) = href_and_hash() else {
        return;
    };
    if hash.is_empty() || LANDED.with(|l| *l.borrow() == href) {
        return;
    }
    let target = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&hash));
    if let Some(target) = target {
        target.scroll_into_view();
        LANDED.with(|l| *l.borrow_mut() = href);
    }
}

/// Whether the address's `#fragment` is `id` (a thread to open on arrival).
pub fn hash_is(id: &str) -> bool {
    href_and_hash().is_some_and(|(_, hash)| hash == id)
}
