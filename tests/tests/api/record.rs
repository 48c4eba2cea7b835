//! The public record (issue 23): every public act on a topic an entry in
//! its chain, read a page at a time and checked here from the outside —
//! each content's hash, each entry's hash and link recomputed from what the
//! API gives, as any verifier would (docs/record.md) — and by the server's
//! own `pulse verify` against the rows. Writers at once leave no gap, on
//! one instance or two.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const OPEN: &str = "body-worn-cameras";

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A JSON string as the canonical encoding writes it.
fn string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// An entry's hash, recomputed from what the API says of it.
fn entry_hash(topic: &str, e: &Value) -> String {
    let item = match e["item"].as_str() {
        Some(item) => string(item),
        None => "null".into(),
    };
    sha256(&format!(
        "{{\"at\":{},\"content\":{},\"item\":{item},\"kind\":{},\"position\":{},\"prev\":{},\"topic\":{}}}",
        e["at"].as_i64().unwrap(),
        string(e["content_hash"].as_str().unwrap()),
        string(e["kind"].as_str().unwrap()),
        e["position"].as_i64().unwrap(),
        string(e["prev_hash"].as_str().unwrap()),
        string(topic),
    ))
}

/// Every entry of a topic's record, as `user` reads it, page by page.
async fn whole_record(app: &TestApp, slug: &str, user: Option<&User>) -> (Vec<Value>, Value) {
    let mut entries = Vec::new();
    let mut after = 0;
    loop {
        let page: Value = app
            .get_json(
                &format!("/topics/{slug}/record?after={after}&limit=7"),
                user,
            )
            .await;
        entries.extend(page["entries"].as_array().unwrap().iter().cloned());
        match page["next"].as_i64() {
            Some(next) => after = next,
            None => return (entries, page["head"].clone()),
        }
    }
}

/// Checks a record from outside: positions with no gap, links, each
/// public content's hash, each entry's hash, and the head.
fn check_from_outside(slug: &str, entries: &[Value], head: &Value) {
    let mut prev = "0".repeat(64);
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["position"], json!(i + 1), "no gap: {e}");
        assert_eq!(e["prev_hash"], json!(prev), "linked: {e}");
        if let Some(content) = e["content"].as_str() {
            assert_eq!(e["content_hash"], json!(sha256(content)), "content: {e}");
        }
        assert_eq!(e["hash"], json!(entry_hash(slug, e)), "hash: {e}");
        prev = e["hash"].as_str().unwrap().to_string();
    }
    assert_eq!(head["position"], json!(entries.len()));
    assert_eq!(head["hash"], json!(prev));
}

/// The server's own check, as `pulse verify` makes it.
async fn verified(app: &TestApp) {
    let db = pulse_server::db::Db::connect(&app.database).await.unwrap();
    pulse_server::admin::verify(&db, None, None)
        .await
        .expect("the record holds");
}

fn content(e: &Value) -> Value {
    serde_json::from_str(e["content"].as_str().expect("content shown")).unwrap()
}

