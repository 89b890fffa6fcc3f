//! Reading what users upload: the first sheet of an Excel workbook as rows of text, within
//! limits. A workbook says how big it is in its own XML, and a reader that trusts it can be made
//! to reserve gigabytes by one far-away cell (`XFD1048576`); this one streams the cells, keeps
//! only those that hold something, and refuses a sheet beyond the limits before it grows.

pub mod sheet;

#[cfg(test)]
pub(crate) mod fuzz;

use crate::error::Problem;
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;

/// How large an uploaded sheet may be.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Rows counted from the top of the sheet (Excel's row number).
    pub rows: u32,
    /// Columns counted from A.
    pub columns: u32,
}

/// Enough for a village plan or a five-year local plan, far below what hurts the server.
pub const IMPORT: Limits = Limits {
    rows: 5_000,
    columns: 64,
};

/// The most problems an import lists; the rest are counted.
pub const MAX_PROBLEMS: usize = 100;

/// The rows of the first sheet that hold something, each with its Excel row number (from 1)
/// and its cells as text (from column A; cells left empty are "").
///
/// A file that trips the workbook reader itself is refused as not a workbook: one that claims
/// more shared strings than it holds (the reader reserves room for them all before reading one,
/// and a failed allocation aborts the server), or one whose malformed references overflow the
/// reader's arithmetic (a panic in a debug build).
pub fn first_sheet(
    bytes: &[u8],
    limits: Limits,
    text: impl Fn(&Data) -> String,
) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    if claims_more_strings_than_it_holds(bytes) {
        return Err(Problem::NotXlsx);
    }
    let mut wb: Xlsx<_> = reader(|| calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)))?;
    let name = wb.sheet_names().first().cloned().ok_or(Problem::NotXlsx)?;
    let mut cells = reader(|| wb.worksheet_cells_reader(&name))?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(cell) = reader(|| cells.next_cell())? {
        let value = text(&Data::from(cell.get_value().clone()));
        if value.trim().is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= limits.rows {
            return Err(Problem::SheetTooLong {
                row: u64::from(row) + 1,
                max: limits.rows,
            });
        }
        if col >= limits.columns {
            return Err(Problem::SheetTooWide {
                row: u64::from(row) + 1,
                max: limits.columns,
            });
        }
        let line = rows.entry(row).or_default();
        if line.len() <= col as usize {
            line.resize(col as usize + 1, String::new());
        }
        line[col as usize] = value;
    }
    Ok(rows
        .into_iter()
        .map(|(r, cells)| (r as usize + 1, cells))
        .collect())
}

/// One step of the workbook reader: its errors, and its panics, refuse the file.
fn reader<T>(step: impl FnOnce() -> Result<T, calamine::XlsxError>) -> Result<T, Problem> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)) {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(_)) | Err(_) => Err(Problem::NotXlsx),
    }
}

/// Whether a shared-strings part says it has more strings (`uniqueCount="…"`, read as the
/// workbook reader reads it) than its bytes have room for: each takes at least `<si/>`.
/// A part that cannot be read counts as claiming too many, and a file that is no zip is no
/// workbook either.
fn claims_more_strings_than_it_holds(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return true;
    };
    for i in 0..zip.len() {
        let shared_strings = zip.name_for_index(i).is_some_and(|n| {
            n.replace('\\', "/")
                .to_ascii_lowercase()
                .ends_with("sharedstrings.xml")
        });
        if !shared_strings {
            continue;
        }
        let Ok(part) = zip.by_index(i) else {
            return true;
        };
        match largest_unique_count(part) {
            Some((claimed, len)) if claimed <= (len / 5).max(1) => {}
            _ => return true,
        }
    }
    false
}

/// The largest `uniqueCount` in an XML part, and the part's length; None if it cannot be read.
/// Read as the workbook reader reads it: any spaces around "=", either quote, any number of
/// leading zeros, and nothing but digits (else the reader ignores the count).
fn largest_unique_count(mut part: impl std::io::Read) -> Option<(u64, u64)> {
    const KEY: &[u8; 11] = b"uniqueCount";
    #[derive(Clone, Copy)]
    enum At {
        Key,
        Equals,
        Quote,
        Digits { quote: u8, n: u64 },
    }
    let (mut at, mut last, mut largest, mut len) = (At::Key, [0u8; 11], 0u64, 0u64);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let read = match part.read(&mut buf) {
            Ok(0) => return Some((largest, len)),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        len += read as u64;
        for &b in &buf[..read] {
            at = match at {
                At::Equals | At::Quote if b.is_ascii_whitespace() => at,
                At::Equals if b == b'=' => At::Quote,
                At::Quote if b == b'"' || b == b'\'' => At::Digits { quote: b, n: 0 },
                At::Digits { quote, n } if b.is_ascii_digit() => At::Digits {
                    quote,
                    n: n.saturating_mul(10).saturating_add(u64::from(b - b'0')),
                },
                At::Digits { quote, n } if b == quote => {
                    largest = largest.max(n);
                    At::Key
                }
                // anything else: not a count the reader takes; look for the next one from here
                _ => {
                    last.copy_within(1.., 0);
                    last[10] = b;
                    if &last == KEY { At::Equals } else { At::Key }
                }
            };
        }
    }
}

/// Keeps the first `MAX_PROBLEMS` of a list and says how many more there were.
pub fn at_most<T>(mut list: Vec<T>, more: impl FnOnce(usize) -> T) -> Vec<T> {
    if list.len() > MAX_PROBLEMS {
        let rest = list.len() - MAX_PROBLEMS;
        list.truncate(MAX_PROBLEMS);
        list.push(more(rest));
    }
    list
}
