//! Attacks and careless clients (issue 7): each test here failed before its
//! fix. SECURITY.md names them beside the promises they check.

use crate::helpers::*;
use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

fn server_addr(app: &TestApp) -> SocketAddr {
    app.base.strip_prefix("http://").unwrap().parse().unwrap()
}

/// Opens a connection from `from` and sends half a request's headers.
async fn slow_client(server: SocketAddr, from: &str) -> Option<TcpStream> {
    let socket = TcpSocket::new_v4().ok()?;
    socket.bind(format!("{from}:0").parse().unwrap()).ok()?;
    let mut stream = socket.connect(server).await.ok()?;
    // Whether or not the server already closed it, the attacker holds it.
    let _ = stream
        .write_all(b"GET /api/v1/topics HTTP/1.1\r\nHost: pulse\r\nX-Slow: ")
        .await;
    Some(stream)
}

/// Whether the server has closed `stream` (within `wait`).
async fn closed(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(wait, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            // A 408 or similar before closing: read on to the end.
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test]
async fn a_slow_header_attack_from_one_address_leaves_room_for_everyone_else() {
    let app = spawn_tuned(|config| {
        config.connections.header_timeout = Duration::from_secs(3);
        config.connections.max_connections_per_address = 64;
    })
    .await;
    let server = server_addr(&app);
    let mut attack = Vec::new();
    for _ in 0..2_000 {
        if let Some(stream) = slow_client(server, "127.0.0.2").await {
            attack.push(stream);
        }
    }
    assert!(
        attack.len() >= 1_900,
        "the attacker opened {}",
        attack.len()
    );

    // A resident at another address is answered at once.
    let started = Instant::now();
    let answer = tokio::time::timeout(Duration::from_secs(1), app.get("/topics", None))
        .await
        .expect("answered within a second during the attack");
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(1));

    // The attacker holds no more than its share...
    let checks = attack
        .iter_mut()
        .map(|stream| closed(stream, Duration::from_millis(300)));
    let still_open = futures::future::join_all(checks)
        .await
        .into_iter()
        .filter(|closed| !closed)
        .count();
    assert!(still_open <= 64, "{still_open} slow connections held open");
    // ...and even those are cut at the header deadline.
    let checks = attack
        .iter_mut()
        .map(|stream| closed(stream, Duration::from_secs(6)));
    assert!(
        futures::future::join_all(checks)
            .await
            .into_iter()
            .all(|c| c),
        "a connection outlived the header deadline"
    );
}

