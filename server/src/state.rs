//! What every handler can reach.

use crate::config::Config;
use crate::db::{Backend, Db};
use crate::ratelimit::RateLimiter;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Cloned for every request (and by every layer that holds it): one
/// reference count, not one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub db: Db,
    pub config: Arc<Config>,
    pub limits: Arc<Limiters>,
    /// Rung after a write that put mail in the outbox, so the delivery
    /// worker need not wait for its next look.
    pub mail_wake: Arc<Notify>,
    /// Signs and reads unsubscribe links (`link_key.rs`).
    pub link_key: crate::link_key::LinkKey,
    /// The site's address for links in mail and feeds: `--public-url`, else
    /// `--public-origin`, else the address this instance listens on.
    pub site: Arc<str>,
    /// Answers kept in memory (see `cache.rs`).
    pub cache: Arc<crate::cache::Cache>,
    /// Comments posted together, committed together (see `writer.rs`).
    pub writer: crate::writer::Writer,
    /// Whether this instance's mail worker runs (`/readyz`); `None` when it
    /// has none.
    pub mail_running: Option<Arc<std::sync::atomic::AtomicBool>>,
    /// The city's name, website and own pages (see `city_pages.rs`).
    pub city: Arc<crate::city_pages::City>,
}

pub struct Limiters {
    pub registrations: RateLimiter,
    pub sign_in: RateLimiter,
    pub sign_in_per_account: RateLimiter,
    pub comments: RateLimiter,
    pub ballots: RateLimiter,
    pub subscriptions: RateLimiter,
    pub password_resets: RateLimiter,
}

impl Limiters {
    /// Counted in memory on SQLite; in the database on PostgreSQL, shared
    /// by every instance on it; comments' in the database on either.
    pub fn new(config: &Config, backend: Backend) -> Self {
        let limits = &config.limits;
        let limiter = |bucket: &'static str, limit: u32, window: Duration| match backend {
            Backend::Sqlite => RateLimiter::new(limit, window),
            Backend::Postgres => RateLimiter::shared(bucket, limit, window),
        };
        let (minute, hour) = (Duration::from_secs(60), Duration::from_secs(3600));
        Limiters {
            registrations: limiter("registrations", limits.registrations_per_address, hour),
            sign_in: limiter("sign_ins", limits.sign_ins_per_address, minute),
            sign_in_per_account: limiter(
                "sign_ins_per_account",
                limits.sign_ins_per_account,
                minute,
            ),
            // A quota counted by the comment's write in its batch, in the
            // database on either (`db/batch.rs`).
            comments: RateLimiter::shared("comments", limits.comments_per_account, minute),
            ballots: limiter("ballots", limits.ballots_per_account, minute),
            subscriptions: limiter("subscriptions", limits.subscriptions_per_address, hour),
            password_resets: limiter("password_resets", limits.password_resets_per_address, hour),
        }
    }

    /// Every limit, for the chores that keep them.
    pub fn all(&self) -> [&RateLimiter; 7] {
        // Named one by one, so that a limit added is not left out.
        let Limiters {
            registrations,
            sign_in,
            sign_in_per_account,
            comments,
            ballots,
            subscriptions,
            password_resets,
        } = self;
        [
            registrations,
            sign_in,
            sign_in_per_account,
            comments,
            ballots,
            subscriptions,
            password_resets,
        ]
    }
}
