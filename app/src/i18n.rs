//! The words of the interface in the reader's language (see
//! `pulse_api::i18n`). The server chooses the language — the reader's own
//! choice from the header's switch, else the browser's `Accept-Language` —
//! and writes it in `<html lang>`; the app reads it from there, so the
//! server's first view and the app always agree.

use pulse_api::i18n::{Lang, Msg};
use std::cell::Cell;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language pages are rendered in.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// A `lang` attribute for text written in `written`: its code where the
/// page is in another language, else none.
pub fn mark(written: Lang) -> Option<&'static str> {
    (written != lang()).then_some(written.code())
}

/// A `lang` attribute for the city's text as written (polls, the host
/// card, its pages: what it does not translate), where the page is in
/// another language.
pub fn city_lang() -> Option<&'static str> {
    mark(Lang::ORIGINAL)
}

/// Renders in `lang` from now on (the app at start; the server around
/// each page it renders).
pub fn set(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The language `<html lang>` names; English when it names none Pulse has.
pub fn from_document() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|tag| Lang::parse(&tag))
        .unwrap_or_default()
}

/// Reads the words of the page's language, if not English, from the data
/// the server put in the page (`<script id="pulse-messages">`): only
/// English is built into the app. Only data from the same catalogue (its
/// `data-catalogue`) is taken.
pub fn install_from_document() {
    if lang() == Lang::En {
        return;
    }
    // Words from a server built from another catalogue would be shifted:
    // English is better than the wrong words.
    let texts = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("pulse-messages"))
        .filter(|e| {
            e.get_attribute("data-catalogue").as_deref() == Some(pulse_api::i18n::CATALOGUE_ID)
        })
        .and_then(|e| e.text_content())
        .and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok());
    #[cfg(target_arch = "wasm32")]
    if let Some(texts) = texts {
        pulse_api::i18n::install(texts);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = texts;
}

/// A message's text.
pub fn t(msg: Msg) -> &'static str {
    lang().text(msg)
}

/// A message's text with its placeholders filled.
pub fn tf(msg: Msg, args: &[(&str, &str)]) -> String {
    lang().fill(msg, args)
}

/// `msg` said of the number `n`: its `{ $n }` filled, its plural chosen.
pub fn count(n: i64, msg: Msg) -> String {
    lang().count(n, msg)
}

/// What a shared check said (`pulse_api::validate`), in the reader's language.
pub fn say(said: &pulse_api::i18n::Said) -> String {
    lang().say(said)
}
