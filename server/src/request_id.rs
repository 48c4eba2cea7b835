//! Every request has an id: the one a proxy in front gave it
//! (`X-Request-Id`, e.g. nginx's `$request_id`) when it looks like one,
//! else one made here. It is in the request's log lines (its span) and
//! goes back in the answer's `X-Request-Id`, so that a resident's "it said
//! something went wrong" can be found in the log.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The id a request carries, for its span.
#[derive(Clone)]
pub struct RequestId(pub HeaderValue);

/// An id from outside is kept when it is 1 to 64 letters, digits, `-`,
/// `_` or `.`: nothing that could forge a log line or a header.
fn acceptable(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    (1..=64).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// A new id: this process's random prefix and a count, 16 hex digits,
/// unique across instances (the prefix) without asking the system each
/// time.
fn fresh() -> HeaderValue {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let prefix = *PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        let _ = getrandom::fill(&mut bytes);
        u32::from_le_bytes(bytes)
    });
    let count = COUNT.fetch_add(1, Ordering::Relaxed) & 0xffff_ffff;
    HeaderValue::from_str(&format!("{prefix:08x}{count:08x}"))
        .unwrap_or(HeaderValue::from_static("0"))
}

/// Gives the request its id (before its span is made) and the answer the
/// same.
pub async fn assign(mut request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&HEADER)
        .filter(|v| acceptable(v))
        .cloned()
        .unwrap_or_else(fresh);
    request.headers_mut().insert(HEADER, id.clone());
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    response.headers_mut().insert(HEADER, id);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_ids_are_taken_from_outside() {
        for good in ["abc", "0f3e9c2a7b", "req-1.2_3"] {
            assert!(acceptable(&HeaderValue::from_static(good)), "{good}");
        }
        let long = "a".repeat(65);
        for bad in ["", "a b", "x\"y", "é", long.as_str()] {
            let Ok(value) = HeaderValue::from_bytes(bad.as_bytes()) else {
                continue;
            };
            assert!(!acceptable(&value), "{bad}");
        }
        assert_ne!(fresh(), fresh());
        assert_eq!(fresh().len(), 16);
    }
}
