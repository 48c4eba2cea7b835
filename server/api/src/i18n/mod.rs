//! The interface's words in English and Spanish, from the message
//! catalogues `locales/en.ftl` and `locales/es.ftl` (Project Fluent's
//! syntax, plurals and selects included), compiled into tables by
//! `build.rs`: looking a message up is an index, and a key the code names
//! but English lacks does not compile. The browser carries no Fluent
//! runtime: [`fill`] evaluates a message's placeables and selects, with
//! CLDR's plural rule for each language ([`Lang::plural_category`]). The
//! city's own texts (drafts, updates) are shown as written.

#[cfg(test)]
mod parse;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// A language of the interface, and of a person (`"en"`, `"es"` on the
/// wire).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// The language the city writes its topics, drafts and updates in;
    /// they may be translated into the others.
    pub const ORIGINAL: Lang = Lang::En;
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
        fill(self, self.text(msg), args)
    }

    /// `msg` said of the number `n` (its `{ $n }`), its plural chosen by
    /// the language's rule.
    pub fn count(self, n: i64, msg: Msg) -> String {
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
    /// A sentence of its own, said in the same language (a field's
    /// mistake inside "{ $field }: { $message }").
    Said(Box<Said>),
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

impl From<Said> for Arg {
    fn from(said: Said) -> Arg {
        Arg::Said(Box::new(said))
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
                    Arg::Said(said) => self.say(said).into(),
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

/// `text` with each `{ $name }` replaced by its value in `args`, and each
/// Fluent select (`{ $n -> [one] … *[other] … }`) replaced by the variant
/// `lang` chooses: an exact key (`[0]`), else the number's plural category
/// in `lang` (CLDR: `one`, `many`, `other`), else the default (`*[…]`).
/// A placeholder with no value is left as written.
pub fn fill(lang: Lang, text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    fill_into(&mut out, lang, text, args);
    out
}

fn fill_into(out: &mut String, lang: Lang, text: &str, args: &[(&str, &str)]) {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = placeable_len(&rest[start..]) else {
            out.push_str(&rest[start..]);
            return;
        };
        let whole = &rest[start..start + len];
        let inside = whole[1..whole.len() - 1].trim();
        match inside.split_once("->") {
            Some((selector, variants)) => {
                let name = selector.trim().trim_start_matches('$');
                let value = args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
                match choose(lang, value.unwrap_or_default(), variants) {
                    Some(variant) => fill_into(out, lang, variant, args),
                    None => out.push_str(whole),
                }
            }
            None => {
                let name = inside.trim_start_matches('$');
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(whole),
                }
            }
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
}

/// The length of the placeable `{ … }` that `text` starts with, nested
/// braces included; `None` when it never closes.
fn placeable_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The variants of a select (`[one] text *[other] text`): `(key, default,
/// text)`, in order.
fn variants(text: &str) -> Vec<(&str, bool, &str)> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut starts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '[' if depth == 0 => starts.push(i),
            _ => {}
        }
    }
    for (n, &open) in starts.iter().enumerate() {
        let Some(close) = text[open..].find(']').map(|c| open + c) else {
            continue;
        };
        let default = text[..open].ends_with('*');
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let mut body = &text[close + 1..end];
        // The next variant's `*` belongs to it.
        if starts.get(n + 1).is_some() {
            body = body.strip_suffix('*').unwrap_or(body);
        }
        found.push((text[open + 1..close].trim(), default, body.trim()));
    }
    found
}

/// The variant of `text` for `value` in `lang`.
fn choose<'a>(lang: Lang, value: &str, text: &'a str) -> Option<&'a str> {
    let all = variants(text);
    if let Some((_, _, body)) = all.iter().find(|(key, _, _)| *key == value) {
        return Some(body);
    }
    let number = value.replace(',', "").parse::<i64>().ok();
    if let Some(n) = number {
        if let Some((_, _, body)) = all.iter().find(|(key, _, _)| key.parse::<i64>() == Ok(n)) {
            return Some(body);
        }
        let category = lang.plural_category(n);
        if let Some((_, _, body)) = all.iter().find(|(key, _, _)| *key == category) {
            return Some(body);
        }
    }
    all.iter()
        .find(|(_, default, _)| *default)
        .map(|(_, _, body)| *body)
}

