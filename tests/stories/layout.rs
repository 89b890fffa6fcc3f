//! The code's layout keeps to its rules: the modules follow the chain and never import each
//! other in a circle, and the web layer runs no SQL.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

fn src() -> Vec<(String, String)> {
    let mut out = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// The top-level module a file of `src/` belongs to.
fn module_of(path: &str) -> String {
    let rel = path.split("/src/").last().unwrap();
    rel.split('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn no_two_modules_import_each_other_even_through_others() {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in src() {
        let me = module_of(&path);
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // macros exported at the crate root (`crate::text_enum!`) are not modules
            if name != me && !text[i + 7 + name.len()..].starts_with('!') {
                uses.entry(me.clone()).or_default().insert(name);
            }
        }
    }
    // a cycle: a module that reaches itself
    for start in uses.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = uses[start].iter().collect();
        while let Some(m) = todo.pop() {
            assert_ne!(m, start, "{start} imports itself through {seen:?}");
            if seen.insert(m.clone())
                && let Some(next) = uses.get(m)
            {
                todo.extend(next);
            }
        }
    }
    // the chain runs one way
    for (low, high) in [
        ("plans", "projects"),
        ("plans", "forums"),
        ("projects", "adoption"),
    ] {
        assert!(
            !uses.get(low).is_some_and(|u| u.contains(high)),
            "{low} must not use {high}"
        );
    }
}

#[test]
fn the_web_layer_runs_no_sql() {
    for (path, text) in src() {
        if module_of(&path) != "web" {
            continue;
        }
        for word in [
            "db::query",
            "sqlx::",
            "SELECT ",
            "INSERT ",
            "UPDATE ",
            "DELETE ",
        ] {
            assert!(!text.contains(word), "{path} holds “{word}”");
        }
    }
}

/// Who may do what is decided in the domain (plans::access, projects::rights, accounts::administers,
/// registers::may_submit, …); a handler asks, it never compares roles, scopes or activity itself.
#[test]
fn the_web_layer_decides_no_rights() {
    for (path, text) in src() {
        if module_of(&path) != "web" {
            continue;
        }
        for word in [
            "Role::Admin",
            "Role::Officer",
            "Role::Viewer",
            ".role ==",
            ".role !=",
            ".can_write()",
            ".covers(",
            "covers_scope",
            "is_above",
            "check_owner_write",
            "u.active &&",
        ] {
            assert!(!text.contains(word), "{path} holds “{word}”");
        }
    }
}
