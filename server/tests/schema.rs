//! The two dialects' migrations make the same schema. A fresh SQLite and a
//! fresh PostgreSQL database are migrated, and their tables, columns (name,
//! nullability, type family, whether there is a default), indexes (columns,
//! uniqueness, whether partial), foreign keys and the number of CHECK
//! constraints per table are compared; a difference is named. Rules kept by
//! triggers are written differently on each side, so they are tried by
//! behaviour: the audit log refuses an UPDATE and a DELETE on both.
//!
//! And migrations carry checksums: one changed after it was applied stops
//! the server from starting, with a sentence that says so.

use pulse_server::db::{self, Db};
use pulse_tests::databases::{fresh_postgres, fresh_sqlite};
use sqlx::Row;
use std::collections::BTreeSet;

/// One fact about a schema, comparable across dialects.
type Fact = String;

fn family(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") || t.contains("serial") {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("real")
        || t.contains("floa")
        || t.contains("doub")
        || t.contains("numeric")
    {
        "real"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes"
    } else {
        "other"
    }
}

async fn sqlite_facts(url: &str) -> BTreeSet<Fact> {
    let db = Db::connect(url).await.expect("SQLite");
    db::migrate::run(&db).await.expect("migrated");
    let mut conn = db.read().await.expect("a connection");
    let mut facts = BTreeSet::new();
    let tables = sqlx::query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("tables");
    for table in tables {
        let name: String = table.get("name");
        let sql: String = table.get("sql");
        facts.insert(format!("table {name}"));
        facts.insert(format!(
            "table {name}: {} CHECK constraints",
            sql.to_ascii_uppercase().matches("CHECK (").count()
                + sql.to_ascii_uppercase().matches("CHECK(").count()
        ));
        let columns = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT name, type, \"notnull\" AS not_null, dflt_value, pk FROM pragma_table_info('{name}')"
        )))
        .fetch_all(&mut *conn)
        .await
        .expect("columns");
        for column in columns {
            let column_name: String = column.get("name");
            let declared: String = column.get("type");
            let not_null = column.get::<i64, _>("not_null") != 0 || column.get::<i64, _>("pk") > 0;
            let default: Option<String> = column.get("dflt_value");
            let autoincrement = column.get::<i64, _>("pk") > 0
                && family(&declared) == "integer"
                && sql.to_ascii_uppercase().contains("AUTOINCREMENT");
            facts.insert(format!(
                "column {name}.{column_name}: {}, {}, {}",
                family(&declared),
                if not_null { "not null" } else { "null" },
                if default.is_some() || autoincrement {
                    "with a default"
                } else {
                    "no default"
                }
            ));
        }
        let indexes = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT name, \"unique\" AS is_unique, origin, partial FROM pragma_index_list('{name}')"
        )))
        .fetch_all(&mut *conn)
        .await
        .expect("indexes");
        for index in indexes {
            let origin: String = index.get("origin");
            if origin == "pk" {
                continue;
            }
            let index_name: String = index.get("name");
            let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT name FROM pragma_index_info('{index_name}') ORDER BY seqno"
            )))
            .fetch_all(&mut *conn)
            .await
            .expect("index columns");
            facts.insert(format!(
                "index on {name} ({}){}{}",
                columns.join(", "),
                if index.get::<i64, _>("is_unique") != 0 {
                    " unique"
                } else {
                    ""
                },
                if index.get::<i64, _>("partial") != 0 {
                    " partial"
                } else {
                    ""
                },
            ));
        }
        let keys = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT \"table\" AS target, \"from\" AS source, \"to\" AS target_column, on_delete \
             FROM pragma_foreign_key_list('{name}')"
        )))
        .fetch_all(&mut *conn)
        .await
        .expect("foreign keys");
        for key in keys {
            let target_column: Option<String> = key.get("target_column");
            facts.insert(format!(
                "foreign key {name}.{} -> {}.{} on delete {}",
                key.get::<String, _>("source"),
                key.get::<String, _>("target"),
                target_column.unwrap_or_else(|| "id".into()),
                key.get::<String, _>("on_delete").to_ascii_lowercase(),
            ));
        }
    }
    facts
}

