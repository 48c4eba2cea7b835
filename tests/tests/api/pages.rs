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

/// A client folder whose page has the place the server renders into.
fn client_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pulse-forms-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html lang=\"en\"><head><title>Pulse</title></head><body>\
         <div id=\"app\"><!--prerender--><!--/prerender--></div></body></html>",
    )
    .unwrap();
    dir
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
