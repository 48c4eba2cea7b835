//! Which links stay on the site, decided the way a browser reads them.
//!
//! A browser parsing a URL (the WHATWG URL standard) first drops leading and
//! trailing spaces and control characters, removes every tab and line break
//! inside, and reads `\` as `/` in web addresses. So `/\tevil.example` and
//! `/\evil.example` are both `//evil.example` to it: another site. Every
//! check here runs on the address as the browser will read it, never on the
//! raw text.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// `url` as a browser reads it before resolving it (see the module's comment).
pub fn as_browser_reads(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// The path on this site `text` names, as the browser will read it; `None`
/// when it would lead anywhere else (another host, a scheme, or not a path
/// from the site's root). For `?next=` and every redirect.
pub fn local_path(text: &str) -> Option<String> {
    let path = as_browser_reads(text);
    (path.starts_with('/') && !path.starts_with("//")).then_some(path)
}

/// Only web, mail and phone links, or links within the site: what any link
/// Pulse shows may point to (a document's address included). `Some` is the
/// address to write, as the browser will read it.
pub fn safe_href(url: &str) -> Option<String> {
    let url = as_browser_reads(url);
    if url.starts_with("//") {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let safe = match lower.find(':') {
        None => true,
        // A colon after a path, query or fragment start is not a scheme.
        Some(colon) if lower[..colon].contains(['/', '?', '#']) => true,
        Some(colon) => matches!(&lower[..colon], "http" | "https" | "mailto" | "tel"),
    };
    safe.then_some(url)
}

/// What JavaScript's `encodeURIComponent` leaves as it is: letters, digits
/// and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// `text` made safe as one component of a URL's query (as JavaScript's
/// `encodeURIComponent`), by the `percent-encoding` crate the app's
/// dependencies bring anyway: the server's rendering of a page writes the
/// same links as the browser's.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// What a path carried in a query value (`?next=/topics/x?token=…`) may
/// keep as it is, so that a mailed link stays readable: `/`, `?`, `=` and
/// the rest of RFC 3986's query characters, but not `&` and `+` (which a
/// form reads as a new field and a space), `#` (which would end the
/// query), `%`, nor anything outside ASCII's visible characters.
const QUERY_VALUE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `path` as the value of a query field, encoded as little as is safe.
pub fn encode_query_value(path: &str) -> String {
    utf8_percent_encode(path, QUERY_VALUE).to_string()
}

/// One component of a URL (a path segment, a query value) decoded, `+` in
/// it read as a space as forms send it; bytes that are not UTF-8 become
/// U+FFFD. The same on the server and in the app.
pub fn decode_component(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_in_a_query_value_stays_readable_and_comes_back_whole() {
        let path = "/topics/bwc?token=a-b_c&x=1+2#comment-4 é";
        let encoded = encode_query_value(path);
        assert_eq!(
            encoded,
            "/topics/bwc?token=a-b_c%26x=1%2B2%23comment-4%20%C3%A9"
        );
        assert_eq!(decode_component(&encoded), path);
    }

    #[test]
    fn a_component_is_decoded_as_a_form_sends_it() {
        assert_eq!(decode_component("%2Ftopics%2Fa%20b+c"), "/topics/a b c");
        assert_eq!(decode_component("%C3%A9%FF"), "é\u{fffd}");
        assert_eq!(decode_component("100%"), "100%");
    }

    #[test]
    fn a_component_is_encoded_as_encode_uri_component_does() {
        assert_eq!(
            encode_component("/topics/a b#thread-x?y=1&z"),
            "%2Ftopics%2Fa%20b%23thread-x%3Fy%3D1%26z"
        );
        assert_eq!(encode_component("é(ok)!"), "%C3%A9(ok)!");
    }

    #[test]
    fn next_stays_on_the_site_as_the_browser_reads_it() {
        for ok in ["/", "/topics/a#retention", "/topics/a?x=//y", "/a/\\b"] {
            assert!(local_path(ok).is_some(), "{ok}");
        }
        assert_eq!(local_path(" /topics/a\n").as_deref(), Some("/topics/a"));
        for bad in [
            "//evil.example",
            "/\t/evil.example/",
            "/\n/evil.example",
            "\\\\evil.example",
            "/\\evil.example",
            "\\/evil.example",
            " //evil.example",
            "\u{1}//evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "topics/a",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn safe_hrefs_are_web_mail_phone_or_this_site() {
        for ok in [
            "https://x.example/a.pdf",
            "http://x.example",
            "mailto:a@b.gov",
            "tel:+19522339321",
            "/topics/a",
            "#s",
            "a/b:c",
        ] {
            assert!(safe_href(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            " java\tscript:x",
            "data:text/html,x",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }
}