/// Issue 24: from 40 addresses × 50 slow-header connections, a third of
/// the residents' requests waited for the header deadline. Near the bound,
/// the waiting connections of the addresses holding the most are shed.
#[tokio::test]
async fn slow_headers_from_many_addresses_are_shed_so_residents_get_in() {
    let app = spawn_tuned(|config| {
        // Long enough that the deadline is no help here.
        config.connections.header_timeout = Duration::from_secs(60);
        config.connections.max_connections = 200;
        config.connections.max_connections_per_address = 64;
    })
    .await;
    let server = server_addr(&app);
    let mut attack = Vec::new();
    for address in 2..42 {
        for _ in 0..50 {
            if let Some(stream) = slow_client(server, &format!("127.0.0.{address}")).await {
                attack.push(stream);
            }
        }
    }
    // The attack holds its connections (slow-header clients hold theirs
    // for as long as they are let).
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    // 50 residents, each on a connection of their own.
    let residents = (0..50).map(|_| async {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let started = Instant::now();
        let answer = tokio::time::timeout(
            Duration::from_secs(5),
            http.get(format!("http://{server}/api/v1/topics")).send(),
        )
        .await;
        (answer, started.elapsed())
    });
    let answers = futures::future::join_all(residents).await;
    let mut slowest = Duration::ZERO;
    for (answer, took) in answers {
        let answer = answer
            .expect("answered within 5 s")
            .expect("admitted, not refused");
        assert_eq!(answer.status(), StatusCode::OK);
        slowest = slowest.max(took);
    }
    assert!(slowest < Duration::from_secs(5), "{slowest:?}");
    // What was shed is counted.
    let metrics = app.site("/metrics", "identity").await.text().await.unwrap();
    let shed: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("pulse_connections_shed_total "))
        .expect("the shed count")
        .parse()
        .unwrap();
    assert!(shed >= 50.0, "{shed} shed");
    drop(attack);
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_at_the_deadline() {
    let app = spawn_tuned(|config| {
        config.connections.header_timeout = Duration::from_secs(1);
    })
    .await;
    let mut stream = TcpStream::connect(server_addr(&app)).await.unwrap();
    stream
        .write_all(b"GET /api/v1/topics HTTP/1.1\r\nHost: pulse\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 256];
    let n = stream.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    // Then silence: the connection is closed soon after the deadline.
    assert!(closed(&mut stream, Duration::from_secs(4)).await);
}

#[tokio::test]
async fn a_missing_asset_or_page_is_not_found_and_never_cached() {
    let dir = std::env::temp_dir().join(format!("pulse-assets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Pulse</title>",
    )
    .unwrap();
    std::fs::write(dir.join("host.html"), "<!doctype html><title>Pulse</title>").unwrap();
    std::fs::write(dir.join("assets/pulse-1234.js"), "export default 1;").unwrap();
    let app = spawn_with(fresh_database().await, Some(dir)).await;

    let missing = app
        .site("/assets/pulse-0000000000000000.wasm", "identity")
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()[CACHE_CONTROL], "no-cache");
    assert!(!missing.text().await.unwrap().contains("<title>"));

    let there = app.site("/assets/pulse-1234.js", "identity").await;
    assert_eq!(there.status(), StatusCode::OK);
    assert!(
        there.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );

    // A page of the app is the page; an address that is none is not found,
    // with the app's shell (which shows its not-found page), never cached.
    for page in [
        "/",
        "/sign-in",
        "/account",
        "/pages/privacy",
        "/topics/downtown-parking-study/report",
    ] {
        let response = app.site(page, "identity").await;
        assert_eq!(response.status(), StatusCode::OK, "{page}");
    }
    // A page of a topic there is not: the page, saying so, and its status.
    let no_topic = app.site("/topics/x/report", "identity").await;
    assert_eq!(no_topic.status(), StatusCode::NOT_FOUND);
    assert_eq!(no_topic.headers()[CACHE_CONTROL], "no-cache");
    for nowhere in [
        "/no-such-page",
        "/health",
        "/topics/a/b/c",
        "/account/nothing",
    ] {
        let response = app.site(nowhere, "identity").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{nowhere}");
        assert_eq!(response.headers()[CACHE_CONTROL], "no-cache");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("<title>Page not found · Pulse</title>")
        );
    }

    // No path of the site redirects, least of all off it.
    for path in ["//assets", "/assets", "//assets/", "/%2F%2Fevil.example"] {
        let response = app.site(path, "identity").await;
        assert!(
            !response.status().is_redirection(),
            "{path} answered {} to {:?}",
            response.status(),
            response.headers().get("location")
        );
    }
}

