//! `pulse copy` (issue 24): a city's SQLite database copied into
//! PostgreSQL, and that copy back into SQLite, each served by Pulse with
//! the same answers as the original, byte for byte — the API's JSON, the
//! pages, the feed, the report and the public record, for a stranger, a
//! resident and the host. Answers carry the time (`now`), so an answer is
//! compared only when the original's is the same twice around it.
//!
//! Needs PostgreSQL; without it the test says so, unless
//! `PULSE_REQUIRE_POSTGRES=1`, which fails instead.

mod support;

use pulse_tests::databases::{fresh_postgres, fresh_sqlite, postgres_for};
use serde_json::{Value, json};
use std::time::Duration;
use support::{checked, pulse};

const TOPIC: &str = "body-worn-cameras";

async fn serve(database: &str, demo: bool) -> String {
    let mut config = pulse_server::Config::new(database.to_string());
    config.bind = "127.0.0.1:0".into();
    config.demo = demo;
    // A client whose page the first views go into, as in the API tests.
    config.client_dir = pulse_tests::page_dir("copy");
    // One site, wherever it is served from: links in feeds are the same.
    config.mail.public_url = Some("https://pulse.example.gov".into());
    config.mail.outbox_dir = std::env::temp_dir().join(format!(
        "pulse-copy-outbox-{}-{}",
        std::process::id(),
        database.len()
    ));
    let server = pulse_server::startup::build(config)
        .await
        .expect("the server starts");
    let addr = server.local_addr().expect("bound");
    tokio::spawn(server.run(std::future::pending()));
    format!("http://{addr}")
}

fn cookie_of(answer: &reqwest::Response) -> String {
    pulse_tests::session_cookie(
        answer
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()),
    )
    .expect("a session cookie")
}

/// A SQLite file `pulse` wrote and left is whole by itself: no log
/// (`-wal`) or index (`-shm`) beside it that a copy of the file would lose.
fn left_whole(file: &str) {
    let file = file.trim_start_matches("sqlite://");
    for beside in ["-wal", "-shm"] {
        let path = format!("{file}{beside}");
        assert!(
            !std::path::Path::new(&path).exists(),
            "{path} was left beside the file ({} bytes)",
            std::fs::metadata(&path).map_or(0, |m| m.len())
        );
    }
}

fn pulse_copy(from: &str, to: &str) -> std::process::Output {
    pulse(&["copy", "--from", from, "--to", to, "--sessions"])
}

/// What `path` answers, as `cookie` when given: status, type and body.
async fn answer(
    http: &reqwest::Client,
    base: &str,
    path: &str,
    cookie: Option<&str>,
) -> (u16, String, Vec<u8>) {
    let mut request = http
        .get(format!("{base}{path}"))
        .header("accept-encoding", "identity");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let answer = request.send().await.expect("an answer");
    let status = answer.status().as_u16();
    let kind = answer
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, kind, answer.bytes().await.expect("a body").to_vec())
}

