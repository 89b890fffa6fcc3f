//! The local administrative organisations and the areas they cover: checked and written.

use super::cells::{Rows, cell, check_code, code_cell};
use super::known::Known;
use super::report::{Notes, Report};
use crate::areas::LaoKind;
use crate::areas::codes::Level;
use crate::db::bulk::insert_rows;
use crate::db::{self, Tx, Value};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub(super) struct LaoRow {
    pub(super) key: String,
    pub(super) dla_code: Option<String>,
    pub(super) kind: String,
    pub(super) name_th: String,
    pub(super) full_name_th: String,
    pub(super) name_en: String,
    pub(super) province_code: String,
    pub(super) district_code: Option<String>,
    pub(super) office_tambon_code: Option<String>,
    pub(super) coverage: Vec<(String, &'static str)>,
}

fn lao_kind(t: &str) -> Option<&'static str> {
    LaoKind::parse(t).map(LaoKind::as_str)
}

pub(super) fn check_laos(
    known: &Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<LaoRow> {
    // a DLA code is the key where it is present and unique in the file
    let mut dla_count: HashMap<String, usize> = HashMap::new();
    for (_, r) in rows {
        let c = code_cell(r, col, "dola_code");
        if !c.is_empty() {
            *dla_count.entry(c).or_default() += 1;
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (row, r) in rows {
        let row = *row;
        let type_text = cell(r, col, "lao_type");
        let Some(kind) = lao_kind(type_text) else {
            notes.error(row, "lao_type", format!("ไม่รู้จักประเภท อปท. “{type_text}”"));
            continue;
        };
        let name_th = cell(r, col, "name_th").to_string();
        let full_name_th = cell(r, col, "name_th_full").to_string();
        if name_th.is_empty() || full_name_th.is_empty() {
            let field = if name_th.is_empty() {
                "name_th"
            } else {
                "name_th_full"
            };
            notes.error(row, field, "ไม่ได้กรอกชื่อ อปท.".into());
            continue;
        }
        let mut ok = true;
        // a municipality that spans districts lists them all; the first is where its office is
        let mut area = |field: &'static str,
                        level: Level,
                        required: bool,
                        notes: &mut Notes|
         -> Option<String> {
            let all = code_cell(r, col, field);
            let c = all.split_whitespace().next().unwrap_or("").to_string();
            for other in all.split_whitespace().skip(1) {
                ok &= check_code(other, level, row, field, notes);
            }
            if c.is_empty() {
                if required {
                    notes.error(row, field, format!("ไม่ได้กรอกรหัส{}", level.th()));
                    ok = false;
                }
                return None;
            }
            if !check_code(&c, level, row, field, notes) {
                ok = false;
                return None;
            }
            let found = known.current_code(&c, level, &mut notes.on(row, field));
            ok &= found.is_some();
            found
        };
        let province = area("province_code", Level::Province, true, notes);
        let district = area("district_code", Level::District, false, notes);
        let tambon = area("tambon_code", Level::Tambon, false, notes);
        let mut coverage = Vec::new();
        for item in code_cell(r, col, "coverage").split_whitespace() {
            let (code, extent) = item.split_once(':').unwrap_or((item, ""));
            let extent = match extent {
                "completely" | "complete" | "ทั้งหมด" => "complete",
                "partially" | "partial" | "บางส่วน" => "partial",
                other => {
                    notes.error(
                        row,
                        "coverage",
                        format!("ขอบเขต “{other}” ของพื้นที่ {code} ต้องเป็น completely หรือ partially"),
                    );
                    ok = false;
                    continue;
                }
            };
            let Some(level) =
                Level::of_code(code).filter(|l| matches!(l, Level::Province | Level::Tambon))
            else {
                notes.error(
                    row,
                    "coverage",
                    format!("พื้นที่รับผิดชอบ “{code}” ต้องเป็นรหัสตำบล (หรือรหัสจังหวัดสำหรับ อบจ.)"),
                );
                ok = false;
                continue;
            };
            match known.current_code(code, level, &mut notes.on(row, "coverage")) {
                Some(c) if !coverage.iter().any(|(x, _)| *x == c) => coverage.push((c, extent)),
                Some(_) => {}
                None => ok = false,
            }
        }
        if coverage.is_empty() && ok {
            notes.warn(
                row,
                "coverage",
                format!("{full_name_th} ไม่มีพื้นที่รับผิดชอบในไฟล์"),
            );
        }
        let (Some(province_code), true) = (province, ok) else {
            continue;
        };
        let dla = code_cell(r, col, "dola_code");
        let key = if !dla.is_empty() && dla_count.get(&dla) == Some(&1) {
            dla.clone()
        } else {
            format!(
                "{kind}:{}:{name_th}",
                district.as_deref().unwrap_or(&province_code)
            )
        };
        if let Some(first) = seen.get(&key) {
            notes.error(
                row,
                "name_th_full",
                format!("{full_name_th} ซ้ำกับแถวที่ {first}"),
            );
            continue;
        }
        seen.insert(key.clone(), row);
        out.push(LaoRow {
            key,
            dla_code: (!dla.is_empty()).then_some(dla),
            kind: kind.to_string(),
            name_th,
            full_name_th,
            name_en: cell(r, col, "name_en").to_string(),
            province_code,
            district_code: district,
            office_tambon_code: tambon,
            coverage,
        });
    }
    out
}

pub(super) async fn write_laos(tx: &mut Tx, rows: Vec<LaoRow>, report: &mut Report) -> anyhow::Result<()> {
    let existing: HashSet<String> = db::query_scalar("SELECT lao_key FROM laos")
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    let mut values = Vec::with_capacity(rows.len());
    for l in &rows {
        if existing.contains(&l.key) {
            report.updated += 1;
        } else {
            report.inserted += 1;
        }
        values.push(vec![
            Value::Text(Some(l.key.clone())),
            Value::Text(l.dla_code.clone()),
            Value::Text(Some(l.kind.clone())),
            Value::Text(Some(l.name_th.clone())),
            Value::Text(Some(l.full_name_th.clone())),
            Value::Text(Some(l.name_en.clone())),
            Value::Text(Some(l.province_code.clone())),
            Value::Text(l.district_code.clone()),
            Value::Text(l.office_tambon_code.clone()),
        ]);
    }
    insert_rows(
        &mut *tx,
        "INSERT INTO laos (lao_key, dla_code, kind, name_th, full_name_th, name_en, province_code, district_code, office_tambon_code)",
        "ON CONFLICT (lao_key) DO UPDATE SET dla_code = excluded.dla_code, kind = excluded.kind, name_th = excluded.name_th, \
         full_name_th = excluded.full_name_th, name_en = excluded.name_en, province_code = excluded.province_code, \
         district_code = excluded.district_code, office_tambon_code = excluded.office_tambon_code",
        values,
    )
    .await?;
    let ids: HashMap<String, i64> = db::query_as::<(String, i64)>("SELECT lao_key, id FROM laos")
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    let mut coverage = Vec::new();
    for l in &rows {
        let id = ids[&l.key];
        if existing.contains(&l.key) {
            db::query("DELETE FROM lao_coverage WHERE lao_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for (code, extent) in &l.coverage {
            coverage.push(vec![
                Value::Int(Some(id)),
                Value::Text(Some(code.clone())),
                Value::Text(Some((*extent).into())),
            ]);
        }
    }
    insert_rows(
        &mut *tx,
        "INSERT INTO lao_coverage (lao_id, area_code, extent)",
        "",
        coverage,
    )
    .await
}
