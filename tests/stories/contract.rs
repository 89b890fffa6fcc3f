//! The API against its own document, as a third-party client would test it (issue 13):
//! schemathesis generates requests from `/api/openapi.json` — examples, boundary values and
//! fuzzed ones — signed in as the national administrator, on both databases. No answer may be a
//! server error, a status the document does not name, a content type it does not say, or a body
//! that contradicts its schema; and the server must not drop a connection (a panic).

use crate::common::server::Remote;
use crate::common::{self, cast};
use oneplan::db::Db;
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
    cast::root(&db).await;
    cast::village(&db).await;
    let base = crate::browser::server(&db).await;
    let mut client = Remote::new(&base);
    let csrf = client.sign_in("root", cast::PASSWORD).await.unwrap();
    let cookie = client.cookie.clone();
    let dir = common::temp_dir("oneplan-contract");
    let report = dir.join("report");
    // opening a plan is given a real tambon and year; the other fields and operations are
    // generated
    std::fs::write(
        dir.join("schemathesis.toml"),
        "[[operations]]\ninclude-path = \"/api/plans\"\ninclude-method = \"POST\"\n\
         parameters = { \"body.kind\" = \"tambon\", \"body.owner\" = \"560114\", \"body.year\" = 2569 }\n",
    )
    .unwrap();
    let args = vec![
        "run".to_string(),
        format!("{base}/api/openapi.json"),
        "-H".into(),
        format!("Cookie: {cookie}"),
        "-H".into(),
        format!("X-CSRF-Token: {csrf}"),
        // signing out would end the session the run works in
        "--exclude-path".into(),
        "/api/session".into(),
        "--checks".into(),
        "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
            .into(),
        "--phases".into(),
        "examples,coverage,fuzzing".into(),
        "--max-examples".into(),
        "20".into(),
        "--max-time".into(),
        seconds(),
        // every request and answer, to count the writes that succeeded
        "--report".into(),
        "har".into(),
        "--report-dir".into(),
        "report".into(),
        "--workers".into(),
        "2".into(),
        // the same cases on every run (a slower machine runs fewer of them); ONEPLAN_CONTRACT_SEED
        // for others
        "--seed".into(),
        std::env::var("ONEPLAN_CONTRACT_SEED").unwrap_or_else(|_| "20261201".into()),
    ];
    let out = tokio::task::spawn_blocking(move || {
        Command::new(program)
            .args(&args)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
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
    let writes = succeeded_writes(&report);
    let total: usize = writes.values().sum();
    assert!(
        writes.get("/api/plans").is_some_and(|n| *n > 0),
        "{backend}: no generated write succeeded: {writes:?}"
    );
    eprintln!(
        "{backend}: schemathesis, {generated} cases, no failure; generated writes answered 2xx: {total} {writes:?}"
    );
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
