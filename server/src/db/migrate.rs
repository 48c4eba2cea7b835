//! Schema migrations, embedded in the binary and run at start.
//!
//! A small runner of our own rather than `sqlx::migrate!`: that macro would
//! compile both database drivers a second time for the build host.

use super::{Backend, Db};
use anyhow::Context;
use sha2::{Digest, Sha256};
use sqlx::{Acquire, AnyConnection, Connection, Executor, Row};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
    /// Renders stored Markdown the new columns lack, in the migration's
    /// transaction (SQL cannot render it).
    render_markdown: bool,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sqlite: include_str!("../../migrations/sqlite/0001_initial.sql"),
        postgres: include_str!("../../migrations/postgres/0001_initial.sql"),
        render_markdown: false,
    },
    Migration {
        version: 2,
        name: "hosts_and_moderation",
        sqlite: include_str!("../../migrations/sqlite/0002_hosts_and_moderation.sql"),
        postgres: include_str!("../../migrations/postgres/0002_hosts_and_moderation.sql"),
        render_markdown: false,
    },
    Migration {
        version: 3,
        name: "hardening",
        sqlite: include_str!("../../migrations/sqlite/0003_hardening.sql"),
        postgres: include_str!("../../migrations/postgres/0003_hardening.sql"),
        render_markdown: false,
    },
    Migration {
        version: 4,
        name: "mail",
        sqlite: include_str!("../../migrations/sqlite/0004_mail.sql"),
        postgres: include_str!("../../migrations/postgres/0004_mail.sql"),
        render_markdown: false,
    },
    Migration {
        version: 5,
        name: "section_follow",
        sqlite: include_str!("../../migrations/sqlite/0005_section_follow.sql"),
        postgres: include_str!("../../migrations/postgres/0005_section_follow.sql"),
        render_markdown: false,
    },
    Migration {
        version: 6,
        name: "rate_counts",
        sqlite: include_str!("../../migrations/sqlite/0006_rate_counts.sql"),
        postgres: include_str!("../../migrations/postgres/0006_rate_counts.sql"),
        render_markdown: false,
    },
    Migration {
        version: 7,
        name: "rendered",
        sqlite: include_str!("../../migrations/sqlite/0007_rendered.sql"),
        postgres: include_str!("../../migrations/postgres/0007_rendered.sql"),
        render_markdown: true,
    },
    Migration {
        version: 8,
        name: "comment_counts",
        sqlite: include_str!("../../migrations/sqlite/0008_comment_counts.sql"),
        postgres: include_str!("../../migrations/postgres/0008_comment_counts.sql"),
        render_markdown: false,
    },
    Migration {
        version: 9,
        name: "account_deletion",
        sqlite: include_str!("../../migrations/sqlite/0009_account_deletion.sql"),
        postgres: include_str!("../../migrations/postgres/0009_account_deletion.sql"),
        render_markdown: false,
    },
    Migration {
        version: 10,
        name: "migration_checksums",
        sqlite: include_str!("../../migrations/sqlite/0010_migration_checksums.sql"),
        postgres: include_str!("../../migrations/postgres/0010_migration_checksums.sql"),
        render_markdown: false,
    },
    Migration {
        version: 11,
        name: "languages",
        sqlite: include_str!("../../migrations/sqlite/0011_languages.sql"),
        postgres: include_str!("../../migrations/postgres/0011_languages.sql"),
        render_markdown: false,
    },
    Migration {
        version: 12,
        name: "translations",
        sqlite: include_str!("../../migrations/sqlite/0012_translations.sql"),
        postgres: include_str!("../../migrations/postgres/0012_translations.sql"),
        render_markdown: false,
    },
    Migration {
        version: 13,
        name: "revisions",
        sqlite: include_str!("../../migrations/sqlite/0013_revisions.sql"),
        postgres: include_str!("../../migrations/postgres/0013_revisions.sql"),
        render_markdown: false,
    },
    Migration {
        version: 14,
        name: "desk",
        sqlite: include_str!("../../migrations/sqlite/0014_desk.sql"),
        postgres: include_str!("../../migrations/postgres/0014_desk.sql"),
        render_markdown: false,
    },
    Migration {
        version: 15,
        name: "translated drafts",
        sqlite: include_str!("../../migrations/sqlite/0015_translated_drafts.sql"),
        postgres: include_str!("../../migrations/postgres/0015_translated_drafts.sql"),
        render_markdown: false,
    },
    Migration {
        version: 16,
        name: "record",
        sqlite: include_str!("../../migrations/sqlite/0016_record.sql"),
        postgres: include_str!("../../migrations/postgres/0016_record.sql"),
        render_markdown: false,
    },
    Migration {
        version: 17,
        name: "record_heads",
        sqlite: include_str!("../../migrations/sqlite/0017_record_heads.sql"),
        postgres: include_str!("../../migrations/postgres/0017_record_heads.sql"),
        render_markdown: false,
    },
];

/// The first migration after which `pulse_migrations` has its `checksum`.
const CHECKSUMS_FROM: i64 = 10;

