//! Answers kept in memory: what a read serves for the same data is
//! serialized once, compressed once (brotli and gzip), and served with an
//! `ETag` (a `304 Not Modified` when the reader has it already).
//!
//! - Every successful write through the API ends every kept answer of this
//!   instance at once (`bump`), so the instance that wrote never serves
//!   what was true before.
//! - A kept answer lives at most [`FRESH_FOR`]: a change made on another
//!   instance (or by `pulse admin`) shows within that bound, and so does
//!   the clock's part in an answer (a topic's status, its `now`).
//! - Only what is the same for every reader is kept: answers for a
//!   signed-in reader (their own reactions and comments) are made fresh.

use crate::error::ApiError;
use crate::metrics::Metrics;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The content types kept.
pub const JSON: &str = "application/json";

/// How long an answer is served from memory at most.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// Kept answers beyond which the oldest are dropped.
const MOST_KEPT: usize = 4096;

#[derive(Default)]
pub struct Cache {
    /// Bumped by every write; an answer made before it is not served.
    generation: AtomicU64,
    kept: Mutex<HashMap<String, Arc<Kept>>>,
    /// One lock per key being made: when a kept answer ends, one request
    /// makes the next while the others wait for it, rather than every
    /// reader at that moment making the same answer at once.
    making: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Where hits and misses are counted (`/metrics`).
    metrics: Arc<Metrics>,
}

pub struct Kept {
    generation: u64,
    made: Instant,
    etag: HeaderValue,
    content_type: &'static str,
    body: Encoded,
}

/// A body ready in each coding a browser may ask for: made once, sent many
/// times. A coding that failed to compress is empty and not offered.
#[derive(Clone, Default)]
pub struct Encoded {
    plain: Bytes,
    gzip: Bytes,
    br: Bytes,
}

/// How hard to compress: `Fast` for answers made while a reader waits
/// (gzip 6, brotli 5), `Best` for what is made once at start (gzip 9,
/// brotli 11).
#[derive(Clone, Copy)]
pub enum Effort {
    Fast,
    Best,
}

impl Encoded {
    pub fn new(plain: Vec<u8>, effort: Effort) -> Encoded {
        let (gzip_level, br_quality) = match effort {
            Effort::Fast => (6, 5),
            Effort::Best => (9, 11),
        };
        Encoded {
            gzip: gzip(&plain, gzip_level).into(),
            br: brotli(&plain, br_quality).into(),
            plain: plain.into(),
        }
    }

    /// The body for a request with `headers`, and its `Content-Encoding`:
    /// brotli when the request takes it, else gzip, else as it is.
    pub fn for_request(&self, headers: &HeaderMap) -> (Bytes, Option<&'static str>) {
        if !self.br.is_empty() && accepts(headers, "br") {
            (self.br.clone(), Some("br"))
        } else if !self.gzip.is_empty() && accepts(headers, "gzip") {
            (self.gzip.clone(), Some("gzip"))
        } else {
            (self.plain.clone(), None)
        }
    }
}

/// `plain` encoded for a request with `headers`, once and quickly: for an
/// answer made for one reader, never kept. Brotli when the request takes
/// it, else gzip, else as it is.
pub fn encode_for(plain: Vec<u8>, headers: &HeaderMap) -> (Bytes, Option<&'static str>) {
    if accepts(headers, "br") {
        (brotli(&plain, 5).into(), Some("br"))
    } else if accepts(headers, "gzip") {
        (gzip(&plain, 6).into(), Some("gzip"))
    } else {
        (plain.into(), None)
    }
}

impl Cache {
    /// An empty cache that counts its hits and misses in `metrics`.
    pub fn new(metrics: Arc<Metrics>) -> Cache {
        Cache {
            metrics,
            ..Cache::default()
        }
    }