#[tokio::test]
async fn every_public_act_is_on_the_record_and_it_verifies() {
    let app = spawn_app().await;
    let (before, _) = whole_record(&app, OPEN, None).await;
    assert!(
        before.iter().any(|e| e["kind"] == "version"),
        "the demo's record begins with its draft"
    );
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    let admin = app.demo_admin().await;

    let first = app
        .comment(OPEN, "purpose", &ana, "Cameras on at every stop.")
        .await;
    let receipt = first["receipt"].clone();
    assert_eq!(receipt["position"], json!(before.len() + 1), "{first}");
    let id = first["id"].as_i64().unwrap();
    let reply = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&bo),
            &json!({"section": "purpose", "body": "Agreed.", "parent_id": id}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let reply: Value = reply.json().await.unwrap();
    let edited = app
        .patch(
            &format!("/comments/{id}"),
            Some(&ana),
            &json!({"body": "Cameras on at every traffic stop."}),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(
        edited["receipt"]["position"],
        json!(before.len() + 3),
        "the receipt follows the latest text"
    );
    let responded = app
        .post(
            &format!("/comments/{id}/responses"),
            Some(&host),
            &json!({"status": "answered", "body": "We will consider it."}),
        )
        .await;
    assert_eq!(
        responded.status(),
        StatusCode::CREATED,
        "{:?}",
        responded.text().await
    );
    let update = app
        .post(
            &format!("/topics/{OPEN}/updates"),
            Some(&host),
            &json!({"title": "Open house", "body": "Come on **Tuesday**."}),
        )
        .await;
    assert!(update.status().is_success());
    let date = app
        .post(
            &format!("/topics/{OPEN}/dates"),
            Some(&host),
            &json!({"title": "Hearing", "starts_at": "2027-01-12T18:00:00Z"}),
        )
        .await;
    assert!(date.status().is_success());
    let date: Value = date.json().await.unwrap();
    let date_id = date["dates"][0]["id"].as_i64().unwrap();
    let removed = app
        .delete(&format!("/topics/{OPEN}/dates/{date_id}"), Some(&host))
        .await;
    assert!(removed.status().is_success());
    let withdrawn = app
        .delete(&format!("/comments/{}", reply["id"]), Some(&bo))
        .await;
    assert!(
        withdrawn.status().is_success(),
        "{:?}",
        withdrawn.text().await
    );
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    let later = app
        .patch(
            &format!("/topics/{OPEN}"),
            Some(&admin),
            &json!({"closes_at": "2027-03-01T05:59:00Z", "opens_at": topic["opens_at"]}),
        )
        .await;
    assert_eq!(later.status(), StatusCode::OK);
    let source: Value = app
        .get_json(&format!("/topics/{OPEN}/versions/2/source"), None)
        .await;
    let revised = app
        .post(
            &format!("/topics/{OPEN}/versions"),
            Some(&admin),
            &json!({"draft": format!("{}\n\n## Body cameras on loan\n\nThe same rules.\n", source["markdown"].as_str().unwrap()),
                    "note": "A section on loans."}),
        )
        .await;
    assert_eq!(revised.status(), StatusCode::CREATED);

    let (entries, head) = whole_record(&app, OPEN, None).await;
    check_from_outside(OPEN, &entries, &head);
    let kinds: Vec<&str> = entries[before.len()..]
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "comment",
            "comment",
            "edit",
            "response",
            "update",
            "date_added",
            "date_removed",
            "withdraw",
            "window",
            "version"
        ]
    );
    let at = |n: usize| &entries[before.len() + n];
    // The first text was edited since: only its hash is public now.
    assert!(at(0)["content"].is_null(), "{}", at(0));
    assert_eq!(content(at(2))["body"], "Cameras on at every traffic stop.");
    assert_eq!(at(2)["item"], json!(format!("comment/{id}")));
    // A withdrawn reply's text is no longer public either.
    assert!(at(1)["content"].is_null(), "{}", at(1));
    assert_eq!(content(at(3))["status"], "answered");
    assert_eq!(content(at(4))["body"], "Come on **Tuesday**.");
    assert_eq!(content(at(8))["closes_at"], 1_803_880_740);
    assert_eq!(content(at(9))["version"], 3);
    // Its author reads the earlier text, and their receipt is in the record.
    let (theirs, _) = whole_record(&app, OPEN, Some(&ana)).await;
    let posted = content(&theirs[before.len()]);
    assert_eq!(posted["body"], "Cameras on at every stop.");
    assert_eq!(posted["section"], "purpose");
    assert_eq!(
        theirs[before.len()]["hash"],
        receipt["hash"],
        "the receipt is the entry's hash"
    );
    // Someone else's comment carries no receipt for the reader.
    let list: Value = app
        .get_json(
            &format!("/topics/{OPEN}/comments?section=purpose"),
            Some(&bo),
        )
        .await;
    let theirs_seen = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == json!(id))
        .unwrap();
    assert!(theirs_seen.get("receipt").is_none(), "{theirs_seen}");
    // The report says what it was built from.
    let report: Value = app
        .get_json(&format!("/topics/{OPEN}/report.json"), Some(&host))
        .await;
    assert_eq!(report["record"], head);
    // And so does each row of its CSV.
    let (header, rows) = report_csv(&app, OPEN, &host).await;
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row[column("record_position")], head["position"].to_string());
        assert_eq!(&row[column("record_head")], head["hash"].as_str().unwrap());
    }
    verified(&app).await;
}

