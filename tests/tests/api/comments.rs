use crate::helpers::*;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};

fn comments_path(slug: &str) -> String {
    format!("/topics/{slug}/comments")
}

async fn section_count(app: &TestApp, anchor: &str) -> i64 {
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    topic["draft"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["anchor"] == anchor)
        .unwrap()["comment_count"]
        .as_i64()
        .unwrap()
}

/// The open topic's comments beyond the demo's own.
async fn all_comments(app: &TestApp) -> usize {
    let list: Value = app.get_json(&comments_path(OPEN), None).await;
    list["comments"].as_array().unwrap().len() - DEMO_COMMENTS
}

#[tokio::test]
async fn a_resident_comments_on_a_section_and_another_replies() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;

    let response = app
        .post(
            &comments_path(OPEN),
            Some(&ana),
            &json!({"section": SECTION_3, "body": "Record **mental health** calls too."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let comment: Value = response.json().await.unwrap();
    assert_eq!(comment["section"], SECTION_3);
    assert_eq!(comment["author"], "Ana");
    // The demo's draft is in its second version.
    assert_eq!(comment["version"], 2);
    assert_eq!(comment["parent_id"], Value::Null);
    assert_eq!(section_count(&app, SECTION_3).await, 1);

    let reply: Value = app
        .post(
            &comments_path(OPEN),
            Some(&bo),
            &json!({"section": SECTION_3, "body": "Agreed.", "parent_id": comment["id"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reply["parent_id"], comment["id"]);
    // A reply to the reply joins the same thread.
    let again: Value = app
        .post(
            &comments_path(OPEN),
            Some(&ana),
            &json!({"section": SECTION_3, "body": "Thanks.", "parent_id": reply["id"]}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["parent_id"], comment["id"]);
    assert_eq!(section_count(&app, SECTION_3).await, 3);

    let list: Value = app
        .get_json(
            &format!("{}?section={SECTION_3}", comments_path(OPEN)),
            None,
        )
        .await;
    let bodies: Vec<&str> = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        ["Record **mental health** calls too.", "Agreed.", "Thanks."]
    );
    let other: Value = app
        .get_json(&format!("{}?section=purpose", comments_path(OPEN)), None)
        .await;
    assert!(other["comments"].as_array().unwrap().is_empty());
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(topic["comment_count"], 3 + DEMO_COMMENTS);
}

#[tokio::test]
async fn commenting_needs_an_account() {
    let app = spawn_app().await;
    let response = app
        .post(
            &comments_path(OPEN),
            None,
            &json!({"section": SECTION_3, "body": "hi"}),
        )
        .await;
    let detail = problem(response, StatusCode::UNAUTHORIZED).await;
    assert!(detail.contains("signed in"), "{detail}");
    assert_eq!(all_comments(&app).await, 0);
}

#[tokio::test]
async fn a_closed_topic_refuses_new_comments() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let topic: Value = app.get_json(&format!("/topics/{CLOSED}"), None).await;
    let anchor = topic["draft"]["sections"][0]["anchor"]
        .as_str()
        .unwrap()
        .to_string();
    let response = app
        .post(
            &comments_path(CLOSED),
            Some(&ana),
            &json!({"section": anchor, "body": "Late."}),
        )
        .await;
    let detail = problem(response, StatusCode::FORBIDDEN).await;
    assert!(
        detail.contains("The deadline to participate has passed"),
        "{detail}"
    );
}

#[tokio::test]
async fn an_upcoming_topic_refuses_comments_until_it_opens() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let response = app
        .post(
            &comments_path(UPCOMING),
            Some(&ana),
            &json!({"section": "vision", "body": "Early."}),
        )
        .await;
    let detail = problem(response, StatusCode::FORBIDDEN).await;
    assert!(detail.contains("opens on"), "{detail}");
}

#[tokio::test]
async fn bad_comments_are_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let first: Value = app
        .post(
            &comments_path(OPEN),
            Some(&ana),
            &json!({"section": SECTION_3, "body": "First."}),
        )
        .await
        .json()
        .await
        .unwrap();
    let cases = [
        (
            json!({"section": SECTION_3, "body": "   "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "Write something",
        ),
        (
            json!({"section": SECTION_3, "body": "x".repeat(5001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "at most 5000",
        ),
        (
            json!({"section": "no-such-section", "body": "hi"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no such section",
        ),
        (
            json!({"section": "../../etc", "body": "hi"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no such section",
        ),
        (
            json!({"section": SECTION_3, "body": "hi", "parent_id": 999_999}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "does not exist",
        ),
        (
            json!({"section": "purpose", "body": "hi", "parent_id": first["id"]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "same section",
        ),
        (
            json!({"section": SECTION_3, "body": "hi", "admin": true}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown field",
        ),
        (
            json!({"section": SECTION_3, "body": 42}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid type",
        ),
        (
            json!({"body": "hi"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing field",
        ),
        (
            json!({"section": SECTION_3, "body": "hi", "quote": {"exact": "not in the draft at all"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not in this section",
        ),
        (
            json!({"section": SECTION_3, "body": "hi", "quote": {"exact": "x".repeat(1001)}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "at most 1000",
        ),
    ];
    for (body, status, words) in cases {
        let detail = problem(
            app.post(&comments_path(OPEN), Some(&ana), &body).await,
            status,
        )
        .await;
        assert!(detail.contains(words), "{body}: {detail}");
    }

    let raw = |body: &'static str, content_type: &'static str| {
        app.http
            .post(app.url(&comments_path(OPEN)))
            .header("cookie", &ana.cookie)
            .header(CONTENT_TYPE, content_type)
            .body(body)
    };
    let r = raw("{\"section\": ", "application/json")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::BAD_REQUEST).await;
    let r = raw("section=x&body=y", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
    let huge = format!(
        "{{\"section\": \"{SECTION_3}\", \"body\": \"{}\"}}",
        "x".repeat(100_000)
    );
    let r = app
        .http
        .post(app.url(&comments_path(OPEN)))
        .header("cookie", &ana.cookie)
        .header(CONTENT_TYPE, "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    problem(r, StatusCode::PAYLOAD_TOO_LARGE).await;

    assert_eq!(all_comments(&app).await, 1);
}

#[tokio::test]
async fn a_quoted_passage_is_kept_with_its_context() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let quote = json!({"exact": "until the contact has ended", "prefix": "keeps recording ", "suffix": ", unless"});
    let response = app
        .post(
            &comments_path(OPEN),
            Some(&ana),
            &json!({"section": SECTION_3, "body": "Who decides that?", "quote": quote}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let comment: Value = response.json().await.unwrap();
    assert_eq!(comment["quote"], quote);
}

#[tokio::test]
async fn markup_in_a_comment_comes_back_as_inert_json_text() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let body = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    app.post(
        &comments_path(OPEN),
        Some(&ana),
        &json!({"section": SECTION_3, "body": body}),
    )
    .await
    .error_for_status()
    .unwrap();
    let response = app.get(&comments_path(OPEN), None).await;
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let list: Value = response.json().await.unwrap();
    let ours = list["comments"].as_array().unwrap().last().unwrap();
    assert_eq!(ours["body"], body);
    // What the client renders from it is text, not elements.
    let html = pulse_api::markdown::to_safe_html(body);
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
}

#[tokio::test]
async fn writes_from_another_site_are_refused() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let send = |origin: &str| {
        app.http
            .post(app.url(&comments_path(OPEN)))
            .header("cookie", &ana.cookie)
            .header(ORIGIN, origin.to_string())
            .json(&json!({"section": SECTION_3, "body": "hi"}))
            .send()
    };
    let detail = problem(
        send("https://evil.example").await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(detail.contains("another website"), "{detail}");
    problem(send("null").await.unwrap(), StatusCode::FORBIDDEN).await;
    // The same host on another scheme is another site.
    let https = app.base.replace("http://", "https://");
    problem(send(&https).await.unwrap(), StatusCode::FORBIDDEN).await;
    // A browser that says the request is cross-site, with no Origin.
    let cross = app
        .http
        .post(app.url(&comments_path(OPEN)))
        .header("cookie", &ana.cookie)
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"section": SECTION_3, "body": "hi"}))
        .send()
        .await
        .unwrap();
    problem(cross, StatusCode::FORBIDDEN).await;
    assert_eq!(all_comments(&app).await, 0);
    let ours = send(&app.base).await.unwrap();
    assert_eq!(ours.status(), StatusCode::CREATED);
}

/// The ids in a page, threads and replies, and its `next`.
async fn page(app: &TestApp, query: &str) -> (Vec<i64>, Value) {
    let list: Value = app
        .get_json(
            &format!("{}?section={SECTION_3}{query}", comments_path(OPEN)),
            None,
        )
        .await;
    let ids = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    (ids, list["next"].clone())
}

#[tokio::test]
async fn comments_come_in_pages_of_threads_that_hold_still_while_more_are_posted() {
    let app = spawn_tuned(|c| c.limits.comments_per_account = 1_000).await;
    let ana = app.register("Ana").await;
    let mut roots = Vec::new();
    for n in 1..=5 {
        let c = app
            .comment(OPEN, SECTION_3, &ana, &format!("Thread {n}."))
            .await;
        roots.push(c["id"].as_i64().unwrap());
    }
    // A reply to the second thread comes with it, though posted last.
    let reply = app
        .post(
            &comments_path(OPEN),
            Some(&ana),
            &json!({"section": SECTION_3, "body": "A reply.", "parent_id": roots[1]}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    let reply: i64 = reply.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    let (first, next) = page(&app, "&limit=2").await;
    assert_eq!(first, vec![roots[0], roots[1], reply]);
    assert_eq!(next, json!(roots[1].to_string()));

    // Posted between two pages: the next page neither repeats nor skips.
    let late = app.comment(OPEN, SECTION_3, &ana, "Thread 6.").await["id"]
        .as_i64()
        .unwrap();
    let (second, next) = page(&app, &format!("&limit=2&after={}", next.as_str().unwrap())).await;
    assert_eq!(second, vec![roots[2], roots[3]]);
    let (third, next) = page(&app, &format!("&limit=2&after={}", next.as_str().unwrap())).await;
    assert_eq!(third, vec![roots[4], late]);
    assert_eq!(next, Value::Null, "the last page says so");

    // Without a limit: a page of 50 threads.
    for n in 7..=55 {
        app.comment(OPEN, SECTION_3, &ana, &format!("Thread {n}."))
            .await;
    }
    let (all, next) = page(&app, "").await;
    assert_eq!(all.len(), 51, "50 threads and the reply");
    assert!(next.is_string());
    let (rest, next) = page(&app, &format!("&after={}", next.as_str().unwrap())).await;
    assert_eq!(rest.len(), 5);
    assert_eq!(next, Value::Null);
    let (most, _) = page(&app, "&limit=100").await;
    assert_eq!(most.len(), 56);
}

#[tokio::test]
async fn a_page_size_or_place_that_makes_no_sense_is_a_400_that_says_why() {
    let app = spawn_app().await;
    let too_big_or_small =
        ["&limit=0", "&limit=101", "&limit=ten", "&limit=-1"].map(|q| (q, "from 1 to 100"));
    let not_a_place = ["&after=abc", "&after=-5", "&after=0", "&after=1e3"]
        .map(|q| (q, "not a place in the comments"));
    for (query, said) in too_big_or_small.into_iter().chain(not_a_place) {
        let response = app
            .get(
                &format!("{}?section={SECTION_3}{query}", comments_path(OPEN)),
                None,
            )
            .await;
        let detail = problem(response, StatusCode::BAD_REQUEST).await;
        assert!(detail.contains(said), "{query}: {detail}");
    }
    // A place past the end is simply an empty page.
    let (ids, next) = page(&app, "&after=999999999").await;
    assert!(ids.is_empty());
    assert_eq!(next, Value::Null);
}

/// Markdown becomes HTML when it is written, and reads serve what was
/// stored: a stand-in written straight into the database is what comes
/// back, until an edit renders the text anew.
#[tokio::test]
async fn text_is_rendered_when_written_and_read_as_stored() {
    let (app, db) = spawn_reachable(|_| {}).await;
    let ana = app.register("Ana").await;
    let comment = app
        .comment(OPEN, SECTION_3, &ana, "Keep it **30 days**.")
        .await;
    let id = comment["id"].as_i64().unwrap();
    assert_eq!(
        comment["body_html"],
        "<p>Keep it <strong>30 days</strong>.</p>\n"
    );

    run_sql(
        &db,
        &format!("UPDATE comments SET body_html = '<p>as stored</p>' WHERE id = {id}"),
    )
    .await;
    run_sql(&db, "UPDATE sections SET html = '<p>section as stored</p>'").await;
    run_sql(
        &db,
        "UPDATE topics SET summary_html = '<p>summary as stored</p>'",
    )
    .await;
    let list: Value = app
        .get_json(
            &format!("{}?section={SECTION_3}", comments_path(OPEN)),
            None,
        )
        .await;
    assert_eq!(list["comments"][0]["body_html"], "<p>as stored</p>");
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(topic["summary_html"], "<p>summary as stored</p>");
    assert_eq!(
        topic["draft"]["sections"][0]["html"],
        "<p>section as stored</p>"
    );

    let edited: Value = app
        .patch(
            &format!("/comments/{id}"),
            Some(&ana),
            &json!({"body": "Keep it *60 days*."}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(edited["body_html"], "<p>Keep it <em>60 days</em>.</p>\n");
    let list: Value = app
        .get_json(
            &format!("{}?section={SECTION_3}", comments_path(OPEN)),
            None,
        )
        .await;
    assert_eq!(list["comments"][0]["body_html"], edited["body_html"]);
}

/// Comments posted at the same moment are committed together, yet each is
/// answered on its own: a refused one neither stops nor spoils the others.
#[tokio::test]
async fn comments_posted_together_are_each_answered_on_their_own() {
    let app = spawn_app().await;
    let mut people = Vec::new();
    for name in ["Ana", "Bo", "Cy", "Di", "Ed"] {
        people.push(app.register(name).await);
    }
    let before = section_count(&app, SECTION_3).await;
    let requests = (0..50).map(|i| {
        let who = &people[i % people.len()];
        let body = if i % 5 == 4 {
            json!({"section": SECTION_3, "body": "Answering nothing.", "parent_id": 999_999})
        } else {
            json!({"section": SECTION_3, "body": format!("Together {i}.")})
        };
        let app = &app;
        async move {
            let response = app.post(&comments_path(OPEN), Some(who), &body).await;
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    });
    let answers = futures::future::join_all(requests).await;
    let mut ids: Vec<i64> = Vec::new();
    for (i, (status, answer)) in answers.iter().enumerate() {
        if i % 5 == 4 {
            assert_eq!(*status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        } else {
            assert_eq!(*status, StatusCode::CREATED, "{answer}");
            assert_eq!(answer["body"], format!("Together {i}."));
            ids.push(answer["id"].as_i64().unwrap());
        }
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    assert_eq!(section_count(&app, SECTION_3).await, before + 40);
    let list: Value = app
        .get_json(
            &format!("{}?section={SECTION_3}&limit=100", comments_path(OPEN)),
            None,
        )
        .await;
    assert_eq!(list["comments"].as_array().unwrap().len(), 40);
}

#[tokio::test]
async fn a_comment_keeps_the_language_of_the_page_it_was_written_on() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let english = app
        .comment(OPEN, SECTION_3, &ana, "Record every stop.")
        .await;
    assert_eq!(english["lang"], "en");
    let spanish = app
        .http
        .post(app.url(&format!("/topics/{OPEN}/comments")))
        .header("cookie", format!("{}; pulse_lang=es", ana.cookie))
        .json(&json!({"section": SECTION_3, "body": "Graben cada parada."}))
        .send()
        .await
        .unwrap();
    assert_eq!(spanish.status(), StatusCode::CREATED);
    let spanish: Value = spanish.json().await.unwrap();
    assert_eq!(spanish["lang"], "es");
    // Read back by anyone, in any language, it says so.
    let list: Value = app
        .get_json(
            &format!("/topics/{OPEN}/comments?section={SECTION_3}"),
            None,
        )
        .await;
    let langs: Vec<&str> = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"] == "Graben cada parada." || c["body"] == "Record every stop.")
        .map(|c| c["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs.len(), 2, "{list}");
    assert!(langs.contains(&"es") && langs.contains(&"en"));
}

/// The answer to a post is built from what was written, not read back:
/// it must say all that a read of the comment says, for each kind of
/// comment and author, and for posts that share a batch.
#[tokio::test]
async fn a_posted_comment_is_answered_as_it_is_read() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    let admin = app.demo_admin().await;
    let first = app
        .comment(OPEN, SECTION_3, &ana, "Record **every** stop.")
        .await;
    let quote = json!({"exact": "until the contact has ended", "prefix": "keeps recording ", "suffix": ", unless"});
    let posts = [
        (
            &bo,
            json!({"section": SECTION_3, "body": "Who decides?", "quote": quote}),
        ),
        (
            &bo,
            json!({"section": SECTION_3, "body": "Agreed.", "parent_id": first["id"]}),
        ),
        (
            &host,
            json!({"section": SECTION_3, "body": "We will look at it."}),
        ),
        (
            &admin,
            json!({"section": "general", "body": "Thank you all."}),
        ),
        (
            &ana,
            json!({"section": SECTION_3, "body": "On the first draft.", "version": 1}),
        ),
    ];
    let mut answers = vec![(&ana, first)];
    for (who, body) in &posts {
        let response = app.post(&comments_path(OPEN), Some(who), body).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        answers.push((*who, response.json().await.unwrap()));
    }
    // Posted at once, they share batches.
    let together = futures::future::join_all((0..12).map(|i| {
        let (app, who) = (&app, if i % 2 == 0 { &ana } else { &bo });
        async move {
            let body = json!({"section": SECTION_3, "body": format!("At once {i}.")});
            let answer: Value = app
                .post(&comments_path(OPEN), Some(who), &body)
                .await
                .json()
                .await
                .unwrap();
            (who, answer)
        }
    }))
    .await;
    answers.extend(together);
    for (who, answer) in answers {
        let list: Value = app
            .get_json(&format!("{}?limit=100", comments_path(OPEN)), Some(who))
            .await;
        let read = list["comments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == answer["id"])
            .unwrap_or_else(|| panic!("{answer} is not in the list"));
        assert_eq!(&answer, read, "the answer to a post differs from its read");
    }
    // The batches moved the record's head once each, past all they wrote.
    let db = pulse_server::db::Db::connect(&app.database).await.unwrap();
    pulse_server::admin::verify(&db, None, None)
        .await
        .expect("the record holds");
}
