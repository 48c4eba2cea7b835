//! A draft that changes: publishing a revised draft, what changed section
//! by section, and where every comment on an earlier version stands now
//! (carried, moved, changed, removed), its original place kept; "you said,
//! we did"; refusals; and comments posted while a revision is published.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

pub const SLUG: &str = "camera-policy";

const PURPOSE: &str = "This policy sets out how the city's officers use body worn cameras \
    and keep what they record.";
const RETENTION: &str = "Recordings with no evidentiary value are kept for ninety days, and \
    recordings of a use of force for at least one year, as the schedule requires.";
const ACCESS: &str = "A data subject may see a recording of themselves, with others in it \
    redacted where the law requires, through the data practices request form.";
const STORAGE: &str = "Recordings are stored in four data centers, one of them five hundred \
    miles from the primary data center, so a regional disaster loses none.";
const AUDIT: &str = "The software logs every time a recording is viewed, copied or deleted, \
    and the records supervisor reviews the log every quarter of the year.";
const TRAINING: &str = "Officers are trained on this policy and the cameras before using them, \
    and again every year, with supervisors trained on reviewing recordings.";
const PRIVACY: &str = "Recordings are used for law enforcement purposes only.";
const REVIEW: &str = "The department reviews this policy every year and reports to council.";
const RELEASE: &str = "Recordings are released to the public only as state law allows. A \
    request is answered within ten business days.";

pub fn version_1() -> String {
    format!(
        "## Purpose\n\n{PURPOSE}\n\n## Retention\n\n{RETENTION}\n\n## Access\n\n{ACCESS}\n\n\
         ## Storage\n\n{STORAGE} {AUDIT}\n\n## Training\n\n{TRAINING}\n\n## Privacy\n\n{PRIVACY}\n\n\
         ## Review\n\n{REVIEW}\n\n## Release\n\n{RELEASE}\n"
    )
}

/// Version 2: (a) Purpose unchanged, (b) Retention renamed and Access moved
/// under a new heading, (c) Storage split, (d) Privacy merged into
/// Training, (e) Review removed, (f) one of Release's two sentences
/// edited, (g) Complaints added.
pub fn version_2() -> String {
    let release = RELEASE.replace("ten business days", "five business days");
    format!(
        "## Purpose\n\n{PURPOSE}\n\n## Keeping recordings\n\n{RETENTION}\n\n\
         ## Records\n\nHow the city keeps and shows its records.\n\n### Access\n\n{ACCESS}\n\n\
         ## Storage\n\n{STORAGE}\n\n## Audit log\n\n{AUDIT}\n\n## Training\n\n{TRAINING} {PRIVACY}\n\n\
         ## Release\n\n{release}\n\n## Complaints\n\nA resident may complain about a recording to \
         the police chief, who answers in writing within thirty days.\n"
    )
}

pub fn topic() -> Value {
    json!({
        "slug": SLUG,
        "title": "Camera Policy",
        "summary": "How officers record.",
        "opens_at": days_from_now(-1),
        "closes_at": days_from_now(30),
        "time_zone": "America/Chicago",
        "host": {"name": "Alex Rivera", "role": "Chief"},
        "draft_title": "Body Worn Camera Policy",
        "draft": version_1(),
        "require_verified_email": false,
        "polls": [
            {"question": "Keep recordings longer?", "options": ["Yes", "No"], "section": "retention"},
            {"question": "Review yearly?", "options": ["Yes", "No"], "section": "review"},
        ],
    })
}

/// A comment on `section` of the topic, quoting `quote` when given.
pub async fn comment_on(
    app: &TestApp,
    user: &User,
    section: &str,
    quote: Option<&str>,
    body: &str,
) -> i64 {
    let mut new = json!({"section": section, "body": body});
    if let Some(exact) = quote {
        new["quote"] = json!({"exact": exact});
    }
    let response = app
        .post(&format!("/topics/{SLUG}/comments"), Some(user), &new)
        .await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "comment on {section}"
    );
    let comment: Value = response.json().await.unwrap();
    comment["id"].as_i64().unwrap()
}

/// Every comment of the topic, by id.
async fn all_comments(app: &TestApp) -> HashMap<i64, Value> {
    let list: Value = app
        .get_json(&format!("/topics/{SLUG}/comments?limit=100"), None)
        .await;
    list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_i64().unwrap(), c.clone()))
        .collect()
}

