//! The scale-out drill (issue 24): nginx, configured by `deploy/nginx.conf`,
//! in front of three `pulse serve` instances on one PostgreSQL database,
//! with a real SMTP server. Residents read, comment and vote through nginx
//! while one instance is killed (`kill -9`) and started again, and then all
//! three are restarted in turn with `SIGTERM`. It checks, and prints:
//!
//! - every comment acknowledged (`201`) is in the database;
//! - no `5xx` reached a resident but for requests the killed instance held
//!   open (nginx sends a request that reached no instance to the next, and
//!   one that was sent again only when it is safe to repeat);
//! - every subscriber got each update's notice exactly once;
//! - a rate limit is counted across the instances, not once per instance;
//! - a comment posted on one instance shows on the others within the
//!   caches' bound (`cache::FRESH_FOR`, one second);
//! - each `SIGTERM` ended its instance within the grace period.
//!
//! `make drill` runs it for a minute (`PULSE_DRILL_SECONDS=60`); the suite
//! runs it for twelve seconds on its PostgreSQL pass. It needs PostgreSQL
//! and nginx (`make test` installs nginx-light); without them it is skipped
//! loudly, unless `PULSE_REQUIRE_POSTGRES=1`, which fails instead.

use pulse_tests::smtp::SmtpSink;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TOPIC: &str = "body-worn-cameras";
const GRACE: Duration = Duration::from_secs(5);
const RESIDENTS: usize = 24;
const SUBSCRIBERS: usize = 10;
/// nginx's `fail_timeout` in deploy/nginx.conf: how long it leaves an
/// instance alone after a failure. A rolling restart waits that long after
/// an instance is ready before stopping the next.
const NGINX_FAIL_TIMEOUT: Duration = Duration::from_secs(2);

fn required() -> bool {
    std::env::var("PULSE_REQUIRE_POSTGRES").as_deref() == Ok("1")
}

fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// `deploy/nginx.conf` with the drill's ports, and a plain listener on
/// loopback in place of the TLS lines and the redirecting server.
fn nginx_config(work: &Path, listen: u16, instances: &[u16]) -> PathBuf {
    let mut site =
        std::fs::read_to_string(root().join("deploy/nginx.conf")).expect("deploy/nginx.conf");
    let cut = |site: &mut String, begin: &str, end: &str, with: &str| {
        let a = site
            .find(begin)
            .unwrap_or_else(|| panic!("{begin} in nginx.conf"));
        let b = site
            .find(end)
            .unwrap_or_else(|| panic!("{end} in nginx.conf"))
            + end.len();
        site.replace_range(a..b, with);
    };
    cut(&mut site, "# plain http: begin", "# plain http: end", "");
    cut(
        &mut site,
        "# tls: begin",
        "# tls: end",
        &format!("listen 127.0.0.1:{listen};"),
    );
    for (n, port) in instances.iter().enumerate() {
        site = site.replace(
            &format!("127.0.0.1:{}", 8081 + n),
            &format!("127.0.0.1:{port}"),
        );
    }
    std::fs::write(work.join("pulse.conf"), site).expect("writing the site");
    let tmp = work.join("tmp");
    std::fs::create_dir_all(&tmp).expect("nginx's temp folder");
    let w = work.display();
    let main = format!(
        "worker_processes 1;\npid {w}/nginx.pid;\nerror_log {w}/nginx-error.log;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {w}/tmp;\n  proxy_temp_path {w}/tmp;\n\
           fastcgi_temp_path {w}/tmp;\n  uwsgi_temp_path {w}/tmp;\n  scgi_temp_path {w}/tmp;\n\
           include {w}/pulse.conf;\n}}\n"
    );
    let path = work.join("nginx.conf");
    std::fs::write(&path, main).expect("writing nginx.conf");
    // nginx's workers run as another user.
    let _ = Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(work)
        .status();
    path
}

struct Instance {
    port: u16,
    child: Option<Child>,
}

struct Drill {
    database: String,
    smtp: String,
    public: String,
    work: PathBuf,
    instances: Vec<Instance>,
}

