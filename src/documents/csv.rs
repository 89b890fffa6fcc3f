//! CSV: the tables only, for other systems and for Excel users who want raw figures. UTF-8
//! with a byte-order mark (without it Excel reads Thai as Windows-874 garbage), Arabic
//! digits, plain numbers (495000.00, 33.33), dates as dd/mm/yyyy in the Buddhist era.
//! Tables are separated by an empty line; the heading that precedes a table comes first,
//! on a line of its own, so the parts of a report stay apart.

use super::{Cell, Document, NO_DATA, Section};
use crate::thai::fiscal::BE_OFFSET;
use crate::thai::to_arabic_digits;

/// Text as a spreadsheet will not run it: a cell that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) is opened by Excel as one, so it gets a leading `'`.
fn inert(s: &str) -> String {
    let s = to_arabic_digits(s);
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s,
    }
}

fn field(c: &Cell) -> String {
    match c {
        Cell::Text(s) => inert(s),
        Cell::Int(n) => n.to_string(),
        Cell::Baht(st) => {
            let sign = if *st < 0 { "-" } else { "" };
            let a = st.unsigned_abs();
            format!("{sign}{}.{:02}", a / 100, a % 100)
        }
        Cell::Percent(p) => super::percent_text(*p),
        Cell::Date(d) => format!(
            "{:02}/{:02}/{}",
            d.day(),
            d.month() as u8,
            d.year() + BE_OFFSET
        ),
        Cell::Empty => String::new(),
    }
}

pub fn csv(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut heading: Option<&str> = None;
    let mut tables = 0;
    for section in &doc.sections {
        match section {
            Section::Heading(h) => heading = Some(h),
            Section::Table(t) => {
                if tables > 0 {
                    out.extend_from_slice(b"\r\n");
                }
                let mut w = writer();
                if let Some(h) = heading.take() {
                    w.write_record([to_arabic_digits(h)])?;
                }
                w.write_record(t.columns.iter().map(|c| to_arabic_digits(&c.title)))?;
                if t.rows.is_empty() {
                    w.write_record([NO_DATA])?;
                }
                for r in t.rows.iter().chain(t.total.iter()) {
                    w.write_record(r.iter().map(field))?;
                }
                out.extend(done(w)?);
                tables += 1;
            }
            _ => {}
        }
    }
    if tables == 0 {
        let mut w = writer();
        w.write_record([NO_DATA])?;
        out.extend(done(w)?);
    }
    Ok(out)
}

/// One writer per table: an empty record between tables would come out as `""`.
fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .flexible(true)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn done(w: ::csv::Writer<Vec<u8>>) -> anyhow::Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("writing the CSV file: {e}"))
}

#[cfg(test)]
mod tests {
    use super::super::{Align, Column, Table};
    use super::*;

    #[test]
    fn a_title_that_looks_like_a_formula_stays_text() {
        let titles = [
            "=HYPERLINK(\"http://evil.example\",\"ดูรายละเอียด\")",
            "+cmd|' /C calc'!A0",
            "@SUM(A1:A9)",
            "-2+3+cmd|' /C calc'!A0",
            "\tล้อมรั้ว",
            "ถนน คสล. = 200 ม.",
        ];
        let doc = Document {
            title: "t".into(),
            sections: vec![Section::Table(Table {
                columns: vec![Column::new("โครงการ", Align::Left)],
                rows: titles.iter().map(|t| vec![Cell::text(*t)]).collect(),
                total: None,
            })],
            ..Default::default()
        };
        let out = String::from_utf8(csv(&doc).unwrap()).unwrap();
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(out.trim_start_matches('\u{feff}').as_bytes());
        let cells: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
        for (cell, title) in cells.iter().zip(titles) {
            if title.starts_with(['=', '+', '-', '@', '\t']) {
                assert_eq!(*cell, format!("'{title}"));
            } else {
                assert_eq!(cell, title);
            }
        }
        assert_eq!(cells.len(), titles.len());
    }
}
