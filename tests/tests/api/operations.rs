//! Running Pulse as a city's IT would (issue 24): health and readiness for
//! a load balancer, and answers about one person kept by no cache.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn ready(app: &TestApp) -> (StatusCode, Value) {
    let answer = app.site("/readyz", "identity").await;
    let status = answer.status();
    assert_eq!(answer.headers()["cache-control"], "no-store");
    (status, answer.json().await.unwrap())
}

#[tokio::test]
async fn healthz_answers_and_readyz_names_what_is_not_ready() {
    let app = spawn_app().await;
    let health = app.site("/healthz", "identity").await;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.headers()["cache-control"], "no-store");
    assert_eq!(health.text().await.unwrap(), "ok\n");

    let (status, said) = ready(&app).await;
    assert_eq!(status, StatusCode::OK, "{said}");
    assert_eq!(said["ready"], true);
    for check in ["database", "migrations", "writer", "mail"] {
        assert_eq!(said[check], "ok", "{check}: {said}");
    }

    // A migration this Pulse knows, not applied: not ready until it is.
    run_sql(
        &app.database,
        "DELETE FROM pulse_migrations WHERE version = (SELECT MAX(version) FROM pulse_migrations)",
    )
    .await;
    let (status, said) = ready(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{said}");
    assert_eq!(said["ready"], false);
    assert_eq!(said["database"], "ok");
    assert!(
        said["migrations"]
            .as_str()
            .unwrap()
            .starts_with("migrations pending: "),
        "{said}"
    );
    // The process still answers.
    assert_eq!(
        app.site("/healthz", "identity").await.status(),
        StatusCode::OK
    );
}

/// Has the server's PostgreSQL database take connections again, or refuse
/// them and end the ones it has (as a database stopped under a running
/// server would).
async fn take_connections(app: &TestApp, take: bool) {
    let name = app.database.rsplit('/').next().unwrap().to_string();
    let admin = pulse_tests::databases::postgres_admin_url();
    run_sql(
        &admin,
        &format!("ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS {take}"),
    )
    .await;
    if !take {
        run_sql(
            &admin,
            &format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            ),
        )
        .await;
    }
}

