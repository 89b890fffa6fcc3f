//! Loads a dataset directory (one CSV per table of `tables::TABLES`) in one write transaction:
//! all or nothing, checked row by row, streamed in batches so memory stays flat.

use super::tables::{Kind, NULL, TABLES, Table};
use crate::db::Value;
use crate::db::bulk;
use crate::db::{self, Backend, Db};
use anyhow::{Context, bail};
use std::path::Path;
use std::time::Instant;

const BATCH: usize = 20_000;

#[derive(Debug, Default)]
pub struct Loaded {
    pub tables: Vec<(&'static str, u64)>,
    pub rows: u64,
    pub seconds: f64,
    /// Entries of the text index made from the loaded records, after the load, and the time.
    pub indexed: u64,
    pub index_seconds: f64,
}

fn value(kind: Kind, field: &str) -> Result<Value, String> {
    let int = |s: &str| s.parse::<i64>().map_err(|_| format!("“{s}” ไม่ใช่จำนวนเต็ม"));
    Ok(match kind {
        Kind::Text => Value::Text(Some(field.to_string())),
        Kind::OptText if field == NULL => Value::Text(None),
        Kind::OptText => Value::Text(Some(field.to_string())),
        Kind::Int => Value::Int(Some(int(field)?)),
        Kind::OptInt if field == NULL || field.is_empty() => Value::Int(None),
        Kind::OptInt => Value::Int(Some(int(field)?)),
    })
}

/// The rows of one table's file, in batches, each checked against the table's columns.
async fn load_table(conn: &mut crate::db::Tx, table: &Table, path: &Path) -> anyhow::Result<u64> {
    let file = table.file();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .with_context(|| format!("เปิดไฟล์ {} ไม่ได้", path.display()))?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    if header != table.header() {
        bail!(
            "{file}: หัวตารางต้องเป็น {} (พบ {})",
            table.header().join(","),
            header.join(",")
        );
    }
    let head = format!("INSERT INTO {} ({})", table.name, header.join(", "));
    let mut batch = Vec::with_capacity(BATCH);
    let mut record = csv::StringRecord::new();
    let mut n = 0u64;
    while reader
        .read_record(&mut record)
        .with_context(|| format!("{file} แถวที่ {}: อ่านไม่ได้", n + 2))?
    {
        n += 1;
        if record.len() != table.columns.len() {
            bail!(
                "{file} แถวที่ {}: มี {} ช่อง ต้องมี {} ช่อง",
                n + 1,
                record.len(),
                table.columns.len()
            );
        }
        let mut row = Vec::with_capacity(record.len());
        for (field, (column, kind)) in record.iter().zip(table.columns) {
            row.push(
                value(*kind, field)
                    .map_err(|e| anyhow::anyhow!("{file} แถวที่ {} ช่อง {column}: {e}", n + 1))?,
            );
        }
        batch.push(row);
        if batch.len() == BATCH {
            bulk::insert_rows(conn, &head, "", std::mem::take(&mut batch))
                .await
                .with_context(|| format!("{file} ก่อนแถวที่ {}", n + 2))?;
        }
    }
    bulk::insert_rows(conn, &head, "", batch)
        .await
        .with_context(|| format!("{file} ก่อนแถวที่ {}", n + 2))?;
    Ok(n)
}

/// Loads every table file present in `dir` into a database that holds no plans yet.
pub async fn load(db: &Db, dir: &Path) -> anyhow::Result<Loaded> {
    let started = Instant::now();
    let plans: i64 = db::query_scalar("SELECT COUNT(*) FROM plans")
        .fetch_one(db)
        .await?;
    if plans > 0 {
        bail!("ฐานข้อมูลมีแผนอยู่แล้ว {plans} แผน: นำเข้าชุดข้อมูลได้เฉพาะฐานข้อมูลที่ยังไม่มีแผน");
    }
    let mut tx = db.begin_write().await?;
    let mut loaded = Loaded::default();
    for table in TABLES {
        let path = dir.join(table.file());
        if !path.exists() {
            continue;
        }
        let n = load_table(&mut tx, table, &path).await?;
        if db.backend == Backend::Postgres && table.has_id() && n > 0 {
            // rows came with their ids: new rows must be numbered after them
            db::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT MAX(id) FROM {0}))",
                table.name
            )))
            .execute(&mut tx)
            .await?;
        }
        loaded.tables.push((table.name, n));
        loaded.rows += n;
    }
    tx.commit().await?;
    // SQLite: the loaded pages move from the write-ahead log into the database file, where
    // reads find them without the log's index; PostgreSQL: statistics, as autovacuum would
    let settle = match db.backend {
        Backend::Sqlite => "PRAGMA wal_checkpoint(TRUNCATE)",
        Backend::Postgres => "ANALYZE",
    };
    db::raw(db, settle).await?;
    loaded.seconds = started.elapsed().as_secs_f64();
    let indexing = Instant::now();
    loaded.indexed = crate::text_index::rebuild(db, |_, _| {}).await?;
    loaded.index_seconds = indexing.elapsed().as_secs_f64();
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_column_kind() {
        assert!(matches!(value(Kind::OptInt, NULL), Ok(Value::Int(None))));
        assert!(matches!(value(Kind::OptText, NULL), Ok(Value::Text(None))));
        assert!(matches!(value(Kind::Text, ""), Ok(Value::Text(Some(s))) if s.is_empty()));
        assert!(matches!(
            value(Kind::Int, "2569"),
            Ok(Value::Int(Some(2569)))
        ));
        assert!(value(Kind::Int, "x").unwrap_err().contains("ไม่ใช่จำนวนเต็ม"));
        assert!(value(Kind::Int, NULL).is_err());
    }
}
