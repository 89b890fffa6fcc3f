//! The area tree's files, provinces to tambons and villages: checked and written.

use super::cells::{Rows, cell, check_code, code_cell};
use super::known::Known;
use super::report::{Notes, Report};
use crate::areas::codes::Level;
use crate::audit::{self, Actor, Change};
use crate::db::bulk::insert_rows;
use crate::db::{Tx, Value};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct AreaRow {
    pub(super) code: String,
    pub(super) level: Level,
    pub(super) parent_code: Option<String>,
    pub(super) name_th: String,
    pub(super) name_en: String,
    pub(super) moo: Option<i64>,
}

pub(super) fn check_areas(
    known: &mut Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<AreaRow> {
    let mut out: Vec<AreaRow> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    // parents may come later in the file: check them once all codes are known
    let mut pending_parents = Vec::new();
    for (row, r) in rows {
        let row = *row;
        let code = code_cell(r, col, "code");
        let level_text = cell(r, col, "level");
        let Some(level) = Level::parse(level_text) else {
            notes.error(
                row,
                "level",
                format!("ไม่รู้จักระดับพื้นที่ “{level_text}” (ใช้ province, district หรือ tambon)"),
            );
            continue;
        };
        if level == Level::Village {
            notes.error(
                row,
                "level",
                "หมู่บ้านต้องนำเข้าด้วยไฟล์หมู่บ้าน (code, tambon_code, moo, name_th, name_en)".into(),
            );
            continue;
        }
        let name_th = cell(r, col, "name_th").to_string();
        let name_en = cell(r, col, "name_en").to_string();
        let mut ok = check_code(&code, level, row, "code", notes);
        if name_th.is_empty() {
            notes.error(row, "name_th", "ไม่ได้กรอกชื่อภาษาไทย".into());
            ok = false;
        }
        if let Some(first) = seen.get(&code) {
            notes.error(row, "code", format!("รหัส {code} ซ้ำกับแถวที่ {first}"));
            ok = false;
        }
        if known.abolished.contains_key(&code) && known.level_of(&code).is_none() {
            notes.error(
                row,
                "code",
                format!("รหัส {code} ถูกยกเลิกไปแล้ว ไม่สามารถนำกลับมาใช้"),
            );
            ok = false;
        }
        if !ok {
            continue;
        }
        seen.insert(code.clone(), row);
        let parent = code_cell(r, col, "parent_code");
        out.push(AreaRow {
            code,
            level,
            parent_code: None,
            name_th,
            name_en,
            moo: None,
        });
        pending_parents.push((row, out.len() - 1, parent));
    }
    for a in &out {
        known.new_areas.insert(a.code.clone(), a.clone());
    }
    let mut keep = vec![true; out.len()];
    for (row, i, parent) in pending_parents {
        let a = &out[i];
        match a.level.parent() {
            None if parent.is_empty() => {}
            None => {
                notes.error(row, "parent_code", "จังหวัดต้องไม่มีรหัสพื้นที่แม่".into());
                keep[i] = false;
            }
            Some(parent_level) => {
                if parent.is_empty() {
                    notes.error(
                        row,
                        "parent_code",
                        format!("ไม่ได้กรอกรหัส{}ที่สังกัด", parent_level.th()),
                    );
                    keep[i] = false;
                    continue;
                }
                let found =
                    known.current_code(&parent, parent_level, &mut notes.on(row, "parent_code"));
                match found {
                    Some(p) if a.code.starts_with(&p) => out[i].parent_code = Some(p),
                    Some(p) => {
                        notes.error(
                            row,
                            "parent_code",
                            format!("รหัส {} ไม่ได้ขึ้นต้นด้วยรหัส{} {p}", a.code, parent_level.th()),
                        );
                        keep[i] = false;
                    }
                    None => keep[i] = false,
                }
            }
        }
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    out.sort_by_key(|a| a.code.len());
    out
}

pub(super) fn check_villages(
    known: &mut Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<AreaRow> {
    let mut out = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u64> = HashMap::with_capacity(rows.len());
    for (row, r) in rows {
        let row = *row;
        let code = code_cell(r, col, "code");
        let tambon = code_cell(r, col, "tambon_code");
        let moo_text = cell(r, col, "moo");
        let name_th = cell(r, col, "name_th").to_string();
        let name_en = cell(r, col, "name_en").to_string();
        if !check_code(&code, Level::Village, row, "code", notes)
            || !check_code(&tambon, Level::Tambon, row, "tambon_code", notes)
        {
            continue;
        }
        let moo = match crate::thai::parse_int(moo_text) {
            Ok(m) if (1..=99).contains(&m) => m,
            _ => {
                notes.error(row, "moo", format!("หมู่ที่ “{moo_text}” ต้องเป็นตัวเลข 1–99"));
                continue;
            }
        };
        if !code.starts_with(&tambon) || code[6..].parse::<i64>().ok() != Some(moo) {
            notes.error(
                row,
                "code",
                format!("รหัสหมู่บ้าน {code} ไม่ตรงกับรหัสตำบล {tambon} และหมู่ที่ {moo}"),
            );
            continue;
        }
        let Some(current_tambon) =
            known.current_code(&tambon, Level::Tambon, &mut notes.on(row, "tambon_code"))
        else {
            continue;
        };
        let code = format!("{current_tambon}{:02}", moo);
        if let Some(first) = seen.get(&code) {
            notes.error(row, "code", format!("หมู่บ้านรหัส {code} ซ้ำกับแถวที่ {first}"));
            continue;
        }
        if name_th.is_empty() {
            notes.warn(
                row,
                "name_th",
                format!("หมู่ที่ {moo} ไม่มีชื่อหมู่บ้าน จะแสดงเป็น “หมู่ที่ {moo}”"),
            );
        }
        seen.insert(code.clone(), row);
        out.push(AreaRow {
            code,
            level: Level::Village,
            parent_code: Some(current_tambon),
            name_th,
            name_en,
            moo: Some(moo),
        });
    }
    for a in &out {
        known.new_areas.insert(a.code.clone(), a.clone());
    }
    out
}

fn area_json(a: &AreaRow) -> serde_json::Value {
    serde_json::json!({"name_th": a.name_th, "name_en": a.name_en, "parent_code": a.parent_code, "moo": a.moo})
}

pub(super) async fn write_areas(
    tx: &mut Tx,
    actor: &Actor,
    known: &Known,
    rows: Vec<AreaRow>,
    report: &mut Report,
) -> anyhow::Result<()> {
    let mut values = Vec::new();
    for a in rows {
        match known.areas.get(&a.code) {
            Some(old) if *old == a => {
                report.unchanged += 1;
                continue;
            }
            Some(old) => {
                report.updated += 1;
                audit::record(
                    &mut *tx,
                    actor,
                    Change {
                        action: "update",
                        entity: "area",
                        entity_key: a.code.clone(),
                        area_code: a.code.clone(),
                        lao_id: None,
                        before: Some(area_json(old)),
                        after: Some(area_json(&a)),
                        note: String::new(),
                    },
                )
                .await?;
            }
            None => report.inserted += 1,
        }
        values.push(vec![
            Value::Text(Some(a.code)),
            Value::Text(Some(a.level.as_str().into())),
            Value::Text(a.parent_code),
            Value::Text(Some(a.name_th)),
            Value::Text(Some(a.name_en)),
            Value::Int(a.moo),
        ]);
    }
    insert_rows(
        &mut *tx,
        "INSERT INTO areas (code, level, parent_code, name_th, name_en, moo)",
        "ON CONFLICT (code) DO UPDATE SET level = excluded.level, parent_code = excluded.parent_code, \
         name_th = excluded.name_th, name_en = excluded.name_en, moo = excluded.moo",
        values,
    )
    .await
}
