//! The city whose Pulse this is: its name, website and own pages, as the
//! server wrote them in `<head>` (`<meta name="pulse-city">`), read once;
//! on the server, as it says ([`set`]).

use std::cell::RefCell;

/// What the footer shows of the city.
#[derive(Clone, Default)]
pub struct City {
    pub name: String,
    pub website: Option<String>,
    /// The slugs of the pages the city has written.
    pub pages: Vec<String>,
    /// Where its logo is served, if it has one.
    pub logo: Option<String>,
}

thread_local! {
    static CITY: RefCell<Option<City>> = const { RefCell::new(None) };
}

/// Sets the city for what is rendered next on this thread (the server,
/// around each page it renders; it knows the city without a page to read).
pub fn set(city: City) {
    CITY.with(|c| *c.borrow_mut() = Some(city));
}

/// The city, from the page the server sent.
pub fn city() -> City {
    if let Some(known) = CITY.with(|c| c.borrow().clone()) {
        return known;
    }
    let meta = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=pulse-city]").ok().flatten());
    let read = |name: &str| {
        meta.as_ref()
            .and_then(|m| m.get_attribute(name))
            .unwrap_or_default()
    };
    let website = read("data-website");
    let found = City {
        name: read("content"),
        website: pulse_api::links::safe_href(&website).filter(|w| !w.is_empty()),
        pages: read("data-pages")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        logo: pulse_api::links::local_path(&read("data-logo")).filter(|l| l != "/"),
    };
    CITY.with(|c| *c.borrow_mut() = Some(found.clone()));
    found
}
