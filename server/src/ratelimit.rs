//! Fixed-window request counting, in memory, per instance. Enough to stop a
//! script guessing passwords or flooding a thread from one place.

use crate::error::ApiError;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

pub struct RateLimiter {
    limit: u32,
    window: Duration,
    state: Mutex<Windows>,
}

struct Windows {
    counts: HashMap<String, (Instant, u32)>,
    swept: Instant,
}

impl RateLimiter {
    /// `limit` requests per key per minute.
    pub fn per_minute(limit: u32) -> Self {
        Self::new(limit, Duration::from_secs(60))
    }

    /// `limit` requests per key in each `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimiter {
            limit,
            window,
            state: Mutex::new(Windows {
                counts: HashMap::new(),
                swept: Instant::now(),
            }),
        }
    }

    /// Counts one request for `key`; refuses it past the limit, saying when
    /// to try again (the answer's `Retry-After`).
    pub fn check(&self, key: &str, what: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        // Ended windows are dropped once a window, not on every request: the
        // cost of a sweep is spread over all the requests in between.
        if now.duration_since(state.swept) >= self.window {
            let window = self.window;
            state
                .counts
                .retain(|_, (start, _)| now.duration_since(*start) < window);
            state.swept = now;
        }
        let entry = state.counts.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        if entry.1 > self.limit {
            let left = self.window.saturating_sub(now.duration_since(entry.0));
            let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            let wait = if seconds <= 60 {
                "a minute".to_string()
            } else {
                format!("{} minutes", seconds.div_ceil(60))
            };
            return Err(ApiError::too_many_requests(
                format!("Too many {what} in a short time. Please wait {wait} and try again."),
                seconds.max(1),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_it_says_when_to_come_back() {
        let limiter = RateLimiter::new(2, Duration::from_secs(600));
        assert!(limiter.check("a", "tries").is_ok());
        assert!(limiter.check("a", "tries").is_ok());
        assert!(limiter.check("b", "tries").is_ok());
        match limiter.check("a", "tries") {
            Err(ApiError::TooMany {
                retry_after,
                detail,
            }) => {
                assert!((599..=600).contains(&retry_after), "{retry_after}");
                assert!(detail.contains("10 minutes"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }
}
