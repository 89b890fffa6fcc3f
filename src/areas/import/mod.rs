//! Importing and refreshing area data from CSV files (the formats of `data/areas/`).
//! Every file is checked whole first; if any row is wrong nothing is written, and each
//! problem is reported with its row and column, in Thai. Rows are added or updated, never
//! deleted: plans refer to areas, and DOPA retires codes through the abolished list instead.

mod abolished;
mod cells;
mod file_kind;
mod known;
mod laos;
mod postal;
mod report;
mod tree;

#[cfg(test)]
mod fuzz;

pub use file_kind::FileKind;
pub use report::{Report, RowNote};

use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::thai::encoding::{TextEncoding, decode_text};
use abolished::{AbolishedRow, check_abolished, write_abolished};
use known::Known;
use laos::{LaoRow, check_laos, write_laos};
use postal::{check_postal, write_postal};
use report::Notes;
use tree::{AreaRow, check_areas, check_villages, write_areas};

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
    let mut report = Report::default();
    let mut known = Known::load(db).await?;
    let mut decoded = Vec::new();
    for (name, bytes) in files {
        if let Some((kind, headers, rows)) = read_csv(name, bytes, &mut report) {
            decoded.push((name.clone(), kind, headers, rows));
        }
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

/// A file read as CSV: its kind, its header and its rows, each with the line it starts on.
/// What cannot be read is noted in `report`; None when the file as a whole cannot be used.
#[allow(clippy::type_complexity)]
fn read_csv(
    name: &str,
    bytes: &[u8],
    report: &mut Report,
) -> Option<(FileKind, Vec<String>, Vec<(u64, csv::StringRecord)>)> {
    let err = |message: String| RowNote {
        file: name.to_string(),
        row: 0,
        field: String::new(),
        message,
    };
    let Some((text, encoding)) = decode_text(bytes) else {
        report.errors.push(err(
            "ไฟล์ไม่ใช่ข้อความ CSV ที่อ่านได้ (ต้องเข้ารหัส UTF-8 หรือ TIS-620/Windows-874)".into(),
        ));
        return None;
    };
    if encoding == TextEncoding::Windows874 {
        report.warnings.push(err(
            "ไฟล์เข้ารหัส TIS-620/Windows-874: อ่านเป็นภาษาไทยและบันทึกเป็น UTF-8 แล้ว".into(),
        ));
    }
    // line endings as "\n": after a "\r\n" the reader counts the next record's line one short
    let text = text.replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            report.errors.push(err(format!("อ่านหัวตารางไม่ได้: {e}")));
            return None;
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
        return None;
    };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => rows.push((r.position().map(|p| p.line()).unwrap_or(i as u64 + 2), r)),
            Err(e) => {
                let row = e.position().map(|p| p.line()).unwrap_or(i as u64 + 2);
                report.errors.push(RowNote {
                    file: name.to_string(),
                    row,
                    field: String::new(),
                    message: format!("จำนวนคอลัมน์หรือเครื่องหมายคำพูดไม่ถูกต้อง ({e})"),
                });
            }
        }
    }
    Some((kind, headers, rows))
}
