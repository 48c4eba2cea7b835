//! `pulse admin`: accounts, hosts and topics from the shell, each error a
//! sentence that names what is wrong, and nothing written when it fails.

mod support;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use support::temp_db;

/// Runs `pulse admin ARGS` on `database`, with `stdin` as its input.
fn admin(database: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .arg("admin")
        .args(args)
        .env("PULSE_DATABASE", database)
        .env("NO_COLOR", "1")
        .env_remove("PULSE_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pulse runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("writes stdin");
    }
    drop(input);
    child.wait_with_output().expect("pulse finishes")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn refused(output: &Output) -> String {
    assert!(!output.status.success(), "succeeded: {:?}", output);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/topic.example.toml")
}

/// The example topic, its dates moved to a month from now (it opens in 30
/// days and closes in 75), so that it is upcoming whatever today's date is.
/// Written beside a copy of its draft in `dir`; returns the file.
fn example_upcoming(dir: &std::path::Path) -> PathBuf {
    let docs = example();
    let now = pulse_server::clock::now().0;
    let at = |days: i64| pulse_api::Timestamp(now + days * 86_400).to_string();
    let text = std::fs::read_to_string(&docs)
        .expect("the example")
        .replace(
            "opens_at = 2026-12-01T08:00:00-06:00",
            &format!("opens_at = \"{}\"", at(30)),
        )
        .replace(
            "closes_at = 2027-01-15T17:00:00-06:00",
            &format!("closes_at = \"{}\"", at(75)),
        );
    assert!(
        !text.contains("opens_at = 2026"),
        "the example's dates moved"
    );
    std::fs::create_dir_all(dir).expect("a folder");
    for draft in ["topic.example.md", "topic.example.es.md"] {
        std::fs::copy(docs.with_file_name(draft), dir.join(draft)).expect("the draft copied");
    }
    let file = dir.join("topic.example.toml");
    std::fs::write(&file, text).expect("writes");
    file
}

#[test]
fn the_database_may_be_named_before_or_after_the_subcommand() {
    let db = temp_db("database-flag");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pulse"))
            .args(args)
            .env_remove("PULSE_DATABASE")
            .env("NO_COLOR", "1")
            .output()
            .expect("pulse runs")
    };
    let after = [
        "admin",
        "create-account",
        "--email",
        "after@example.gov",
        "--name",
        "After",
        "--database",
        &db,
    ];
    assert!(ok(&run(&after)).contains("after@example.gov"));
    let before = [
        "admin",
        "--database",
        &db,
        "create-account",
        "--email",
        "before@example.gov",
        "--name",
        "Before",
    ];
    assert!(ok(&run(&before)).contains("before@example.gov"));
    let again = refused(&run(&after));
    assert!(again.contains("already"), "{again}");
}

#[test]
fn accounts_are_made_once_with_a_password_shown_once_or_read_from_stdin() {
    let db = temp_db("accounts");
    let made = ok(&admin(
        &db,
        &[
            "create-account",
            "--email",
            "Clerk@Example.gov",
            "--name",
            "Sam Clerk",
        ],
        None,
    ));
    assert!(
        made.contains("created account clerk@example.gov (Sam Clerk)"),
        "{made}"
    );
    let password = made
        .lines()
        .find_map(|l| l.strip_prefix("password (shown once; keep it safe): "))
        .expect("a generated password");
    assert_eq!(password.chars().count(), 20);

    let again = refused(&admin(
        &db,
        &[
            "create-account",
            "--email",
            "clerk@example.gov",
            "--name",
            "Sam Again",
        ],
        None,
    ));
    assert!(again.contains("exists already"), "{again}");

    let short = refused(&admin(
        &db,
        &[
            "create-account",
            "--email",
            "boss@example.gov",
            "--name",
            "Boss",
            "--admin",
            "--password-stdin",
        ],
        Some("short\n"),
    ));
    assert!(short.contains("at least 10 characters"), "{short}");
    let boss = ok(&admin(
        &db,
        &[
            "create-account",
            "--email",
            "boss@example.gov",
            "--name",
            "Boss",
            "--admin",
            "--password-stdin",
        ],
        Some("a long enough password\n"),
    ));
    assert!(boss.contains("created admin boss@example.gov"), "{boss}");
    assert!(!boss.contains("password"), "{boss}");

    let bad_email = refused(&admin(
        &db,
        &["create-account", "--email", "not-an-email", "--name", "X"],
        None,
    ));
    assert!(bad_email.contains("--email"), "{bad_email}");
}

