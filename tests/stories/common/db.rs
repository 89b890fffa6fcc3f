//! Each test gets its own fresh database: a SQLite file in a temporary directory, and a new
//! database on the PostgreSQL server named by ONEPLAN_TEST_POSTGRES (scripts/test.sh starts one).
//! Both are copies of a template made once per test process (migrated, and holding Phayao's
//! areas for `Data::Phayao`), so a test neither migrates nor loads the province itself.

use super::{temp_dir, unique};
use oneplan::db::Db;
use std::path::{Path, PathBuf};
use tokio::sync::OnceCell;

/// What a test's database holds when it starts.
#[derive(Clone, Copy)]
pub enum Data {
    /// the schema only: no areas, no accounts
    Empty,
    /// the schema and one province's real area data (Phayao, 56): small, and real
    Phayao,
}

impl Data {
    fn name(self) -> &'static str {
        match self {
            Data::Empty => "empty",
            Data::Phayao => "phayao",
        }
    }

    async fn fill(self, db: &Db) {
        if let Data::Phayao = self {
            oneplan::areas::national::load(db, Some("56"))
                .await
                .unwrap();
        }
    }
}

static SQLITE: [OnceCell<PathBuf>; 2] = [OnceCell::const_new(), OnceCell::const_new()];
static POSTGRES: [OnceCell<String>; 2] = [OnceCell::const_new(), OnceCell::const_new()];

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// The template file: built, then written out whole by VACUUM INTO (no WAL left beside it).
async fn sqlite_template(data: Data) -> &'static Path {
    SQLITE[data as usize]
        .get_or_init(|| async move {
            let dir = temp_dir(&format!("oneplan_template_{}", data.name()));
            let db = Db::connect(&sqlite_url(&dir.join("build.db")))
                .await
                .unwrap();
            data.fill(&db).await;
            let template = dir.join("template.db");
            oneplan::db::raw(
                &db,
                sqlx::AssertSqlSafe(format!("VACUUM INTO '{}'", template.display())),
            )
            .await
            .unwrap();
            db.close().await;
            template
        })
        .await
}

/// A copy of the template at `path`, opened.
pub async fn sqlite_at(data: Data, path: &Path) -> Db {
    std::fs::copy(sqlite_template(data).await, path).unwrap();
    Db::connect(&sqlite_url(path)).await.unwrap()
}

/// A SQLite database of its own, in a directory of its own.
pub async fn sqlite(data: Data) -> Db {
    sqlite_at(data, &temp_dir("oneplan_test").join("oneplan.db")).await
}

/// True when PostgreSQL must be tested: under CI, and with scripts/test.sh (the README's command).
pub fn required() -> bool {
    std::env::var("CI").is_ok() || std::env::var("ONEPLAN_REQUIRE_POSTGRES").is_ok()
}

/// The server's URL; None when none was given and none is required (a quick local run).
fn postgres_server() -> Option<String> {
    match std::env::var("ONEPLAN_TEST_POSTGRES") {
        Ok(url) => Some(url),
        Err(_) if required() => {
            panic!("ONEPLAN_TEST_POSTGRES is not set: run the tests with scripts/test.sh")
        }
        Err(_) => None,
    }
}

fn database_url(server: &str, name: &str) -> String {
    let base = server.rsplit_once('/').map(|(b, _)| b).unwrap_or(server);
    format!("{base}/{name}")
}

async fn create_database(server: &str, name: &str, template: Option<&str>) {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .expect("connect to the test PostgreSQL server");
    let template = template
        .map(|t| format!(" TEMPLATE {t}"))
        .unwrap_or_default();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name}{template}"
    )))
    .execute(&mut admin)
    .await
    .unwrap();
    admin.close().await.unwrap();
}

/// The template database; its pool is closed, as PostgreSQL copies only a database nobody is in.
async fn postgres_template(server: &str, data: Data) -> &'static str {
    POSTGRES[data as usize]
        .get_or_init(|| async move {
            let name = unique(&format!("oneplan_template_{}", data.name()));
            create_database(server, &name, None).await;
            let db = Db::connect(&database_url(server, &name)).await.unwrap();
            data.fill(&db).await;
            db.close().await;
            name
        })
        .await
}

/// A new database copied from the template; None when no server was given and none is required.
pub async fn postgres(data: Data) -> Option<Db> {
    postgres_with_url(data).await.map(|(db, _)| db)
}

/// `postgres`, with the new database's URL (for a server started as its own process).
pub async fn postgres_with_url(data: Data) -> Option<(Db, String)> {
    let Some(server) = postgres_server() else {
        // straight to stderr, past the test harness's capture, so that the skip is seen
        use std::io::Write;
        let skipped = "ONEPLAN_TEST_POSTGRES is not set: a PostgreSQL test is skipped\n";
        let _ = std::io::stderr().write_all(skipped.as_bytes());
        return None;
    };
    let template = postgres_template(&server, data).await;
    let name = unique("oneplan_t");
    create_database(&server, &name, Some(template)).await;
    let url = database_url(&server, &name);
    Some((Db::connect(&url).await.unwrap(), url))
}

/// The URL of a new database with nothing in it, not even the schema.
pub async fn postgres_blank() -> Option<String> {
    let server = postgres_server()?;
    let name = unique("oneplan_blank");
    create_database(&server, &name, None).await;
    Some(database_url(&server, &name))
}