async fn postgres_facts(url: &str) -> BTreeSet<Fact> {
    let db = Db::connect(url).await.expect("PostgreSQL");
    db::migrate::run(&db).await.expect("migrated");
    let mut conn = db.read().await.expect("a connection");
    let mut facts = BTreeSet::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("tables");
    for name in tables {
        facts.insert(format!("table {name}"));
        let checks: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
             WHERE t.relname = $1 AND c.contype = 'c'",
        )
        .bind(&name)
        .fetch_one(&mut *conn)
        .await
        .expect("checks");
        facts.insert(format!("table {name}: {checks} CHECK constraints"));
        let columns = sqlx::query(
            "SELECT CAST(column_name AS TEXT) AS name, CAST(data_type AS TEXT) AS declared, \
             CAST(is_nullable AS TEXT) AS nullable, CAST(column_default AS TEXT) AS dflt, \
             CAST(is_identity AS TEXT) AS is_identity \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await
        .expect("columns");
        for column in columns {
            let default: Option<String> = column.get("dflt");
            let identity = column.get::<String, _>("is_identity") == "YES";
            facts.insert(format!(
                "column {name}.{}: {}, {}, {}",
                column.get::<String, _>("name"),
                family(&column.get::<String, _>("declared")),
                if column.get::<String, _>("nullable") == "NO" {
                    "not null"
                } else {
                    "null"
                },
                if default.is_some() || identity {
                    "with a default"
                } else {
                    "no default"
                }
            ));
        }
        let indexes = sqlx::query(
            "SELECT CAST(i.relname AS TEXT) AS index_name, CAST(x.indisunique AS INTEGER) AS is_unique, \
             CAST(x.indisprimary AS INTEGER) AS is_primary, \
             CAST(CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END AS INTEGER) AS partial, \
             CAST(array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o) \
                  JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o), ', ') \
                  AS TEXT) AS columns \
             FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid \
             WHERE t.relname = $1",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await
        .expect("indexes");
        for index in indexes {
            // SQLite keeps an INTEGER PRIMARY KEY in the row itself, with
            // no index; a TEXT one has an index, like PostgreSQL's.
            if index.get::<i32, _>("is_primary") != 0 {
                continue;
            }
            facts.insert(format!(
                "index on {name} ({}){}{}",
                index.get::<String, _>("columns"),
                if index.get::<i32, _>("is_unique") != 0 {
                    " unique"
                } else {
                    ""
                },
                if index.get::<i32, _>("partial") != 0 {
                    " partial"
                } else {
                    ""
                },
            ));
        }
        let keys = sqlx::query(
            "SELECT CAST(a.attname AS TEXT) AS source, CAST(r.relname AS TEXT) AS target, \
             CAST(ra.attname AS TEXT) AS target_column, CAST(c.confdeltype AS TEXT) AS on_delete \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
             JOIN pg_class r ON r.oid = c.confrelid \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] \
             WHERE c.contype = 'f' AND t.relname = $1",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await
        .expect("foreign keys");
        for key in keys {
            let on_delete = match key.get::<String, _>("on_delete").as_str() {
                "c" => "cascade",
                "n" => "set null",
                "d" => "set default",
                "r" => "restrict",
                _ => "no action",
            };
            facts.insert(format!(
                "foreign key {name}.{} -> {}.{} on delete {on_delete}",
                key.get::<String, _>("source"),
                key.get::<String, _>("target"),
                key.get::<String, _>("target_column"),
            ));
        }
    }
    facts
}

/// Whether to run: PostgreSQL answers, or is required and so fails loudly.
async fn with_postgres() -> bool {
    pulse_tests::databases::postgres_for("comparing the schemas").await
}

#[tokio::test]
async fn both_dialects_make_the_same_schema() {
    if !with_postgres().await {
        return;
    }
    let sqlite = sqlite_facts(&fresh_sqlite("schema")).await;
    let postgres = postgres_facts(&fresh_postgres("schema").await).await;
    assert!(sqlite.len() > 100, "the schema was read: {sqlite:#?}");
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the dialects' schemas differ.\nOnly on SQLite:\n  {}\nOnly on PostgreSQL:\n  {}",
        only_sqlite
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        only_postgres
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

/// What a trigger keeps is tried on each side by doing what it forbids.
async fn audit_log_refuses_changes(url: &str) {
    let db = Db::connect(url).await.expect("a database");
    db::migrate::run(&db).await.expect("migrated");
    let mut conn = db.read().await.expect("a connection");
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor, action, topic_id, comment_id, subject, reason) \
         VALUES (1, NULL, 'pulse admin (command line)', 'create_account', NULL, NULL, 'x', NULL)",
    )
    .execute(&mut *conn)
    .await
    .expect("appending is allowed");
    for change in [
        "UPDATE audit_log SET action = 'nothing'",
        "DELETE FROM audit_log",
    ] {
        let refused = sqlx::query(change).execute(&mut *conn).await;
        assert!(refused.is_err(), "{url}: {change} was allowed");
    }
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'create_account'")
            .fetch_one(&mut *conn)
            .await
            .expect("counted");
    assert_eq!(kept, 1, "{url}");
}

