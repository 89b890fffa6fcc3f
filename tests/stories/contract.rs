//! The API against its own document, as a third-party client would test it (issue 13):
//! schemathesis generates requests from `/api/openapi.json` — examples, boundary values and
//! fuzzed ones — signed in as the national administrator, on both databases. No answer may be a
//! server error, a status the document does not name, a content type it does not say, or a body
//! that contradicts its schema; and the server must not drop a connection (a panic).

use crate::common::server::Remote;
use crate::common::{self, cast};
use oneplan::db::Db;
use oneplan::plans::{self, PlanKind};
use std::path::PathBuf;
use std::process::Command;

/// schemathesis as scripts/test.sh installs it (ONEPLAN_SCHEMATHESIS), or from the PATH.
fn schemathesis() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ONEPLAN_SCHEMATHESIS") {
        return Some(p.into());
    }
    let on_path = Command::new("schemathesis").arg("--version").output();
    if on_path.is_ok_and(|o| o.status.success()) {
        return Some("schemathesis".into());
    }
    assert!(
        !common::db::required(),
        "schemathesis is not installed: run the tests with scripts/test.sh"
    );
    None
}

/// Seconds of generated requests per database: 45, or ONEPLAN_CONTRACT_SECONDS.
fn seconds() -> String {
    std::env::var("ONEPLAN_CONTRACT_SECONDS").unwrap_or_else(|_| "45".into())
}

story!(
    the_api_answers_as_its_document_says,
    Phayao,
    flavor = "multi_thread"
);
async fn the_api_answers_as_its_document_says(backend: &str, db: Db) {
    let Some(program) = schemathesis() else {
        eprintln!("schemathesis is not installed: the API contract is not tested");
        return;
    };
    let root = cast::root(&db).await;
    cast::village(&db).await;
    // two draft village plans whose id and version the forum and project writes are given
    // (generated ids and versions name no plan, or an old version of it)
    let mut plans = Vec::new();
    for code in ["56011401", "56011402"] {
        let owner = plans::resolve_owner(&db, PlanKind::Village, code)
            .await
            .unwrap();
        let plan = plans::open(&db, &root, PlanKind::Village, &owner, 2569)
            .await
            .unwrap();
        plans.push((plan.id, plan.version));
    }
    let base = crate::browser::server(&db).await;
    let mut client = Remote::new(&base);
    let csrf = client.sign_in("root", cast::PASSWORD).await.unwrap();
    let cookie = client.cookie.clone();
    let dir = common::temp_dir("oneplan-contract");
    std::fs::write(
        dir.join("schemathesis.toml"),
        writes_that_can_succeed(&plans),
    )
    .unwrap();
    let common = vec![
        "run".to_string(),
        format!("{base}/api/openapi.json"),
        "-H".into(),
        format!("Cookie: {cookie}"),
        "-H".into(),
        format!("X-CSRF-Token: {csrf}"),
        "--checks".into(),
        "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
            .into(),
        "--max-examples".into(),
        "20".into(),
        "--workers".into(),
        "2".into(),
        // every request and answer, to count the writes that succeeded
        "--report".into(),
        "har".into(),
        // the same cases on every run (a slower machine runs fewer of them); ONEPLAN_CONTRACT_SEED
        // for others
        "--seed".into(),
        std::env::var("ONEPLAN_CONTRACT_SEED").unwrap_or_else(|_| "20261201".into()),
    ];
    let every_operation = [
        // signing out would end the session the run works in
        "--exclude-path",
        "/api/session",
        "--phases",
        "examples,coverage,fuzzing",
        "--report-dir",
        "report",
        "--max-time",
        &seconds(),
    ];
    let out = run(&program, &dir, &common, &every_operation).await;
    let text = String::from_utf8_lossy(&out.stdout);
    let summary = text.split("SUMMARY").last().unwrap_or_default().to_string();
    assert!(
        !text.contains("=== FAILURES") && !text.contains("Network Error"),
        "{backend}: the API answered against its document:\n{text}"
    );
    let generated: usize = summary
        .lines()
        .find_map(|l| l.trim().split_once(" generated,")?.0.parse().ok())
        .unwrap_or_else(|| panic!("{backend}: no test cases run:\n{text}"));
    assert!(
        generated > 500,
        "{backend}: only {generated} cases:\n{text}"
    );
    if !out.status.success() {
        // schemathesis' own errors (not the server's), such as a generator that gave up
        eprintln!("{backend}: schemathesis reported errors of its own:\n{summary}");
    }
    // and the writes that can succeed, generated (the fuzzing phase) for a while of their own:
    // in the run above their turn may not come
    let writes_only = [
        "--include-name-regex",
        r"^POST /api/plans(/\{id\}/(forums|projects))?$",
        "--phases",
        "fuzzing",
        "--report-dir",
        "report-writes",
        "--max-time",
        "10",
    ];
    let out = run(&program, &dir, &common, &writes_only).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("=== FAILURES") && !text.contains("Network Error"),
        "{backend}: the API answered against its document:\n{text}"
    );
    let mut writes = succeeded_writes(&dir.join("report"));
    for (path, n) in succeeded_writes(&dir.join("report-writes")) {
        *writes.entry(path).or_insert(0) += n;
    }
    let total: usize = writes.values().sum();
    let [(forums, _), (projects, _)] = plans[..] else {
        unreachable!()
    };
    for path in [
        "/api/plans".to_string(),
        format!("/api/plans/{forums}/forums"),
        format!("/api/plans/{projects}/projects"),
    ] {
        assert!(
            writes.get(&path).is_some_and(|n| *n > 0),
            "{backend}: no generated write of {path} succeeded: {writes:?}"
        );
    }
    eprintln!(
        "{backend}: schemathesis, {generated} cases, no failure; generated writes answered 2xx: {total} {writes:?}"
    );
}

