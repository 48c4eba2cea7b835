//! Attacks and careless clients (issue 7): each test here failed before its
//! fix. SECURITY.md names them beside the promises they check.

use crate::helpers::*;
use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;
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
async fn a_missing_asset_is_not_found_and_never_cached() {
    let dir = std::env::temp_dir().join(format!("pulse-assets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>Pulse</title>",
    )
    .unwrap();
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
