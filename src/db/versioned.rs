//! The one concurrency rule: a versioned row is written only if it still has the version the
//! writer read. The check is in the `UPDATE` itself (`… WHERE id = ? AND version = ?`), so two
//! writers of the same version cannot both succeed on either database: PostgreSQL re-reads
//! the row once the first commits, and finds the version gone.

use super::{Tx, Value, query, query_scalar};
use sqlx::AssertSqlSafe;

/// Someone saved the row after the writer read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub table: &'static str,
    pub id: i64,
    pub expected: i64,
    /// The version now stored; None when the row is gone.
    pub found: Option<i64>,
}

/// A versioned write that did not happen: someone saved first, or the database failed.
#[derive(Debug)]
pub enum WriteError {
    Stale(Stale),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for WriteError {
    fn from(e: sqlx::Error) -> Self {
        WriteError::Db(e)
    }
}

/// `UPDATE {table} SET {set}, version = version + 1 WHERE id = … AND version = …`, where `set`
/// uses `$1…$n` for `values`. Zero rows written is a conflict (`Stale`).
pub async fn update_versioned(
    tx: &mut Tx,
    table: &'static str,
    id: i64,
    expected: i64,
    set: &str,
    values: Vec<Value>,
) -> Result<(), WriteError> {
    let n = values.len();
    let sql = if set.is_empty() {
        format!(
            "UPDATE {table} SET version = version + 1 WHERE id = ${} AND version = ${}",
            n + 1,
            n + 2
        )
    } else {
        format!(
            "UPDATE {table} SET {set}, version = version + 1 WHERE id = ${} AND version = ${}",
            n + 1,
            n + 2
        )
    };
    let mut q = query(AssertSqlSafe(sql));
    for v in values {
        q = q.bind(v);
    }
    let done = q.bind(id).bind(expected).execute(&mut *tx).await?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    let found: Option<i64> = query_scalar(AssertSqlSafe(format!(
        "SELECT version FROM {table} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    Err(WriteError::Stale(Stale {
        table,
        id,
        expected,
        found,
    }))
}
