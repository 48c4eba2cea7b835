//! Mail survives the process: `pulse serve` killed in the middle of sending
//! delivers every notice once restarted (those in flight at the kill may
//! come twice, with the same Message-ID), and a normal stop and restart
//! sends none twice. Against a real SMTP server on loopback (aiosmtpd), on
//! SQLite or, with `PULSE_TEST_DATABASE=postgres`, on PostgreSQL.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod support;

use pulse_server::db::Db;
use pulse_tests::smtp::SmtpSink;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const READERS: usize = 400;

fn serve(db: &str, sink: &SmtpSink, outbox: &std::path::Path) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database", db])
        .args([
            "--smtp-url",
            &sink.url(),
            "--mail-lease",
            "2",
            "--mail-retry",
            "1",
        ])
        .arg("--outbox-dir")
        .arg(outbox)
        .arg("--client-dir")
        .arg("/nonexistent")
        .env("NO_COLOR", "1")
        .env("PULSE_LOG", "warn,pulse_server=info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("pulse starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("pulse printed its address").unwrap();
        if line.contains("listening on http://") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    child
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([name, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

fn wait_exit(child: &mut Child) {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "pulse did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

async fn post_update(db: &Db, title: &str) {
    assert_eq!(support::post_update(db, title).await, READERS as u64);
}

/// Message-IDs of the messages about `title`, per recipient.
fn received(sink: &SmtpSink, title: &str) -> HashMap<String, Vec<String>> {
    let mut by_reader: HashMap<String, Vec<String>> = HashMap::new();
    for mail in sink.messages() {
        if mail.subject.contains(title) {
            by_reader
                .entry(mail.to[0].clone())
                .or_default()
                .push(mail.header("message-id").unwrap().to_string());
        }
    }
    by_reader
}

async fn wait_until(sink: &SmtpSink, title: &str, at_least: usize) {
    let start = Instant::now();
    while received(sink, title).len() < at_least {
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "{} of {at_least} readers received {title:?}",
            received(sink, title).len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until every message in the outbox is marked sent.
async fn all_sent(db: &Db) {
    let start = Instant::now();
    loop {
        let mut conn = db.read().await.unwrap();
        let unsent: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        if unsent == 0 {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{unsent} messages still unsent"
        );
        drop(conn);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_notice_arrives_after_a_kill_and_none_twice_after_a_normal_restart() {
    let sink = SmtpSink::start();
    let dir = std::env::temp_dir().join(format!("pulse-mail-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = support::temp_db("mail-kill");
    let db = support::demo_with_readers(&url, READERS).await;

    // Killed in the middle of sending.
    let mut child = serve(&url, &sink, &dir);
    post_update(&db, "Killed midway").await;
    wait_until(&sink, "Killed midway", 40).await;
    signal(&child, "-KILL");
    wait_exit(&mut child);
    let before_restart = received(&sink, "Killed midway").len();
    assert!(
        before_restart < READERS,
        "the kill came after everything was sent"
    );
    let mut child = serve(&url, &sink, &dir);
    wait_until(&sink, "Killed midway", READERS).await;
    for ids in received(&sink, "Killed midway").values() {
        // A message in flight at the kill may come again, as the same message.
        assert!(ids.iter().all(|id| id == &ids[0]), "{ids:?}");
    }

    // Stopped normally in the middle of sending, and started again.
    post_update(&db, "Stopped midway").await;
    wait_until(&sink, "Stopped midway", 40).await;
    signal(&child, "-TERM");
    wait_exit(&mut child);
    let mut child = serve(&url, &sink, &dir);
    wait_until(&sink, "Stopped midway", READERS).await;
    // Every message marked sent: nothing is held that could come again.
    all_sent(&db).await;
    let twice: Vec<_> = received(&sink, "Stopped midway")
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .collect();
    assert!(
        twice.is_empty(),
        "sent twice after a normal restart: {twice:?}"
    );
    signal(&child, "-TERM");
    wait_exit(&mut child);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A lease takes at most the batch asked for, however often it runs (the
/// statement is prepared, and PostgreSQL plans it anew after five runs), and
/// no message twice. PostgreSQL once leased 20,000 rows for a batch of 512.
#[tokio::test(flavor = "multi_thread")]
async fn a_lease_takes_at_most_its_batch_and_no_message_twice() {
    use pulse_server::db::outbox::{self, Claim};
    const BATCH: i64 = 8;
    let url = support::temp_db("mail-lease");
    let db = support::demo_with_readers(&url, READERS).await;
    post_update(&db, "Leased").await;
    let now = pulse_server::clock::now();
    let until = pulse_api::Timestamp(now.0 + 600);
    let mut seen = std::collections::HashSet::new();
    loop {
        let mut tx = db.write().await.unwrap();
        let rows = outbox::claim(&mut tx, db.backend, Claim::Instant, now, until, BATCH)
            .await
            .unwrap();
        pulse_server::db::commit(tx).await.unwrap();
        assert!(
            rows.len() as i64 <= BATCH,
            "leased {} for {BATCH}",
            rows.len()
        );
        if rows.is_empty() {
            break;
        }
        for row in rows {
            assert!(seen.insert(row.id), "message {} leased twice", row.id);
        }
    }
    assert_eq!(seen.len(), READERS);
}
