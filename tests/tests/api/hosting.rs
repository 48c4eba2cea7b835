//! What hosts and admins do, and what residents see of it: moderation that
//! keeps the record, flags, edits and withdrawals, official responses,
//! updates, reactions, the General thread, the audit log and the report.

use crate::helpers::*;
use crate::matrix::close_now;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use serde_json::{Value, json};

async fn thread(app: &TestApp, section: &str, user: Option<&User>) -> Vec<Value> {
    let list: Value = app
        .get_json(&format!("/topics/{OPEN}/comments?section={section}"), user)
        .await;
    list["comments"].as_array().unwrap().clone()
}

fn by_id(list: &[Value], id: &Value) -> Value {
    list.iter().find(|c| c["id"] == *id).unwrap().clone()
}

/// What people did on the topic, newest first (not what Pulse does on its
/// schedule: a head of the public record published, at any moment).
async fn audit(app: &TestApp, user: &User) -> Vec<Value> {
    let log: Value = app
        .get_json(&format!("/topics/{OPEN}/audit"), Some(user))
        .await;
    by_people(&log)
}

fn by_people(log: &Value) -> Vec<Value> {
    log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] != "publish_record_head")
        .cloned()
        .collect()
}

#[tokio::test]
async fn hiding_keeps_the_text_in_the_record_and_shows_its_reason_in_its_place() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let rude = app
        .comment(OPEN, SECTION_3, &ana, "You are all **idiots**.")
        .await;
    let reply = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&bo),
            &json!({"section": SECTION_3, "body": "Please keep it civil.", "parent_id": rude["id"]}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let reply: Value = reply.json().await.unwrap();

    let path = format!("/comments/{}/moderation", rude["id"]);
    let no_reason = app
        .post(&path, Some(&host), &json!({"action": "hide"}))
        .await;
    let detail = problem(no_reason, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.contains("reason"), "{detail}");
    let blank = app
        .post(
            &path,
            Some(&host),
            &json!({"action": "hide", "reason": " \u{200b} "}),
        )
        .await;
    problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await;

    let hidden = app
        .post(
            &path,
            Some(&host),
            &json!({"action": "hide", "reason": "Personal attack"}),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::OK);
    let again = app
        .post(
            &path,
            Some(&host),
            &json!({"action": "hide", "reason": "Twice"}),
        )
        .await;
    problem(again, StatusCode::CONFLICT).await;

    // Others see the placeholder and the reason, not the text; the reply stands.
    for viewer in [None, Some(&bo), Some(&host)] {
        let list = thread(&app, SECTION_3, viewer).await;
        let shown = by_id(&list, &rude["id"]);
        assert_eq!(shown["hidden"]["reason"], "Personal attack");
        assert_eq!(shown["body"], "");
        assert_eq!(shown["body_html"], "");
        assert_eq!(by_id(&list, &reply["id"])["body"], "Please keep it civil.");
        assert_eq!(by_id(&list, &reply["id"])["parent_id"], rude["id"]);
    }
    // Its author still reads their own words, and why they were hidden.
    let own = by_id(&thread(&app, SECTION_3, Some(&ana)).await, &rude["id"]);
    assert_eq!(own["body"], "You are all **idiots**.");
    assert_eq!(own["hidden"]["reason"], "Personal attack");
    assert_eq!(own["mine"], true);
    // The host reads it in the queue.
    let queue: Value = app
        .get_json(&format!("/topics/{OPEN}/moderation"), Some(&host))
        .await;
    assert_eq!(
        queue["hidden"][0]["comment"]["body"],
        "You are all **idiots**."
    );
    assert_eq!(queue["hidden"][0]["place"], "§ 3 When officers record");

    let entries = audit(&app, &host).await;
    assert_eq!(entries[0]["action"], "hide");
    assert_eq!(entries[0]["reason"], "Personal attack");
    assert_eq!(entries[0]["comment_id"], rude["id"]);
    assert!(entries[0]["actor"].as_str().unwrap().contains("Joy Sutton"));

    let restored = app
        .post(&path, Some(&host), &json!({"action": "restore"}))
        .await;
    assert_eq!(restored.status(), StatusCode::OK);
    let shown = by_id(&thread(&app, SECTION_3, None).await, &rude["id"]);
    assert_eq!(shown["hidden"], Value::Null);
    assert_eq!(shown["body"], "You are all **idiots**.");
    assert_eq!(audit(&app, &host).await[0]["action"], "restore");
    let nothing = app
        .post(&path, Some(&host), &json!({"action": "restore"}))
        .await;
    problem(nothing, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn a_resident_flags_a_comment_once_and_the_host_sees_flagged_ones_first() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let cy = app.register("Cy").await;
    let quiet = app.comment(OPEN, SECTION_3, &ana, "A fair point.").await;
    let loud = app
        .comment(OPEN, SECTION_3, &ana, "Buy cheap watches!")
        .await;
    let once = app.comment(OPEN, SECTION_3, &ana, "Hmm.").await;

    let flag = |id: &Value| format!("/comments/{id}/flags");
    let first = app
        .post(&flag(&loud["id"]), Some(&bo), &json!({"reason": "Spam"}))
        .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let second = app
        .post(
            &flag(&loud["id"]),
            Some(&bo),
            &json!({"reason": "Still spam"}),
        )
        .await;
    problem(second, StatusCode::CONFLICT).await;
    let empty = app
        .post(&flag(&quiet["id"]), Some(&bo), &json!({"reason": ""}))
        .await;
    problem(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    let by_cy = app
        .post(
            &flag(&loud["id"]),
            Some(&cy),
            &json!({"reason": "Advertising"}),
        )
        .await;
    assert_eq!(by_cy.status(), StatusCode::CREATED);
    let by_cy = app
        .post(&flag(&once["id"]), Some(&cy), &json!({"reason": "Unclear"}))
        .await;
    assert_eq!(by_cy.status(), StatusCode::CREATED);
    let missing = app
        .post("/comments/999999/flags", Some(&cy), &json!({"reason": "x"}))
        .await;
    problem(missing, StatusCode::NOT_FOUND).await;

    let queue: Value = app
        .get_json(&format!("/topics/{OPEN}/moderation"), Some(&host))
        .await;
    let flagged = queue["flagged"].as_array().unwrap();
    assert_eq!(flagged.len(), 2);
    assert_eq!(flagged[0]["comment"]["id"], loud["id"]);
    assert_eq!(flagged[0]["open_flags"], 2);
    let reasons: Vec<&str> = flagged[0]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["Spam", "Advertising"]);
    assert_eq!(flagged[1]["comment"]["id"], once["id"]);
    let awaiting = |queue: &Value| {
        queue["awaiting_response"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|item| !is_demo(&item["comment"]))
            .count()
    };
    assert_eq!(awaiting(&queue), 3);

    // Keeping a flagged comment closes its flags; it leaves the flagged queue.
    let kept = app
        .post(
            &format!("/comments/{}/moderation", once["id"]),
            Some(&host),
            &json!({"action": "dismiss"}),
        )
        .await;
    assert_eq!(kept.status(), StatusCode::OK);
    let queue: Value = app
        .get_json(&format!("/topics/{OPEN}/moderation"), Some(&host))
        .await;
    assert_eq!(queue["flagged"].as_array().unwrap().len(), 1);
    assert_eq!(audit(&app, &host).await[0]["action"], "dismiss");
}

#[tokio::test]
async fn authors_edit_with_every_version_kept_and_withdraw_leaving_a_placeholder() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let comment = app.comment(OPEN, SECTION_3, &ana, "First thought.").await;
    assert_eq!(comment["edited_at"], Value::Null);
    let path = format!("/comments/{}", comment["id"]);

    let edited = app
        .patch(&path, Some(&ana), &json!({"body": "Second *thought*."}))
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["body"], "Second *thought*.");
    assert!(
        edited["body_html"]
            .as_str()
            .unwrap()
            .contains("<em>thought</em>")
    );
    assert!(edited["edited_at"].is_string());
    let empty = app.patch(&path, Some(&ana), &json!({"body": "  "})).await;
    problem(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    let not_yours = app
        .patch(&path, Some(&bo), &json!({"body": "Mine now."}))
        .await;
    problem(not_yours, StatusCode::FORBIDDEN).await;
    let unknown_field = app
        .patch(&path, Some(&ana), &json!({"body": "x", "author": "Bo"}))
        .await;
    problem(unknown_field, StatusCode::UNPROCESSABLE_ENTITY).await;

    let versions: Value = app.get_json(&format!("{path}/versions"), Some(&ana)).await;
    let bodies: Vec<&str> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["First thought.", "Second *thought*."]);

    let gone = app.delete(&path, Some(&ana)).await;
    assert_eq!(gone.status(), StatusCode::OK);
    let shown = by_id(&thread(&app, SECTION_3, None).await, &comment["id"]);
    assert_eq!(shown["withdrawn"], true);
    assert_eq!(shown["body"], "");
    // Withdrawn is withdrawn, for its author too; twice is a conflict.
    let own = by_id(&thread(&app, SECTION_3, Some(&ana)).await, &comment["id"]);
    assert_eq!(own["body"], "");
    problem(app.delete(&path, Some(&ana)).await, StatusCode::CONFLICT).await;
    let after = app
        .patch(&path, Some(&ana), &json!({"body": "Back."}))
        .await;
    problem(after, StatusCode::CONFLICT).await;
    // The record keeps what was said.
    let versions: Value = app.get_json(&format!("{path}/versions"), Some(&ana)).await;
    assert_eq!(versions.as_array().unwrap().len(), 2);

    // After the deadline nothing changes.
    let admin = app.demo_admin().await;
    let other = app
        .comment(OPEN, SECTION_3, &ana, "Before the close.")
        .await;
    close_now(&app, &admin, OPEN).await;
    let late = app
        .patch(
            &format!("/comments/{}", other["id"]),
            Some(&ana),
            &json!({"body": "After the close."}),
        )
        .await;
    let detail = problem(late, StatusCode::FORBIDDEN).await;
    assert!(detail.contains("deadline"), "{detail}");
}

