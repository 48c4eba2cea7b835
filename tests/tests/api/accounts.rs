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
