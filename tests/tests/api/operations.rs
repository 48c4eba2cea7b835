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

#[tokio::test]
async fn readyz_is_503_while_the_database_refuses_connections() {
    if !pulse_tests::databases::on_postgres() {
        // A SQLite file cannot be stopped under a running server; the
        // PostgreSQL run of the suite checks this.
        return;
    }
    let app = spawn_app().await;
    assert_eq!(ready(&app).await.0, StatusCode::OK);
    let name = app.database.rsplit('/').next().unwrap().to_string();
    let admin = pulse_tests::databases::postgres_admin_url();
    run_sql(
        &admin,
        &format!("ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false"),
    )
    .await;
    run_sql(
        &admin,
        &format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ),
    )
    .await;
    let (status, said) = ready(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{said}");
    assert_ne!(said["database"], "ok", "{said}");
    assert_eq!(
        app.site("/healthz", "identity").await.status(),
        StatusCode::OK
    );
    // Back, and ready again.
    run_sql(
        &admin,
        &format!("ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true"),
    )
    .await;
    for _ in 0..100 {
        if ready(&app).await.0 == StatusCode::OK {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("not ready again once the database took connections");
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