#[tokio::test]
async fn readyz_is_503_while_the_database_refuses_connections() {
    if !pulse_tests::databases::on_postgres() {
        // A SQLite file cannot be stopped under a running server; the
        // PostgreSQL run of the suite checks this.
        return;
    }
    let app = spawn_app().await;
    assert_eq!(ready(&app).await.0, StatusCode::OK);
    take_connections(&app, false).await;
    let (status, said) = ready(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{said}");
    assert_ne!(said["database"], "ok", "{said}");
    assert_eq!(
        app.site("/healthz", "identity").await.status(),
        StatusCode::OK
    );
    // Back, and ready again.
    take_connections(&app, true).await;
    for _ in 0..100 {
        if ready(&app).await.0 == StatusCode::OK {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("not ready again once the database took connections");
}

/// Comments on the open topic whose text is `body`.
async fn comments_saying(app: &TestApp, body: &str) -> usize {
    let page: Value = app
        .get_json(&format!("/topics/{OPEN}/comments"), None)
        .await;
    page["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"].as_str().is_some_and(|b| b.contains(body)))
        .count()
}

#[tokio::test]
async fn a_comment_held_up_by_a_lock_is_told_to_try_again() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    // Another process holds a lock the comment needs, past the 10 s a
    // statement waits for one (an operator's `sqlite3` or `psql` left in a
    // transaction, say): SQLite's write lock, or PostgreSQL's on the
    // comments table, which lets reading go on.
    let other = pulse_server::db::Db::connect(&app.database).await.unwrap();
    let mut held = other.write().await.unwrap();
    if pulse_tests::databases::on_postgres() {
        sqlx::Executor::execute(&mut *held, "LOCK TABLE comments IN EXCLUSIVE MODE")
            .await
            .unwrap();
    }
    let body = serde_json::json!({"section": SECTION_3, "body": "Sent while a lock is held."});
    let refused = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        app.post(&format!("/topics/{OPEN}/comments"), Some(&ana), &body),
    )
    .await
    .expect("an answer within 30 s, however long the lock is held");
    assert_eq!(refused.headers()["retry-after"], "2");
    let detail = problem(refused, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(detail.contains("try again"), "{detail}");
    // Reading goes on meanwhile.
    assert_eq!(
        app.get(&format!("/topics/{OPEN}"), None).await.status(),
        StatusCode::OK
    );
    drop(held);
    assert_eq!(comments_saying(&app, "a lock is held").await, 0);
    // Sent again, it is taken, once.
    app.comment(OPEN, SECTION_3, &ana, "Sent while a lock is held.")
        .await;
    assert_eq!(comments_saying(&app, "a lock is held").await, 1);
}

#[tokio::test]
async fn requests_while_the_database_refuses_connections_are_told_to_try_again() {
    if !pulse_tests::databases::on_postgres() {
        // A SQLite file cannot be stopped under a running server.
        return;
    }
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    take_connections(&app, false).await;
    let body =
        serde_json::json!({"section": SECTION_3, "body": "Sent while the database is away."});
    let refused = app
        .post(&format!("/topics/{OPEN}/comments"), Some(&ana), &body)
        .await;
    assert_eq!(refused.headers()["retry-after"], "2");
    problem(refused, StatusCode::SERVICE_UNAVAILABLE).await;
    let read = app.get(&format!("/topics/{OPEN}"), None).await;
    problem(read, StatusCode::SERVICE_UNAVAILABLE).await;
    take_connections(&app, true).await;
    // Back: the comment sent again is taken, once.
    for _ in 0..100 {
        let again = app
            .post(&format!("/topics/{OPEN}/comments"), Some(&ana), &body)
            .await;
        if again.status() == StatusCode::CREATED {
            assert_eq!(comments_saying(&app, "database is away").await, 1);
            return;
        }
        problem(again, StatusCode::SERVICE_UNAVAILABLE).await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("comments were not taken once the database took connections");
}

#[tokio::test]
async fn answers_about_one_person_are_kept_by_no_cache() {
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    let no_store = |r: &reqwest::Response| {
        r.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_string())
    };
    for (path, user) in [
        ("/session", None),
        ("/session", Some(&ana)),
        ("/account", Some(&ana)),
        ("/account", None),
        ("/account/activity", Some(&ana)),
        ("/account/subscriptions", Some(&ana)),
        // Their own comments marked as theirs, their reactions.
        (
            "/topics/body-worn-cameras/comments?section=purpose",
            Some(&ana),
        ),
    ] {
        let answer = app.get(path, user).await;
        assert_eq!(
            no_store(&answer).as_deref(),
            Some("private, no-store"),
            "{path} as {:?}",
            user.map(|u| &u.email)
        );
    }
    // What is the same for every reader is kept, and revalidated.
    for user in [None, Some(&ana)] {
        let public = app.get("/topics/body-worn-cameras", user).await;
        assert_eq!(no_store(&public).as_deref(), Some("no-cache"));
    }
}

#[tokio::test]
async fn a_reset_or_a_subscription_by_address_is_answered_before_its_work() {
    if !pulse_tests::databases::on_postgres() {
        // SQLite has one writer at a time: a lock held there holds the
        // answer's own count too. The PostgreSQL run checks this.
        return;
    }
    let app = spawn_app().await;
    let ana = app.register("Ana").await;
    // What a known address and an unknown one would make differently —
    // a mailed link — cannot be written while this is held: the answers
    // come all the same, known or not, the work after.
    let db = pulse_server::db::Db::connect(&app.database).await.unwrap();
    let mut held = db.write().await.unwrap();
    sqlx::Executor::execute(
        &mut *held,
        "LOCK TABLE email_tokens IN ACCESS EXCLUSIVE MODE",
    )
    .await
    .unwrap();
    let subscribe = "/topics/body-worn-cameras/subscriptions";
    for (path, email) in [
        ("/password-reset", ana.email.as_str()),
        ("/password-reset", "nobody@example.org"),
        (subscribe, ana.email.as_str()),
        (subscribe, "nobody@example.org"),
    ] {
        let answer = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            app.post(path, None, &serde_json::json!({"email": email})),
        )
        .await
        .unwrap_or_else(|_| panic!("{path} for {email} waited for its work"));
        assert_eq!(answer.status(), StatusCode::ACCEPTED, "{path} {email}");
    }
    held.commit().await.unwrap();
    // The work done after: a reset link for the account, a confirmation
    // link for each address.
    wait_for_count(
        &app.database,
        "SELECT COUNT(*) FROM email_tokens WHERE purpose = 'reset'",
        1,
    )
    .await;
    wait_for_count(
        &app.database,
        "SELECT COUNT(*) FROM email_tokens WHERE purpose = 'subscribe'",
        2,
    )
    .await;
}

/// The value of the series that begins `series` (name and labels), or
/// `None` when it is not there.
fn series(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.parse().expect("a number"))
}

async fn metrics(app: &TestApp) -> String {
    let answer = app.site("/metrics", "identity").await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(
        answer.headers()["content-type"],
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    );
    assert_eq!(answer.headers()["cache-control"], "no-store");
    let text = answer.text().await.unwrap();
    assert!(text.ends_with("# EOF\n"), "{text}");
    text
}

