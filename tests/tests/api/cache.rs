//! Answers served from memory: an `ETag` and `304 Not Modified`, brotli and
//! gzip kept ready, and never what was true before a change on the same instance; on
//! another instance on the same database, within a second.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Read;
use std::time::{Duration, Instant};

async fn get_with(app: &TestApp, path: &str, etag: Option<&str>) -> reqwest::Response {
    let mut request = app.http.get(app.url(path));
    if let Some(etag) = etag {
        request = request.header("if-none-match", etag);
    }
    request.send().await.unwrap()
}

/// `bytes` decoded from `coding`.
fn decoded(coding: Option<&str>, bytes: &[u8]) -> String {
    let mut text = String::new();
    match coding {
        Some("br") => brotli_decompressor::Decompressor::new(bytes, 4096)
            .read_to_string(&mut text)
            .unwrap(),
        Some("gzip") => flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .unwrap(),
        _ => std::str::from_utf8(bytes)
            .map(|t| text.push_str(t))
            .map(|()| 0)
            .unwrap(),
    };
    text
}

fn etag(response: &reqwest::Response) -> String {
    response.headers()["etag"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_topic_read_again_is_a_304_until_it_changes() {
    let app = spawn_app().await;
    let path = format!("/topics/{OPEN}");
    let first = get_with(&app, &path, None).await;
    assert_eq!(first.status(), StatusCode::OK);
    let tag = etag(&first);
    assert!(tag.starts_with('"') && tag.len() > 10, "{tag}");
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let topic: Value = first.json().await.unwrap();

    let again = get_with(&app, &path, Some(&tag)).await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(etag(&again), tag);
    assert!(again.bytes().await.unwrap().is_empty());
    let other = get_with(&app, &path, Some("\"not-it\"")).await;
    assert_eq!(other.status(), StatusCode::OK);

    // A comment on the same instance: the next read has it, whatever is kept.
    let ana = app.register("Ana").await;
    app.comment(OPEN, SECTION_3, &ana, "Counted at once.").await;
    let changed = get_with(&app, &path, Some(&tag)).await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(etag(&changed), tag);
    let now: Value = changed.json().await.unwrap();
    assert_eq!(
        now["comment_count"],
        topic["comment_count"].as_i64().unwrap() + 1
    );

    // So does a date the host adds.
    let host = app.demo_host().await;
    let added = app
        .post(
            &format!("/topics/{OPEN}/dates"),
            Some(&host),
            &json!({"title": "Council work session", "starts_at": pulse_api::Timestamp(2_000_000_000)}),
        )
        .await;
    assert_eq!(
        added.status(),
        StatusCode::CREATED,
        "{}",
        added.text().await.unwrap()
    );
    let dated: Value = app.get_json(&path, None).await;
    assert!(
        dated["dates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["title"] == "Council work session"),
        "{}",
        dated["dates"]
    );
}

#[tokio::test]
async fn a_kept_page_of_comments_is_compressed_once_and_never_stale_after_a_write() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let path = format!("/topics/{OPEN}/comments?section={SECTION_3}");
    app.comment(OPEN, SECTION_3, &ana, "First.").await;
    // Brotli when the reader takes it, else gzip, else as it is; `q=0`
    // refuses a coding. Twice each: made, then kept.
    for (accepted, coding) in [
        ("br, gzip", Some("br")),
        ("gzip, deflate, br", Some("br")),
        ("gzip", Some("gzip")),
        ("br;q=0, gzip", Some("gzip")),
        ("*", Some("br")),
        ("identity", None),
    ] {
        for _ in 0..2 {
            let answer = app
                .http
                .get(app.url(&path))
                .header("accept-encoding", accepted)
                .send()
                .await
                .unwrap();
            assert_eq!(
                answer
                    .headers()
                    .get("content-encoding")
                    .map(|v| v.to_str().unwrap()),
                coding,
                "{accepted}"
            );
            assert_eq!(answer.headers()["content-type"], "application/json");
            let bytes = answer.bytes().await.unwrap();
            let text = decoded(coding, &bytes);
            let list: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(list["comments"].as_array().unwrap().len(), 1);
        }
    }
    // Edited, then read at once by someone not signed in: the new text.
    let id = app.get_json::<Value>(&path, None).await["comments"][0]["id"].clone();
    let edited = app
        .patch(
            &format!("/comments/{id}"),
            Some(&ana),
            &json!({"body": "Second."}),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let list: Value = app.get_json(&path, None).await;
    assert_eq!(list["comments"][0]["body"], "Second.");
    // Hidden by the host: the placeholder at once.
    let host = app.demo_host().await;
    let hidden = app
        .post(
            &format!("/comments/{id}/moderation"),
            Some(&host),
            &json!({"action": "hide", "reason": "Off topic."}),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::OK);
    let list: Value = app.get_json(&path, None).await;
    assert_eq!(list["comments"][0]["body"], "");
    assert_eq!(list["comments"][0]["hidden"]["reason"], "Off topic.");
    // A signed-in reader's own marks are never served to others, nor kept.
    let mine: Value = app.get_json(&path, Some(&ana)).await;
    assert_eq!(mine["comments"][0]["mine"], true);
    let theirs: Value = app.get_json(&path, None).await;
    assert_eq!(theirs["comments"][0]["mine"], false);
}

/// A change made through another instance on the same database shows here
/// within the stated bound (a second), though this one kept an answer.
#[tokio::test]
async fn another_instances_change_shows_within_a_second() {
    let (first, url) = spawn_reachable(|_| {}).await;
    let mut config = pulse_server::Config::new(url);
    config.bind = "127.0.0.1:0".into();
    let second = spawn_config(config).await;
    let path = format!("/topics/{OPEN}");
    let before: Value = second.get_json(&path, None).await;
    let ana = first.register("Ana").await;
    first
        .comment(OPEN, SECTION_3, &ana, "Made elsewhere.")
        .await;
    let written = Instant::now();
    loop {
        let now: Value = second.get_json(&path, None).await;
        if now["comment_count"] != before["comment_count"] {
            break;
        }
        assert!(
            written.elapsed() < Duration::from_millis(1500),
            "still stale after {:?}",
            written.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The topic's page in HTML is kept the same way: a 304 for the reader who
/// has it, and a new page on the next read after a comment.
#[tokio::test]
async fn the_topic_page_is_kept_until_a_comment_changes_it() {
    let dir = std::env::temp_dir().join(format!("pulse-cache-page-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<div id=\"app\"><!--prerender--><!--/prerender--></div>",
    )
    .unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;
    let path = format!("/topics/{OPEN}");
    let first = app.site(&path, "identity").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(
        first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let tag = etag(&first);
    let before = first.text().await.unwrap();
    assert!(before.contains("<h1>Body Worn Cameras</h1>"), "{before}");
    let again = app
        .http
        .get(format!("{}{path}", app.base))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let ana = app.register("Ana").await;
    app.comment(OPEN, SECTION_3, &ana, "On the page at once.")
        .await;
    let changed = app.site(&path, "identity").await;
    assert_ne!(etag(&changed), tag);
    let after = changed.text().await.unwrap();
    assert_ne!(after, before, "the page shows the new count");
}
