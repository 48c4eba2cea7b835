//! How an instance is configured: from flags or `PULSE_*` variables (see
//! `cli.rs`), or built directly by tests.

use crate::client_addr::ProxyNet;
use crate::connections::ConnectionLimits;
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
}

/// How many requests of each kind one address or account may make in a
/// minute. Per instance: behind a load balancer each instance counts alone.
#[derive(Debug, Clone)]
pub struct Limits {
    pub sign_ins_per_address: u32,
    pub sign_ins_per_account: u32,
    pub comments_per_account: u32,
    pub ballots_per_account: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_ins_per_address: 20,
            sign_ins_per_account: 10,
            comments_per_account: 10,
            ballots_per_account: 120,
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
        }
    }
}
