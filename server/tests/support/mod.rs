//! What the mail fault test and the mail benchmark share: a database with
//! the demo and confirmed readers, and posting an update the way its
//! handler does.

#![allow(dead_code)] // each test file uses its share of it

use pulse_server::db::{self, Db};
use std::process::Command;

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

/// Posts an update on [`TOPIC`] as its handler does: the update and one
/// notice per subscriber, in one transaction. Returns the notices written.
pub async fn post_update(db: &Db, title: &str) -> u64 {
    let now = pulse_server::clock::now();
    let mut tx = db.write().await.expect("a transaction");
    let topic = db::topics::find(&mut tx, TOPIC)
        .await
        .expect("reading the topic")
        .expect("the demo's topic");
    let id = db::topics::insert_update(&mut tx, topic.id, None, title, "News.", now)
        .await
        .expect("the update");
    let written = db::mail::enqueue_for_subscribers(
        &mut tx,
        topic.id,
        db::mail::Kind::Update,
        Some(id),
        now,
        now,
    )
    .await
    .expect("the notices");
    db::commit(tx).await.expect("committed");
    written
}

/// A fresh database: a new SQLite file, or with `PULSE_TEST_DATABASE=postgres`
/// a new database on `PULSE_TEST_POSTGRES_URL` (made with psql).
pub fn temp_db(name: &str) -> String {
    let unique = format!("{name}_{}", std::process::id()).replace('-', "_");
    if std::env::var("PULSE_TEST_DATABASE").as_deref() == Ok("postgres") {
        let admin = std::env::var("PULSE_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let db = format!("pulse_test_server_{unique}");
        for sql in [
            format!("DROP DATABASE IF EXISTS {db}"),
            format!("CREATE DATABASE {db}"),
        ] {
            let done = Command::new("psql")
                .args([admin.as_str(), "-qAt", "-c", &sql])
                .env("PGOPTIONS", "-c client_min_messages=warning")
                .status()
                .expect("psql runs");
            assert!(done.success(), "{sql}");
        }
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        return format!("{base}/{db}");
    }
    let path = std::env::temp_dir().join(format!("pulse-server-{unique}.db"));
    let _ = std::fs::remove_file(&path);
    format!("sqlite://{}", path.display())
}
