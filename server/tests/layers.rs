//! The server's layers, kept: every module sits on a layer, and imports only
//! from its own layer or those below; no two modules import each other round
//! a circle; no route module imports another (what two routes share is a
//! service, or an extractor), nor the database or the policy but through a
//! service. Paths are read wherever they appear — `use`
//! lines and inline `crate::api::topics::find(…)` in an expression alike,
//! `crate::`, `super::`, `self::` and a child module's own name.
//!
//! A new module must be given its layer in [`LAYERS`]: the picture in the
//! README's architecture section is this table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom first. A module may import from its own layer and those below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "base",
        &[
            "clock",
            "config",
            "dates",
            "client_addr",
            "revisions",
            "record",
            "metrics",
            "request_id",
        ],
    ),
    ("db", &["db"]),
    ("error", &["error", "body"]),
    (
        "policy and parts",
        &[
            "policy",
            "password",
            "session",
            "link_key",
            "csrf",
            "cache",
            "ratelimit",
            "writer",
            "mail",
            "city_pages",
            "connections",
        ],
    ),
    ("state", &["state"]),
    (
        "services and extractors",
        &["services", "extract", "language", "rendering"],
    ),
    (
        "routes",
        &[
            "api",
            "pages",
            "feeds",
            "health",
            "unsubscribe",
            "static_files",
            "origin",
            "security_headers",
        ],
    ),
    (
        "the program",
        &["startup", "admin", "demo", "cli", "outside"],
    ),
];

/// Modules whose children are routes: none of them may import another.
/// (`static_files` is not among them: it serves the client's files, and is
/// handed the not-found page by the program.)
const ROUTES: &[&str] = &["api", "pages", "feeds", "unsubscribe"];

/// What only services reach: a route goes through one.
const BEHIND_SERVICES: &[&str] = &["db", "policy"];

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&top))
}

/// A module: its path (`["api", "topics"]`), file and source without tests
/// or comments.
struct Module {
    path: Vec<String>,
    source: String,
    children: BTreeSet<String>,
}

fn src_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn modules() -> BTreeMap<Vec<String>, Module> {
    let mut found = BTreeMap::new();
    collect(&src_dir(), &mut Vec::new(), &mut found);
    found
}

fn collect(dir: &Path, at: &mut Vec<String>, found: &mut BTreeMap<Vec<String>, Module>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("the source folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name")
            .to_string();
        if path.is_dir() {
            at.push(name);
            collect(&path, at, found);
            at.pop();
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = at.clone();
            if !matches!(name.as_str(), "mod" | "lib" | "main") {
                module.push(name);
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            let source = without_tests_and_comments(&text);
            let children = declared_children(&source);
            found.insert(
                module.clone(),
                Module {
                    path: module,
                    source,
                    children,
                },
            );
        }
    }
}

