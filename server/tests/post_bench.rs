//! Posting comments under load (`make bench`, `tests/bench.sh`), not a
//! test: residents post to running `pulse serve` instances, either at a
//! fixed rate (open loop: each post has its moment, and its latency counts
//! from that moment, so a slow answer delays no later post's clock) or as
//! fast as the answers come (closed loop, like wrk).
//!
//! Set by the environment:
//! - `PULSE_BENCH_TARGETS`: the instances' base URLs, comma-separated;
//!   connections are spread over them in turn.
//! - `PULSE_BENCH_RATE`: posts a second (0: as fast as answered).
//! - `PULSE_BENCH_SECONDS` (10), `PULSE_BENCH_CONNECTIONS` (64),
//!   `PULSE_BENCH_RESIDENTS` (64): residents are registered once, by name,
//!   and signed in again on later runs against the same database.
//! - `PULSE_BENCH_TOPICS` (1): posts go to this many open topics in turn,
//!   the demo's Body Worn Cameras first; the others are made as the demo's
//!   admin, once.
//!
//! Prints one line, `POST_BENCH rate=… p50=… p99=… max=… failed=…`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is the report

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use pulse_api::wire::{HostCard, NewTopic, Topic};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| v.parse().expect(name))
        .unwrap_or(default)
}