/// The two servers answer `path` alike. An answer carries the time it
/// was made (`now`, and each kept answer is a second old at most), so it is
/// asked again until the original answers the same twice around the
/// copy's answer and the copy's is the same.
async fn same(
    http: &reqwest::Client,
    original: &str,
    copy: &str,
    path: &str,
    cookie: Option<&str>,
) {
    let mut last = None;
    for _ in 0..30 {
        let before = answer(http, original, path, cookie).await;
        let theirs = answer(http, copy, path, cookie).await;
        let after = answer(http, original, path, cookie).await;
        assert_eq!(
            before.0,
            200,
            "{path}: {}",
            String::from_utf8_lossy(&before.2)
        );
        if before == after && theirs == before {
            return;
        }
        if before == after {
            last = Some((before, theirs));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    let Some((before, theirs)) = last else {
        panic!("{path}: the original's answer kept changing");
    };
    assert_eq!(
        (theirs.0, &theirs.1),
        (before.0, &before.1),
        "{path}: status and type"
    );
    let at = before
        .2
        .iter()
        .zip(&theirs.2)
        .position(|(a, b)| a != b)
        .unwrap_or(before.2.len().min(theirs.2.len()));
    let around = |body: &[u8]| {
        String::from_utf8_lossy(&body[at.saturating_sub(120)..(at + 120).min(body.len())])
            .to_string()
    };
    panic!(
        "{path} differs at byte {at}:\n original: …{}…\n copy:     …{}…",
        around(&before.2),
        around(&theirs.2)
    );
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

/// Residents' and a host's activity on the server at `original`, so that
/// the tables they fill have rows: the sessions of the resident and the host.
async fn activity(http: &reqwest::Client, original: &str) -> (String, String) {
    // Data in the tables residents and hosts fill.
    let registered = http
        .post(format!("{original}/api/v1/accounts"))
        .json(
            &json!({"email": "ana@example.org", "display_name": "Ana Ñandú",
                      "password": "correct horse battery", "lang": "es"}),
        )
        .send()
        .await
        .expect("registering");
    assert_eq!(registered.status(), 201);
    let ana = cookie_of(&registered);
    let posted: Value = http
        .post(format!("{original}/api/v1/topics/{TOPIC}/comments"))
        .header("cookie", &ana)
        .json(&json!({"section": "purpose", "body": "Quotes \"here\",\ta tab, and ñ."}))
        .send()
        .await
        .expect("commenting")
        .json()
        .await
        .expect("the comment");
    let polls: Value = http
        .get(format!("{original}/api/v1/topics/{TOPIC}/polls"))
        .send()
        .await
        .expect("polls")
        .json()
        .await
        .expect("JSON");
    let poll = &polls["polls"][0];
    let voted = http
        .put(format!("{original}/api/v1/polls/{}/ballot", poll["id"]))
        .header("cookie", &ana)
        .json(&json!({"options": [poll["options"][0]["id"]]}))
        .send()
        .await
        .expect("voting");
    assert!(voted.status().is_success());
    let subscribed = http
        .post(format!("{original}/api/v1/topics/{TOPIC}/subscriptions"))
        .header("cookie", &ana)
        .json(&json!({}))
        .send()
        .await
        .expect("subscribing");
    assert!(subscribed.status().is_success());
    let signed_in = http
        .post(format!("{original}/api/v1/session"))
        .json(&json!({"email": pulse_server::demo::HOST_EMAIL,
                      "password": pulse_server::demo::HOST_PASSWORD}))
        .send()
        .await
        .expect("the host signs in");
    let host = cookie_of(&signed_in);
    let responded = http
        .post(format!(
            "{original}/api/v1/comments/{}/responses",
            posted["id"]
        ))
        .header("cookie", &host)
        .json(&json!({"status": "adopted", "body": "Thank you."}))
        .send()
        .await
        .expect("responding");
    assert!(responded.status().is_success(), "{}", responded.status());
    let updated = http
        .post(format!("{original}/api/v1/topics/{TOPIC}/updates"))
        .header("cookie", &host)
        .json(&json!({"title": "Copied", "body": "An update before the move."}))
        .send()
        .await
        .expect("an update");
    assert_eq!(updated.status(), 201);

    (ana, host)
}

/// Whether the server at `copy` answers as the one at `original`: every
/// page and API answer of the topic, for a stranger, `ana` and `host`.
async fn compare(http: &reqwest::Client, original: &str, copy: &str, ana: &str, host: &str) {
    let paths = [
        "/api/v1/topics".to_string(),
        format!("/api/v1/topics/{TOPIC}"),
        format!("/api/v1/topics/{TOPIC}/comments?section=purpose"),
        format!("/api/v1/topics/{TOPIC}/polls"),
        format!("/api/v1/topics/{TOPIC}/record"),
        format!("/api/v1/topics/{TOPIC}/versions"),
        format!("/topics/{TOPIC}/updates.atom"),
        format!("/topics/{TOPIC}/dates.ics"),
        format!("/topics/{TOPIC}"),
        format!("/topics/{TOPIC}/record"),
        "/".to_string(),
    ];
    let personal = [
        "/api/v1/session",
        "/api/v1/account/activity",
        "/api/v1/account/subscriptions",
    ];
    let hosting = [
        format!("/api/v1/topics/{TOPIC}/report.json"),
        format!("/api/v1/topics/{TOPIC}/report.csv"),
        format!("/api/v1/topics/{TOPIC}/audit"),
    ];
    for path in &paths {
        same(http, original, copy, path, None).await;
    }
    for path in personal {
        same(http, original, copy, path, Some(ana)).await;
    }
    for path in &hosting {
        same(http, original, copy, path, Some(host)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_to_postgresql_and_back_is_served_byte_for_byte() {
    if !postgres_for("pulse copy's test").await {
        return;
    }
    let http = client();
    let source = fresh_sqlite("copy-source");
    let original = serve(&source, true).await;
    let (ana, host) = activity(&http, &original).await;

    // SQLite to PostgreSQL, while the original serves.
    let postgres = fresh_postgres("copy").await;
    let out = pulse_copy(&source, &postgres);
    let said = checked(&out);
    assert!(said.contains("comments:"), "{said}");
    // Served as the original is (the demo's city; its topics are not loaded twice).
    compare(&http, &original, &serve(&postgres, true).await, &ana, &host).await;

    // And back, into a new SQLite file.
    let back = fresh_sqlite("copy-back");
    let out = pulse_copy(&postgres, &back);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    left_whole(&back);
    compare(&http, &original, &serve(&back, true).await, &ana, &host).await;

    // A copy into a database that has data is refused, and changes nothing.
    let out = pulse_copy(&source, &postgres);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("not empty"), "{said}");
    tokio::time::sleep(Duration::from_millis(10)).await;
}

#[test]
fn a_copy_from_nowhere_or_onto_itself_is_refused_with_a_sentence() {
    let missing = "sqlite:///nonexistent/pulse-copy-nothing.db";
    let out = pulse_copy(missing, &fresh_sqlite("copy-nowhere"));
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("there is no database at"), "{said}");
    assert!(!said.contains("panicked"), "{said}");

    let same = fresh_sqlite("copy-itself");
    std::fs::write(same.trim_start_matches("sqlite://"), b"").expect("a file");
    let out = pulse_copy(&same, &same);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("the same database"), "{said}");
}

/// The restore drill on one database: back up while serving, restore into
/// an empty database, serve it, and compare every answer byte for byte.
async fn restore_drill(database: String, restored: String) {
    let http = client();
    let original = serve(&database, true).await;
    let (ana, host) = activity(&http, &original).await;
    let file = std::env::temp_dir().join(format!(
        "pulse-backup-{}-{}.db",
        std::process::id(),
        restored.len() + database.len()
    ));
    let _ = std::fs::remove_file(&file);
    let file = file.to_str().expect("a UTF-8 name").to_string();
    let out = pulse(&["backup", "--database", &database, "--to", &file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    left_whole(&file);
    // Not over an existing file.
    let again = pulse(&["backup", "--database", &database, "--to", &file]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let out = pulse(&["restore", "--from", &file, "--database", &restored]);
    checked(&out);
    if restored.starts_with("sqlite://") {
        left_whole(&restored);
    }
    compare(&http, &original, &serve(&restored, true).await, &ana, &host).await;

    // Not into a database that has data.
    let twice = pulse(&["restore", "--from", &file, "--database", &restored]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("not empty"));
    let nothing = pulse(&[
        "restore",
        "--from",
        "/nonexistent/backup.db",
        "--database",
        &restored,
    ]);
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("there is no backup at"));
    let _ = std::fs::remove_file(&file);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_restored_is_served_byte_for_byte() {
    restore_drill(fresh_sqlite("backup-source"), fresh_sqlite("restored")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgresql_backup_restored_is_served_byte_for_byte() {
    if !postgres_for("the restore drill on PostgreSQL").await {
        return;
    }
    restore_drill(
        fresh_postgres("backup_source").await,
        fresh_postgres("restored").await,
    )
    .await;
}