fn now_of(comment: &Value) -> (String, Value) {
    (
        comment["now"]["status"].as_str().unwrap().to_string(),
        comment["now"]["section"].clone(),
    )
}

async fn ids_in(app: &TestApp, query: &str) -> Vec<i64> {
    let list: Value = app
        .get_json(&format!("/topics/{SLUG}/comments?{query}"), None)
        .await;
    list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn every_comment_follows_the_text_into_version_2() {
    let app = spawn_tuned(|config| config.limits.comments_per_account = 100).await;
    let admin = app.demo_admin().await;
    let created = app.post("/topics", Some(&admin), &topic()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let ana = app.register("Ana").await;

    let purpose = comment_on(&app, &ana, "purpose", None, "Clear purpose.").await;
    let retention = comment_on(
        &app,
        &ana,
        "retention",
        Some("kept for ninety days"),
        "Longer.",
    )
    .await;
    let access = comment_on(&app, &ana, "access", None, "Make it easier.").await;
    let storage = comment_on(&app, &ana, "storage", Some("four data centers"), "Good.").await;
    let audit = comment_on(
        &app,
        &ana,
        "storage",
        Some("logs every time a recording"),
        "Yes.",
    )
    .await;
    let training = comment_on(&app, &ana, "training", None, "Train more.").await;
    let privacy = comment_on(&app, &ana, "privacy", None, "Say more.").await;
    let review = comment_on(&app, &ana, "review", None, "Report to the public too.").await;
    let ten_days = comment_on(
        &app,
        &ana,
        "release",
        Some("within ten business days"),
        "Too slow.",
    )
    .await;
    let state_law = comment_on(
        &app,
        &ana,
        "release",
        Some("only as state law allows"),
        "Fine.",
    )
    .await;
    let general = comment_on(&app, &ana, "general", None, "Thanks for asking.").await;
    let reply = app
        .post(
            &format!("/topics/{SLUG}/comments"),
            Some(&ana),
            &json!({"section": "retention", "body": "And more.", "parent_id": retention}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let reply = reply.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // The host tries it first: nothing is written, and the effect is told.
    let host = admin.clone();
    let revision = json!({
        "draft": version_2(),
        "note": "What we heard: shorter answers to requests, **clearer** headings.",
        "sections": {"release": {"note": "Five days, as you asked.", "comments": [ten_days]}},
    });
    let preview = app
        .post(
            &format!("/topics/{SLUG}/versions/preview"),
            Some(&host),
            &revision,
        )
        .await;
    assert_eq!(preview.status(), StatusCode::OK);
    let preview: Value = preview.json().await.unwrap();
    assert_eq!(preview["version"], 2);
    assert_eq!(
        preview["comments"],
        json!({"current": 0, "carried": 3, "moved": 7, "changed": 1, "removed": 1})
    );
    let versions: Value = app
        .get_json(&format!("/topics/{SLUG}/versions"), None)
        .await;
    assert_eq!(
        versions["versions"].as_array().unwrap().len(),
        1,
        "a preview writes nothing"
    );

    let published = app
        .post(&format!("/topics/{SLUG}/versions"), Some(&host), &revision)
        .await;
    assert_eq!(published.status(), StatusCode::CREATED);
    let changes: Value = published.json().await.unwrap();
    assert_eq!(changes["version"], 2);
    assert_eq!(changes["previous_version"], 1);
    assert_eq!(changes["title"], "Body Worn Camera Policy");
    let change: HashMap<String, (String, Value)> = changes["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["anchor"].as_str().unwrap().to_string(),
                (
                    s["change"].as_str().unwrap().to_string(),
                    s["previous"].clone(),
                ),
            )
        })
        .collect();
    let expect = |anchor: &str, kind: &str, previous: Value| {
        assert_eq!(change[anchor], (kind.to_string(), previous), "{anchor}");
    };
    expect("purpose", "unchanged", json!(["purpose"]));
    expect("keeping-recordings", "renamed", json!(["retention"]));
    expect("records", "added", json!([]));
    expect("records--access", "moved", json!(["access"]));
    expect("storage", "split", json!(["storage"]));
    expect("audit-log", "split", json!(["storage"]));
    expect("training", "merged", json!(["privacy", "training"]));
    expect("release", "edited", json!(["release"]));
    expect("complaints", "added", json!([]));
    let removed = changes["removed"].as_array().unwrap();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["anchor"], "review");
    assert_eq!(removed[0]["markdown"], REVIEW);
    // The word-level diff of the edited section.
    let release = &changes["sections"].as_array().unwrap()[7];
    assert_eq!(release["anchor"], "release");
    let parts: Vec<(String, String)> = release["diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["op"].as_str().unwrap().into(),
                p["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        parts.contains(&("delete".into(), "ten".into())),
        "{parts:?}"
    );
    assert!(
        parts.contains(&("insert".into(), "five".into())),
        "{parts:?}"
    );
    assert_eq!(release["note"], "Five days, as you asked.");
    assert_eq!(release["comments"], json!([ten_days]));

    // Every comment: where it stands now, its own place kept.
    let comments = all_comments(&app).await;
    assert_eq!(comments.len(), 12, "no comment is lost");
    let now = |id: i64| now_of(&comments[&id]);
    let at = |status: &str, section: &str| (status.to_string(), json!(section));
    assert_eq!(now(purpose), at("carried", "purpose"));
    assert_eq!(now(retention), at("moved", "keeping-recordings"));
    assert_eq!(now(reply), at("moved", "keeping-recordings"));
    assert_eq!(now(access), at("moved", "records--access"));
    assert_eq!(now(storage), at("moved", "storage"));
    assert_eq!(now(audit), at("moved", "audit-log"));
    assert_eq!(now(training), at("moved", "training"));
    assert_eq!(now(privacy), at("moved", "training"));
    assert_eq!(now(review), ("removed".to_string(), Value::Null));
    assert_eq!(now(ten_days), at("changed", "release"));
    assert_eq!(now(state_law), at("carried", "release"));
    assert_eq!(now(general), at("carried", "general"));
    assert_eq!(comments[&review]["now"]["was"], REVIEW);
    assert_eq!(
        comments[&ten_days]["now"]["was"],
        "within ten business days"
    );
    assert!(comments[&state_law]["now"].get("was").is_none());
    for (id, comment) in &comments {
        assert_eq!(comment["version"], 1, "comment {id} keeps its version");
    }
    assert_eq!(comments[&retention]["section"], "retention");
    assert_eq!(
        comments[&retention]["quote"]["exact"],
        "kept for ninety days"
    );
    assert_eq!(comments[&privacy]["section"], "privacy");
    // You said, we did.
    assert_eq!(
        comments[&ten_days]["led_to"],
        json!([{"version": 2, "section": "release", "number": "7"}])
    );
    assert!(comments[&state_law].get("led_to").is_none());

    // Listed by where they stand now, or by where they were written.
    assert_eq!(
        ids_in(&app, "section=keeping-recordings").await,
        [retention, reply]
    );
    assert_eq!(ids_in(&app, "section=training").await, [training, privacy]);
    assert_eq!(ids_in(&app, "section=removed").await, [review]);
    assert_eq!(
        ids_in(&app, "version=1&section=retention").await,
        [retention, reply]
    );
    assert_eq!(ids_in(&app, "version=1&section=privacy").await, [privacy]);
    assert!(ids_in(&app, "version=2").await.is_empty());

    // The page counts comments where they are now, with those from before,
    // and old anchors land on their successors.
    let whole: Value = app.get_json(&format!("/topics/{SLUG}"), None).await;
    let draft = &whole["draft"];
    assert_eq!(draft["version"], 2);
    assert_eq!(draft["latest"], 2);
    assert!(
        draft["note_html"]
            .as_str()
            .unwrap()
            .contains("<strong>clearer</strong>")
    );
    let section = |anchor: &str| {
        draft["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["anchor"] == anchor)
            .unwrap_or_else(|| panic!("no section {anchor}"))
            .clone()
    };
    assert_eq!(section("keeping-recordings")["comment_count"], 2);
    assert_eq!(section("keeping-recordings")["earlier_count"], 2);
    assert_eq!(
        section("keeping-recordings")["aliases"],
        json!(["retention"])
    );
    assert_eq!(section("records--access")["aliases"], json!(["access"]));
    assert_eq!(section("training")["aliases"], json!(["privacy"]));
    assert_eq!(section("training")["comment_count"], 2);
    assert_eq!(whole["comment_count"], 12);

    // Version 1 is still readable whole.
    let first: Value = app
        .get_json(&format!("/topics/{SLUG}?version=1"), None)
        .await;
    assert_eq!(first["draft"]["version"], 1);
    assert_eq!(first["draft"]["latest"], 2);
    let anchors: Vec<&str> = first["draft"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["anchor"].as_str().unwrap())
        .collect();
    assert_eq!(
        anchors,
        [
            "purpose",
            "retention",
            "access",
            "storage",
            "training",
            "privacy",
            "review",
            "release"
        ]
    );
    assert_eq!(first["draft"]["sections"][6]["markdown"], REVIEW);

    let versions: Value = app
        .get_json(&format!("/topics/{SLUG}/versions"), None)
        .await;
    let versions = versions["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["version"], 2);
    assert_eq!(versions[1]["published_by"], "Pulse Administrator");
    assert_eq!(versions[0]["note"], "");
    let again: Value = app
        .get_json(&format!("/topics/{SLUG}/versions/2/changes"), None)
        .await;
    assert_eq!(
        again["sections"], changes["sections"],
        "kept, not recomputed"
    );

    // Polls stay with their section's successor; a removed one's stays
    // readable.
    let polls: Value = app.get_json(&format!("/topics/{SLUG}/polls"), None).await;
    let polls = polls["polls"].as_array().unwrap();
    assert_eq!(polls.len(), 2);
    assert_eq!(polls[0]["section"], "keeping-recordings");
    assert!(polls[0].get("from_version").is_none());
    assert_eq!(polls[1]["section"], "review");
    assert_eq!(polls[1]["from_version"], 1);

    // A comment written now goes on version 2; one sent for version 1 (a
    // page read before the revision) goes on 1 and is followed at once.
    let fresh = comment_on(&app, &ana, "complaints", None, "Thirty days is long.").await;
    let late = app
        .post(
            &format!("/topics/{SLUG}/comments"),
            Some(&ana),
            &json!({"section": "review", "body": "Every year is right.", "version": 1}),
        )
        .await;
    assert_eq!(late.status(), StatusCode::CREATED);
    let late: Value = late.json().await.unwrap();
    assert_eq!(late["version"], 1);
    assert_eq!(now_of(&late), ("removed".to_string(), Value::Null));
    let comments = all_comments(&app).await;
    assert_eq!(
        now_of(&comments[&fresh]),
        ("current".into(), json!("complaints"))
    );
    assert_eq!(comments[&fresh]["version"], 2);

    // An official response says where a comment landed.
    let answered = app
        .post(
            &format!("/comments/{ten_days}/responses"),
            Some(&host),
            &json!({"status": "adopted", "body": "Done.", "version": 2, "section": "release"}),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::CREATED);
    let answered: Value = answered.json().await.unwrap();
    assert_eq!(
        answered["official_response"]["landed"],
        json!({"version": 2, "section": "release", "number": "7"})
    );
    let nowhere = app
        .post(
            &format!("/comments/{ten_days}/responses"),
            Some(&host),
            &json!({"status": "adopted", "body": "Done.", "version": 2, "section": "review"}),
        )
        .await;
    let said = problem(nowhere, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(said.contains("Version 2"), "{said}");

    // The report: what we heard, what we changed.
    let report: Value = app
        .get_json(&format!("/topics/{SLUG}/report.json"), Some(&host))
        .await;
    let revision = &report["revisions"][0];
    assert_eq!(revision["version"], 2);
    assert!(
        revision["note"]
            .as_str()
            .unwrap()
            .starts_with("What we heard")
    );
    let changed: Vec<&Value> = revision["changes"].as_array().unwrap().iter().collect();
    let release = changed.iter().find(|c| c["anchor"] == "release").unwrap();
    assert_eq!(release["change"], "edited");
    assert_eq!(release["note"], "Five days, as you asked.");
    assert_eq!(release["comments"], json!([ten_days]));
    let gone = changed.iter().find(|c| c["anchor"] == "review").unwrap();
    assert_eq!(gone["change"], Value::Null);
    assert!(
        changed.iter().all(|c| c["anchor"] != "purpose"),
        "unchanged is left out"
    );
    assert_eq!(report["adopted"], json!([ten_days]));
    let in_report = report["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == ten_days)
        .unwrap();
    assert_eq!(in_report["version"], 1);
    assert_eq!(in_report["now"], "changed");
    assert_eq!(in_report["now_number"], "7");
    assert_eq!(in_report["landed"]["number"], "7");
    let (header, rows) = report_csv(&app, SLUG, &host).await;
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .into_iter()
        .find(|r| r[column("comment_id")] == ten_days.to_string())
        .unwrap();
    assert_eq!(&row[column("written_on_version")], "1");
    assert_eq!(&row[column("stands_now")], "changed");
    assert_eq!(&row[column("led_to_change")], "version 2 § 7");
    assert_eq!(&row[column("landed")], "version 2 § 7");
}

#[tokio::test]
async fn a_revision_starts_from_the_source_and_its_preview_lists_the_threads_to_link() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let created = app.post("/topics", Some(&admin), &topic()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let ana = app.register("Ana").await;
    let ten_days = comment_on(
        &app,
        &ana,
        "release",
        Some("within ten business days"),
        "Too slow: **five** days would do.",
    )
    .await;
    let hidden = comment_on(&app, &ana, "release", None, "Off topic.").await;
    let withdrawn = comment_on(&app, &ana, "release", None, "Never mind.").await;
    let retention = comment_on(&app, &ana, "retention", None, "Longer.").await;
    let reply = app
        .post(
            &format!("/topics/{SLUG}/comments"),
            Some(&ana),
            &json!({"section": "release", "body": "And more.", "parent_id": ten_days}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let hide = app
        .post(
            &format!("/comments/{hidden}/moderation"),
            Some(&admin),
            &json!({"action": "hide", "reason": "Off topic"}),
        )
        .await;
    assert_eq!(hide.status(), StatusCode::OK);
    let gone = app
        .delete(&format!("/comments/{withdrawn}"), Some(&ana))
        .await;
    assert!(gone.status().is_success());

    // The draft as written, for anyone who may read the topic.
    let source: Value = app
        .get_json(&format!("/topics/{SLUG}/versions/1/source"), None)
        .await;
    assert_eq!(
        source,
        json!({"version": 1, "latest": 1, "title": "Body Worn Camera Policy", "markdown": version_1()})
    );
    let missing = app
        .get(&format!("/topics/{SLUG}/versions/2/source"), None)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let bad = app
        .get(&format!("/topics/{SLUG}/versions/x/source"), None)
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

    // A preview is asked before the note is written; publishing needs it.
    let revision = json!({"draft": version_2(), "note": ""});
    let preview = app
        .post(
            &format!("/topics/{SLUG}/versions/preview"),
            Some(&admin),
            &revision,
        )
        .await;
    assert_eq!(preview.status(), StatusCode::OK);
    let preview: Value = preview.json().await.unwrap();
    let standing = |anchor: &str| -> Value {
        preview["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["anchor"] == anchor)
            .map(|s| s.get("standing").cloned().unwrap_or(json!([])))
            .unwrap()
    };
    // Threads only, neither hidden nor withdrawn, where they would stand.
    assert_eq!(
        standing("release"),
        json!([{"id": ten_days, "author": "Ana", "excerpt": "Too slow: five days would do.", "now": "changed"}])
    );
    assert_eq!(
        standing("keeping-recordings"),
        json!([{"id": retention, "author": "Ana", "excerpt": "Longer.", "now": "moved"}])
    );
    assert_eq!(standing("complaints"), json!([]));
    let published = app
        .post(&format!("/topics/{SLUG}/versions"), Some(&admin), &revision)
        .await;
    assert_eq!(published.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = published.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "note", "{problem}");
    // What was published keeps no list of threads: that is the preview's.
    let published = app
        .post(
            &format!("/topics/{SLUG}/versions"),
            Some(&admin),
            &json!({"draft": version_2(), "note": "Shorter.", "sections": {"release": {"comments": [ten_days]}}}),
        )
        .await;
    assert_eq!(published.status(), StatusCode::CREATED);
    let changes: Value = published.json().await.unwrap();
    assert!(
        changes["sections"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s.get("standing").is_none())
    );
    let source: Value = app
        .get_json(&format!("/topics/{SLUG}/versions/1/source"), None)
        .await;
    assert_eq!(source["latest"], 2);
}

#[tokio::test]
async fn a_third_version_keeps_the_chain() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    assert_eq!(
        app.post("/topics", Some(&admin), &topic()).await.status(),
        StatusCode::CREATED
    );
    let ana = app.register("Ana").await;
    let on_release = comment_on(&app, &ana, "release", None, "Faster, please.").await;
    let on_purpose = comment_on(&app, &ana, "purpose", Some("body worn cameras"), "Ok.").await;
    let publish = |draft: String| {
        let app = &app;
        let admin = &admin;
        async move {
            let response = app
                .post(
                    &format!("/topics/{SLUG}/versions"),
                    Some(admin),
                    &json!({"draft": draft, "note": "Revised."}),
                )
                .await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
    };
    publish(version_2()).await;
    let comments = all_comments(&app).await;
    assert_eq!(
        now_of(&comments[&on_release]),
        ("changed".into(), json!("release"))
    );
    assert_eq!(
        now_of(&comments[&on_purpose]),
        ("carried".into(), json!("purpose"))
    );

    // Version 3 removes Release, and renames Purpose.
    let third = version_2()
        .replace("## Purpose", "## Why this policy")
        .split("## Release")
        .next()
        .unwrap()
        .to_string()
        + "## Complaints\n\nA resident may complain to the chief.\n";
    publish(third).await;
    let comments = all_comments(&app).await;
    assert_eq!(
        now_of(&comments[&on_release]),
        ("removed".into(), Value::Null)
    );
    assert_eq!(
        comments[&on_release]["now"]["was"], RELEASE,
        "the text it was written on"
    );
    assert_eq!(comments[&on_release]["section"], "release");
    assert_eq!(
        now_of(&comments[&on_purpose]),
        ("moved".into(), json!("why-this-policy"))
    );
    let whole: Value = app.get_json(&format!("/topics/{SLUG}"), None).await;
    let why = whole["draft"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["anchor"] == "why-this-policy")
        .unwrap()
        .clone();
    assert_eq!(why["aliases"], json!(["purpose"]));
    // An anchor two versions old still lands: Retention became Keeping
    // recordings in version 2, which version 3 kept.
    let keeping = whole["draft"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["anchor"] == "keeping-recordings")
        .unwrap()
        .clone();
    assert_eq!(keeping["aliases"], json!(["retention"]));
}

#[tokio::test]
async fn a_revision_that_cannot_be_is_refused_with_a_reason() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    assert_eq!(
        app.post("/topics", Some(&admin), &topic()).await.status(),
        StatusCode::CREATED
    );
    let ana = app.register("Ana").await;
    let on_purpose = comment_on(&app, &ana, "purpose", None, "Ok.").await;
    let path = format!("/topics/{SLUG}/versions");
    let revision = json!({"draft": version_2(), "note": "Revised."});

    let stranger = app.post(&path, None, &revision).await;
    assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);
    let resident = app.post(&path, Some(&ana), &revision).await;
    assert_eq!(resident.status(), StatusCode::FORBIDDEN);
    let preview = app
        .post(&format!("{path}/preview"), Some(&ana), &revision)
        .await;
    assert_eq!(preview.status(), StatusCode::FORBIDDEN);

    let same = app
        .post(
            &path,
            Some(&admin),
            &json!({"draft": version_1(), "note": "No change."}),
        )
        .await;
    let said = problem(same, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(said.contains("same as version 1"), "{said}");

    let empty = app
        .post(
            &path,
            Some(&admin),
            &json!({"draft": "   ", "note": "Empty."}),
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let no_note = app
        .post(
            &path,
            Some(&admin),
            &json!({"draft": version_2(), "note": ""}),
        )
        .await;
    assert_eq!(no_note.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown_field = app
        .post(
            &path,
            Some(&admin),
            &json!({"draft": version_2(), "note": "x", "drafts": 1}),
        )
        .await;
    assert!(unknown_field.status().is_client_error());

    let note_on = |anchor: &str, comments: Value| {
        json!({"draft": version_2(), "note": "Revised.",
               "sections": {anchor: {"note": "Why.", "comments": comments}}})
    };
    let unchanged = app
        .post(&path, Some(&admin), &note_on("purpose", json!([])))
        .await;
    let said = problem(unchanged, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(said.contains("did not change"), "{said}");
    let nowhere = app
        .post(&path, Some(&admin), &note_on("nowhere", json!([])))
        .await;
    assert_eq!(nowhere.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = app
        .post(
            &path,
            Some(&admin),
            &note_on("release", json!([on_purpose + 1000])),
        )
        .await;
    let said = problem(unknown, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(said.contains(&(on_purpose + 1000).to_string()), "{said}");

    let missing = app
        .post("/topics/no-such-topic/versions", Some(&admin), &revision)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/topics/{SLUG}?version=0"), None)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&format!("/topics/{SLUG}?version=9"), None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/topics/{SLUG}/versions/2/changes"), None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/topics/{SLUG}/versions/x/changes"), None)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    // Nothing was half written.
    let versions: Value = app.get_json(&path, None).await;
    assert_eq!(versions["versions"].as_array().unwrap().len(), 1);

    // The topic's host may publish; once.
    let host_account = app.register("Hosting Clerk").await;
    let grant = app
        .put(
            &format!("/topics/{SLUG}/hosts/{}", host_account.email),
            Some(&admin),
            &json!({}),
        )
        .await;
    assert_eq!(grant.status(), StatusCode::NO_CONTENT);
    let by_host = app.post(&path, Some(&host_account), &revision).await;
    assert_eq!(by_host.status(), StatusCode::CREATED);
    let again = app.post(&path, Some(&host_account), &revision).await;
    let said = problem(again, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(said.contains("same as version 2"), "{said}");
}

#[tokio::test]
async fn comments_posted_during_a_revision_land_on_one_version_or_the_other() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    assert_eq!(
        app.post("/topics", Some(&admin), &topic()).await.status(),
        StatusCode::CREATED
    );
    let mut residents = Vec::new();
    for i in 0..8 {
        residents.push(app.register(&format!("Resident {i}")).await);
    }
    let path = format!("/topics/{SLUG}/comments");
    let posts = residents.iter().enumerate().flat_map(|(i, user)| {
        let app = &app;
        let path = &path;
        (0..4).map(move |j| async move {
            // As read on version 1: a section renamed, one edited, one
            // removed; and one without saying the version, which goes on
            // whichever is current when it is written.
            let body = format!("Comment {i}.{j}");
            let new = match j {
                0 => json!({"section": "retention", "body": body, "version": 1}),
                1 => json!({"section": "release", "body": body, "version": 1}),
                2 => json!({"section": "review", "body": body, "version": 1}),
                _ => json!({"section": "release", "body": body}),
            };
            app.post(path, Some(user), &new).await.status()
        })
    });
    let publish = async {
        app.post(
            &format!("/topics/{SLUG}/versions"),
            Some(&admin),
            &json!({"draft": version_2(), "note": "Revised."}),
        )
        .await
        .status()
    };
    let (statuses, published) = tokio::join!(futures::future::join_all(posts), publish);
    assert_eq!(published, StatusCode::CREATED);
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );

    let comments = all_comments(&app).await;
    assert_eq!(comments.len(), 32);
    for comment in comments.values() {
        let written = comment["section"].as_str().unwrap();
        let (status, now) = now_of(comment);
        let expected = match (written, comment["version"].as_i64().unwrap()) {
            ("retention", 1) => ("moved", json!("keeping-recordings")),
            ("release", 1) => ("changed", json!("release")),
            ("release", 2) => ("current", json!("release")),
            ("review", 1) => ("removed", Value::Null),
            other => panic!("a comment on {other:?}"),
        };
        assert_eq!(
            (status.as_str(), now),
            expected,
            "comment {} on {written}",
            comment["id"]
        );
    }
    let whole: Value = app.get_json(&format!("/topics/{SLUG}"), None).await;
    assert_eq!(whole["comment_count"], 32, "counted where they stand now");
}

/// A draft with a control character (a NUL, which PostgreSQL will not
/// store) is refused with a sentence, as a new topic, a revision or a
/// preview; never a 500.
#[tokio::test]
async fn a_draft_with_a_control_character_is_refused() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let mut bad = topic();
    bad["draft"] = json!("## Purpose\n\nA \u{0}NUL.\n");
    let refused = app.post("/topics", Some(&admin), &bad).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let created = app.post("/topics", Some(&admin), &topic()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    for path in ["versions", "versions/preview"] {
        let refused = app
            .post(
                &format!("/topics/{SLUG}/{path}"),
                Some(&admin),
                &json!({"draft": "\u{0}v\u{b8}\u{1f}P", "note": "Why."}),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let problem: Value = refused.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "draft", "{problem}");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("control characters"),
            "{problem}"
        );
    }
}