async fn who(app: &TestApp, cookie: &str) -> Value {
    let user = User {
        cookie: cookie.to_string(),
        email: String::new(),
    };
    let session: Value = app.get_json("/session", Some(&user)).await;
    session["account"].clone()
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

async fn sign_in_with(
    app: &TestApp,
    email: &str,
    password: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .http
        .post(app.url("/session"))
        .json(&json!({"email": email, "password": password}));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn signing_in_replaces_the_session_the_request_came_with() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let again = sign_in_with(&app, &ana.email, "correct horse battery", Some(&ana.cookie)).await;
    assert_eq!(again.status(), StatusCode::OK);
    let fresh = session_cookie(again.headers()).unwrap();
    assert_ne!(fresh, ana.cookie);
    assert_eq!(
        who(&app, &ana.cookie).await,
        Value::Null,
        "the planted token still works"
    );
    assert_eq!(who(&app, &fresh).await["email"], ana.email.as_str());
}

#[tokio::test]
async fn a_session_unused_for_the_idle_limit_ends_and_one_in_use_is_renewed() {
    let (app, url) = spawn_reachable(|_| {}).await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let now = pulse_server::clock::now().0;
    let day = 24 * 3600;
    // Ana's last use was 15 days ago (the limit is 14); Bo's two hours ago.
    run_sql(&url, &format!(
        "UPDATE sessions SET last_seen_at = {} WHERE account_id = (SELECT id FROM accounts WHERE email = '{}')",
        now - 15 * day, ana.email
    )).await;
    run_sql(&url, &format!(
        "UPDATE sessions SET last_seen_at = {} WHERE account_id = (SELECT id FROM accounts WHERE email = '{}')",
        now - 2 * 3600, bo.email
    )).await;
    assert_eq!(who(&app, &ana.cookie).await, Value::Null);
    assert_eq!(who(&app, &bo.cookie).await["email"], bo.email.as_str());
    // Bo's use renewed the session: 13 more idle days from now keep it alive.
    run_sql(&url, &format!(
        "UPDATE sessions SET created_at = created_at - {} WHERE account_id = (SELECT id FROM accounts WHERE email = '{}')",
        13 * day, bo.email
    )).await;
    assert_eq!(who(&app, &bo.cookie).await["email"], bo.email.as_str());
    // Past its absolute end, even a session in use ends.
    run_sql(&url, &format!(
        "UPDATE sessions SET expires_at = {} WHERE account_id = (SELECT id FROM accounts WHERE email = '{}')",
        now - 1, bo.email
    )).await;
    assert_eq!(who(&app, &bo.cookie).await, Value::Null);
}

/// A comment's session is read in its writer's batch, not before: it must
/// hear of an ended session what any request hears (there is no such
/// topic, then sign in, before what was sent is judged), and renew a stale
/// one as any request does.
#[tokio::test]
async fn a_comment_hears_of_its_session_what_any_request_hears() {
    let (app, url) = spawn_reachable(|_| {}).await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let cy = app.register("Cy").await;
    let now = pulse_server::clock::now().0;
    let day = 24 * 3600;
    let last_seen = |email: &str, at: i64| {
        format!(
            "UPDATE sessions SET last_seen_at = {at} WHERE account_id = (SELECT id FROM accounts WHERE email = '{email}')"
        )
    };
    // Ana's session ended unused 15 days ago; Bo's was last used two
    // hours ago; Cy signed out, and keeps sending the old cookie.
    run_sql(&url, &last_seen(&ana.email, now - 15 * day)).await;
    run_sql(&url, &last_seen(&bo.email, now - 2 * 3600)).await;
    let out = app
        .send::<()>(reqwest::Method::DELETE, "/session", Some(&cy), None)
        .await;
    assert!(out.status().is_success(), "{}", out.status());
    let comment = json!({"section": "general", "body": "Keep the footage a year."});
    for ended in [&ana, &cy] {
        let path = format!("/topics/{OPEN}/comments");
        problem(
            app.post(&path, Some(ended), &comment).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        // A body that would be refused is not judged for nobody.
        let empty = json!({"section": "general", "body": ""});
        problem(
            app.post(&path, Some(ended), &empty).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
        let missing = "/topics/no-such-topic/comments";
        problem(
            app.post(missing, Some(ended), &comment).await,
            StatusCode::NOT_FOUND,
        )
        .await;
        let closed = format!("/topics/{CLOSED}/comments");
        problem(
            app.post(&closed, Some(ended), &comment).await,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    // Bo's post is written as Bo's, and renews the session.
    let posted = app
        .comment(OPEN, "general", &bo, "Publish the audits.")
        .await;
    assert_eq!(posted["author"], "Bo");
    wait_for_count(
        &url,
        &format!(
            "SELECT COUNT(*) FROM sessions WHERE last_seen_at >= {now} AND account_id = (SELECT id FROM accounts WHERE email = '{}')",
            bo.email
        ),
        1,
    )
    .await;
    // Nothing was written for the others.
    let comments: Value = app
        .get_json(&format!("/topics/{OPEN}/comments?section=general"), None)
        .await;
    let authors: Vec<&str> = comments["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !is_demo(c))
        .filter_map(|c| c["author"].as_str())
        .collect();
    assert_eq!(authors, ["Bo"]);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let phone = app.sign_in(&ana.email, "correct horse battery").await;
    let bo = app.register("Bo").await;
    problem(
        app.delete("/account/sessions", None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let ended = app.delete("/account/sessions", Some(&ana)).await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    assert!(
        set_cookies(&ended)
            .iter()
            .any(|c| c.starts_with("pulse_session=;"))
    );
    assert_eq!(who(&app, &ana.cookie).await, Value::Null);
    assert_eq!(who(&app, &phone.cookie).await, Value::Null);
    assert_eq!(who(&app, &bo.cookie).await["email"], bo.email.as_str());
}

#[tokio::test]
async fn secure_cookies_carry_the_host_prefix() {
    let app = spawn_tuned(|c| c.secure_cookies = true).await;
    let response = app
        .post(
            "/accounts",
            None,
            &json!({"email": "ana@example.org", "display_name": "Ana", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookies = set_cookies(&response);
    let session = cookies
        .iter()
        .find(|c| c.starts_with("__Host-pulse_session="))
        .expect("a __Host- session cookie");
    assert!(
        session.contains("; Secure") && session.contains("Path=/") && !session.contains("Domain")
    );
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-pulse_device="))
    );
    let pair = cookie_pair(session);
    assert_eq!(who(&app, &pair).await["email"], "ana@example.org");
    let unprefixed = pair.replace("__Host-", "");
    assert_eq!(who(&app, &unprefixed).await, Value::Null);
}

#[tokio::test]
async fn strangers_guessing_from_many_addresses_never_lock_the_owner_out() {
    let app = spawn_tuned(|c| {
        c.limits.sign_ins_per_account = 3;
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let owner = app.register("Owner").await;
    // The owner's browser kept its device cookie from registering; the
    // session is over (signed out), the device is still trusted.
    let response = app
        .post(
            "/accounts",
            None,
            &json!({"email": "other@example.org", "display_name": "Other", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let device_of_other = set_cookies(&response)
        .into_iter()
        .find(|c| c.starts_with("pulse_device="))
        .map(|c| cookie_pair(&c))
        .unwrap();
    let owner_signed_in = sign_in_with(&app, &owner.email, "correct horse battery", None).await;
    let owner_device = set_cookies(&owner_signed_in)
        .into_iter()
        .find(|c| c.starts_with("pulse_device="))
        .map(|c| cookie_pair(&c))
        .expect("a device cookie on signing in");

    for n in 0..6 {
        let guess = app
            .http
            .post(app.url("/session"))
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .json(&json!({"email": owner.email, "password": format!("guess number {n}")}))
            .send()
            .await
            .unwrap();
        // The owner's own first sign-in, from a new browser, was one of 3.
        if n < 2 {
            assert_eq!(guess.status(), StatusCode::UNAUTHORIZED);
        } else {
            assert_eq!(guess.status(), StatusCode::TOO_MANY_REQUESTS);
            assert!(guess.headers().contains_key("retry-after"));
        }
    }
    // A browser the owner never used is held back with the strangers...
    let unknown = sign_in_with(&app, &owner.email, "correct horse battery", None).await;
    assert_eq!(unknown.status(), StatusCode::TOO_MANY_REQUESTS);
    // ...and so is a device trusted by another account...
    let other = sign_in_with(
        &app,
        &owner.email,
        "correct horse battery",
        Some(&device_of_other),
    )
    .await;
    assert_eq!(other.status(), StatusCode::TOO_MANY_REQUESTS);
    // ...but the owner's own browser signs in.
    let mine = sign_in_with(
        &app,
        &owner.email,
        "correct horse battery",
        Some(&owner_device),
    )
    .await;
    assert_eq!(mine.status(), StatusCode::OK);
}

#[tokio::test]
async fn registrations_are_limited_per_address_with_a_time_to_come_back() {
    let app = spawn_tuned(|c| c.limits.registrations_per_address = 2).await;
    let register = |n: usize| {
        app.http
            .post(app.url("/accounts"))
            .json(&json!({"email": format!("r{n}@example.org"), "display_name": format!("R {n}"), "password": "correct horse battery"}))
            .send()
    };
    assert_eq!(register(1).await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(register(2).await.unwrap().status(), StatusCode::CREATED);
    let third = register(3).await.unwrap();
    let retry: u64 = third.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 60 && retry <= 3600, "{retry}");
    problem(third, StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn probing_addresses_by_registering_counts_against_the_same_limit() {
    let app = spawn_tuned(|c| c.limits.registrations_per_address = 3).await;
    let known = app.register("Known").await;
    let probe = || {
        app.http
            .post(app.url("/accounts"))
            .json(&json!({"email": known.email, "display_name": "Prober", "password": "correct horse battery"}))
            .send()
    };
    // The `409` says an address has an account; each try counts, so a
    // list of addresses cannot be checked this way faster than accounts
    // can be made.
    problem(probe().await.unwrap(), StatusCode::CONFLICT).await;
    problem(probe().await.unwrap(), StatusCode::CONFLICT).await;
    problem(probe().await.unwrap(), StatusCode::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn ipv6_addresses_are_limited_by_their_64() {
    let app = spawn_tuned(|c| {
        c.limits.sign_ins_per_address = 2;
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let guess = |from: &'static str| {
        app.http
            .post(app.url("/session"))
            .header("x-forwarded-for", from)
            .json(&json!({"email": "x@example.org", "password": "guess guess"}))
            .send()
    };
    assert_eq!(
        guess("2001:db8:1:2::1").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        guess("2001:db8:1:2::2").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let third = guess("2001:db8:1:2:ffff::3").await.unwrap();
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(
        guess("2001:db8:1:3::1").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_topic_can_require_a_confirmed_email_to_take_part() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let ana = app.register("Ana").await;
    let changed = app
        .patch(
            &format!("/topics/{OPEN}"),
            Some(&admin),
            &json!({"require_verified_email": true}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let topic: Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(topic["require_verified_email"], true);
    let comment = app
        .post(
            &format!("/topics/{OPEN}/comments"),
            Some(&ana),
            &json!({"section": SECTION_3, "body": "hello"}),
        )
        .await;
    let detail = problem(comment, StatusCode::FORBIDDEN).await;
    assert!(
        detail.contains("Confirm your email address to take part"),
        "{detail}"
    );
    let poll = app.poll_of(OPEN, 0).await;
    let option = poll["options"][0]["id"].clone();
    let ballot = app
        .put(
            &format!("/polls/{}/ballot", poll["id"]),
            Some(&ana),
            &json!({"options": [option]}),
        )
        .await;
    problem(ballot, StatusCode::FORBIDDEN).await;
    // The host still answers.
    let host = app.demo_host().await;
    app.comment(OPEN, SECTION_3, &host, "Thanks, all.").await;
}

#[tokio::test]
async fn sqlite_syncs_every_commit() {
    let url = fresh_database().await;
    if !url.starts_with("sqlite:") {
        return; // PostgreSQL syncs its log on commit by default.
    }
    let db = pulse_server::db::Db::connect(&url).await.unwrap();
    let mut conn = db.read().await.unwrap();
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(synchronous, 2, "synchronous = FULL");
}

async fn register_as(app: &TestApp, email: &str, name: &str) -> reqwest::Response {
    app.post(
        "/accounts",
        None,
        &json!({"email": email, "display_name": name, "password": "correct horse battery"}),
    )
    .await
}

#[tokio::test]
async fn nobody_can_pose_as_the_host_or_hide_in_a_name() {
    let app = spawn_app().await;
    for (n, name) in [
        "Joy Sutton (Topic Host, City of Shakopee)",
        "Joy Sutton",
        "J0y Sutt0n",
        "Jоy Sutton",
        "Ana\u{202e}nimda",
        "\u{200b}\u{200b}\u{200b}",
        "\u{3164}",
        "City of Shakopee",
    ]
    .into_iter()
    .enumerate()
    {
        let response = register_as(&app, &format!("pose{n}@example.org"), name).await;
        problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let detail = problem(
        register_as(&app, "joy@example.org", "Joy  Sutton").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(detail.contains("city's staff"), "{detail}");
    let ok = register_as(&app, "ana@example.org", "  Ana   María ").await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    let body: Value = ok.json().await.unwrap();
    assert_eq!(body["account"]["display_name"], "Ana María");
}

#[tokio::test]
async fn staff_comments_carry_a_mark_from_their_role_never_from_their_name() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let admin = app.demo_admin().await;
    let ana = app.register("Ana").await;
    let by_host = app.comment(OPEN, SECTION_3, &host, "From the host.").await;
    let by_admin = app.comment(OPEN, SECTION_3, &admin, "From the city.").await;
    let by_ana = app.comment(OPEN, SECTION_3, &ana, "From a resident.").await;
    assert_eq!(by_host["staff"], "topic_host");
    assert_eq!(by_admin["staff"], "city_staff");
    assert_eq!(by_ana["staff"], Value::Null);
    let list: Value = app
        .get_json(
            &format!("/topics/{OPEN}/comments?section={SECTION_3}"),
            None,
        )
        .await;
    let marks: Vec<&Value> = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["staff"])
        .collect();
    assert_eq!(
        marks,
        [&json!("topic_host"), &json!("city_staff"), &Value::Null]
    );
}

#[tokio::test]
async fn staff_ballots_are_counted_apart_from_their_role_and_the_report_marks_staff() {
    let app = spawn_app().await;
    let host = app.demo_host().await;
    let admin = app.demo_admin().await;
    let ana = app.register("Ana").await;
    let poll = app.poll_of(OPEN, 0).await;
    let first = poll["options"][0]["id"].clone();
    let path = format!("/polls/{}/ballot", poll["id"]);
    for user in [&host, &admin, &ana] {
        let voted = app
            .put(&path, Some(user), &json!({"options": [first]}))
            .await;
        assert_eq!(voted.status(), StatusCode::OK);
    }
    // Results show once one has voted.
    let as_host: Value = app
        .get_json(&format!("/topics/{OPEN}/polls"), Some(&host))
        .await;
    let mine = &as_host["polls"][0];
    assert_eq!(mine["ballots"], 3);
    assert_eq!(mine["staff_ballots"], 2);

    app.comment(OPEN, SECTION_3, &host, "From the host.").await;
    app.comment(OPEN, SECTION_3, &ana, "From a resident.").await;
    let report: Value = app
        .get_json(&format!("/topics/{OPEN}/report.json"), Some(&host))
        .await;
    assert_eq!(report["polls"][0]["ballots"], 3);
    assert_eq!(report["polls"][0]["staff_ballots"], 2);
    let marks: Vec<&Value> = report["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"] == "From the host." || c["body"] == "From a resident.")
        .map(|c| &c["staff"])
        .collect();
    assert_eq!(marks, [&json!("topic_host"), &Value::Null]);
    let csv = app
        .get(&format!("/topics/{OPEN}/report.csv"), Some(&host))
        .await
        .text()
        .await
        .unwrap();
    let host_row = csv.lines().find(|l| l.contains("From the host.")).unwrap();
    assert!(
        host_row.contains("\"City staff · Topic host\""),
        "{host_row}"
    );
}

#[tokio::test]
async fn an_email_is_one_account_in_every_unicode_form() {
    let app = spawn_app().await;
    let first = register_as(&app, "jos\u{e9}@example.org", "José").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    for same in [
        "jose\u{301}@example.org",
        "JOS\u{c9}@EXAMPLE.ORG",
        "ｊｏｓ\u{e9}@ｅｘａｍｐｌｅ.ｏｒｇ",
    ] {
        problem(
            register_as(&app, same, "Another José").await,
            StatusCode::CONFLICT,
        )
        .await;
    }
    let signed_in = sign_in_with(
        &app,
        "jose\u{301}@example.org",
        "correct horse battery",
        None,
    )
    .await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    problem(
        register_as(&app, "jo\u{200b}se@example.org", "Hidden").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

#[tokio::test]
async fn a_comment_must_show_something() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    for body in [
        "\u{200b}\u{200b}\u{200b}",
        "\u{2060}\u{feff} \u{200d}",
        "\u{3164}",
    ] {
        let response = app
            .post(
                &format!("/topics/{OPEN}/comments"),
                Some(&ana),
                &json!({"section": SECTION_3, "body": body}),
            )
            .await;
        problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
}

#[tokio::test]
async fn no_answer_shows_a_residents_email_to_anyone_else() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let host = app.demo_host().await;
    let comment = app.comment(OPEN, SECTION_3, &ana, "Mine.").await;
    app.post(
        &format!("/comments/{}/flags", comment["id"]),
        Some(&bo),
        &json!({"reason": "Testing the record"}),
    )
    .await;
    for (path, reader) in [
        (format!("/topics/{OPEN}"), None),
        (format!("/topics/{OPEN}/comments"), None),
        (format!("/topics/{OPEN}/comments"), Some(&bo)),
        (format!("/topics/{OPEN}/polls"), Some(&bo)),
        (format!("/topics/{OPEN}/moderation"), Some(&host)),
        (format!("/topics/{OPEN}/report.json"), Some(&host)),
        (format!("/topics/{OPEN}/report.csv"), Some(&host)),
        ("/topics".to_string(), None),
    ] {
        let body = app.get(&path, reader).await.text().await.unwrap();
        assert!(!body.contains(&ana.email), "{path} shows Ana's email");
    }
}