#[tokio::test]
async fn a_hidden_comment_stays_on_the_record_without_its_text() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let host = app.demo_host().await;
    let comment = app
        .comment(OPEN, "privacy", &ana, "You are all idiots.")
        .await;
    let id = comment["id"].as_i64().unwrap();
    let hidden = app
        .post(
            &format!("/comments/{id}/moderation"),
            Some(&host),
            &json!({"action": "hide", "reason": "Insults other residents"}),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::OK);
    let (entries, head) = whole_record(&app, OPEN, None).await;
    check_from_outside(OPEN, &entries, &head);
    let posted = entries
        .iter()
        .find(|e| e["kind"] == "comment" && e["item"] == json!(format!("comment/{id}")))
        .unwrap();
    assert!(posted["content"].is_null(), "{posted}");
    let hide = entries.last().unwrap();
    assert_eq!(hide["kind"], "hide");
    assert_eq!(content(hide)["reason"], "Insults other residents");
    // Nowhere in the public record is its text.
    let page = app
        .get(&format!("/topics/{OPEN}/record"), None)
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("idiots"));
    // Its author holds the text and the salt, and their receipt holds.
    let (theirs, _) = whole_record(&app, OPEN, Some(&ana)).await;
    let own = theirs
        .iter()
        .find(|e| e["position"] == posted["position"])
        .unwrap();
    let text = own["content"].as_str().unwrap();
    assert!(text.contains("You are all idiots."));
    assert_eq!(sha256(text), posted["content_hash"].as_str().unwrap());
    assert_eq!(comment["receipt"]["hash"], posted["hash"]);
    verified(&app).await;

    // Restored, its text is public again.
    let restored = app
        .post(
            &format!("/comments/{id}/moderation"),
            Some(&host),
            &json!({"action": "restore"}),
        )
        .await;
    assert_eq!(restored.status(), StatusCode::OK);
    let (entries, _) = whole_record(&app, OPEN, None).await;
    let posted = entries
        .iter()
        .find(|e| e["position"] == own["position"])
        .unwrap();
    assert_eq!(content(posted)["body"], "You are all idiots.");
    assert_eq!(entries.last().unwrap()["kind"], "restore");
}

#[tokio::test]
async fn an_erased_text_leaves_its_hash_and_the_chain_holds() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let comment = app
        .comment(OPEN, "purpose", &ana, "Something of mine.")
        .await;
    let deleted = app
        .send(
            Method::DELETE,
            "/account",
            Some(&ana),
            Some(&json!({"password": "correct horse battery", "comments": "withdraw"})),
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let (entries, head) = whole_record(&app, OPEN, None).await;
    check_from_outside(OPEN, &entries, &head);
    let erased = entries.last().unwrap();
    assert_eq!(erased["kind"], "erased");
    assert_eq!(content(erased)["comments"], json!([comment["id"]]));
    let posted = entries
        .iter()
        .find(|e| e["position"] == comment["receipt"]["position"])
        .unwrap();
    assert!(posted["content"].is_null());
    assert_eq!(posted["hash"], comment["receipt"]["hash"]);
    verified(&app).await;
}

