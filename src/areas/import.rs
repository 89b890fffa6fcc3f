//! Importing and refreshing area data from CSV files (the formats of `data/areas/`).
//! Every file is checked whole first; if any row is wrong nothing is written, and each
//! problem is reported with its row and column, in Thai. Rows are added or updated, never
//! deleted: plans refer to areas, and DOPA retires codes through the abolished list instead.

use super::codes::Level;
use crate::audit::{self, Actor, Change};
use crate::db::Value;
use crate::db::bulk::insert_rows;
use crate::db::{self, Db, Tx};
use crate::thai::encoding::{TextEncoding, decode_text};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The kinds of file, recognised by their header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Areas,
    Villages,
    Laos,
    PostalCodes,
    Abolished,
}

impl FileKind {
    const ALL: [FileKind; 5] = [
        FileKind::Abolished,
        FileKind::Areas,
        FileKind::Villages,
        FileKind::Laos,
        FileKind::PostalCodes,
    ];

    fn required(self) -> &'static [&'static str] {
        match self {
            FileKind::Areas => &["code", "level", "parent_code", "name_th", "name_en"],
            FileKind::Villages => &["code", "tambon_code", "moo", "name_th", "name_en"],
            FileKind::Laos => &[
                "name_th_full",
                "lao_type",
                "name_th",
                "name_en",
                "district_code",
                "province_code",
                "tambon_code",
                "coverage",
                "dola_code",
            ],
            FileKind::PostalCodes => &["tambon_code", "postal_codes"],
            FileKind::Abolished => &[
                "code",
                "level",
                "parent_code",
                "name_th",
                "abolished_on",
                "successor_codes",
            ],
        }
    }

    /// The most specific kind whose columns are all present.
    fn detect(headers: &[String]) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|k| k.required().iter().all(|c| headers.iter().any(|h| h == c)))
    }

    pub fn th(self) -> &'static str {
        match self {
            FileKind::Areas => "จังหวัด อำเภอ ตำบล",
            FileKind::Villages => "หมู่บ้าน",
            FileKind::Laos => "องค์กรปกครองส่วนท้องถิ่น",
            FileKind::PostalCodes => "รหัสไปรษณีย์",
            FileKind::Abolished => "รหัสพื้นที่ที่ถูกยกเลิก",
        }
    }
}

/// A problem or warning about one row (row 1 is the header, as a spreadsheet numbers it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowNote {
    pub file: String,
    pub row: u64,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for RowNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.row, self.field.is_empty()) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (row, true) => write!(f, "{} แถวที่ {row}: {}", self.file, self.message),
            (row, false) => write!(
                f,
                "{} แถวที่ {row} คอลัมน์ {}: {}",
                self.file, self.field, self.message
            ),
        }
    }
}

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub files: Vec<(String, Option<FileKind>, usize)>,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub warnings: Vec<RowNote>,
    pub errors: Vec<RowNote>,
}

