// The catalogue files' grammar, read by the build script (which turns them
// into tables) and by the tests (which compare the two languages). Included
// with `include!`, so it uses nothing outside `std`.
//
// A subset of Project Fluent's syntax, so that translators' Fluent tools
// read the files (a test reads them with a real Fluent parser): `key =
// text`, `{ $name }` placeables, selects on a number's plural category or
// a word (`{ $n -> [one] … *[other] … }`, one variant per indented line),
// `#` comments, and continuation lines (indented) joined with a space.
// `i18n::fill` evaluates them, in the server and in the browser alike.

/// The messages of one catalogue file, in file order: `(key, text)`.
pub fn parse_catalogue(source: &str) -> Result<Vec<(String, String)>, String> {
    let mut messages: Vec<(String, String)> = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let number = number + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            let Some((_, text)) = messages.last_mut() else {
                return Err(format!(
                    "line {number}: a continuation with no message before it"
                ));
            };
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line.trim());
            continue;
        }
        let Some((key, text)) = line.split_once('=') else {
            return Err(format!("line {number}: expected `key = text`"));
        };
        let key = key.trim();
        let valid = key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(format!(
                "line {number}: `{key}` is not a key (lower-case letters, digits and hyphens)"
            ));
        }
        if messages.iter().any(|(k, _)| k == key) {
            return Err(format!("line {number}: `{key}` is defined twice"));
        }
        messages.push((key.to_string(), text.trim().to_string()));
    }
    Ok(messages)
}
