//! Times as a resident reads them, in the topic's time zone (the sentences
//! of `policy` say when a topic opens and closes).

use pulse_api::Timestamp;
use pulse_api::i18n::{Arg, DateParts, Lang};

/// "Thursday, December 3, 2026 at 9:00 AM CST", in the topic's time zone
/// (UTC when the zone is unknown to this machine), in English: for mail
/// and the server's own sentences.
pub fn human_time(at: Timestamp, time_zone: &str) -> String {
    written(at, time_zone, Lang::En, true)
}

/// "December 3, 2026 at 9:00 AM CST": a date as the pages show it, in the
/// topic's time zone (UTC when the zone is unknown to this machine), as
/// `lang` writes it.
pub fn date_time(at: Timestamp, time_zone: &str, lang: Lang) -> String {
    written(at, time_zone, lang, false)
}

/// "Thursday, December 3, 2026 at 9:00 AM CST" as a placeholder's value,
/// said in the reader's language: for the server's own sentences.
pub fn when(at: Timestamp, time_zone: &str) -> Arg {
    match parts(at, time_zone) {
        Some(parts) => Arg::Date(parts),
        None => Arg::Text(at.to_string()),
    }
}

fn written(at: Timestamp, time_zone: &str, lang: Lang, weekday: bool) -> String {
    match parts(at, time_zone) {
        Some(parts) => lang.date_time(&parts, weekday),
        None => at.to_string(),
    }
}

fn parts(at: Timestamp, time_zone: &str) -> Option<DateParts> {
    let ts = jiff::Timestamp::from_second(at.0).ok()?;
    let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let zoned = ts.to_zoned(tz);
    Some(DateParts {
        year: i32::from(zoned.year()),
        month: zoned.month().unsigned_abs(),
        day: zoned.day().unsigned_abs(),
        weekday: zoned.weekday().to_monday_one_offset().unsigned_abs(),
        hour: zoned.hour().unsigned_abs(),
        minute: zoned.minute().unsigned_abs(),
        zone: zoned.strftime("%Z").to_string(),
    })
}

/// A wall time as a `datetime-local` field sends it ("2027-01-12T18:00",
/// seconds optional), read in the topic's time zone: `None` when it is not
/// one, or the zone is unknown (a form sent without the app).
pub fn wall_time(text: &str, time_zone: &str) -> Option<Timestamp> {
    let civil: jiff::civil::DateTime = text.trim().parse().ok()?;
    let tz = jiff::tz::TimeZone::get(time_zone).ok()?;
    let zoned = civil.to_zoned(tz).ok()?;
    Some(Timestamp(zoned.timestamp().as_second()))
}

/// Whether `name` is a time zone this server knows (IANA, e.g. America/Chicago).
pub fn is_known_zone(name: &str) -> bool {
    jiff::tz::TimeZone::get(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_people_write_them_in_the_topic_zone() {
        // 2026-12-03T15:00:00Z is 9:00 in the morning in Minnesota.
        let at = pulse_api::Timestamp::parse_rfc3339("2026-12-03T15:00:00Z").unwrap();
        assert_eq!(
            human_time(at, "America/Chicago"),
            "Thursday, December 3, 2026 at 9:00 AM CST"
        );
        assert!(human_time(at, "Nowhere/Special").ends_with("3:00 PM UTC"));
        assert_eq!(
            date_time(at, "America/Chicago", Lang::En),
            "December 3, 2026 at 9:00 AM CST"
        );
        assert_eq!(
            date_time(at, "America/Chicago", Lang::Es),
            "3 de diciembre de 2026, 9:00 a. m. CST"
        );
        assert!(is_known_zone("America/Chicago"));
        assert_eq!(wall_time("2026-12-03T09:00", "America/Chicago"), Some(at));
        assert_eq!(
            wall_time("2026-12-03T09:00:00", "America/Chicago"),
            Some(at)
        );
        assert_eq!(wall_time("tomorrow", "America/Chicago"), None);
        assert!(!is_known_zone("Nowhere/Special"));
    }
}
