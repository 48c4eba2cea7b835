//! Who may do what, route by route: anonymous, a resident, the comment's
//! author, the host of another topic, the topic's host and an admin, each
//! against every write route (and the host-only reads), getting exactly
//! the answer they should.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Everyone who knocks.
struct Cast {
    resident: User,
    author: User,
    other_host: User,
    host: User,
    admin: User,
}

const WHO: [&str; 6] = [
    "anonymous",
    "resident",
    "author",
    "host of another topic",
    "host",
    "admin",
];

impl Cast {
    async fn new(app: &TestApp) -> Cast {
        let admin = app.demo_admin().await;
        let other_host = app.register("Olu Other").await;
        let granted = app
            .put(
                &format!("/topics/{UPCOMING}/hosts/{}", other_host.email),
                Some(&admin),
                &json!({}),
            )
            .await;
        assert_eq!(granted.status(), StatusCode::NO_CONTENT);
        Cast {
            resident: app.register("Resident").await,
            author: app.register("Author").await,
            other_host,
            host: app.demo_host().await,
            admin,
        }
    }

    fn each(&self) -> [Option<&User>; 6] {
        [
            None,
            Some(&self.resident),
            Some(&self.author),
            Some(&self.other_host),
            Some(&self.host),
            Some(&self.admin),
        ]
    }
}

/// One route: how to make its request afresh (a new comment by the author
/// where it needs one), and what each of the cast gets.
struct Case {
    name: &'static str,
    method: Method,
    expected: [u16; 6],
}

async fn request_for(app: &TestApp, cast: &Cast, case: &str) -> (String, Option<Value>) {
    let fresh_comment = || async {
        let c = app
            .comment(OPEN, SECTION_3, &cast.author, "A comment to act on.")
            .await;
        c["id"].as_i64().unwrap()
    };
    match case {
        "create topic" => {
            let n = TOPICS.fetch_add(1, Ordering::SeqCst);
            (
                "/topics".into(),
                Some(json!({
                    "slug": format!("matrix-{n}"),
                    "title": "Matrix",
                    "summary": "A topic.",
                    "opens_at": days_from_now(30),
                    "closes_at": days_from_now(60),
                    "time_zone": "America/Chicago",
                    "host": {"name": "H", "role": "Clerk"},
                    "draft_title": "Draft",
                    "draft": "## One\n\nText.\n",
                })),
            )
        }
        "edit topic" => (
            format!("/topics/{OPEN}"),
            Some(json!({"title": "Body Worn Cameras"})),
        ),
        "grant host" | "revoke host" => (
            format!("/topics/{OPEN}/hosts/{}", cast.resident.email),
            Some(json!({})),
        ),
        "list hosts" | "moderation queue" | "topic audit" => {
            let tail = match case {
                "list hosts" => "hosts",
                "moderation queue" => "moderation",
                _ => "audit",
            };
            (format!("/topics/{OPEN}/{tail}"), None)
        }
        "whole audit" => ("/audit".into(), None),
        "report while open" => (format!("/topics/{OPEN}/report.json"), None),
        "post update" => (
            format!("/topics/{OPEN}/updates"),
            Some(json!({"title": "News", "body": "Something happened."})),
        ),
        "comment" => (
            format!("/topics/{OPEN}/comments"),
            Some(json!({"section": SECTION_3, "body": "Hello."})),
        ),
        "vote" => {
            let poll = app.poll_of(OPEN, 0).await;
            (
                format!("/polls/{}/ballot", poll["id"]),
                Some(json!({"options": [poll["options"][0]["id"]]})),
            )
        }
        "hide" => (
            format!("/comments/{}/moderation", fresh_comment().await),
            Some(json!({"action": "hide", "reason": "Off topic"})),
        ),
        "respond" => (
            format!("/comments/{}/responses", fresh_comment().await),
            Some(json!({"status": "adopted", "body": "We will do this."})),
        ),
        "edit comment" => (
            format!("/comments/{}", fresh_comment().await),
            Some(json!({"body": "Changed."})),
        ),
        "withdraw comment" => (format!("/comments/{}", fresh_comment().await), None),
        "react" => (
            format!("/comments/{}/reaction", fresh_comment().await),
            Some(json!({"value": "agree"})),
        ),
        "flag" => (
            format!("/comments/{}/flags", fresh_comment().await),
            Some(json!({"reason": "Rude"})),
        ),
        "comment versions" => (
            format!("/comments/{}/versions", fresh_comment().await),
            None,
        ),
        other => panic!("no request for {other}"),
    }
}

