//! Rows are read by name (`row.try_get("title")`, or a `FromRow` that does
//! so), never by position: a tuple of three or more columns is one swapped
//! column away from a silent bug, and adding a column must not shift
//! another. Pairs (`(anchor, count)`) stay allowed.

use std::path::PathBuf;

/// Where a tuple of three or more types starts in `text` after `opening`,
/// for each occurrence: the line numbers.
fn wide_tuples(text: &str, opening: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(opening) {
        let start = from + at + opening.len();
        from = start;
        let mut depth = 1;
        let mut commas = 0;
        for c in text[start..].chars() {
            match c {
                '(' | '<' => depth += 1,
                ')' | '>' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if depth == 1 => commas += 1,
                _ => {}
            }
        }
        // A trailing comma after the last type counts once too many.
        let body_end = text[start..].find(')').map_or(start, |e| start + e);
        let trailing = text[start..body_end].trim_end().ends_with(',');
        if commas - usize::from(trailing) >= 2 {
            found.push(text[..start].lines().count());
        }
    }
    found
}

fn positional_reads(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    for opening in ["query_as::<_, (", "Row = (", "Vec<(", "Option<("] {
        lines.extend(wide_tuples(text, opening));
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

#[test]
fn no_database_row_is_read_by_position() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/db");
    let mut wrong = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("server/src/db") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        for line in positional_reads(&text) {
            wrong.push(format!("{}:{line}", path.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "rows read by position (read them by name: row.try_get(\"column\")):\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn the_check_sees_wide_tuples_and_lets_pairs_be() {
    assert_eq!(
        positional_reads("let r = sqlx::query_as::<_, (i64, String, Option<i64>)>(\"…\")"),
        [1]
    );
    assert_eq!(
        positional_reads("x\ntype Row = (\n    i64,\n    String,\n    String,\n);"),
        [2]
    );
    assert!(positional_reads("sqlx::query_as::<_, (String, i64)>(\"…\")").is_empty());
    assert!(positional_reads("sqlx::query_as::<_, (String, Vec<(i64, i64)>)>(\"…\")").is_empty());
}
