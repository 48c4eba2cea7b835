//! The interface's words in English and Spanish, from the message
//! catalogues `locales/en.ftl` and `locales/es.ftl` (a subset of Project
//! Fluent's syntax), compiled into tables by `build.rs`: looking a message
//! up is an index, and a key the code names but English lacks does not
//! compile. The city's own texts (drafts, updates) are shown as written.

#[cfg(test)]
mod parse;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag for `lang` attributes: `en`, `es`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The locale dates and numbers are formatted for. Spanish as written
    /// in the United States, where Pulse's cities are.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Es => "es-US",
        }
    }

    /// The language's name in itself, for the switch: "English", "Español".
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// `en`, `es`, `es-MX`, `EN-us`: the language of a tag, if Pulse has it.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language an `Accept-Language` header prefers most among those
    /// Pulse has (weights honoured, `q=0` refused); English when none.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map_or(Lang::En, |(lang, _)| lang)
    }

    /// The text of `msg`, placeholders left as written.
    pub fn text(self, msg: Msg) -> &'static str {
        let i = msg as usize;
        match self {
            Lang::En => slice(EN_TEXT, &EN_ENDS, i),
            Lang::Es => spanish(i),
        }
    }

    /// The text of `msg` with its `{ $name }` placeholders filled from
    /// `args`; a placeholder with no value is left as written.
    pub fn fill(self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.text(msg), args)
    }

    /// `one` when `n` is 1, else `other`, with `{ $n }` filled in: English
    /// and Spanish share this rule.
    pub fn count(self, n: i64, one: Msg, other: Msg) -> String {
        let msg = if n == 1 { one } else { other };
        self.fill(msg, &[("n", &self.number(n))])
    }

    /// The site's name: "City of Shakopee Pulse", or "Pulse" where no city
    /// is set (the server's default city name is "Pulse" itself).
    pub fn site_name(self, city: &str) -> String {
        let city = city.trim();
        if city.is_empty() || city == "Pulse" {
            "Pulse".to_string()
        } else {
            self.fill(Msg::SiteName, &[("city", city)])
        }
    }

    /// A whole number as the language groups it: 12,345 (also in es-US).
    pub fn number(self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// A date and time from its parts: "Thursday, December 3, 2026 at
    /// 9:00 AM CST" / "jueves, 3 de diciembre de 2026, 9:00 a. m. CST".
    /// `weekday` (1 = Monday) is left out when `None`.
    pub fn date_time(self, at: &DateParts, weekday: bool) -> String {
        let month = self.text(MONTHS[usize::from(at.month.clamp(1, 12)) - 1]);
        let hour12 = match at.hour % 12 {
            0 => 12,
            h => h,
        };
        let (am, pm) = match self {
            Lang::En => ("AM", "PM"),
            Lang::Es => ("a. m.", "p. m."),
        };
        let half = if at.hour < 12 { am } else { pm };
        let time = format!("{hour12}:{:02} {half} {}", at.minute, at.zone);
        let day = at.day;
        let year = at.year;
        let date = match self {
            Lang::En => format!("{month} {day}, {year} at {time}"),
            Lang::Es => format!("{day} de {month} de {year}, {time}"),
        };
        if weekday {
            let name = self.text(WEEKDAYS[usize::from(at.weekday.clamp(1, 7)) - 1]);
            format!("{name}, {date}")
        } else {
            date
        }
    }
}

/// Message `i` of a language's text, which ends at `ends[i]`.
fn slice(text: &'static str, ends: &[u16], i: usize) -> &'static str {
    let start = i.checked_sub(1).map_or(0, |p| usize::from(ends[p]));
    text.get(start..usize::from(ends[i])).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn spanish(i: usize) -> &'static str {
    slice(ES_TEXT, &ES_ENDS, i)
}

/// In the browser, Spanish is what [`install`] was given (English until
/// then, or if the page brought none).
#[cfg(target_arch = "wasm32")]
fn spanish(i: usize) -> &'static str {
    INSTALLED
        .get()
        .and_then(|texts| texts.get(i).copied())
        .unwrap_or_else(|| slice(EN_TEXT, &EN_ENDS, i))
}

