//! Turns the message catalogues (`locales/*.ftl`) into tables: one `Msg`
//! per key of the English catalogue, and each language's texts in that
//! order. A key used in code but missing from English does not compile;
//! a key missing from another language falls back to English here, and the
//! test `i18n::tests::every_key_is_in_every_language` fails on it.

use std::fmt::Write as _;

include!("src/i18n/parse.rs");

const LANGUAGES: [&str; 2] = ["en", "es"];

fn main() {
    let mut catalogues = Vec::new();
    for code in LANGUAGES {
        let path = format!("locales/{code}.ftl");
        println!("cargo:rerun-if-changed={path}");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let messages = parse_catalogue(&source).unwrap_or_else(|e| panic!("{path}: {e}"));
        catalogues.push(messages);
    }
    let english = &catalogues[0];
    let mut out = String::new();
    out.push_str(
        "/// One message of the catalogues, named after its key.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
         pub enum Msg {\n",
    );
    for (key, _) in english {
        let _ = writeln!(out, "    /// `{key}`\n    {},", variant(key));
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/// The catalogue keys, in `Msg` order.\npub const KEYS: [&str; {}] = {:?};\n",
        english.len(),
        english.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>()
    );
    let _ = writeln!(
        out,
        "/// Every message, in `KEYS` order.\npub const MSGS: [Msg; {}] = [{}];\n",
        english.len(),
        english
            .iter()
            .map(|(k, _)| format!("Msg::{}", variant(k)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // Each language is one string and the byte offsets where its messages
    // end: far smaller in the WASM than a table of string slices. In the
    // browser only English is compiled in; other languages come with the
    // page that needs them (see `i18n::install`).
    for (code, messages) in LANGUAGES.iter().zip(&catalogues) {
        let mut text = String::new();
        let mut ends = Vec::new();
        for (key, english_text) in english {
            let message = messages
                .iter()
                .find(|(k, _)| k == key)
                .map_or(english_text.as_str(), |(_, t)| t.as_str());
            text.push_str(message);
            ends.push(u16::try_from(text.len()).expect("a catalogue under 64 KB"));
        }
        let only_native = if *code == "en" {
            ""
        } else {
            "#[cfg(not(target_arch = \"wasm32\"))]\n"
        };
        let upper = code.to_uppercase();
        let _ = writeln!(out, "{only_native}const {upper}_TEXT: &str = {text:?};");
        let _ = writeln!(
            out,
            "{only_native}const {upper}_ENDS: [u16; {}] = {ends:?};\n",
            ends.len()
        );
    }
    let path =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    std::fs::write(path, out).expect("write the catalogue tables");
}

/// `comment-on-section` → `CommentOnSection`.
fn variant(key: &str) -> String {
    key.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}