impl Report {
    pub fn written(&self) -> bool {
        self.errors.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
struct AreaRow {
    code: String,
    level: Level,
    parent_code: Option<String>,
    name_th: String,
    name_en: String,
    moo: Option<i64>,
}

#[derive(Debug, Clone)]
struct AbolishedRow {
    code: String,
    level: String,
    parent_code: Option<String>,
    name_th: String,
    name_en: String,
    abolished_on: String,
    successors: Vec<String>,
}

#[derive(Debug, Clone)]
struct LaoRow {
    key: String,
    dla_code: Option<String>,
    kind: String,
    name_th: String,
    full_name_th: String,
    name_en: String,
    province_code: String,
    district_code: Option<String>,
    office_tambon_code: Option<String>,
    coverage: Vec<(String, &'static str)>,
}

/// What the database and the files read so far say exists: checks see rows of earlier files.
struct Known {
    areas: HashMap<String, AreaRow>,
    postal: HashMap<String, String>,
    abolished: HashMap<String, (Vec<String>, String, String)>,
    new_areas: HashMap<String, AreaRow>,
}

impl Known {
    async fn load(db: &Db) -> anyhow::Result<Known> {
        let rows: Vec<(
            String,
            Level,
            Option<String>,
            String,
            String,
            Option<i64>,
            String,
        )> = db::query_as(
            "SELECT code, level, parent_code, name_th, name_en, moo, postal_codes FROM areas",
        )
        .fetch_all(db)
        .await?;
        let mut areas = HashMap::with_capacity(rows.len());
        let mut postal = HashMap::new();
        for (code, level, parent_code, name_th, name_en, moo, postal_codes) in rows {
            postal.insert(code.clone(), postal_codes);
            areas.insert(
                code.clone(),
                AreaRow {
                    code,
                    level,
                    parent_code,
                    name_th,
                    name_en,
                    moo,
                },
            );
        }
        let abolished = db::query_as::<(String, String, String, Option<String>)>(
            "SELECT code, successor_codes, name_th, abolished_on FROM abolished_areas",
        )
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(code, s, name, on)| {
            (
                code,
                (
                    s.split_whitespace().map(String::from).collect(),
                    name,
                    on.unwrap_or_default(),
                ),
            )
        })
        .collect();
        Ok(Known {
            areas,
            postal,
            abolished,
            new_areas: HashMap::new(),
        })
    }

    fn level_of(&self, code: &str) -> Option<Level> {
        self.new_areas
            .get(code)
            .or_else(|| self.areas.get(code))
            .map(|a| a.level)
    }

    /// The current code for `code`: itself, or its only successor (with a warning).
    fn current_code(
        &self,
        code: &str,
        level: Level,
        note: &mut dyn FnMut(bool, String),
    ) -> Option<String> {
        if self.level_of(code) == Some(level) {
            return Some(code.to_string());
        }
        if let Some((successors, name, on)) = self.abolished.get(code) {
            if let [only] = successors.as_slice()
                && self.level_of(only) == Some(level)
            {
                note(
                    false,
                    format!(
                        "รหัส{} {code} ({name}) ถูกยกเลิกเมื่อ {on} ใช้รหัสใหม่ {only} แทน",
                        level.th()
                    ),
                );
                return Some(only.clone());
            }
            let detail = if successors.is_empty() {
                "ไม่มีรหัสที่ใช้แทน".to_string()
            } else {
                format!("ถูกแยกเป็น {} โปรดระบุรหัสใหม่", successors.join(", "))
            };
            note(
                true,
                format!("รหัส{} {code} ({name}) ถูกยกเลิกเมื่อ {on} {detail}", level.th()),
            );
            return None;
        }
        note(true, format!("ไม่พบ{}รหัส {code}", level.th()));
        None
    }
}

/// One checked file, ready to write.
enum Parsed {
    Areas(Vec<AreaRow>),
    PostalCodes(Vec<(String, String)>),
    Abolished(Vec<AbolishedRow>),
    Laos(Vec<LaoRow>),
}

/// Reads, checks and (when every row is right) writes the files in one transaction.
/// Files may come in any order: a batch is checked in dependency order.
pub async fn import_files(
    db: &Db,
    actor: &Actor,
    files: &[(String, Vec<u8>)],
) -> anyhow::Result<Report> {
    let mut report = Report {
        files: vec![],
        inserted: 0,
        updated: 0,
        unchanged: 0,
        warnings: vec![],
        errors: vec![],
    };
    let mut known = Known::load(db).await?;
    let mut decoded = Vec::new();
    for (name, bytes) in files {
        let err = |message: String| RowNote {
            file: name.clone(),
            row: 0,
            field: String::new(),
            message,
        };
        let Some((text, encoding)) = decode_text(bytes) else {
            report.errors.push(err(
                "ไฟล์ไม่ใช่ข้อความ CSV ที่อ่านได้ (ต้องเข้ารหัส UTF-8 หรือ TIS-620/Windows-874)".into(),
            ));
            continue;
        };
        if encoding == TextEncoding::Windows874 {
            report.warnings.push(err(
                "ไฟล์เข้ารหัส TIS-620/Windows-874: อ่านเป็นภาษาไทยและบันทึกเป็น UTF-8 แล้ว".into(),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
            Err(e) => {
                report.errors.push(err(format!("อ่านหัวตารางไม่ได้: {e}")));
                continue;
            }
        };
        let Some(kind) = FileKind::detect(&headers) else {
            let expected: Vec<String> = FileKind::ALL
                .iter()
                .map(|k| format!("{} ({})", k.th(), k.required().join(", ")))
                .collect();
            report.errors.push(err(format!(
                "คอลัมน์ไม่ตรงกับแบบไฟล์ใด พบคอลัมน์: {}; ต้องเป็นแบบใดแบบหนึ่ง: {}",
                headers.join(", "),
                expected.join("; ")
            )));
            continue;
        };
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            match record {
                Ok(r) => rows.push((r.position().map(|p| p.line()).unwrap_or(i as u64 + 2), r)),
                Err(e) => {
                    let row = e.position().map(|p| p.line()).unwrap_or(i as u64 + 2);
                    report.errors.push(RowNote {
                        file: name.clone(),
                        row,
                        field: String::new(),
                        message: format!("จำนวนคอลัมน์หรือเครื่องหมายคำพูดไม่ถูกต้อง ({e})"),
                    });
                }
            }
        }
        decoded.push((name.clone(), kind, headers, rows));
    }
    decoded.sort_by_key(|(_, kind, _, _)| FileKind::ALL.iter().position(|k| k == kind));

    let mut parsed = Vec::new();
    for (name, kind, headers, rows) in &decoded {
        let col = |n: &str| headers.iter().position(|h| h == n);
        let mut notes = Notes {
            file: name.clone(),
            errors: vec![],
            warnings: vec![],
        };
        let p = match kind {
            FileKind::Areas => Parsed::Areas(check_areas(&mut known, rows, &col, &mut notes)),
            FileKind::Villages => Parsed::Areas(check_villages(&mut known, rows, &col, &mut notes)),
            FileKind::PostalCodes => {
                Parsed::PostalCodes(check_postal(&known, rows, &col, &mut notes))
            }
            FileKind::Abolished => {
                Parsed::Abolished(check_abolished(&mut known, rows, &col, &mut notes))
            }
            FileKind::Laos => Parsed::Laos(check_laos(&known, rows, &col, &mut notes)),
        };
        report.files.push((name.clone(), Some(*kind), rows.len()));
        report.errors.append(&mut notes.errors);
        report.warnings.append(&mut notes.warnings);
        parsed.push(p);
    }
    if !report.errors.is_empty() {
        report
            .errors
            .sort_by(|a, b| (&a.file, a.row).cmp(&(&b.file, b.row)));
        return Ok(report);
    }

    let mut tx = db.begin_write().await?;
    for p in parsed {
        match p {
            Parsed::Areas(rows) => write_areas(&mut tx, actor, &known, rows, &mut report).await?,
            Parsed::PostalCodes(rows) => write_postal(&mut tx, &known, rows, &mut report).await?,
            Parsed::Abolished(rows) => write_abolished(&mut tx, rows, &mut report).await?,
            Parsed::Laos(rows) => write_laos(&mut tx, rows, &mut report).await?,
        }
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    audit::record(
        &mut tx,
        actor,
        Change {
            action: "import",
            entity: "area_data",
            entity_key: names.join(", "),
            area_code: String::new(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({
                "inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged,
                "warnings": report.warnings.len(),
            })),
            note: format!("นำเข้าข้อมูลพื้นที่ {} ไฟล์", files.len()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

struct Notes {
    file: String,
    errors: Vec<RowNote>,
    warnings: Vec<RowNote>,
}

impl Notes {
    fn error(&mut self, row: u64, field: &str, message: String) {
        self.errors.push(RowNote {
            file: self.file.clone(),
            row,
            field: field.into(),
            message,
        });
    }
    fn warn(&mut self, row: u64, field: &str, message: String) {
        self.warnings.push(RowNote {
            file: self.file.clone(),
            row,
            field: field.into(),
            message,
        });
    }
    /// A callback for `Known::current_code`: true = error, false = warning.
    fn on(&mut self, row: u64, field: &'static str) -> impl FnMut(bool, String) + '_ {
        move |is_error, m| {
            if is_error {
                self.error(row, field, m)
            } else {
                self.warn(row, field, m)
            }
        }
    }
}

type Rows = [(u64, csv::StringRecord)];

fn cell<'a>(r: &'a csv::StringRecord, col: &dyn Fn(&str) -> Option<usize>, name: &str) -> &'a str {
    col(name).and_then(|i| r.get(i)).unwrap_or("").trim()
}

/// A code as typed, Thai digits allowed.
fn code_cell(r: &csv::StringRecord, col: &dyn Fn(&str) -> Option<usize>, name: &str) -> String {
    crate::thai::to_arabic_digits(cell(r, col, name))
}

fn check_code(code: &str, level: Level, row: u64, field: &str, notes: &mut Notes) -> bool {
    if Level::of_code(code) == Some(level) {
        return true;
    }
    if code.is_empty() {
        notes.error(row, field, format!("ไม่ได้กรอกรหัส{}", level.th()));
    } else {
        notes.error(
            row,
            field,
            format!(
                "รหัส{} “{code}” ต้องเป็นตัวเลข {} หลัก",
                level.th(),
                level.code_len()
            ),
        );
    }
    false
}

fn check_areas(
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

fn check_villages(
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

fn check_postal(
    known: &Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(rows.len());
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
        out.push((
            tambon,
            codes.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    out
}

fn check_abolished(
    known: &mut Known,
    rows: &Rows,
    col: &dyn Fn(&str) -> Option<usize>,
    notes: &mut Notes,
) -> Vec<AbolishedRow> {
    let mut out = Vec::with_capacity(rows.len());
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

fn lao_kind(t: &str) -> Option<&'static str> {
    super::LaoKind::parse(t).map(super::LaoKind::as_str)
}

fn check_laos(
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

fn area_json(a: &AreaRow) -> serde_json::Value {
    serde_json::json!({"name_th": a.name_th, "name_en": a.name_en, "parent_code": a.parent_code, "moo": a.moo})
}

async fn write_areas(
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

async fn write_postal(
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

async fn write_abolished(
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

async fn write_laos(tx: &mut Tx, rows: Vec<LaoRow>, report: &mut Report) -> anyhow::Result<()> {
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