    /// Where the data stands now: taken before reading the database, and
    /// kept with what was read.
    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Something changed: nothing kept so far is served again.
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The answer kept for `key`, while still true.
    fn get(&self, key: &str) -> Option<Arc<Kept>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get(key)
            .filter(|k| k.generation == self.generation() && k.made.elapsed() < FRESH_FOR)
            .cloned()
    }

    /// The answer for `key`: kept, or made by `make` (one request at a time
    /// per key) and kept. A failure is answered, not kept.
    pub async fn serve<F, Fut>(
        &self,
        key: &str,
        content_type: &'static str,
        headers: &HeaderMap,
        make: F,
    ) -> Result<Response, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, ApiError>>,
    {
        if let Some(kept) = self.get(key) {
            self.metrics.looked_up(true);
            return Ok(kept.answer(headers));
        }
        self.metrics.looked_up(false);
        let lock = {
            let mut making = self.making.lock().unwrap_or_else(PoisonError::into_inner);
            if making.len() >= MOST_KEPT {
                making.retain(|_, lock| Arc::strong_count(lock) > 1);
            }
            Arc::clone(making.entry(key.to_string()).or_default())
        };
        let _turn = lock.lock().await;
        if let Some(kept) = self.get(key) {
            return Ok(kept.answer(headers));
        }
        let generation = self.generation();
        let body = make().await?;
        Ok(self
            .keep(key, generation, content_type, body)
            .answer(headers))
    }

    /// Keeps `body` of `content_type`, read as of `generation`, for `key`.
    fn keep(
        &self,
        key: &str,
        generation: u64,
        content_type: &'static str,
        body: Vec<u8>,
    ) -> Arc<Kept> {
        let digest = Sha256::digest(&body);
        let tag: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let kept = Arc::new(Kept {
            generation,
            made: Instant::now(),
            etag: HeaderValue::from_str(&format!("\"{tag}\""))
                .unwrap_or(HeaderValue::from_static("\"0\"")),
            content_type,
            body: Encoded::new(body, Effort::Fast),
        });
        let mut all = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if all.len() >= MOST_KEPT {
            all.retain(|_, k| k.made.elapsed() < FRESH_FOR);
            if all.len() >= MOST_KEPT {
                all.clear();
            }
        }
        all.insert(key.to_string(), Arc::clone(&kept));
        kept
    }
}

impl Kept {
    /// The answer for a request with `headers`: 304 when its
    /// `If-None-Match` names this, else the body, compressed as accepted.
    pub fn answer(&self, headers: &HeaderMap) -> Response {
        let mut response = if matches_etag(headers, &self.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let (body, coding) = self.body.for_request(headers);
            let mut r = Body::from(body).into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            );
            if let Some(coding) = coding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            r
        };
        let h = response.headers_mut();
        h.insert(header::ETAG, self.etag.clone());
        // The language follows the reader's cookie, else Accept-Language.
        h.insert(
            header::VARY,
            HeaderValue::from_static("accept-encoding, accept-language, cookie"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }
}

fn matches_etag(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().trim_start_matches("W/"))
        .any(|v| v == "*" || etag.to_str().is_ok_and(|e| e == v))
}

/// `bytes` gzipped at `level` (0–9); empty if that fails, and then the
/// plain bytes are sent.
fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

/// `bytes` in brotli at `quality` (0–11); empty if that fails.
fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: 22,
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &bytes[..], &mut out, &params) {
        Ok(_) => out,
        Err(_) => Vec::new(),
    }
}

/// Whether the request takes an answer in `coding` (`*` takes any; `q=0`
/// refuses).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut bits = part.split(';');
            let name = bits.next().unwrap_or("").trim();
            let refused = bits.any(|q| {
                q.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
        })
}

/// In front of the API: a write that succeeded ends what was kept.
pub async fn end_on_writes(
    State(cache): State<Arc<Cache>>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    // A form sent without the app is answered, once done, with a redirect.
    if writes && (response.status().is_success() || response.status().is_redirection()) {
        cache.bump();
    }
    response
}
