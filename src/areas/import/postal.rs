//! The tambons' postal codes: checked and written.

use super::cells::{Rows, cell, check_code, code_cell};
use super::known::Known;
use super::report::{Notes, Report};
use crate::areas::codes::Level;
use crate::db::bulk::insert_rows;
use crate::db::{self, Tx, Value};
use std::collections::HashMap;

pub(super) fn check_postal(
    known: &Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (row, r) in rows {
        let row = *row;
        let tambon = code_cell(r, col, "tambon_code");
        let codes = crate::thai::to_arabic_digits(cell(r, col, "postal_codes"));
        if !check_code(&tambon, Level::Tambon, row, "tambon_code", notes) {
            continue;
        }
        if known.level_of(&tambon) != Some(Level::Tambon) {
            notes.error(row, "tambon_code", format!("ไม่พบตำบลรหัส {tambon}"));
            continue;
        }
        // one row a tambon: the staging table that writes them holds each once
        if let Some(first) = seen.get(&tambon) {
            notes.error(
                row,
                "tambon_code",
                format!("ตำบลรหัส {tambon} ซ้ำกับแถวที่ {first}"),
            );
            continue;
        }
        if let Some(bad) = codes
            .split_whitespace()
            .find(|c| c.len() != 5 || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            notes.error(
                row,
                "postal_codes",
                format!("รหัสไปรษณีย์ “{bad}” ต้องเป็นตัวเลข 5 หลัก"),
            );
            continue;
        }
        seen.insert(tambon.clone(), row);
        out.push((
            tambon,
            codes.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    out
}

pub(super) async fn write_postal(
    tx: &mut Tx,
    known: &Known,
    rows: Vec<(String, String)>,
    report: &mut Report,
) -> anyhow::Result<()> {
    // one statement: stage the pairs, then update from them
    let mut changed = Vec::new();
    for (tambon, codes) in rows {
        if known.postal.get(&tambon) == Some(&codes) {
            report.unchanged += 1;
        } else {
            report.updated += 1;
            changed.push(vec![Value::Text(Some(tambon)), Value::Text(Some(codes))]);
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    db::query("CREATE TEMPORARY TABLE IF NOT EXISTS postal_stage (tambon_code TEXT PRIMARY KEY, postal_codes TEXT NOT NULL)")
        .execute(&mut *tx)
        .await?;
    db::query("DELETE FROM postal_stage")
        .execute(&mut *tx)
        .await?;
    insert_rows(
        &mut *tx,
        "INSERT INTO postal_stage (tambon_code, postal_codes)",
        "",
        changed,
    )
    .await?;
    db::query(
        "UPDATE areas SET postal_codes = (SELECT s.postal_codes FROM postal_stage s WHERE s.tambon_code = areas.code) \
         WHERE code IN (SELECT tambon_code FROM postal_stage)",
    )
    .execute(&mut *tx)
    .await?;
    db::query("DELETE FROM postal_stage")
        .execute(&mut *tx)
        .await?;
    Ok(())
}
