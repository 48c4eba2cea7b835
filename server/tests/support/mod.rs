//! What the server's own tests share: running this build's `pulse`; for
//! the mail fault test and the mail benchmark, a database with the demo
//! and confirmed readers, and posting an update through the service the
//! API's handler calls.

#![allow(dead_code)] // each test file uses its share of it

use pulse_server::db::{self, Db};
use std::process::{Command, Output};

/// Runs this build's `pulse ARGS`, logging warnings only, without colour.
pub fn pulse(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args(args)
        .env("PULSE_LOG", "warn")
        .env("NO_COLOR", "1")
        .output()
        .expect("pulse runs")
}

/// What `pulse copy`, `backup` or `restore` said, once it succeeded and
/// said that the counts and checksums match.
pub fn checked(out: &Output) -> String {
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("counts and checksums match"), "{said}");
    said
}

pub const TOPIC: &str = "body-worn-cameras";

/// `url` migrated, with the demo and `readers` confirmed subscribers of
/// [`TOPIC`].
pub async fn demo_with_readers(url: &str, readers: usize) -> Db {
    let db = Db::connect(url).await.expect("the database");
    db::migrate::run(&db).await.expect("migrated");
    pulse_server::demo::load(&db, pulse_server::clock::now())
        .await
        .expect("the demo");
    let mut conn = db.read().await.expect("a connection");
    sqlx::Executor::execute(
        &mut *conn,
        sqlx::AssertSqlSafe(pulse_tests::fixtures::confirmed_readers(TOPIC, readers)),
    )
    .await
    .expect("the readers");
    drop(conn);
    db
}

/// Posts an update on [`TOPIC`] through the service that the API's handler
/// calls, as the operator: the update and one notice per subscriber, in
/// one transaction. Returns the notices written.
pub async fn post_update(db: &Db, title: &str) -> u64 {
    use pulse_api::validate::{PostBody, Title};
    let now = pulse_server::clock::now();
    let mut tx = db.write().await.expect("a transaction");
    let topic = pulse_server::services::find_topic(&mut tx, TOPIC)
        .await
        .expect("the demo's topic");
    let written = pulse_server::services::moderation::publish_update(
        &mut tx,
        &topic,
        &pulse_server::policy::Actor::command_line(),
        (
            &Title::parse(title).expect("a title"),
            &PostBody::parse("News.").expect("a body"),
        ),
        &[],
        now,
    )
    .await
    .expect("the update and its notices");
    db::commit(tx).await.expect("committed");
    written
}

/// A fresh database: a new SQLite file, or with `PULSE_TEST_DATABASE=postgres`
/// a new database on `PULSE_TEST_POSTGRES_URL` (see `pulse_tests::databases`).
pub fn temp_db(name: &str) -> String {
    pulse_tests::databases::fresh_database_blocking(name)
}
