//! The public record's encoding (issue 23), pure — no database, no clock:
//! every public act on a topic is an entry in one chain per topic, each
//! entry holding the hash of the one before it, so that no entry can be
//! changed, removed or put in another place without every later hash
//! changing. `docs/record.md` describes it for anyone who writes their own
//! verifier; this module is the one the server writes and checks with.
//!
//! Both what an entry says (its content) and the entry itself are hashed
//! in one canonical encoding: JSON with no spaces, object keys sorted,
//! integers as written, text as UTF-8 with only `"`, `\` and the control
//! characters escaped (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00xx`) —
//! what Python's `json.dumps(value, sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False)` writes.

use sha2::{Digest, Sha256};

/// What the first entry of every chain links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A value as the record encodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Canon {
    Null,
    Int(i64),
    Text(String),
    List(Vec<Canon>),
    /// Written with its keys sorted, whatever their order here.
    Object(Vec<(&'static str, Canon)>),
}

impl Canon {
    pub fn text(text: impl Into<String>) -> Canon {
        Canon::Text(text.into())
    }

    pub fn maybe_text(text: Option<impl Into<String>>) -> Canon {
        text.map_or(Canon::Null, |t| Canon::Text(t.into()))
    }

    pub fn maybe_int(n: Option<i64>) -> Canon {
        n.map_or(Canon::Null, Canon::Int)
    }

    /// The canonical encoding.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Canon::Null => out.push_str("null"),
            Canon::Int(n) => out.push_str(&n.to_string()),
            Canon::Text(text) => write_text(out, text),
            Canon::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Canon::Object(fields) => {
                let mut sorted: Vec<&(&str, Canon)> = fields.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(b.0));
                out.push('{');
                for (i, (key, value)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_text(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_text(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// SHA-256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An entry as its hash covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<'a> {
    /// The topic's slug: one chain per topic.
    pub topic: &'a str,
    /// 1, 2, … with no gaps.
    pub position: i64,
    /// Seconds since 1970 (UTC), by the server's clock.
    pub at: i64,
    pub kind: &'a str,
    /// What it is about ("comment/12", "update/3", "version/2"), when it
    /// is about one thing.
    pub item: Option<&'a str>,
    /// SHA-256 of the content's canonical encoding.
    pub content: &'a str,
    /// The hash of the entry before it (`GENESIS` for the first).
    pub prev: &'a str,
}

impl Header<'_> {
    /// The entry's own hash: SHA-256 of its canonical encoding.
    pub fn hash(&self) -> String {
        let header = Canon::Object(vec![
            ("topic", Canon::text(self.topic)),
            ("position", Canon::Int(self.position)),
            ("at", Canon::Int(self.at)),
            ("kind", Canon::text(self.kind)),
            ("item", Canon::maybe_text(self.item)),
            ("content", Canon::text(self.content)),
            ("prev", Canon::text(self.prev)),
        ]);
        sha256_hex(header.encode().as_bytes())
    }
}

/// An entry as stored or as the API gives it, to be checked.
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    pub position: i64,
    pub at: i64,
    pub kind: &'a str,
    pub item: Option<&'a str>,
    /// `None` where it is erased, or not public.
    pub content: Option<&'a str>,
    pub content_hash: &'a str,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

impl<'a> From<&'a pulse_api::wire::RecordEntry> for Stored<'a> {
    fn from(e: &'a pulse_api::wire::RecordEntry) -> Self {
        Stored {
            position: e.position,
            at: e.at,
            kind: &e.kind,
            item: e.item.as_deref(),
            content: e.content.as_deref(),
            content_hash: &e.content_hash,
            prev_hash: &e.prev_hash,
            hash: &e.hash,
        }
    }
}

/// Checks an entry where the chain expects it: its position (the next,
/// `expected`), its link to the entry before it (`prev`, that entry's
/// hash), its content against its hash when the content is there, and
/// its own hash. Why not, if it does not hold.
pub fn check(topic: &str, expected: i64, prev: &str, e: Stored<'_>) -> Result<(), String> {
    if e.position != expected {
        return Err(format!("entry {expected} is missing"));
    }
    if e.prev_hash != prev {
        return Err("it does not link to the entry before it".into());
    }
    if let Some(content) = e.content
        && sha256_hex(content.as_bytes()) != e.content_hash
    {
        return Err("its content does not match its hash".into());
    }
    let header = Header {
        topic,
        position: e.position,
        at: e.at,
        kind: e.kind,
        item: e.item,
        content: e.content_hash,
        prev: e.prev_hash,
    };
    if header.hash() != e.hash {
        return Err("its hash does not match what it holds".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_is_pythons_sorted_compact_json() {
        let value = Canon::Object(vec![
            ("b", Canon::text("line\none \"two\" \\ \u{1f} ñ \u{2028}")),
            ("a", Canon::List(vec![Canon::Int(-3), Canon::Null])),
        ]);
        assert_eq!(
            value.encode(),
            "{\"a\":[-3,null],\"b\":\"line\\none \\\"two\\\" \\\\ \\u001f ñ \u{2028}\"}"
        );
    }

    #[test]
    fn a_hash_is_sha256_in_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn every_field_of_a_header_is_in_its_hash() {
        let base = Header {
            topic: "t",
            position: 1,
            at: 10,
            kind: "comment",
            item: Some("comment/1"),
            content: GENESIS,
            prev: GENESIS,
        };
        let hash = base.hash();
        let others = [
            Header {
                topic: "u",
                ..base.clone()
            },
            Header {
                position: 2,
                ..base.clone()
            },
            Header {
                at: 11,
                ..base.clone()
            },
            Header {
                kind: "edit",
                ..base.clone()
            },
            Header {
                item: None,
                ..base.clone()
            },
            Header {
                content: "1",
                ..base.clone()
            },
            Header {
                prev: "1",
                ..base.clone()
            },
        ];
        for other in others {
            assert_ne!(other.hash(), hash, "{other:?}");
        }
    }
}
