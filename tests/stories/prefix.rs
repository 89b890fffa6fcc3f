//! Area codes under a prefix are read as a range of an index on both databases, whatever the
//! collation: a national deployment's PostgreSQL runs under a Thai (UTF-8) locale, where
//! `code LIKE '56%'` cannot use a btree index and every roll-up would scan its table.

use oneplan::db::{self, Db};
use oneplan::kpi::rollup;
use oneplan::registers::{self, district_report};

/// Statements the roll-ups run, with their values for the province of Phayao (56) in 2569.
fn statements() -> Vec<(&'static str, &'static str, Vec<db::Value>)> {
    use db::Value::{Int, Text};
    let (from, to) = ("56".to_string(), "57".to_string());
    let year_range = vec![
        Int(Some(2569)),
        Text(Some(from.clone())),
        Text(Some(to.clone())),
    ];
    vec![
        ("register 1", registers::FORM1, year_range.clone()),
        ("register counts", registers::COUNTS, year_range.clone()),
        (
            "districts of the district reports",
            district_report::SQL[0].1,
            vec![Text(Some(from)), Text(Some(to))],
        ),
        ("KPI 3.2 working groups", rollup::SQL[0].1, year_range),
    ]
}

async fn plan(db: &Db, sql: &str, values: &[db::Value]) -> String {
    let mut tx = db.begin_write().await.unwrap();
    let explain = match db.backend {
        db::Backend::Postgres => {
            // with sequential scans priced out, a plan still reads a table whole only if no
            // index can serve the condition
            db::query("SET LOCAL enable_seqscan = off")
                .execute(&mut tx)
                .await
                .unwrap();
            format!("EXPLAIN {sql}")
        }
        db::Backend::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
    };
    let mut q = db::query_as::<PlanRow>(sqlx::AssertSqlSafe(explain));
    for v in values {
        q = q.bind(v.clone());
    }
    let rows = q.fetch_all(&mut tx).await.unwrap();
    rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join("\n")
}

/// PostgreSQL's plan line, or SQLite's detail column.
struct PlanRow(String);

impl<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> for PlanRow {
    fn from_row(row: &'r sqlx::postgres::PgRow) -> Result<Self, sqlx::Error> {
        use sqlx::Row;
        Ok(PlanRow(row.try_get(0)?))
    }
}

impl<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> for PlanRow {
    fn from_row(row: &'r sqlx::sqlite::SqliteRow) -> Result<Self, sqlx::Error> {
        use sqlx::Row;
        Ok(PlanRow(row.try_get("detail")?))
    }
}

story!(codes_under_a_prefix_are_an_index_range, Phayao);

async fn codes_under_a_prefix_are_an_index_range(backend: &str, db: Db) {
    if db.backend == db::Backend::Postgres {
        let collation: String = db::query_scalar(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        if std::env::var("ONEPLAN_REQUIRE_POSTGRES").is_ok() {
            assert!(
                !matches!(collation.as_str(), "C" | "POSIX"),
                "the test cluster must run under a UTF-8 locale as a national one would, not {collation}"
            );
        }
        // the reason for ranges: under this collation a LIKE prefix is only a filter
        let like = plan(
            &db,
            "SELECT code FROM areas WHERE level = 'district' AND code LIKE $1",
            &[db::Value::Text(Some("56%".into()))],
        )
        .await;
        if !matches!(collation.as_str(), "C" | "POSIX") {
            assert!(
                like.contains("Filter: (code ~~ '56%'::text)"),
                "{backend} under {collation}: {like}"
            );
        }
    }
    for (what, sql, values) in statements() {
        let p = plan(&db, sql, &values).await;
        match db.backend {
            db::Backend::Postgres => {
                assert!(
                    !p.contains("Seq Scan on areas")
                        && !p.contains("Seq Scan on target_tambons")
                        && !p.contains("Seq Scan on model_laos"),
                    "{backend}: {what} scans a table whole:\n{p}"
                );
                assert!(
                    p.lines().any(|l| l.contains("Index Cond")
                        && l.contains("code >= '56'::text")
                        && l.contains("code < '57'::text")),
                    "{backend}: {what} does not read the codes as an index range:\n{p}"
                );
            }
            db::Backend::Sqlite => assert!(
                p.lines().any(|l| l.starts_with("SEARCH")
                    && l.contains("code>? AND")
                    && l.contains("code<?")),
                "{backend}: {what} does not read the codes as an index range:\n{p}"
            ),
        }
    }
}