static TOPICS: AtomicUsize = AtomicUsize::new(0);

/// Every route that needs a standing, and what each of the cast gets.
fn cases() -> Vec<Case> {
    //                                                anon resi auth othr host admin
    vec![
        case("create topic", Method::POST, [401, 403, 403, 403, 403, 201]),
        case("edit topic", Method::PATCH, [401, 403, 403, 403, 403, 200]),
        case("grant host", Method::PUT, [401, 403, 403, 403, 403, 204]),
        case(
            "revoke host",
            Method::DELETE,
            [401, 403, 403, 403, 403, 204],
        ),
        case("list hosts", Method::GET, [401, 403, 403, 403, 403, 200]),
        case("post update", Method::POST, [401, 403, 403, 403, 201, 201]),
        case("hide", Method::POST, [401, 403, 403, 403, 200, 200]),
        case("respond", Method::POST, [401, 403, 403, 403, 201, 201]),
        case(
            "moderation queue",
            Method::GET,
            [401, 403, 403, 403, 200, 200],
        ),
        case("topic audit", Method::GET, [401, 403, 403, 403, 200, 200]),
        case("whole audit", Method::GET, [401, 403, 403, 403, 403, 200]),
        case(
            "report while open",
            Method::GET,
            [403, 403, 403, 403, 200, 200],
        ),
        case("comment", Method::POST, [401, 201, 201, 201, 201, 201]),
        case("vote", Method::PUT, [401, 200, 200, 200, 200, 200]),
        case(
            "edit comment",
            Method::PATCH,
            [401, 403, 200, 403, 403, 403],
        ),
        case(
            "withdraw comment",
            Method::DELETE,
            [401, 403, 200, 403, 403, 403],
        ),
        case(
            "comment versions",
            Method::GET,
            [401, 403, 200, 403, 200, 200],
        ),
        case("react", Method::PUT, [401, 200, 403, 200, 200, 200]),
        case("flag", Method::POST, [401, 201, 403, 201, 201, 201]),
    ]
}

