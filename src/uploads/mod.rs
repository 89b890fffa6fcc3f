//! Reading what users upload: the first sheet of an Excel workbook as rows of text, within
//! limits. A workbook says how big it is in its own XML, and a reader that trusts it can be made
//! to reserve gigabytes by one far-away cell (`XFD1048576`); this one streams the cells, keeps
//! only those that hold something, and refuses a sheet beyond the limits before it grows.

pub mod sheet;

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
pub fn first_sheet(
    bytes: &[u8],
    limits: Limits,
    text: impl Fn(&Data) -> String,
) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| Problem::NotXlsx)?;
    let name = wb.sheet_names().first().cloned().ok_or(Problem::NotXlsx)?;
    let mut cells = wb
        .worksheet_cells_reader(&name)
        .map_err(|_| Problem::NotXlsx)?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(|_| Problem::NotXlsx)? {
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

/// Keeps the first `MAX_PROBLEMS` of a list and says how many more there were.
pub fn at_most<T>(mut list: Vec<T>, more: impl FnOnce(usize) -> T) -> Vec<T> {
    if list.len() > MAX_PROBLEMS {
        let rest = list.len() - MAX_PROBLEMS;
        list.truncate(MAX_PROBLEMS);
        list.push(more(rest));
    }
    list
}
