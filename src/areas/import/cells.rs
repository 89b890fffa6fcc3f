//! One cell of a row, and the DOPA code in it.

use super::report::Notes;
use crate::areas::codes::Level;

pub(super) type Rows = [(u64, csv::StringRecord)];

pub(super) fn cell<'a>(r: &'a csv::StringRecord, col: &dyn Fn(&str) -> Option<usize>, name: &str) -> &'a str {
    col(name).and_then(|i| r.get(i)).unwrap_or("").trim()
}

/// A code as typed, Thai digits allowed.
pub(super) fn code_cell(r: &csv::StringRecord, col: &dyn Fn(&str) -> Option<usize>, name: &str) -> String {
    crate::thai::to_arabic_digits(cell(r, col, name))
}

pub(super) fn check_code(code: &str, level: Level, row: u64, field: &str, notes: &mut Notes) -> bool {
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
