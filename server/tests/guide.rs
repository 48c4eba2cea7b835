//! What the deployment guide (`docs/deploy.md`) tells an operator to run,
//! checked against the tools that run it: its systemd unit as systemd
//! reads it, the open-file limit the unit raises as Pulse takes it, and
//! its backup timer's command as the shell runs it.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{checked, pulse};

fn guide() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/deploy.md"))
        .expect("the guide is there")
}

/// The guide's unit file, from its `[Unit]` line to the end of its block.
fn guide_unit() -> String {
    let guide = guide();
    let start = guide.find("\n[Unit]\n").expect("the guide has a unit") + 1;
    let end = guide[start..].find("\n```").expect("the unit's block ends") + start;
    guide[start..=end].to_string()
}

/// systemd reads every line of the unit as written: a value with spaces
/// left unquoted (`Environment=PULSE_CITY_NAME=City of Example`) is split
/// and its words dropped with a warning, which this test fails on.
#[test]
fn the_guides_systemd_unit_is_read_by_systemd_without_a_warning() {
    let unit = guide_unit();
    assert!(
        unit.contains("\nLimitNOFILE="),
        "the unit raises the open-file limit"
    );
    let dir = std::env::temp_dir().join(format!("pulse-guide-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pulse.service");
    // The binary where the guide installs it is this build's here.
    std::fs::write(
        &path,
        unit.replace("/usr/local/bin/pulse", env!("CARGO_BIN_EXE_pulse")),
    )
    .unwrap();
    let verified = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .expect("systemd-analyze runs (Debian's systemd; `make tools-apt`)");
    let said = String::from_utf8_lossy(&verified.stderr).to_string()
        + &String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{said}");
    assert_eq!(said.trim(), "", "systemd warns of the guide's unit");
}

/// The unit's comment says Pulse raises its open-file limit to the hard
/// limit and keeps 256 for itself, bounding connections by the rest: run
/// as systemd would with a soft limit under the hard one, it does.
#[test]
fn pulse_raises_its_open_file_limit_to_the_hard_one_and_bounds_connections_by_it() {
    let database = pulse_tests::databases::fresh_sqlite("guide-nofile");
    let mut child = Command::new("prlimit")
        .args(["--nofile=512:1024", "--"])
        .arg(env!("CARGO_BIN_EXE_pulse"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database", &database])
        .env("NO_COLOR", "1")
        .env("PULSE_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("prlimit (util-linux) starts pulse");
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (seen, got) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if seen.send(line).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let bound = loop {
        let line = got
            .recv_timeout(Duration::from_secs(20).saturating_sub(started.elapsed()))
            .expect("pulse says it bounds its connections by the open-file limit");
        if line.contains("bounding connections by the open-file limit") {
            break line;
        }
    };
    assert!(bound.contains("room=768"), "1,024 less 256: {bound}");
    assert!(bound.contains("configured=10000"), "{bound}");
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    let open_files = limits
        .lines()
        .find(|line| line.starts_with("Max open files"))
        .expect("the limits name open files");
    let numbers: Vec<&str> = open_files.split_whitespace().skip(3).take(2).collect();
    assert_eq!(
        numbers,
        ["1024", "1024"],
        "soft raised to hard: {open_files}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The command of the guide's backup service (its `ExecStart=`), as the
/// shell is to run it: systemd's `%%` is a `%`.
fn backup_command() -> String {
    let guide = guide();
    let at = guide
        .find("`/etc/systemd/system/pulse-backup.service`")
        .expect("the guide has a backup service");
    let line = guide[at..]
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("the backup service runs a command");
    let command = line
        .strip_prefix("/bin/sh -c '")
        .and_then(|c| c.strip_suffix('\''))
        .expect("the command is given to the shell");
    command.replace("%%", "%")
}

/// Runs the guide's backup command on `database`, with the guide's paths
/// under `dir`; the backups' folder after it.
fn run_backup(database: &str, dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let backups = dir.join("backups");
    std::fs::create_dir_all(&backups).expect("a folder for the backups");
    let command = backup_command()
        .replace("sqlite:///var/lib/pulse/pulse.db", database)
        .replace(
            "/var/lib/pulse/backups",
            backups.to_str().expect("a UTF-8 name"),
        )
        .replace(
            "pulse backup",
            &format!("{} backup", env!("CARGO_BIN_EXE_pulse")),
        );
    let ran = Command::new("sh")
        .arg("-c")
        .arg(&command)
        .env("PULSE_LOG", "warn")
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    assert!(
        ran.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let mut found: Vec<_> = std::fs::read_dir(&backups)
        .expect("the backups' folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    found.sort();
    found
}

/// The guide's timer backs up into one file, and that file alone, copied
/// off the machine as the guide says to, restores: on both databases (the
/// guide gives the same unit for PostgreSQL). A PostgreSQL backup was once
/// left as an empty file beside the log that held it all.
#[tokio::test]
async fn the_guides_backup_is_one_file_that_restores_alone() {
    let mut databases = vec![pulse_tests::databases::fresh_sqlite("guide-backup")];
    if pulse_tests::databases::postgres_for("the guide's backup on PostgreSQL").await {
        databases.push(pulse_tests::databases::fresh_postgres("guide_backup").await);
    }
    for (n, database) in databases.iter().enumerate() {
        let loaded = pulse(&["demo", "--database", database]);
        assert!(
            loaded.status.success(),
            "{}",
            String::from_utf8_lossy(&loaded.stderr)
        );
        let dir =
            std::env::temp_dir().join(format!("pulse-guide-backup-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let found = run_backup(database, &dir);
        let [file] = found.as_slice() else {
            panic!("the backup is one file, not {found:?}");
        };
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("pulse-") && name.ends_with(".db"),
            "{name}"
        );
        // Copied off the machine alone, and restored from there.
        let off = dir.join("off");
        std::fs::create_dir_all(&off).unwrap();
        let copied = off.join(name);
        std::fs::copy(file, &copied).unwrap();
        let restored = pulse_tests::databases::fresh_sqlite("guide-restored");
        let out = pulse(&[
            "restore",
            "--from",
            copied.to_str().unwrap(),
            "--database",
            &restored,
        ]);
        let said = checked(&out);
        let rows: u64 = said
            .split_whitespace()
            .skip_while(|w| *w != "tables,")
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("the restore says how many rows");
        assert!(rows > 100, "the demo's rows came back: {said}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