#[tokio::test]
async fn the_audit_log_refuses_updates_and_deletes_on_both() {
    audit_log_refuses_changes(&fresh_sqlite("audit-rule")).await;
    if with_postgres().await {
        audit_log_refuses_changes(&fresh_postgres("audit-rule").await).await;
    }
}

/// The public record takes new entries and lets an erased text go, and
/// nothing else: no entry changed, none removed.
async fn record_refuses_changes(url: &str) {
    let db = Db::connect(url).await.expect("a database");
    db::migrate::run(&db).await.expect("migrated");
    let mut conn = db.read().await.expect("a connection");
    for sql in [
        "INSERT INTO topics (slug, title, summary, summary_html, opens_at, closes_at, time_zone, \
         results_rule, host_name, host_role, created_at) \
         VALUES ('t', 'T', 'S', 'S', 1, 2, 'UTC', 'always', 'H', 'R', 1)",
        "INSERT INTO record_entries (topic_id, position, at, kind, item, comment_id, content, \
         content_hash, prev_hash, hash) \
         SELECT id, 1, 1, 'comment', 'comment/1', 1, '{}', 'c', 'p', 'h' FROM topics",
        "UPDATE record_entries SET content = NULL",
        "INSERT INTO record_checkpoints (topic_id, position, hash, at, reason, mark) \
         SELECT id, 1, 'h', 1, 'daily', 0 FROM topics",
    ] {
        sqlx::query(sql)
            .execute(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("{url}: {sql}: {e}"));
    }
    for change in [
        "UPDATE record_entries SET content = 'another'",
        "UPDATE record_entries SET hash = 'another'",
        "UPDATE record_entries SET position = 2",
        "UPDATE record_entries SET at = 2",
        "DELETE FROM record_entries",
        "UPDATE record_checkpoints SET hash = 'another'",
        "DELETE FROM record_checkpoints",
        // One head a day, and never one reason it is not.
        "INSERT INTO record_checkpoints (topic_id, position, hash, at, reason, mark) \
         SELECT id, 2, 'h2', 1, 'daily', 0 FROM topics",
        "INSERT INTO record_checkpoints (topic_id, position, hash, at, reason, mark) \
         SELECT id, 3, 'h3', 1, 'weekly', 1 FROM topics",
    ] {
        let refused = sqlx::query(change).execute(&mut *conn).await;
        assert!(refused.is_err(), "{url}: {change} was allowed");
    }
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM record_entries WHERE hash = 'h'")
        .fetch_one(&mut *conn)
        .await
        .expect("counted");
    assert_eq!(kept, 1, "{url}");
    let published: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM record_checkpoints WHERE hash = 'h'")
            .fetch_one(&mut *conn)
            .await
            .expect("counted");
    assert_eq!(published, 1, "{url}");
}