#[tokio::test]
async fn the_host_answers_officially_and_it_stands_out_on_the_comment() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let ana = app.register("Ana").await;
    let comment = app
        .comment(OPEN, SECTION_3, &ana, "Record mental health calls.")
        .await;
    let path = format!("/comments/{}/responses", comment["id"]);

    let bad_status = app
        .post(
            &path,
            Some(&host),
            &json!({"status": "maybe", "body": "Hmm."}),
        )
        .await;
    problem(bad_status, StatusCode::UNPROCESSABLE_ENTITY).await;
    let no_body = app
        .post(
            &path,
            Some(&host),
            &json!({"status": "adopted", "body": ""}),
        )
        .await;
    problem(no_body, StatusCode::UNPROCESSABLE_ENTITY).await;
    let by_resident = app
        .post(
            &path,
            Some(&ana),
            &json!({"status": "adopted", "body": "Yes!"}),
        )
        .await;
    problem(by_resident, StatusCode::FORBIDDEN).await;

    let answered = app
        .post(
            &path,
            Some(&host),
            &json!({"status": "adopted", "body": "Added to **§ 3**: crisis calls are recorded."}),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::CREATED);
    let shown = by_id(&thread(&app, SECTION_3, None).await, &comment["id"]);
    let response = &shown["official_response"];
    assert_eq!(response["status"], "adopted");
    assert_eq!(response["author"], "Joy Sutton");
    assert!(
        response["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>§ 3</strong>")
    );
    assert_eq!(audit(&app, &host).await[0]["action"], "respond");

    // A later answer replaces the standing one; both stay in the audit log.
    let revised = app
        .post(
            &path,
            Some(&host),
            &json!({"status": "partly_adopted", "body": "Council kept part of it."}),
        )
        .await;
    assert_eq!(revised.status(), StatusCode::CREATED);
    let shown = by_id(&thread(&app, SECTION_3, None).await, &comment["id"]);
    assert_eq!(shown["official_response"]["status"], "partly_adopted");
    let responds = audit(&app, &host)
        .await
        .iter()
        .filter(|e| e["action"] == "respond")
        .count();
    assert_eq!(responds, 2);

    // Answered comments leave the queue of those awaiting a response (the
    // demo's own unanswered ones stay).
    let queue: Value = app
        .get_json(&format!("/topics/{OPEN}/moderation"), Some(&host))
        .await;
    assert!(
        queue["awaiting_response"]
            .as_array()
            .unwrap()
            .iter()
            .all(|item| is_demo(&item["comment"]))
    );
}