#[tokio::test]
async fn writers_at_once_leave_no_gap_on_one_instance_or_two() {
    let app = spawn_app().await;
    // A second instance serves the same database.
    let other = spawn_with(app.database.clone(), None).await;
    let mut residents = Vec::new();
    for n in 0..8 {
        residents.push(app.register(&format!("Writer {n}")).await);
    }
    let (before, _) = whole_record(&app, OPEN, None).await;
    let mut tasks = Vec::new();
    for (n, resident) in residents.into_iter().enumerate() {
        let server = if n % 2 == 0 {
            app.base.clone()
        } else {
            other.base.clone()
        };
        let http = app.http.clone();
        tasks.push(tokio::spawn(async move {
            let mut receipts = Vec::new();
            for k in 0..4 {
                let posted = http
                    .post(format!("{server}/api/v1/topics/{OPEN}/comments"))
                    .header("cookie", &resident.cookie)
                    .json(
                        &json!({"section": if k % 2 == 0 { "purpose" } else { "general" },
                                  "body": format!("Comment {k} from writer {n}.")}),
                    )
                    .send()
                    .await
                    .unwrap();
                assert_eq!(posted.status(), StatusCode::CREATED);
                let posted: Value = posted.json().await.unwrap();
                receipts.push(posted["receipt"]["position"].as_i64().unwrap());
            }
            receipts
        }));
    }
    let mut positions = Vec::new();
    for task in tasks {
        positions.extend(task.await.unwrap());
    }
    positions.sort_unstable();
    let first = i64::try_from(before.len()).unwrap() + 1;
    assert_eq!(
        positions,
        (first..first + 32).collect::<Vec<_>>(),
        "one each, no gap"
    );
    let (entries, head) = whole_record(&app, OPEN, None).await;
    check_from_outside(OPEN, &entries, &head);
    verified(&app).await;
}

