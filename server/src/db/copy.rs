//! `pulse copy`: every row of one database into another, empty one, SQLite
//! to PostgreSQL or back, so that a city that started on one file can move
//! to several instances (or back) and be served the same answers.
//!
//! The tables are read from the schema, not from a list: a table a later
//! migration adds is copied without anyone remembering it. They are copied
//! parents first (by their foreign keys), each in the order of its primary
//! key, from one snapshot of the source (it may go on serving) into one
//! transaction on the destination, which is checked before it commits:
//! each table's row count and a SHA-256 over its rows in a canonical form
//! (below), read back from the destination, must equal the source's. A copy
//! that does not hold leaves the destination as it was.
//!
//! The canonical form of a table: its rows in the order of their primary
//! key (byte order for text), each value as `n` (NULL), `i` and the eight
//! bytes of a 64-bit integer (little-endian), or `s`, the text's length
//! in eight bytes and its UTF-8 bytes.

use super::{Backend, Db};
use anyhow::{Context, bail};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeMap, BTreeSet};

/// The sessions (who is signed in where): copied only when asked.
const SESSIONS: &str = "sessions";

/// Each database's own record of its migrations.
const MIGRATIONS: &str = "pulse_migrations";

/// Whether `table`'s rows are copied.
fn copies(table: &Table, sessions: bool) -> bool {
    table.name != MIGRATIONS && (table.name != SESSIONS || sessions)
}

/// Parameters per INSERT statement (well within both databases' limits).
const PARAMETERS_PER_INSERT: usize = 900;

/// What was copied of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub table: String,
    pub rows: u64,
    /// SHA-256 of the canonical form, in hex.
    pub checksum: String,
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    integer: bool,
}

#[derive(Debug, Clone)]
struct Table {
    name: String,
    columns: Vec<Column>,
    key: Vec<String>,
    parents: BTreeSet<String>,
}

#[derive(Debug, Clone)]
enum Value {
    Null,
    Int(i64),
    Text(String),
}

/// The tables of the database `conn` is on, with their columns, primary
/// keys and the tables their foreign keys name.
async fn tables(conn: &mut AnyConnection, backend: Backend) -> anyhow::Result<Vec<Table>> {
    let names: Vec<String> = match backend {
        Backend::Sqlite => {
            sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .fetch_all(&mut *conn)
            .await
        }
        Backend::Postgres => {
            sqlx::query_scalar(
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
            )
            .fetch_all(&mut *conn)
            .await
        }
    }
    .context("reading the tables")?;
    let mut found = Vec::new();
    for name in names {
        let (columns, key, parents) = match backend {
            Backend::Sqlite => {
                // The names come from the database's own catalogue.
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT name, type, pk FROM pragma_table_info('{name}') ORDER BY cid"
                )))
                .fetch_all(&mut *conn)
                .await
                .with_context(|| format!("reading the columns of {name}"))?;
                let mut columns = Vec::new();
                let mut key: Vec<(i64, String)> = Vec::new();
                for row in rows {
                    let column: String = row.try_get("name")?;
                    let declared: String = row.try_get("type")?;
                    let pk: i64 = row.try_get("pk")?;
                    if pk > 0 {
                        key.push((pk, column.clone()));
                    }
                    columns.push(Column {
                        name: column,
                        integer: declared.to_ascii_uppercase().contains("INT"),
                    });
                }
                key.sort();
                let parents: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT \"table\" FROM pragma_foreign_key_list('{name}')"
                )))
                .fetch_all(&mut *conn)
                .await
                .with_context(|| format!("reading the foreign keys of {name}"))?;
                (
                    columns,
                    key.into_iter().map(|(_, c)| c).collect(),
                    parents.into_iter().collect::<BTreeSet<String>>(),
                )
            }
            Backend::Postgres => {
                let rows = sqlx::query(
                    "SELECT CAST(column_name AS TEXT) AS name, CAST(data_type AS TEXT) AS type \
                     FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await
                .with_context(|| format!("reading the columns of {name}"))?;
                let mut columns = Vec::new();
                for row in rows {
                    let declared: String = row.try_get("type")?;
                    columns.push(Column {
                        name: row.try_get("name")?,
                        integer: matches!(declared.as_str(), "bigint" | "integer" | "smallint"),
                    });
                }
                let key: Vec<String> = sqlx::query_scalar(
                    "SELECT CAST(k.column_name AS TEXT) FROM information_schema.table_constraints c \
                     JOIN information_schema.key_column_usage k \
                       ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema \
                     WHERE c.table_schema = 'public' AND c.table_name = $1 \
                       AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await
                .with_context(|| format!("reading the primary key of {name}"))?;
                let parents: Vec<String> = sqlx::query_scalar(
                    "SELECT CAST(p.relname AS TEXT) FROM pg_constraint f \
                     JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE f.contype = 'f' AND n.nspname = 'public' AND c.relname = $1",
                )
                .bind(&name)
                .fetch_all(&mut *conn)
                .await
                .with_context(|| format!("reading the foreign keys of {name}"))?;
                (
                    columns,
                    key,
                    parents.into_iter().collect::<BTreeSet<String>>(),
                )
            }
        };
        found.push(Table {
            parents: parents.into_iter().filter(|p| p != &name).collect(),
            name,
            columns,
            key,
        });
    }
    Ok(found)
}

