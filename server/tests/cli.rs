//! The `pulse` binary itself: flags and `PULSE_*` variables, migrations at
//! start, and a graceful stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh SQLite file: these tests are of the binary, on its default database.
fn temp_db(name: &str) -> String {
    pulse_tests::databases::fresh_sqlite(name)
}

/// Starts `pulse serve` and waits for the address it listens on.
fn serve(configure: impl FnOnce(&mut Command)) -> (Child, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pulse"));
    command
        .arg("serve")
        .env("NO_COLOR", "1")
        .env("PULSE_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    configure(&mut command);
    let mut child = command.spawn().expect("pulse starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("pulse printed its address before stopping")
            .expect("a line");
        if let Some((_, addr)) = line.split_once("listening on http://") {
            break addr.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

fn get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("writes");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    answer
}

fn stop(mut child: Child) -> std::process::ExitStatus {
    let pid = child.id().to_string();
    let sent = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "pulse did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_takes_its_flags_loads_the_demo_and_stops_cleanly_on_sigterm() {
    let (child, addr) = serve(|c| {
        c.args([
            "--bind",
            "127.0.0.1:0",
            "--database",
            &temp_db("flags"),
            "--demo",
            "--client-dir",
            "/nonexistent",
        ]);
    });
    let answer = get(&addr, "/api/v1/topics?status=open");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("body-worn-cameras"), "{answer}");
    let status = stop(child);
    assert!(status.success(), "{status}");
}

#[test]
fn every_flag_can_be_an_environment_variable() {
    let (child, addr) = serve(|c| {
        c.env("PULSE_BIND", "127.0.0.1:0")
            .env("PULSE_DATABASE", temp_db("env"))
            .env("PULSE_DEMO", "true")
            .env("PULSE_CLIENT_DIR", "/nonexistent")
            .env("PULSE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8");
    });
    let answer = get(&addr, "/api/v1/topics");
    assert!(answer.contains("downtown-parking-study"), "{answer}");
    assert!(stop(child).success());
}

#[test]
fn migrate_and_demo_run_and_exit() {
    let database = temp_db("migrate");
    for args in [vec!["migrate"], vec!["demo"], vec!["demo"]] {
        let status = Command::new(env!("CARGO_BIN_EXE_pulse"))
            .args(&args)
            .args(["--database", &database])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("pulse runs");
        assert!(status.success(), "{args:?}: {status}");
    }
}

#[test]
fn a_bad_database_url_is_a_clear_error_not_a_panic() {
    let output = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args(["migrate", "--database", "mysql://nowhere"])
        .output()
        .expect("pulse runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("must start with sqlite:// or postgres://"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_trusted_proxy_is_named_before_anything_starts() {
    let output = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            &temp_db("proxy"),
        ])
        .args([
            "--trusted-proxy",
            "10.0.0.0/8",
            "--trusted-proxy",
            "proxy.internal",
        ])
        .output()
        .expect("pulse runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("“proxy.internal” is not an IP address"),
        "{stderr}"
    );
}

#[test]
fn a_wrong_rate_limit_is_named_before_anything_starts() {
    for (given, said) in [
        (
            "comments_per_account=20,coments=5",
            "no rate limit called “coments”",
        ),
        (
            "ballots_per_account=many",
            "ballots_per_account must be a whole number",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_pulse"))
            .args(["serve", "--bind", "127.0.0.1:0", "--database"])
            .arg(temp_db("limits"))
            .env("PULSE_RATE_LIMITS", given)
            .output()
            .expect("pulse runs");
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "{stderr}");
        assert!(stderr.contains("--rate-limits"), "{stderr}");
    }
}

#[test]
fn backup_copies_a_sqlite_database_that_serves_again() {
    let database = temp_db("backup-source");
    let copy =
        std::env::temp_dir().join(format!("pulse-cli-backup-copy-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&copy);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pulse"))
            .args(args)
            .stdout(Stdio::null())
            .output()
            .expect("pulse runs")
    };
    assert!(run(&["demo", "--database", &database]).status.success());
    let copy_arg = copy.display().to_string();
    assert!(
        run(&["backup", "--database", &database, "--to", &copy_arg])
            .status
            .success()
    );
    // Never over an existing file.
    let again = run(&["backup", "--database", &database, "--to", &copy_arg]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let (child, addr) = serve(|c| {
        c.args([
            "--bind",
            "127.0.0.1:0",
            "--database",
            &format!("sqlite://{copy_arg}"),
            "--client-dir",
            "/nonexistent",
        ]);
    });
    assert!(get(&addr, "/api/v1/topics").contains("body-worn-cameras"));
    assert!(stop(child).success());

    let pg = run(&[
        "backup",
        "--database",
        "postgres://postgres@127.0.0.1:1/none",
        "--to",
        "/tmp/x.db",
    ]);
    // A PostgreSQL that does not answer: said, not a panic.
    assert!(!pg.status.success());
    let said = String::from_utf8_lossy(&pg.stderr);
    assert!(
        said.contains("connecting to the Postgres database"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn sigterm_ends_the_process_within_the_grace_period_with_a_half_sent_request_open() {
    use std::io::Write;
    let (child, addr) = serve(|c| {
        c.args([
            "--bind",
            "127.0.0.1:0",
            "--database",
            &temp_db("grace"),
            // The header deadline is far off: only the grace period can end it.
            "--header-timeout",
            "600",
            "--shutdown-grace",
            "2",
        ]);
    });
    let mut slow = std::net::TcpStream::connect(&addr).expect("connects");
    write!(
        slow,
        "POST /api/v1/session HTTP/1.1\r\nHost: {addr}\r\nContent-"
    )
    .expect("writes");
    // And a body that stops arriving.
    let mut stalled = std::net::TcpStream::connect(&addr).expect("connects");
    write!(
        stalled,
        "POST /api/v1/session HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{"
    )
    .expect("writes");
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let status = stop(child);
    assert!(status.success(), "pulse stopped with {status}");
    // Gone within the grace period, before a supervisor's SIGKILL (which
    // comes at the grace period: Docker's default is 10 s, as Pulse's).
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "stopping took {:?}",
        started.elapsed()
    );
    drop((slow, stalled));
}

#[test]
fn two_instances_starting_at_once_on_a_new_sqlite_file_both_migrate() {
    for round in 0..5 {
        let db = temp_db(&format!("race{round}"));
        let start = || {
            Command::new(env!("CARGO_BIN_EXE_pulse"))
                .args(["migrate", "--database", &db])
                .env("PULSE_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("pulse starts")
        };
        let (first, second) = (start(), start());
        for child in [first, second] {
            let out = child.wait_with_output().expect("pulse ends");
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn the_log_has_no_colour_codes_when_it_is_not_a_terminal() {
    // As under systemd or with the output sent to a file: no NO_COLOR set.
    let mut child = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database",
            &temp_db("colour"),
        ])
        .env_remove("NO_COLOR")
        .env("PULSE_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("pulse starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut seen = Vec::new();
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.expect("a line");
        let done = line.contains("listening on http://");
        seen.push(line);
        if done {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    let status = stop(child);
    assert!(status.success(), "pulse stopped with {status}");
    assert!(seen.iter().any(|l| l.contains("listening on")), "{seen:?}");
    assert!(
        seen.iter().all(|l| !l.contains('\u{1b}')),
        "colour codes in the log: {seen:?}"
    );
}

#[test]
fn json_logs_are_one_object_a_line_with_the_request_id() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--database",
            &temp_db("json-log"),
        ])
        // Each request's line is at debug.
        .env("PULSE_LOG", "info,tower_http=debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("pulse starts");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, read) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let next = || {
        let line = read
            .recv_timeout(Duration::from_secs(20))
            .expect("a log line");
        let object: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("not one JSON object: {line}: {e}"));
        assert!(object["timestamp"].is_string(), "{line}");
        assert!(object["level"].is_string(), "{line}");
        object
    };
    let addr = loop {
        let object = next();
        let message = object["fields"]["message"].as_str().unwrap_or("");
        if let Some((_, addr)) = message.split_once("listening on http://") {
            break addr.to_string();
        }
    };
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(&addr).expect("connects");
    write!(
        stream,
        "GET /api/v1/topics HTTP/1.1\r\nHost: {addr}\r\nX-Request-Id: probe-7\r\nConnection: close\r\n\r\n"
    )
    .expect("writes");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-request-id: probe-7\r\n"),
        "{answer}"
    );
    let line = loop {
        let object = next();
        if object["span"]["id"] == "probe-7" {
            break object;
        }
    };
    assert_eq!(line["span"]["method"], "GET", "{line}");
    assert_eq!(line["span"]["path"], "/api/v1/topics", "{line}");
    let status = stop(child);
    assert!(status.success(), "pulse stopped with {status}");
}

/// A connection the kernel let in before the listener closed is answered:
/// behind a proxy, a request sent on it would otherwise be lost, and a POST
/// is not sent again. Clients connect as fast as they can while the server
/// stops; each either finds the door shut (refused) or is answered.
#[test]
fn sigterm_answers_every_connection_let_in_before_the_listener_closed() {
    use std::io::{ErrorKind, Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    for round in 0..8 {
        let (child, addr) = serve(|c| {
            c.args([
                "--bind",
                "127.0.0.1:0",
                "--database",
                &temp_db(&format!("drain{round}")),
            ]);
        });
        let (answered, lost) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let clients: Vec<_> = (0..4)
            .map(|_| {
                let (addr, answered, lost) =
                    (addr.clone(), Arc::clone(&answered), Arc::clone(&lost));
                std::thread::spawn(move || {
                    loop {
                        let mut stream = match std::net::TcpStream::connect(&addr) {
                            Ok(stream) => stream,
                            Err(e) if e.kind() == ErrorKind::ConnectionRefused => return,
                            Err(e) => panic!("connecting: {e}"),
                        };
                        let mut answer = String::new();
                        let asked = write!(
                            stream,
                            "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                        );
                        let read = asked.and_then(|()| stream.read_to_string(&mut answer));
                        if read.is_ok() && answer.starts_with("HTTP/1.1 200") {
                            answered.fetch_add(1, Ordering::Relaxed);
                        } else {
                            lost.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(150));
        assert!(stop(child).success());
        for client in clients {
            client.join().expect("the client ends");
        }
        assert!(
            answered.load(Ordering::Relaxed) > 0,
            "round {round}: nothing answered"
        );
        assert_eq!(
            lost.load(Ordering::Relaxed),
            0,
            "round {round}: connections let in but not answered ({} answered)",
            answered.load(Ordering::Relaxed)
        );
    }
}