#[tokio::test]
async fn metrics_count_requests_by_route_template_on_this_machine_only() {
    let app = spawn_tuned(|c| c.limits.sign_ins_per_address = 1).await;
    let resident = app.register("Metric Reader").await;
    app.comment(
        "body-worn-cameras",
        "purpose",
        &resident,
        "Counted, not named.",
    )
    .await;
    for slug in ["no-such-topic", "nor-this-one"] {
        assert_eq!(
            app.get(&format!("/topics/{slug}"), None).await.status(),
            StatusCode::NOT_FOUND
        );
    }
    for _ in 0..2 {
        app.post(
            "/session",
            None,
            &serde_json::json!({"email": "nobody@example.org", "password": "not-this-one"}),
        )
        .await;
    }
    let text = metrics(&app).await;
    // By the route's template, not the address asked for.
    assert_eq!(
        series(
            &text,
            "pulse_http_requests_total{method=\"GET\",route=\"/api/v1/topics/{slug}\",status=\"404\"}"
        ),
        Some(2.0),
        "{text}"
    );
    assert!(!text.contains("no-such-topic"), "{text}");
    assert_eq!(
        series(
            &text,
            "pulse_http_requests_total{method=\"POST\",route=\"/api/v1/topics/{slug}/comments\",status=\"201\"}"
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        series(
            &text,
            "pulse_rate_limit_refusals_total{method=\"POST\",route=\"/api/v1/session\"}"
        ),
        Some(1.0),
        "{text}"
    );
    assert!(
        series(
            &text,
            "pulse_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/topics/{slug}\"}"
        ) == Some(2.0),
        "{text}"
    );
    // The comment went through the writer, in a batch, committed.
    assert!(
        series(&text, "pulse_writer_batch_size_count").unwrap() >= 1.0,
        "{text}"
    );
    assert!(
        series(&text, "pulse_writer_commit_seconds_count").unwrap() >= 1.0,
        "{text}"
    );
    assert!(series(&text, "pulse_db_wait_seconds_count{kind=\"write\"}").unwrap() >= 1.0);
    assert!(
        series(&text, "pulse_db_connections_max").unwrap() >= 1.0,
        "{text}"
    );
    assert!(
        series(&text, "pulse_db_connections{kind=\"idle\"}").is_some(),
        "{text}"
    );
    assert!(
        series(&text, "pulse_outbox_messages{kind=\"due\"}").is_some(),
        "{text}"
    );
    assert!(
        series(&text, "pulse_outbox_oldest_due_age_seconds").is_some(),
        "{text}"
    );
    for kind in ["sent", "failed", "retried"] {
        assert!(
            series(
                &text,
                &format!("pulse_mail_messages_total{{kind=\"{kind}\"}}")
            )
            .is_some(),
            "{kind}: {text}"
        );
    }
    assert!(series(&text, "pulse_cache_lookups_total{kind=\"miss\"}").unwrap() >= 1.0);
    // This scrape is in flight; its connection is open.
    assert!(
        series(&text, "pulse_http_requests_in_flight").unwrap() >= 1.0,
        "{text}"
    );
    assert!(
        series(&text, "pulse_connections_open").unwrap() >= 1.0,
        "{text}"
    );
    assert!(series(&text, "pulse_slow_client_disconnects_total").is_some());
    assert!(series(&text, "pulse_connections_refused_total").is_some());

    // Passed on by a proxy (even one on this machine): no such address.
    for (name, value) in [
        ("x-forwarded-for", "203.0.113.9"),
        ("forwarded", "for=203.0.113.9"),
    ] {
        let answer = app
            .http
            .get(format!("{}/metrics", app.base))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{name}");
        let said = problem(answer, StatusCode::NOT_FOUND).await;
        assert!(!said.contains("pulse_"), "{said}");
    }
}

#[tokio::test]
async fn metrics_on_their_own_address_are_not_answered_on_the_main_one() {
    let mut config = pulse_server::Config::new(fresh_database().await);
    config.bind = "127.0.0.1:0".into();
    config.metrics_bind = Some("127.0.0.1:0".into());
    config.mail.outbox_dir =
        std::env::temp_dir().join(format!("pulse-test-outbox-metrics-{}", std::process::id()));
    let server = pulse_server::startup::build(config).await.unwrap();
    let main = server.local_addr().unwrap();
    let own = server.metrics_addr().expect("the metrics address");
    tokio::spawn(server.run(std::future::pending()));
    let http = reqwest::Client::new();
    let here = http
        .get(format!("http://{main}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(here.status(), StatusCode::NOT_FOUND);
    let there = http
        .get(format!("http://{own}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(there.status(), StatusCode::OK);
    let text = there.text().await.unwrap();
    assert_eq!(
        series(
            &text,
            "pulse_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"404\"}"
        ),
        Some(1.0),
        "{text}"
    );
    // Only /metrics there.
    let other = http
        .get(format!("http://{own}/api/v1/topics"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_answer_carries_its_request_id() {
    let app = spawn_app().await;
    let made = app.get("/topics", None).await;
    let id = made.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 16, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    let next = app.get("/topics", None).await;
    assert_ne!(next.headers()["x-request-id"], id.as_str());
    // A proxy's id is kept; one that could forge a log line is not.
    for (sent, kept) in [("nginx-0f3e9c2a7b", true), ("a\"b", false), ("", false)] {
        let answer = app
            .http
            .get(app.url("/topics"))
            .header("x-request-id", sent)
            .send()
            .await
            .unwrap();
        let back = answer.headers()["x-request-id"].to_str().unwrap();
        assert_eq!(back == sent, kept, "{sent:?} → {back:?}");
        assert!(!back.is_empty());
    }
    // Problems carry it too.
    let missing = app.get("/topics/no-such-topic", None).await;
    assert!(missing.headers().contains_key("x-request-id"));
}
