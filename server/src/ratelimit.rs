//! Fixed-window request counting. Enough to stop a script guessing
//! passwords or flooding a thread from one place.
//!
//! On SQLite (one instance) the counts are kept in memory. On PostgreSQL
//! they are kept in the database (`db/ratelimit.rs`), so that several
//! instances behind one address share them: adding an instance does not
//! multiply what one address or account may do.

use crate::db;
use crate::error::ApiError;
use crate::{clock, session};
use pulse_api::i18n::{Arg, Msg};
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

pub struct RateLimiter {
    /// Which limit this is, where counts are shared.
    bucket: &'static str,
    limit: u32,
    window: Duration,
    store: Store,
}

enum Store {
    Memory(Mutex<Windows>),
    /// Counted in the database; `swept` is when old windows were last
    /// forgotten.
    Database(Mutex<Instant>),
}

struct Windows {
    counts: HashMap<String, (Instant, u32)>,
    swept: Instant,
}

impl RateLimiter {
    /// `limit` requests per key per minute, counted in memory.
    pub fn per_minute(limit: u32) -> Self {
        Self::new(limit, Duration::from_secs(60))
    }

    /// `limit` requests per key in each `window`, counted in memory.
    pub fn new(limit: u32, window: Duration) -> Self {
        RateLimiter {
            bucket: "",
            limit,
            window,
            store: Store::Memory(Mutex::new(Windows {
                counts: HashMap::new(),
                swept: Instant::now(),
            })),
        }
    }

    /// The same limit counted in the database under `bucket`, shared with
    /// every instance that uses it.
    pub fn shared(bucket: &'static str, limit: u32, window: Duration) -> Self {
        RateLimiter {
            bucket,
            limit,
            window,
            store: Store::Database(Mutex::new(Instant::now())),
        }
    }

    /// Counts one request for `key`; refuses it past the limit, saying when
    /// to try again (the answer's `Retry-After`).
    ///
    /// In the database the count is written on `conn`, the handler's own
    /// connection: in its transaction, a request refused later is not
    /// counted, and a request never waits for a second connection.
    pub async fn check(
        &self,
        conn: &mut AnyConnection,
        key: &str,
        what: Msg,
    ) -> Result<(), ApiError> {
        let (count, left) = match &self.store {
            Store::Memory(state) => self.count_in_memory(state, key),
            Store::Database(swept) => self.count_in_database(conn, swept, key).await?,
        };
        if count > u64::from(self.limit) {
            let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            let detail = if seconds <= 60 {
                Msg::TooManyWaitAMinute.with([("what", what)])
            } else {
                Msg::TooManyWaitMinutes.with([
                    ("what", Arg::from(what)),
                    ("n", seconds.div_ceil(60).to_string().into()),
                ])
            };
            return Err(ApiError::too_many_requests(detail, seconds.max(1)));
        }
        Ok(())
    }

    /// Gives back the request last counted for `key`: one refused after it
    /// was counted (a refused comment does not use up the quota).
    pub async fn refund(&self, conn: &mut AnyConnection, key: &str) -> Result<(), ApiError> {
        match &self.store {
            Store::Memory(state) => {
                let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(entry) = state.counts.get_mut(key) {
                    entry.1 = entry.1.saturating_sub(1);
                }
            }
            Store::Database(_) => {
                db::ratelimit::refund(conn, self.bucket, &session::hash_token(key)).await?;
            }
        }
        Ok(())
    }

    /// The count for `key` with this request, and the time left in its
    /// window.
    fn count_in_memory(&self, state: &Mutex<Windows>, key: &str) -> (u64, Duration) {
        let now = Instant::now();
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
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
        entry.1 = entry.1.saturating_add(1);
        let left = self.window.saturating_sub(now.duration_since(entry.0));
        (u64::from(entry.1), left)
    }

    /// The same in the database, shared by every instance on it.
    async fn count_in_database(
        &self,
        conn: &mut AnyConnection,
        swept: &Mutex<Instant>,
        key: &str,
    ) -> Result<(u64, Duration), ApiError> {
        let window = i64::try_from(self.window.as_secs())
            .unwrap_or(i64::MAX)
            .max(1);
        let now = clock::now().0;
        let (count, start) = db::ratelimit::count(
            &mut *conn,
            self.bucket,
            &session::hash_token(key),
            now,
            window,
        )
        .await?;
        let sweep = {
            let mut last = swept.lock().unwrap_or_else(PoisonError::into_inner);
            let due = last.elapsed() >= self.window;
            if due {
                *last = Instant::now();
            }
            due
        };
        if sweep {
            db::ratelimit::sweep(&mut *conn, self.bucket, now - window).await?;
        }
        let left = Duration::from_secs(u64::try_from(start + window - now).unwrap_or(0));
        Ok((u64::try_from(count).unwrap_or(0), left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn past_the_limit_it_says_when_to_come_back() {
        let limiter = RateLimiter::new(2, Duration::from_secs(600));
        let path = std::env::temp_dir().join(format!("pulse-limits-{}.db", std::process::id()));
        let db = crate::db::Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let mut conn = db.read().await.unwrap();
        assert!(limiter.check(&mut conn, "a", Msg::LimitVotes).await.is_ok());
        assert!(limiter.check(&mut conn, "a", Msg::LimitVotes).await.is_ok());
        assert!(limiter.check(&mut conn, "b", Msg::LimitVotes).await.is_ok());
        match limiter.check(&mut conn, "a", Msg::LimitVotes).await {
            Err(ApiError::TooMany {
                retry_after,
                detail,
            }) => {
                assert!((599..=600).contains(&retry_after), "{retry_after}");
                assert!(detail.to_string().contains("10 minutes"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
    }
}