#[cfg(target_arch = "wasm32")]
static INSTALLED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// Gives the browser the texts of a language other than English, in
/// message order, as the page brought them (`messages_json`). They are kept
/// for the life of the page; a list of the wrong length is refused.
#[cfg(target_arch = "wasm32")]
pub fn install(texts: Vec<String>) -> bool {
    if texts.len() != EN_ENDS.len() {
        return false;
    }
    let leaked: Vec<&'static str> = texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    INSTALLED.set(leaked).is_ok()
}

/// The texts of `lang` in message order, for a page to bring to the app
/// (a JSON array of strings); the server's own sentences are left empty,
/// as the app never says them itself.
#[cfg(not(target_arch = "wasm32"))]
pub fn messages(lang: Lang) -> Vec<&'static str> {
    MSGS.iter()
        .enumerate()
        .map(|(i, m)| if i < FIRST_SERVER { lang.text(*m) } else { "" })
        .collect()
}

/// A sentence to say to a person, in whichever language they read: a
/// message and the values of its placeholders. What the shared checks
/// (`validate`) and the server's problems say; [`Lang::say`] words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub msg: Msg,
    pub args: Vec<(&'static str, Arg)>,
}

/// A placeholder's value: as written (a number, a name), or a message
/// itself said in the reader's language ("a reason", "un motivo").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Msg(Msg),
    /// A moment, with its weekday: "Thursday, December 3, 2026 at 9:00 AM
    /// CST". Only the server says dates this way (the app has the
    /// browser's `Intl`), so the WASM carries none of it.
    #[cfg(not(target_arch = "wasm32"))]
    Date(DateParts),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Arg {
        Arg::Msg(msg)
    }
}

impl Msg {
    /// This message with its placeholders' values.
    pub fn with<A: Into<Arg>, const N: usize>(self, args: [(&'static str, A); N]) -> Said {
        Said {
            msg: self,
            args: args.into_iter().map(|(n, a)| (n, a.into())).collect(),
        }
    }
}

impl From<Msg> for Said {
    fn from(msg: Msg) -> Said {
        Said {
            msg,
            args: Vec::new(),
        }
    }
}

impl Lang {
    /// `said` in this language.
    pub fn say(self, said: &Said) -> String {
        let values: Vec<(&str, std::borrow::Cow<'_, str>)> = said
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => text.as_str().into(),
                    Arg::Msg(msg) => self.text(*msg).into(),
                    #[cfg(not(target_arch = "wasm32"))]
                    Arg::Date(parts) => self.date_time(parts, true).into(),
                };
                (*name, value)
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_ref())).collect();
        self.fill(said.msg, &values)
    }
}

/// In English (logs, tests).
impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.say(self))
    }
}

/// A moment as a clock on the wall of the topic's zone shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateParts {
    pub year: i32,
    /// 1–12.
    pub month: u8,
    pub day: u8,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub hour: u8,
    pub minute: u8,
    /// The zone's abbreviation, e.g. `CST`.
    pub zone: String,
}

const MONTHS: [Msg; 12] = [
    Msg::Month1,
    Msg::Month2,
    Msg::Month3,
    Msg::Month4,
    Msg::Month5,
    Msg::Month6,
    Msg::Month7,
    Msg::Month8,
    Msg::Month9,
    Msg::Month10,
    Msg::Month11,
    Msg::Month12,
];

const WEEKDAYS: [Msg; 7] = [
    Msg::Weekday1,
    Msg::Weekday2,
    Msg::Weekday3,
    Msg::Weekday4,
    Msg::Weekday5,
    Msg::Weekday6,
    Msg::Weekday7,
];