#[tokio::test]
async fn every_route_answers_each_actor_exactly_as_it_should() {
    let app = spawn_app().await;
    let cast = Cast::new(&app).await;
    let cases = cases();
    let mut wrong = Vec::new();
    for case in &cases {
        for (i, actor) in cast.each().into_iter().enumerate() {
            let (path, body) = request_for(&app, &cast, case.name).await;
            let response = app
                .send(case.method.clone(), &path, actor, body.as_ref())
                .await;
            let got = response.status().as_u16();
            if got != case.expected[i] {
                wrong.push(format!(
                    "{} {path} as {}: {got}, expected {}",
                    case.name, WHO[i], case.expected[i]
                ));
            } else if got >= 400 {
                // A refusal is a problem with a sentence, never a bare status.
                problem(response, StatusCode::from_u16(got).unwrap()).await;
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A body that says nothing is judged only after who sent it: a stranger
/// is refused as a stranger (401 or 403, as in the matrix above), and only
/// those the route is for hear that the body is incomplete (422).
#[tokio::test]
async fn who_sent_a_request_is_judged_before_what_its_body_says() {
    let app = spawn_app().await;
    let cast = Cast::new(&app).await;
    let with_bodies = [
        "create topic",
        "edit topic",
        "post update",
        "comment",
        "vote",
        "hide",
        "respond",
        "edit comment",
        "flag",
    ];
    let mut wrong = Vec::new();
    for case in cases().iter().filter(|c| with_bodies.contains(&c.name)) {
        for (i, actor) in cast.each().into_iter().enumerate() {
            let (path, _) = request_for(&app, &cast, case.name).await;
            let response = app
                .send(case.method.clone(), &path, actor, Some(&json!({})))
                .await;
            let got = response.status().as_u16();
            let expected = match case.expected[i] {
                refused @ (401 | 403) => refused,
                _ => 422,
            };
            if got != expected {
                wrong.push(format!(
                    "{} {path} with {{}} as {}: {got}, expected {expected}",
                    case.name, WHO[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn case(name: &'static str, method: Method, expected: [u16; 6]) -> Case {
    Case {
        name,
        method,
        expected,
    }
}

#[tokio::test]
async fn after_the_deadline_only_the_host_still_answers() {
    let app = spawn_app().await;
    let cast = Cast::new(&app).await;
    let comment = app
        .comment(OPEN, SECTION_3, &cast.author, "Before the close.")
        .await;
    let id = comment["id"].as_i64().unwrap();
    close_now(&app, &cast.admin, OPEN).await;

    let checks: [(&str, Method, String, Value, &User, u16); 7] = [
        (
            "comment",
            Method::POST,
            format!("/topics/{OPEN}/comments"),
            json!({"section": SECTION_3, "body": "Late."}),
            &cast.resident,
            403,
        ),
        (
            "edit",
            Method::PATCH,
            format!("/comments/{id}"),
            json!({"body": "Edited late."}),
            &cast.author,
            403,
        ),
        (
            "react",
            Method::PUT,
            format!("/comments/{id}/reaction"),
            json!({"value": "agree"}),
            &cast.resident,
            403,
        ),
        (
            "respond as the host",
            Method::POST,
            format!("/comments/{id}/responses"),
            json!({"status": "answered", "body": "Thank you; see the update."}),
            &cast.host,
            201,
        ),
        (
            "respond as another topic's host",
            Method::POST,
            format!("/comments/{id}/responses"),
            json!({"status": "answered", "body": "Not mine to say."}),
            &cast.other_host,
            403,
        ),
        (
            "post an update",
            Method::POST,
            format!("/topics/{OPEN}/updates"),
            json!({"title": "Council decided", "body": "The policy was adopted."}),
            &cast.host,
            201,
        ),
        (
            "flag",
            Method::POST,
            format!("/comments/{id}/flags"),
            json!({"reason": "Spam"}),
            &cast.resident,
            201,
        ),
    ];
    for (what, method, path, body, user, expected) in checks {
        let response = app.send(method, &path, Some(user), Some(&body)).await;
        assert_eq!(response.status().as_u16(), expected, "{what}");
    }
    let withdraw = app
        .delete(&format!("/comments/{id}"), Some(&cast.author))
        .await;
    let detail = problem(withdraw, StatusCode::FORBIDDEN).await;
    assert!(detail.contains("deadline"), "{detail}");
}

/// Moves a topic's close to a second ago, as an admin may.
pub async fn close_now(app: &TestApp, admin: &User, slug: &str) {
    let topic: Value = app.get_json(&format!("/topics/{slug}"), None).await;
    let now = topic["now"].as_str().unwrap().to_string();
    // One second before the server's now: parse, subtract, print.
    let ts = pulse_api::Timestamp::parse_rfc3339(&now).unwrap();
    let before = pulse_api::Timestamp(ts.0 - 1).to_string();
    let response = app
        .patch(
            &format!("/topics/{slug}"),
            Some(admin),
            &json!({"closes_at": before}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "closing {slug}");
    let topic: Value = response.json().await.unwrap();
    assert_eq!(topic["status"], "closed");
}

#[tokio::test]
async fn admins_racing_for_one_slug_get_one_topic_and_conflicts_never_a_500() {
    let app = spawn_app().await;
    let admin = app.demo_admin().await;
    let topic = json!({
        "slug": "raced",
        "title": "Raced",
        "summary": "Two at once.",
        "opens_at": days_from_now(30),
        "closes_at": days_from_now(60),
        "time_zone": "America/Chicago",
        "host": {"name": "H", "role": "Clerk"},
        "draft_title": "Draft",
        "draft": "## One\n\nText.\n",
    });
    let attempts = (0..6).map(|_| app.post("/topics", Some(&admin), &topic));
    let mut statuses: Vec<u16> = futures::future::join_all(attempts)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);
    let log: Value = app.get_json("/audit", Some(&admin)).await;
    let created = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "create_topic")
        .count();
    assert_eq!(created, 1, "one audit row for the one topic");
}
