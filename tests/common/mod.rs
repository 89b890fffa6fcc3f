//! Each test gets its own fresh database: a SQLite file in a temporary directory, and a new
//! database on the PostgreSQL server named by ONEPLAN_TEST_POSTGRES (the test script starts one).
#![allow(dead_code)]

use oneplan::db::Db;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}_{}_{}_{n}", std::process::id(), t % 1_000_000_000)
}

pub async fn sqlite() -> Db {
    let dir = std::env::temp_dir().join(unique("oneplan_test"));
    std::fs::create_dir_all(&dir).unwrap();
    Db::connect(&format!(
        "sqlite://{}?mode=rwc",
        dir.join("oneplan.db").display()
    ))
    .await
    .unwrap()
}

/// None when no PostgreSQL server was given and none is required (a quick local run).
pub async fn postgres() -> Option<Db> {
    let Ok(admin_url) = std::env::var("ONEPLAN_TEST_POSTGRES") else {
        if std::env::var("CI").is_ok() || std::env::var("ONEPLAN_REQUIRE_POSTGRES").is_ok() {
            panic!("ONEPLAN_TEST_POSTGRES is not set: run the tests with scripts/test.sh");
        }
        eprintln!("ONEPLAN_TEST_POSTGRES is not set: PostgreSQL part skipped");
        return None;
    };
    use sqlx::Connection;
    let name = unique("oneplan_t");
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to the test PostgreSQL server");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    Some(Db::connect(&format!("{base}/{name}")).await.unwrap())
}

/// Both backends: SQLite always, PostgreSQL where a server was given.
pub async fn backends() -> Vec<(&'static str, Db)> {
    let mut out = vec![("sqlite", sqlite().await)];
    if let Some(pg) = postgres().await {
        out.push(("postgres", pg));
    }
    out
}

/// A database with one province's real area data (Phayao, 56): small, and real.
pub async fn with_phayao(db: &Db) {
    oneplan::areas::national::load(db, Some("56"))
        .await
        .unwrap();
}

/// An account made by a national administrator (created on first use).
pub async fn account(
    db: &Db,
    username: &str,
    role: oneplan::accounts::Role,
    level: oneplan::accounts::ScopeLevel,
    code: &str,
) -> oneplan::accounts::User {
    use oneplan::accounts::{self, NewUser, Role, Scope, ScopeLevel};
    let root = match accounts::by_username(db, "root").await.unwrap() {
        Some((u, _)) => u,
        None => accounts::create(
            db,
            None,
            NewUser {
                username: "root".into(),
                display_name: "ผู้ดูแลระบบส่วนกลาง".into(),
                position: String::new(),
                agency: String::new(),
                role: Role::Admin,
                scope: Scope {
                    level: ScopeLevel::National,
                    code: String::new(),
                },
                password: "ดอกคูณเสียงแคน-2566".into(),
            },
        )
        .await
        .unwrap(),
    };
    accounts::create(
        db,
        Some(&root),
        NewUser {
            username: username.into(),
            display_name: format!("คุณ {username}"),
            position: "เจ้าหน้าที่".into(),
            agency: String::new(),
            role,
            scope: Scope {
                level,
                code: code.into(),
            },
            password: "ดอกคูณเสียงแคน-2566".into(),
        },
    )
    .await
    .unwrap()
}

/// Prints a Word or Excel file to PDF with LibreOffice and draws page 1 to PNG (poppler);
/// checks the PDF holds each of `must_contain`. None when the tools are missing and not required.
pub fn print_page(name: &str, bytes: &[u8], must_contain: &[&str]) -> Option<std::path::PathBuf> {
    use std::process::Command;
    let on_path = |p: &str| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(p).is_file()))
    };
    if !on_path("soffice") || !on_path("pdftoppm") {
        let required =
            std::env::var("CI").is_ok() || std::env::var("ONEPLAN_REQUIRE_POSTGRES").is_ok();
        assert!(
            !required,
            "soffice and pdftoppm are needed: run the tests with scripts/test.sh"
        );
        eprintln!("soffice or pdftoppm missing: printing of {name} skipped");
        return None;
    }
    let dir = std::env::temp_dir().join(unique("oneplan_print"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = name.rsplit_once('.').unwrap().0;
    let pdf = dir.join(format!("{stem}.pdf"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    if std::env::var("ONEPLAN_SHOW_PRINT").is_ok() {
        eprintln!("=== {name}\n{text}");
    }
    for want in must_contain {
        assert!(
            text.contains(want),
            "{name}: “{want}” not in the printed page:\n{text}"
        );
    }
    let drawn = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(dir.join(stem))
        .status()
        .unwrap();
    assert!(drawn.success());
    let png = dir.join(format!("{stem}.png"));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    Some(png)
}