impl Drill {
    fn start(&mut self, n: usize, demo: bool) {
        let port = self.instances[n].port;
        let log = std::fs::File::create(self.work.join(format!("pulse-{n}.log"))).expect("a log");
        let mut command = Command::new(env!("CARGO_BIN_EXE_pulse"));
        command
            .arg("serve")
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(["--database", &self.database])
            .args(["--client-dir", "/nonexistent"])
            .args(["--smtp-url", &self.smtp])
            .args(["--public-url", &self.public])
            .args(["--city-name", "Drill City"])
            .args(["--trusted-proxy", "127.0.0.1"])
            .args(["--shutdown-grace", &GRACE.as_secs().to_string()])
            // Mail leased by the killed instance is sent by another after
            // this (60 s by default).
            .args(["--mail-lease", "5"])
            .args([
                "--rate-limits",
                "registrations_per_address=1000,comments_per_account=100000,ballots_per_account=100000",
            ])
            .env("NO_COLOR", "1")
            .env("PULSE_LOG", "warn")
            .stdout(log)
            .stderr(Stdio::null());
        if demo {
            command.arg("--demo");
        }
        self.instances[n].child = Some(command.spawn().expect("pulse starts"));
    }

    async fn ready(&self, n: usize) {
        let url = format!("http://127.0.0.1:{}/readyz", self.instances[n].port);
        let started = Instant::now();
        loop {
            if let Ok(answer) = reqwest::get(&url).await
                && answer.status() == 200
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "instance {n} was not ready within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn kill(&mut self, n: usize) {
        if let Some(mut child) = self.instances[n].child.take() {
            child.kill().expect("kill -9");
            child.wait().expect("it ends");
        }
    }

    /// `SIGTERM`, and how long the instance took to end.
    async fn terminate(&mut self, n: usize) -> Duration {
        let mut child = self.instances[n].child.take().expect("running");
        let sent = Instant::now();
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        loop {
            if let Some(status) = child.try_wait().expect("waits") {
                assert!(status.success(), "instance {n} ended with {status}");
                return sent.elapsed();
            }
            if sent.elapsed() > GRACE * 3 {
                let _ = child.kill();
                panic!("instance {n} did not end on SIGTERM");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

impl Drop for Drill {
    fn drop(&mut self) {
        for instance in &mut self.instances {
            if let Some(child) = &mut instance.child {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

struct Nginx(Child);

impl Drop for Nginx {
    /// SIGTERM: nginx's master stops its workers before it exits. SIGKILL
    /// (`Child::kill`) ended the master alone and left its worker running,
    /// orphaned, one a drill; it is only the last resort here.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A resident: an HTTP client from an address of its own (nginx passes it
/// on in X-Forwarded-For), with a session once registered.
struct Resident {
    http: reqwest::Client,
    cookie: String,
    email: String,
}

fn client_from(address: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(address)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("an HTTP client")
}

fn cookie_of(answer: &reqwest::Response) -> String {
    pulse_tests::session_cookie(
        answer
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()),
    )
    .expect("a session cookie")
}

/// What a resident saw of one request.
#[derive(Clone, Copy)]
struct Seen {
    at: Duration,
    write: bool,
    /// The status, or 0 when no answer came.
    status: u16,
    took: Duration,
}

#[derive(Default)]
struct Tally {
    seen: Vec<Seen>,
    acknowledged: Vec<i64>,
}

async fn resident_loop(
    resident: Arc<Resident>,
    base: String,
    poll: Value,
    n: usize,
    started: Instant,
    stop: Arc<std::sync::atomic::AtomicBool>,
    tally: Arc<Mutex<Tally>>,
) {
    let option_ids: Vec<i64> = poll["options"]
        .as_array()
        .expect("options")
        .iter()
        .filter_map(|o| o["id"].as_i64())
        .collect();
    let mut round = 0usize;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        round += 1;
        let (write, request) = match round % 4 {
            0 => (
                true,
                resident
                    .http
                    .post(format!("{base}/api/v1/topics/{TOPIC}/comments"))
                    .json(&json!({"section": "purpose", "body": format!("Drill {n}.{round}")})),
            ),
            1 => (
                true,
                resident
                    .http
                    .put(format!("{base}/api/v1/polls/{}/ballot", poll["id"]))
                    .json(&json!({"options": [option_ids[round % option_ids.len()]]})),
            ),
            2 => (
                false,
                resident.http.get(format!(
                    "{base}/api/v1/topics/{TOPIC}/comments?section=purpose"
                )),
            ),
            _ => (
                false,
                resident.http.get(format!("{base}/api/v1/topics/{TOPIC}")),
            ),
        };
        let asked = Instant::now();
        let at = asked - started;
        let answer = request.header("cookie", &resident.cookie).send().await;
        let took = asked.elapsed();
        let (status, id) = match answer {
            Ok(answer) => {
                let status = answer.status().as_u16();
                let id = if status == 201 {
                    answer
                        .json::<Value>()
                        .await
                        .ok()
                        .and_then(|c| c["id"].as_i64())
                } else {
                    None
                };
                (status, id)
            }
            Err(_) => (0, None),
        };
        let mut tally = tally.lock().expect("the tally");
        tally.seen.push(Seen {
            at,
            write,
            status,
            took,
        });
        if let Some(id) = id {
            tally.acknowledged.push(id);
        }
    }
}

fn percentile(mut took: Vec<Duration>, p: f64) -> Duration {
    if took.is_empty() {
        return Duration::ZERO;
    }
    took.sort();
    let at = ((took.len() as f64 * p).ceil() as usize).clamp(1, took.len()) - 1;
    took[at]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_instances_behind_nginx_survive_kill_and_rolling_restart() {
    if std::env::var("PULSE_TEST_DATABASE").as_deref() != Ok("postgres") {
        // The drill is of several instances on one PostgreSQL database: the
        // suite's PostgreSQL pass runs it.
        return;
    }
    if !pulse_tests::databases::postgres_for("the drill").await {
        return;
    }
    let Some(nginx_bin) = nginx() else {
        assert!(!required(), "the drill needs nginx (make tools-apt)");
        eprintln!("!! the drill is SKIPPED: nginx is not installed");
        return;
    };
    let seconds: u64 = std::env::var("PULSE_DRILL_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12)
        .max(6);
    let work = std::env::temp_dir().join(format!("pulse-drill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("a work folder");
    let sink = SmtpSink::start();
    let listen = free_port();
    let base = format!("http://127.0.0.1:{listen}");
    let mut drill = Drill {
        database: pulse_tests::databases::fresh_postgres("drill").await,
        smtp: sink.url(),
        public: base.clone(),
        work: work.clone(),
        instances: (0..3)
            .map(|_| Instance {
                port: free_port(),
                child: None,
            })
            .collect(),
    };
    // The first loads the demo; the others find it there.
    drill.start(0, true);
    drill.ready(0).await;
    drill.start(1, false);
    drill.start(2, false);
    drill.ready(1).await;
    drill.ready(2).await;
    let ports: Vec<u16> = drill.instances.iter().map(|i| i.port).collect();
    let config = nginx_config(&work, listen, &ports);
    let _nginx = Nginx(
        Command::new(&nginx_bin)
            .arg("-c")
            .arg(&config)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts"),
    );
    let started = Instant::now();
    loop {
        if reqwest::get(format!("{base}/healthz"))
            .await
            .is_ok_and(|a| a.status() == 200)
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nginx did not answer"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A rate limit is one across the instances: 25 failed sign-ins from one
    // address, 20 a minute allowed, exactly 5 refused (per instance, none
    // would be).
    let prober = client_from("127.0.0.9".parse().expect("an address"));
    let mut refused = 0;
    for n in 0..25 {
        let answer = prober
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"email": format!("nobody{n}@example.org"), "password": "wrong wrong wrong"}))
            .send()
            .await
            .expect("an answer");
        if answer.status() == 429 {
            refused += 1;
        }
    }
    assert_eq!(refused, 5, "sign-ins refused of 25 (limit 20 a minute)");

    // Residents, each from an address of their own; some subscribe.
    let mut residents = Vec::new();
    for n in 0..RESIDENTS {
        let http = client_from(format!("127.0.0.{}", 20 + n).parse().expect("an address"));
        let email = format!("resident{n}@drill.example.org");
        let answer = http
            .post(format!("{base}/api/v1/accounts"))
            .json(
                &json!({"email": email, "display_name": format!("Resident {n}"),
                          "password": "correct horse battery", "lang": "en"}),
            )
            .send()
            .await
            .expect("registering");
        assert_eq!(answer.status(), 201, "registering {email}");
        let cookie = cookie_of(&answer);
        if n < SUBSCRIBERS {
            let answer = http
                .post(format!("{base}/api/v1/topics/{TOPIC}/subscriptions"))
                .header("cookie", &cookie)
                .json(&json!({}))
                .send()
                .await
                .expect("subscribing");
            assert!(
                answer.status().is_success(),
                "subscribing: {}",
                answer.status()
            );
        }
        residents.push(Arc::new(Resident {
            http,
            cookie,
            email,
        }));
    }
    // Subscribers confirm their addresses (notices wait until then).
    for resident in &residents[..SUBSCRIBERS] {
        let mail = sink
            .wait_for(&resident.email, "", 1, Duration::from_secs(30))
            .await;
        let token = mail
            .iter()
            .find_map(|m| m.token("/account/verify"))
            .expect("a link to confirm the address");
        let answer = resident
            .http
            .post(format!("{base}/api/v1/account/verify"))
            .json(&json!({"token": token}))
            .send()
            .await
            .expect("confirming");
        assert!(
            answer.status().is_success(),
            "confirming: {}",
            answer.status()
        );
    }
    let subscribers: BTreeSet<String> = residents[..SUBSCRIBERS]
        .iter()
        .map(|r| r.email.clone())
        .collect();
    let host = client_from("127.0.0.5".parse().expect("an address"));
    let signed_in = host
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": pulse_server::demo::HOST_EMAIL, "password": pulse_server::demo::HOST_PASSWORD}))
        .send()
        .await
        .expect("the host signs in");
    assert_eq!(signed_in.status(), 200);
    let host_cookie = cookie_of(&signed_in);
    let polls: Value = reqwest::get(format!("{base}/api/v1/topics/{TOPIC}/polls"))
        .await
        .expect("polls")
        .json()
        .await
        .expect("JSON");
    let poll = polls["polls"][0].clone();

    // The load, and what happens to the instances meanwhile.
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load: Vec<_> = residents
        .iter()
        .enumerate()
        .map(|(n, r)| {
            tokio::spawn(resident_loop(
                Arc::clone(r),
                base.clone(),
                poll.clone(),
                n,
                started,
                Arc::clone(&stop),
                Arc::clone(&tally),
            ))
        })
        .collect();
    let mut updates = Vec::new();
    let post_update = |title: String| {
        let host = host.clone();
        let base = base.clone();
        let cookie = host_cookie.clone();
        async move {
            let answer = host
                .post(format!("{base}/api/v1/topics/{TOPIC}/updates"))
                .header("cookie", cookie)
                .json(&json!({"title": title, "body": "From the drill."}))
                .send()
                .await
                .expect("an answer");
            let status = answer.status().as_u16();
            if status != 201 {
                eprintln!(
                    "the update: {status} {}",
                    answer.text().await.unwrap_or_default()
                );
            }
            status
        }
    };
    let span = Duration::from_secs(seconds);
    tokio::time::sleep(span / 8).await;
    let title = "Drill update one".to_string();
    assert_eq!(post_update(title.clone()).await, 201);
    updates.push(title);

    tokio::time::sleep_until((started + span / 4).into()).await;
    let killed_at = started.elapsed();
    drill.kill(1);
    let title = "Drill update two, after a kill".to_string();
    assert_eq!(post_update(title.clone()).await, 201);
    updates.push(title);
    tokio::time::sleep(Duration::from_millis(500)).await;
    drill.start(1, false);
    drill.ready(1).await;
    let back_at = started.elapsed();

    tokio::time::sleep_until((started + span / 2).into()).await;
    let rolling_from = started.elapsed();
    let mut sigterm = Vec::new();
    for n in 0..3 {
        tokio::time::sleep(NGINX_FAIL_TIMEOUT).await;
        sigterm.push(drill.terminate(n).await);
        drill.start(n, false);
        drill.ready(n).await;
    }
    let rolling_to = started.elapsed();
    tokio::time::sleep(NGINX_FAIL_TIMEOUT).await;
    let title = "Drill update three, after the restarts".to_string();
    assert_eq!(post_update(title.clone()).await, 201);
    updates.push(title);
    tokio::time::sleep_until((started + span).into()).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for task in load {
        task.await.expect("a resident's load");
    }
    let elapsed = started.elapsed();

    // Acknowledged writes: all there.
    let tally = std::mem::take(&mut *tally.lock().expect("the tally"));
    let db = pulse_server::db::Db::connect(&drill.database)
        .await
        .expect("the database");
    let mut conn = db.read().await.expect("a connection");
    let mut found = 0;
    for chunk in tally.acknowledged.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM comments WHERE id IN ({list})"
        )))
        .fetch_one(&mut *conn)
        .await
        .expect("counting");
        found += n;
    }
    let acknowledged = tally.acknowledged.len();
    assert_eq!(found as usize, acknowledged, "acknowledged comments found");
    assert!(acknowledged > 0, "no comment was acknowledged");

    // Failures seen by residents: only writes the killed instance held
    // open, in the moment of the kill.
    let failed: Vec<Seen> = tally
        .seen
        .iter()
        .copied()
        .filter(|s| s.status == 0 || s.status >= 500)
        .collect();
    let window = killed_at..killed_at + Duration::from_secs(1);
    for seen in &failed {
        assert!(
            seen.write && (window.contains(&seen.at) || window.contains(&(seen.at + seen.took))),
            "a {} {} at {:?} (took {:?}): the kill was at {killed_at:?}; restarts {rolling_from:?}–{rolling_to:?}",
            if seen.write { "write" } else { "read" },
            seen.status,
            seen.at,
            seen.took,
        );
    }
    assert!(failed.len() <= RESIDENTS, "{} failed", failed.len());

    // A comment posted on one instance shows on the others within the
    // caches' bound.
    let direct = |n: usize| format!("http://127.0.0.1:{}", drill.instances[n].port);
    let count_on = |n: usize| {
        let url = format!("{}/api/v1/topics/{TOPIC}", direct(n));
        async move {
            let topic: Value = reqwest::get(url)
                .await
                .expect("an answer")
                .json()
                .await
                .expect("JSON");
            topic["comment_count"].as_i64().expect("a count")
        }
    };
    for n in 0..3 {
        count_on(n).await; // each instance keeps its answer now
    }
    let poster = &residents[0];
    let posted = poster
        .http
        .post(format!("{}/api/v1/topics/{TOPIC}/comments", direct(0)))
        .header("cookie", &poster.cookie)
        .json(&json!({"section": "purpose", "body": "Seen everywhere?"}))
        .send()
        .await
        .expect("an answer");
    assert_eq!(posted.status(), 201);
    let posted_at = Instant::now();
    let wanted = count_on(0).await;
    let mut coherent = Duration::ZERO;
    for n in 1..3 {
        loop {
            if count_on(n).await >= wanted {
                coherent = coherent.max(posted_at.elapsed());
                break;
            }
            assert!(
                posted_at.elapsed() < Duration::from_millis(1_500),
                "instance {n} still showed the old count after 1.5 s"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    // Every subscriber hears of each update once: once the outbox is
    // empty of what is due, no more is coming.
    let waited = Instant::now();
    loop {
        let due: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND digest = 0",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("counting the outbox");
        if due == 0 {
            break;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "{due} messages still due"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut notices: BTreeMap<(String, String), usize> = BTreeMap::new();
    for mail in sink.messages() {
        for title in &updates {
            if mail.subject.contains(title.as_str()) {
                for to in &mail.to {
                    *notices.entry((to.clone(), title.clone())).or_default() += 1;
                }
            }
        }
    }
    for ((to, title), count) in &notices {
        assert_eq!(*count, 1, "{to} heard of “{title}” {count} times");
    }
    for to in &subscribers {
        for title in &updates {
            assert!(
                notices.contains_key(&(to.clone(), title.clone())),
                "{to} never heard of “{title}”"
            );
        }
    }

    for (n, took) in sigterm.iter().enumerate() {
        assert!(
            *took < GRACE,
            "instance {n} took {took:?} to end on SIGTERM"
        );
    }

    let writes: Vec<Duration> = tally
        .seen
        .iter()
        .filter(|s| s.write && s.status < 500 && s.status > 0)
        .map(|s| s.took)
        .collect();
    let reads: Vec<Duration> = tally
        .seen
        .iter()
        .filter(|s| !s.write && s.status < 500 && s.status > 0)
        .map(|s| s.took)
        .collect();
    println!(
        "drill: {seconds} s of load, {RESIDENTS} residents through nginx, three instances on PostgreSQL"
    );
    println!(
        "  requests: {} ({:.0}/s); reads p99 {:?}, writes p99 {:?}",
        tally.seen.len(),
        tally.seen.len() as f64 / elapsed.as_secs_f64(),
        percentile(reads, 0.99),
        percentile(writes, 0.99),
    );
    println!("  comments acknowledged: {acknowledged}, found: {found}");
    println!(
        "  kill -9 at {killed_at:.1?}, back at {back_at:.1?}: {} requests failed (all writes in flight on it)",
        failed.len()
    );
    println!(
        "  rolling restart {rolling_from:.1?}–{rolling_to:.1?}: SIGTERM took {sigterm:.2?} (grace {GRACE:?})"
    );
    println!(
        "  updates: {}, each heard once by each of {} subscribers ({} notices)",
        updates.len(),
        subscribers.len(),
        notices.len()
    );
    println!("  rate limit across instances: 5 of 25 sign-ins refused (20 a minute)");
    println!(
        "  a comment on one instance showed on the others after {coherent:.2?} (answers are kept 1 s)"
    );
    drop(drill);
    let _ = std::fs::remove_dir_all(&work);
}
