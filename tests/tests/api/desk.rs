//! The city's desk through the API: a topic saved unpublished is a preview
//! only admins and its hosts see, until it is published; its draft changes
//! in place until then; a host is invited by address and name; hosts hear
//! of flags by mail, gathered; the audit log is read by page.

use crate::helpers::*;
use pulse_api::sections::GENERAL;
use pulse_tests::smtp::SmtpSink;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const WITHIN: Duration = Duration::from_secs(15);
const SLUG: &str = "leaf-pickup";

fn unpublished_topic() -> Value {
    json!({
        "slug": SLUG,
        "title": "Leaf Pickup",
        "summary": "When the city picks up leaves.",
        "opens_at": days_from_now(-1),
        "closes_at": days_from_now(30),
        "time_zone": "America/Chicago",
        "host": {"name": "Alex Rivera", "role": "Public Works"},
        "draft_title": "Leaf Pickup Schedule",
        "draft": "## Dates\n\nTwice in the fall.\n\n## Bags\n\nPaper bags only.\n",
        "polls": [{"question": "Which week?", "options": ["First", "Second"], "section": "bags"}],
        "require_verified_email": false,
        "published": false,
    })
}

#[tokio::test]
async fn an_unpublished_topic_is_a_preview_for_admins_and_hosts_only() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let host = app.demo_host().await;
    let resident = app.register("Rosa").await;
    let created = app
        .post("/topics", Some(&admin), &unpublished_topic())
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["published"], false);
    assert_eq!(created["status"], "open", "the clock's status stays");

    // Nobody else finds it: not by its address, not in lists, feeds,
    // calendars, polls; nor can they follow it.
    let path = format!("/topics/{SLUG}");
    for user in [None, Some(&resident), Some(&host)] {
        problem(app.get(&path, user).await, StatusCode::NOT_FOUND).await;
        let list: Value = app.get_json("/topics", user).await;
        assert!(
            !list["topics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["slug"] == SLUG),
            "listed: {list}"
        );
        let polls = app.get(&format!("{path}/polls"), user).await;
        assert_eq!(polls.status(), StatusCode::NOT_FOUND);
    }
    let admin_list: Value = app.get_json("/topics", Some(&admin)).await;
    assert!(
        !admin_list["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["slug"] == SLUG),
        "the public list is the public's, whoever reads it"
    );
    for feed in ["updates.atom", "dates.ics"] {
        let got = app.site(&format!("{path}/{feed}"), "identity").await;
        assert_eq!(got.status(), StatusCode::NOT_FOUND, "{feed}");
    }
    let follow = app
        .post(
            &format!("{path}/subscriptions"),
            None,
            &json!({"email": "someone@example.org"}),
        )
        .await;
    assert_eq!(follow.status(), StatusCode::NOT_FOUND);

    // The admin sees it at its address, and so does a host named for it.
    let seen: Value = app.get_json(&path, Some(&admin)).await;
    assert_eq!(seen["published"], false);
    assert_eq!(seen["draft"]["sections"][1]["anchor"], "bags");
    assert_eq!(
        app.put(
            &format!("{path}/hosts/{}", pulse_server::demo::HOST_EMAIL),
            Some(&admin),
            &json!({})
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    let seen: Value = app.get_json(&path, Some(&host)).await;
    assert_eq!(seen["title"], "Leaf Pickup");
    let polls: Value = app.get_json(&format!("{path}/polls"), Some(&host)).await;
    assert_eq!(polls["polls"].as_array().unwrap().len(), 1);
    // A preview is for reading: nobody takes part in it.
    let comment = app
        .post(
            &format!("{path}/comments"),
            Some(&host),
            &json!({"section": "dates", "body": "Testing the preview."}),
        )
        .await;
    let detail = problem(comment, StatusCode::FORBIDDEN).await;
    assert!(detail.contains("not public yet"), "{detail}");

    // Only an admin publishes; then everyone sees it, once audited.
    let publish = format!("{path}/publish");
    problem(
        app.post(&publish, Some(&host), &json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.post(&publish, None, &json!({})).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let published = app.post(&publish, Some(&admin), &json!({})).await;
    assert_eq!(published.status(), StatusCode::OK);
    let published: Value = published.json().await.unwrap();
    assert_eq!(published["published"], true);
    let again = app.post(&publish, Some(&admin), &json!({})).await;
    assert_eq!(again.status(), StatusCode::OK, "publishing is idempotent");
    let public: Value = app.get_json(&path, None).await;
    assert_eq!(public["published"], true);
    let list: Value = app.get_json("/topics", None).await;
    assert!(
        list["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["slug"] == SLUG)
    );
    let log: Value = app
        .get_json("/audit?action=publish_topic", Some(&admin))
        .await;
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "audited once: {log}");
    assert_eq!(entries[0]["topic"], SLUG);
    app.comment(SLUG, "dates", &resident, "Please come in November too.")
        .await;
}

#[tokio::test]
async fn a_topics_setup_is_what_its_edit_form_shows_on_its_own_clock() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let host = app.demo_host().await;
    let mut topic = unpublished_topic();
    // 18:00 in Chicago on a winter's day (CST, UTC−6).
    topic["opens_at"] = json!("2027-01-13T00:00:00Z");
    topic["closes_at"] = json!("2027-03-01T05:59:00Z");
    topic["polls"] = json!([
        {"question": "Which week?", "options": ["First", "Second"], "section": "bags"},
        {"question": "How should we tell you?", "kind": "multiple", "options": ["Text", "Email"]},
    ]);
    topic["documents"] = json!([{"title": "Rules", "url": "https://example.gov/leaves.pdf"}]);
    let created = app.post("/topics", Some(&admin), &topic).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let setup: Value = app
        .get_json(&format!("/topics/{SLUG}/setup"), Some(&admin))
        .await;
    assert_eq!(
        setup,
        json!({
            "slug": SLUG,
            "title": "Leaf Pickup",
            "summary": "When the city picks up leaves.",
            "opens_local": "2027-01-12T18:00",
            "closes_local": "2027-02-28T23:59",
            "time_zone": "America/Chicago",
            "results_rule": "after_voting",
            "host": {"name": "Alex Rivera", "role": "Public Works", "phone": null, "email": null},
            "documents": [{"title": "Rules", "url": "https://example.gov/leaves.pdf"}],
            "polls": [
                {"question": "Which week?", "kind": "single", "section": "bags", "options": ["First", "Second"]},
                {"question": "How should we tell you?", "kind": "multiple", "section": null, "options": ["Text", "Email"]},
            ],
            "poll_ballots": [0, 0],
            "draft_title": "Leaf Pickup Schedule",
            "draft": topic["draft"],
            "require_verified_email": false,
            "published": false,
            "translations": {},
            "dates": [],
        })
    );
    // For admins: a host runs the topic, an admin sets it up.
    let refused = app.get(&format!("/topics/{SLUG}/setup"), Some(&host)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let refused = app.get(&format!("/topics/{SLUG}/setup"), None).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let missing = app.get("/topics/no-such-topic/setup", Some(&admin)).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

async fn polls(app: &TestApp) -> Vec<Value> {
    let list: Value = app.get_json(&format!("/topics/{SLUG}/polls"), None).await;
    list["polls"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_polls_question_and_options_change_until_its_first_ballot() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let mut topic = unpublished_topic();
    topic["published"] = json!(true);
    topic["polls"] = json!([
        {"question": "Which week?", "options": ["First", "Second"], "section": "bags"},
        {"question": "Tell you how?", "options": ["Text", "Email"]},
    ]);
    let created = app.post("/topics", Some(&admin), &topic).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let before = polls(&app).await;
    let edit = |polls: Value| json!({ "polls": polls });
    let path = format!("/topics/{SLUG}");

    // Before any ballot: the second poll reworded, the first kept as it is.
    let reworded = json!([
        {"question": "Which week?", "options": ["First", "Second"], "section": "bags"},
        {"question": "How should we tell you?", "kind": "multiple", "options": ["Text", "Email", "Mail"]},
    ]);
    let done = app
        .patch(&path, Some(&admin), &edit(reworded.clone()))
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let after = polls(&app).await;
    assert_eq!(after[0]["id"], before[0]["id"], "the same poll is kept");
    assert_eq!(after[1]["question"], "How should we tell you?");
    assert_eq!(after[1]["kind"], "multiple");
    assert_eq!(after[1]["options"].as_array().unwrap().len(), 3);

    // A ballot in the first: it no longer changes, nor goes.
    let voter = app.register("Ana").await;
    let ballot = app
        .put(
            &format!("/polls/{}/ballot", after[0]["id"]),
            Some(&voter),
            &json!({"options": [after[0]["options"][0]["id"]]}),
        )
        .await;
    assert!(ballot.status().is_success());
    let mut changed = reworded.clone();
    changed[0]["options"] = json!(["The first", "The second"]);
    let refused = app.patch(&path, Some(&admin), &edit(changed)).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "polls[0]", "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("Which week?"),
        "{problem}"
    );
    let refused = app
        .patch(&path, Some(&admin), &edit(json!([reworded[1].clone()])))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing was half written.
    assert_eq!(polls(&app).await, after);

    // The others still change; a poll's section is one of the draft's.
    let mut more = reworded.clone();
    more[1] = json!({"question": "Tell you by text?", "options": ["Yes", "No"]});
    more.as_array_mut()
        .unwrap()
        .push(json!({"question": "Bags?", "options": ["Paper", "Any"], "section": "no-such"}));
    let refused = app.patch(&path, Some(&admin), &edit(more.clone())).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    more[2]["section"] = json!("bags");
    let done = app.patch(&path, Some(&admin), &edit(more)).await;
    assert_eq!(done.status(), StatusCode::OK);
    let last = polls(&app).await;
    assert_eq!(last.len(), 3);
    assert_eq!(last[0]["id"], after[0]["id"]);
    assert_eq!(last[1]["question"], "Tell you by text?");
    let setup: Value = app
        .get_json(&format!("/topics/{SLUG}/setup"), Some(&admin))
        .await;
    assert_eq!(setup["poll_ballots"], json!([1, 0, 0]));
}

#[tokio::test]
async fn an_unpublished_draft_changes_in_place_and_a_published_one_only_by_revision() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let created = app
        .post("/topics", Some(&admin), &unpublished_topic())
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let path = format!("/topics/{SLUG}");

    let edited = app
        .patch(
            &path,
            Some(&admin),
            &json!({"draft": "## Dates\n\nThree times.\n\n## Bags\n\nPaper.\n\n## Piles\n\nNo piles in the street.\n"}),
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let edited: Value = edited.json().await.unwrap();
    assert_eq!(edited["draft"]["version"], 1, "in place: no new version");
    assert_eq!(edited["draft"]["title"], "Leaf Pickup Schedule");
    let anchors: Vec<&str> = edited["draft"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["anchor"].as_str().unwrap())
        .collect();
    assert_eq!(anchors, ["dates", "bags", "piles"]);
    let titled = app
        .patch(
            &path,
            Some(&admin),
            &json!({"draft_title": "Leaf Schedule"}),
        )
        .await;
    assert_eq!(titled.status(), StatusCode::OK);
    let titled: Value = titled.json().await.unwrap();
    assert_eq!(titled["draft"]["title"], "Leaf Schedule");
    assert_eq!(titled["draft"]["sections"].as_array().unwrap().len(), 3);

    // A poll stands on the "bags" section: a draft without it is refused whole.
    let lost = app
        .patch(
            &path,
            Some(&admin),
            &json!({"draft": "## Dates\n\nOnce.\n", "title": "Leaves"}),
        )
        .await;
    let detail = problem(lost, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.starts_with("polls[0].section:"), "{detail}");
    let kept: Value = app.get_json(&path, Some(&admin)).await;
    assert_eq!(kept["title"], "Leaf Pickup", "nothing half-written");
    assert_eq!(kept["draft"]["sections"].as_array().unwrap().len(), 3);

    // A revision waits for the topic to be public.
    let revision = app
        .post(
            &format!("{path}/versions"),
            Some(&admin),
            &json!({"draft": "## Dates\n\nOnce.\n\n## Bags\n\nAny bag.\n", "note": "Simpler."}),
        )
        .await;
    problem(revision, StatusCode::CONFLICT).await;

    app.post(&format!("{path}/publish"), Some(&admin), &json!({}))
        .await;
    let refused = app
        .patch(
            &path,
            Some(&admin),
            &json!({"draft": "## Dates\n\nOnce.\n"}),
        )
        .await;
    let detail = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.starts_with("draft:"), "{detail}");
    let revision = app
        .post(
            &format!("{path}/versions"),
            Some(&admin),
            &json!({"draft": "## Dates\n\nOnce.\n\n## Bags\n\nAny bag.\n", "note": "Simpler."}),
        )
        .await;
    assert_eq!(revision.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_host_without_an_account_is_invited_and_chooses_a_password_from_the_link() {
    let sink = SmtpSink::start();
    let app = spawn_tuned({
        let url = sink.url();
        move |c| {
            c.mail.smtp_url = Some(url);
            c.mail.city = "City of Shakopee".into();
        }
    })
    .await;
    let admin = app.demo_admin().await;
    let path = "/topics/body-worn-cameras/hosts/clerk@shakopeemn.gov";

    // Without a name, the address must have an account; the answer says how
    // to invite.
    let unknown = app.put(path, Some(&admin), &json!({})).await;
    let detail = problem(unknown, StatusCode::NOT_FOUND).await;
    assert!(detail.contains("name"), "{detail}");
    let bad = app
        .put(path, Some(&admin), &json!({"name": "   ", "lang": "fr"}))
        .await;
    problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let resident = app.register("Rosa").await;
    problem(
        app.put(path, Some(&resident), &json!({"name": "Kim Clerk"}))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;

    let invited = app
        .put(
            path,
            Some(&admin),
            &json!({"name": "Kim Clerk", "lang": "es"}),
        )
        .await;
    assert_eq!(invited.status(), StatusCode::NO_CONTENT);
    let hosts: Value = app
        .get_json("/topics/body-worn-cameras/hosts", Some(&admin))
        .await;
    assert!(
        hosts
            .as_array()
            .unwrap()
            .contains(&json!("clerk@shakopeemn.gov"))
    );
    // Again: nothing new, and no second letter.
    let again = app
        .put(path, Some(&admin), &json!({"name": "Kim Clerk"}))
        .await;
    assert_eq!(again.status(), StatusCode::NO_CONTENT);

    let mail = sink
        .wait_for("clerk@shakopeemn.gov", "anfitrión", 1, WITHIN)
        .await
        .remove(0);
    assert!(
        mail.subject.contains("Cámaras corporales"),
        "{}",
        mail.subject
    );
    let token = mail
        .token("/reset-password")
        .expect("a link to choose a password");
    // Nobody signs in before choosing a password.
    let guess = app
        .post(
            "/session",
            None,
            &json!({"email": "clerk@shakopeemn.gov", "password": ""}),
        )
        .await;
    assert!(guess.status().is_client_error());
    let chosen = app
        .post(
            "/password-reset/confirm",
            None,
            &json!({"token": token, "password": "leaves in the autumn wind"}),
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::NO_CONTENT);
    let clerk = app
        .sign_in("clerk@shakopeemn.gov", "leaves in the autumn wind")
        .await;
    let session: Value = app.get_json("/session", Some(&clerk)).await;
    assert_eq!(session["account"]["display_name"], "Kim Clerk");
    assert_eq!(session["account"]["email_verified"], true);
    assert_eq!(session["account"]["hosts"], json!(["body-worn-cameras"]));
    let queue = app
        .get("/topics/body-worn-cameras/moderation", Some(&clerk))
        .await;
    assert_eq!(queue.status(), StatusCode::OK);
    // The link works once.
    let twice = app
        .post(
            "/password-reset/confirm",
            None,
            &json!({"token": token, "password": "another autumn passphrase"}),
        )
        .await;
    problem(twice, StatusCode::GONE).await;
    assert_eq!(sink.to("clerk@shakopeemn.gov").len(), 1);
    let log: Value = app
        .get_json("/audit?action=invite_account", Some(&admin))
        .await;
    assert_eq!(log["entries"][0]["subject"], "clerk@shakopeemn.gov");
}

#[tokio::test]
async fn hosts_hear_of_flags_at_most_once_a_window_with_every_flag_in_it() {
    let sink = SmtpSink::start();
    let app = spawn_tuned({
        let url = sink.url();
        move |c| {
            c.mail.smtp_url = Some(url);
            c.mail.city = "City of Shakopee".into();
            c.mail.flag_alert_every = Duration::from_secs(4);
        }
    })
    .await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let first = app
        .comment(OPEN, "purpose", &ana, "Cameras everywhere, always on.")
        .await;
    let second = app
        .comment(OPEN, "purpose", &ana, "Buy ads with the grant instead.")
        .await;
    let third = app
        .comment(OPEN, "purpose", &ana, "A third thought on cameras.")
        .await;
    let flag = |comment: &Value, reason: &str| {
        (
            format!("/comments/{}/flags", comment["id"]),
            json!({"reason": reason}),
        )
    };

    let (path, body) = flag(&first, "Off topic");
    assert_eq!(
        app.post(&path, Some(&bo), &body).await.status(),
        StatusCode::CREATED
    );
    let letters = sink
        .wait_for(pulse_server::demo::HOST_EMAIL, "flagged", 1, WITHIN)
        .await;
    assert!(letters[0].text.contains("Off topic"), "{}", letters[0].text);
    assert!(
        letters[0].text.contains("Cameras everywhere"),
        "{}",
        letters[0].text
    );
    // Its button opens the desk on the topic's flagged comments.
    let next = pulse_api::links::encode_query_value(&format!("/host?topic={OPEN}&show=flagged"));
    assert!(
        letters[0]
            .text
            .contains(&format!("/language/en?next={next}")),
        "{}",
        letters[0].text
    );

    // Two more inside the window: gathered into one letter after it.
    let (path, body) = flag(&second, "Spam");
    assert_eq!(
        app.post(&path, Some(&bo), &body).await.status(),
        StatusCode::CREATED
    );
    let (path, body) = flag(&third, "Rude");
    assert_eq!(
        app.post(&path, Some(&bo), &body).await.status(),
        StatusCode::CREATED
    );
    let letters = sink
        .wait_for(pulse_server::demo::HOST_EMAIL, "flag", 2, WITHIN)
        .await;
    let second_letter = &letters[1];
    assert!(
        second_letter.subject.contains('2'),
        "{}",
        second_letter.subject
    );
    for words in ["Spam", "Rude", "Buy ads", "A third thought"] {
        assert!(
            second_letter.text.contains(words),
            "{words}: {}",
            second_letter.text
        );
    }
    assert!(!second_letter.text.contains("Off topic"), "told once");
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        sink.to(pulse_server::demo::HOST_EMAIL).len(),
        2,
        "nothing new, nothing sent"
    );
    // The one who flagged is no host; the author hears nothing of flags.
    assert!(
        sink.to(&bo.email)
            .iter()
            .all(|m| !m.subject.contains("flag"))
    );
}

#[tokio::test]
async fn the_audit_log_is_read_a_page_at_a_time_and_filtered() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let host = app.demo_host().await;
    let ana = app.register("Ana").await;
    for n in 0..5 {
        let c = app
            .comment(OPEN, "purpose", &ana, &format!("Comment number {n}."))
            .await;
        let hide = app
            .post(
                &format!("/comments/{}/moderation", c["id"]),
                Some(&host),
                &json!({"action": "hide", "reason": "Testing the log"}),
            )
            .await;
        assert_eq!(hide.status(), StatusCode::OK);
    }
    let page: Value = app
        .get_json("/audit?action=hide&limit=2", Some(&admin))
        .await;
    let ids = |page: &Value| -> Vec<i64> {
        page["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect()
    };
    let first = ids(&page);
    assert_eq!(first.len(), 2);
    let next = page["next"].as_i64().expect("more pages");
    let page2: Value = app
        .get_json(
            &format!("/audit?action=hide&limit=2&before={next}"),
            Some(&admin),
        )
        .await;
    let second = ids(&page2);
    assert_eq!(second.len(), 2);
    assert!(second[0] < first[1], "older, newest first");
    let page3: Value = app
        .get_json(
            &format!("/audit?action=hide&limit=2&before={}", page2["next"]),
            Some(&admin),
        )
        .await;
    assert_eq!(ids(&page3).len(), 1);
    assert!(
        page3.get("next").is_none_or(Value::is_null),
        "the last page"
    );

    let mine: Value = app
        .get_json(
            &format!(
                "/topics/{OPEN}/audit?actor={}",
                pulse_server::demo::HOST_EMAIL
            ),
            Some(&host),
        )
        .await;
    assert!(mine["entries"].as_array().unwrap().len() >= 5);
    let nobody: Value = app
        .get_json(
            &format!("/topics/{OPEN}/audit?actor=nobody@example.org"),
            Some(&host),
        )
        .await;
    assert_eq!(nobody["entries"], json!([]));
    let by_topic: Value = app
        .get_json(&format!("/audit?topic={OPEN}&action=hide"), Some(&admin))
        .await;
    assert_eq!(by_topic["entries"].as_array().unwrap().len(), 5);
    for bad in [
        "limit=0",
        "before=x",
        "limit=-3",
        "actor=not-an-address",
        "action=%00hide",
    ] {
        problem(
            app.get(&format!("/audit?{bad}"), Some(&admin)).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    for unknown in ["no-such-topic", "a%00b"] {
        problem(
            app.get(&format!("/audit?topic={unknown}"), Some(&admin))
                .await,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    problem(
        app.get("/desk?topic=%00", Some(&admin)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(app.get("/audit", Some(&host)).await, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn the_desk_is_one_queue_across_a_hosts_topics_filtered_sorted_and_paged() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let host = app.demo_host().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let demo = |items: &Value| -> Vec<i64> {
        items["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| !is_demo(&i["item"]["comment"]))
            .map(|i| i["item"]["comment"]["id"].as_i64().unwrap())
            .collect()
    };
    let quiet = app
        .comment(OPEN, "purpose", &ana, "A quiet question.")
        .await;
    let loud = app
        .comment(OPEN, "purpose", &ana, "Loud and rude words.")
        .await;
    let liked = app
        .comment(OPEN, GENERAL, &bo, "A popular idea for all.")
        .await;
    for who in [&ana, &admin] {
        let agree = app
            .put(
                &format!("/comments/{}/reaction", liked["id"]),
                Some(who),
                &json!({"value": "agree"}),
            )
            .await;
        assert!(agree.status().is_success(), "{}", agree.status());
    }
    let flagged = app
        .post(
            &format!("/comments/{}/flags", loud["id"]),
            Some(&bo),
            &json!({"reason": "Rude"}),
        )
        .await;
    assert_eq!(flagged.status(), StatusCode::CREATED);

    // Flagged first, then waiting for an answer, oldest first.
    let desk: Value = app.get_json("/desk", Some(&host)).await;
    let ids = demo(&desk);
    assert_eq!(ids[0], loud["id"].as_i64().unwrap(), "{ids:?}");
    assert!(ids.contains(&quiet["id"].as_i64().unwrap()));
    let topics = desk["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 1, "the host's own topics only");
    assert_eq!(topics[0]["slug"], OPEN);
    assert_eq!(topics[0]["flagged"], 1);
    assert_eq!(desk["items"][0]["topic"], OPEN);
    assert_eq!(desk["items"][0]["item"]["flags"][0]["reason"], "Rude");

    // Answered: out of the default queue, in "answered" with its status.
    let answered = app
        .post(
            &format!("/comments/{}/responses", quiet["id"]),
            Some(&host),
            &json!({"status": "adopted", "body": "We will do it."}),
        )
        .await;
    assert_eq!(answered.status(), StatusCode::CREATED);
    let desk: Value = app.get_json("/desk", Some(&host)).await;
    assert!(!demo(&desk).contains(&quiet["id"].as_i64().unwrap()));
    let adopted: Value = app
        .get_json("/desk?show=answered&status=adopted", Some(&host))
        .await;
    assert_eq!(demo(&adopted), [quiet["id"].as_i64().unwrap()]);
    let flagged_only: Value = app.get_json("/desk?show=flagged", Some(&host)).await;
    assert_eq!(demo(&flagged_only), [loud["id"].as_i64().unwrap()]);

    // By section, by agreement, quoted only, a page at a time.
    let general: Value = app
        .get_json(
            &format!("/desk?topic={OPEN}&section={GENERAL}&show=all"),
            Some(&host),
        )
        .await;
    assert!(demo(&general).contains(&liked["id"].as_i64().unwrap()));
    assert!(!demo(&general).contains(&loud["id"].as_i64().unwrap()));
    assert!(general["sections"].as_array().unwrap().len() > 2);
    let agreed: Value = app
        .get_json("/desk?show=all&sort=agreed", Some(&host))
        .await;
    assert_eq!(
        agreed["items"][0]["item"]["comment"]["id"], liked["id"],
        "most agreed first"
    );
    let quoted: Value = app.get_json("/desk?show=all&quoted=1", Some(&host)).await;
    assert!(demo(&quoted).is_empty());
    for n in 0..26 {
        app.comment(OPEN, "purpose", &bo, &format!("One of many, number {n}."))
            .await;
    }
    let first: Value = app
        .get_json("/desk?show=unanswered&sort=newest", Some(&host))
        .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 25);
    assert!(first["pages"].as_i64().unwrap() >= 2);
    let second: Value = app
        .get_json("/desk?show=unanswered&sort=newest&page=2", Some(&host))
        .await;
    assert_eq!(second["page"], 2);
    assert_ne!(first["items"][0], second["items"][0]);

    // Hosts only; admins see every topic; bad filters are told so.
    problem(app.get("/desk", None).await, StatusCode::UNAUTHORIZED).await;
    let detail = problem(app.get("/desk", Some(&ana)).await, StatusCode::FORBIDDEN).await;
    assert!(detail.contains("host"), "{detail}");
    problem(
        app.get("/desk?topic=parks-and-trails-plan", Some(&host))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.get("/desk?topic=no-such-topic", Some(&host)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let everything: Value = app.get_json("/desk", Some(&admin)).await;
    assert!(everything["topics"].as_array().unwrap().len() >= 3);
    for bad in [
        "show=everything",
        "sort=loudest",
        "status=maybe",
        "page=0",
        "page=x",
    ] {
        problem(
            app.get(&format!("/desk?{bad}"), Some(&host)).await,
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
}

#[tokio::test]
async fn a_date_is_entered_on_the_topics_clock_whatever_the_hosts() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let path = format!("/topics/{OPEN}/dates");
    // The demo topic is in America/Chicago: 18:00 there is midnight UTC.
    let added = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "Council meeting", "starts_local": "2026-12-10T18:00"}),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let topic: Value = added.json().await.unwrap();
    let meeting = topic["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Council meeting")
        .unwrap();
    assert_eq!(meeting["starts_at"], "2026-12-11T00:00:00Z");
    assert!(
        meeting["starts_on"]
            .as_str()
            .unwrap()
            .contains("6:00 PM CST")
    );

    let skipped = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "Too early", "starts_local": "2027-03-14T02:30"}),
        )
        .await;
    let detail = problem(skipped, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(detail.contains("does not exist"), "{detail}");
    let twice = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "Night hearing", "starts_local": "2027-11-07T01:30"}),
        )
        .await;
    let detail = problem(twice, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        detail.contains("01:30 CDT") && detail.contains("01:30 CST"),
        "{detail}"
    );
    let later = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "Night hearing", "starts_local": "2027-11-07T01:30", "fold": "later"}),
        )
        .await;
    assert_eq!(later.status(), StatusCode::CREATED);
    let topic: Value = later.json().await.unwrap();
    assert!(
        topic["dates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["starts_at"] == "2027-11-07T07:30:00Z")
    );
    let unread = app
        .post(
            &path,
            Some(&host),
            &json!({"title": "Someday", "starts_local": "next week"}),
        )
        .await;
    problem(unread, StatusCode::UNPROCESSABLE_ENTITY).await;
    let neither = app
        .post(&path, Some(&host), &json!({"title": "Someday"}))
        .await;
    problem(neither, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn admins_list_every_topic_by_status_with_its_hosts() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let host = app.demo_host().await;
    let created = app
        .post("/topics", Some(&admin), &unpublished_topic())
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let slugs = |list: &Value| -> Vec<String> {
        list["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["topic"]["slug"].as_str().unwrap().to_string())
            .collect()
    };
    let all: Value = app.get_json("/admin/topics", Some(&admin)).await;
    assert!(slugs(&all).contains(&SLUG.to_string()));
    assert!(slugs(&all).contains(&OPEN.to_string()));
    let bwc = all["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"]["slug"] == OPEN)
        .unwrap();
    assert_eq!(bwc["hosts"], json!([pulse_server::demo::HOST_EMAIL]));
    let unpublished: Value = app
        .get_json("/admin/topics?status=unpublished", Some(&admin))
        .await;
    assert_eq!(slugs(&unpublished), [SLUG]);
    let open: Value = app
        .get_json("/admin/topics?status=open", Some(&admin))
        .await;
    assert!(
        !slugs(&open).contains(&SLUG.to_string()),
        "an unpublished one is not open"
    );
    assert!(slugs(&open).contains(&OPEN.to_string()));
    problem(
        app.get("/admin/topics?status=someday", Some(&admin)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    problem(
        app.get("/admin/topics", Some(&host)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.get("/admin/topics", None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}
