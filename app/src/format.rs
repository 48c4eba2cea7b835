//! Dates and durations for people: in the topic's own time zone, by the
//! browser's `Intl`, so no time-zone data is shipped in the WASM.

use pulse_api::Timestamp;
use wasm_bindgen::JsValue;

/// "December 3, 2026 at 9:00 AM CST", in the topic's zone whatever the phone's.
pub fn date_time(at: Timestamp, time_zone: &str) -> String {
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
    let date = js_sys::Date::new(&JsValue::from_f64(at.0 as f64 * 1000.0));
    let text = date.to_locale_string("en-US", &options);
    let text: String = text.into();
    if text.is_empty() || text == "Invalid Date" {
        at.to_string()
    } else {
        text
    }
}

/// "3 days", "5 hours", "12 minutes": the whole units left, largest first.
pub fn duration(seconds: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let seconds = seconds.max(0);
    if seconds >= 2 * 86_400 {
        plural(seconds / 86_400, "day")
    } else if seconds >= 2 * 3600 {
        plural(seconds / 3600, "hour")
    } else if seconds >= 60 {
        plural(seconds / 60, "minute")
    } else {
        "less than a minute".to_string()
    }
}

/// "0 comments", "1 comment", "12 comments".
pub fn comments(n: i64) -> String {
    if n == 1 {
        "1 comment".to_string()
    } else {
        format!("{n} comments")
    }
}
