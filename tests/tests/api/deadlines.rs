//! Topics of the tests' own making. The server's clock decides, to the
//! second. These tests put a topic into the database themselves (there is
//! no API to create topics yet) and then speak to the server over HTTP only.

use crate::helpers::*;
use pulse_api::wire::{HostCard, PollKind, ResultsRule};
use pulse_api::{Timestamp, sections};
use pulse_server::db::{self, Db};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Acquire;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Adds a topic open from `opens_at` to `closes_at` with one section and a
/// poll; returns the poll's id.
async fn add_topic(database_url: &str, slug: &str, opens_at: i64, closes_at: i64) -> i64 {
    let db = Db::connect(database_url).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let host = HostCard {
        name: "Test Host".into(),
        role: "Clerk".into(),
        phone: None,
        email: None,
    };
    let id = db::topics::insert(
        &mut tx,
        &db::topics::NewTopic {
            slug,
            title: "A short window",
            summary: "Open for seconds.",
            opens_at: Timestamp(opens_at),
            closes_at: Timestamp(closes_at),
            time_zone: "America/Chicago",
            results_rule: ResultsRule::Always,
            host: &host,
            require_verified_email: false,
            published: true,
            created_at: Timestamp(now()),
        },
    )
    .await
    .unwrap();
    let draft = "## Only section\n\nSome text.\n";
    db::topics::insert_version(
        &mut tx,
        id,
        &db::topics::NewVersion {
            title: "Draft",
            markdown: draft,
            note: "",
            published_by: None,
        },
        &sections::split(draft),
        Timestamp(opens_at),
    )
    .await
    .unwrap();
    let poll = db::polls::insert(
        &mut tx,
        id,
        0,
        None,
        "Yes?",
        PollKind::Single,
        &["Yes", "No"],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    poll
}

async fn wait_until(second: i64) {
    while now() < second {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn nothing_gets_in_after_the_close() {
    let database = fresh_database().await;
    let app = spawn_with(database.clone(), None).await;
    let ana = app.register("Ana").await;
    let closes_at = now() + 2;
    let poll = add_topic(&database, "short-window", now() - 60, closes_at).await;
    let polls: Value = app.get_json("/topics/short-window/polls", None).await;
    let option = polls["polls"][0]["options"][0]["id"].clone();
    let ballot = format!("/polls/{poll}/ballot");

    let comment = json!({"section": "only-section", "body": "In time."});
    assert_eq!(
        app.post("/topics/short-window/comments", Some(&ana), &comment)
            .await
            .status(),
        StatusCode::CREATED
    );
    assert_eq!(
        app.put(&ballot, Some(&ana), &json!({"options": [option]}))
            .await
            .status(),
        StatusCode::OK
    );

    wait_until(closes_at).await;
    let topic: Value = app.get_json("/topics/short-window", None).await;
    assert_eq!(topic["status"], "closed");
    let late = json!({"section": "only-section", "body": "Too late."});
    let detail = problem(
        app.post("/topics/short-window/comments", Some(&ana), &late)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(
        detail.contains("The deadline to participate has passed"),
        "{detail}"
    );
    problem(
        app.put(&ballot, Some(&ana), &json!({"options": [option]}))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;

    let comments: Value = app.get_json("/topics/short-window/comments", None).await;
    assert_eq!(comments["comments"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn nothing_gets_in_before_the_open_and_everything_from_it() {
    let database = fresh_database().await;
    let app = spawn_with(database.clone(), None).await;
    let ana = app.register("Ana").await;
    let opens_at = now() + 2;
    add_topic(&database, "soon", opens_at, opens_at + 3600).await;
    let comment = json!({"section": "only-section", "body": "Early bird."});
    let detail = problem(
        app.post("/topics/soon/comments", Some(&ana), &comment)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(detail.contains("opens on"), "{detail}");

    wait_until(opens_at).await;
    assert_eq!(
        app.post("/topics/soon/comments", Some(&ana), &comment)
            .await
            .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn session_tokens_are_stored_only_as_hashes() {
    let database = fresh_database().await;
    let app = spawn_with(database.clone(), None).await;
    let ana = app.register("Ana").await;
    let token = ana.cookie.trim_start_matches("pulse_session=").to_string();
    assert_eq!(token.len(), 64, "256 random bits, hex");
    let db = Db::connect(&database).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert_eq!(stored[0], pulse_server::session::hash_token(&token));
    let hashes: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM accounts")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    assert!(hashes[0].starts_with("$argon2id$"), "{}", hashes[0]);
}

#[tokio::test]
async fn too_many_comments_in_a_minute_are_refused() {
    let app = spawn_tuned(|config| {
        config.limits.comments_per_account = 2;
    })
    .await;
    let ana = app.register("Ana").await;
    let body = json!({"section": SECTION_3, "body": "Again."});
    for _ in 0..2 {
        assert_eq!(
            app.post(&format!("/topics/{OPEN}/comments"), Some(&ana), &body)
                .await
                .status(),
            StatusCode::CREATED
        );
    }
    let detail = problem(
        app.post(&format!("/topics/{OPEN}/comments"), Some(&ana), &body)
            .await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
    assert!(detail.contains("Too many comments"), "{detail}");
}

/// Two instances on one PostgreSQL database, each letting an account post
/// `comments` a minute; none on SQLite (one instance).
async fn two_instances_on_postgresql(comments: u32) -> Option<(TestApp, TestApp)> {
    let tune = move |config: &mut pulse_server::Config| {
        config.limits.comments_per_account = comments;
    };
    let (first, url) = spawn_reachable(tune).await;
    if !url.starts_with("postgres") {
        return None;
    }
    let mut config = pulse_server::Config::new(url);
    config.bind = "127.0.0.1:0".into();
    tune(&mut config);
    Some((first, spawn_config(config).await))
}

/// On PostgreSQL the limits are counted in the database: a second instance
/// behind the same address does not double what an account may do. (On
/// SQLite there is one instance; nothing to share.)
#[tokio::test]
async fn two_instances_on_one_postgresql_database_share_the_limits() {
    let Some((first, second)) = two_instances_on_postgresql(3).await else {
        return;
    };
    let ana = first.register("Ana").await;
    let path = format!("/topics/{OPEN}/comments");
    let body = json!({"section": SECTION_3, "body": "Once more."});
    for app in [&first, &second, &first] {
        assert_eq!(
            app.post(&path, Some(&ana), &body).await.status(),
            StatusCode::CREATED
        );
    }
    for app in [&second, &first] {
        let refused = app.post(&path, Some(&ana), &body).await;
        assert!(refused.headers().contains_key("retry-after"));
        let detail = problem(refused, StatusCode::TOO_MANY_REQUESTS).await;
        assert!(detail.contains("Too many comments"), "{detail}");
    }
}

/// Posted at once, a resident's comments share their writer's batches
/// with each other's and with others' (see `db/batch.rs`): exactly the
/// limit is let in, the rest hear 429, and a refusal costs nobody else
/// their comment.
#[tokio::test]
async fn comments_posted_at_once_are_counted_exactly_and_refusals_spare_the_rest() {
    let app = spawn_tuned(|config| config.limits.comments_per_account = 5).await;
    let (ana, ben) = (app.register("Ana").await, app.register("Ben").await);
    let path = format!("/topics/{OPEN}/comments");
    let sent = (0..24).map(|n| {
        let (app, path) = (&app, &path);
        let who = if n % 2 == 0 { &ana } else { &ben };
        async move {
            let body = json!({"section": SECTION_3, "body": format!("At once {n}.")});
            (n % 2, app.post(path, Some(who), &body).await)
        }
    });
    let answers = futures::future::join_all(sent).await;
    let mut created = [0, 0];
    let mut refused = [0, 0];
    for (who, answer) in answers {
        match answer.status() {
            StatusCode::CREATED => created[who] += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                assert!(answer.headers().contains_key("retry-after"));
                refused[who] += 1;
            }
            other => panic!("{other}: {}", answer.text().await.unwrap()),
        }
    }
    assert_eq!(created, [5, 5], "each let in exactly their limit");
    assert_eq!(refused, [7, 7]);
    let listed = app
        .get(&format!("{path}?section={SECTION_3}&limit=100"), None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    let at_once = listed["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"].as_str().unwrap().starts_with("At once"))
        .count();
    assert_eq!(at_once, 10, "nothing refused was written");
}

/// Two instances' batches each read a resident's count before the other
/// wrote it: the one that commits second finds the count past the limit
/// and runs again, refusing what is over. Never more than the limit.
#[tokio::test]
async fn comments_posted_at_once_to_two_instances_never_pass_the_limit() {
    let Some((first, second)) = two_instances_on_postgresql(6).await else {
        return;
    };
    let path = format!("/topics/{OPEN}/comments");
    for round in 0..3 {
        let ana = first.register("Ana").await;
        let sent = (0..40).map(|n| {
            let (app, path, ana) = (if n % 2 == 0 { &first } else { &second }, &path, &ana);
            async move {
                let body = json!({"section": SECTION_3, "body": format!("Round {round}, {n}.")});
                app.post(path, Some(ana), &body).await.status()
            }
        });
        let statuses = futures::future::join_all(sent).await;
        let created = statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count();
        let refused = statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count();
        assert_eq!((created, refused), (6, 34), "round {round}: {statuses:?}");
    }
}

#[tokio::test]
async fn refused_comments_and_ballots_do_not_use_up_the_quota() {
    let app = spawn_tuned(|config| {
        config.limits.comments_per_account = 2;
        config.limits.ballots_per_account = 1;
    })
    .await;
    let ana = app.register("Ana").await;
    let path = format!("/topics/{OPEN}/comments");
    for bad in [
        json!({"section": SECTION_3, "body": ""}),
        json!({"section": "no-such-section", "body": "Hello."}),
        json!({"section": SECTION_3, "body": "x", "quote": {"exact": "not in the text"}}),
    ] {
        problem(
            app.post(&path, Some(&ana), &bad).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let good = json!({"section": SECTION_3, "body": "Counted."});
    for _ in 0..2 {
        assert_eq!(
            app.post(&path, Some(&ana), &good).await.status(),
            StatusCode::CREATED
        );
    }
    let poll = app.poll_of(OPEN, 0).await;
    let ballot = format!("/polls/{}/ballot", poll["id"]);
    problem(
        app.put(&ballot, Some(&ana), &json!({"options": []})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let vote = json!({"options": [poll["options"][0]["id"]]});
    assert_eq!(
        app.put(&ballot, Some(&ana), &vote).await.status(),
        StatusCode::OK
    );
    problem(
        app.put(&ballot, Some(&ana), &vote).await,
        StatusCode::TOO_MANY_REQUESTS,
    )
    .await;
}

#[tokio::test]
async fn a_document_address_that_is_not_a_web_address_is_never_a_link() {
    let database = fresh_database().await;
    let dir = std::env::temp_dir().join(format!("pulse-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<div id=\"app\"><!--prerender--><!--/prerender--></div>",
    )
    .unwrap();
    let app = spawn_with(database.clone(), Some(dir)).await;
    add_topic(&database, "with-documents", now() - 60, now() + 3600).await;
    let db = Db::connect(&database).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let topic_id: i64 = sqlx::query_scalar("SELECT id FROM topics WHERE slug = 'with-documents'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    for (position, (title, url)) in [
        ("Sneaky", "javascript:alert(1)"),
        ("Real", "https://example.org/a.pdf"),
    ]
    .into_iter()
    .enumerate()
    {
        let doc = pulse_api::wire::Document {
            title: title.into(),
            url: url.into(),
        };
        db::topics::insert_document(&mut conn, topic_id, i64::try_from(position).unwrap(), &doc)
            .await
            .unwrap();
    }
    let html = app
        .site("/topics/with-documents", "identity")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<li>Sneaky</li>"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(
        html.contains("<a href=\"https://example.org/a.pdf\" rel=\"noopener\">Real</a>"),
        "{html}"
    );
}