#[tokio::test]
async fn the_host_posts_an_update_that_comes_first_on_the_topic() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let path = format!("/topics/{OPEN}/updates");
    let no_title = app
        .post(&path, Some(&host), &json!({"title": " ", "body": "Text."}))
        .await;
    problem(no_title, StatusCode::UNPROCESSABLE_ENTITY).await;
    let missing = app.post(&path, Some(&host), &json!({"title": "T"})).await;
    problem(missing, StatusCode::UNPROCESSABLE_ENTITY).await;

    let posted = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "Update from the May 2 council meeting", "body": "Council asked for a **180-day** option."}),
        )
        .await;
    assert_eq!(posted.status(), StatusCode::CREATED);
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    let updates = topic["updates"].as_array().unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0]["title"], "Update from the May 2 council meeting");
    assert!(
        updates[0]["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>180-day</strong>")
    );
    assert_eq!(
        updates[1]["title"],
        "Update from April 11 City Council Meeting"
    );
    let entry = &audit(&app, &host).await[0];
    assert_eq!(entry["action"], "post_update");
    assert_eq!(entry["subject"], "Update from the May 2 council meeting");
}

#[tokio::test]
async fn residents_agree_or_disagree_once_and_may_change_their_mind() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let cy = app.register("Cy").await;
    let comment = app
        .comment(OPEN, SECTION_3, &ana, "Keep footage longer.")
        .await;
    let path = format!("/comments/{}/reaction", comment["id"]);
    let react = |user: &User, value: Value| {
        let (path, user) = (path.clone(), user.clone());
        let app = &app;
        async move {
            let response = app.put(&path, Some(&user), &json!({"value": value})).await;
            assert_eq!(response.status(), StatusCode::OK);
            let c: Value = response.json().await.unwrap();
            (
                c["agree"].as_i64().unwrap(),
                c["disagree"].as_i64().unwrap(),
                c["my_reaction"].clone(),
            )
        }
    };
    assert_eq!(react(&bo, json!("agree")).await, (1, 0, json!("agree")));
    assert_eq!(react(&bo, json!("agree")).await, (1, 0, json!("agree")));
    assert_eq!(react(&cy, json!("agree")).await, (2, 0, json!("agree")));
    assert_eq!(
        react(&bo, json!("disagree")).await,
        (1, 1, json!("disagree"))
    );
    assert_eq!(react(&cy, Value::Null).await, (0, 1, Value::Null));
    let bad = app.put(&path, Some(&bo), &json!({"value": "love"})).await;
    problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let own = app.put(&path, Some(&ana), &json!({"value": "agree"})).await;
    problem(own, StatusCode::FORBIDDEN).await;

    let shown = by_id(&thread(&app, SECTION_3, Some(&bo)).await, &comment["id"]);
    assert_eq!(
        (shown["agree"].clone(), shown["disagree"].clone()),
        (json!(0), json!(1))
    );
    assert_eq!(shown["my_reaction"], "disagree");
    let anonymous = by_id(&thread(&app, SECTION_3, None).await, &comment["id"]);
    assert_eq!(anonymous["my_reaction"], Value::Null);

    close_now(&app, &app.demo_admin().await, OPEN).await;
    let late = app.put(&path, Some(&cy), &json!({"value": "agree"})).await;
    problem(late, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn the_general_thread_takes_comments_on_the_whole_topic_with_its_own_count() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let general = app
        .comment(OPEN, "general", &ana, "The whole policy is good.")
        .await;
    assert_eq!(general["section"], "general");
    app.comment(OPEN, SECTION_3, &ana, "About § 3.").await;

    let list = thread(&app, "general", None).await;
    let ours: Vec<&Value> = list.iter().filter(|c| !is_demo(c)).collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0]["body"], "The whole policy is good.");
    // With the demo's own: one in the General thread, four in all.
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(topic["general_count"], 1 + 1);
    assert_eq!(topic["comment_count"], 2 + DEMO_COMMENTS);
    let sections = topic["draft"]["sections"].as_array().unwrap();
    assert!(sections.iter().all(|s| s["anchor"] != "general"));

    let quoting = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&ana),
            &json!({"section": "general", "body": "x", "quote": {"exact": "policy"}}),
        )
        .await;
    problem(quoting, StatusCode::UNPROCESSABLE_ENTITY).await;
    let reply = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&ana),
            &json!({"section": "general", "body": "Agreed.", "parent_id": general["id"]}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn the_report_for_council_comes_as_csv_and_json_and_is_public_once_closed() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let admin = app.demo_admin().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let kept = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&ana),
            &json!({"section": "retention", "body": "=1+2, \"ninety\" days is short.\nKeep 180.",
                    "quote": {"exact": "90 days"}}),
        )
        .await;
    assert_eq!(
        kept.status(),
        StatusCode::CREATED,
        "{}",
        kept.text().await.unwrap()
    );
    let kept: Value = app
        .get_json(&format!("/topics/{OPEN}/comments?section=retention"), None)
        .await;
    let kept = kept["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !is_demo(c))
        .unwrap()
        .clone();
    let hidden = app.comment(OPEN, SECTION_3, &bo, "Rude words.").await;
    let withdrawn = app.comment(OPEN, "general", &bo, "Never mind.").await;
    app.comment(OPEN, "general", &ana, "Thanks for asking us.")
        .await;
    app.post(
        &format!("/comments/{}/moderation", hidden["id"]),
        Some(&host),
        &json!({"action": "hide", "reason": "Insults"}),
    )
    .await;
    app.delete(&format!("/comments/{}", withdrawn["id"]), Some(&bo))
        .await;
    app.put(
        &format!("/comments/{}/reaction", kept["id"]),
        Some(&bo),
        &json!({"value": "agree"}),
    )
    .await;
    app.post(
        &format!("/comments/{}/responses", kept["id"]),
        Some(&host),
        &json!({"status": "adopted", "body": "Changed to 180 days."}),
    )
    .await;
    let poll = app.poll_of(OPEN, 1).await;
    let options: Vec<i64> = poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    let voted = app
        .put(
            &format!("/polls/{}/ballot", poll["id"]),
            Some(&ana),
            &json!({"options": options}),
        )
        .await;
    assert_eq!(voted.status(), StatusCode::OK);

    let json_path = format!("/topics/{OPEN}/report.json");
    let csv_path = format!("/topics/{OPEN}/report.csv");
    let early = app.get(&json_path, Some(&ana)).await;
    let detail = problem(early, StatusCode::FORBIDDEN).await;
    assert!(detail.contains("published when it closes"), "{detail}");
    problem(app.get(&csv_path, None).await, StatusCode::FORBIDDEN).await;

    // The demo's two residents and their four comments count too.
    let report: Value = app.get_json(&json_path, Some(&host)).await;
    assert_eq!(report["participation"]["participants"], 2 + 2);
    assert_eq!(report["participation"]["comments"], 4 + DEMO_COMMENTS);
    assert_eq!(report["participation"]["ballots"], 1);
    assert_eq!(report["moderation"]["hidden"], 1);
    assert_eq!(report["moderation"]["withdrawn"], 1);
    assert_eq!(report["moderation"]["responses"], 1 + 1);
    let sections = report["sections"].as_array().unwrap();
    assert_eq!(sections[0]["heading"], "General");
    assert_eq!(sections[0]["comments"], 2 + 1);
    assert_eq!(sections[0]["withdrawn"], 1);
    let retention = sections
        .iter()
        .find(|s| s["anchor"] == "retention")
        .unwrap();
    assert_eq!(
        (
            retention["comments"].clone(),
            retention["responded"].clone()
        ),
        (json!(1 + 1), json!(1))
    );
    let two_choices = &report["polls"][1];
    assert_eq!(two_choices["ballots"], 1);
    assert_eq!(two_choices["options"][0]["percent_of_ballots"], 100.0);
    assert_eq!(two_choices["options"][1]["percent_of_ballots"], 100.0);
    assert!(
        two_choices["counting_rule"]
            .as_str()
            .unwrap()
            .contains("more than 100")
    );
    // The counting rule is said in the reader's language.
    let spanish: Value = app
        .http
        .get(app.url(&json_path))
        .header("cookie", &host.cookie)
        .header("accept-language", "es-MX,es;q=0.9")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        spanish["polls"][1]["counting_rule"]
            .as_str()
            .unwrap()
            .contains("más de 100"),
        "{}",
        spanish["polls"][1]
    );

    let response = app.get(&csv_path, Some(&host)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(
        response.headers()[CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("body-worn-cameras-report.csv")
    );
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..4],
        [
            "comment_id",
            "reply_to",
            "section_number",
            "section_heading"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4 + DEMO_COMMENTS);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[column("comment_id")].parse::<i64>().ok() == kept["id"].as_i64())
        .unwrap();
    assert_eq!(&row[column("section_heading")], "Retention");
    assert_eq!(&row[column("quote")], "90 days");
    assert_eq!(&row[column("author")], "Ana");
    assert_eq!(&row[column("status")], "visible");
    // A formula is defused; quotes and line breaks survive the round trip.
    assert_eq!(
        &row[column("comment")],
        "'=1+2, \"ninety\" days is short.\nKeep 180."
    );
    assert_eq!(&row[column("agree")], "1");
    assert_eq!(&row[column("official_response_status")], "Adopted");
    assert_eq!(&row[column("official_response")], "Changed to 180 days.");
    let states: Vec<&str> = rows.iter().map(|r| &r[column("status")]).collect();
    assert!(states.contains(&"hidden") && states.contains(&"withdrawn"));
    let hidden_row = rows
        .iter()
        .find(|r| &r[column("status")] == "hidden")
        .unwrap();
    assert_eq!(&hidden_row[column("comment")], "");
    assert_eq!(&hidden_row[column("hidden_reason")], "Insults");

    close_now(&app, &admin, OPEN).await;
    let public: Value = app.get_json(&json_path, None).await;
    assert_eq!(public["status"], "closed");
    assert_eq!(app.get(&csv_path, None).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_admin_creates_and_edits_a_topic_and_names_its_host_over_the_api() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let clerk = app.register("Clerk").await;
    let topic = json!({
        "slug": "snow-parking",
        "title": "Snow Parking",
        "summary": "Where to park when it snows.",
        "opens_at": days_from_now(-1),
        "closes_at": days_from_now(365),
        "time_zone": "America/Chicago",
        "results_rule": "always",
        "host": {"name": "Alex Rivera", "role": "Superintendent", "phone": "952-233-9550"},
        "documents": [{"title": "Ordinance", "url": "https://example.gov/o.pdf"}],
        "draft_title": "Snow Ordinance",
        "draft": "## Purpose\n\nClear streets.\n\n## Odd and even days\n\nPark on the odd side.\n",
        "polls": [{"question": "Which rule?", "options": ["Odd/even", "Routes"], "section": "odd-and-even-days"}],
    });
    let created = app.post("/topics", Some(&admin), &topic).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["status"], "open");
    assert_eq!(
        created["draft"]["sections"][1]["anchor"],
        "odd-and-even-days"
    );
    let polls: Value = app.get_json("/topics/snow-parking/polls", None).await;
    assert_eq!(polls["polls"][0]["section"], "odd-and-even-days");

    let again = app.post("/topics", Some(&admin), &topic).await;
    let detail = problem(again, StatusCode::CONFLICT).await;
    assert!(detail.starts_with("slug:"), "{detail}");
    for (field, value) in [
        ("slug", json!("Snow Parking!")),
        ("time_zone", json!("Mars/Olympus")),
        ("closes_at", json!("2025-01-01T00:00:00Z")),
        ("draft", json!("   ")),
        ("title", json!("")),
    ] {
        let mut bad = topic.clone();
        bad["slug"] = json!("another-slug");
        bad[field] = value;
        let refused = app.post("/topics", Some(&admin), &bad).await;
        let detail = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(
            detail.starts_with(&format!("{field}:")),
            "{field}: {detail}"
        );
    }
    // Said in the reader's language, the field named as the API names it.
    let mut bad = topic.clone();
    bad["slug"] = json!("another-slug");
    bad["time_zone"] = json!("Mars/Olympus");
    let refused = app
        .http
        .post(app.url("/topics"))
        .header("cookie", &admin.cookie)
        .header("accept-language", "es")
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await,
        "time_zone: «Mars/Olympus» no es una zona horaria que este servidor conozca; \
         use una como America/Chicago."
    );
    let mut bad = topic.clone();
    bad["slug"] = json!("another-slug");
    bad["polls"][0]["section"] = json!("no-such-section");
    let detail = problem(
        app.post("/topics", Some(&admin), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(detail.starts_with("polls[0].section:"), "{detail}");
    let mut bad = topic.clone();
    bad["slug"] = json!("another-slug");
    bad["documents"][0]["url"] = json!("javascript:alert(1)");
    let detail = problem(
        app.post("/topics", Some(&admin), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(detail.starts_with("documents[0].url:"), "{detail}");
    // Nothing half-written by the refusals.
    assert_eq!(
        app.get("/topics/another-slug", None).await.status(),
        StatusCode::NOT_FOUND
    );

    let edited = app
        .patch(
            "/topics/snow-parking",
            Some(&admin),
            &json!({"title": "Snow Emergency Parking", "opens_at": days_from_now(100)}),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["title"], "Snow Emergency Parking");
    assert_eq!(edited["status"], "upcoming");
    let backwards = app
        .patch(
            "/topics/snow-parking",
            Some(&admin),
            &json!({"closes_at": days_from_now(50)}),
        )
        .await;
    problem(backwards, StatusCode::UNPROCESSABLE_ENTITY).await;
    let nothing = app
        .patch("/topics/snow-parking", Some(&admin), &json!({}))
        .await;
    problem(nothing, StatusCode::UNPROCESSABLE_ENTITY).await;

    // Naming a host: then the clerk may post updates, and no longer after.
    let hosts_path = format!("/topics/snow-parking/hosts/{}", clerk.email);
    let update = json!({"title": "Hello", "body": "We are listening."});
    problem(
        app.post("/topics/snow-parking/updates", Some(&clerk), &update)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(
        app.put(&hosts_path, Some(&admin), &json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.put(&hosts_path, Some(&admin), &json!({}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let session: Value = app.get_json("/session", Some(&clerk)).await;
    assert_eq!(session["account"]["hosts"], json!(["snow-parking"]));
    assert_eq!(
        app.post("/topics/snow-parking/updates", Some(&clerk), &update)
            .await
            .status(),
        StatusCode::CREATED
    );
    let hosts: Value = app
        .get_json("/topics/snow-parking/hosts", Some(&admin))
        .await;
    assert_eq!(hosts, json!([clerk.email]));
    assert_eq!(
        app.delete(&hosts_path, Some(&admin)).await.status(),
        StatusCode::NO_CONTENT
    );
    problem(
        app.post("/topics/snow-parking/updates", Some(&clerk), &update)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let nobody = app
        .put(
            "/topics/snow-parking/hosts/nobody@example.org",
            Some(&admin),
            &json!({}),
        )
        .await;
    problem(nobody, StatusCode::NOT_FOUND).await;

    let log: Value = app.get_json("/audit", Some(&admin)).await;
    let log = by_people(&log);
    let actions: Vec<&str> = log.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions[..5],
        [
            "revoke_host",
            "post_update",
            "grant_host",
            "edit_topic",
            "create_topic"
        ]
    );
}
