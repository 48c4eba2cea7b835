//! The data layer: every SQL statement Pulse runs lives under this module.
//!
//! One set of queries serves SQLite and PostgreSQL through sqlx's `Any`
//! driver: placeholders are `$1` (both accept them), ids and times are
//! 64-bit integers, and the two schemas in `migrations/` are kept in step.
//!
//! Every function takes a connection (`&mut AnyConnection`): a pooled one
//! from [`Db::read`] for reads, or a transaction from [`Db::write`], so that a
//! write and everything it causes (the audit row, later the notices) commit
//! together or not at all. The caller owns the transaction.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod batch;
pub mod comments;
pub mod copy;
pub mod hosts;
pub mod migrate;
pub mod moderation;
pub mod outbox;
pub mod polls;
pub mod ratelimit;
pub mod record;
pub mod rendered;
pub mod report;
pub mod revisions;
pub mod settings;
pub mod subscriptions;
pub mod tokens;
pub mod topics;

use crate::metrics::Metrics;
use anyhow::{Context, bail};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, OwnedMutexGuard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection from the pool, for reading.
pub type Conn = PoolConnection<Any>;
/// A transaction: commit it, or dropping it rolls everything back. A
/// write transaction on SQLite also holds this instance's turn to write
/// ([`Db::write`]) until it ends.
pub struct Tx {
    // Dropped before the turn: rolled back, then the next may begin.
    tx: Transaction<'static, Any>,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// How long a write waits for its turn on SQLite: as long as SQLite's own
/// busy timeout, for the same reason.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a statement waits for a lock on PostgreSQL before it is ended
/// (and its request answered 503): as long as SQLite's busy timeout. A
/// session left holding a lock (a `psql` in a transaction, a long
/// migration of a newer instance) then holds no request longer. The
/// migrations set it aside (`migrate::run`): they wait for each other.
pub const LOCK_TIMEOUT: &str = "SET lock_timeout = '10s'";

/// How long a PostgreSQL connection may have lain unused and still be
/// taken without a round trip to test it.
const UNTESTED_FOR: Duration = Duration::from_secs(1);

/// A pool of connections to the one database every instance shares.
#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// This instance's counts and timings (`/metrics`): how long a
    /// connection was waited for here, the writer's and the mail worker's
    /// elsewhere.
    pub metrics: Arc<Metrics>,
    /// This instance's turn to write, on SQLite (see [`Db::write`]).
    turn: Arc<Mutex<()>>,
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
            // A PostgreSQL connection that broke while it lay unused (the
            // database restarted, a proxy between closed it) is found and
            // replaced when it is taken, by a round trip to test it; one
            // that was in use a moment ago is taken untested, so that a
            // busy instance pays no round trip a request for it (sqlx tests
            // each as it comes back, and drops one that broke: one request
            // at most fails on it). Measured with post_bench, three
            // instances: 1,265–1,358 posts a second with the test, 1,442–
            // 1,517 without. A SQLite connection is a file, which nothing
            // between can break.
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                Box::pin(async move {
                    if backend == Backend::Postgres && meta.idle_for >= UNTESTED_FOR {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers go on while one writer writes; the
                        // busy timeout makes writers queue instead of failing.
                        // The busy timeout comes first: switching a new file to
                        // WAL takes a lock that another starting instance may
                        // hold. `synchronous = FULL` syncs the log on every
                        // commit, so an acknowledged comment survives a power
                        // cut (the cost is measured in the README).
                        conn.execute(
                            "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                             PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    } else {
                        conn.execute(LOCK_TIMEOUT).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("connecting to the {backend:?} database"))?;
        Ok(Db {
            pool,
            backend,
            metrics: Arc::new(Metrics::new()),
            turn: Arc::new(Mutex::new(())),
        })
    }
}

impl Db {
    /// Closes every connection, waiting for each. On SQLite the last one
    /// to close writes what the log (`-wal`) holds into the file and
    /// removes the log: a file written to be moved (a copy, a backup) is
    /// then whole by itself.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A connection to read with.
    pub async fn read(&self) -> anyhow::Result<Conn> {
        let asked = Instant::now();
        let conn = self.pool.acquire().await;
        self.metrics.waited("read", asked.elapsed());
        conn.context("getting a database connection")
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes
    /// fails "busy" under WAL when another writer got in between, and
    /// `busy_timeout` does not retry that; immediate ones queue instead.
    ///
    /// Within an instance they queue for a turn before they ask SQLite: a
    /// writer that finds the lock taken sleeps in SQLite's busy handler (1,
    /// 2, 5, 10 ms and longer) however soon the lock is let go, where a
    /// turn is handed on at once. Other processes on the file still meet
    /// the busy timeout.
    pub async fn write(&self) -> anyhow::Result<Tx> {
        let asked = Instant::now();
        let turn = match self.backend {
            Backend::Sqlite => Some(
                tokio::time::timeout(TURN_TIMEOUT, self.turn.clone().lock_owned())
                    .await
                    .map_err(|_| NoTurn)?,
            ),
            Backend::Postgres => None,
        };
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        };
        self.metrics.waited("write", asked.elapsed());
        Ok(Tx {
            tx: tx.context("starting a write transaction")?,
            _turn: turn,
        })
    }

    /// A read-only transaction that sees the database as it was at its
    /// first read, however many queries it makes: for an answer built from
    /// many (the report and the head of the record it was built from). A
    /// deferred transaction on SQLite (WAL keeps its snapshot), repeatable
    /// read on PostgreSQL. Dropped, it ends.
    pub async fn snapshot(&self) -> anyhow::Result<Tx> {
        let asked = Instant::now();
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN DEFERRED").await,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await
            }
        };
        self.metrics.waited("snapshot", asked.elapsed());
        Ok(Tx {
            tx: tx.context("starting a read")?,
            _turn: None,
        })
    }
}