/// `text` with each `{ $name }` replaced by its value in `args`.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let whole = &rest[start..start + end + 1];
        let name = whole[1..whole.len() - 1].trim().trim_start_matches('$');
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(whole),
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::parse::{parse_catalogue, placeholders};
    use super::*;

    const SOURCES: [(Lang, [&str; 2]); 2] = [
        (
            Lang::En,
            [
                include_str!("../../locales/en.ftl"),
                include_str!("../../locales/server.en.ftl"),
            ],
        ),
        (
            Lang::Es,
            [
                include_str!("../../locales/es.ftl"),
                include_str!("../../locales/server.es.ftl"),
            ],
        ),
    ];

    #[test]
    fn every_key_is_in_every_language_with_the_same_placeholders() {
        let catalogues: Vec<(Lang, Vec<(String, String)>)> = SOURCES
            .iter()
            .map(|(lang, sources)| {
                let messages = sources
                    .iter()
                    .flat_map(|source| parse_catalogue(source).expect("parses"))
                    .collect();
                (*lang, messages)
            })
            .collect();
        let mut problems = Vec::new();
        for (lang, messages) in &catalogues {
            for key in KEYS {
                match messages.iter().find(|(k, _)| k == key) {
                    None => problems.push(format!("{}: `{key}` is missing", lang.code())),
                    Some((_, text)) if text.is_empty() => {
                        problems.push(format!("{}: `{key}` is empty", lang.code()));
                    }
                    Some((_, text)) => {
                        let mut have = placeholders(text);
                        let english = Lang::En.text(msg_of(key));
                        let mut want = placeholders(english);
                        have.sort();
                        want.sort();
                        if have != want {
                            problems.push(format!(
                                "{}: `{key}` has placeholders {have:?}, English has {want:?}",
                                lang.code()
                            ));
                        }
                    }
                }
            }
            for (key, _) in messages {
                if !KEYS.contains(&key.as_str()) {
                    problems.push(format!("{}: `{key}` is not in English", lang.code()));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn msg_of(key: &str) -> Msg {
        MSGS[KEYS.iter().position(|k| *k == key).expect("a key")]
    }

    #[test]
    fn a_broken_catalogue_is_refused_with_its_line() {
        assert!(
            parse_catalogue("a = one\na = two")
                .unwrap_err()
                .contains("line 2")
        );
        assert!(
            parse_catalogue("Bad Key = x")
                .unwrap_err()
                .contains("line 1")
        );
        assert!(parse_catalogue("  lone continuation").is_err());
        assert_eq!(
            parse_catalogue("# c\nk = one\n  two\n").unwrap(),
            vec![("k".into(), "one two".into())]
        );
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill("Hi { $name }, {$n}", &[("name", "Ana"), ("n", "2")]),
            "Hi Ana, 2"
        );
        assert_eq!(fill("{ $missing } {", &[]), "{ $missing } {");
    }

    #[test]
    fn the_browser_language_is_negotiated_by_weight() {
        assert_eq!(Lang::negotiate("es-MX,es;q=0.9,en;q=0.8"), Lang::Es);
        assert_eq!(
            Lang::negotiate("fr-FR,fr;q=0.9,es;q=0.5,en;q=0.6"),
            Lang::En
        );
        assert_eq!(Lang::negotiate("de,es;q=0"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::negotiate("ES"), Lang::Es);
    }

    #[test]
    fn numbers_and_dates_read_as_each_language_writes_them() {
        assert_eq!(Lang::En.number(1_234_567), "1,234,567");
        assert_eq!(Lang::Es.number(-999), "-999");
        let at = DateParts {
            year: 2026,
            month: 12,
            day: 3,
            weekday: 4,
            hour: 21,
            minute: 5,
            zone: "CST".into(),
        };
        assert_eq!(
            Lang::En.date_time(&at, true),
            "Thursday, December 3, 2026 at 9:05 PM CST"
        );
        assert_eq!(
            Lang::Es.date_time(&at, true),
            "jueves, 3 de diciembre de 2026, 9:05 p. m. CST"
        );
        assert_eq!(
            Lang::Es.date_time(&at, false),
            "3 de diciembre de 2026, 9:05 p. m. CST"
        );
        assert_eq!(
            Lang::En.count(1, Msg::CommentsOne, Msg::CommentsOther),
            "1 comment"
        );
        assert_eq!(
            Lang::Es.count(1_200, Msg::CommentsOne, Msg::CommentsOther),
            "1,200 comentarios"
        );
    }
}
