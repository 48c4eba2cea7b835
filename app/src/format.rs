//! Dates and durations for people: in the topic's own time zone, by the
//! browser's `Intl`, so no time-zone data is shipped in the WASM. On the
//! server, by the server's own formatting (`set_date_time`), which writes
//! them the same way.

use crate::i18n::{count, lang, t};
use pulse_api::Timestamp;
use pulse_api::i18n::Msg as M;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsValue;

/// "December 3, 2026 at 9:00 AM CST" (or as the reader's language writes
/// it), in the topic's zone whatever the phone's.
#[cfg(not(target_arch = "wasm32"))]
pub fn date_time(at: Timestamp, time_zone: &str) -> String {
    DATE_TIME.with(|write| match write.get() {
        Some(write) => write(at, time_zone, lang()),
        None => at.to_string(),
    })
}

/// How the server writes a date as the pages show it.
#[cfg(not(target_arch = "wasm32"))]
pub type DateTimeWriter = fn(Timestamp, &str, pulse_api::i18n::Lang) -> String;

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static DATE_TIME: std::cell::Cell<Option<DateTimeWriter>> = const { std::cell::Cell::new(None) };
}

/// Sets how dates are written for what is rendered next on this thread
/// (the server, around each page: `Intl` is the browser's).
#[cfg(not(target_arch = "wasm32"))]
pub fn set_date_time(write: DateTimeWriter) {
    DATE_TIME.with(|w| w.set(Some(write)));
}

#[cfg(target_arch = "wasm32")]
pub fn date_time(at: Timestamp, time_zone: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.0 as f64 * 1000.0));
    let text = formatter(time_zone)
        .and_then(|format| format.call1(&JsValue::NULL, &date).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_default();
    if text.is_empty() || text == "Invalid Date" {
        at.to_string()
    } else {
        text
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    static FORMATTERS: std::cell::RefCell<std::collections::HashMap<String, js_sys::Function>> =
        std::cell::RefCell::default();
}

#[cfg(target_arch = "wasm32")]
/// One `Intl.DateTimeFormat(…).format` per time zone, made once: making one
/// loads the zone's rules, which on a slow phone costs tens of milliseconds
/// each time (it was the page's largest script cost when made per date).
fn formatter(time_zone: &str) -> Option<js_sys::Function> {
    if let Some(found) = FORMATTERS.with(|f| f.borrow().get(time_zone).cloned()) {
        return Some(found);
    }
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    set("timeZone", time_zone);
    set("year", "numeric");
    set("month", "long");
    set("day", "numeric");
    set("hour", "numeric");
    set("minute", "2-digit");
    set("timeZoneName", "short");
    let intl = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: js_sys::Function =
        js_sys::Reflect::get(&intl, &JsValue::from_str("DateTimeFormat"))
            .ok()?
            .into();
    let args = js_sys::Array::of2(&JsValue::from_str(lang().locale()), &options);
    // An unknown zone throws a RangeError: caught here, the date is shown as
    // RFC 3339 instead.
    let format = js_sys::Reflect::construct(&constructor, &args).ok()?;
    let format: js_sys::Function = js_sys::Reflect::get(&format, &JsValue::from_str("format"))
        .ok()?
        .into();
    FORMATTERS.with(|f| f.borrow_mut().insert(time_zone.to_string(), format.clone()));
    Some(format)
}

/// "3 days", "5 hours", "12 minutes": the whole units left, largest first.
pub fn duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds >= 2 * 86_400 {
        count(seconds / 86_400, M::DurationDays)
    } else if seconds >= 2 * 3600 {
        count(seconds / 3600, M::DurationHours)
    } else if seconds >= 60 {
        count(seconds / 60, M::DurationMinutes)
    } else {
        t(M::DurationUnderAMinute).to_string()
    }
}

/// "0 comments", "1 comment", "12 comments".
pub fn comments(n: i64) -> String {
    count(n, M::CommentsCount)
}

/// A comment's author as shown: their name, or "Former participant" for an
/// account since deleted (the server sends no name).
pub fn author(name: &str) -> String {
    if name.is_empty() {
        t(M::FormerParticipant).to_string()
    } else {
        name.to_string()
    }
}