#[tokio::test]
async fn the_record_is_read_a_page_at_a_time_and_a_bad_page_is_a_400() {
    let app = spawn_app().await;
    let page: Value = app
        .get_json(&format!("/topics/{OPEN}/record?limit=2"), None)
        .await;
    assert_eq!(page["topic"], OPEN);
    assert_eq!(page["entries"].as_array().unwrap().len(), 2);
    assert_eq!(page["next"], 2);
    let rest: Value = app
        .get_json(&format!("/topics/{OPEN}/record?after=2"), None)
        .await;
    assert_eq!(rest["entries"][0]["position"], 3);
    for bad in ["after=-1", "after=x", "limit=0", "limit=501", "limit=two"] {
        let detail = problem(
            app.get(&format!("/topics/{OPEN}/record?{bad}"), None).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
        assert!(!detail.is_empty(), "{bad}");
    }
    problem(
        app.get("/topics/no-such-topic/record", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

/// The Python program of docs/record.md, as written there.
fn python_verifier() -> String {
    let doc = include_str!("../../../docs/record.md");
    let after = &doc[doc.find("## A verifier in Python").expect("the section")..];
    let start = after.find("```python\n").expect("the program") + "```python\n".len();
    let length = after[start..].find("```").expect("its end");
    after[start..start + length].to_string()
}

#[tokio::test]
async fn the_python_verifier_of_the_docs_checks_the_demo_record() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    app.comment(
        OPEN,
        "purpose",
        &ana,
        "A comment with \"quotes\", a tab\tand ñ.",
    )
    .await;
    let program = std::env::temp_dir().join(format!("pulse-verify-{}.py", std::process::id()));
    std::fs::write(&program, python_verifier()).unwrap();
    let (base, path) = (app.base.clone(), program.clone());
    let run = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .arg(&path)
            .args([base.as_str(), OPEN])
            .output()
            .expect("python3 runs")
    })
    .await
    .unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (entries, head) = whole_record(&app, OPEN, None).await;
    assert_eq!(
        said.trim(),
        format!(
            "{OPEN}: {} entries hold; head {}",
            entries.len(),
            head["hash"].as_str().unwrap()
        )
    );
    let _ = std::fs::remove_file(&program);
}

/// The record's page, the latest entries first shown (`before`).
async fn latest(app: &TestApp, slug: &str) -> Value {
    app.get_json(&format!("/topics/{slug}/record?before={}", i64::MAX), None)
        .await
}

/// Waits (up to 30 s) for `slug`'s record to publish a head for `reason`.
async fn published_for(app: &TestApp, slug: &str, reason: &str) -> Value {
    for _ in 0..300 {
        let page = latest(app, slug).await;
        if let Some(head) = page["published"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["reason"] == reason)
        {
            return head.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no head of {slug}'s record was published for {reason}");
}

#[tokio::test]
async fn a_close_records_each_polls_counts_once_and_publishes_the_head() {
    let app = spawn_app().await;
    // A second instance runs the same chores on the same database.
    let other = spawn_with(app.database.clone(), None).await;
    let admin = app.demo_admin().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let slug = "snow-routes";
    let closes_at = pulse_server::clock::now().0 + 4;
    let created = app
        .post(
            "/topics",
            Some(&admin),
            &json!({
                "slug": slug,
                "title": "Snow Routes",
                "summary": "Which streets are ploughed first.",
                "opens_at": days_from_now(-1),
                "closes_at": pulse_api::Timestamp(closes_at).to_string(),
                "time_zone": "America/Chicago",
                "host": {"name": "Alex Rivera", "role": "Public Works"},
                "draft_title": "Snow Routes",
                "draft": "## Routes\n\nMain streets first.\n",
                "polls": [{"question": "Which first?", "options": ["Schools", "Hospitals"]}],
                "require_verified_email": false,
            }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let poll = app.poll_of(slug, 0).await;
    let options: Vec<i64> = poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    for (who, choice) in [(&ana, options[1]), (&bo, options[1])] {
        let voted = app
            .put(
                &format!("/polls/{}/ballot", poll["id"]),
                Some(who),
                &json!({"options": [choice]}),
            )
            .await;
        assert_eq!(voted.status(), StatusCode::OK);
    }

    // While a topic is open, its head is published for the day.
    let daily = published_for(&app, OPEN, "daily").await;
    let (entries, _) = whole_record(&app, OPEN, None).await;
    let at = entries
        .iter()
        .find(|e| e["position"] == daily["position"])
        .expect("the entry published");
    assert_eq!(at["hash"], daily["hash"]);
    let close = published_for(&other, slug, "close").await;
    let page = latest(&app, slug).await;
    let entries = page["entries"].as_array().unwrap();
    let closes: Vec<&Value> = entries.iter().filter(|e| e["kind"] == "close").collect();
    assert_eq!(closes.len(), 1, "once across instances: {page}");
    let recorded = content(closes[0]);
    assert_eq!(recorded["closes_at"], closes_at);
    assert_eq!(recorded["polls"][0]["question"], "Which first?");
    assert_eq!(recorded["polls"][0]["options"][0]["votes"], 0);
    assert_eq!(recorded["polls"][0]["options"][1]["label"], "Hospitals");
    assert_eq!(recorded["polls"][0]["options"][1]["votes"], 2);
    // The head published at the close is the close entry's own.
    assert_eq!(close["position"], closes[0]["position"]);
    assert_eq!(close["hash"], closes[0]["hash"]);
    // Nobody's choice is in it.
    assert!(!closes[0]["content"].as_str().unwrap().contains("Ana"));

    // In the audit log, and the topic's feed, for others to keep.
    let audit: Value = app
        .get_json("/audit?action=publish_record_head&limit=50", Some(&admin))
        .await;
    let said = |topic: &str| -> Vec<Value> {
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["topic"] == topic)
            .cloned()
            .collect()
    };
    let closed = said(slug);
    assert_eq!(closed.len(), 1, "once: {audit}");
    assert_eq!(closed[0]["reason"], "close");
    assert_eq!(closed[0]["actor"], "Pulse (on its schedule)");
    assert_eq!(
        closed[0]["subject"],
        format!("{}:{}", close["position"], close["hash"].as_str().unwrap())
    );
    assert!(said(OPEN).iter().any(|e| e["reason"] == "daily"
        && e["subject"] == format!("{}:{}", daily["position"], daily["hash"].as_str().unwrap())));
    let feed = app
        .site(&format!("/topics/{slug}/updates.atom"), "identity")
        .await;
    let feed = feed.text().await.unwrap();
    assert!(
        feed.contains(&format!("hash=\"{}\"", close["hash"].as_str().unwrap())),
        "{feed}"
    );
    assert!(feed.contains("at the topic's close"), "{feed}");

    // A ballot after the close is refused, and the record still holds.
    let late = app
        .put(
            &format!("/polls/{}/ballot", poll["id"]),
            Some(&ana),
            &json!({"options": [options[0]]}),
        )
        .await;
    assert!(late.status().is_client_error());
    let (all, head) = whole_record(&app, slug, None).await;
    check_from_outside(slug, &all, &head);
    verified(&app).await;
    // Nothing more is published while nothing changes.
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    assert_eq!(
        latest(&app, slug).await["published"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_record_reads_backwards_from_the_latest() {
    let app = spawn_app().await;
    let (all, head) = whole_record(&app, OPEN, None).await;
    let n = i64::try_from(all.len()).unwrap();
    assert!(n > 4, "the demo's record has entries");
    let last: Value = app
        .get_json(
            &format!("/topics/{OPEN}/record?before={}&limit=3", n + 1),
            None,
        )
        .await;
    let positions: Vec<i64> = last["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, vec![n - 2, n - 1, n]);
    assert_eq!(last["earlier"], n - 2);
    assert_eq!(last["next"], Value::Null);
    assert_eq!(last["head"], head);
    assert_eq!(last["title"], "Body Worn Cameras");
    let middle: Value = app
        .get_json(&format!("/topics/{OPEN}/record?before=3&limit=5"), None)
        .await;
    assert_eq!(middle["entries"].as_array().unwrap().len(), 2);
    assert_eq!(middle["earlier"], Value::Null);
    assert_eq!(middle["next"], 2);
    for bad in ["before=0", "before=x", "after=1&before=5"] {
        problem(
            app.get(&format!("/topics/{OPEN}/record?{bad}"), None).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
}

#[tokio::test]
async fn pulse_verify_checks_a_record_from_outside_by_its_address() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let posted = app
        .comment(OPEN, "purpose", &ana, "Cameras on at every stop.")
        .await;
    let receipt = format!(
        "{}:{}",
        posted["receipt"]["position"],
        posted["receipt"]["hash"].as_str().unwrap()
    );
    let url = format!("{}/topics/{OPEN}", app.base);
    let said = pulse_server::outside::verify(&url, Some(&receipt))
        .await
        .expect("the record holds");
    let (entries, _) = whole_record(&app, OPEN, None).await;
    assert!(
        said.starts_with(&format!(
            "the record of {OPEN} holds: {} entries",
            entries.len()
        )),
        "{said}"
    );
    assert!(said.contains("stands in it"), "{said}");
    // A receipt it never gave, and addresses that are no topic's.
    let never = format!("{}:{}", posted["receipt"]["position"], "0".repeat(64));
    let refused = pulse_server::outside::verify(&url, Some(&never))
        .await
        .unwrap_err();
    assert!(
        format!("{refused:#}").contains("is not in the record"),
        "{refused:#}"
    );
    for bad in [
        format!("{}/topics/no-such-topic", app.base),
        format!("{}/", app.base),
        "ftp://example.org/topics/x".to_string(),
    ] {
        assert!(
            pulse_server::outside::verify(&bad, None).await.is_err(),
            "{bad}"
        );
    }

    // Someone with the database changes the comment's text in the record:
    // from outside, its content no longer matches its hash.
    let position = posted["receipt"]["position"].as_i64().unwrap();
    let guard = if pulse_tests::databases::on_postgres() {
        "DROP TRIGGER record_entries_append_only ON record_entries"
    } else {
        "DROP TRIGGER record_entries_only_erased"
    };
    run_sql(&app.database, guard).await;
    run_sql(
        &app.database,
        &format!(
            "UPDATE record_entries SET content = REPLACE(content, 'every stop', 'some stops') \
             WHERE position = {position} AND topic_id = \
             (SELECT id FROM topics WHERE slug = '{OPEN}')"
        ),
    )
    .await;
    let broken = pulse_server::outside::verify(&url, None).await.unwrap_err();
    assert_eq!(
        format!("{broken:#}"),
        format!("{OPEN}: entry {position}: its content does not match its hash")
    );
}
