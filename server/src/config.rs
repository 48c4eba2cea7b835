//! How an instance is configured: from flags or `PULSE_*` variables (see
//! `cli.rs`), or built directly by tests.

use crate::client_addr::ProxyNet;
use crate::connections::ConnectionLimits;
use crate::mail::MailConfig;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one (tests).
    pub bind: String,
    /// `sqlite://FILE` or `postgres://…`.
    pub database_url: String,
    /// The built client (index.html, assets/); missing means API only.
    pub client_dir: PathBuf,
    /// Load the demo topics into an empty database.
    pub demo: bool,
    /// Mark the session cookie `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// The site's public origin (`https://pulse.example.gov`), for the
    /// same-origin check behind a proxy; by default the request's Host.
    pub public_origin: Option<String>,
    /// Reverse proxies and load balancers whose `X-Forwarded-For` is
    /// believed, for the per-address limits (see `client_addr.rs`).
    pub trusted_proxies: Vec<ProxyNet>,
    pub limits: Limits,
    /// Deadlines and bounds on connections (see `connections.rs`).
    pub connections: ConnectionLimits,
    pub sessions: SessionLimits,
    /// Where mail goes and how it is written (see `mail/`).
    pub mail: MailConfig,
}

/// How long a session lasts: it ends after `idle_seconds` without use, and
/// `max_seconds` after signing in whatever happens.
#[derive(Debug, Clone)]
pub struct SessionLimits {
    pub idle_seconds: i64,
    pub max_seconds: i64,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle_seconds: 14 * 24 * 3600,
            max_seconds: 30 * 24 * 3600,
        }
    }
}

/// How many requests of each kind one address (an IPv6 /64) or account may
/// make in a minute — registrations in an hour. Per instance: behind a load
/// balancer each instance counts alone.
#[derive(Debug, Clone)]
pub struct Limits {
    pub registrations_per_address: u32,
    pub sign_ins_per_address: u32,
    pub sign_ins_per_account: u32,
    pub comments_per_account: u32,
    pub ballots_per_account: u32,
    /// Per hour.
    pub subscriptions_per_address: u32,
    /// Per hour.
    pub password_resets_per_address: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            registrations_per_address: 10,
            sign_ins_per_address: 20,
            sign_ins_per_account: 10,
            comments_per_account: 10,
            ballots_per_account: 120,
            subscriptions_per_address: 30,
            password_resets_per_address: 10,
        }
    }
}

impl Config {
    /// A configuration with the defaults `pulse serve` uses.
    pub fn new(database_url: impl Into<String>) -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            database_url: database_url.into(),
            client_dir: PathBuf::from("dist"),
            demo: false,
            secure_cookies: false,
            public_origin: None,
            trusted_proxies: Vec::new(),
            limits: Limits::default(),
            connections: ConnectionLimits::default(),
            sessions: SessionLimits::default(),
            mail: MailConfig::default(),
        }
    }
}
