//! What an import reports: notes on rows, and what was written.

use super::FileKind;
use serde::Serialize;

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
#[derive(Debug, Clone, Default, Serialize)]
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

pub(super) struct Notes {
    pub(super) file: String,
    pub(super) errors: Vec<RowNote>,
    pub(super) warnings: Vec<RowNote>,
}

impl Notes {
    pub(super) fn error(&mut self, row: u64, field: &str, message: String) {
        self.errors.push(RowNote {
            file: self.file.clone(),
            row,
            field: field.into(),
            message,
        });
    }
    pub(super) fn warn(&mut self, row: u64, field: &str, message: String) {
        self.warnings.push(RowNote {
            file: self.file.clone(),
            row,
            field: field.into(),
            message,
        });
    }
    /// A callback for `Known::current_code`: true = error, false = warning.
    pub(super) fn on(&mut self, row: u64, field: &'static str) -> impl FnMut(bool, String) + '_ {
        move |is_error, m| {
            if is_error {
                self.error(row, field, m)
            } else {
                self.warn(row, field, m)
            }
        }
    }
}
