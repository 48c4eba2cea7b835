//! Turns the message catalogues (`locales/*.ftl`) into tables: one `Msg`
//! per key of the English catalogues, and each language's texts in that
//! order. Each language has two catalogues: the interface's words
//! (`en.ftl`), and the server's sentences about what a request got wrong
//! (`server.en.ftl`), which the browser only ever receives already said,
//! so the WASM carries none of them. A key used in code but missing from English does not compile;
//! a key missing from another language falls back to English here, and the
//! test `i18n::tests::every_key_is_in_every_language` fails on it.

use std::fmt::Write as _;

include!("src/i18n/parse.rs");

const LANGUAGES: [&str; 2] = ["en", "es"];

fn main() {
    let mut catalogues = Vec::new();
    let mut first_server = 0;
    for code in LANGUAGES {
        let mut messages = Vec::new();
        for path in [
            format!("locales/{code}.ftl"),
            format!("locales/server.{code}.ftl"),
        ] {
            println!("cargo:rerun-if-changed={path}");
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            if code == "en" && path.contains("server.") {
                first_server = messages.len();
            }
            messages.extend(parse_catalogue(&source).unwrap_or_else(|e| panic!("{path}: {e}")));
        }
        catalogues.push(messages);
    }
    let english = &catalogues[0];
    for (i, (key, _)) in english.iter().enumerate() {
        assert!(
            !english[..i].iter().any(|(k, _)| k == key),
            "`{key}` is in the English catalogues twice"
        );
    }
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
    let _ = writeln!(
        out,
        "/// The first of the server's messages (`server.en.ftl`), in `Msg` order.\n\
         pub const FIRST_SERVER: usize = {first_server};\n"
    );
    // Names this catalogue's keys in their order: a page's Spanish words
    // (sent in `Msg` order) are installed only by an app built from the
    // same catalogue, never shifted by one from another build.
    let mut id: u64 = 0xcbf2_9ce4_8422_2325;
    for (key, _) in english {
        for byte in key.bytes().chain([b'\n']) {
            id = (id ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let _ = writeln!(
        out,
        "/// This catalogue's keys, in order, as one number (FNV-1a).\n\
         pub const CATALOGUE_ID: &str = \"{id:016x}\";\n"
    );
    // Each language is one string and the byte offsets where its messages
    // end: far smaller in the WASM than a table of string slices. In the
    // browser only English is compiled in, without the server's sentences;
    // other languages come with the page that needs them (see
    // `i18n::install`).
    for (code, messages) in LANGUAGES.iter().zip(&catalogues) {
        let upper = code.to_uppercase();
        for in_browser in [false, true] {
            if in_browser && *code != "en" {
                continue;
            }
            let mut text = String::new();
            let mut ends = Vec::new();
            for (i, (key, english_text)) in english.iter().enumerate() {
                let message = messages
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(english_text.as_str(), |(_, t)| t.as_str());
                if !(in_browser && i >= first_server) {
                    text.push_str(message);
                }
                ends.push(u16::try_from(text.len()).expect("a catalogue under 64 KB"));
            }
            let cfg = if in_browser {
                "#[cfg(target_arch = \"wasm32\")]\n"
            } else {
                "#[cfg(not(target_arch = \"wasm32\"))]\n"
            };
            let _ = writeln!(out, "{cfg}const {upper}_TEXT: &str = {text:?};");
            let _ = writeln!(
                out,
                "{cfg}const {upper}_ENDS: [u16; {}] = {ends:?};\n",
                ends.len()
            );
        }
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
