use crate::helpers::*;
use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;
use serde_json::{Value, json};

#[tokio::test]
async fn registering_signs_the_new_account_in() {
    let app = spawn_app().await;
    let response = app
        .post(
            "/accounts",
            None,
            &json!({"email": "  Ana.Ruiz@Example.ORG ", "display_name": " Ana Ruiz ", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let set_cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(set_cookie.contains("Path=/"), "{set_cookie}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["account"]["email"], "ana.ruiz@example.org");
    assert_eq!(body["account"]["display_name"], "Ana Ruiz");
    assert_eq!(body["account"]["role"], "resident");

    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let user = User {
        cookie,
        email: "ana.ruiz@example.org".into(),
    };
    let session: Value = app.get_json("/session", Some(&user)).await;
    assert_eq!(session["account"]["display_name"], "Ana Ruiz");
}

#[tokio::test]
async fn an_email_has_one_account_however_it_is_typed() {
    let app = spawn_app().await;
    let user = app.register("Bo").await;
    let response = app
        .post(
            "/accounts",
            None,
            &json!({"email": user.email.to_uppercase(), "display_name": "Other", "password": "another long password"}),
        )
        .await;
    let detail = problem(response, StatusCode::CONFLICT).await;
    assert!(detail.contains("already exists"), "{detail}");
}

#[tokio::test]
async fn registration_refuses_bad_fields_with_a_reason() {
    let app = spawn_app().await;
    for (body, words) in [
        (
            json!({"email": "not-an-email", "display_name": "A", "password": "long enough pw"}),
            "email address",
        ),
        (
            json!({"email": "a@example.org", "display_name": "  ", "password": "long enough pw"}),
            "name",
        ),
        (
            json!({"email": "a@example.org", "display_name": "A", "password": "short"}),
            "at least 10",
        ),
        (
            json!({"email": "a@example.org", "display_name": "x".repeat(61), "password": "long enough pw"}),
            "at most 60",
        ),
    ] {
        let detail = problem(
            app.post("/accounts", None, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(detail.contains(words), "{detail} should mention {words}");
    }
    // Nothing was written: the address is still free.
    app.post(
        "/accounts",
        None,
        &json!({"email": "a@example.org", "display_name": "A", "password": "long enough pw"}),
    )
    .await
    .error_for_status()
    .unwrap();
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.register("Cy").await;
    let wrong = app
        .post(
            "/session",
            None,
            &json!({"email": user.email, "password": "not the password"}),
        )
        .await;
    let unknown = app
        .post(
            "/session",
            None,
            &json!({"email": "nobody@example.org", "password": "correct horse battery"}),
        )
        .await;
    let wrong = problem(wrong, StatusCode::UNAUTHORIZED).await;
    let unknown = problem(unknown, StatusCode::UNAUTHORIZED).await;
    assert_eq!(wrong, unknown);

    let right = app
        .post(
            "/session",
            None,
            &json!({"email": user.email.to_uppercase(), "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    assert!(session_cookie(right.headers()).is_some());
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let user = app.register("Di").await;
    let response = app
        .send::<()>(reqwest::Method::DELETE, "/session", Some(&user), None)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = response.headers()[SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");

    let session: Value = app.get_json("/session", Some(&user)).await;
    assert_eq!(session["account"], Value::Null);
    let response = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&user),
            &json!({"section": SECTION_3, "body": "hi"}),
        )
        .await;
    problem(response, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_made_up_session_is_no_session() {
    let app = spawn_app().await;
    let forged = User {
        cookie: format!("pulse_session={}", "ab".repeat(32)),
        email: String::new(),
    };
    let session: Value = app.get_json("/session", Some(&forged)).await;
    assert_eq!(session["account"], Value::Null);
}

#[tokio::test]
async fn too_many_sign_in_attempts_are_refused() {
    let app = spawn_tuned(|config| {
        config.limits.sign_ins_per_address = 3;
    })
    .await;
    for _ in 0..3 {
        let r = app
            .post(
                "/session",
                None,
                &json!({"email": "x@example.org", "password": "guess guess"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app
        .post(
            "/session",
            None,
            &json!({"email": "x@example.org", "password": "guess guess"}),
        )
        .await;
    let detail = problem(r, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(detail.contains("wait"), "{detail}");
}

/// Signs in as `email` with a wrong password, as if sent through a proxy on
/// behalf of `forwarded_for`.
async fn guess_via(app: &TestApp, email: &str, forwarded_for: &str) -> reqwest::Response {
    app.http
        .post(app.url("/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({"email": email, "password": "guess guess"}))
        .send()
        .await
        .expect("the server answers")
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_resident_has_their_own_limit() {
    let app = spawn_tuned(|config| {
        config.limits.sign_ins_per_address = 2;
        config.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    })
    .await;

    for n in 0..2 {
        let r = guess_via(&app, &format!("a{n}@example.org"), "198.51.100.7").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = guess_via(&app, "a9@example.org", "198.51.100.7").await;
    problem(r, StatusCode::TOO_MANY_REQUESTS).await;
    // Another resident behind the same proxy is not held up by the first.
    let r = guess_via(&app, "b@example.org", "203.0.113.20").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A client cannot pick a fresh address by writing its own header: the
    // proxy appends the address it saw, and that one counts.
    let r = guess_via(&app, "c@example.org", "192.0.2.1, 198.51.100.7").await;
    problem(r, StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn forwarded_for_from_an_untrusted_peer_is_ignored() {
    let app = spawn_tuned(|config| {
        config.limits.sign_ins_per_address = 2;
    })
    .await;
    for (n, addr) in ["198.51.100.1", "198.51.100.2"].iter().enumerate() {
        let r = guess_via(&app, &format!("d{n}@example.org"), addr).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = guess_via(&app, "d9@example.org", "198.51.100.3").await;
    problem(r, StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn guesses_at_one_account_from_many_addresses_are_refused() {
    let app = spawn_tuned(|config| {
        config.limits.sign_ins_per_account = 3;
        config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let ana = app.register("Ana").await;
    for n in 0..3 {
        let r = guess_via(&app, &ana.email, &format!("198.51.100.{n}")).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // The address is written differently; it is the same account.
    let r = guess_via(&app, &ana.email.to_uppercase(), "198.51.100.99").await;
    let detail = problem(r, StatusCode::TOO_MANY_REQUESTS).await;
    assert!(detail.contains("this account"), "{detail}");
    // Other accounts are not held up.
    let r = guess_via(&app, "someone.else@example.org", "198.51.100.100").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_account_changes_its_name_password_and_address_with_what_each_needs() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let comment = app
        .comment(OPEN, "retention", &ana, "Keep footage 90 days.")
        .await;

    // The name shown with her comments, past ones too.
    let renamed = app
        .patch(
            "/account",
            Some(&ana),
            &json!({"display_name": "Ana María"}),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let session: Value = renamed.json().await.unwrap();
    assert_eq!(session["account"]["display_name"], "Ana María");
    let shown = retention_comment(&app, &comment).await;
    assert_eq!(shown["author"], "Ana María");
    let detail = problem(
        app.patch(
            "/account",
            Some(&ana),
            &json!({"display_name": "Joy Sutton"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(detail.contains("staff"), "{detail}");

    // The password: the current one is asked for; other sessions end, this
    // one stays.
    let phone = app.sign_in(&ana.email, "correct horse battery").await;
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    let detail = problem(
        app.put(
            "/account/password",
            Some(&ana),
            &change("wrong guess", "a new long passphrase"),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(detail.contains("not your current password"), "{detail}");
    problem(
        app.put(
            "/account/password",
            Some(&ana),
            &change("correct horse battery", "short"),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let changed = app
        .put(
            "/account/password",
            Some(&ana),
            &change("correct horse battery", "a new long passphrase"),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let on_phone: Value = app.get_json("/session", Some(&phone)).await;
    assert!(on_phone["account"].is_null(), "the other session ended");
    let here: Value = app.get_json("/session", Some(&ana)).await;
    assert_eq!(here["account"]["email"], ana.email.as_str());
    problem(
        app.post(
            "/session",
            None,
            &json!({"email": ana.email, "password": "correct horse battery"}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    app.sign_in(&ana.email, "a new long passphrase").await;

    // The address: confirmed again, and never one another account has.
    let bea = app.register("Bea").await;
    let email = |to: &str| json!({"email": to, "current_password": "a new long passphrase"});
    let detail = problem(
        app.put("/account/email", Some(&ana), &email(&bea.email))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(detail.contains("Another account"), "{detail}");
    problem(
        app.put(
            "/account/email",
            Some(&ana),
            &json!({"email": "ana.new@example.org", "current_password": "nope"}),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    problem(
        app.put("/account/email", Some(&ana), &email("not an address"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let subscribed = app
        .post(
            &format!("/topics/{OPEN}/subscriptions"),
            Some(&ana),
            &json!({}),
        )
        .await;
    assert!(subscribed.status().is_success(), "{}", subscribed.status());
    let moved = app
        .put("/account/email", Some(&ana), &email("Ana.New@Example.org"))
        .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let session: Value = moved.json().await.unwrap();
    assert_eq!(session["account"]["email"], "ana.new@example.org");
    assert_eq!(session["account"]["email_verified"], false);
    let following: Value = app.get_json("/account/subscriptions", Some(&ana)).await;
    assert_eq!(following["subscriptions"].as_array().unwrap().len(), 1);
    app.sign_in("ana.new@example.org", "a new long passphrase")
        .await;
    // The old address is free again.
    let old = app
        .post(
            "/accounts",
            None,
            &json!({"email": ana.email, "display_name": "Someone", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(old.status(), StatusCode::CREATED);
    // Nobody signed out can change anything.
    problem(
        app.patch("/account", None, &json!({"display_name": "X"}))
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn a_deleted_account_is_erased_its_comments_kept_or_withdrawn_as_chosen() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let report = format!("/topics/{OPEN}/report.json");
    let ballots = |r: &Value| r["participation"]["ballots"].as_i64().unwrap();
    let before: Value = app.get_json(&report, Some(&host)).await;

    let ana = app.register("Ana").await;
    let kept = app
        .comment(OPEN, "retention", &ana, "Keep footage 90 days.")
        .await;
    let poll = app.poll_of(OPEN, 0).await;
    let option = poll["options"][0]["id"].as_i64().unwrap();
    let voted = app
        .put(
            &format!("/polls/{}/ballot", poll["id"]),
            Some(&ana),
            &json!({"options": [option]}),
        )
        .await;
    assert_eq!(voted.status(), StatusCode::OK);
    let delete =
        |password: &str, comments: &str| json!({"password": password, "comments": comments});
    let detail = problem(
        app.send(
            reqwest::Method::DELETE,
            "/account",
            Some(&ana),
            Some(&delete("wrong", "keep")),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(detail.contains("not your current password"), "{detail}");
    problem(
        app.send(
            reqwest::Method::DELETE,
            "/account",
            Some(&ana),
            Some(&json!({"password": "correct horse battery", "comments": "shred"})),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let gone = app
        .send(
            reqwest::Method::DELETE,
            "/account",
            Some(&ana),
            Some(&delete("correct horse battery", "keep")),
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    let session: Value = app.get_json("/session", Some(&ana)).await;
    assert!(session["account"].is_null(), "signed out");
    problem(
        app.post(
            "/session",
            None,
            &json!({"email": ana.email, "password": "correct horse battery"}),
        )
        .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let shown = retention_comment(&app, &kept).await;
    assert_eq!(shown["author"], "", "shown as a former participant");
    assert_eq!(shown["body"], "Keep footage 90 days.");
    let after: Value = app.get_json(&report, Some(&host)).await;
    assert_eq!(
        ballots(&after),
        ballots(&before) + 1,
        "the ballot stays counted"
    );
    let csv = app
        .get(&format!("/topics/{OPEN}/report.csv"), Some(&host))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Former participant"), "{csv}");
    assert!(!csv.contains(&ana.email));
    // The address can register again, as a new account.
    let again = app
        .post(
            "/accounts",
            None,
            &json!({"email": ana.email, "display_name": "Ana", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CREATED);

    // Withdrawn: the text is gone from the page.
    let bea = app.register("Bea").await;
    let withdrawn = app
        .comment(OPEN, "retention", &bea, "Delete it all after a week.")
        .await;
    let gone = app
        .send(
            reqwest::Method::DELETE,
            "/account",
            Some(&bea),
            Some(&delete("correct horse battery", "withdraw")),
        )
        .await;
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    let shown = retention_comment(&app, &withdrawn).await;
    assert_eq!(shown["withdrawn"], true);
    assert_eq!(shown["body"], "");
    // Erased, not only hidden: the host's record of earlier versions has
    // nothing of it either.
    let versions: Value = app
        .get_json(
            &format!("/comments/{}/versions", withdrawn["id"]),
            Some(&host),
        )
        .await;
    assert!(
        !versions.to_string().contains("Delete it all"),
        "{versions}"
    );
}

#[tokio::test]
async fn my_activity_lists_my_comments_and_ballots_and_nobody_elses() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let bea = app.register("Bea").await;
    let first = app
        .comment(OPEN, "retention", &ana, "Keep footage 90 days.")
        .await;
    let reply = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&ana),
            &json!({"section": "retention", "body": "And audit it.", "parent_id": first["id"]}),
        )
        .await;
    assert_eq!(reply.status(), StatusCode::CREATED);
    app.comment(OPEN, "retention", &bea, "Not mine to list.")
        .await;
    let poll = app.poll_of(OPEN, 0).await;
    let option = &poll["options"][1];
    let voted = app
        .put(
            &format!("/polls/{}/ballot", poll["id"]),
            Some(&ana),
            &json!({"options": [option["id"]]}),
        )
        .await;
    assert_eq!(voted.status(), StatusCode::OK);

    let mine: Value = app.get_json("/account/activity", Some(&ana)).await;
    let comments = mine["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{mine}");
    assert_eq!(comments[0]["body"], "And audit it.", "newest first");
    assert_eq!(comments[0]["reply"], true);
    assert_eq!(comments[1]["topic_slug"], OPEN);
    assert_eq!(comments[1]["section"], "retention");
    let ballots = mine["ballots"].as_array().unwrap();
    assert_eq!(ballots.len(), 1);
    assert_eq!(ballots[0]["question"], poll["question"]);
    assert_eq!(ballots[0]["choices"], json!([option["label"]]));
    problem(
        app.get("/account/activity", None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

/// The comment `comment` as anyone reads it in the Retention thread.
async fn retention_comment(app: &TestApp, comment: &Value) -> Value {
    let list: Value = app
        .get_json(&format!("/topics/{OPEN}/comments?section=retention"), None)
        .await;
    list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == comment["id"])
        .cloned()
        .expect("the comment is in its thread")
}
