//! What every handler can reach.

use crate::config::Config;
use crate::db::Db;
use crate::ratelimit::RateLimiter;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub limits: Arc<Limiters>,
    /// Rung after a write that put mail in the outbox, so the delivery
    /// worker need not wait for its next look.
    pub mail_wake: Arc<Notify>,
    /// The site's address for links in mail and feeds: `--public-url`, else
    /// `--public-origin`, else the address this instance listens on.
    pub site: Arc<str>,
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
    pub fn new(config: &Config) -> Self {
        Limiters {
            registrations: RateLimiter::new(
                config.limits.registrations_per_address,
                Duration::from_secs(3600),
            ),
            sign_in: RateLimiter::per_minute(config.limits.sign_ins_per_address),
            sign_in_per_account: RateLimiter::per_minute(config.limits.sign_ins_per_account),
            comments: RateLimiter::per_minute(config.limits.comments_per_account),
            ballots: RateLimiter::per_minute(config.limits.ballots_per_account),
            subscriptions: RateLimiter::new(
                config.limits.subscriptions_per_address,
                Duration::from_secs(3600),
            ),
            password_resets: RateLimiter::new(
                config.limits.password_resets_per_address,
                Duration::from_secs(3600),
            ),
        }
    }
}
