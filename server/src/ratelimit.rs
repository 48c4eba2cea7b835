//! Fixed-window request counting. Enough to stop a script guessing
//! passwords or flooding a thread from one place.
//!
//! On SQLite (one instance) the counts are kept in memory. On PostgreSQL
//! they are kept in the database (`db/ratelimit.rs`), so that several
//! instances behind one address share them: adding an instance does not
//! multiply what one address or account may do. A limit on writes that go
//! through the writer (comments) is a [`Quota`] counted in the database by
//! the write's batch, on either database (`db/batch.rs`).

use crate::db;
use crate::db::batch::OverQuota;
use crate::db::ratelimit::Quota;
use crate::error::ApiError;
use crate::{clock, session};
use pulse_api::i18n::{Arg, Msg};
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A limit as its writes count it in their batches: a [`Quota`] a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaRule {
    bucket: &'static str,
    limit: u32,
    window: i64,
}

impl QuotaRule {
    /// The quota of `key` (stored by its hash, as every limit's keys are).
    pub fn of(&self, key: &str) -> Quota {
        Quota {
            bucket: self.bucket,
            key_hash: session::hash_token(key),
            limit: self.limit,
            window: self.window,
        }
    }
}

pub struct RateLimiter {
    /// Which limit this is, where counts are shared.
    bucket: &'static str,
    limit: u32,
    window: Duration,
    store: Store,
}

enum Store {
    Memory(Mutex<Windows>),
    /// Counted in the database; old windows are forgotten by
    /// [`RateLimiter::sweep`].
    Database,
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
            store: Store::Database,
        }
    }

    /// The limit as a rule of quotas, for a write to count in its batch
    /// (`Batch::take_quota`), which keeps its counts in the database under
    /// this limit's bucket, whatever this limiter's own store.
    pub fn rule(&self) -> QuotaRule {
        QuotaRule {
            bucket: self.bucket,
            limit: self.limit,
            window: self.window_seconds(),
        }
    }

    /// A quota's refusal, in the words [`RateLimiter::check`] uses.
    pub fn refusal(over: OverQuota, what: Msg) -> ApiError {
        too_many(over.seconds_left, what)
    }

    /// Forgets the windows of this limit that have ended, when it is
    /// counted in the database (a chore: `startup.rs`).
    pub async fn sweep(&self, conn: &mut AnyConnection) -> anyhow::Result<()> {
        if matches!(self.store, Store::Database) {
            let ended = clock::now().0 - self.window_seconds();
            db::ratelimit::sweep(conn, self.bucket, ended).await?;
        }
        Ok(())
    }

    fn window_seconds(&self) -> i64 {
        i64::try_from(self.window.as_secs())
            .unwrap_or(i64::MAX)
            .max(1)
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
            Store::Database => self.count_in_database(conn, key).await?,
        };
        if count > u64::from(self.limit) {
            let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return Err(too_many(seconds, what));
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
        key: &str,
    ) -> Result<(u64, Duration), ApiError> {
        let window = self.window_seconds();
        let now = clock::now().0;
        let (count, start) = db::ratelimit::count(
            &mut *conn,
            self.bucket,
            &session::hash_token(key),
            now,
            window,
        )
        .await?;
        let left = Duration::from_secs(u64::try_from(start + window - now).unwrap_or(0));
        Ok((u64::try_from(count).unwrap_or(0), left))
    }
}

/// "Too many `what`": try again in `seconds` (at least one; said in
/// minutes past one).
fn too_many(seconds: u64, what: Msg) -> ApiError {
    let detail = if seconds <= 60 {
        Msg::TooManyWaitAMinute.with([("what", what)])
    } else {
        Msg::TooManyWaitMinutes.with([
            ("what", Arg::from(what)),
            ("n", seconds.div_ceil(60).to_string().into()),
        ])
    };
    ApiError::too_many_requests(detail, seconds.max(1))
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

    /// The chore forgets ended windows and keeps the rest.
    #[tokio::test]
    async fn a_sweep_forgets_only_the_windows_that_ended() {
        let path = std::env::temp_dir().join(format!("pulse-sweep-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let db = crate::db::Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        crate::db::migrate::run(&db).await.unwrap();
        let limiter = RateLimiter::shared("comments", 5, Duration::from_secs(60));
        let now = clock::now().0;
        let mut conn = db.write().await.unwrap();
        db::ratelimit::add_counts(&mut conn, "comments", 60, now - 120, &[("old", 2)])
            .await
            .unwrap();
        db::ratelimit::add_counts(&mut conn, "comments", 60, now - 10, &[("new", 3)])
            .await
            .unwrap();
        db::ratelimit::add_counts(&mut conn, "ballots", 60, now - 120, &[("other", 1)])
            .await
            .unwrap();
        limiter.sweep(&mut conn).await.unwrap();
        let kept: Vec<(String, String)> =
            sqlx::query_as("SELECT bucket, key_hash FROM rate_counts ORDER BY bucket, key_hash")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert_eq!(
            kept,
            vec![
                ("ballots".to_string(), "other".to_string()),
                ("comments".to_string(), "new".to_string())
            ]
        );
    }
}