/// Parents before children; within that, by name.
fn in_order(mut tables: Vec<Table>) -> anyhow::Result<Vec<Table>> {
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut ordered = Vec::new();
    while !tables.is_empty() {
        let (ready, waiting): (Vec<Table>, Vec<Table>) = tables
            .into_iter()
            .partition(|t| t.parents.iter().all(|p| done.contains(p)));
        if ready.is_empty() {
            bail!(
                "the tables' foreign keys go round a circle: {}",
                waiting
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for table in ready {
            done.insert(table.name.clone());
            ordered.push(table);
        }
        tables = waiting;
    }
    Ok(ordered)
}

fn select_sql(table: &Table, backend: Backend) -> String {
    let columns = table
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let order = table
        .key
        .iter()
        .map(|k| {
            let text = table.columns.iter().any(|c| &c.name == k && !c.integer);
            match (backend, text) {
                // Byte order, as SQLite's BINARY.
                (Backend::Postgres, true) => format!("\"{k}\" COLLATE \"C\""),
                _ => format!("\"{k}\""),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    format!("SELECT {columns} FROM \"{}\" ORDER BY {order}", table.name)
}

fn read_row(row: &AnyRow, table: &Table) -> anyhow::Result<Vec<Value>> {
    let mut values = Vec::with_capacity(table.columns.len());
    for (i, column) in table.columns.iter().enumerate() {
        let value = match row.try_get::<Option<i64>, _>(i) {
            Ok(Some(n)) => Value::Int(n),
            Ok(None) => Value::Null,
            Err(_) => match row.try_get::<Option<String>, _>(i) {
                Ok(Some(text)) => Value::Text(text),
                Ok(None) => Value::Null,
                Err(error) => {
                    bail!(
                        "{}.{}: a value neither a number nor text: {error}",
                        table.name,
                        column.name
                    )
                }
            },
        };
        values.push(value);
    }
    Ok(values)
}

fn hash_row(hasher: &mut Sha256, values: &[Value]) {
    for value in values {
        match value {
            Value::Null => hasher.update(b"n"),
            Value::Int(n) => {
                hasher.update(b"i");
                hasher.update(n.to_le_bytes());
            }
            Value::Text(text) => {
                hasher.update(b"s");
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A table's rows, counted and hashed in the canonical form.
async fn checksum(
    conn: &mut AnyConnection,
    backend: Backend,
    table: &Table,
) -> anyhow::Result<(u64, String)> {
    let sql = select_sql(table, backend);
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *conn);
    let mut hasher = Sha256::new();
    let mut count = 0u64;
    while let Some(row) = rows
        .try_next()
        .await
        .with_context(|| format!("reading {}", table.name))?
    {
        hash_row(&mut hasher, &read_row(&row, table)?);
        count += 1;
    }
    Ok((count, hex(&hasher.finalize())))
}

async fn insert(
    conn: &mut AnyConnection,
    table: &Table,
    destination: &BTreeMap<String, bool>,
    rows: &[Vec<Value>],
) -> anyhow::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let width = table.columns.len();
    let columns = table
        .columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let tuples = (0..rows.len())
        .map(|r| {
            let places = (0..width)
                .map(|c| format!("${}", r * width + c + 1))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({places})")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("INSERT INTO \"{}\" ({columns}) VALUES {tuples}", table.name);
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for row in rows {
        for (value, column) in row.iter().zip(&table.columns) {
            // A NULL is bound as the destination column's type (PostgreSQL
            // refuses a NULL number for a text column).
            let integer = destination
                .get(&column.name)
                .copied()
                .unwrap_or(column.integer);
            query = match (value, integer) {
                (Value::Null, true) => query.bind(None::<i64>),
                (Value::Null, false) => query.bind(None::<String>),
                (Value::Int(n), _) => query.bind(*n),
                (Value::Text(text), _) => query.bind(text.clone()),
            };
        }
    }
    query
        .execute(&mut *conn)
        .await
        .with_context(|| format!("writing rows of {}", table.name))?;
    Ok(())
}

/// Copies every table of `from` into `to`, which must have no rows (it is
/// migrated first). The sessions are copied only with `sessions`.
pub async fn copy(from: &Db, to: &Db, sessions: bool) -> anyhow::Result<Vec<Copied>> {
    {
        let mut conn = from.read().await?;
        let pending = super::migrate::pending(&mut conn).await?;
        if !pending.is_empty() {
            bail!(
                "the source's schema is behind this Pulse (migrations {pending:?} not applied): \
                 run `pulse migrate` on it first, or copy with the Pulse that made it"
            );
        }
    }
    super::migrate::run(to)
        .await
        .context("migrating the destination")?;
    let mut source = from.snapshot().await?;
    let mut destination = to.write().await?;
    let source_tables = in_order(tables(&mut source, from.backend).await?)?;
    let destination_tables: BTreeMap<String, Table> = tables(&mut destination, to.backend)
        .await?
        .into_iter()
        .map(|t| (t.name.clone(), t))
        .collect();
    let names = |ts: &mut dyn Iterator<Item = &Table>| -> BTreeSet<String> {
        ts.map(|t| t.name.clone()).collect()
    };
    let (theirs, ours) = (
        names(&mut source_tables.iter()),
        names(&mut destination_tables.values()),
    );
    if theirs != ours {
        bail!(
            "the two schemas differ: only in the source {:?}, only in the destination {:?}",
            theirs.difference(&ours).collect::<Vec<_>>(),
            ours.difference(&theirs).collect::<Vec<_>>()
        );
    }
    for table in &source_tables {
        let there = &destination_tables[&table.name];
        let columns = |t: &Table| {
            t.columns
                .iter()
                .map(|c| c.name.clone())
                .collect::<BTreeSet<_>>()
        };
        if columns(table) != columns(there) {
            bail!(
                "the table {} has other columns in the destination",
                table.name
            );
        }
        if table.key.is_empty() {
            bail!(
                "the table {} has no primary key to copy it in order by",
                table.name
            );
        }
        if table.name == MIGRATIONS {
            continue;
        }
        // The names come from the database's own catalogue.
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM \"{}\"",
            table.name
        )))
        .fetch_one(&mut *destination)
        .await
        .with_context(|| format!("counting the destination's {}", table.name))?;
        if rows > 0 {
            bail!(
                "the destination is not empty ({} has {rows} rows): copy into a new database",
                table.name
            );
        }
    }
    // The record of the migrations is each database's own (a migration's
    // checksum is of its dialect's SQL): the versions must be the same.
    let versions = "SELECT version FROM pulse_migrations ORDER BY version";
    let theirs: Vec<i64> = sqlx::query_scalar(versions)
        .fetch_all(&mut *source)
        .await
        .context("reading the source's migrations")?;
    let ours: Vec<i64> = sqlx::query_scalar(versions)
        .fetch_all(&mut *destination)
        .await
        .context("reading the destination's migrations")?;
    if theirs != ours {
        bail!(
            "the source was migrated by another Pulse (migrations {theirs:?}; this one's are \
             {ours:?}): copy with the Pulse that serves it"
        );
    }

    let mut copied = Vec::new();
    for table in &source_tables {
        if !copies(table, sessions) {
            continue;
        }
        let types: BTreeMap<String, bool> = destination_tables[&table.name]
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.integer))
            .collect();
        let per_insert = (PARAMETERS_PER_INSERT / table.columns.len().max(1)).max(1);
        // Read as a stream, a batch at a time: a table of a million
        // comments is never held whole.
        let sql = select_sql(table, from.backend);
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *source);
        let mut hasher = Sha256::new();
        let mut batch = Vec::with_capacity(per_insert);
        let mut count = 0u64;
        while let Some(row) = rows
            .try_next()
            .await
            .with_context(|| format!("reading {}", table.name))?
        {
            let values = read_row(&row, table)?;
            hash_row(&mut hasher, &values);
            batch.push(values);
            count += 1;
            if batch.len() == per_insert {
                insert(&mut destination, table, &types, &batch).await?;
                batch.clear();
            }
        }
        drop(rows);
        insert(&mut destination, table, &types, &batch).await?;
        copied.push(Copied {
            table: table.name.clone(),
            rows: count,
            checksum: hex(&hasher.finalize()),
        });
    }

    // What comes next after the copied ids (SQLite keeps its own count as
    // rows are written with theirs).
    if to.backend == Backend::Postgres {
        let serials: Vec<(String, String)> = sqlx::query(
            "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c \
             FROM information_schema.columns \
             WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'",
        )
        .fetch_all(&mut *destination)
        .await
        .context("reading the destination's sequences")?
        .iter()
        .map(|r| Ok((r.try_get("t")?, r.try_get("c")?)))
        .collect::<Result<_, sqlx::Error>>()?;
        for (table, column) in serials {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), \
                 COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\""
            )))
            .execute(&mut *destination)
            .await
            .with_context(|| format!("setting the sequence of {table}.{column}"))?;
        }
    }

    // Read back, before the commit: what does not hold is not kept.
    for (table, made) in source_tables
        .iter()
        .filter(|t| copies(t, sessions))
        .zip(&copied)
    {
        let (rows, sum) = checksum(&mut destination, to.backend, table).await?;
        if rows != made.rows || sum != made.checksum {
            bail!(
                "{}: {} rows with checksum {} in the source, {rows} with {sum} in the copy; nothing was kept",
                table.name,
                made.rows,
                made.checksum
            );
        }
    }
    super::commit(destination).await?;
    Ok(copied)
}
