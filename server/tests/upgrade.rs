//! Upgrades (issue 24): the suite keeps databases made at earlier schemas,
//! with data in every table, as fixtures (`tests/fixtures/schema-NN.sql`,
//! made by `tests/fixtures/make_fixture.py` with that version's `pulse`),
//! and proves that `pulse migrate` brings each up to date without losing
//! a row, that the public record is begun and holds, and that the residents'
//! words are served as they were written.
//!
//! Migration 9 was the schema when this rule was made; from migration 17
//! on, each new schema adds its own fixture (a test below fails until it
//! does).

mod support;

use pulse_tests::databases::fresh_sqlite;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::pulse;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// The fixtures whose names end with `suffix` (`.sql` for SQLite,
/// `.pg.sql` for PostgreSQL), by the schema they hold.
fn fixtures_ending(suffix: &str) -> BTreeMap<i64, PathBuf> {
    std::fs::read_dir(root().join("tests/fixtures"))
        .expect("tests/fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let version = name
                .strip_prefix("schema-")?
                .strip_suffix(suffix)?
                .parse()
                .ok()?;
            Some((version, path))
        })
        .collect()
}

fn fixtures() -> BTreeMap<i64, PathBuf> {
    fixtures_ending(".sql")
}

fn postgres_fixtures() -> BTreeMap<i64, PathBuf> {
    fixtures_ending(".pg.sql")
}

/// The newest migration this Pulse has.
fn latest_migration() -> i64 {
    std::fs::read_dir(root().join("server/migrations/sqlite"))
        .expect("the migrations")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.get(..4)?.parse().ok())
        .max()
        .expect("a migration")
}

#[test]
fn every_schema_from_the_seventeenth_has_its_fixtures() {
    for (have, suffix, how) in [
        (fixtures(), ".sql", ""),
        (
            postgres_fixtures(),
            ".pg.sql",
            "PULSE_FIXTURE_POSTGRES=postgres://postgres@127.0.0.1:5432 ",
        ),
    ] {
        assert!(
            have.contains_key(&9),
            "the fixture schema-09{suffix} is missing"
        );
        for version in 17..=latest_migration() {
            assert!(
                have.contains_key(&version),
                "migration {version} has no upgrade fixture: build this version and run \
                 `{how}python3 tests/fixtures/make_fixture.py target/debug/pulse \
                 tests/fixtures/schema-{version:02}{suffix}`"
            );
        }
    }
}

async fn counts(db: &pulse_server::db::Db) -> BTreeMap<String, i64> {
    let mut conn = db.read().await.expect("a connection");
    let tables: Vec<String> = sqlx::query_scalar(match db.backend {
        pulse_server::db::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        pulse_server::db::Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        }
    })
    .fetch_all(&mut *conn)
    .await
    .expect("the tables");
    let mut counts = BTreeMap::new();
    for table in tables {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM \"{table}\""
        )))
        .fetch_one(&mut *conn)
        .await
        .expect("a count");
        counts.insert(table, n);
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fixture_is_upgraded_without_loss() {
    let found = fixtures();
    assert!(!found.is_empty());
    for (version, path) in found {
        let script = std::fs::read_to_string(&path).expect("the fixture");
        let url = fresh_sqlite(&format!("upgrade-{version}"));
        let db = pulse_server::db::Db::connect(&url)
            .await
            .expect("a new file");
        {
            // The dump has its tables by name, children before parents:
            // the keys are checked once all is there.
            let mut conn = db.read().await.expect("a connection");
            sqlx::raw_sql("PRAGMA foreign_keys = OFF")
                .execute(&mut *conn)
                .await
                .expect("foreign keys off");
            sqlx::raw_sql(sqlx::AssertSqlSafe(script))
                .execute(&mut *conn)
                .await
                .unwrap_or_else(|e| panic!("loading {}: {e}", path.display()));
            sqlx::raw_sql("PRAGMA foreign_keys = ON")
                .execute(&mut *conn)
                .await
                .expect("foreign keys on");
            let broken: Vec<String> =
                sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await
                    .expect("checking the keys");
            assert!(
                broken.is_empty(),
                "schema {version}: keys broken in {broken:?}"
            );
        }
        upgraded(version, &url, &db).await;
    }
}

