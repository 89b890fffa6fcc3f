//! A spreadsheet as rows of text: an Excel workbook's first sheet or a CSV file (UTF-8 or
//! TIS-620), each row with its number as the spreadsheet shows it.

use crate::error::Problem;
use calamine::Data;

pub(crate) type Rows = Vec<(usize, Vec<String>)>;

/// Where a table's header is: the first of the first twenty rows with a cell naming the `key`
/// column (a title row may stand above it), and what each of its cells names.
pub(crate) fn header<C: Copy + PartialEq>(
    rows: &Rows,
    column_of: impl Fn(&str) -> Option<C>,
    key: C,
) -> Option<(usize, Vec<Option<C>>)> {
    let at = rows
        .iter()
        .take(20)
        .position(|(_, cells)| cells.iter().any(|c| column_of(c) == Some(key)))?;
    Some((at, rows[at].1.iter().map(|c| column_of(c)).collect()))
}

/// The rows below the header `at` that are not blank.
pub(crate) fn filled(rows: &Rows, at: usize) -> impl Iterator<Item = &(usize, Vec<String>)> {
    rows[at + 1..]
        .iter()
        .filter(|(_, cells)| !cells.iter().all(|c| c.trim().is_empty()))
}

/// The rows of the file; an .xlsx is told by its zip signature, anything else is read as CSV.
pub(crate) fn rows(bytes: &[u8]) -> Result<Rows, Problem> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)
    } else {
        csv_rows(bytes)
    }
}

/// The first sheet, streamed within `uploads::IMPORT` (a far-away cell cannot exhaust memory).
fn xlsx_rows(bytes: &[u8]) -> Result<Rows, Problem> {
    crate::uploads::first_sheet(bytes, crate::uploads::IMPORT, cell_text).map_err(|p| match p {
        Problem::NotXlsx => Problem::NotSpreadsheet,
        other => other,
    })
}

/// A cell as the text a person would have typed: whole numbers without ".0".
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f:.2}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

fn csv_rows(bytes: &[u8]) -> Result<Rows, Problem> {
    let (text, _) = crate::thai::encoding::decode_text(bytes).ok_or(Problem::NotSpreadsheet)?;
    // line endings as "\n": after a "\r\n" the reader would count the next record's line one short
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = |p: Option<&csv::Position>| p.map(|p| p.line()).unwrap_or(i as u64 + 1);
        if i as u32 >= crate::uploads::IMPORT.rows {
            return Err(Problem::SheetTooLong {
                row: i as u64 + 1,
                max: crate::uploads::IMPORT.rows,
            });
        }
        match record {
            Ok(r) => out.push((
                line(r.position()) as usize,
                r.iter().map(str::to_string).collect(),
            )),
            Err(e) => {
                return Err(Problem::CsvLine {
                    line: line(e.position()),
                    detail: e.to_string(),
                });
            }
        }
    }
    Ok(out)
}