#[test]
fn the_example_topic_is_created_listed_and_given_a_host() {
    let db = temp_db("topics");
    let dir = std::env::temp_dir().join(format!("pulse-admin-example-{}", std::process::id()));
    let file = example_upcoming(&dir);
    let file = file.to_str().expect("a UTF-8 path");
    let created = ok(&admin(&db, &["create-topic", "--file", file], None));
    assert!(
        created.contains("created topic snow-emergency-parking"),
        "{created}"
    );
    assert!(created.contains("7 sections, 2 polls"), "{created}");
    assert!(
        created.contains(
            "translated into es: Reglas de estacionamiento en emergencias por nieve, with its draft"
        ),
        "{created}"
    );
    let twice = refused(&admin(&db, &["create-topic", "--file", file], None));
    assert!(twice.contains("slug: a topic called"), "{twice}");

    ok(&admin(
        &db,
        &[
            "create-account",
            "--email",
            "clerk@example.gov",
            "--name",
            "Clerk",
        ],
        None,
    ));
    let grant = [
        "grant-host",
        "--topic",
        "snow-emergency-parking",
        "--email",
        "clerk@example.gov",
    ];
    assert!(ok(&admin(&db, &grant, None)).contains("is now a host"));
    assert!(refused(&admin(&db, &grant, None)).contains("already"));
    let listed = ok(&admin(&db, &["list-topics"], None));
    assert!(
        listed.contains("snow-emergency-parking\tUpcoming"),
        "{listed}"
    );
    assert!(listed.contains("hosts: clerk@example.gov"), "{listed}");

    let no_topic = refused(&admin(
        &db,
        &[
            "grant-host",
            "--topic",
            "nope",
            "--email",
            "clerk@example.gov",
        ],
        None,
    ));
    assert!(
        no_topic.contains("no topic with the slug \"nope\""),
        "{no_topic}"
    );
    let no_account = refused(&admin(
        &db,
        &[
            "grant-host",
            "--topic",
            "snow-emergency-parking",
            "--email",
            "who@example.gov",
        ],
        None,
    ));
    assert!(
        no_account.contains("no account with the email address who@example.gov"),
        "{no_account}"
    );

    let revoke = [
        "revoke-host",
        "--topic",
        "snow-emergency-parking",
        "--email",
        "clerk@example.gov",
    ];
    assert!(ok(&admin(&db, &revoke, None)).contains("is no longer a host"));
    assert!(refused(&admin(&db, &revoke, None)).contains("is not a host"));
    assert!(ok(&admin(&db, &["list-topics"], None)).contains("hosts: none"));
}