#[tokio::test]
async fn the_record_refuses_changes_but_an_erased_text_on_both() {
    record_refuses_changes(&fresh_sqlite("record-rule")).await;
    if with_postgres().await {
        record_refuses_changes(&fresh_postgres("record-rule").await).await;
    }
}

/// A migration changed after it was applied stops the next start, naming
/// it; one applied before checksums were kept gets its checksum once.
async fn checksums_are_kept_and_checked(url: &str) {
    let db = Db::connect(url).await.expect("a database");
    db::migrate::run(&db).await.expect("migrated");
    let mut conn = db.read().await.expect("a connection");
    let unrecorded: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pulse_migrations WHERE checksum IS NULL")
            .fetch_one(&mut *conn)
            .await
            .expect("counted");
    assert_eq!(unrecorded, 0, "every applied migration has its checksum");

    // As a database migrated before there were checksums (the migrations
    // after the one that added them stay as they are).
    for sql in [
        "DELETE FROM pulse_migrations WHERE version = 10",
        "ALTER TABLE pulse_migrations DROP COLUMN checksum",
    ] {
        sqlx::query(sql).execute(&mut *conn).await.expect(sql);
    }
    drop(conn);
    db::migrate::run(&db).await.expect("migrated again");
    let mut conn = db.read().await.expect("a connection");
    let recorded: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pulse_migrations WHERE checksum IS NOT NULL")
            .fetch_one(&mut *conn)
            .await
            .expect("counted");
    let all: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pulse_migrations")
        .fetch_one(&mut *conn)
        .await
        .expect("counted");
    assert!(all >= 10 && recorded == all, "{recorded} of {all}");

    // As if migration 3's file had been edited since.
    sqlx::query("UPDATE pulse_migrations SET checksum = 'an older text' WHERE version = 3")
        .execute(&mut *conn)
        .await
        .expect("changed");
    drop(conn);
    let said = start_refused(&db).await;
    assert!(
        said.contains("migration 3 (hardening) was changed after it was applied"),
        "{said}"
    );
}

/// Why the migrations, run as at start, refused to go on.
async fn start_refused(db: &Db) -> String {
    let refused = db::migrate::run(db)
        .await
        .expect_err("the start is refused");
    format!("{refused:#}")
}

/// A schema migrated by a newer Pulse stops this one's start, saying so.
async fn a_newer_schema_is_refused(url: &str) {
    let db = Db::connect(url).await.expect("a database");
    db::migrate::run(&db).await.expect("migrated");
    let mut conn = db.read().await.expect("a connection");
    sqlx::query(
        "INSERT INTO pulse_migrations (version, name, applied_at, checksum) \
         VALUES (9999, 'from the future', 0, 'x')",
    )
    .execute(&mut *conn)
    .await
    .expect("a newer migration");
    drop(conn);
    let said = start_refused(&db).await;
    assert!(
        said.contains("migration 9999, which this version of Pulse does not know"),
        "{said}"
    );
}

#[tokio::test]
async fn a_schema_newer_than_this_pulse_is_refused_at_start_on_both() {
    a_newer_schema_is_refused(&fresh_sqlite("newer")).await;
    if with_postgres().await {
        a_newer_schema_is_refused(&fresh_postgres("newer").await).await;
    }
}

#[tokio::test]
async fn a_migration_changed_after_it_was_applied_stops_the_start() {
    checksums_are_kept_and_checked(&fresh_sqlite("checksums")).await;
    if with_postgres().await {
        checksums_are_kept_and_checked(&fresh_postgres("checksums").await).await;
    }
}
