//! The codes DOPA has abolished, and their successors: checked and written.

use super::cells::{Rows, cell, check_code, code_cell};
use super::known::Known;
use super::report::{Notes, Report};
use crate::areas::codes::Level;
use crate::db::bulk::insert_rows;
use crate::db::{Tx, Value};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) struct AbolishedRow {
    pub(super) code: String,
    pub(super) level: String,
    pub(super) parent_code: Option<String>,
    pub(super) name_th: String,
    pub(super) name_en: String,
    pub(super) abolished_on: String,
    pub(super) successors: Vec<String>,
}

pub(super) fn check_abolished(
    known: &mut Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<AbolishedRow> {
    let mut out = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (row, r) in rows {
        let row = *row;
        let code = code_cell(r, col, "code");
        let level = cell(r, col, "level").to_string();
        let Some(lvl) = Level::parse(&level) else {
            notes.error(row, "level", format!("ไม่รู้จักระดับพื้นที่ “{level}”"));
            continue;
        };
        if !check_code(&code, lvl, row, "code", notes) {
            continue;
        }
        // one row a code: the upsert that writes them may touch each only once
        if let Some(first) = seen.get(&code) {
            notes.error(row, "code", format!("รหัส {code} ซ้ำกับแถวที่ {first}"));
            continue;
        }
        let name_th = cell(r, col, "name_th").to_string();
        if name_th.is_empty() {
            notes.error(row, "name_th", "ไม่ได้กรอกชื่อภาษาไทย".into());
            continue;
        }
        let successors: Vec<String> = code_cell(r, col, "successor_codes")
            .split_whitespace()
            .map(String::from)
            .collect();
        if let Some(bad) = successors.iter().find(|s| Level::of_code(s) != Some(lvl)) {
            notes.error(
                row,
                "successor_codes",
                format!("รหัสที่ใช้แทน “{bad}” ต้องเป็นรหัส{}", lvl.th()),
            );
            continue;
        }
        let abolished_on = cell(r, col, "abolished_on").to_string();
        known.abolished.insert(
            code.clone(),
            (successors.clone(), name_th.clone(), abolished_on.clone()),
        );
        seen.insert(code.clone(), row);
        let parent = code_cell(r, col, "parent_code");
        out.push(AbolishedRow {
            code,
            level: lvl.as_str().to_string(),
            parent_code: (!parent.is_empty()).then_some(parent),
            name_th,
            name_en: cell(r, col, "name_en").to_string(),
            abolished_on,
            successors,
        });
    }
    out
}

pub(super) async fn write_abolished(
    tx: &mut Tx,
    rows: Vec<AbolishedRow>,
    report: &mut Report,
) -> anyhow::Result<()> {
    report.inserted += rows.len();
    let values = rows
        .into_iter()
        .map(|a| {
            vec![
                Value::Text(Some(a.code)),
                Value::Text(Some(a.level)),
                Value::Text(a.parent_code),
                Value::Text(Some(a.name_th)),
                Value::Text(Some(a.name_en)),
                Value::Text(Some(a.abolished_on)),
                Value::Text(Some(a.successors.join(" "))),
            ]
        })
        .collect();
    insert_rows(
        &mut *tx,
        "INSERT INTO abolished_areas (code, level, parent_code, name_th, name_en, abolished_on, successor_codes)",
        "ON CONFLICT (code) DO UPDATE SET level = excluded.level, parent_code = excluded.parent_code, name_th = excluded.name_th, \
         name_en = excluded.name_en, abolished_on = excluded.abolished_on, successor_codes = excluded.successor_codes",
        values,
    )
    .await
}
