//! Multi-row INSERT for bulk loads: one statement per few hundred rows, on both backends.

use super::{Backend, Tx, Value};

/// Runs `{head} VALUES (…), (…) {tail}` over `rows` in chunks; every row has the same width.
pub async fn insert_rows(
    tx: &mut Tx,
    head: &str,
    tail: &str,
    rows: Vec<Vec<Value>>,
) -> anyhow::Result<()> {
    let Some(width) = rows.first().map(Vec::len) else {
        return Ok(());
    };
    // both backends take thousands of parameters; stay well below SQLite's 32,766. On SQLite
    // the parameters are anonymous (`?`): sqlx looks each numbered one up by name, a cost that
    // grows with the square of their number (88% of a load's time at 4,000 `$N` parameters).
    let per_chunk = (4000 / width).max(1);
    let anonymous = tx.backend() == Backend::Sqlite;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_chunk).collect();
        let mut sql = String::with_capacity(head.len() + tail.len() + chunk.len() * width * 5);
        sql.push_str(head);
        sql.push_str(" VALUES ");
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for j in 0..width {
                n += 1;
                if j > 0 {
                    sql.push(',');
                }
                if anonymous {
                    sql.push('?');
                } else {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
            sql.push(')');
        }
        sql.push(' ');
        sql.push_str(tail);
        let mut q = super::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            debug_assert_eq!(row.len(), width);
            for v in row {
                q = q.bind(v);
            }
        }
        q.execute(&mut *tx).await?;
    }
    Ok(())
}
