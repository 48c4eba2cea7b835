//! A topic's status is never stored: it follows from its window and the
//! server's clock, so it cannot drift from the deadline that is enforced.

use crate::Timestamp;
use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TopicStatus {
    Upcoming,
    Open,
    Closed,
}

impl TopicStatus {
    /// Open from the second `opens_at` begins up to, not including, the
    /// second `closes_at` begins: at `closes_at` exactly, it is closed.
    pub fn at(opens_at: Timestamp, closes_at: Timestamp, now: Timestamp) -> Self {
        if now < opens_at {
            TopicStatus::Upcoming
        } else if now < closes_at {
            TopicStatus::Open
        } else {
            TopicStatus::Closed
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TopicStatus::Upcoming => "upcoming",
            TopicStatus::Open => "open",
            TopicStatus::Closed => "closed",
        }
    }

    /// The words residents see on the status tabs, which name the topics
    /// in it (Spanish: "Abiertos ahora").
    pub fn msg(self) -> Msg {
        match self {
            TopicStatus::Upcoming => Msg::StatusUpcoming,
            TopicStatus::Open => Msg::StatusOpen,
            TopicStatus::Closed => Msg::StatusClosed,
        }
    }

    /// The words for one topic's status (Spanish: "Abierto ahora").
    pub fn one_msg(self) -> Msg {
        match self {
            TopicStatus::Upcoming => Msg::StatusUpcomingOne,
            TopicStatus::Open => Msg::StatusOpenOne,
            TopicStatus::Closed => Msg::StatusClosedOne,
        }
    }

    /// The words in English, for the report's file and the server's sentences.
    pub fn label(self) -> &'static str {
        Lang::En.text(self.msg())
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "upcoming" => Some(TopicStatus::Upcoming),
            "open" => Some(TopicStatus::Open),
            "closed" => Some(TopicStatus::Closed),
            _ => None,
        }
    }

    pub const ALL: [TopicStatus; 3] = [
        TopicStatus::Upcoming,
        TopicStatus::Open,
        TopicStatus::Closed,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPENS: Timestamp = Timestamp(1_000_000);
    const CLOSES: Timestamp = Timestamp(2_000_000);

    #[test]
    fn upcoming_until_the_second_it_opens() {
        assert_eq!(
            TopicStatus::at(OPENS, CLOSES, Timestamp(999_999)),
            TopicStatus::Upcoming
        );
        assert_eq!(TopicStatus::at(OPENS, CLOSES, OPENS), TopicStatus::Open);
    }

    #[test]
    fn closed_from_the_second_it_closes() {
        assert_eq!(
            TopicStatus::at(OPENS, CLOSES, Timestamp(1_999_999)),
            TopicStatus::Open
        );
        assert_eq!(TopicStatus::at(OPENS, CLOSES, CLOSES), TopicStatus::Closed);
        assert_eq!(
            TopicStatus::at(OPENS, CLOSES, Timestamp(i64::MAX)),
            TopicStatus::Closed
        );
    }

    #[test]
    fn status_names_round_trip() {
        for status in TopicStatus::ALL {
            assert_eq!(TopicStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(TopicStatus::parse("Open"), None);
    }
}
