//! The topic for feed readers and calendars: `updates.atom` parses as Atom
//! with feedparser and `dates.ics` as iCalendar with icalendar, with the
//! host's updates and dates in them; the host adds and removes dates.

use crate::helpers::*;
use pulse_api::Timestamp;
use pulse_tests::smtp::read_feed;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn fetch(app: &TestApp, path: &str, content_type: &str) -> Vec<u8> {
    let response = app.site(path, "identity").await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        content_type
    );
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn updates_are_an_atom_feed_a_reader_can_read() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let posted = app
        .post(
            &format!("/topics/{OPEN}/updates"),
            Some(&host),
            &json!({"title": "Council date & time", "body": "See <b>you</b> **there**."}),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let topic: Value = posted.json().await.unwrap();
    let id = topic["updates"][0]["id"].as_i64().unwrap();
    let bytes = fetch(
        &app,
        &format!("/topics/{OPEN}/updates.atom"),
        "application/atom+xml; charset=utf-8",
    )
    .await;
    let feed = read_feed("atom", &bytes);
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["version"], "atom10");
    assert_eq!(feed["title"], "Body Worn Cameras: updates");
    // The newest of the host's updates (a head of the public record may be
    // published at any moment, as an entry of its own).
    let entry = feed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            !e["title"]
                .as_str()
                .unwrap()
                .starts_with("The public record")
        })
        .unwrap();
    assert_eq!(entry["title"], "Council date & time");
    assert_eq!(
        entry["link"],
        format!("{}/topics/{OPEN}#update-{id}", app.base)
    );
    let content = entry["content"].as_str().unwrap();
    assert!(content.contains("<strong>there</strong>"), "{content}");
    assert!(
        !content.contains("<b>"),
        "raw HTML from the host stays text: {content}"
    );
    // The demo's earlier update is there too.
    assert!(feed["entries"].as_array().unwrap().len() >= 2);
    // And the head of the topic's public record, the update's entry.
    let record: Value = app.get_json(&format!("/topics/{OPEN}/record"), None).await;
    let head = &record["head"];
    assert_eq!(
        record["entries"].as_array().unwrap().last().unwrap()["kind"],
        "update"
    );
    let xml = String::from_utf8_lossy(&bytes);
    assert!(
        xml.contains(&format!(
            "<record:head xmlns:record=\"urn:pulse:record\" position=\"{}\" hash=\"{}\" \
             href=\"{}/api/v1/topics/{OPEN}/record\"/>",
            head["position"],
            head["hash"].as_str().unwrap(),
            app.base
        )),
        "{xml}"
    );
    let missing = app
        .site("/topics/no-such-topic/updates.atom", "identity")
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn dates_are_a_calendar_with_the_opening_the_close_and_the_hosts_dates() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let ana = app.register("Ana").await;
    let at = Timestamp(2_000_000_000);
    let date = json!({"title": "City Council, second reading", "starts_at": at, "place": "Council Chambers, 485 Gorman St."});
    let path = format!("/topics/{OPEN}/dates");
    problem(
        app.post(&path, Some(&ana), &date).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.post(&path, Some(&host), &json!({"title": "", "starts_at": at}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    problem(
        app.post(
            &path,
            Some(&host),
            &json!({"title": "Long ago", "starts_at": Timestamp(0)}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let added = app.post(&path, Some(&host), &date).await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let topic: Value = added.json().await.unwrap();
    assert_eq!(topic["dates"][0]["title"], "City Council, second reading");
    assert!(!topic["dates"][0]["starts_on"].as_str().unwrap().is_empty());
    let date_id = topic["dates"][0]["id"].as_i64().unwrap();

    let bytes = fetch(
        &app,
        &format!("/topics/{OPEN}/dates.ics"),
        "text/calendar; charset=utf-8",
    )
    .await;
    let calendar = read_feed("ics", &bytes);
    assert_eq!(calendar["name"], "Body Worn Cameras");
    let events = calendar["events"].as_array().unwrap();
    let summaries: Vec<&str> = events
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Body Worn Cameras: comments and votes open",
            "Body Worn Cameras: comments and votes close",
            "Body Worn Cameras: City Council, second reading",
        ]
    );
    assert_eq!(events[2]["location"], "Council Chambers, 485 Gorman St.");
    assert_eq!(events[2]["start"], "2033-05-18T03:33:20+00:00");
    assert_eq!(events[0]["url"], format!("{}/topics/{OPEN}", app.base));

    let removed = app.delete(&format!("{path}/{date_id}"), Some(&host)).await;
    assert_eq!(removed.status(), StatusCode::OK);
    problem(
        app.delete(&format!("{path}/{date_id}"), Some(&host)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let audit: Value = app
        .get_json(&format!("/topics/{OPEN}/audit"), Some(&host))
        .await;
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"add_date") && actions.contains(&"remove_date"));
}