#[test]
fn a_wrong_topic_file_names_the_field_and_writes_nothing() {
    let db = temp_db("bad-topics");
    let dir = std::env::temp_dir().join(format!("pulse-admin-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::write(dir.join("draft.md"), "## Only\n\nText.\n").expect("writes");
    let example = std::fs::read_to_string(example()).expect("the example");
    // Without its translation, whose draft has the example's sections.
    let (untranslated, _) = example
        .split_once("\n[translations.es]")
        .expect("the example's translation");
    let spanish = example
        .split_once("\n[translations.es]")
        .map(|(_, rest)| rest.to_string())
        .expect("the example's translation");
    std::fs::copy(
        self::example().with_file_name("topic.example.es.md"),
        dir.join("topic.example.es.md"),
    )
    .expect("the translated draft copied");
    let good = untranslated
        .replace("topic.example.md", "draft.md")
        .replace("section = \"telling-residents\"\n", "");
    let cases = [
        (
            good.replace(
                "time_zone = \"America/Chicago\"",
                "time_zone = \"Mars/Base\"",
            ),
            "time_zone:",
        ),
        (
            good.replace(
                "closes_at = 2027-01-15T17:00:00-06:00",
                "closes_at = 2026-01-15T17:00:00-06:00",
            ),
            "closes_at:",
        ),
        (
            good.replace(
                "slug = \"snow-emergency-parking\"",
                "slug = \"Snow Parking\"",
            ),
            "slug:",
        ),
        (
            good.replace("title = \"Snow Emergency Parking Rules\"\n", ""),
            "missing field `title`",
        ),
        (
            good.replace("draft_file = \"draft.md\"", "draft_file = \"missing.md\""),
            "draft_file:",
        ),
        (
            good.replace(
                "url = \"https://www.example.gov/snow-ordinance.pdf\"",
                "url = \"javascript:alert(1)\"",
            ),
            "documents[0].url:",
        ),
        (good.replace("[host]", "[hots]"), "unknown field `hots`"),
        // A translation whose draft has other sections than the original's.
        (
            format!("{good}\n[translations.es]{spanish}"),
            "translations.es.draft: A translated draft has the original’s sections",
        ),
        (
            format!("{good}\n[translations.en]{spanish}"),
            "translations.en: The topic is written in English",
        ),
        ("title = \"unterminated".to_string(), "is not valid TOML"),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let file = dir.join(format!("topic-{i}.toml"));
        std::fs::write(&file, text).expect("writes");
        let stderr = refused(&admin(
            &db,
            &["create-topic", "--file", file.to_str().expect("utf-8")],
            None,
        ));
        assert!(stderr.contains(expected), "case {i}: {stderr}");
    }
    assert!(ok(&admin(&db, &["list-topics"], None)).contains("no topics yet"));
    let file = dir.join("good.toml");
    std::fs::write(&file, &good).expect("writes");
    assert!(
        ok(&admin(
            &db,
            &["create-topic", "--file", file.to_str().expect("utf-8")],
            None
        ))
        .contains("1 section, 2 polls")
    );
}

#[test]
fn a_revised_draft_is_published_from_a_file_with_why_each_part_changed() {
    let db = temp_db("revision");
    let dir = std::env::temp_dir().join(format!("pulse-admin-revision-{}", std::process::id()));
    let file = example_upcoming(&dir);
    ok(&admin(
        &db,
        &[
            "create-topic",
            "--file",
            file.to_str().expect("a UTF-8 path"),
        ],
        None,
    ));
    let first = std::fs::read_to_string(dir.join("topic.example.md")).expect("the draft");
    let draft = dir.join("draft-v2.md");
    let notes = dir.join("notes.toml");
    let publish = |extra: &[&str]| {
        let mut args = vec![
            "publish-revision",
            "--topic",
            "snow-emergency-parking",
            "--file",
            draft.to_str().expect("a UTF-8 path"),
            "--note",
            "Towing fines are lower, as residents asked.",
        ];
        args.extend_from_slice(extra);
        admin(&db, &args, None)
    };

    // The same draft again changes nothing, and says so.
    std::fs::write(&draft, &first).expect("writes the draft");
    let same = refused(&publish(&[]));
    assert!(same.contains("same as version 1"), "{same}");

    // A section note for a section that is not there names it.
    let second = first.replace("## Telling residents", "## Telling residents and visitors");
    std::fs::write(&draft, &second).expect("writes the draft");
    std::fs::write(&notes, "[nowhere]\nnote = \"Why.\"\n").expect("writes the notes");
    let wrong = refused(&publish(&[
        "--sections",
        notes.to_str().expect("a UTF-8 path"),
    ]));
    assert!(wrong.contains("no section “nowhere”"), "{wrong}");

    std::fs::write(
        &notes,
        "[telling-residents-and-visitors]\nnote = \"Visitors park here too.\"\n",
    )
    .expect("writes the notes");
    let done = ok(&publish(&[
        "--sections",
        notes.to_str().expect("a UTF-8 path"),
        "--title",
        "Snow Emergency Parking — Second Draft",
    ]));
    assert!(
        done.contains(
            "published version 2 of snow-emergency-parking: 1 of 7 sections changed, 0 removed"
        ),
        "{done}"
    );
    let listed = ok(&admin(&db, &["list-topics"], None));
    assert!(listed.contains("snow-emergency-parking"), "{listed}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `work` on `url`'s database, as someone with the database would.
fn on_database<T>(url: &str, work: impl AsyncFnOnce(&mut sqlx::AnyConnection) -> T) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let db = pulse_server::db::Db::connect(url).await.expect("opens");
        let mut conn = db.read().await.expect("a connection");
        work(&mut *conn).await
    })
}

/// Runs SQL on a database, behind Pulse's back.
fn tamper(url: &str, sql: &[&str]) {
    on_database(url, async |conn| {
        for statement in sql {
            sqlx::query(sqlx::AssertSqlSafe(statement.to_string()))
                .execute(&mut *conn)
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    });
}

/// One number a query gives.
fn number(url: &str, sql: &str) -> i64 {
    on_database(url, async |conn| {
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(&mut *conn)
            .await
            .expect(sql)
    })
}

const CHECKED: &str = "(SELECT id FROM topics WHERE slug = 'body-worn-cameras')";

/// The hashes of the checked topic's entries before `position`, in order.
fn hashes_before(url: &str, position: i64) -> Vec<String> {
    on_database(url, async |conn| {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT hash FROM record_entries WHERE topic_id = {CHECKED} AND position < $1 \
             ORDER BY position"
        )))
        .bind(position)
        .fetch_all(&mut *conn)
        .await
        .expect("hashes")
    })
}