impl Migration {
    fn sql(&self, backend: Backend) -> &'static str {
        match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        }
    }

    /// The SHA-256 of the SQL this migration runs on `backend`, in hex.
    fn checksum(&self, backend: Backend) -> String {
        Sha256::digest(self.sql(backend).as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Refuses to go on when a migration already applied to this database has
/// changed since; fills in the checksums not yet recorded.
async fn check_applied(conn: &mut AnyConnection, backend: Backend) -> anyhow::Result<()> {
    let rows = sqlx::query("SELECT version, checksum FROM pulse_migrations ORDER BY version")
        .fetch_all(&mut *conn)
        .await
        .context("reading the applied migrations' checksums")?;
    for row in rows {
        let version: i64 = row.try_get("version")?;
        let recorded: Option<String> = row.try_get("checksum")?;
        let Some(migration) = MIGRATIONS.iter().find(|m| m.version == version) else {
            // Migrated by a newer Pulse. An instance of this version that
            // is running keeps serving (migrations stay compatible for one
            // release), but none starts on a schema it does not know.
            anyhow::bail!(
                "the database has migration {version}, which this version of Pulse does not \
                 know: a newer Pulse migrated it. Start that version or a later one, or restore \
                 a backup taken before it"
            );
        };
        let now = migration.checksum(backend);
        match recorded {
            Some(recorded) if recorded != now => anyhow::bail!(
                "migration {version} ({}) was changed after it was applied to this database \
                 (its SQL had the checksum {recorded}, the file now has {now}); Pulse will not \
                 start on a schema it cannot vouch for. Restore the migration as it was, and put \
                 the change in a new migration",
                migration.name
            ),
            Some(_) => {}
            None => {
                sqlx::query("UPDATE pulse_migrations SET checksum = $1 WHERE version = $2")
                    .bind(&now)
                    .bind(version)
                    .execute(&mut *conn)
                    .await
                    .context("recording a migration's checksum")?;
            }
        }
    }
    Ok(())
}

/// The migrations this Pulse knows that the database has not had, in
/// order: none when its schema is current, or newer (migrated by a Pulse
/// upgraded first, whose migrations stay compatible for one release).
pub async fn pending(conn: &mut AnyConnection) -> anyhow::Result<Vec<i64>> {
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM pulse_migrations")
        .fetch_all(conn)
        .await
        .context("reading the applied migrations")?;
    Ok(MIGRATIONS
        .iter()
        .map(|m| m.version)
        .filter(|v| !applied.contains(v))
        .collect())
}

/// Brings the schema up to date. Safe to run from several instances at once
/// on PostgreSQL (an advisory lock lets one at a time through).
pub async fn run(db: &Db) -> anyhow::Result<()> {
    let mut conn = db
        .pool
        .acquire()
        .await
        .context("getting a connection to migrate")?;
    if db.backend == Backend::Postgres {
        // Another instance's migrations may take minutes, and this one's
        // changes of a table wait for the requests reading it: no lock
        // timeout here (the connection's is set back below).
        conn.execute("SET lock_timeout = 0")
            .await
            .context("setting the lock timeout aside")?;
        conn.execute("DO $$ BEGIN PERFORM pg_advisory_lock(736578); END $$;")
            .await
            .context("waiting for the migration lock")?;
    }
    let result = async {
        conn.execute(
            "CREATE TABLE IF NOT EXISTS pulse_migrations (\
             version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .await
        .context("creating the migrations table")?;
        let has_checksums: Option<i64> =
            sqlx::query_scalar("SELECT version FROM pulse_migrations WHERE version = $1")
                .bind(CHECKSUMS_FROM)
                .fetch_optional(&mut *conn)
                .await
                .context("reading applied migrations")?;
        if has_checksums.is_some() {
            check_applied(&mut conn, db.backend).await?;
        }
        for migration in MIGRATIONS {
            // On SQLite the write lock is taken before looking: a second
            // instance starting on the same new file waits, then finds the
            // migration applied (PostgreSQL has the advisory lock above).
            let mut tx = match db.backend {
                Backend::Sqlite => (*conn).begin_with("BEGIN IMMEDIATE").await,
                Backend::Postgres => conn.begin().await,
            }
            .context("starting a migration")?;
            let applied: Option<i64> =
                sqlx::query_scalar("SELECT version FROM pulse_migrations WHERE version = $1")
                    .bind(migration.version)
                    .fetch_optional(&mut *tx)
                    .await
                    .context("reading applied migrations")?;
            if applied.is_some() {
                continue;
            }
            tx.execute(migration.sql(db.backend))
                .await
                .with_context(|| {
                    format!(
                        "applying migration {} {}",
                        migration.version, migration.name
                    )
                })?;
            if migration.render_markdown {
                super::rendered::render_missing(&mut tx).await?;
            }
            sqlx::query(
                "INSERT INTO pulse_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(migration.version)
            .bind(migration.name)
            .bind(crate::clock::now().0)
            .execute(&mut *tx)
            .await
            .context("recording a migration")?;
            tx.commit().await.context("committing a migration")?;
            tracing::info!(
                version = migration.version,
                name = migration.name,
                "migrated"
            );
        }
        // The checksums of migrations applied before there was a column
        // for them, filled once.
        check_applied(&mut conn, db.backend).await
    }
    .await;
    if db.backend == Backend::Postgres {
        conn.execute("DO $$ BEGIN PERFORM pg_advisory_unlock(736578); END $$;")
            .await
            .context("releasing the migration lock")?;
        conn.execute(super::LOCK_TIMEOUT)
            .await
            .context("setting the lock timeout back")?;
    }
    result
}