/// Commits a write transaction.
pub async fn commit(tx: Tx) -> anyhow::Result<()> {
    tx.commit().await.context("committing a write")
}

/// `$first, $first+1, …`: `n` placeholders, for an `IN (…)` list.
pub fn placeholders(n: usize, first: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of a `VALUES` list of placeholders, numbered from `first`:
/// `rows` rows of one placeholder a column, each cast to its column's type
/// in `types` where one is named (`""` for none). A list in a `FROM`
/// needs the casts on PostgreSQL, which cannot tell a parameter's type
/// there; one after `INSERT … VALUES` takes the table's.
pub fn values_list(rows: usize, types: &[&str], first: usize) -> String {
    use std::fmt::Write;
    let mut list = String::with_capacity(rows * types.len() * 8);
    let mut n = first;
    for row in 0..rows {
        list.push_str(if row == 0 { "(" } else { ", (" });
        for (column, cast) in types.iter().enumerate() {
            if column > 0 {
                list.push_str(", ");
            }
            let _ = if cast.is_empty() {
                write!(list, "${n}")
            } else {
                write!(list, "CAST(${n} AS {cast})")
            };
            n += 1;
        }
        list.push(')');
    }
    list
}

/// No turn to write came on SQLite within [`TURN_TIMEOUT`]: the instance
/// is writing more than it can.
#[derive(Debug)]
pub struct NoTurn;

impl std::fmt::Display for NoTurn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the database is busy: no turn to write came")
    }
}

impl std::error::Error for NoTurn {}

/// Whether `error` says the database could not take the request at this
/// moment, rather than that something is wrong: no connection came in
/// time or could be made, SQLite stayed locked past its busy timeout, or
/// PostgreSQL ended the transaction for a conflict or a shutdown (the
/// writer adds a quota other instances kept taking from under a batch).
/// Such a request is answered `503` with a `Retry-After`, for the client
/// (or the proxy) to try again; nothing in the server is broken.
pub fn unavailable(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if cause.is::<NoTurn>() {
            return true;
        }
        match cause.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => true,
            Some(sqlx::Error::Database(db_error)) => db_error.code().is_some_and(|code| {
                // SQLite's extended codes carry the primary one in their
                // low byte: BUSY (5) and LOCKED (6).
                let sqlite = code.parse::<i64>().ok().map(|c| c & 0xff);
                matches!(sqlite, Some(5 | 6))
                    || matches!(
                        code.as_ref(),
                        // serialization_failure, deadlock_detected,
                        // lock_not_available, admin_shutdown,
                        // crash_shutdown, cannot_connect_now,
                        // too_many_connections
                        "40001" | "40P01" | "55P03" | "57P01" | "57P02" | "57P03" | "53300"
                    )
            }),
            _ => false,
        }
    })
}

/// What a refused write ran into, when the database refused it on a rule of
/// the schema rather than failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    Unique,
    ForeignKey,
    Check,
}

/// The schema rule `error` broke, if it is one.
pub fn violation(error: &anyhow::Error) -> Option<Violation> {
    let sqlx::Error::Database(db_error) = error.downcast_ref::<sqlx::Error>()? else {
        return None;
    };
    match db_error.kind() {
        sqlx::error::ErrorKind::UniqueViolation => Some(Violation::Unique),
        sqlx::error::ErrorKind::ForeignKeyViolation => Some(Violation::ForeignKey),
        sqlx::error::ErrorKind::CheckViolation | sqlx::error::ErrorKind::NotNullViolation => {
            Some(Violation::Check)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use anyhow::Context as _;

    #[test]
    fn a_database_too_busy_is_told_from_a_fault() {
        let busy = [
            anyhow::Error::from(sqlx::Error::PoolTimedOut),
            anyhow::Error::from(sqlx::Error::PoolClosed),
            anyhow::Error::from(super::NoTurn),
            Err::<(), _>(sqlx::Error::PoolTimedOut)
                .context("reading a topic")
                .unwrap_err(),
        ];
        for error in &busy {
            assert!(super::unavailable(error), "{error:#}");
        }
        let faults = [
            anyhow::Error::from(sqlx::Error::RowNotFound),
            anyhow::anyhow!("the database is busy"),
            Err::<(), _>(sqlx::Error::ColumnNotFound("id".into()))
                .context("reading a topic")
                .unwrap_err(),
        ];
        for error in &faults {
            assert!(!super::unavailable(error), "{error:#}");
        }
    }

    #[test]
    fn a_values_list_numbers_its_placeholders_across_rows() {
        assert_eq!(super::values_list(1, &["", ""], 1), "($1, $2)");
        assert_eq!(
            super::values_list(2, &["BIGINT", ""], 3),
            "(CAST($3 AS BIGINT), $4), (CAST($5 AS BIGINT), $6)"
        );
    }
}