/// Checks one fixture loaded at `url`: migrated without losing a row,
/// served with its words, its record begun and holding.
async fn upgraded(version: i64, url: &str, db: &pulse_server::db::Db) {
    let before = counts(db).await;
    let empty: Vec<_> = before
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(t, _)| t)
        .collect();
    // Only what SQLite never fills (rate limits are counted in memory
    // there) may be empty.
    assert!(
        empty.iter().all(|t| *t == "rate_counts"),
        "schema {version}: the fixture has empty tables {empty:?}"
    );

    let out = pulse(&["migrate", "--database", url]);
    assert!(
        out.status.success(),
        "schema {version}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = counts(db).await;
    for (table, rows) in &before {
        let now = after.get(table).copied();
        assert!(
            now.is_some_and(|n| n >= *rows),
            "schema {version}: {table} had {rows} rows, has {now:?} after migrating"
        );
    }

    // Served: the public record is begun from the rows at the first
    // start, and holds.
    let mut config = pulse_server::Config::new(url.to_string());
    config.bind = "127.0.0.1:0".into();
    config.client_dir = PathBuf::from("/nonexistent");
    config.mail.outbox_dir = std::env::temp_dir().join(format!(
        "pulse-upgrade-outbox-{}-{version}",
        std::process::id()
    ));
    let server = pulse_server::startup::build(config)
        .await
        .unwrap_or_else(|e| panic!("schema {version}: the server starts: {e:#}"));
    let base = format!("http://{}", server.local_addr().expect("bound"));
    tokio::spawn(server.run(std::future::pending()));
    let get = |path: &str| {
        let url = format!("{base}{path}");
        async move {
            let answer = reqwest::get(&url).await.expect("an answer");
            assert_eq!(answer.status(), 200, "{url}");
            answer.text().await.expect("a body")
        }
    };
    let comments = get("/api/v1/topics/body-worn-cameras/comments?section=purpose").await;
    assert!(
        comments.contains("a tab, and ñ (edited)."),
        "schema {version}: the edited comment: {comments}"
    );
    assert!(
        comments.contains("A reply."),
        "schema {version}: {comments}"
    );
    let topic = get("/api/v1/topics/body-worn-cameras").await;
    assert!(
        topic.contains("Before the upgrade"),
        "schema {version}: {topic}"
    );
    assert!(
        topic.contains("Council meeting"),
        "schema {version}: {topic}"
    );
    let verified = pulse(&["verify", "--database", url]);
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success() && said.contains("the record holds"),
        "schema {version}: {said}{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    // Migrating again changes nothing.
    let again = pulse(&["migrate", "--database", url]);
    assert!(again.status.success());
    assert_eq!(counts(db).await.len(), after.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_postgresql_fixture_is_upgraded_without_loss() {
    if !pulse_tests::databases::postgres_for("the PostgreSQL upgrade fixtures").await {
        return;
    }
    let found = postgres_fixtures();
    assert!(!found.is_empty());
    for (version, path) in found {
        let url = pulse_tests::databases::fresh_postgres(&format!("upgrade_{version}")).await;
        // pg_dump's plain SQL is psql's to read (its \\restrict lines).
        let loaded = Command::new("psql")
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-X", "-f"])
            .arg(&path)
            .arg(&url)
            .output()
            .expect("psql runs");
        assert!(
            loaded.status.success(),
            "loading {}: {}",
            path.display(),
            String::from_utf8_lossy(&loaded.stderr)
        );
        let db = pulse_server::db::Db::connect(&url)
            .await
            .expect("the database");
        upgraded(version, &url, &db).await;
    }
}
