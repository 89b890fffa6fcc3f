//! Schema migrations: the files in `migrations/`, applied in order, the same for both backends.
//! The per-backend words are `{{id}}`, the auto-numbered primary key, and `{{bytes}}`, a file's
//! bytes.

use super::{Backend, Db};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../../migrations/0001_foundation.sql"),
    ),
    (2, "plans", include_str!("../../migrations/0002_plans.sql")),
    (
        3,
        "committees",
        include_str!("../../migrations/0003_committees.sql"),
    ),
    (
        4,
        "documents",
        include_str!("../../migrations/0004_documents.sql"),
    ),
    (
        5,
        "reporting",
        include_str!("../../migrations/0005_reporting.sql"),
    ),
    (
        6,
        "performance",
        include_str!("../../migrations/0006_performance.sql"),
    ),
    // issue 11: shared tambons; agencies; a plan's own projects; plan dates; committee meetings
    (
        7,
        "village_assignment",
        include_str!("../../migrations/0007_village_assignment.sql"),
    ),
    (
        8,
        "agencies",
        include_str!("../../migrations/0008_agencies.sql"),
    ),
    (
        9,
        "own_projects",
        include_str!("../../migrations/0009_own_projects.sql"),
    ),
    (
        10,
        "plan dates",
        include_str!("../../migrations/0010_plan_dates.sql"),
    ),
    (
        11,
        "committee meetings",
        include_str!("../../migrations/0011_committee_meetings.sql"),
    ),
    (
        12,
        "communities",
        include_str!("../../migrations/0012_communities.sql"),
    ),
    // issue 12: the reporting chain
    (
        13,
        "reporting chain",
        include_str!("../../migrations/0013_reporting_chain.sql"),
    ),
    (
        14,
        "budget requests",
        include_str!("../../migrations/0014_budget_requests.sql"),
    ),
    (
        15,
        "tambon plan components",
        include_str!("../../migrations/0015_plan_components.sql"),
    ),
    (
        16,
        "province action plans",
        include_str!("../../migrations/0016_province_action_plans.sql"),
    ),
    // issue 13: several servers on one database
    (
        17,
        "job runs",
        include_str!("../../migrations/0017_job_runs.sql"),
    ),
    // issue 15: Thai search
    (
        18,
        "search",
        include_str!("../../migrations/0018_search.sql"),
    ),
    (
        19,
        "duplicates",
        include_str!("../../migrations/0019_duplicates.sql"),
    ),
    (
        20,
        "agency plans",
        include_str!("../../migrations/0020_agency_plans.sql"),
    ),
    // issue 14: the Tambon Project Bank and Role Model rounds
    (
        21,
        "role model",
        include_str!("../../migrations/0021_role_model.sql"),
    ),
    (
        22,
        "role model monitoring",
        include_str!("../../migrations/0022_role_model_monitoring.sql"),
    ),
];

/// Statements a migration's file is followed by that only one database has: the token index of
/// `text_index` (an FTS5 table kept by triggers on SQLite; on PostgreSQL a stored tsvector of
/// the tokens with a GIN index). Each runs whole, as a trigger's body holds `;`.
fn after_file(version: i64, backend: Backend) -> &'static [&'static str] {
    match (version, backend) {
        (18, Backend::Sqlite) => &[
            "CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='search_entries', content_rowid='id', tokenize='ascii', detail='none')",
            "CREATE TRIGGER search_entries_insert AFTER INSERT ON search_entries BEGIN \
               INSERT INTO search_grams (rowid, grams) VALUES (new.id, new.grams); END",
            "CREATE TRIGGER search_entries_delete AFTER DELETE ON search_entries BEGIN \
               INSERT INTO search_grams (search_grams, rowid, grams) VALUES ('delete', old.id, old.grams); END",
            "CREATE TRIGGER search_entries_update AFTER UPDATE ON search_entries BEGIN \
               INSERT INTO search_grams (search_grams, rowid, grams) VALUES ('delete', old.id, old.grams); \
               INSERT INTO search_grams (rowid, grams) VALUES (new.id, new.grams); END",
        ],
        (18, Backend::Postgres) => &[
            "ALTER TABLE search_entries ADD COLUMN grams_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', grams)) STORED",
            "CREATE INDEX search_entries_grams ON search_entries USING GIN (grams_tsv)",
        ],
        _ => &[],
    }
}

/// A CHECK of a column widened to more values: the table, PostgreSQL's name for the constraint,
/// the end of the CHECK as migration 1 wrote it and as it becomes.
struct Widening {
    version: i64,
    table: &'static str,
    constraint: &'static str,
    old: &'static str,
    new: &'static str,
    check: &'static str,
}

