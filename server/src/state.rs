//! What every handler can reach.

use crate::config::Config;
use crate::db::Db;
use crate::ratelimit::RateLimiter;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub limits: Arc<Limiters>,
}

pub struct Limiters {
    pub sign_in: RateLimiter,
    pub sign_in_per_account: RateLimiter,
    pub comments: RateLimiter,
    pub ballots: RateLimiter,
}

impl Limiters {
    pub fn new(config: &Config) -> Self {
        Limiters {
            sign_in: RateLimiter::new(config.limits.sign_ins_per_address),
            sign_in_per_account: RateLimiter::new(config.limits.sign_ins_per_account),
            comments: RateLimiter::new(config.limits.comments_per_account),
            ballots: RateLimiter::new(config.limits.ballots_per_account),
        }
    }
}
