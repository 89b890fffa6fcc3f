//! CSV: the tables only, for other systems and for Excel users who want raw figures. UTF-8
//! with a byte-order mark (without it Excel reads Thai as Windows-874 garbage), Arabic
//! digits, plain numbers (495000.00, 33.33), dates as dd/mm/yyyy in the Buddhist era.
//! Tables are separated by an empty line; the heading that precedes a table comes first,
//! on a line of its own, so the parts of a report stay apart.

use super::{Cell, Document, NO_DATA, Section};
use crate::thai::fiscal::BE_OFFSET;
use crate::thai::to_arabic_digits;

fn field(c: &Cell) -> String {
    match c {
        Cell::Text(s) => to_arabic_digits(s),
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