/// A resident or the admin, signed in: the cookie to send.
async fn sign_in(http: &reqwest::Client, base: &str, email: &str, password: &str) -> String {
    let origin = base.to_string();
    let register = http
        .post(format!("{base}/api/v1/accounts"))
        .header("Origin", &origin)
        .json(&serde_json::json!({
            "email": email, "display_name": email.split('@').next().unwrap(), "password": password
        }))
        .send()
        .await
        .unwrap();
    let answer = if register.status().is_success() {
        register
    } else {
        let again = http
            .post(format!("{base}/api/v1/session"))
            .header("Origin", &origin)
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap();
        assert!(
            again.status().is_success(),
            "signing in {email}: {}",
            again.status()
        );
        again
    };
    answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The topics to post to, each with the anchors of its sections.
async fn topics(http: &reqwest::Client, base: &str, count: u64) -> Vec<(String, Vec<String>)> {
    let mut slugs = vec!["body-worn-cameras".to_string()];
    if count > 1 {
        let admin = sign_in(
            http,
            base,
            pulse_server::demo::ADMIN_EMAIL,
            pulse_server::demo::ADMIN_PASSWORD,
        )
        .await;
        let now = pulse_server::clock::now().0;
        for n in 2..=count {
            let slug = format!("bench-topic-{n}");
            let draft = (1..=6)
                .map(|s| format!("## Part {s}\n\nWhat part {s} of bench topic {n} says.\n\n"))
                .collect::<String>();
            let topic = NewTopic {
                slug: slug.clone(),
                title: format!("Bench topic {n}"),
                summary: "A topic the posting benchmark makes.".into(),
                opens_at: pulse_api::Timestamp(now - 86_400_000),
                closes_at: pulse_api::Timestamp(now + 30 * 86_400_000),
                time_zone: "America/Chicago".into(),
                results_rule: pulse_api::wire::ResultsRule::AfterVoting,
                host: HostCard {
                    name: "Bench Host".into(),
                    role: "Clerk".into(),
                    phone: None,
                    email: None,
                },
                documents: vec![],
                draft_title: format!("Bench draft {n}"),
                draft,
                polls: vec![],
                require_verified_email: false,
                translations: Default::default(),
                published: true,
            };
            let made = http
                .post(format!("{base}/api/v1/topics"))
                .header("Origin", base)
                .header("Cookie", &admin)
                .json(&topic)
                .send()
                .await
                .unwrap();
            // Made by an earlier run against the same database: 409.
            assert!(
                made.status().is_success() || made.status() == 409,
                "making {slug}: {} {}",
                made.status(),
                made.text().await.unwrap()
            );
            slugs.push(slug);
        }
    }
    let mut found = Vec::new();
    for slug in slugs {
        let topic: Topic = http
            .get(format!("{base}/api/v1/topics/{slug}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let anchors = topic
            .draft
            .expect("a draft")
            .sections
            .into_iter()
            .map(|s| s.anchor)
            .collect();
        found.push((slug, anchors));
    }
    found
}

struct Load {
    rate: u64,
    start: Instant,
    end: Instant,
    next: AtomicU64,
    topics: Vec<(String, Vec<String>)>,
}

/// One connection's posts: their latencies in microseconds, and how many
/// failed.
async fn post_on(load: Arc<Load>, base: String, cookie: String) -> (Vec<u32>, u64) {
    let authority = base.trim_start_matches("http://").to_string();
    let stream = tokio::net::TcpStream::connect(&authority).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(conn);
    let mut latencies = Vec::new();
    let mut failed = 0;
    loop {
        let n = load.next.fetch_add(1, Ordering::Relaxed);
        let due = match (n * 1_000_000_000).checked_div(load.rate) {
            None => Instant::now(),
            Some(nanos) => load.start + Duration::from_nanos(nanos),
        };
        if due >= load.end {
            break;
        }
        tokio::time::sleep_until(due.into()).await;
        let (slug, anchors) = &load.topics[(n as usize) % load.topics.len()];
        let anchor = &anchors[(n as usize / load.topics.len()) % anchors.len()];
        let body = format!(r#"{{"section":"{anchor}","body":"A benchmark comment, number {n}."}}"#);
        let request = hyper::Request::post(format!("/api/v1/topics/{slug}/comments"))
            .header("Host", &authority)
            .header("Origin", &base)
            .header("Cookie", &cookie)
            .header("Content-Type", "application/json")
            .body(Full::new(Bytes::from(body)))
            .unwrap();
        if sender.ready().await.is_err() {
            failed += 1;
            break;
        }
        match sender.send_request(request).await {
            Ok(answer) => {
                let ok = answer.status() == 201;
                let _ = answer.into_body().collect().await;
                if !ok {
                    failed += 1;
                }
            }
            Err(_) => {
                failed += 1;
                break;
            }
        }
        latencies.push(due.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
    }
    (latencies, failed)
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "a benchmark: run by tests/bench.sh"]
async fn post_bench() {
    let targets: Vec<String> = std::env::var("PULSE_BENCH_TARGETS")
        .expect("PULSE_BENCH_TARGETS")
        .split(',')
        .map(|t| t.trim_end_matches('/').to_string())
        .collect();
    let rate = setting("PULSE_BENCH_RATE", 0);
    let seconds = setting("PULSE_BENCH_SECONDS", 10);
    let connections = setting("PULSE_BENCH_CONNECTIONS", 64);
    let residents = setting("PULSE_BENCH_RESIDENTS", 64);
    let topic_count = setting("PULSE_BENCH_TOPICS", 1);

    let http = reqwest::Client::new();
    let topics = topics(&http, &targets[0], topic_count).await;
    let mut cookies = Vec::new();
    for r in 0..residents {
        let base = &targets[r as usize % targets.len()];
        let email = format!("poster{r}@bench.example");
        cookies.push(sign_in(&http, base, &email, "a long bench password").await);
    }

    let start = Instant::now() + Duration::from_millis(200);
    let load = Arc::new(Load {
        rate,
        start,
        end: start + Duration::from_secs(seconds),
        next: AtomicU64::new(0),
        topics,
    });
    let mut posting = Vec::new();
    for c in 0..connections as usize {
        let load = load.clone();
        let base = targets[c % targets.len()].clone();
        let cookie = cookies[c % cookies.len()].clone();
        posting.push(tokio::spawn(post_on(load, base, cookie)));
    }
    let mut latencies = Vec::new();
    let mut failed = 0;
    for p in posting {
        let (l, f) = p.await.unwrap();
        latencies.extend(l);
        failed += f;
    }
    let took = start.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
        f64::from(latencies[i]) / 1000.0
    };
    println!(
        "POST_BENCH rate={:.0} p50={:.1}ms p99={:.1}ms max={:.1}ms failed={failed} posts={}",
        latencies.len() as f64 / took,
        at(0.5),
        at(0.99),
        at(1.0),
        latencies.len()
    );
}
