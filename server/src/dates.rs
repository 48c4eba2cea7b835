//! Times as a resident reads them, in the topic's time zone (the sentences
//! of `policy` say when a topic opens and closes).

use pulse_api::Timestamp;
use pulse_api::i18n::{Arg, DateParts, Lang, Msg, Said};

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

/// An instant as a `datetime-local` field shows it ("2027-01-12T18:00"), on
/// the topic's clock (UTC when the zone is unknown to this machine): what
/// [`wall_time`] reads back.
pub fn wall_clock(at: Timestamp, time_zone: &str) -> String {
    match parts(at, time_zone) {
        Some(p) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            p.year, p.month, p.day, p.hour, p.minute
        ),
        None => String::new(),
    }
}

/// Which of the two instants a wall time the clocks pass twice means (the
/// hour they go back): the first, or the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    Earlier,
    Later,
}

impl Fold {
    pub fn parse(text: &str) -> Option<Fold> {
        match text.trim() {
            "earlier" => Some(Fold::Earlier),
            "later" => Some(Fold::Later),
            _ => None,
        }
    }
}

/// A wall time as a `datetime-local` field sends it ("2027-01-12T18:00",
/// seconds optional), read in the topic's time zone, whatever the zone of
/// the one who entered it. A time the clocks skip (the hour they go
/// forward) is refused, naming it; one they pass twice needs `fold`, and
/// is refused naming both instants without it.
pub fn wall_time(text: &str, time_zone: &str, fold: Option<Fold>) -> Result<Timestamp, Said> {
    let civil: jiff::civil::DateTime = text.trim().parse().map_err(|_| Msg::GiveDate)?;
    let tz = jiff::tz::TimeZone::get(time_zone)
        .map_err(|_| Msg::SetupTimeZone.with([("zone", time_zone)]))?;
    let instant = |offset: jiff::tz::Offset| -> Result<Timestamp, Said> {
        let zoned = civil
            .to_zoned(jiff::tz::TimeZone::fixed(offset))
            .map_err(|_| Said::from(Msg::GiveDate))?;
        Ok(Timestamp(zoned.timestamp().as_second()))
    };
    // "01:30 CDT": one of the two instants, as the zone names it.
    let shown = |offset: jiff::tz::Offset| -> String {
        instant(offset)
            .ok()
            .and_then(|at| jiff::Timestamp::from_second(at.0).ok())
            .map(|at| at.to_zoned(tz.clone()).strftime("%H:%M %Z").to_string())
            .unwrap_or_default()
    };
    let written = civil.strftime("%Y-%m-%d %H:%M").to_string();
    match tz.to_ambiguous_zoned(civil).offset() {
        jiff::tz::AmbiguousOffset::Unambiguous { offset } => instant(offset),
        jiff::tz::AmbiguousOffset::Gap { .. } => {
            Err(Msg::WallTimeGap.with([("time", written), ("zone", time_zone.to_string())]))
        }
        jiff::tz::AmbiguousOffset::Fold { before, after } => match fold {
            Some(Fold::Earlier) => instant(before),
            Some(Fold::Later) => instant(after),
            None => Err(Msg::WallTimeTwice.with([
                ("time", written),
                ("zone", time_zone.to_string()),
                ("first", shown(before)),
                ("second", shown(after)),
            ])),
        },
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
    fn a_wall_clock_reads_back_as_the_same_instant() {
        let at = pulse_api::Timestamp::parse_rfc3339("2027-01-13T00:00:00Z").unwrap();
        assert_eq!(wall_clock(at, "America/Chicago"), "2027-01-12T18:00");
        assert_eq!(
            wall_time(&wall_clock(at, "America/Chicago"), "America/Chicago", None),
            Ok(at)
        );
    }

    #[test]
    fn a_wall_time_is_read_on_the_topics_clock_and_the_clock_changes_are_asked_about() {
        let chicago = "America/Chicago";
        let at = |text: &str| pulse_api::Timestamp::parse_rfc3339(text).unwrap();
        // 18:00 in Chicago in December is midnight UTC, whoever enters it.
        assert_eq!(
            wall_time("2026-12-10T18:00", chicago, None),
            Ok(at("2026-12-11T00:00:00Z"))
        );
        assert_eq!(
            wall_time("2026-12-10T18:00:00", "America/Denver", None),
            Ok(at("2026-12-11T01:00:00Z"))
        );
        // 2:30 on the night the clocks go forward never happens.
        let gap = wall_time("2026-03-08T02:30", chicago, Some(Fold::Later)).unwrap_err();
        assert_eq!(gap.msg, Msg::WallTimeGap);
        assert!(
            Lang::En.say(&gap).contains("2026-03-08 02:30"),
            "{}",
            Lang::En.say(&gap)
        );
        // 1:30 on the night they go back happens twice: which is asked.
        let twice = wall_time("2026-11-01T01:30", chicago, None).unwrap_err();
        assert_eq!(twice.msg, Msg::WallTimeTwice);
        let said = Lang::En.say(&twice);
        assert!(
            said.contains("01:30 CDT") && said.contains("01:30 CST"),
            "{said}"
        );
        assert_eq!(
            wall_time("2026-11-01T01:30", chicago, Some(Fold::Earlier)),
            Ok(at("2026-11-01T06:30:00Z"))
        );
        assert_eq!(
            wall_time("2026-11-01T01:30", chicago, Some(Fold::Later)),
            Ok(at("2026-11-01T07:30:00Z"))
        );
        assert_eq!(
            wall_time("tomorrow at six", chicago, None).unwrap_err().msg,
            Msg::GiveDate
        );
        assert!(wall_time("2026-12-10T18:00", "Mars/Olympus", None).is_err());
    }

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
        assert_eq!(
            wall_time("2026-12-03T09:00", "America/Chicago", None),
            Ok(at)
        );
        assert!(!is_known_zone("Nowhere/Special"));
    }
}