impl Lang {
    /// The CLDR plural category of the whole number `n` in this language:
    /// English has `one` and `other`; Spanish `one`, `many` (a million, a
    /// billion: "1 millón de votos") and `other`.
    pub fn plural_category(self, n: i64) -> &'static str {
        let n = n.unsigned_abs();
        match self {
            Lang::En => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Lang::Es => {
                if n == 1 {
                    "one"
                } else if n != 0 && n.is_multiple_of(1_000_000) {
                    "many"
                } else {
                    "other"
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse::parse_catalogue;
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

    /// A message as Fluent reads it: the variables it names (selectors
    /// too), and the keys of each plural select's variants.
    #[derive(Default)]
    struct Shape {
        variables: std::collections::BTreeSet<String>,
        plurals: Vec<(String, Vec<String>)>,
    }

    const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

    fn walk(pattern: &fluent_syntax::ast::Pattern<&str>, shape: &mut Shape) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement, VariantKey};
        fn inline(e: &InlineExpression<&str>, shape: &mut Shape) {
            match e {
                InlineExpression::VariableReference { id } => {
                    shape.variables.insert(id.name.to_string());
                }
                InlineExpression::Placeable { expression } => expression_of(expression, shape),
                _ => {}
            }
        }
        fn expression_of(e: &Expression<&str>, shape: &mut Shape) {
            match e {
                Expression::Inline(e) => inline(e, shape),
                Expression::Select { selector, variants } => {
                    inline(selector, shape);
                    let keys: Vec<String> = variants
                        .iter()
                        .map(|v| match &v.key {
                            VariantKey::Identifier { name } => name.to_string(),
                            VariantKey::NumberLiteral { value } => value.to_string(),
                        })
                        .collect();
                    if keys.iter().any(|k| CATEGORIES.contains(&k.as_str())) {
                        let name = match selector {
                            InlineExpression::VariableReference { id } => id.name.to_string(),
                            _ => String::new(),
                        };
                        shape.plurals.push((name, keys));
                    }
                    for v in variants {
                        walk(&v.value, shape);
                    }
                }
            }
        }
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_of(expression, shape);
            }
        }
    }

    /// Each language's messages by key, as a real Fluent parser reads the
    /// files (a file it cannot read whole fails here).
    fn shapes(lang: Lang) -> std::collections::BTreeMap<String, Shape> {
        use fluent_syntax::ast::Entry;
        let (_, sources) = SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("a language");
        let mut out = std::collections::BTreeMap::new();
        for source in sources {
            let resource = fluent_syntax::parser::parse(*source)
                .unwrap_or_else(|(_, errors)| panic!("{}: not Fluent: {errors:?}", lang.code()));
            for entry in &resource.body {
                match entry {
                    Entry::Message(message) => {
                        let mut shape = Shape::default();
                        if let Some(value) = &message.value {
                            walk(value, &mut shape);
                        }
                        out.insert(message.id.name.to_string(), shape);
                    }
                    Entry::Junk { content } => panic!("{}: not Fluent: {content}", lang.code()),
                    _ => {}
                }
            }
        }
        out
    }

    /// CLDR's plural categories of whole numbers in `lang` (ICU4X's data).
    fn cldr_categories(lang: Lang) -> Vec<String> {
        let locale: icu_locale_core::Locale = lang.code().parse().expect("a locale");
        let rules = icu_plurals::PluralRules::try_new_cardinal((&locale).into()).expect("rules");
        // Whole numbers only: the categories only fractions reach (none in
        // English or Spanish today) are no count's.
        let mut found: Vec<String> = (0..2_000_001_i64)
            .step_by(1)
            .filter(|n| *n < 1_000 || n % 1_000_000 == 0)
            .map(|n| format!("{:?}", rules.category_for(n)).to_lowercase())
            .collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_message_is_fluent_in_both_languages_with_the_same_variables_and_every_plural() {
        let english = shapes(Lang::En);
        let mut problems = Vec::new();
        for key in KEYS {
            if !english.contains_key(key) {
                problems.push(format!("en: `{key}` is missing"));
            }
        }
        for lang in Lang::ALL {
            let messages = shapes(lang);
            let categories = cldr_categories(lang);
            for (key, shape) in &messages {
                let Some(theirs) = english.get(key) else {
                    problems.push(format!("{}: `{key}` is not in English", lang.code()));
                    continue;
                };
                if shape.variables != theirs.variables {
                    problems.push(format!(
                        "{}: `{key}` has variables {:?}, English has {:?}",
                        lang.code(),
                        shape.variables,
                        theirs.variables
                    ));
                }
                for (selector, keys) in &shape.plurals {
                    for category in &categories {
                        if !keys.contains(category) {
                            problems.push(format!(
                                "{}: `{key}`'s plural of ${selector} has no [{category}]",
                                lang.code()
                            ));
                        }
                    }
                }
            }
            for key in KEYS {
                if !messages.contains_key(key) {
                    problems.push(format!("{}: `{key}` is missing", lang.code()));
                } else if lang.text(msg_of(key)).trim().is_empty() {
                    problems.push(format!("{}: `{key}` is empty", lang.code()));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_plural_rule_is_cldrs() {
        for lang in Lang::ALL {
            let locale: icu_locale_core::Locale = lang.code().parse().expect("a locale");
            let rules =
                icu_plurals::PluralRules::try_new_cardinal((&locale).into()).expect("rules");
            for n in (0..1_100).chain([1_000_000, 2_000_000, 1_000_001, 10_000_000]) {
                let cldr = format!("{:?}", rules.category_for(n)).to_lowercase();
                assert_eq!(lang.plural_category(n), cldr, "{} {n}", lang.code());
            }
        }
    }

    #[test]
    fn one_vote_two_votes_in_each_language() {
        let say = |lang: Lang, n: &str| {
            lang.fill(
                Msg::OptionVotes,
                &[("label", "Yes"), ("votes", n), ("percent", "50")],
            )
        };
        assert_eq!(say(Lang::En, "1"), "Yes: 1 vote, 50 % of ballots");
        assert_eq!(say(Lang::En, "2"), "Yes: 2 votes, 50 % of ballots");
        assert_eq!(say(Lang::Es, "1"), "Yes: 1 voto, 50 % de las papeletas");
        assert_eq!(say(Lang::Es, "2"), "Yes: 2 votos, 50 % de las papeletas");
        assert_eq!(Lang::En.count(1, Msg::VotesCount), "1 vote");
        assert_eq!(Lang::Es.count(2, Msg::VotesCount), "2 votos");
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
        let en = Lang::En;
        assert_eq!(
            fill(en, "Hi { $name }, {$n}", &[("name", "Ana"), ("n", "2")]),
            "Hi Ana, 2"
        );
        assert_eq!(fill(en, "{ $missing } {", &[]), "{ $missing } {");
    }

    #[test]
    fn selects_choose_by_exact_key_then_plural_category_then_default() {
        let votes = "{ $n -> [0] no votes [one] { $n } vote *[other] { $n } votes }";
        assert_eq!(fill(Lang::En, votes, &[("n", "0")]), "no votes");
        assert_eq!(fill(Lang::En, votes, &[("n", "1")]), "1 vote");
        assert_eq!(fill(Lang::En, votes, &[("n", "2")]), "2 votes");
        assert_eq!(
            fill(Lang::En, votes, &[("n", "1,000,000")]),
            "1,000,000 votes"
        );
        let votos = "{ $n -> [one] { $n } voto [many] { $n } de votos *[other] { $n } votos }";
        assert_eq!(fill(Lang::Es, votos, &[("n", "1")]), "1 voto");
        assert_eq!(fill(Lang::Es, votos, &[("n", "2")]), "2 votos");
        assert_eq!(
            fill(Lang::Es, votos, &[("n", "1,000,000")]),
            "1,000,000 de votos"
        );
        // Text around it, a select on words, and no value at all.
        let kind = "A { $kind -> [poll] poll *[other] thing }: { $n -> [one] one *[other] many }.";
        assert_eq!(
            fill(Lang::En, kind, &[("kind", "poll"), ("n", "1")]),
            "A poll: one."
        );
        assert_eq!(fill(Lang::En, kind, &[]), "A thing: many.");
    }

    #[test]
    fn plural_categories_are_cldrs() {
        assert_eq!(Lang::En.plural_category(1), "one");
        assert_eq!(Lang::En.plural_category(0), "other");
        assert_eq!(Lang::Es.plural_category(1), "one");
        assert_eq!(Lang::Es.plural_category(0), "other");
        assert_eq!(Lang::Es.plural_category(5), "other");
        assert_eq!(Lang::Es.plural_category(2_000_000), "many");
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
        assert_eq!(Lang::En.count(1, Msg::CommentsCount), "1 comment");
        assert_eq!(
            Lang::Es.count(1_200, Msg::CommentsCount),
            "1,200 comentarios"
        );
        assert_eq!(Lang::En.count(1, Msg::BallotsPlain), "1 ballot");
        assert_eq!(Lang::Es.count(1, Msg::BallotsPlain), "1 papeleta");
        assert_eq!(Lang::Es.count(2, Msg::BallotsPlain), "2 papeletas");
    }
}