/// Runs `pulse ARGS`.
fn pulse(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("PULSE_LOG")
        .output()
        .expect("pulse runs")
}

#[test]
fn verify_names_the_first_entry_a_change_to_the_database_broke() {
    let postgres = pulse_tests::databases::on_postgres();
    let database = temp_db("verify");
    assert!(pulse(&["demo", "--database", &database]).status.success());
    let held = pulse(&["verify", "--database", &database]);
    assert!(held.status.success(), "{held:?}");
    let said = String::from_utf8_lossy(&held.stdout);
    assert!(said.starts_with("the record holds: 3 topics, "), "{said}");

    // A receipt stands in the record; one it never gave does not.
    let third = hashes_before(&database, 4).pop().expect("three entries");
    let receipt = |hash: &str| {
        pulse(&[
            "verify",
            "--database",
            &database,
            "--topic",
            "body-worn-cameras",
            "--receipt",
            &format!("3:{hash}"),
        ])
    };
    let stands = receipt(&third);
    assert!(stands.status.success(), "{stands:?}");
    assert!(String::from_utf8_lossy(&stands.stdout).contains("receipt 3 stands"));
    let wrong = receipt(&"0".repeat(64));
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("receipt 3 is not in the record"));

    let of_comment = |id: i64| {
        number(
            &database,
            &format!(
                "SELECT position FROM record_entries WHERE kind = 'comment' AND comment_id = {id}"
            ),
        )
    };
    // The schema refuses these changes: whoever makes them takes its
    // guards down first.
    let (no_delete, no_update) = if postgres {
        (
            "DROP TRIGGER record_entries_append_only ON record_entries",
            "DROP TRIGGER record_entries_append_only ON record_entries",
        )
    } else {
        (
            "DROP TRIGGER record_entries_no_delete",
            "DROP TRIGGER record_entries_only_erased",
        )
    };
    let delete = format!("DELETE FROM record_entries WHERE topic_id = {CHECKED} AND position = 4");
    let swap = |from: i64, to: i64| {
        format!(
            "UPDATE record_entries SET position = {to} WHERE topic_id = {CHECKED} \
             AND position = {from}"
        )
    };
    let (swap_a, swap_b, swap_c) = (swap(3, 100), swap(4, 3), swap(100, 4));
    let cases: [(&str, Vec<&str>, i64); 4] = [
        (
            "a comment's text",
            vec!["UPDATE comment_versions SET body = body || '!' WHERE comment_id = 3"],
            of_comment(3),
        ),
        (
            "a comment's time",
            vec!["UPDATE comments SET created_at = created_at + 60 WHERE id = 2"],
            of_comment(2),
        ),
        ("an entry deleted", vec![no_delete, &delete], 4),
        (
            "two entries swapped",
            vec![no_update, &swap_a, &swap_b, &swap_c],
            3,
        ),
    ];
    for (n, (what, sql, first_bad)) in cases.into_iter().enumerate() {
        // A database of its own, the demo in it.
        let url = temp_db(&format!("verify-{n}"));
        assert!(pulse(&["demo", "--database", &url]).status.success());
        let receipts = hashes_before(&url, first_bad);
        tamper(&url, &sql);
        let broken = pulse(&["verify", "--database", &url]);
        assert!(!broken.status.success(), "{what}: verified");
        let said = String::from_utf8_lossy(&broken.stderr);
        assert!(
            said.contains(&format!("body-worn-cameras: entry {first_bad}: ")),
            "{what}: {said}"
        );
        assert!(!said.contains("parks-and-trails-plan"), "{what}: {said}");
        // The other topics still hold, and every receipt given before the
        // change still stands in the record.
        let other = pulse(&[
            "verify",
            "--database",
            &url,
            "--topic",
            "parks-and-trails-plan",
        ]);
        assert!(other.status.success(), "{what}: {other:?}");
        assert_eq!(hashes_before(&url, first_bad), receipts, "{what}");
    }
}

