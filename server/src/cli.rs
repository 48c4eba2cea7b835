//! The `pulse` command line. Every flag can also be set as a `PULSE_*`
//! environment variable.

use crate::client_addr::ProxyNet;
use crate::config::{Config, Limits};
use crate::db::{self, Db};
use crate::{admin, clock, demo, outside, startup};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// A SQLite database's URL for a file.
fn sqlite_url(path: &std::path::Path) -> anyhow::Result<String> {
    let path = path
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the file's name must be valid UTF-8"))?;
    Ok(format!("sqlite://{path}"))
}

fn to_count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[derive(Parser)]
#[command(
    name = "pulse",
    version,
    about = "Civic engagement: topics, drafts, comments and polls."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DatabaseArg {
    /// sqlite://FILE (created when missing) or postgres://USER@HOST/DB.
    /// Global: `pulse admin --database X create-account …` and
    /// `pulse admin create-account --database X …` mean the same.
    #[arg(
        long = "database",
        global = true,
        env = "PULSE_DATABASE",
        default_value = "sqlite://pulse.db"
    )]
    url: String,
}

/// Mail: notices to subscribers, confirmation and password reset links.
#[derive(clap::Args)]
struct MailArgs {
    /// The mail server: smtp://HOST:PORT, smtps://USER:PASS@HOST, or
    /// smtp://HOST?tls=starttls. Without it, each message is written as an
    /// .eml file into --outbox-dir.
    #[arg(long, env = "PULSE_SMTP_URL")]
    smtp_url: Option<String>,
    /// Where messages are written when there is no --smtp-url.
    #[arg(long, env = "PULSE_OUTBOX_DIR", default_value = "outbox")]
    outbox_dir: PathBuf,
    /// The sender, e.g. "City of Shakopee <pulse@shakopeemn.gov>". Left
    /// out: the site's name at no-reply@ the --public-url's host.
    #[arg(long, env = "PULSE_MAIL_FROM")]
    mail_from: Option<String>,
    /// The city, named in every message's subject (with --demo: City of
    /// Shakopee).
    #[arg(long, env = "PULSE_CITY_NAME")]
    city_name: Option<String>,
    /// The site's public address for links in mail and feeds, e.g.
    /// https://pulse.example.gov (by default --public-origin, then the
    /// address this instance listens on).
    #[arg(long, env = "PULSE_PUBLIC_URL")]
    public_url: Option<String>,
    /// Seconds a message being sent is held before another instance may
    /// take it (after a crash, it is sent again once this has passed).
    #[arg(long, env = "PULSE_MAIL_LEASE", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    mail_lease: u64,
    /// Seconds before a failed message is tried again; each later try
    /// waits twice as long, at most an hour, for a day in all.
    #[arg(long, env = "PULSE_MAIL_RETRY", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    mail_retry: u64,
    /// Seconds between two mails to one host about new flags on their
    /// topics: the first flag after a quiet spell is told at once, the
    /// ones after it gathered into the next.
    #[arg(long, env = "PULSE_FLAG_ALERT_EVERY", default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=604_800))]
    flag_alert_every: u64,
    /// Messages sent at once, each on its own connection to the mail
    /// server (lower it if the server limits connections).
    #[arg(long, env = "PULSE_MAIL_CONNECTIONS", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=256))]
    mail_connections: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the API and the client.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, env = "PULSE_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        #[command(flatten)]
        database: DatabaseArg,
        /// The built client, as `make build` leaves it.
        #[arg(long, env = "PULSE_CLIENT_DIR", default_value = "dist")]
        client_dir: PathBuf,
        /// Load the demo topics into an empty database (never twice).
        #[arg(long, env = "PULSE_DEMO")]
        demo: bool,
        /// Mark the session cookie Secure: set this when served over HTTPS.
        #[arg(long, env = "PULSE_SECURE_COOKIES")]
        secure_cookies: bool,
        /// The public origin behind a proxy, e.g. https://pulse.example.gov.
        #[arg(long, env = "PULSE_PUBLIC_ORIGIN")]
        public_origin: Option<String>,
        /// The city's own website, linked from every page's footer
        /// (with --demo: https://www.shakopeemn.gov).
        #[arg(long, env = "PULSE_CITY_WEBSITE")]
        city_website: Option<String>,
        /// A folder of the city's own pages in Markdown, linked from every
        /// page's footer: privacy.md, comment-policy.md, accessibility.md
        /// and contact.md (a page left out says so and gives the city's
        /// website; with --demo, Shakopee's).
        #[arg(long, env = "PULSE_CITY_PAGES")]
        city_pages: Option<std::path::PathBuf>,
        /// The city's logo, shown beside Pulse's name in every page's
        /// header: a PNG, JPEG, WebP or SVG file of at most 256 KB
        #[arg(long, env = "PULSE_CITY_LOGO")]
        city_logo: Option<std::path::PathBuf>,
        /// A reverse proxy or load balancer (address or network, e.g.
        /// 10.0.0.0/8) whose X-Forwarded-For names the client; repeat it, or
        /// separate several with commas.
        #[arg(
            long = "trusted-proxy",
            env = "PULSE_TRUSTED_PROXIES",
            value_delimiter = ','
        )]
        trusted_proxies: Vec<ProxyNet>,
        /// Seconds a connection has to send a request's headers, from
        /// opening or from its previous answer (also the keep-alive limit).
        #[arg(long, env = "PULSE_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        header_timeout: u64,
        /// Most connections open at once, in all.
        #[arg(long, env = "PULSE_MAX_CONNECTIONS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
        max_connections: u64,
        /// Most connections open at once from one address (an IPv6 /64);
        /// trusted proxies are bounded only in all.
        #[arg(long, env = "PULSE_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
        max_connections_per_address: u64,
        /// Seconds within which the process ends on SIGTERM: the requests
        /// in flight finish, or are dropped a little before (a tenth, at
        /// most a second, is kept for the mail worker and the database).
        #[arg(long, env = "PULSE_SHUTDOWN_GRACE", default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=3600))]
        shutdown_grace: u64,
        /// Rate limits, each NAME=NUMBER, separated by commas, e.g.
        /// sign_ins_per_address=200,comments_per_account=20: requests a
        /// minute (registrations, subscriptions and password resets: an
        /// hour) per address or account. Those left out keep their defaults:
        /// registrations_per_address=10, sign_ins_per_address=20,
        /// sign_ins_per_account=10, comments_per_account=10,
        /// ballots_per_account=120, subscriptions_per_address=30,
        /// password_resets_per_address=10. Raise them where many residents
        /// share one address (a library, a meeting on a mobile network).
        #[arg(long, env = "PULSE_RATE_LIMITS", value_parser = Limits::parse)]
        rate_limits: Option<Limits>,
        /// Days a session lasts without being used.
        #[arg(long, env = "PULSE_SESSION_IDLE_DAYS", default_value_t = 14, value_parser = clap::value_parser!(u16).range(1..=3650))]
        session_idle_days: u16,
        /// Days a session lasts at most, used or not.
        #[arg(long, env = "PULSE_SESSION_MAX_DAYS", default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=3650))]
        session_max_days: u16,
        /// Where `/metrics` is answered (Prometheus), e.g. 10.0.0.5:9100, to
        /// whoever can reach it. Without it, `/metrics` is answered on
        /// --bind, only to this machine and only when not passed on by a
        /// proxy (no X-Forwarded-For).
        #[arg(long, env = "PULSE_METRICS_BIND")]
        metrics_bind: Option<String>,
        /// The log's lines: text for a person, or json (one object per
        /// line, each request's id among its fields) for a log collector.
        #[arg(long, env = "PULSE_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
        log_format: LogFormat,
        #[command(flatten)]
        mail: Box<MailArgs>,
    },
    /// Bring the database schema up to date and exit.
    Migrate {
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Load the demo topics into an empty database and exit.
    Demo {
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Set a city up: accounts, topic hosts and topics.
    Admin {
        #[command(flatten)]
        database: DatabaseArg,
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Check the public record: every topic's chain recomputed from the
    /// database's rows. Exits 0 with a line saying so, or non-zero naming
    /// each topic and the first entry that does not hold. Changes nothing.
    Verify {
        #[command(flatten)]
        database: DatabaseArg,
        /// Only this topic (its slug).
        #[arg(long)]
        topic: Option<String>,
        /// Instead of the database: the topic's public address
        /// (https://…/topics/SLUG), its record checked from outside.
        #[arg(long = "url", id = "address", conflicts_with = "topic")]
        address: Option<String>,
        /// And that a receipt, `POSITION:HASH`, stands in its record
        /// (with --topic or --url).
        #[arg(long)]
        receipt: Option<String>,
    },
    /// Copy every row of one database into another, empty one: SQLite to
    /// PostgreSQL or back (the source may go on serving). Each table's row
    /// count and checksum are checked before the copy is kept.
    Copy {
        /// The database to copy: sqlite://FILE or postgres://…
        #[arg(long)]
        from: String,
        /// The empty database to copy into (migrated first; a SQLite file
        /// is created).
        #[arg(long)]
        to: String,
        /// Copy the sessions too, so that whoever is signed in stays so.
        #[arg(long)]
        sessions: bool,
    },
    /// Back the database up into a SQLite file, consistently, while Pulse
    /// serves it: a SQLite database is copied whole; a PostgreSQL one is
    /// copied table by table (as `pulse copy`, counts and checksums
    /// checked). `pulse restore` brings it back.
    Backup {
        #[command(flatten)]
        database: DatabaseArg,
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: PathBuf,
    },
    /// Bring a backup back into an empty database (a new SQLite file, or a
    /// new PostgreSQL database), counts and checksums checked.
    Restore {
        /// The backup: a file `pulse backup` wrote.
        #[arg(long)]
        from: PathBuf,
        #[command(flatten)]
        database: DatabaseArg,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an account; prints a generated password once unless
    /// --password-stdin is given.
    CreateAccount {
        #[arg(long)]
        email: String,
        /// The name shown with the account's comments and responses.
        #[arg(long)]
        name: String,
        /// Make the account an administrator.
        #[arg(long)]
        admin: bool,
        /// Read the password from standard input instead.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Let an account host a topic: moderate, respond, post updates.
    GrantHost {
        #[arg(long)]
        topic: String,
        #[arg(long)]
        email: String,
    },
    /// End an account's hosting of a topic.
    RevokeHost {
        #[arg(long)]
        topic: String,
        #[arg(long)]
        email: String,
    },
    /// Create a topic from a TOML file (see docs/topic.example.toml).
    CreateTopic {
        #[arg(long)]
        file: PathBuf,
    },
    /// Publish a revised draft of a topic: its next version.
    PublishRevision {
        #[arg(long)]
        topic: String,
        /// The whole revised draft, Markdown.
        #[arg(long)]
        file: PathBuf,
        /// Why it changed (Markdown).
        #[arg(long)]
        note: String,
        /// The new version's title (the previous version's when left out).
        #[arg(long)]
        title: Option<String>,
        /// You said, we did: a TOML file with, per section anchor, why it
        /// changed and the comments that led to it
        /// (`[retention]` `note = "…"` `comments = [12, 40]`).
        #[arg(long)]
        sections: Option<PathBuf>,
    },
    /// List the topics with their status, dates and hosts.
    ListTopics,
    /// List the accounts: address, role, confirmed or not, since when,
    /// the topics each hosts, and name.
    ListAccounts,
    /// Print a single-use link with which the account chooses a new
    /// password, or set one from standard input (--password-stdin).
    /// Setting it ends every session of the account.
    ResetPassword {
        #[arg(long)]
        email: String,
        /// The site's address, to print the whole link.
        #[arg(long, env = "PULSE_PUBLIC_URL")]
        public_url: Option<String>,
        /// How long the link works, in hours (1 to 168).
        #[arg(long, default_value_t = 24)]
        valid_hours: i64,
        /// Read the new password from standard input instead.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Delete an account as its owner would: its comments kept under
    /// "Former participant" unless --withdraw-comments.
    DeleteAccount {
        #[arg(long)]
        email: String,
        /// Withdraw its comments and erase their texts instead.
        #[arg(long)]
        withdraw_comments: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // `pulse admin` answers on standard output (a generated password, a
    // list); its log goes to standard error, warnings only unless PULSE_LOG
    // says otherwise, and its errors are said once, plainly.
    let admin = matches!(cli.command, Command::Admin { .. });
    let filter = tracing_subscriber::EnvFilter::try_from_env("PULSE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(if admin { "off" } else { "info" }));
    // Colours only for a person at a terminal: not in a log file, a
    // journal or a pipe, nor when NO_COLOR is set (no-color.org).
    use std::io::IsTerminal as _;
    let colour =
        |terminal: bool| terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let json = matches!(
        cli.command,
        Command::Serve {
            log_format: LogFormat::Json,
            ..
        }
    );
    if admin {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .with_ansi(colour(std::io::stderr().is_terminal()))
            .init();
    } else if json {
        // One object a line: the time, level, message and fields, and the
        // request's span (its id, method and address) where there is one.
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .with_current_span(true)
            .with_span_list(false)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(colour(std::io::stdout().is_terminal()))
            .init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("pulse: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let done = runtime.block_on(run(cli.command));
    // What is left (a connection dropped at the end of the grace period, a
    // blocking task) is not waited for: the process ends now.
    runtime.shutdown_timeout(std::time::Duration::from_millis(50));
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("pulse: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve {
            bind,
            database,
            client_dir,
            demo,
            secure_cookies,
            public_origin,
            city_website,
            city_pages,
            city_logo,
            trusted_proxies,
            header_timeout,
            max_connections,
            max_connections_per_address,
            shutdown_grace,
            session_idle_days,
            session_max_days,
            rate_limits,
            metrics_bind,
            log_format: _,
            mail,
        } => {
            let mut config = Config::new(database.url);
            config.bind = bind;
            config.metrics_bind = metrics_bind;
            config.client_dir = client_dir;
            config.demo = demo;
            config.secure_cookies = secure_cookies;
            config.public_origin = public_origin;
            if let Some(url) = &city_website
                && pulse_api::links::safe_href(url).is_none_or(|u| !u.starts_with("http"))
            {
                anyhow::bail!(
                    "--city-website must be a web address starting with https:// (it was {url:?})"
                );
            }
            config.city_website = city_website;
            config.city_pages = city_pages;
            config.city_logo = city_logo;
            config.trusted_proxies = trusted_proxies;
            config.connections.header_timeout = Duration::from_secs(header_timeout);
            config.connections.max_connections = to_count(max_connections);
            config.connections.max_connections_per_address = to_count(max_connections_per_address);
            config.connections.shutdown_grace = Duration::from_secs(shutdown_grace);
            config.sessions.idle_seconds = i64::from(session_idle_days) * 24 * 3600;
            config.sessions.max_seconds = i64::from(session_max_days) * 24 * 3600;
            config.limits = rate_limits.unwrap_or_default();
            if let Some(url) = &mail.public_url
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                anyhow::bail!("--public-url must start with http:// or https:// (it was {url:?})");
            }
            config.mail.smtp_url = mail.smtp_url;
            config.mail.outbox_dir = mail.outbox_dir;
            config.mail.city = mail.city_name.unwrap_or_else(|| {
                if config.demo {
                    "City of Shakopee"
                } else {
                    "Pulse"
                }
                .to_string()
            });
            config.mail.from = match mail.mail_from {
                Some(from) => from,
                None => {
                    crate::config::default_sender(&config.mail.city, mail.public_url.as_deref())
                }
            };
            if config.mail.smtp_url.is_some() && config.mail.from.ends_with("@localhost>") {
                tracing::warn!(
                    from = config.mail.from,
                    "mail is sent from localhost, which most mail providers refuse: \
                     give --public-url or --mail-from"
                );
            }
            config.mail.public_url = mail.public_url;
            config.mail.lease = Duration::from_secs(mail.mail_lease);
            config.mail.retry_base = Duration::from_secs(mail.mail_retry);
            config.mail.flag_alert_every = Duration::from_secs(mail.flag_alert_every);
            config.mail.connections = to_count(mail.mail_connections);
            if !config.client_dir.join("index.html").exists() {
                tracing::warn!(
                    dir = %config.client_dir.display(),
                    "no built client there: serving the API only (run `make build`)"
                );
            }
            let server = startup::build(config).await?;
            let addr = server.local_addr()?;
            let signal = startup::shutdown_signal()?;
            if let Some(metrics) = server.metrics_addr() {
                tracing::info!("metrics are answered on http://{metrics}/metrics");
            }
            tracing::info!("Pulse is listening on http://{addr}");
            server.run(signal).await
        }
        Command::Migrate { database } => {
            let db = Db::connect(&database.url).await?;
            db::migrate::run(&db).await
        }
        Command::Demo { database } => {
            let db = Db::connect(&database.url).await?;
            db::migrate::run(&db).await?;
            demo::load(&db, clock::now()).await
        }
        Command::Admin { database, command } => {
            let db = Db::connect(&database.url).await?;
            db::migrate::run(&db).await?;
            match command {
                AdminCommand::CreateAccount {
                    email,
                    name,
                    admin: is_admin,
                    password_stdin,
                } => admin::create_account(&db, &email, &name, is_admin, password_stdin).await,
                AdminCommand::GrantHost { topic, email } => {
                    admin::set_host(&db, &topic, &email, true).await
                }
                AdminCommand::RevokeHost { topic, email } => {
                    admin::set_host(&db, &topic, &email, false).await
                }
                AdminCommand::CreateTopic { file } => admin::create_topic(&db, &file).await,
                AdminCommand::PublishRevision {
                    topic,
                    file,
                    note,
                    title,
                    sections,
                } => {
                    admin::publish_revision(&db, &topic, &file, note, title, sections.as_deref())
                        .await
                }
                AdminCommand::ListTopics => admin::list_topics(&db).await,
                AdminCommand::ListAccounts => admin::list_accounts(&db).await,
                AdminCommand::ResetPassword {
                    email,
                    public_url,
                    valid_hours,
                    password_stdin,
                } => {
                    admin::reset_password(
                        &db,
                        &email,
                        public_url.as_deref(),
                        valid_hours,
                        password_stdin,
                    )
                    .await
                }
                AdminCommand::DeleteAccount {
                    email,
                    withdraw_comments,
                } => admin::delete_account(&db, &email, withdraw_comments).await,
            }
        }
        Command::Verify {
            database,
            topic,
            address,
            receipt,
        } => {
            if let Some(url) = address {
                println!("{}", outside::verify(&url, receipt.as_deref()).await?);
                return Ok(());
            }
            if receipt.is_some() && topic.is_none() {
                anyhow::bail!("a receipt is checked in one topic's record: give --topic or --url");
            }
            let db = Db::connect(&database.url).await?;
            admin::verify(&db, topic.as_deref(), receipt.as_deref()).await
        }
        Command::Copy { from, to, sessions } => {
            if let Some(path) = from.strip_prefix("sqlite://")
                && !std::path::Path::new(path.split('?').next().unwrap_or(path)).exists()
            {
                anyhow::bail!("there is no database at {from}");
            }
            if from == to {
                anyhow::bail!("--from and --to are the same database");
            }
            let source = Db::connect(&from).await?;
            let destination = Db::connect(&to).await?;
            let copied = db::copy::copy(&source, &destination, sessions).await?;
            source.close().await;
            destination.close().await;
            for table in &copied {
                println!(
                    "{}: {} rows, sha256 {}",
                    table.table, table.rows, table.checksum
                );
            }
            println!(
                "copied {} tables, {} rows: counts and checksums match",
                copied.len(),
                copied.iter().map(|t| t.rows).sum::<u64>()
            );
            Ok(())
        }
        Command::Backup { database, to } => {
            let db = Db::connect(&database.url).await?;
            if db.backend == db::Backend::Sqlite {
                db::backup::to_file(&db, &to).await?;
            } else {
                if to.exists() {
                    anyhow::bail!(
                        "{} already exists; choose a new file for the backup",
                        to.display()
                    );
                }
                let file = Db::connect(&sqlite_url(&to)?).await?;
                let copied = db::copy::copy(&db, &file, true).await;
                file.close().await;
                let copied = copied.inspect_err(|_| {
                    // Half a backup is none: the file goes, and its log.
                    for beside in ["", "-wal", "-shm"] {
                        let mut path = to.clone().into_os_string();
                        path.push(beside);
                        let _ = std::fs::remove_file(path);
                    }
                })?;
                println!(
                    "backed up {} tables, {} rows into {}: counts and checksums match",
                    copied.len(),
                    copied.iter().map(|t| t.rows).sum::<u64>(),
                    to.display()
                );
            }
            tracing::info!(to = %to.display(), "backed up");
            Ok(())
        }
        Command::Restore { from, database } => {
            if !from.is_file() {
                anyhow::bail!("there is no backup at {}", from.display());
            }
            let backup = Db::connect(&sqlite_url(&from)?).await?;
            let db = Db::connect(&database.url).await?;
            let copied = db::copy::copy(&backup, &db, true).await?;
            backup.close().await;
            db.close().await;
            println!(
                "restored {} tables, {} rows from {}: counts and checksums match",
                copied.len(),
                copied.iter().map(|t| t.rows).sum::<u64>(),
                from.display()
            );
            Ok(())
        }
    }
}
