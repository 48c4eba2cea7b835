use crate::helpers::*;
use pulse_api::Timestamp;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::HashSet;

#[tokio::test]
async fn topics_are_listed_by_status() {
    let app = spawn_app().await;
    let all: Value = app.get_json("/topics", None).await;
    assert_eq!(all["topics"].as_array().unwrap().len(), 3);
    for (status, slug) in [("open", OPEN), ("upcoming", UPCOMING), ("closed", CLOSED)] {
        let list: Value = app
            .get_json(&format!("/topics?status={status}"), None)
            .await;
        let topics = list["topics"].as_array().unwrap();
        assert_eq!(topics.len(), 1, "{status}");
        assert_eq!(topics[0]["slug"], slug);
        assert_eq!(topics[0]["status"], status);
    }
    let detail = problem(
        app.get("/topics?status=later", None).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(detail.contains("upcoming, open or closed"), "{detail}");
}

#[tokio::test]
async fn a_topic_carries_its_draft_host_documents_and_updates() {
    let app = spawn_app().await;
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(topic["status"], "open");
    assert_eq!(topic["time_zone"], "America/Chicago");
    let opens = Timestamp::parse_rfc3339(topic["opens_at"].as_str().unwrap()).unwrap();
    let closes = Timestamp::parse_rfc3339(topic["closes_at"].as_str().unwrap()).unwrap();
    let now = Timestamp::parse_rfc3339(topic["now"].as_str().unwrap()).unwrap();
    assert!(opens <= now && now < closes);

    assert_eq!(topic["host"]["name"], "Joy Sutton");
    assert_eq!(
        topic["host"]["role"],
        "Grants & Special Projects Coordinator"
    );
    assert_eq!(topic["host"]["phone"], "952-233-9321");
    assert_eq!(topic["documents"].as_array().unwrap().len(), 2);
    let update = &topic["updates"][0];
    assert_eq!(update["title"], "Update from April 11 City Council Meeting");
    let body = update["body"].as_str().unwrap();
    assert!(body.contains("child copy") && body.contains("500 miles") && body.contains("CJIS"));

    let sections = topic["draft"]["sections"].as_array().unwrap();
    assert!(sections.len() >= 12, "{} sections", sections.len());
    let anchors: HashSet<&str> = sections
        .iter()
        .map(|s| s["anchor"].as_str().unwrap())
        .collect();
    assert_eq!(anchors.len(), sections.len(), "anchors are unique");
    let third = sections.iter().find(|s| s["number"] == "3").unwrap();
    assert_eq!(third["anchor"], SECTION_3);
    assert_eq!(third["heading"], "When officers record");
    assert_eq!(third["comment_count"], 0);
    assert!(
        third["html"]
            .as_str()
            .unwrap()
            .contains("<li>calls for service"),
        "sections come rendered"
    );
    for heading in [
        "Retention",
        "Redaction",
        "Storage and replication",
        "Audit of access",
        "Training",
    ] {
        assert!(
            sections.iter().any(|s| s["heading"] == heading),
            "{heading}"
        );
    }
}

#[tokio::test]
async fn an_unknown_topic_is_not_found() {
    let app = spawn_app().await;
    for path in [
        "/topics/no-such-topic",
        "/topics/no-such-topic/comments",
        "/topics/no-such-topic/polls",
    ] {
        let detail = problem(app.get(path, None).await, StatusCode::NOT_FOUND).await;
        assert!(detail.contains("no-such-topic"), "{detail}");
    }
}

#[tokio::test]
async fn the_demo_is_loaded_once() {
    let database = fresh_database().await;
    let first = spawn_with(database.clone(), None).await;
    let second = spawn_with(database, None).await;
    for app in [first, second] {
        let all: Value = app.get_json("/topics", None).await;
        assert_eq!(all["topics"].as_array().unwrap().len(), 3);
        for (slug, polls) in [(OPEN, 2), (UPCOMING, 1), (CLOSED, 1)] {
            let list: Value = app.get_json(&format!("/topics/{slug}/polls"), None).await;
            assert_eq!(list["polls"].as_array().unwrap().len(), polls, "{slug}");
        }
    }
}

#[tokio::test]
async fn answers_are_compressed_when_the_client_asks() {
    let app = spawn_app().await;
    let response = app
        .http
        .get(app.url(&format!("/topics/{OPEN}")))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "gzip");
}
