//! The mail benchmark (not a test: it asserts nothing about time). For a
//! topic with 100,000 subscribers it prints how long posting an update takes
//! with its 100,000 notices written in the same transaction, then how fast
//! the delivery worker sends 20,000 of them to a local SMTP server (aiosmtpd
//! counting what arrives). Run by `make bench-mail`:
//!
//!     cargo test --release -p pulse-server --test mail_bench -- --ignored --nocapture
//!
//! `PULSE_BENCH_DATABASE=postgres://…/db` runs it on PostgreSQL (a fresh,
//! empty database); the default is a new SQLite file.
#![allow(clippy::unwrap_used)] // a benchmark: a panic is the failure report

mod support;

use pulse_server::config::MailConfig;
use pulse_server::db::Db;
use pulse_server::mail::Transport;
use pulse_server::mail::worker::Worker;
use pulse_tests::smtp::SmtpSink;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SUBSCRIBERS: u64 = 100_000;
const DELIVERED: u64 = 20_000;

async fn execute(db: &Db, sql: &str) {
    let mut conn = db.read().await.unwrap();
    sqlx::Executor::execute(&mut *conn, sqlx::AssertSqlSafe(sql.to_string()))
        .await
        .unwrap();
}

async fn count(db: &Db, sql: &str) -> i64 {
    let mut conn = db.read().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: run it with --ignored"]
async fn mail_at_scale() {
    let url = std::env::var("PULSE_BENCH_DATABASE").unwrap_or_else(|_| {
        let path = std::env::temp_dir().join(format!("pulse-mail-bench-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        format!("sqlite://{}", path.display())
    });
    let db = support::demo_with_readers(&url, SUBSCRIBERS as usize).await;

    // Posting an update: the update, and a notice per subscriber, committed.
    let started = Instant::now();
    let written = support::post_update(&db, "Benchmark").await;
    let enqueue = started.elapsed();
    assert_eq!(written, SUBSCRIBERS);

    // Delivery: all but DELIVERED are set aside, the worker sends the rest.
    execute(
        &db,
        &format!("UPDATE outbox SET sent_at = 0 WHERE id > (SELECT MIN(id) + {DELIVERED} - 1 FROM outbox)"),
    )
    .await;
    let sink = SmtpSink::start_counting();
    // `--mail-connections`: its default unless PULSE_BENCH_CONNECTIONS says.
    let connections = std::env::var("PULSE_BENCH_CONNECTIONS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(MailConfig::default().connections);
    let config = MailConfig {
        smtp_url: Some(sink.url()),
        connections,
        ..MailConfig::default()
    };
    let worker = Worker {
        db: db.clone(),
        transport: Transport::new(&config).unwrap(),
        from: pulse_server::mail::sender(&config).unwrap(),
        site: "http://127.0.0.1:8080".into(),
        contact: "http://127.0.0.1:8080".into(),
        config,
        wake: Arc::new(tokio::sync::Notify::new()),
        link_key: pulse_server::link_key::LinkKey::load(&db).await.unwrap(),
        running: Arc::new(std::sync::atomic::AtomicBool::new(true)),
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let started = Instant::now();
    let running = tokio::spawn(worker.run(stopped));
    while count(
        &db,
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .await
        > 0
    {
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "delivery stalled"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let delivery = started.elapsed();
    stop.send(true).unwrap();
    running.await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let backend = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "{backend}: an update to {SUBSCRIBERS} subscribers committed with its notices in {:.2} s",
        enqueue.as_secs_f64()
    );
    println!(
        "{backend}: {DELIVERED} notices delivered to a local SMTP server over {connections} connections in {:.2} s: {:.0} messages/s (the server counted {})",
        delivery.as_secs_f64(),
        DELIVERED as f64 / delivery.as_secs_f64(),
        sink.count()
    );
}
