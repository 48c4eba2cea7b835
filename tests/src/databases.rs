//! A fresh, empty database for one test: a new SQLite file, or with
//! `PULSE_TEST_DATABASE=postgres` a new database on the PostgreSQL server
//! at `PULSE_TEST_POSTGRES_URL` (by default `postgres://postgres@127.0.0.1:5432/postgres`).
//! The one helper every test package uses.

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The PostgreSQL server's administrative URL.
pub fn postgres_admin_url() -> String {
    std::env::var("PULSE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Whether this run's tests use PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("PULSE_TEST_DATABASE").as_deref() == Ok("postgres")
}

/// A name no other test of any run has: `name`, the process and a count.
fn unique(name: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{name}_{}_{nanos}_{n}", std::process::id()).replace('-', "_")
}

/// A fresh database's URL, on this run's database.
pub async fn fresh_database(name: &str) -> String {
    if on_postgres() {
        fresh_postgres(name).await
    } else {
        fresh_sqlite(name)
    }
}

/// The same, for a test that is not async (it waits for PostgreSQL).
pub fn fresh_database_blocking(name: &str) -> String {
    if !on_postgres() {
        return fresh_sqlite(name);
    }
    // On a thread of its own: the caller may be inside a runtime already.
    let name = name.to_string();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(fresh_postgres(&name))
    })
    .join()
    .expect("a database made")
}

/// A new SQLite file's URL.
pub fn fresh_sqlite(name: &str) -> String {
    let path = std::env::temp_dir().join(format!("pulse-test-{}.db", unique(name)));
    format!("sqlite://{}", path.display())
}

/// A new PostgreSQL database's URL (made with `CREATE DATABASE`).
pub async fn fresh_postgres(name: &str) -> String {
    use sqlx::Connection;
    let admin = postgres_admin_url();
    let database = format!("pulse_test_{}", unique(name));
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("PostgreSQL answers at PULSE_TEST_POSTGRES_URL");
    sqlx::Executor::execute(
        &mut conn,
        sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")),
    )
    .await
    .expect("creating a test database");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    format!("{base}/{database}")
}

/// Whether PostgreSQL answers at [`postgres_admin_url`].
pub async fn postgres_answers() -> bool {
    use sqlx::Connection;
    sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .is_ok()
}

/// Whether PostgreSQL answers, for a test that needs it: when it does not,
/// the test says it is skipped (`what`, e.g. "the drill"), unless the run
/// requires PostgreSQL (`PULSE_REQUIRE_POSTGRES=1`), which fails instead.
pub async fn postgres_for(what: &str) -> bool {
    if postgres_answers().await {
        return true;
    }
    assert!(
        std::env::var("PULSE_REQUIRE_POSTGRES").as_deref() != Ok("1"),
        "{what} needs PostgreSQL, which does not answer, and this run requires it"
    );
    eprintln!("!! {what} is SKIPPED: PostgreSQL does not answer");
    false
}
