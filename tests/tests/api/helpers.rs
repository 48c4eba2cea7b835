//! Starts the real Pulse server on port 0 with a fresh database and talks
//! to it over HTTP. `PULSE_TEST_DATABASE=postgres` runs on PostgreSQL (at
//! `PULSE_TEST_POSTGRES_URL`, a new database per test); anything else runs
//! on a new SQLite file per test.

use pulse_server::Config;
use pulse_server::config::Limits;
use reqwest::header::{CONTENT_TYPE, COOKIE, HeaderMap, SET_COOKIE};
use reqwest::{Method, Response, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    /// The database it serves.
    pub database: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// A fresh database URL for one test (see `pulse_tests::databases`).
pub async fn fresh_database() -> String {
    pulse_tests::databases::fresh_database("api").await
}

/// The demo loaded into a fresh database, served on a free port.
pub use pulse_tests::page_dir;

pub async fn spawn_app() -> TestApp {
    spawn_with(fresh_database().await, None).await
}

/// Serves `database_url` (with the demo) and, when given, a client folder.
pub async fn spawn_with(database_url: String, client_dir: Option<PathBuf>) -> TestApp {
    let mut config = Config::new(database_url.clone());
    config.bind = "127.0.0.1:0".into();
    config.demo = true;
    config.client_dir = client_dir.unwrap_or_else(|| PathBuf::from("/nonexistent"));
    config.limits = Limits {
        registrations_per_address: 1_000,
        sign_ins_per_address: 1_000,
        sign_ins_per_account: 1_000,
        comments_per_account: 1_000,
        ballots_per_account: 1_000,
        subscriptions_per_address: 1_000,
        password_resets_per_address: 1_000,
    };
    spawn_config(config).await
}

/// A fresh database with the demo, on a free port, with the default limits
/// (the ones `pulse serve` uses) changed by `tune`.
pub async fn spawn_tuned(tune: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = Config::new(fresh_database().await);
    config.bind = "127.0.0.1:0".into();
    config.demo = true;
    tune(&mut config);
    spawn_config(config).await
}

pub async fn spawn_config(mut config: Config) -> TestApp {
    // Without a mail server, messages are files: each test keeps its own.
    if config.mail.smtp_url.is_none() {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        config.mail.outbox_dir = std::env::temp_dir().join(format!(
            "pulse-test-outbox-{}-{}-{n}",
            std::process::id(),
            nanos()
        ));
    }
    let database = config.database_url.clone();
    let server = pulse_server::startup::build(config)
        .await
        .expect("the server starts");
    let addr = server.local_addr().expect("bound");
    tokio::spawn(server.run(std::future::pending()));
    TestApp {
        database,
        base: format!("http://{addr}"),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client"),
    }
}

/// A server with the demo whose database the test can also reach.
pub async fn spawn_reachable(tune: impl FnOnce(&mut pulse_server::Config)) -> (TestApp, String) {
    let url = fresh_database().await;
    let mut config = pulse_server::Config::new(url.clone());
    config.bind = "127.0.0.1:0".into();
    config.demo = true;
    tune(&mut config);
    (spawn_config(config).await, url)
}

/// Runs SQL on a test's database, standing in for time passing.
pub async fn run_sql(url: &str, sql: &str) {
    let db = pulse_server::db::Db::connect(url)
        .await
        .expect("the test database");
    let mut conn = db.read().await.expect("the test database");
    sqlx::Executor::execute(&mut *conn, sqlx::AssertSqlSafe(sql.to_string()))
        .await
        .expect("the test database");
}

/// Waits, up to 30 s, until `sql` counts at least `wanted`: a condition,
/// not a guess at how long something takes.
pub async fn wait_for_count(url: &str, sql: &str, wanted: i64) {
    wait_until_count(url, sql, |n| n >= wanted).await;
}

async fn wait_until_count(url: &str, sql: &str, done: impl Fn(i64) -> bool) {
    let db = pulse_server::db::Db::connect(url)
        .await
        .expect("the test database");
    let start = std::time::Instant::now();
    loop {
        let mut conn = db.read().await.expect("the test database");
        let now: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(&mut *conn)
            .await
            .expect("the test database");
        if done(now) {
            return;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "{sql}: still {now} after 30 s"
        );
        drop(conn);
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}

/// Waits until the mail worker has dealt with every message due now: each
/// is sent, or given up on, or waiting for a later try. What has not
/// arrived by then does not come.
pub async fn outbox_settled(url: &str) {
    // Notices held for an account's address not yet confirmed wait for it,
    // not for the worker.
    let pending = format!(
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
         AND due_at <= {} AND NOT (outbox.kind NOT IN ('confirm_subscription', \
         'verify_email', 'reset_password', 'email_changed', 'account_exists') AND EXISTS (SELECT 1 FROM accounts a \
         WHERE a.email_verified = 0 AND (a.id = (SELECT s.account_id FROM subscriptions s \
         WHERE s.id = outbox.subscription_id) OR (outbox.subscription_id IS NULL \
         AND a.email = outbox.recipient))))",
        pulse_server::clock::now().0
    );
    wait_until_count(url, &pending, |n| n == 0).await;
}

/// A signed-in resident: the cookie to send.
#[derive(Clone)]
pub struct User {
    pub cookie: String,
    pub email: String,
}

/// The session cookie a response set, as a `Cookie` header value.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    pulse_tests::session_cookie(
        headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    )
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Sends `body` as JSON with `method`, as `user` when given.
    pub async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        user: Option<&User>,
        body: Option<&B>,
    ) -> Response {
        let mut request = self.http.request(method, self.url(path));
        if let Some(user) = user {
            request = request.header(COOKIE, &user.cookie);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("the server answers")
    }

    /// GETs a page or file of the site (not the API), asking for
    /// `encoding` (`identity`, `gzip`, `br`).
    pub async fn site(&self, path: &str, encoding: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.base))
            .header("accept-encoding", encoding)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn get(&self, path: &str, user: Option<&User>) -> Response {
        self.send::<()>(Method::GET, path, user, None).await
    }

    pub async fn get_json<T: DeserializeOwned>(&self, path: &str, user: Option<&User>) -> T {
        let response = self.get(path, user).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("JSON")
    }

    pub async fn post(&self, path: &str, user: Option<&User>, body: &Value) -> Response {
        self.send(Method::POST, path, user, Some(body)).await
    }

    pub async fn put(&self, path: &str, user: Option<&User>, body: &Value) -> Response {
        self.send(Method::PUT, path, user, Some(body)).await
    }

    pub async fn patch(&self, path: &str, user: Option<&User>, body: &Value) -> Response {
        self.send(Method::PATCH, path, user, Some(body)).await
    }

    pub async fn delete(&self, path: &str, user: Option<&User>) -> Response {
        self.send::<()>(Method::DELETE, path, user, None).await
    }

    /// Signs in with an email and password.
    pub async fn sign_in(&self, email: &str, password: &str) -> User {
        let response = self
            .post(
                "/session",
                None,
                &serde_json::json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "signing in as {email}");
        User {
            cookie: session_cookie(response.headers()).expect("a session cookie"),
            email: email.to_string(),
        }
    }

    /// The demo's host of the Body Worn Cameras topic.
    pub async fn demo_host(&self) -> User {
        self.sign_in(
            pulse_server::demo::HOST_EMAIL,
            pulse_server::demo::HOST_PASSWORD,
        )
        .await
    }

    /// The demo's administrator.
    pub async fn demo_admin(&self) -> User {
        self.sign_in(
            pulse_server::demo::ADMIN_EMAIL,
            pulse_server::demo::ADMIN_PASSWORD,
        )
        .await
    }

    /// Posts a comment on `section` of `slug` and returns it.
    pub async fn comment(&self, slug: &str, section: &str, user: &User, body: &str) -> Value {
        let response = self
            .post(
                &format!("/topics/{slug}/comments"),
                Some(user),
                &serde_json::json!({"section": section, "body": body}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "commenting");
        response.json().await.expect("JSON")
    }

    /// Registers a new resident and returns its session.
    pub async fn register(&self, name: &str) -> User {
        self.register_in(name, "en").await
    }

    /// Registers a new resident who reads `lang` (`en`, `es`).
    pub async fn register_in(&self, name: &str, lang: &str) -> User {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let email = format!("{}.{n}@example.org", name.to_lowercase().replace(' ', "."));
        let response = self
            .post(
                "/accounts",
                None,
                &serde_json::json!({
                    "email": email,
                    "display_name": name,
                    "password": "correct horse battery",
                    "lang": lang,
                }),
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "registering {email}"
        );
        User {
            cookie: session_cookie(response.headers()).expect("a session cookie"),
            email,
        }
    }

    /// The id of the first poll of a demo topic.
    pub async fn poll_of(&self, slug: &str, index: usize) -> Value {
        let polls: Value = self.get_json(&format!("/topics/{slug}/polls"), None).await;
        polls["polls"][index].clone()
    }
}

