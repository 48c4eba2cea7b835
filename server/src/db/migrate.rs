//! Schema migrations, embedded in the binary and run at start.
//!
//! A small runner of our own rather than `sqlx::migrate!`: that macro would
//! compile both database drivers a second time for the build host.

use super::{Backend, Db};
use anyhow::Context;
use sqlx::{Acquire, Connection, Executor};

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
];

/// Brings the schema up to date. Safe to run from several instances at once
/// on PostgreSQL (an advisory lock lets one at a time through).
pub async fn run(db: &Db) -> anyhow::Result<()> {
    let mut conn = db
        .pool
        .acquire()
        .await
        .context("getting a connection to migrate")?;
    if db.backend == Backend::Postgres {
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
            let sql = match db.backend {
                Backend::Sqlite => migration.sqlite,
                Backend::Postgres => migration.postgres,
            };
            tx.execute(sql).await.with_context(|| {
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
        anyhow::Ok(())
    }
    .await;
    if db.backend == Backend::Postgres {
        conn.execute("DO $$ BEGIN PERFORM pg_advisory_unlock(736578); END $$;")
            .await
            .context("releasing the migration lock")?;
    }
    result
}
