//! What every handler can reach.

use crate::config::Config;
use crate::db::Db;
use crate::ratelimit::RateLimiter;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub limits: Arc<Limiters>,
}

pub struct Limiters {
    pub registrations: RateLimiter,
    pub sign_in: RateLimiter,
    pub sign_in_per_account: RateLimiter,
    pub comments: RateLimiter,
    pub ballots: RateLimiter,
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
        }
    }
}
