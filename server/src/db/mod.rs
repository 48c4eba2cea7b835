//! The data layer: every SQL statement Pulse runs lives under this module.
//!
//! One set of queries serves SQLite and PostgreSQL through sqlx's `Any`
//! driver: placeholders are `$1` (both accept them), ids and times are
//! 64-bit integers, and the two schemas in `migrations/` are kept in step.

pub mod accounts;
pub mod backup;
pub mod comments;
pub mod migrate;
pub mod polls;
pub mod settings;
pub mod topics;

use anyhow::{Context, bail};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool of connections to the one database every instance shares.
#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    /// Connects to `sqlite://FILE` (created when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let (backend, url) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else if url.starts_with("sqlite:") {
            // Create the file on first start: nothing to install or prepare.
            let url = if url.contains("mode=") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else {
            bail!("the database URL must start with sqlite:// or postgres://");
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers go on while one writer writes; the
                        // busy timeout makes writers queue instead of failing.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("connecting to the {backend:?} database"))?;
        Ok(Db { pool, backend })
    }
}