/// A topic's report as CSV, read as `user`: its header, and its rows.
pub async fn report_csv(
    app: &TestApp,
    slug: &str,
    user: &User,
) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let csv = app
        .get(&format!("/topics/{slug}/report.csv"), Some(user))
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

/// Asserts an RFC 9457 problem with `status`, returning its detail.
pub async fn problem(response: Response, status: StatusCode) -> String {
    assert_eq!(response.status(), status, "status");
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.expect("a problem body");
    assert_eq!(body["status"], status.as_u16());
    let detail = body["detail"].as_str().expect("a detail").to_string();
    assert!(detail.ends_with('.'), "detail is a sentence: {detail}");
    detail
}

pub const OPEN: &str = "body-worn-cameras";
/// The demo's comments on the open topic's first draft (three on sections,
/// one in the General thread), which its second draft answers.
pub const DEMO_COMMENTS: usize = 4;
/// Those comments' authors, the demo's residents.
pub const DEMO_AUTHORS: [&str; 2] = ["Maria Lopez", "Tom Becker"];

/// Whether a comment, as the API answers it, is one of the demo's.
pub fn is_demo(comment: &serde_json::Value) -> bool {
    DEMO_AUTHORS.contains(&comment["author"].as_str().unwrap_or_default())
}
pub const UPCOMING: &str = "parks-and-trails-plan";
pub const CLOSED: &str = "downtown-parking-study";
pub const SECTION_3: &str = "when-officers-record";

/// The instant `days` from now by the server's clock, as RFC 3339: dates in
/// tests are derived from today, never written as a calendar date that goes
/// stale.
pub fn days_from_now(days: i64) -> String {
    pulse_api::Timestamp(pulse_server::clock::now().0 + days * 86_400).to_string()
}