/// Runs schemathesis in `dir` (where its settings are) and waits for it.
async fn run(
    program: &std::path::Path,
    dir: &std::path::Path,
    common: &[String],
    more: &[&str],
) -> std::process::Output {
    let (program, dir) = (program.to_path_buf(), dir.to_path_buf());
    let args: Vec<String> = common
        .iter()
        .cloned()
        .chain(more.iter().map(|s| s.to_string()))
        .collect();
    tokio::task::spawn_blocking(move || {
        Command::new(program)
            .args(&args)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

/// The generated writes (POST) answered with success, by path, from schemathesis' HAR report.
fn succeeded_writes(report: &std::path::Path) -> std::collections::BTreeMap<String, usize> {
    let mut writes = std::collections::BTreeMap::new();
    for file in std::fs::read_dir(report).unwrap() {
        let har: serde_json::Value =
            serde_json::from_slice(&std::fs::read(file.unwrap().path()).unwrap()).unwrap();
        for e in har["log"]["entries"].as_array().unwrap() {
            let status = e["response"]["status"].as_u64().unwrap_or(0);
            if e["request"]["method"] == "POST" && (200..300).contains(&status) {
                let url = e["request"]["url"].as_str().unwrap_or("");
                let path = url.split_once("/api/").map_or(url, |(_, p)| p);
                let path = path.split('?').next().unwrap_or(path);
                *writes.entry(format!("/api/{path}")).or_insert(0) += 1;
            }
        }
    }
    writes
}

/// schemathesis' settings for the writes that need a real plan: its id, its version and the
/// fields the domain checks (a date, numbers, a dimension); the other fields stay generated.
/// Opening a plan is given a real tambon and year.
fn writes_that_can_succeed(plans: &[(i64, i64)]) -> String {
    let [(forums, forums_version), (projects, projects_version)] = plans else {
        panic!("two plans")
    };
    format!(
        r#"[[operations]]
include-name = "POST /api/plans"
parameters = {{ "body.kind" = "tambon", "body.owner" = "560114", "body.year" = 2569 }}

[[operations]]
include-name = "POST /api/plans/{{id}}/forums"
parameters = {{ "path.id" = {forums}, "body.version" = {forums_version}, "body.held_on" = "15/1/2568", "body.attendance" = "85", "body.households" = "60", "body.held_by" = "", "body.chaired_by" = "นายสมชาย ใจดี", "body.place" = "ศาลาประชาคม", "body.used_basic_needs" = "1", "body.used_village_data" = "1" }}

[[operations]]
include-name = "POST /api/plans/{{id}}/projects"
parameters = {{ "path.id" = {projects}, "body.version" = {projects_version}, "body.title" = "ขุดลอกลำเหมืองสาธารณะ", "body.dimension" = "economy", "body.budget" = "150,000", "body.executor" = "community", "body.villages" = "", "body.reach" = "", "body.target_villages" = "", "body.target_households" = "", "body.target_people" = "", "body.within_lao_authority" = "", "body.starts_on" = "", "body.ends_on" = "", "body.rank" = "", "body.funding" = "", "body.forum_id" = "" }}
"#
    )
}