const WIDENINGS: [Widening; 3] = [
    // migration 12: a community is an area
    Widening {
        version: 12,
        table: "areas",
        constraint: "areas_level_check",
        old: "'tambon', 'village'))",
        new: "'tambon', 'village', 'community'))",
        check: "CHECK (level IN ('province', 'district', 'tambon', 'village', 'community'))",
    },
    // migration 16: the provincial annual action plan is a kind of plan
    Widening {
        version: 16,
        table: "plans",
        constraint: "plans_kind_check",
        old: "'district', 'province'))",
        new: "'district', 'province', 'province_action'))",
        check: "CHECK (kind IN ('village', 'tambon', 'local', 'budget', 'district', 'province', 'province_action'))",
    },
    // migration 20: another agency's project list is a kind of plan
    Widening {
        version: 20,
        table: "plans",
        constraint: "plans_kind_check",
        old: "'province_action'))",
        new: "'province_action', 'agency'))",
        check: "CHECK (kind IN ('village', 'tambon', 'local', 'budget', 'district', 'province', 'province_action', 'agency'))",
    },
];

/// Steps a migration needs that the two databases write differently, run before its file: a
/// widened CHECK. PostgreSQL replaces the constraint; SQLite cannot alter one, and its
/// documented way for a change that leaves every stored row valid is to edit the table's schema
/// text and bump the schema version
/// (<https://sqlite.org/lang_altertable.html>, "Making other kinds of table schema changes").
async fn backend_steps(version: i64, tx: &mut super::Tx, backend: Backend) -> anyhow::Result<()> {
    let Some(w) = WIDENINGS.iter().find(|w| w.version == version) else {
        return Ok(());
    };
    match backend {
        Backend::Postgres => {
            super::raw(
                &mut *tx,
                sqlx::AssertSqlSafe(format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    w.table, w.constraint
                )),
            )
            .await?;
            super::raw(
                &mut *tx,
                sqlx::AssertSqlSafe(format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} {}",
                    w.table, w.constraint, w.check
                )),
            )
            .await?;
        }
        Backend::Sqlite => {
            let schema_version: i64 = super::query_scalar("PRAGMA schema_version")
                .fetch_one(&mut *tx)
                .await?;
            super::raw(&mut *tx, "PRAGMA writable_schema = ON").await?;
            let changed = super::query(
                "UPDATE sqlite_schema SET sql = replace(sql, $1, $2) WHERE type = 'table' AND name = $3 AND instr(sql, $1) > 0",
            )
            .bind(w.old)
            .bind(w.new)
            .bind(w.table)
            .execute(&mut *tx)
            .await?;
            anyhow::ensure!(
                changed.rows_affected() == 1,
                "the CHECK of table {} is not the one migration 1 wrote",
                w.table
            );
            super::raw(
                &mut *tx,
                sqlx::AssertSqlSafe(format!("PRAGMA schema_version = {}", schema_version + 1)),
            )
            .await?;
            super::raw(&mut *tx, "PRAGMA writable_schema = OFF").await?;
        }
    }
    Ok(())
}

fn render(sql: &str, backend: Backend) -> String {
    let id = match backend {
        Backend::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
        Backend::Postgres => "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    };
    let bytes = match backend {
        Backend::Sqlite => "BLOB",
        Backend::Postgres => "BYTEA",
    };
    sql.replace("{{id}}", id).replace("{{bytes}}", bytes)
}

/// Statements of a migration file; comment lines are dropped first, so they may hold `;`.
fn statements(sql: &str) -> Vec<String> {
    let code: String = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .map(|l| format!("{l}\n"))
        .collect();
    code.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Applies the migrations not yet applied, each in one transaction. Servers started at once on
/// one database take turns: on PostgreSQL each transaction first takes one advisory lock (SQLite's
/// BEGIN IMMEDIATE already serialises writers), and a migration another server applied meanwhile
/// is skipped.
pub(super) async fn run(db: &Db) -> anyhow::Result<()> {
    let mut tx = locked(db).await?;
    super::raw(
        &mut tx,
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .await?;
    tx.commit().await?;
    let applied: Vec<i64> = super::query_scalar("SELECT version FROM schema_migrations")
        .fetch_all(db)
        .await?;
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        let mut tx = locked(db).await?;
        let done: i64 =
            super::query_scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = $1")
                .bind(version)
                .fetch_one(&mut tx)
                .await?;
        if done > 0 {
            continue;
        }
        backend_steps(*version, &mut tx, db.backend).await?;
        for statement in statements(&render(sql, db.backend)) {
            super::raw(&mut tx, sqlx::AssertSqlSafe(statement.clone()))
                .await
                .map_err(|e| {
                    anyhow::anyhow!("migration {version} ({name}) failed: {e}\n{statement}")
                })?;
        }
        for statement in after_file(*version, db.backend) {
            super::raw(&mut tx, sqlx::AssertSqlSafe(*statement))
                .await
                .map_err(|e| {
                    anyhow::anyhow!("migration {version} ({name}) failed: {e}\n{statement}")
                })?;
        }
        super::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(version)
        .bind(*name)
        .bind(super::now_text())
        .execute(&mut tx)
        .await?;
        tx.commit().await?;
        tracing::info!("applied migration {version} {name}");
    }
    Ok(())
}

/// A write transaction that holds the migrations' lock until it ends.
async fn locked(db: &Db) -> anyhow::Result<super::Tx> {
    let mut tx = db.begin_write().await?;
    if db.backend == super::Backend::Postgres {
        // any constant: the key of "oneplan is migrating"
        super::raw(&mut tx, "SELECT pg_advisory_xact_lock(7301969)").await?;
    }
    Ok(tx)
}
