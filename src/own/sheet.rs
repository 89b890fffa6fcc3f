//! A spreadsheet as rows of text: an Excel workbook's first sheet or a CSV file (UTF-8 or
//! TIS-620), each row with its number as the spreadsheet shows it.

use crate::error::Problem;
use calamine::{Data, Reader, Xlsx};

pub(super) type Rows = Vec<(usize, Vec<String>)>;

/// The rows of the file; an .xlsx is told by its zip signature, anything else is read as CSV.
pub(super) fn rows(bytes: &[u8]) -> Result<Rows, Problem> {
    if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)
    } else {
        csv_rows(bytes)
    }
}

fn xlsx_rows(bytes: &[u8]) -> Result<Rows, Problem> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| Problem::NotSpreadsheet)?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or(Problem::NotSpreadsheet)?
        .map_err(|_| Problem::NotSpreadsheet)?;
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            // columns left of the used range are empty cells, so column positions match the sheet
            let mut cells = vec![String::new(); start_col as usize];
            cells.extend(row.iter().map(cell_text));
            (start_row as usize + i + 1, cells)
        })
        .collect())
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
