//! Times as a resident reads them, in the topic's time zone (the sentences
//! of `policy` say when a topic opens and closes).

use pulse_api::Timestamp;

/// "Thursday, December 3, 2026 at 9:00 AM CST", in the topic's time zone
/// (UTC when the zone is unknown to this machine).
pub fn human_time(at: Timestamp, time_zone: &str) -> String {
    let zoned = jiff::Timestamp::from_second(at.0).map(|ts| {
        let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        ts.to_zoned(tz)
    });
    match zoned {
        Ok(zoned) => zoned.strftime("%A, %B %-d, %Y at %-I:%M %p %Z").to_string(),
        Err(_) => at.to_string(),
    }
}

/// "December 3, 2026 at 9:00 AM CST": a date as the pages show it, in the
/// topic's time zone (UTC when the zone is unknown to this machine).
pub fn date_time(at: Timestamp, time_zone: &str) -> String {
    let zoned = jiff::Timestamp::from_second(at.0).map(|ts| {
        let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        ts.to_zoned(tz)
    });
    match zoned {
        Ok(zoned) => zoned.strftime("%B %-d, %Y at %-I:%M %p %Z").to_string(),
        Err(_) => at.to_string(),
    }
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
            date_time(at, "America/Chicago"),
            "December 3, 2026 at 9:00 AM CST"
        );
        assert!(is_known_zone("America/Chicago"));
        assert!(!is_known_zone("Nowhere/Special"));
    }
}
