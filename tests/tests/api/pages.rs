//! The pages' own forms, sent as a browser without the app sends them
//! (`application/x-www-form-urlencoded`, following no redirect): each
//! carries its token, and is answered with `303` to where the visitor was
//! going or with the page again, its mistakes said.

use crate::helpers::*;
use pulse_api::links::encode_component;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};

const OPEN: &str = "body-worn-cameras";
/// The password `TestApp::register` gives every account.
const PASSWORD: &str = "correct horse battery";

fn client_dir(name: &str) -> std::path::PathBuf {
    page_dir(name)
}

/// A browser without the app: its cookies, kept by name.
#[derive(Default)]
struct Browser {
    cookies: Vec<(String, String)>,
}

impl Browser {
    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Keeps what `response` set (and forgets what it cleared).
    fn keep(&mut self, response: &reqwest::Response) {
        for set in response.headers().get_all(SET_COOKIE) {
            let pair = set.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !value.is_empty() {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
    }

    async fn get(&mut self, app: &TestApp, path: &str) -> (StatusCode, String) {
        let response = app
            .http
            .get(format!("{}{path}", app.base))
            .header(COOKIE, self.cookie_header())
            .header("accept-encoding", "identity")
            .send()
            .await
            .unwrap();
        self.keep(&response);
        let status = response.status();
        (status, response.text().await.unwrap().replace("<!>", ""))
    }

    /// Sends `fields` as a form to `path`, from this site.
    async fn post(
        &mut self,
        app: &TestApp,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let body = fields
            .iter()
            .map(|(name, value)| format!("{name}={}", encode_component(value)))
            .collect::<Vec<_>>()
            .join("&");
        let response = app
            .http
            .post(format!("{}{path}", app.base))
            .header(COOKIE, self.cookie_header())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("origin", &app.base)
            .header("sec-fetch-site", "same-origin")
            .header("accept-encoding", "identity")
            .body(body)
            .send()
            .await
            .unwrap();
        self.keep(&response);
        response
    }

    fn has(&self, name: &str) -> bool {
        self.cookies.iter().any(|(n, _)| n == name)
    }
}

/// The value of the form token in a page.
fn token_in(html: &str) -> String {
    let at = html
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("a form token in {html}"));
    let rest = &html[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn signing_in_and_out_by_the_pages_forms_needs_no_app() {
    let app = spawn_with(fresh_database().await, Some(client_dir("sign-in"))).await;
    let ana = app.register("Ana").await;
    let mut browser = Browser::default();

    let next = format!("/topics/{OPEN}");
    let (status, page) = browser
        .get(&app, &format!("/sign-in?next={}", encode_component(&next)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<form method=\"post\" action=\"/sign-in\""),
        "{page}"
    );
    assert!(
        browser.has("pulse_form"),
        "a visitor not signed in gets a form cookie"
    );
    let token = token_in(&page);
    assert!(
        page.contains(&format!("name=\"next\" value=\"{next}\"")),
        "{page}"
    );

    // Empty: each field is said, and nothing is counted against anyone.
    let empty = browser
        .post(
            &app,
            "/sign-in",
            &[
                ("csrf", &token),
                ("next", &next),
                ("email", ""),
                ("password", ""),
            ],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = empty.text().await.unwrap();
    assert!(html.contains("There is a problem"), "{html}");
    assert!(
        html.contains("<a href=\"#email\">Enter your email address.</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#password\">Enter your password.</a>"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""), "{html}");

    // A wrong password: said, the address kept, the password not.
    let wrong = browser
        .post(
            &app,
            "/sign-in",
            &[
                ("csrf", &token),
                ("next", &next),
                ("email", &ana.email),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let html = wrong.text().await.unwrap();
    assert!(html.contains("do not match an account"), "{html}");
    assert!(html.contains(&format!("value=\"{}\"", ana.email)), "{html}");
    assert!(!html.contains("not the password"));
    assert!(
        html.contains(&format!("name=\"next\" value=\"{next}\"")),
        "{html}"
    );
    assert!(!browser.has("pulse_session"));

    // Right: on to the page the visitor came from, signed in.
    let right = browser
        .post(
            &app,
            "/sign-in",
            &[
                ("csrf", &token),
                ("next", &next),
                ("email", &ana.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()[LOCATION], next.as_str());
    assert!(browser.has("pulse_session"));

    // The page is theirs now: their name in the header, never kept by a
    // cache, with the sign-out form and its token.
    let response = app
        .http
        .get(format!("{}{next}", app.base))
        .header(COOKIE, browser.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[CACHE_CONTROL], "private, no-store");
    let page = response.text().await.unwrap();
    assert!(page.contains("Ana (account)"), "{page}");
    assert!(page.contains("action=\"/sign-out\""), "{page}");
    let token = token_in(&page);
    // Anyone else's copy of the page is still the one for everyone.
    let (_, anonymous) = Browser::default().get(&app, &next).await;
    assert!(!anonymous.contains("Ana (account)"));
    assert!(!anonymous.contains("name=\"csrf\""));

    let signed_in = browser.cookie_header();
    let out = browser
        .post(&app, "/sign-out", &[("csrf", &token), ("next", &next)])
        .await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(out.headers()[LOCATION], next.as_str());
    assert!(!browser.has("pulse_session"));
    // The session is over on the server too.
    let session: serde_json::Value = app
        .http
        .get(app.url("/session"))
        .header(COOKIE, signed_in)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(session["account"].is_null(), "{session}");
}

#[tokio::test]
async fn creating_an_account_by_the_pages_form_says_every_mistake() {
    let app = spawn_with(fresh_database().await, Some(client_dir("register"))).await;
    let mut browser = Browser::default();
    let (_, page) = browser.get(&app, "/register").await;
    let token = token_in(&page);

    let empty = browser
        .post(
            &app,
            "/register",
            &[
                ("csrf", &token),
                ("next", "/"),
                ("email", ""),
                ("display-name", ""),
                ("new-password", ""),
            ],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = empty.text().await.unwrap();
    for field in ["#email", "#display-name", "#new-password"] {
        assert!(
            html.contains(&format!("<a href=\"{field}\">")),
            "{field}: {html}"
        );
    }

    // A name kept, a common password refused.
    let common = browser
        .post(
            &app,
            "/register",
            &[
                ("csrf", &token),
                ("next", "/"),
                ("email", "bea@example.org"),
                ("display-name", "Bea Fuentes"),
                ("new-password", "password123"),
            ],
        )
        .await;
    assert_eq!(common.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = common.text().await.unwrap();
    assert!(html.contains("value=\"Bea Fuentes\""), "{html}");
    assert!(html.contains("one of the most common"), "{html}");
    assert!(!html.contains("password123"));

    let made = browser
        .post(
            &app,
            "/register",
            &[
                ("csrf", &token),
                ("next", "/topics/body-worn-cameras#section-3"),
                ("email", "bea@example.org"),
                ("display-name", "Bea Fuentes"),
                ("new-password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        made.headers()[LOCATION],
        "/topics/body-worn-cameras#section-3"
    );
    let (_, page) = browser.get(&app, "/").await;
    assert!(page.contains("Bea Fuentes (account)"), "{page}");
}

#[tokio::test]
async fn a_form_without_its_token_or_from_another_site_is_refused() {
    let app = spawn_with(fresh_database().await, Some(client_dir("refused"))).await;
    let ana = app.register("Ana").await;
    let mut browser = Browser::default();
    let (_, page) = browser.get(&app, "/sign-in").await;
    let token = token_in(&page);
    let credentials = [("email", ana.email.as_str()), ("password", PASSWORD)];

    // No token, or another visitor's: the form again, and nobody signed in.
    let mut stranger = Browser::default();
    let (_, theirs) = stranger.get(&app, "/sign-in").await;
    let their_token = token_in(&theirs);
    for sent in ["", "0123", their_token.as_str()] {
        let mut fields = vec![("csrf", sent)];
        fields.extend(credentials);
        let refused = browser.post(&app, "/sign-in", &fields).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "token {sent:?}");
        let html = refused.text().await.unwrap();
        assert!(
            html.contains("open too long, or came from another website"),
            "{html}"
        );
        assert!(!browser.has("pulse_session"));
    }
    // Sent again from the page it shows, it goes through.
    let (_, again) = browser.get(&app, "/sign-in").await;
    assert_eq!(
        token_in(&again),
        token,
        "the token lasts as long as the cookie"
    );

    // From another site: refused before anything is read.
    let body = format!(
        "csrf={token}&email={}&password={PASSWORD}",
        encode_component(&ana.email)
    );
    for (header, value) in [
        ("origin", "http://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let response = app
            .http
            .post(format!("{}/sign-in", app.base))
            .header(COOKIE, browser.cookie_header())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header, value)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{header}: {value}"
        );
        assert!(response.headers().get(SET_COOKIE).is_none());
    }

    // Not a form: said so.
    let json = app
        .http
        .post(format!("{}/sign-in", app.base))
        .header(COOKIE, browser.cookie_header())
        .json(&serde_json::json!({ "email": ana.email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        problem(json, StatusCode::UNSUPPORTED_MEDIA_TYPE)
            .await
            .contains("form")
    );

    // Signing out needs the token too.
    let mut fields = vec![("csrf", token.as_str())];
    fields.extend(credentials);
    assert_eq!(
        browser.post(&app, "/sign-in", &fields).await.status(),
        StatusCode::SEE_OTHER
    );
    let refused = browser
        .post(&app, "/sign-out", &[("csrf", "nope"), ("next", "/")])
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert!(browser.has("pulse_session"));
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_the_pages_forms() {
    let sink = pulse_tests::smtp::SmtpSink::start();
    let (url, dir) = (sink.url(), client_dir("reset"));
    let app = spawn_tuned(move |c| {
        c.mail.smtp_url = Some(url);
        c.mail.retry_base = std::time::Duration::from_secs(1);
        c.client_dir = dir;
    })
    .await;
    let ana = app.register("Ana").await;
    let mut browser = Browser::default();

    let (_, page) = browser.get(&app, "/reset-password").await;
    assert!(page.contains("action=\"/reset-password\""), "{page}");
    let token = token_in(&page);
    let asked = browser
        .post(
            &app,
            "/reset-password",
            &[("csrf", &token), ("email", &ana.email)],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    assert_eq!(asked.headers()[LOCATION], "/reset-password?sent");
    let (_, page) = browser.get(&app, "/reset-password?sent").await;
    assert!(
        page.contains("a link to choose a new password is on its way"),
        "{page}"
    );

    let mail = sink
        .wait_for(
            &ana.email,
            "Reset your password",
            1,
            std::time::Duration::from_secs(15),
        )
        .await
        .remove(0);
    let link = mail.token("/reset-password").expect("a reset link");
    let (_, page) = browser
        .get(&app, &format!("/reset-password?token={link}"))
        .await;
    assert!(
        page.contains(&format!("name=\"token\" value=\"{link}\"")),
        "{page}"
    );

    // Too short: said, and the form keeps its link.
    let short = browser
        .post(
            &app,
            "/reset-password",
            &[("csrf", &token), ("token", &link), ("password", "short")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = short.text().await.unwrap().replace("<!>", "");
    assert!(html.contains("at least 10 characters"), "{html}");
    assert!(
        html.contains(&format!("name=\"token\" value=\"{link}\"")),
        "{html}"
    );

    let chosen = browser
        .post(
            &app,
            "/reset-password",
            &[
                ("csrf", &token),
                ("token", &link),
                ("password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    assert_eq!(chosen.headers()[LOCATION], "/reset-password?changed");
    let (_, page) = browser.get(&app, "/reset-password?changed").await;
    assert!(page.contains("href=\"/sign-in\""), "{page}");
    app.sign_in(&ana.email, "a brand new passphrase").await;
}

#[tokio::test]
async fn each_tab_of_the_list_is_a_page_of_its_own() {
    let app = spawn_with(fresh_database().await, Some(client_dir("tabs"))).await;
    let mut reader = Browser::default();
    // Twice each, the second from memory: never the other tab's.
    for _ in 0..2 {
        let (_, open) = reader.get(&app, "/").await;
        assert!(open.contains("Body Worn Cameras"), "{open}");
        assert!(!open.contains("Downtown Parking Study"));
        let (_, closed) = reader.get(&app, "/?status=closed&utm=x").await;
        assert!(closed.contains("Downtown Parking Study"), "{closed}");
        assert!(!closed.contains(">Body Worn Cameras<"));
        assert!(closed.contains("aria-selected=\"true\""));
    }
    assert!(
        !reader.has("pulse_form"),
        "a page without forms sets no cookie"
    );
}

/// A browser signed in as `user`.
fn signed_in_as(user: &User) -> Browser {
    let (name, value) = user.cookie.split_once('=').unwrap();
    Browser {
        cookies: vec![(name.to_string(), value.to_string())],
    }
}

/// Fields kept as owned strings, as `Browser::post` takes them.
fn send(all: &[(String, String)]) -> Vec<(&str, &str)> {
    all.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

/// The comment's id a form's redirect lands on (`#comment-ID`).
fn comment_in(response: &reqwest::Response, thread: &str) -> i64 {
    let to = response.headers()[LOCATION].to_str().unwrap();
    let id = to
        .strip_prefix(&format!("{thread}#comment-"))
        .unwrap_or_else(|| panic!("{to} is not a comment in {thread}"));
    id.parse().unwrap()
}

#[tokio::test]
async fn a_topics_forms_work_without_the_app() {
    let app = spawn_with(fresh_database().await, Some(client_dir("topic"))).await;
    let ana = app.register("Ana").await;
    let bo = app.register("Bo").await;
    let thread = format!("/topics/{OPEN}?comments=purpose");

    // The thread the address opens is in the page, with its form.
    let mut browser = signed_in_as(&ana);
    let (status, page) = browser.get(&app, &thread).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!(
            "<form method=\"post\" action=\"/topics/{OPEN}?comments=purpose\" novalidate class=\"comment-form\""
        )),
        "{page}"
    );
    let token = token_in(&page);
    let comment = |body: &'static str| {
        vec![
            ("do", "comment"),
            ("form", "comment-purpose-0"),
            ("section", "purpose"),
            ("body", body),
        ]
    };
    let with_token = |token: &str, fields: Vec<(&'static str, &'static str)>| {
        let mut all = vec![("csrf".to_string(), token.to_string())];
        all.extend(
            fields
                .into_iter()
                .map(|(n, v)| (n.to_string(), v.to_string())),
        );
        all
    };

    // Nothing written: the page again, the mistake named by its form.
    let fields = with_token(&token, comment(""));
    let empty = browser.post(&app, &thread, &send(&fields)).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = empty.text().await.unwrap();
    assert!(
        html.contains(
            "<a href=\"#comment-purpose-0\">Write something before posting your comment.</a>"
        ),
        "{html}"
    );

    // Without its token, or another's: refused, nothing written.
    for sent in ["", "0123"] {
        let fields = with_token(sent, comment("Sent without a token."));
        let refused = browser.post(&app, &thread, &send(&fields)).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    let (_, page) = Browser::default().get(&app, &thread).await;
    assert!(!page.contains("Sent without a token."));

    // Posted: back to the comment, in the thread every reader sees.
    let fields = with_token(&token, comment("Keep the purpose short."));
    let posted = browser.post(&app, &thread, &send(&fields)).await;
    assert_eq!(posted.status(), StatusCode::SEE_OTHER);
    let id = comment_in(&posted, &thread);
    let (_, page) = Browser::default().get(&app, &thread).await;
    assert!(page.contains("Keep the purpose short."), "{page}");
    assert!(page.contains(&format!("id=\"comment-{id}\"")), "{page}");

    // Words that are not in the section: said, and what was typed kept.
    let mut fields = with_token(&token, comment("About these words."));
    fields.push(("quote".into(), "words nowhere in the draft".into()));
    let quoted = browser.post(&app, &thread, &send(&fields)).await;
    assert_eq!(quoted.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = quoted.text().await.unwrap();
    assert!(
        html.contains("Those words are not in this section."),
        "{html}"
    );
    assert!(
        html.contains("words nowhere in the draft</textarea>"),
        "{html}"
    );
    // Words that are: quoted with their context.
    fields.pop();
    fields.push(("quote".into(), "strengthen\n trust".into()));
    let quoted = browser.post(&app, &thread, &send(&fields)).await;
    assert_eq!(quoted.status(), StatusCode::SEE_OTHER);
    let quoted_id = comment_in(&quoted, &thread);
    let list: serde_json::Value = app
        .get_json(&format!("/topics/{OPEN}/comments?section=purpose"), None)
        .await;
    let quoted = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == quoted_id)
        .unwrap();
    assert_eq!(quoted["quote"]["exact"], "strengthen trust");
    assert_eq!(
        quoted["quote"]["suffix"],
        " between officers and the people they serve, to give an accurate"
    );

    // A form from a page read before the draft was revised says its
    // version: the comment goes on it, quoting its words, and is followed
    // into the current one (the demo's "Notifying people" was renamed).
    let old_page = with_token(
        &token,
        vec![
            ("do", "comment"),
            ("form", "comment-notifying-people-0"),
            ("section", "notifying-people"),
            ("version", "1"),
            ("quote", "answer truthfully when asked"),
            ("body", "Good."),
        ],
    );
    let late = browser
        .post(
            &app,
            &format!("/topics/{OPEN}?comments=notifying-people"),
            &send(&old_page),
        )
        .await;
    assert_eq!(late.status(), StatusCode::SEE_OTHER);
    let list: serde_json::Value = app
        .get_json(
            &format!("/topics/{OPEN}/comments?section=telling-people-they-are-recorded"),
            None,
        )
        .await;
    let late = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["body"] == "Good.")
        .unwrap();
    assert_eq!(late["version"], 1);
    assert_eq!(late["section"], "notifying-people");
    assert_eq!(late["quote"]["exact"], "answer truthfully when asked");
    assert_eq!(late["now"]["status"], "moved");

    // Another resident replies, agrees and flags.
    let mut other = signed_in_as(&bo);
    let (_, page) = other.get(&app, &thread).await;
    let theirs = token_in(&page);
    let parent = id.to_string();
    let reply = vec![
        ("csrf", theirs.as_str()),
        ("do", "comment"),
        ("form", "comment-purpose-1"),
        ("section", "purpose"),
        ("parent", parent.as_str()),
        ("body", "Agreed."),
    ];
    let replied = other.post(&app, &thread, &reply).await;
    assert_eq!(replied.status(), StatusCode::SEE_OTHER);
    let react = |value: &'static str| {
        vec![
            ("csrf", theirs.as_str()),
            ("do", "react"),
            ("form", "react-x"),
            ("comment", parent.as_str()),
            ("reaction", value),
        ]
    };
    let reacted = other.post(&app, &thread, &react("agree")).await;
    assert_eq!(reacted.status(), StatusCode::SEE_OTHER);
    assert_eq!(comment_in(&reacted, &thread), id);
    let (_, page) = other.get(&app, &thread).await;
    assert!(page.contains("aria-pressed=\"true\""), "{page}");
    assert_eq!(
        other.post(&app, &thread, &react("love")).await.status(),
        StatusCode::BAD_REQUEST
    );
    let flag = vec![
        ("csrf", theirs.as_str()),
        ("do", "flag"),
        ("form", "flag-x"),
        ("comment", parent.as_str()),
        ("reason", "Off topic"),
    ];
    let flagged = other.post(&app, &thread, &flag).await;
    assert_eq!(flagged.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        flagged.headers()[LOCATION],
        format!("{thread}&flagged={id}#comment-{id}").as_str()
    );

    // Its author edits it, then withdraws it; a stranger's form does neither.
    let edit = vec![
        ("csrf", theirs.as_str()),
        ("do", "edit"),
        ("form", "edit-x"),
        ("comment", parent.as_str()),
        ("body", "Not mine to change."),
    ];
    assert_eq!(
        other.post(&app, &thread, &edit).await.status(),
        StatusCode::FORBIDDEN
    );
    let edit = vec![
        ("csrf", token.as_str()),
        ("do", "edit"),
        ("form", "edit-x"),
        ("comment", parent.as_str()),
        ("body", "Keep the purpose shorter."),
    ];
    assert_eq!(
        browser.post(&app, &thread, &edit).await.status(),
        StatusCode::SEE_OTHER
    );
    let withdraw = vec![
        ("csrf", token.as_str()),
        ("do", "withdraw"),
        ("form", "withdraw-x"),
        ("comment", parent.as_str()),
    ];
    assert_eq!(
        browser.post(&app, &thread, &withdraw).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = Browser::default().get(&app, &thread).await;
    assert!(page.contains("Withdrawn by its author."), "{page}");

    // A vote, and the page says it is theirs.
    let poll = app.poll_of(OPEN, 0).await;
    let (poll_id, option) = (
        poll["id"].as_i64().unwrap().to_string(),
        poll["options"][0]["id"].as_i64().unwrap().to_string(),
    );
    let topic_page = format!("/topics/{OPEN}");
    let vote = |option: &str| {
        vec![
            ("csrf".to_string(), token.clone()),
            ("do".into(), "vote".into()),
            ("form".into(), format!("poll-{poll_id}-choices")),
            ("poll".into(), poll_id.clone()),
            ("option".into(), option.to_string()),
        ]
    };
    let none = browser.post(&app, &topic_page, &send(&vote("")[..4])).await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let voted = browser.post(&app, &topic_page, &send(&vote(&option))).await;
    assert_eq!(voted.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        voted.headers()[LOCATION],
        format!("{topic_page}?voted={poll_id}#poll-{poll_id}").as_str()
    );
    let (_, page) = browser
        .get(&app, &format!("{topic_page}?voted={poll_id}"))
        .await;
    assert!(page.contains("Change my vote"), "{page}");
    assert!(page.contains("Your vote has been recorded."), "{page}");
    let (_, page) = browser.get(&app, &topic_page).await;
    assert!(!page.contains("Your vote has been recorded."), "{page}");

    // Following: signed in at once; an address alone, by its mailed link,
    // with no token (it acts for nobody) but from this site only.
    let follow = vec![
        ("csrf", token.as_str()),
        ("do", "subscribe"),
        ("form", "follow-section"),
        ("daily", "yes"),
        ("section", "purpose"),
    ];
    let followed = browser.post(&app, &topic_page, &follow).await;
    assert_eq!(followed.status(), StatusCode::SEE_OTHER);
    let (_, page) = browser.get(&app, &topic_page).await;
    assert!(
        page.contains("You are subscribed: one email a day."),
        "{page}"
    );
    let mut stranger = Browser::default();
    let address = vec![
        ("do", "follow"),
        ("form", "follow-email"),
        ("follow-email", "quinn@example.org"),
    ];
    let sent = stranger.post(&app, &topic_page, &address).await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        sent.headers()[LOCATION],
        format!("{topic_page}?follow=sent#follow").as_str()
    );
    let (_, page) = stranger
        .get(&app, &format!("{topic_page}?follow=sent"))
        .await;
    assert!(page.contains("a message is on its way"), "{page}");
    let from_elsewhere = app
        .http
        .post(format!("{}{topic_page}", app.base))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("origin", "http://evil.example")
        .body("do=follow&form=follow-email&follow-email=quinn%40example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(from_elsewhere.status(), StatusCode::FORBIDDEN);

    // A form that is not one of the page's: said so.
    let unknown = vec![("csrf", token.as_str()), ("do", "explode")];
    assert_eq!(
        browser.post(&app, &topic_page, &unknown).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_hosts_decisions_work_without_the_app() {
    let app = spawn_with(fresh_database().await, Some(client_dir("host"))).await;
    let ana = app.register("Ana").await;
    let mut ids = Vec::new();
    for body in ["Never mute the camera.", "You are all idiots."] {
        let made = app
            .post(
                &format!("/topics/{OPEN}/comments"),
                Some(&ana),
                &serde_json::json!({ "section": "general", "body": body }),
            )
            .await;
        assert_eq!(made.status(), StatusCode::CREATED);
        let made: serde_json::Value = made.json().await.unwrap();
        ids.push(made["id"].as_i64().unwrap().to_string());
    }
    let host_page = format!("/topics/{OPEN}/host");

    // A resident is told the page is not theirs, in the page.
    let mut resident = signed_in_as(&ana);
    let (status, page) = resident.get(&app, &host_page).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!page.contains("Loading"), "{page}");
    let theirs = token_in(&page);
    let hide = |token: &str, id: &str, reason: &str| {
        vec![
            ("csrf".to_string(), token.to_string()),
            ("form".into(), format!("reason-{id}")),
            ("comment".into(), id.to_string()),
            ("reason".into(), reason.to_string()),
            ("do".into(), "hide".into()),
        ]
    };
    let refused = resident
        .post(
            &app,
            &host_page,
            &send(&hide(&theirs, &ids[1], "Mine to hide")),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The host's page is whole, with its forms.
    let host = app.demo_host().await;
    let mut browser = signed_in_as(&host);
    let (status, page) = browser.get(&app, &host_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("You are all idiots."), "{page}");
    assert!(
        page.contains(&format!("<form method=\"post\" action=\"{host_page}\"")),
        "{page}"
    );
    let token = token_in(&page);

    // Hiding needs a reason: the page again, the mistake on its form.
    let empty = browser
        .post(&app, &host_page, &send(&hide(&token, &ids[1], "")))
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = empty.text().await.unwrap().replace("<!>", "");
    assert!(
        html.contains(&format!("<a href=\"#reason-{}\">", ids[1])),
        "{html}"
    );
    let hidden = browser
        .post(
            &app,
            &host_page,
            &send(&hide(&token, &ids[1], "Insults other residents")),
        )
        .await;
    assert_eq!(hidden.status(), StatusCode::SEE_OTHER);
    // Back to the desk, at the comment decided on.
    assert_eq!(
        hidden.headers()[LOCATION],
        format!("{host_page}?done=hidden#item-{}", ids[1]).as_str()
    );
    let (_, page) = browser.get(&app, &format!("{host_page}?done=hidden")).await;
    assert!(page.contains("Comment hidden."), "{page}");

    // An official answer, an update, a date in the topic's own zone.
    let respond = vec![
        ("csrf", token.as_str()),
        ("do", "respond"),
        ("form", "answer-x"),
        ("comment", ids[0].as_str()),
        ("status", "adopted"),
        ("answer", "Added to § 3."),
    ];
    let responded = browser.post(&app, &host_page, &respond).await;
    assert_eq!(responded.status(), StatusCode::SEE_OTHER);
    let update = vec![
        ("csrf", token.as_str()),
        ("do", "update"),
        ("form", "update-heading"),
        ("title", "Draft two is coming"),
        ("body", "In January."),
        ("title-es", "Llega el segundo borrador"),
        ("body-es", "En enero."),
    ];
    assert_eq!(
        browser.post(&app, &host_page, &update).await.status(),
        StatusCode::SEE_OTHER
    );
    let date = vec![
        ("csrf", token.as_str()),
        ("do", "add-date"),
        ("form", "date-title"),
        ("title", "Council meeting"),
        ("when", "2027-01-12T18:00"),
        ("place", "City Hall"),
    ];
    assert_eq!(
        browser.post(&app, &host_page, &date).await.status(),
        StatusCode::SEE_OTHER
    );
    let topic: serde_json::Value = app.get_json(&format!("/topics/{OPEN}"), None).await;
    assert_eq!(topic["updates"][0]["title"], "Draft two is coming");
    let spanish: serde_json::Value = app
        .http
        .get(app.url(&format!("/topics/{OPEN}")))
        .header("accept-language", "es")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spanish["updates"][0]["title"], "Llega el segundo borrador");
    let meeting = topic["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Council meeting")
        .unwrap();
    // 18:00 in Shakopee (CST, UTC−6) whatever the browser's zone.
    assert_eq!(meeting["starts_at"], "2027-01-13T00:00:00Z");
    let list: serde_json::Value = app
        .get_json(&format!("/topics/{OPEN}/comments?section=general"), None)
        .await;
    let ours: Vec<&serde_json::Value> = list["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !is_demo(c))
        .collect();
    let answered = ours[0];
    assert_eq!(answered["official_response"]["status"], "adopted");
    assert!(ours[1]["hidden"].is_object());

    let unknown = vec![("csrf", token.as_str()), ("do", "explode")];
    assert_eq!(
        browser.post(&app, &host_page, &unknown).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_account_page_works_without_the_app() {
    let app = spawn_with(fresh_database().await, Some(client_dir("account"))).await;
    let ana = app.register("Ana").await;
    let subscribed = app
        .post(
            &format!("/topics/{OPEN}/subscriptions"),
            Some(&ana),
            &serde_json::json!({ "section": "purpose" }),
        )
        .await;
    assert!(subscribed.status().is_success(), "{}", subscribed.status());
    let following = || async {
        let list: serde_json::Value = app.get_json("/account/subscriptions", Some(&ana)).await;
        list["subscriptions"].as_array().unwrap().clone()
    };
    let subscription = following().await[0]["id"].as_i64().unwrap().to_string();

    // The page is whole, each form a real post with its token.
    let mut browser = signed_in_as(&ana);
    let (status, page) = browser.get(&app, "/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<form method=\"post\" action=\"/account\""),
        "{page}"
    );
    assert!(page.contains("Body Worn Camera"), "{page}");
    let token = token_in(&page);
    let form = |what: &str, fields: &[(&str, &str)]| {
        let mut all = vec![
            ("csrf".to_string(), token.clone()),
            ("do".to_string(), what.to_string()),
            ("form".to_string(), what.to_string()),
        ];
        all.extend(fields.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        all
    };
    let done = |response: &reqwest::Response| {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        response.headers()[LOCATION].to_str().unwrap().to_string()
    };

    // A form without its token is refused, and nothing changes.
    let mut forged = form("name", &[("new-name", "Mallory")]);
    forged[0].1 = "not-the-token".into();
    let refused = browser.post(&app, "/account", &send(&forged)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // An empty name: the page again, its mistake linked to the field.
    let empty = browser
        .post(&app, "/account", &send(&form("name", &[("new-name", " ")])))
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = empty.text().await.unwrap().replace("<!>", "");
    assert!(page.contains("id=\"name-errors\""), "{page}");
    assert!(page.contains("<a href=\"#new-name\">"), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");

    // A new name: back to the page, which says so.
    let renamed = browser
        .post(
            &app,
            "/account",
            &send(&form("name", &[("new-name", "Ana María")])),
        )
        .await;
    assert_eq!(done(&renamed), "/account?done=name");
    let (_, page) = browser.get(&app, "/account?done=name").await;
    assert!(page.contains("Your name is changed"), "{page}");
    assert!(page.contains("Ana María"), "{page}");

    // A wrong password keeps the new address typed, never the password.
    let wrong = browser
        .post(
            &app,
            "/account",
            &send(&form(
                "email",
                &[
                    ("changed-email", "ana.new@example.org"),
                    ("email-password", "guess"),
                ],
            )),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let page = wrong.text().await.unwrap().replace("<!>", "");
    assert!(page.contains("<a href=\"#email-password\">"), "{page}");
    assert!(page.contains("value=\"ana.new@example.org\""), "{page}");
    assert!(!page.contains("value=\"guess\""), "{page}");

    // One email a day, then not the section's comments, then nothing.
    let daily = browser
        .post(
            &app,
            "/account",
            &send(&form(
                "daily",
                &[("subscription", &subscription), ("daily", "yes")],
            )),
        )
        .await;
    assert_eq!(done(&daily), "/account?done=following#following");
    assert_eq!(following().await[0]["cadence"], "daily");
    let (_, page) = browser.get(&app, "/account?done=following").await;
    assert!(page.contains("Saved."), "{page}");
    assert!(page.contains(" checked"), "the box shows it: {page}");
    let instant = browser
        .post(
            &app,
            "/account",
            &send(&form("daily", &[("subscription", &subscription)])),
        )
        .await;
    assert_eq!(done(&instant), "/account?done=following#following");
    assert_eq!(following().await[0]["cadence"], "instant");
    let stopped = browser
        .post(
            &app,
            "/account",
            &send(&form("stop-section", &[("subscription", &subscription)])),
        )
        .await;
    assert_eq!(done(&stopped), "/account?done=following#following");
    assert!(following().await[0]["section"].is_null());

    // Someone else's subscription is not this account's to change.
    let bo = app.register("Bo").await;
    let mut theirs = signed_in_as(&bo);
    let (_, page) = theirs.get(&app, "/account").await;
    let bo_token = token_in(&page);
    let mut not_yours = form("unsubscribe", &[("subscription", &subscription)]);
    not_yours[0].1 = bo_token.clone();
    let refused = theirs.post(&app, "/account", &send(&not_yours)).await;
    assert!(refused.status().is_client_error(), "{}", refused.status());
    assert_eq!(following().await.len(), 1);

    let ended = browser
        .post(
            &app,
            "/account",
            &send(&form("unsubscribe", &[("subscription", &subscription)])),
        )
        .await;
    assert_eq!(done(&ended), "/account?done=unfollowed#following");
    assert!(following().await.is_empty());

    // The link to confirm the address, again.
    let sent = browser
        .post(&app, "/account", &send(&form("send-link", &[])))
        .await;
    assert_eq!(done(&sent), "/account?done=link");
    let (_, page) = browser.get(&app, "/account?done=link").await;
    assert!(page.contains("A new link is on its way"), "{page}");

    // The password, with the current one.
    let wrong = browser
        .post(
            &app,
            "/account",
            &send(&form(
                "password",
                &[
                    ("old-password", "guess"),
                    ("changed-password", "a new long passphrase"),
                ],
            )),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let changed = browser
        .post(
            &app,
            "/account",
            &send(&form(
                "password",
                &[
                    ("old-password", PASSWORD),
                    ("changed-password", "a new long passphrase"),
                ],
            )),
        )
        .await;
    assert_eq!(done(&changed), "/account?done=password");

    // Signing out everywhere ends this session too.
    let mut bo_form = form("sign-out-everywhere", &[]);
    bo_form[0].1 = bo_token;
    let out = theirs.post(&app, "/account", &send(&bo_form)).await;
    assert_eq!(done(&out), "/");
    let session: serde_json::Value = app.get_json("/session", Some(&bo)).await;
    assert!(session["account"].is_null(), "{session}");

    // Deleting needs a choice for the comments and the password.
    let unchosen = browser
        .post(
            &app,
            "/account",
            &send(&form(
                "delete",
                &[("delete-password", "a new long passphrase")],
            )),
        )
        .await;
    assert_eq!(unchosen.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = unchosen.text().await.unwrap().replace("<!>", "");
    assert!(page.contains("<a href=\"#delete-withdraw\">"), "{page}");
    let deleted = browser
        .post(
            &app,
            "/account",
            &send(&form(
                "delete",
                &[
                    ("comments", "withdraw"),
                    ("delete-password", "a new long passphrase"),
                ],
            )),
        )
        .await;
    assert_eq!(done(&deleted), "/?deleted=1");
    let (_, page) = browser.get(&app, "/account").await;
    assert!(page.contains("You are not signed in."), "{page}");
}

/// The report's counts in Spanish, with Spanish plural rules: one vote is
/// "1 voto", one ballot "1 papeleta"; two are "2 votos".
#[tokio::test]
async fn the_report_counts_in_the_readers_language_with_its_plurals() {
    let app = spawn_with(fresh_database().await, Some(client_dir("report-es"))).await;
    let admin = app.demo_admin().await;
    let topic = serde_json::json!({
        "slug": "leaf-pickup",
        "title": "Leaf Pickup",
        "summary": "When the city picks up leaves.",
        "opens_at": days_from_now(-1),
        "closes_at": days_from_now(30),
        "time_zone": "America/Chicago",
        "host": {"name": "Luz Ortega", "role": "Public Works"},
        "draft_title": "Leaf Pickup Schedule",
        "draft": "## Dates\n\nTwice in the fall.\n",
        "require_verified_email": false,
        "polls": [{"question": "Which week?", "options": ["First", "Second"]}],
    });
    assert_eq!(
        app.post("/topics", Some(&admin), &topic).await.status(),
        StatusCode::CREATED
    );
    let luz = app.register_in("Luz", "es").await;
    let named = app
        .put(
            &format!("/topics/leaf-pickup/hosts/{}", encode_component(&luz.email)),
            Some(&admin),
            &serde_json::json!({}),
        )
        .await;
    assert!(named.status().is_success(), "{}", named.status());
    let polls: serde_json::Value = app.get_json("/topics/leaf-pickup/polls", None).await;
    let poll = &polls["polls"][0];
    let (first, second) = (&poll["options"][0]["id"], &poll["options"][1]["id"]);
    for (name, option) in [("Ana", first), ("Bo", second), ("Cy", second)] {
        let voter = app.register(name).await;
        let ballot = app
            .put(
                &format!("/polls/{}/ballot", poll["id"]),
                Some(&voter),
                &serde_json::json!({"options": [option]}),
            )
            .await;
        assert!(ballot.status().is_success(), "{}", ballot.status());
    }
    let page = app
        .http
        .get(format!("{}/topics/leaf-pickup/report", app.base))
        .header(COOKIE, &luz.cookie)
        .header("accept-language", "es")
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap().replace("<!>", "");
    assert!(html.contains("First: 1 voto, "), "{html}");
    assert!(html.contains("Second: 2 votos, "), "{html}");
    assert!(html.contains("3 papeletas"), "{html}");
    assert!(!html.contains("1 votos"), "{html}");
}

#[tokio::test]
async fn a_topics_edit_form_and_its_key_dates_work_without_the_app() {
    let app = spawn_with(fresh_database().await, Some(client_dir("edit-topic"))).await;
    let admin = app.demo_admin().await;
    let slug = "leaf-pickup";
    let created = app
        .post(
            "/topics",
            Some(&admin),
            &serde_json::json!({
                "slug": slug,
                "title": "Leaf Pickup",
                "summary": "When the city picks up leaves.",
                "opens_at": "2027-01-13T00:00:00Z",
                "closes_at": "2027-03-01T05:59:00Z",
                "time_zone": "America/Chicago",
                "host": {"name": "Alex Rivera", "role": "Public Works"},
                "draft_title": "Leaf Pickup Schedule",
                "draft": "## Dates\n\nTwice in the fall.\n\n## Bags\n\nPaper bags only.\n",
                "polls": [{"question": "Which week?", "options": ["First", "Second"],
                    "translations": {"es": {"question": "¿Qué semana?", "options": ["Primera", "Segunda"]}}}],
                "translations": {"es": {"title": "Recogida de hojas", "summary": "Cuándo."}},
                "published": false,
            }),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let edit_page = format!("/admin/topics/{slug}/edit");
    let mut browser = signed_in_as(&admin);
    let (status, page) = browser.get(&app, &edit_page).await;
    assert_eq!(status, StatusCode::OK);
    // The Spanish is in the form, marked as Spanish; the poll's with it.
    assert!(
        page.contains("id=\"translations_es_title\" name=\"translations_es_title\""),
        "{page}"
    );
    assert!(page.contains("lang=\"es\""), "{page}");
    assert!(page.contains("value=\"Recogida de hojas\""), "{page}");
    assert!(
        page.contains("[es] ¿Qué semana?\n- Primera\n- Segunda"),
        "{page}"
    );
    assert!(page.contains("id=\"date-title\""), "the key dates: {page}");
    let token = token_in(&page);

    // A key date, on the topic's clock: back to the form, saying so.
    let date = |title: &str, when: &str| {
        vec![
            ("csrf".to_string(), token.clone()),
            ("do".into(), "add-date".into()),
            ("form".into(), "date-title".into()),
            ("title".into(), title.to_string()),
            ("when".into(), when.to_string()),
            ("place".into(), "City Hall".into()),
        ]
    };
    let added = browser
        .post(
            &app,
            &edit_page,
            &send(&date("Council meeting", "2027-02-01T18:00")),
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        added.headers()[LOCATION],
        format!("{edit_page}?done=date-added#dates-title").as_str()
    );
    let (_, page) = browser
        .get(&app, &format!("{edit_page}?done=date-added"))
        .await;
    assert!(page.contains("Date added."), "{page}");
    assert!(page.contains("Council meeting"), "{page}");
    let topic: serde_json::Value = app.get_json(&format!("/topics/{slug}"), Some(&admin)).await;
    assert_eq!(topic["dates"][0]["starts_at"], "2027-02-02T00:00:00Z");

    // A date refused: its mistake above, on its form; the topic's form
    // stays as the topic is.
    let refused = browser
        .post(&app, &edit_page, &send(&date("Hearing", "")))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap().replace("<!>", "");
    assert!(html.contains("<a href=\"#date-title\">"), "{html}");
    assert!(html.contains("value=\"Hearing\""), "{html}");
    assert!(html.contains("value=\"Leaf Pickup\""), "{html}");
    assert!(html.contains("value=\"Recogida de hojas\""), "{html}");

    // The whole form, its Spanish changed and the poll's kept.
    let form = |spanish_draft: &str| {
        vec![
            ("csrf".to_string(), token.clone()),
            ("title".into(), "Leaf Pickup".into()),
            ("summary".into(), "When the city picks up leaves.".into()),
            ("time_zone".into(), "America/Chicago".into()),
            ("opens_at".into(), "2027-01-12T18:00".into()),
            ("closes_at".into(), "2027-02-28T23:59".into()),
            ("results_rule".into(), "after_voting".into()),
            ("host_name".into(), "Alex Rivera".into()),
            ("host_role".into(), "Public Works".into()),
            ("polls".into(), "Which week?\r\n- First\r\n- Second\r\n[es] ¿Cuál semana?\r\n- Primera\r\n- Segunda\r\n\r\nColdest pickup?\r\n- -5 °F\r\n- 0 °F".into()),
            ("draft_title".into(), "Leaf Pickup Schedule".into()),
            ("draft".into(), "## Dates\n\nTwice in the fall.\n\n## Bags\n\nPaper bags only.\n".into()),
            ("translations_es_title".into(), "Recogida de hojas secas".into()),
            ("translations_es_summary".into(), "Cuándo.".into()),
            ("translations_es_draft_title".into(), "Calendario".into()),
            ("translations_es_draft".into(), spanish_draft.to_string()),
        ]
    };
    let unfit = browser
        .post(&app, &edit_page, &send(&form("## Fechas\n\nDos veces.\n")))
        .await;
    assert_eq!(unfit.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = unfit.text().await.unwrap().replace("<!>", "");
    assert!(
        html.contains("<a href=\"#translations_es_draft\">"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Recogida de hojas secas\""),
        "kept: {html}"
    );
    let saved = browser
        .post(
            &app,
            &edit_page,
            &send(&form("## Fechas\n\nDos veces.\n\n## Bolsas\n\nDe papel.\n")),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let setup: serde_json::Value = app
        .get_json(&format!("/topics/{slug}/setup"), Some(&admin))
        .await;
    assert_eq!(
        setup["translations"]["es"]["title"],
        "Recogida de hojas secas"
    );
    assert_eq!(setup["translations"]["es"]["draft_title"], "Calendario");
    assert_eq!(
        setup["polls"][0]["translations"]["es"]["question"],
        "¿Cuál semana?"
    );
    assert_eq!(setup["dates"][0]["title"], "Council meeting");
    // An option's own leading minus is kept: only "- " marks one.
    assert_eq!(
        setup["polls"][1]["options"],
        serde_json::json!(["-5 °F", "0 °F"])
    );
}
