//! How an instance is configured: from flags or `PULSE_*` variables (see
//! `cli.rs`), or built directly by tests.

use crate::client_addr::ProxyNet;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one (tests).
    pub bind: String,
    /// Where `/metrics` is answered, to anyone who reaches it. Without it,
    /// `/metrics` is answered on `bind`, to a loopback peer only.
    pub metrics_bind: Option<String>,
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
    /// The city's website, linked from every page's footer.
    pub city_website: Option<String>,
    /// A folder of the city's own pages in Markdown (`privacy.md`,
    /// `comment-policy.md`, `accessibility.md`, `contact.md`; see
    /// `city_pages.rs`).
    pub city_pages: Option<PathBuf>,
    /// The city's logo, shown beside Pulse's name in every page's header.
    pub city_logo: Option<PathBuf>,
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
/// make in a minute, or in an hour where the name says so. On SQLite each
/// instance counts in memory; on PostgreSQL the counts are kept in the
/// database, so several instances share them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Per hour.
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

/// The highest any limit may be set to.
const MOST: u32 = 1_000_000;

impl Limits {
    /// Each limit by its name in `--rate-limits`, with its window.
    fn field(&mut self, name: &str) -> Option<&mut u32> {
        Some(match name {
            "registrations_per_address" => &mut self.registrations_per_address,
            "sign_ins_per_address" => &mut self.sign_ins_per_address,
            "sign_ins_per_account" => &mut self.sign_ins_per_account,
            "comments_per_account" => &mut self.comments_per_account,
            "ballots_per_account" => &mut self.ballots_per_account,
            "subscriptions_per_address" => &mut self.subscriptions_per_address,
            "password_resets_per_address" => &mut self.password_resets_per_address,
            _ => return None,
        })
    }

    /// The names `--rate-limits` knows, for its error.
    pub const NAMES: &'static [&'static str] = &[
        "registrations_per_address",
        "sign_ins_per_address",
        "sign_ins_per_account",
        "comments_per_account",
        "ballots_per_account",
        "subscriptions_per_address",
        "password_resets_per_address",
    ];

    /// The defaults with `NAME=N,NAME=N` applied (`--rate-limits`); any
    /// name left out keeps its default. The error names what is wrong.
    pub fn parse(text: &str) -> Result<Limits, String> {
        let mut limits = Limits::default();
        let mut given: Vec<&str> = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(format!(
                    "“{part}” is not NAME=NUMBER, e.g. comments_per_account=20"
                ));
            };
            let (name, value) = (name.trim(), value.trim());
            let Some(field) = limits.field(name) else {
                return Err(format!(
                    "there is no rate limit called “{name}”; the limits are {}",
                    Limits::NAMES.join(", ")
                ));
            };
            if given.contains(&name) {
                return Err(format!("{name} is given twice"));
            }
            *field = value
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MOST).contains(n))
                .ok_or_else(|| {
                    format!("{name} must be a whole number from 1 to {MOST}, not “{value}”")
                })?;
            given.push(name);
        }
        Ok(limits)
    }
}

impl Config {
    /// A configuration with the defaults `pulse serve` uses.
    pub fn new(database_url: impl Into<String>) -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            metrics_bind: None,
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
            city_website: None,
            city_pages: None,
            city_logo: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Limits;

    #[test]
    fn rate_limits_are_the_defaults_with_what_is_named_changed() {
        let limits = Limits::parse(
            "sign_ins_per_address=200, comments_per_account=30,ballots_per_account=1000",
        )
        .unwrap();
        assert_eq!(limits.sign_ins_per_address, 200);
        assert_eq!(limits.comments_per_account, 30);
        assert_eq!(limits.ballots_per_account, 1000);
        assert_eq!(
            limits.sign_ins_per_account,
            Limits::default().sign_ins_per_account
        );
        assert_eq!(Limits::parse("").unwrap(), Limits::default());
    }

    #[test]
    fn a_wrong_rate_limit_is_named() {
        let error = |text: &str| Limits::parse(text).unwrap_err();
        assert!(error("comments=5").contains("no rate limit called “comments”"));
        assert!(error("comments=5").contains("comments_per_account"));
        assert!(error("comments_per_account").contains("NAME=NUMBER"));
        for bad in ["0", "-1", "ten", "1.5", "1000001", ""] {
            let message = error(&format!("comments_per_account={bad}"));
            assert!(
                message.starts_with("comments_per_account must be a whole number"),
                "{message}"
            );
        }
        assert!(error("ballots_per_account=5,ballots_per_account=6").contains("given twice"));
    }
}

/// How connections are bounded; see `connections.rs`.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub max_connections: usize,
    pub max_connections_per_address: usize,
    pub shutdown_grace: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            max_connections: 10_000,
            max_connections_per_address: 64,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// How mail is sent; see `cli.rs` for the flags that set it.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:port`, `smtps://user:pass@host`, `smtp://host?tls=starttls`;
    /// none writes `.eml` files into `outbox_dir`.
    pub smtp_url: Option<String>,
    pub outbox_dir: PathBuf,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// The city, named in every subject.
    pub city: String,
    /// The site's address for links in mail and feeds
    /// (`https://pulse.example.gov`); by default the public origin, then the
    /// address the server listens on.
    pub public_url: Option<String>,
    /// How long a claimed message is held before another worker may take it.
    pub lease: Duration,
    /// The first retry's wait; each later one waits twice as long, up to an
    /// hour. Messages are given up after `give_up_after`.
    pub retry_base: Duration,
    pub give_up_after: Duration,
    /// Whether the worker runs in this instance.
    pub worker: bool,
    /// Messages sent at once, each on its own connection to the mail
    /// server. Every message waits on a round trip or two (and on loopback
    /// on delayed acknowledgements), so throughput grows with this.
    pub connections: usize,
    /// A host hears of new flags at most once in this long: the first
    /// flag after a quiet spell at once, the ones after it gathered.
    pub flag_alert_every: Duration,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: None,
            outbox_dir: PathBuf::from("outbox"),
            from: default_sender("Pulse", None),
            city: "Pulse".into(),
            public_url: None,
            lease: Duration::from_secs(60),
            retry_base: Duration::from_secs(30),
            give_up_after: Duration::from_secs(24 * 3600),
            worker: true,
            connections: 64,
            flag_alert_every: Duration::from_secs(3600),
        }
    }
}

/// The host name of the site's address (`https://pulse.example.gov:8443/x`
/// → `pulse.example.gov`), for the ids that mail and calendars make unique
/// by it; `pulse.invalid` when there is none.
/// The sender when none is given: the site's name, at `no-reply@` the
/// public address's host (`localhost` when there is none, or it is a
/// number rather than a name).
pub fn default_sender(city: &str, public_url: Option<&str>) -> String {
    let name = pulse_api::i18n::Lang::En
        .site_name(city)
        .replace(['"', '<', '>', '\\'], "");
    let host = public_url
        .map(site_host)
        .filter(|h| h.contains('.') && h.parse::<std::net::IpAddr>().is_err())
        .unwrap_or("localhost");
    format!("\"{name}\" <no-reply@{host}>")
}

pub fn site_host(site: &str) -> &str {
    site.split("://")
        .nth(1)
        .unwrap_or(site)
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("pulse.invalid")
}