/// The code a module ships: comments dropped, and everything from the first
/// `#[cfg(test)]` on (a file's tests sit at its end, and may reach anything).
fn without_tests_and_comments(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|line| match line.find("//") {
            // `//` inside a string (`"sqlite://…"`) keeps the line.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn declared_children(source: &str) -> BTreeSet<String> {
    let mut children = BTreeSet::new();
    for line in source.lines() {
        let line = line.trim();
        let line = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        if let Some(rest) = line.strip_prefix("mod ")
            && let Some(name) = rest.strip_suffix(';')
        {
            children.insert(name.trim().to_string());
        }
    }
    children
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path a source names from `start` (`crate`, `super`, `self` or a
/// child's name) on: `crate::{clock, db::{self, topics}}` gives
/// `crate::clock`, `crate::db`, `crate::db::topics`.
fn paths_from(source: &str, start: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let needle = format!("{start}::");
    let mut from = 0;
    while let Some(found) = source[from..].find(&needle) {
        let at = from + found;
        from = at + needle.len();
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let mut rest = &source[at + needle.len()..];
        tree(&mut rest, vec![start.to_string()], &mut out);
    }
    out
}

/// Reads one path tree at the start of `rest`, prefixed by `prefix`.
fn tree(rest: &mut &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    *rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('{') {
        *rest = inner;
        loop {
            *rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix('}') {
                *rest = after;
                return;
            }
            if rest.is_empty() {
                return;
            }
            tree(rest, prefix.clone(), out);
            *rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix(',') {
                *rest = after;
            }
        }
    }
    let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
    let segment = &rest[..len];
    *rest = &rest[len..];
    let mut path = prefix;
    if !segment.is_empty() && segment != "self" {
        path.push(segment.to_string());
    }
    if let Some(after) = rest.strip_prefix("::") {
        *rest = after;
        tree(rest, path, out);
    } else {
        out.push(path);
    }
}

/// The module a path names: the longest known module it starts with.
fn resolve(
    from: &[String],
    path: &[String],
    known: &BTreeMap<Vec<String>, Module>,
) -> Option<Vec<String>> {
    let absolute: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => path[1..].to_vec(),
        Some("super") => {
            let mut base = from[..from.len().saturating_sub(1)].to_vec();
            let mut rest = &path[1..];
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            base
        }
        Some("self") => {
            let mut base = from.to_vec();
            base.extend(path[1..].iter().cloned());
            base
        }
        Some(_) => {
            let mut base = from.to_vec();
            base.extend(path.iter().cloned());
            base
        }
        None => return None,
    };
    (1..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|candidate| known.contains_key(candidate))
}

type Edges = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

fn edges(known: &BTreeMap<Vec<String>, Module>) -> Edges {
    let mut edges = Edges::new();
    for module in known.values() {
        if module.path.is_empty() {
            continue; // lib.rs and main.rs declare and start everything
        }
        let mut starts: Vec<String> = ["crate", "super", "self"].map(String::from).to_vec();
        starts.extend(module.children.iter().cloned());
        for start in &starts {
            for path in paths_from(&module.source, start) {
                if let Some(target) = resolve(&module.path, &path, known)
                    && target != module.path
                    && !target.is_empty()
                {
                    edges.entry(module.path.clone()).or_default().insert(target);
                }
            }
        }
    }
    edges
}

fn name(path: &[String]) -> String {
    if path.is_empty() {
        "crate".into()
    } else {
        path.join("::")
    }
}

fn problems(known: &BTreeMap<Vec<String>, Module>, edges: &Edges) -> Vec<String> {
    let mut problems = Vec::new();
    for path in known.keys() {
        if let Some(top) = path.first()
            && layer_of(top).is_none()
        {
            problems.push(format!(
                "{} is on no layer: add it to LAYERS in server/tests/layers.rs",
                name(path)
            ));
        }
    }
    for (from, targets) in edges {
        let Some(from_top) = from.first() else {
            continue; // lib.rs declares every module
        };
        for to in targets {
            let to_top = &to[0];
            if let (Some(a), Some(b)) = (layer_of(from_top), layer_of(to_top))
                && b > a
            {
                problems.push(format!(
                    "{} (layer {:?}) imports {} from the layer above it ({:?})",
                    name(from),
                    LAYERS[a].0,
                    name(to),
                    LAYERS[b].0
                ));
            }
            let route = |p: &[String]| ROUTES.contains(&p[0].as_str());
            let descends = to.starts_with(from);
            if route(from) && BEHIND_SERVICES.contains(&to_top.as_str()) {
                problems.push(format!(
                    "the route module {} reaches {} itself: a route calls a service, which asks the policy and the database",
                    name(from),
                    name(to)
                ));
            }
            if route(from) && route(to) && !descends {
                problems.push(format!(
                    "the route module {} imports another route module, {}: what they share belongs in a service or an extractor",
                    name(from),
                    name(to)
                ));
            }
        }
    }
    if let Some(cycle) = find_cycle(edges) {
        problems.push(format!(
            "a circle of imports: {}",
            cycle
                .iter()
                .map(|p| name(p))
                .collect::<Vec<_>>()
                .join(" → ")
        ));
    }
    problems
}

/// The modules of one circle, the first one again at the end, if any.
/// Module paths are also taken whole at the top level (`api::topics` →
/// `db::topics` is an edge `api` → `db`), so a circle through two folders
/// is found too.
fn find_cycle(edges: &Edges) -> Option<Vec<Vec<String>>> {
    let mut graph = edges.clone();
    for (from, targets) in edges {
        for to in targets {
            let (a, b) = (from[..1].to_vec(), to[..1].to_vec());
            if a != b {
                graph.entry(a).or_default().insert(b);
            }
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &Vec<String>,
        graph: &Edges,
        marks: &mut BTreeMap<Vec<String>, Mark>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let at = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[at..].to_vec();
                cycle.push(node.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn every_module_imports_only_from_its_layer_or_below_and_none_in_a_circle() {
    let known = modules();
    let problems = problems(&known, &edges(&known));
    assert!(
        problems.is_empty(),
        "the server's layers are broken:\n  {}",
        problems.join("\n  ")
    );
}

/// The check sees what it must: an inline upward path in an expression, a
/// handler's import of another, a circle, and a module on no layer.
#[test]
fn the_check_finds_upward_imports_sibling_routes_and_circles() {
    let module = |path: &[&str], source: &str| {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        let source = without_tests_and_comments(source);
        (
            path.clone(),
            Module {
                children: declared_children(&source),
                path,
                source,
            },
        )
    };
    let known: BTreeMap<_, _> = [
        module(
            &["db"],
            "pub mod topics;\nfn f() { let x = crate::api::topics::find(1); }",
        ),
        module(&["db", "topics"], "use super::helper;"),
        module(
            &["api"],
            "mod topics;\nmod comments;\nfn r() { topics::router(); }",
        ),
        module(
            &["api", "topics"],
            "use crate::{clock, db::{self, topics::Row}};",
        ),
        module(&["api", "comments"], "use super::topics::find;"),
        module(&["api", "polls"], "fn f() { crate::db::polls::list(); }"),
        module(&["clock"], "// crate::db::nothing, in a comment\n"),
        module(&["stray"], ""),
        module(&["services"], "use crate::state::AppState;"),
        module(&["state"], "use crate::services::x;"),
    ]
    .into_iter()
    .collect();
    let found = problems(&known, &edges(&known)).join("\n");
    assert!(
        found.contains("db (layer \"db\") imports api::topics"),
        "{found}"
    );
    assert!(
        found.contains("the route module api::comments imports another route module, api::topics"),
        "{found}"
    );
    assert!(found.contains("stray is on no layer"), "{found}");
    assert!(
        found.contains("the route module api::polls reaches db itself"),
        "{found}"
    );
    assert!(
        found.contains("state (layer \"state\") imports services"),
        "{found}"
    );
    assert!(found.contains("a circle of imports"), "{found}");
    assert!(!found.contains("clock"), "{found}");
    assert!(!found.contains("api::topics (layer"), "{found}");
}