/// `pulse serve` on a database, stopped when dropped.
struct Served {
    child: std::process::Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(database: &str) -> Served {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pulse"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database", database])
        .env("NO_COLOR", "1")
        .env("PULSE_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("pulse starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("pulse said where it listens")
            .expect("a line");
        if let Some((_, addr)) = line.split_once("listening on http://") {
            break addr.trim().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Served { child, addr }
}

/// POSTs JSON to the API: the answer's status.
fn post(served: &Served, path: &str, body: &serde_json::Value) -> u16 {
    use std::io::{Read, Write as _};
    let body = body.to_string();
    let mut stream = std::net::TcpStream::connect(&served.addr).expect("connects");
    write!(
        stream,
        "POST /api/v1{path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        served.addr,
        body.len()
    )
    .expect("writes");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads");
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status")
}

#[test]
fn the_operator_lists_accounts_resets_a_password_and_deletes_an_account() {
    let db = temp_db("operator");
    assert!(
        Command::new(env!("CARGO_BIN_EXE_pulse"))
            .args(["demo", "--database", &db])
            .output()
            .expect("pulse runs")
            .status
            .success()
    );
    let email = "ana@example.org";
    ok(&admin(
        &db,
        &["create-account", "--email", email, "--name", "Ana"],
        None,
    ));
    let listed = ok(&admin(&db, &["list-accounts"], None));
    let ana = listed
        .lines()
        .find(|l| l.starts_with(email))
        .expect("Ana is listed");
    assert!(ana.contains("\tresident\tunconfirmed\t"), "{ana}");
    assert!(ana.ends_with("\thosts: none\tAna"), "{ana}");
    let host = listed
        .lines()
        .find(|l| l.starts_with("host@demo.pulse.example"))
        .expect("the demo's host");
    assert!(host.contains("hosts: body-worn-cameras"), "{host}");

    // A link to choose a new password, given to Ana by hand.
    let said = ok(&admin(
        &db,
        &[
            "reset-password",
            "--email",
            email,
            "--public-url",
            "https://pulse.example.gov/",
        ],
        None,
    ));
    let link = said.lines().next().expect("the link");
    let token = link
        .strip_prefix("https://pulse.example.gov/reset-password?token=")
        .unwrap_or_else(|| panic!("{said}"));
    let served = serve(&db);
    let new = "a brand new passphrase";
    let confirm = serde_json::json!({"token": token, "password": new});
    assert_eq!(post(&served, "/password-reset/confirm", &confirm), 204);
    assert_eq!(
        post(&served, "/password-reset/confirm", &confirm),
        410,
        "once"
    );
    let sign_in = |password: &str| {
        post(
            &served,
            "/session",
            &serde_json::json!({"email": email, "password": password}),
        )
    };
    assert_eq!(sign_in(new), 200);

    // Or set at once from standard input.
    let set = ok(&admin(
        &db,
        &["reset-password", "--email", email, "--password-stdin"],
        Some("another fine passphrase\n"),
    ));
    assert!(
        set.contains("sessions ended") || set.contains("session ended"),
        "{set}"
    );
    assert_eq!(sign_in(new), 401);
    assert_eq!(sign_in("another fine passphrase"), 200);

    for (args, why) in [
        (
            vec!["reset-password", "--email", "nobody@example.org"],
            "there is no account",
        ),
        (
            vec!["reset-password", "--email", email, "--valid-hours", "0"],
            "--valid-hours",
        ),
        (
            vec!["delete-account", "--email", "nobody@example.org"],
            "there is no account",
        ),
        (
            vec!["delete-account", "--email", "not an address"],
            "--email",
        ),
    ] {
        let said = refused(&admin(&db, &args, None));
        assert!(said.contains(why), "{args:?}: {said}");
    }

    // Deleted as Ana would delete it herself.
    let gone = ok(&admin(&db, &["delete-account", "--email", email], None));
    assert!(gone.contains("Former participant"), "{gone}");
    assert!(!ok(&admin(&db, &["list-accounts"], None)).contains(email));
    assert_eq!(sign_in("another fine passphrase"), 401);
    // The address can register again.
    let again = serde_json::json!({"email": email, "display_name": "Ana", "password": "yet another passphrase"});
    assert_eq!(post(&served, "/accounts", &again), 201);
}
